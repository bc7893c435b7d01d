//! The end of a plan (domain.md §7): the evaluation kind (年度监测 / 中期评估 / 总结评估), the
//! close-out's settings, what the officer records for a missed target, a task or a project at
//! the end of the period, and the evaluation date. The verdicts themselves are in `verdict`,
//! the next plan made from this one in `next`.
//!
//! Plain data and pure functions: no egui, SQL or files; "today" is always passed in.

pub mod hash;
pub mod next;
pub mod verdict;

use jiff::civil::Date;

pub use crate::model::closeout::{
    CloseoutSettings, DEFAULT_BASIC_SHARE_PCT, DEFAULT_EXCEED_MARGIN_PP, EvaluationKind,
    FinalVerdict, IndicatorCloseout, MissReason, Predecessor, ProjectState, TaskCloseout,
    TaskVerdict,
};
use crate::model::{Plan, PlanInfo};

pub use verdict::{
    FinalCounts, FinalJudgement, count_sentence, count_verdicts, judge_final, judge_plan,
};

impl EvaluationKind {
    /// The word on the command line: annual, midterm, final.
    pub fn from_cli(text: &str) -> Option<EvaluationKind> {
        let t = text.trim();
        EvaluationKind::from_code(t).or_else(|| EvaluationKind::from_label(t))
    }
}

/// The evaluation kind for a year: the plan's choice, else 总结评估 in the plan's last year (or
/// later) and 年度监测 before it.
pub fn evaluation_kind(info: &PlanInfo, year: i32) -> EvaluationKind {
    info.closeout
        .evaluation_kind
        .unwrap_or_else(|| default_kind(info, year))
}

pub fn default_kind(info: &PlanInfo, year: i32) -> EvaluationKind {
    if year >= info.last_year {
        EvaluationKind::Final
    } else {
        EvaluationKind::Annual
    }
}

/// The date tasks and 整改 are judged on: the officer's choice, else the end of the evaluation
/// year once that year is over (a review of 2024 judges on 2024-12-31), else today.
pub fn evaluation_date(info: &PlanInfo, year: i32, today: Date) -> Date {
    if let Some(d) = info.closeout.evaluation_date {
        return d;
    }
    let year_end = i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, 12, 31).ok());
    match year_end {
        Some(end) if today > end => end,
        _ => today,
    }
}

/// A value as printed with its provisional mark: "96.1（预计）".
pub fn with_estimate_mark(text: String, estimate: bool) -> String {
    if estimate && text != "—" && !text.is_empty() {
        format!("{text}（预计）")
    } else {
        text
    }
}

/// The (indicator, year) pairs still marked 预计.
pub fn estimates_left(plan: &Plan) -> Vec<(crate::model::IndicatorId, i32)> {
    plan.indicators
        .iter()
        .flat_map(|i| {
            i.actuals
                .iter()
                .filter(|(_, a)| a.estimate && a.effective_value().is_some())
                .map(move |(y, _)| (i.id, *y))
        })
        .collect()
}

