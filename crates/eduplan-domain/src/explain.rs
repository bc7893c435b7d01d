//! The one place where the domain's verdicts become Chinese sentences: 判定依据 (why a status
//! was given) and the rules themselves, stated once for the settings dialog, the detail view
//! and the footnote of the exported tables.

use crate::input::{InputError, format_number, format_value, format_value_near};
use crate::model::{Comparison, Indicator, Light, Plan, PlanInfo};
use crate::rules::{Basis, DefinitionProblem, Evaluation, Status};
use crate::validate::{Finding, FindingKind};

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

/// What the year's figure is called: 累计 for a running total, 预计 for an estimate not yet
/// replaced by the published figure, else 实际.
fn value_word(eval: &Evaluation, ind: &Indicator) -> &'static str {
    let estimate = ind.actuals.get(&eval.year).is_some_and(|a| a.estimate);
    match (eval.cumulative.is_some(), estimate) {
        (true, true) => "累计（含预计）",
        (true, false) => "累计",
        (false, true) => "预计",
        (false, false) => "实际",
    }
}

/// The word a meeting page says of a year in course: the status, except that a yellow light
/// on a status that reads as on course (基本符合预期) is said as what the light means, 略慢于序时,
/// as the opening sentence counts it.
pub fn pace_word(eval: &Evaluation) -> &'static str {
    if eval.light == Light::Yellow && eval.status == Status::OnTrack {
        "略慢于序时"
    } else {
        eval.status.label()
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
            let total = value_word(eval, ind);
            match (met, base_beyond) {
                (true, true) => format!(
                    "基期已达到目标{}，{y}年{total}{shown}，仍{}目标",
                    v(*target),
                    comparison_words(ind.comparison)
                ),
                (true, false) => format!("{y}年{total}{shown}，已达到目标{}", v(*target)),
                (false, _) if (target - value).abs() < 1e-9 => format!(
                    "{y}年{total}{shown}，等于{}，未达到“{}{}”的要求",
                    v(*target),
                    comparison_words(ind.comparison),
                    v(*target)
                ),
                (false, _) => format!(
                    "{y}年{total}{shown}，未达到目标{}，差{}{unit}",
                    v(*target),
                    crate::input::format_difference(
                        target - value,
                        crate::input::display_decimals(ind)
                    )
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
            let total = value_word(eval, ind);
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
            } else if (value - threshold).abs() < 1e-9 {
                format!(
                    "{y}年{shown}，等于{line}{}，未达到“{}{}”的要求",
                    v(*threshold),
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
                    crate::input::format_difference(
                        value - threshold,
                        crate::input::display_decimals(ind).max(2)
                    )
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
    let signed = |sign: &str, x: f64| {
        if x.abs() < 0.05 {
            "0".to_owned()
        } else {
            format!("{sign}{}", format_number(x, 1))
        }
    };
    let minus = |x: f64| signed("−", x);
    vec![
        "序时进度 =（评估年 − 基期年）÷（目标年 − 基期年）；序时目标值取规划的年度目标，没有年度目标时按基期值到目标值的直线推算。".to_owned(),
        format!(
            "差距 =（实际值 − 序时目标值）÷（目标值 − 基期值），以全程的百分点计；差距 ≥ {} 为快于预期，≥ {} 为基本符合预期，再低为滞后。",
            signed("+", info.ahead_margin_pp),
            minus(info.yellow_tolerance_pp)
        ),
        format!(
            "灯色：差距 ≥ {} 为绿灯●，≥ {} 为黄灯▲，更低为红灯■；未填报、未到期、无法评价不亮灯○。约束性指标亮红灯即为预警。",
            minus(info.green_limit_pp),
            minus(info.yellow_tolerance_pp)
        ),
        "“保持在…以上/控制在…以下”的指标每年对照底线（上限）：达到为基本符合预期、绿灯，未达到为滞后、红灯，差距以指标本身的单位表示。“以上/以下”含本数。".to_owned(),
        "累计指标按基期以来的累计完成数评价；目标年前已达到最终目标为提前实现，目标年及以后为已实现或未实现。".to_owned(),
        format!(
            "总结评估（规划末年）逐项对照规划目标，不看序时：超过目标达全程{}个百分点以上为超额完成；末年前已达到且末年仍达到为提前完成；达到目标为已完成；未达到但完成全程{}%以上的预期性指标为基本完成{}；其余为未完成。目标完成度 =（末年值 − 基期值）÷（目标值 − 基期值）。官方口径不同时可人工判定并写明理由，原计算结果一并显示。",
            format_number(info.closeout.exceed_margin_pp, 1),
            format_number(info.closeout.basic_share_pct, 1),
            if info.closeout.basic_for_binding {
                "（约束性指标同样适用）"
            } else {
                "（约束性指标只有已完成和未完成）"
            }
        ),
    ]
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::NotANumber(text) => {
                write!(f, "「{text}」不是数字，请输入阿拉伯数字，如 90 或 90.5")
            }
            InputError::NotYesNo(text) => {
                write!(f, "「{text}」无法识别，该指标请填写“是”或“否”")
            }
            InputError::PercentOnOtherUnit(unit) => {
                write!(f, "该指标单位为“{unit}”，请不要带%")
            }
            InputError::Negative { rate: true } => write!(f, "比率不能为负数"),
            InputError::Negative { rate: false } => write!(f, "数值不能为负数"),
            InputError::RateAbove100(v) => {
                write!(f, "{}% 超过100%，该指标不能大于100", trimmed(*v, 4))
            }
            InputError::AboveCeiling { value, ceiling } => write!(
                f,
                "{} 超出允许范围（最大 {}）",
                trimmed(*value, 4),
                trimmed(*ceiling, 4)
            ),
            InputError::NotWhole(unit) => write!(f, "单位为“{unit}”，请填写整数"),
            InputError::CountsNegative => write!(f, "分子、分母不能为负数"),
            InputError::CountsNotWhole => write!(f, "分子、分母是人数或校数，应为整数"),
            InputError::DenominatorZero => write!(f, "分母必须大于0"),
            InputError::CountsGiveInvalidRate { rate, why } => {
                write!(f, "由分子、分母算得{}%：{why}", trimmed(*rate, 2))
            }
            InputError::CountsDisagree {
                value,
                numerator,
                denominator,
                rate,
            } => write!(
                f,
                "填写的值{value}与分子{}÷分母{}算得的{}不一致，请核对",
                trimmed(*numerator, 2),
                trimmed(*denominator, 2),
                trimmed(*rate, 2)
            ),
        }
    }
}

/// A finding in one sentence that names the indicator and says what to fix.
pub fn finding_text(finding: &Finding, plan: &Plan) -> String {
    let info = &plan.info;
    let ind = finding.indicator.and_then(|id| plan.indicator(id));
    let name = ind.map_or("", |i| i.name.as_str());
    let y = finding.year.unwrap_or(info.first_year);
    match &finding.kind {
        FindingKind::BadPeriod => format!(
            "规划期设置有误：基期{}年，规划期{}-{}年",
            info.base_year, info.first_year, info.last_year
        ),
        FindingKind::TargetYearOutsidePeriod => format!(
            "“{name}”的目标年份{}年不在规划期{}-{}年内",
            ind.map_or(0, |i| i.target_year),
            info.first_year,
            info.last_year
        ),
        FindingKind::MissingBase => format!("“{name}”缺少基期值，在补填前无法评价"),
        FindingKind::BadDefinition(DefinitionProblem::ComparisonAgainstWording) => format!(
            "“{name}”的比较方式“{}”与目标表述“{}”方向相反，更正前无法评价",
            ind.map_or("", |i| i.comparison.symbol()),
            ind.map_or("", |i| i.target_text.as_str())
        ),
        FindingKind::BadDefinition(DefinitionProblem::TargetBeforeBase) => {
            format!("“{name}”的目标年份早于基期年，更正前无法评价")
        }
        FindingKind::BaseAlreadyBeyondTarget => {
            format!("“{name}”的基期值已达到目标，请确认这是“保持”类目标（可将类型改为“每年保持”）")
        }
        FindingKind::MissingYearsInTotal(years) => {
            let years: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
            format!(
                "“{name}”{}未填报当年完成数，累计数中未计入；如确实为0请填0",
                years.join("、")
            )
        }
        FindingKind::MissingBenchmark => format!("“{name}”缺少{y}年的对照基准值，无法评价"),
        FindingKind::StretchBelowFloor(stretch) => {
            format!("“{name}”的力争目标{}不如底线目标", trimmed(*stretch, 4))
        }
        FindingKind::PlannedOutsidePeriod => format!("“{name}”的年度目标{y}年不在规划期内"),
        FindingKind::ValueOutsidePeriod => format!("“{name}”有规划期外（{y}年）的数值"),
        FindingKind::InvalidValue(why) | FindingKind::InvalidCounts(why) => {
            format!("“{name}”{y}年：{why}")
        }
        FindingKind::RedWithoutNote => format!("“{name}”{y}年为红灯，上报前需填写说明"),
        FindingKind::Alignment(issue) => alignment_text(issue, ind),
        FindingKind::UnsafeEvidenceName { name, problem } => format!(
            "佐证材料“{}”{}：程序只按清理后的文件名“{}”使用它{}。请核实这份规划文件的来源",
            crate::text_limits::clip_str(name, 60),
            problem.describe(),
            crate::file_names::safe_file_name(name, "佐证材料"),
            if matches!(problem, crate::file_names::NameProblem::Executable(_)) {
                "，并且不会直接打开它"
            } else {
                ""
            }
        ),
        FindingKind::MissWithoutReason(verdict) => format!(
            "“{name}”总结评估为{}，上报前需填写未完成原因",
            verdict.label()
        ),
        FindingKind::EstimateLeft => {
            format!("“{name}”{y}年的数值仍为预计值，取得正式数据后请更新")
        }
        FindingKind::OverrideWithoutReason => {
            format!("“{name}”的人工判定未填写理由，填写理由前按计算结果评价")
        }
        FindingKind::TaskVerdictWithoutBasis(title) => {
            format!("“{title}”的期末评价需写明依据或未完成原因")
        }
    }
}

/// One 对标 finding as the officer reads it before the draft goes out.
pub fn alignment_text(
    issue: &crate::library::AlignmentIssue,
    ind: Option<&crate::model::Indicator>,
) -> String {
    use crate::library::AlignmentIssue as A;
    let name = ind.map_or("", |i| i.name.as_str());
    let own = ind.map_or(String::new(), |i| {
        format!("{}{}", trimmed(i.target_value, 4), i.unit)
    });
    let own_year = ind.map_or(0, |i| i.target_year);
    let unit = ind.map_or("", |i| i.unit.as_str());
    match issue {
        A::WeakerThan {
            level,
            target,
            year,
            source,
        } => format!(
            "对标：“{name}”的目标（{own_year}年{own}）低于{}目标（{year}年{}{unit}，{source}）",
            level.label(),
            trimmed(*target, 4)
        ),
        A::LaterThan {
            level,
            year,
            source,
        } => format!(
            "对标：“{name}”的目标年份{own_year}年晚于{}要求的{year}年（{source}）",
            level.label()
        ),
        A::MarkedExpected { source } => {
            format!("对标：“{name}”在全国规划中为约束性指标（{source}），本规划标为预期性")
        }
        A::MissingBinding { entry, source } => {
            format!("对标：规划中没有全国约束性指标“{entry}”（{source}）")
        }
    }
}

impl std::fmt::Display for crate::balance::SchoolDataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::balance::SchoolDataError as E;
        match self {
            E::NoPupils { school } => {
                write!(
                    f,
                    "“{school}”的在校生数为0，无法计算生均和每百名学生指标，请核对"
                )
            }
            E::NegativeFigure { school } => write!(f, "“{school}”有负数或无效的数字，请核对"),
            E::MissingCount { school, resource } => write!(
                f,
                "“{school}”缺少“{}”，请补填（确实没有请填0）",
                resource.count_label()
            ),
            E::PupilsInWrongStage { school } => write!(
                f,
                "“{school}”的学段与学校类型不符（如小学填了初中学生数），请核对"
            ),
        }
    }
}

