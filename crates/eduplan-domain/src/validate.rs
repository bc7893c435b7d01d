//! Findings a planning officer should see before a report goes out.

use super::input::{check_counts, check_indicator_value};
use super::model::{IndicatorId, IndicatorKind, Plan};
use super::rules::{
    DefinitionProblem, Light, definition_problem, evaluate, running_total, target_ahead_of_base,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Notice,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Notice => "提醒",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub indicator: Option<IndicatorId>,
    pub year: Option<i32>,
    pub message: String,
}

/// Every finding for the plan, judged for `year`.
pub fn validate_plan(plan: &Plan, year: i32) -> Vec<Finding> {
    let info = &plan.info;
    let mut out = Vec::new();
    let mut push = |severity, indicator, year, message: String| {
        out.push(Finding {
            severity,
            indicator,
            year,
            message,
        })
    };
    if info.first_year > info.last_year || info.base_year >= info.first_year {
        push(
            Severity::Error,
            None,
            None,
            format!(
                "规划期设置有误：基期{}年，规划期{}-{}年",
                info.base_year, info.first_year, info.last_year
            ),
        );
    }
    for ind in &plan.indicators {
        let id = Some(ind.id);
        let name = &ind.name;
        if !info.years().contains(&ind.target_year) {
            push(
                Severity::Error,
                id,
                None,
                format!(
                    "“{name}”的目标年份{}年不在规划期{}-{}年内",
                    ind.target_year, info.first_year, info.last_year
                ),
            );
        }
        if matches!(
            ind.kind,
            IndicatorKind::Level | IndicatorKind::ChangeFromBase
        ) && ind.base_value.is_none()
        {
            push(
                Severity::Notice,
                id,
                None,
                format!("“{name}”缺少基期值，在补填前无法评价"),
            );
        }
        match definition_problem(ind, info) {
            Some(DefinitionProblem::ComparisonAgainstWording) => push(
                Severity::Error,
                id,
                None,
                format!(
                    "“{name}”的比较方式“{}”与目标表述“{}”方向相反，更正前无法评价",
                    ind.comparison.symbol(),
                    ind.target_text
                ),
            ),
            Some(DefinitionProblem::TargetBeforeBase) => push(
                Severity::Error,
                id,
                None,
                format!("“{name}”的目标年份早于基期年，更正前无法评价"),
            ),
            None => {}
        }
        if matches!(
            ind.kind,
            IndicatorKind::Level | IndicatorKind::ChangeFromBase
        ) && let (Some(base), Some(target)) = (ind.base_value, ind.effective_target())
            && !target_ahead_of_base(ind.comparison, base, target)
        {
            push(
                Severity::Notice,
                id,
                None,
                format!(
                    "“{name}”的基期值已达到目标，请确认这是“保持”类目标（可将类型改为“每年保持”）"
                ),
            );
        }
        if ind.kind == IndicatorKind::Cumulative {
            let (_, missing) = running_total(ind, info, year);
            if !missing.is_empty() {
                let years: Vec<String> = missing.iter().map(|y| format!("{y}年")).collect();
                push(
                    Severity::Notice,
                    id,
                    Some(year),
                    format!(
                        "“{name}”{}未填报当年完成数，累计数中未计入；如确实为0请填0",
                        years.join("、")
                    ),
                );
            }
        }
        if ind.kind == IndicatorKind::Benchmark
            && ind.actual_value(year).is_some()
            && !ind.benchmarks.contains_key(&year)
        {
            push(
                Severity::Notice,
                id,
                Some(year),
                format!("“{name}”缺少{year}年的对照基准值，无法评价"),
            );
        }
        if let Some(stretch) = ind.target_stretch {
            let wrong_way = if ind.comparison.lower_is_better() {
                stretch > ind.target_value
            } else {
                stretch < ind.target_value
            };
            if wrong_way {
                push(
                    Severity::Error,
                    id,
                    None,
                    format!("“{name}”的挑战目标{stretch}不如底线目标"),
                );
            }
        }
        for y in ind.planned.keys().filter(|y| !info.years().contains(y)) {
            push(
                Severity::Error,
                id,
                Some(*y),
                format!("“{name}”的年度目标{y}年不在规划期内"),
            );
        }
        for (y, actual) in &ind.actuals {
            if !info.years().contains(y) {
                push(
                    Severity::Error,
                    id,
                    Some(*y),
                    format!("“{name}”有规划期外（{y}年）的数值"),
                );
            }
            if let Some(v) = actual.effective_value()
                && let Err(why) = check_indicator_value(v, ind)
            {
                push(
                    Severity::Error,
                    id,
                    Some(*y),
                    format!("“{name}”{y}年：{why}"),
                );
            }
            if let (Some(n), Some(d)) = (actual.numerator, actual.denominator) {
                if let Some(problem) = check_counts(n, d, actual.value, ind) {
                    push(
                        Severity::Error,
                        id,
                        Some(*y),
                        format!("“{name}”{y}年：{problem}"),
                    );
                } else if d <= 0.0 {
                    push(
                        Severity::Error,
                        id,
                        Some(*y),
                        format!("“{name}”{y}年：分母必须大于0"),
                    );
                } else if n > d && !ind.may_exceed_100 {
                    push(
                        Severity::Error,
                        id,
                        Some(*y),
                        format!("“{name}”{y}年：分子大于分母"),
                    );
                }
            }
        }
        let eval = evaluate(ind, info, year);
        let note_missing = ind
            .actuals
            .get(&year)
            .is_none_or(|a| a.note.trim().is_empty());
        if eval.light == Light::Red && note_missing {
            push(
                Severity::Notice,
                id,
                Some(year),
                format!("“{name}”{year}年为红灯，上报前需填写说明"),
            );
        }
    }
    out.sort_by_key(|f| f.severity);
    out
}
