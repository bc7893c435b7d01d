//! Findings a planning officer should see before a report goes out. Each is a kind with its
//! numbers; `explain` words it.

use super::input::{InputError, check_counts, check_indicator_value};
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

/// What a finding is about, with the numbers its sentence needs.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    /// Base year, first and last year do not make a period.
    BadPeriod,
    TargetYearOutsidePeriod,
    MissingBase,
    BadDefinition(DefinitionProblem),
    /// A ≥ target already met by the base: probably a 保持 target.
    BaseAlreadyBeyondTarget,
    /// Cumulative: years inside the reported range without a value.
    MissingYearsInTotal(Vec<i32>),
    MissingBenchmark,
    StretchBelowFloor(f64),
    PlannedOutsidePeriod,
    ValueOutsidePeriod,
    InvalidValue(InputError),
    InvalidCounts(InputError),
    RedWithoutNote,
    /// 对标: the target against the national (or provincial, city) one.
    Alignment(crate::library::AlignmentIssue),
    /// 总结评估: a 基本完成 or 未完成 indicator without 未完成原因.
    MissWithoutReason(crate::closeout::FinalVerdict),
    /// A value still marked 预计.
    EstimateLeft,
    /// 人工判定 chosen without a written reason: not used until one is written.
    OverrideWithoutReason,
    /// A task or project judged 已调整或取消 (or 未完成) without its basis; the title names it.
    TaskVerdictWithoutBasis(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub indicator: Option<IndicatorId>,
    pub year: Option<i32>,
    pub kind: FindingKind,
}

/// Every finding, with 对标 against the library's higher-level targets.
pub fn validate_plan_with_library(
    plan: &Plan,
    year: i32,
    library: &crate::library::Library,
) -> Vec<Finding> {
    let mut out = validate_plan(plan, year);
    out.extend(
        crate::library::align(plan, library)
            .into_iter()
            .map(|a| Finding {
                severity: Severity::Notice,
                indicator: a.indicator,
                year: None,
                kind: FindingKind::Alignment(a.issue),
            }),
    );
    out
}

/// Every finding for the plan, judged for `year`.
pub fn validate_plan(plan: &Plan, year: i32) -> Vec<Finding> {
    let info = &plan.info;
    let mut out = Vec::new();
    let mut push = |severity, indicator, year, kind| {
        out.push(Finding {
            severity,
            indicator,
            year,
            kind,
        })
    };
    use FindingKind as K;
    use Severity::{Error, Notice};
    if info.first_year > info.last_year || info.base_year >= info.first_year {
        push(Error, None, None, K::BadPeriod);
    }
    for ind in &plan.indicators {
        let id = Some(ind.id);
        if !info.years().contains(&ind.target_year) {
            push(Error, id, None, K::TargetYearOutsidePeriod);
        }
        let trajectory = matches!(
            ind.kind,
            IndicatorKind::Level | IndicatorKind::ChangeFromBase
        );
        if trajectory && ind.base_value.is_none() {
            push(Notice, id, None, K::MissingBase);
        }
        if let Some(problem) = definition_problem(ind, info) {
            push(Error, id, None, K::BadDefinition(problem));
        }
        if trajectory
            && let (Some(base), Some(target)) = (ind.base_value, ind.effective_target())
            && !target_ahead_of_base(ind.comparison, base, target)
        {
            push(Notice, id, None, K::BaseAlreadyBeyondTarget);
        }
        if ind.kind == IndicatorKind::Cumulative {
            let (_, missing) = running_total(ind, info, year);
            if !missing.is_empty() {
                push(Notice, id, Some(year), K::MissingYearsInTotal(missing));
            }
        }
        if ind.kind == IndicatorKind::Benchmark
            && ind.actual_value(year).is_some()
            && !ind.benchmarks.contains_key(&year)
        {
            push(Notice, id, Some(year), K::MissingBenchmark);
        }
        if let Some(stretch) = ind.target_stretch {
            let wrong_way = if ind.comparison.lower_is_better() {
                stretch > ind.target_value
            } else {
                stretch < ind.target_value
            };
            if wrong_way {
                push(Error, id, None, K::StretchBelowFloor(stretch));
            }
        }
        for y in ind.planned.keys().filter(|y| !info.years().contains(y)) {
            push(Error, id, Some(*y), K::PlannedOutsidePeriod);
        }
        for (y, actual) in &ind.actuals {
            if !info.years().contains(y) {
                push(Error, id, Some(*y), K::ValueOutsidePeriod);
            }
            if let Some(v) = actual.effective_value()
                && let Err(why) = check_indicator_value(v, ind)
            {
                push(Error, id, Some(*y), K::InvalidValue(why));
            }
            if let (Some(n), Some(d)) = (actual.numerator, actual.denominator)
                && let Some(problem) = check_counts(n, d, actual.value, ind)
            {
                push(Error, id, Some(*y), K::InvalidCounts(problem));
            }
        }
        let eval = evaluate(ind, info, year);
        let note_missing = ind
            .actuals
            .get(&year)
            .is_none_or(|a| a.note.trim().is_empty());
        if eval.light == Light::Red && note_missing {
            push(Notice, id, Some(year), K::RedWithoutNote);
        }
    }
    out.extend(crate::closeout::findings(plan, year));
    out.sort_by_key(|f| f.severity);
    out
}
