//! The one place where the domain's verdicts become Chinese sentences: 判定依据 (why a status
//! was given) and the rules themselves, stated once for the settings dialog, the detail view
//! and the footnote of the exported tables.

use crate::input::{format_number, format_value, format_value_near};
use crate::model::{Comparison, Indicator, PlanInfo};
use crate::rules::{Basis, DefinitionProblem, Evaluation};

/// The unit in which a difference is spoken: a difference of rates is in 个百分点.
fn difference_unit(ind: &Indicator) -> &str {
    if ind.is_percent() {
        "个百分点"
    } else {
        ind.unit.as_str()
    }
}

fn comparison_words(cmp: Comparison) -> &'static str {
    match cmp {
        Comparison::AtLeast => "不低于",
        Comparison::MoreThan => "高于",
        Comparison::AtMost => "不高于",
        Comparison::LessThan => "低于",
        Comparison::Equal => "等于",
    }
}

/// A derived number with up to `decimals` places and no trailing zeros (95.84, 94.2, 120).
fn trimmed(x: f64, decimals: usize) -> String {
    let text = format_number(x, decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

fn points(gap: f64) -> String {
    format_number(gap.abs(), 1)
}

/// The year's value as shown beside its verdict: never rounded onto the threshold it is
/// judged against when it does not reach it.
pub fn value_text(eval: &Evaluation, ind: &Indicator) -> String {
    let Some(value) = eval.value else {
        return "—".to_owned();
    };
    if ind.kind == crate::model::IndicatorKind::YesNo {
        return format_value(value, ind);
    }
    let near = match &eval.basis {
        Basis::AgainstTarget { target, met, .. } if eval.cumulative.is_none() => {
            Some((*target, *met))
        }
        Basis::AgainstPath {
            expected, gap_pp, ..
        } if eval.cumulative.is_none() => Some((*expected, *gap_pp >= 0.0)),
        Basis::Threshold { threshold, met, .. } => Some((*threshold, *met)),
        Basis::Benchmark { benchmark, met, .. } => Some((*benchmark, *met)),
        _ => None,
    };
    match near {
        Some((threshold, reached)) => format_value_near(value, threshold, reached, ind),
        None => format_value(value, ind),
    }
}

/// 完成进度 as shown: a percentage, "已达到" where the base already met the target, or "—"
/// where a progress share means nothing (floors, yes/no, year over year, benchmarks).
pub fn progress_text(eval: &Evaluation) -> String {
    match eval.progress {
        Some(p) => crate::input::format_percent(Some(p)),
        None if eval.reached => "已达到".to_owned(),
        None => "—".to_owned(),
    }
}

/// The light with its symbol and, for a red binding indicator, 预警.
pub fn light_text(eval: &Evaluation) -> String {
    format!(
        "{}{}{}",
        eval.light.symbol(),
        eval.light.label(),
        if eval.warning { " 预警" } else { "" }
    )
}

/// The status word, with 达到力争目标 when the stretch target is reached.
pub fn status_text(eval: &Evaluation) -> String {
    if eval.stretch_reached {
        format!("{}（达到力争目标）", eval.status.label())
    } else {
        eval.status.label().to_owned()
    }
}

/// 判定依据: one line that says why the indicator got its status for the year.
pub fn basis_text(eval: &Evaluation, ind: &Indicator) -> String {
    let y = eval.year;
    let v = |x: f64| format_value(x, ind);
    let unit = difference_unit(ind);
    match &eval.basis {
        Basis::NoValue => format!("{y}年未填报实际值"),
        Basis::BadDefinition(DefinitionProblem::ComparisonAgainstWording) => format!(
            "比较方式“{}”与目标表述“{}”方向相反，请先更正指标定义",
            ind.comparison.symbol(),
            ind.target_text
        ),
        Basis::BadDefinition(DefinitionProblem::TargetBeforeBase) => {
            "目标年份早于基期年，请先更正指标定义".to_owned()
        }
        Basis::MissingBase => "缺少基期值，无法计算序时目标值；请补填基期值".to_owned(),
        Basis::MissingPrevious { previous_year } => {
            format!("缺少{previous_year}年数值，无法与上年比较")
        }
        Basis::MissingBenchmark => format!("缺少{y}年对照基准值，请在指标中填写"),
        Basis::EventNotDue { due_year } => format!("{due_year}年到期，目前尚未达成"),
        Basis::Event {
            done: true,
            due_year,
        } => format!("已达成（{due_year}年到期）"),
        Basis::Event {
            done: false,
            due_year,
        } => format!("{due_year}年到期，未达成"),
        Basis::AgainstTarget {
            value,
            target,
            met,
            base_beyond,
        } => {
            let shown = format_value_near(*value, *target, *met, ind);
            let total = if eval.cumulative.is_some() {
                "累计"
            } else {
                "实际"
            };
            match (met, base_beyond) {
                (true, true) => format!(
                    "基期已达到目标{}，{y}年{total}{shown}，仍{}目标",
                    v(*target),
                    comparison_words(ind.comparison)
                ),
                (true, false) => format!("{y}年{total}{shown}，已达到目标{}", v(*target)),
                (false, _) => format!(
                    "{y}年{total}{shown}，未达到目标{}，差{}{unit}",
                    v(*target),
                    v((target - value).abs())
                ),
            }
        }
        Basis::AgainstPath {
            expected,
            value,
            gap_pp,
            milestone,
        } => {
            let what = if *milestone {
                "年度目标"
            } else {
                "序时目标值"
            };
            let total = if eval.cumulative.is_some() {
                "累计"
            } else {
                "实际"
            };
            let relation = if gap_pp.abs() < 0.05 {
                "与序时进度持平".to_owned()
            } else if *gap_pp > 0.0 {
                format!("快于序时{}个百分点", points(*gap_pp))
            } else {
                format!("慢于序时{}个百分点", points(*gap_pp))
            };
            format!(
                "{y}年{what}{}，{total}{}，{relation}",
                trimmed(*expected, crate::input::display_decimals(ind).max(2)),
                format_value_near(*value, *expected, *gap_pp >= 0.0, ind)
            )
        }
        Basis::Threshold {
            value,
            threshold,
            comparison,
            met,
        } => {
            let shown = format_value_near(*value, *threshold, *met, ind);
            let line = if comparison.lower_is_better() {
                "上限"
            } else {
                "底线"
            };
            if *met {
                format!(
                    "{y}年{shown}，{}{line}{}",
                    comparison_words(*comparison),
                    v(*threshold)
                )
            } else {
                let side = if comparison.lower_is_better() {
                    "高于"
                } else {
                    "低于"
                };
                format!(
                    "{y}年{shown}，{side}{line}（{}）{}{unit}",
                    v(*threshold),
                    trimmed((value - threshold).abs(), 2)
                )
            }
        }
        Basis::YearOverYear {
            value,
            previous,
            previous_year,
            comparison,
            met,
        } => {
            let change = value - previous;
            let moved = if change.abs() < 1e-9 {
                "持平".to_owned()
            } else if change > 0.0 {
                format!("增加{}", v(change))
            } else {
                format!("减少{}", v(-change))
            };
            let rule = match comparison {
                Comparison::MoreThan => "逐年提高",
                _ => "只增不减",
            };
            format!(
                "{y}年{}，{previous_year}年{}，{moved}，{}{rule}要求",
                v(*value),
                v(*previous),
                if *met { "符合" } else { "不符合" }
            )
        }
        Basis::Benchmark {
            value,
            benchmark,
            comparison,
            met,
        } => format!(
            "{y}年{}，对照基准{}，{}“{}基准”要求",
            format_value_near(*value, *benchmark, *met, ind),
            v(*benchmark),
            if *met { "符合" } else { "不符合" },
            comparison_words(*comparison)
        ),
    }
}

/// The rules in one sentence each, with the plan's settings.
pub fn rules_text(info: &PlanInfo) -> Vec<String> {
    let n = |x: f64| format_number(x, 1);
    vec![
        "序时进度 =（评估年 − 基期年）÷（目标年 − 基期年）；序时目标值取规划的年度目标，没有年度目标时按基期值到目标值的直线推算。".to_owned(),
        format!(
            "差距 =（实际值 − 序时目标值）÷（目标值 − 基期值），以全程的百分点计；差距 ≥ +{} 为快于预期，≥ −{} 为基本符合预期，再低为滞后。",
            n(info.ahead_margin_pp),
            n(info.yellow_tolerance_pp)
        ),
        format!(
            "灯色：差距 ≥ −{} 为绿灯●，≥ −{} 为黄灯▲，更低为红灯■；未填报、未到期、无法评价不亮灯○。约束性指标亮红灯即为预警。",
            n(info.green_limit_pp),
            n(info.yellow_tolerance_pp)
        ),
        "“保持在…以上/控制在…以下”的指标每年对照底线（上限）：达到为基本符合预期、绿灯，未达到为滞后、红灯，差距以指标本身的单位表示。“以上/以下”含本数。".to_owned(),
        "累计指标按基期以来的累计完成数评价；目标年前已达到最终目标为提前实现，目标年及以后为已实现或未实现。".to_owned(),
    ]
}