/// Close-out findings: in a 总结评估 every 基本完成/未完成 indicator needs its 未完成原因 (an
/// error, like a red value without 说明), and a task judged 已调整或取消 or 未完成（结转） its
/// basis; 预计 values left are listed in any evaluation.
pub fn findings(plan: &Plan, year: i32) -> Vec<crate::validate::Finding> {
    use crate::validate::{Finding, FindingKind, Severity};
    let mut out = Vec::new();
    for (id, y) in estimates_left(plan) {
        out.push(Finding {
            severity: Severity::Notice,
            indicator: Some(id),
            year: Some(y),
            kind: FindingKind::EstimateLeft,
        });
    }
    for ind in &plan.indicators {
        let c = &ind.closeout;
        if c.verdict_override.is_some() && c.override_reason.trim().is_empty() {
            out.push(Finding {
                severity: Severity::Notice,
                indicator: Some(ind.id),
                year: None,
                kind: FindingKind::OverrideWithoutReason,
            });
        }
    }
    if evaluation_kind(&plan.info, year) != EvaluationKind::Final {
        return out;
    }
    for ind in &plan.indicators {
        let j = judge_final(ind, &plan.info, year);
        let c = &ind.closeout;
        if let Some(v) = j.verdict().filter(|v| v.needs_reason())
            && c.miss_reason.is_none()
            && c.miss_note.trim().is_empty()
        {
            out.push(Finding {
                severity: Severity::Error,
                indicator: Some(ind.id),
                year: Some(year),
                kind: FindingKind::MissWithoutReason(v),
            });
        }
    }
    for task in &plan.tasks {
        let c = &task.closeout;
        let needs_basis = matches!(
            c.verdict,
            Some(TaskVerdict::Adjusted | TaskVerdict::CarriedOver)
        );
        if needs_basis && c.verdict_basis.trim().is_empty() && c.miss_reason.is_none() {
            out.push(Finding {
                severity: Severity::Error,
                indicator: None,
                year: Some(year),
                kind: FindingKind::TaskVerdictWithoutBasis(task.title.clone()),
            });
        }
    }
    out
}

/// A task's proposed end-of-period verdict, from its status: the officer confirms or changes it.
pub fn proposed_task_verdict(task: &crate::model::Task) -> TaskVerdict {
    use crate::model::TaskStatus;
    match task.status {
        TaskStatus::Done => TaskVerdict::Done,
        TaskStatus::InProgress => TaskVerdict::Ongoing,
        TaskStatus::NotStarted | TaskStatus::Late => TaskVerdict::CarriedOver,
    }
}

/// The task's verdict as shown: the officer's, else the proposal marked "（建议）".
pub fn task_verdict_text(task: &crate::model::Task) -> String {
    match task.closeout.verdict {
        Some(v) => v.label().to_owned(),
        None => format!("{}（建议）", proposed_task_verdict(task).label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).expect("date")
    }

    #[test]
    fn the_kind_follows_the_evaluation_year_unless_chosen() {
        let mut info = PlanInfo::default();
        assert_eq!(evaluation_kind(&info, 2024), EvaluationKind::Annual);
        assert_eq!(evaluation_kind(&info, 2025), EvaluationKind::Final);
        info.closeout.evaluation_kind = Some(EvaluationKind::Midterm);
        assert_eq!(evaluation_kind(&info, 2025), EvaluationKind::Midterm);
        assert_eq!(
            EvaluationKind::from_cli("final"),
            Some(EvaluationKind::Final)
        );
        assert_eq!(
            EvaluationKind::from_cli("总结评估"),
            Some(EvaluationKind::Final)
        );
        assert_eq!(EvaluationKind::from_cli("yearly"), None);
    }

    #[test]
    fn the_evaluation_date_is_the_end_of_a_year_that_is_over() {
        let mut info = PlanInfo::default();
        let today = date(2026, 12, 2);
        assert_eq!(evaluation_date(&info, 2024, today), date(2024, 12, 31));
        assert_eq!(evaluation_date(&info, 2026, today), today);
        // The last day of the year itself is not over yet.
        assert_eq!(
            evaluation_date(&info, 2026, date(2026, 12, 31)),
            date(2026, 12, 31)
        );
        assert_eq!(
            evaluation_date(&info, 2025, date(2026, 1, 1)),
            date(2025, 12, 31)
        );
        info.closeout.evaluation_date = Some(date(2025, 6, 30));
        assert_eq!(evaluation_date(&info, 2024, today), date(2025, 6, 30));
    }

    #[test]
    fn provisional_values_carry_their_mark() {
        assert_eq!(with_estimate_mark("96.1".into(), true), "96.1（预计）");
        assert_eq!(with_estimate_mark("96.1".into(), false), "96.1");
        assert_eq!(with_estimate_mark("—".into(), true), "—");
    }
}