/// Why a school is kept in the data but not in the calculation.
pub fn exclusion_text(why: crate::balance::Exclusion) -> String {
    use crate::balance::Exclusion as X;
    match why {
        X::SpecialEducation => "特殊教育学校，不参与差异系数计算".to_owned(),
        X::Vocational => "职业学校，不参与差异系数计算".to_owned(),
        X::SmallTeachingPoint { pupils } => format!(
            "在校生{}人，不足50人的教学点不参与差异系数计算",
            trimmed(pupils, 0)
        ),
    }
}

/// The overall judgement of a year in one sentence, by light, as a meeting hears it: only
/// green counts as at or ahead of 序时; yellow is "略慢于序时", red "滞后". `items` are the
/// indicators' evaluations with whether each is 约束性. Parts with no indicator are left out.
/// "33项指标中，20项达到或快于序时进度，4项略慢于序时，6项滞后（其中约束性2项），3项未填报。"
pub fn pace_sentence<'a>(items: impl IntoIterator<Item = (bool, &'a Evaluation)>) -> String {
    use crate::rules::{Light, Status};
    let (mut total, mut green, mut yellow, mut red, mut red_binding) = (0, 0, 0, 0, 0);
    let (mut missing, mut other) = (0, 0);
    for (binding, e) in items {
        total += 1;
        match e.light {
            Light::Green => green += 1,
            Light::Yellow => yellow += 1,
            Light::Red => {
                red += 1;
                red_binding += usize::from(binding);
            }
            Light::Grey if e.status == Status::NotReported => missing += 1,
            Light::Grey => other += 1,
        }
    }
    let mut parts = Vec::new();
    if green > 0 {
        parts.push(format!("{green}项达到或快于序时进度"));
    }
    if yellow > 0 {
        parts.push(format!("{yellow}项略慢于序时"));
    }
    if red > 0 && red_binding > 0 {
        parts.push(format!("{red}项滞后（其中约束性{red_binding}项）"));
    } else if red > 0 {
        parts.push(format!("{red}项滞后"));
    }
    if missing > 0 {
        parts.push(format!("{missing}项未填报"));
    }
    if other > 0 {
        parts.push(format!("{other}项未到期或无法评价"));
    }
    if parts.is_empty() {
        return "规划未确定主要指标。".to_owned();
    }
    format!("{total}项指标中，{}。", parts.join("，"))
}
