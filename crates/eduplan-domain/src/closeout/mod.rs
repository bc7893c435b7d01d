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
use serde::{Deserialize, Serialize};

use crate::codes::coded_enum;
use crate::model::{Plan, PlanInfo};

pub use verdict::{
    FinalCounts, FinalJudgement, FinalVerdict, count_sentence, count_verdicts, judge_final,
    judge_plan,
};

/// 超额完成 when the value is beyond the target by at least this many points of the whole
/// distance from base to target.
pub const DEFAULT_EXCEED_MARGIN_PP: f64 = 5.0;
/// 基本完成 when the value covers at least this share (%) of the distance.
pub const DEFAULT_BASIC_SHARE_PCT: f64 = 90.0;

coded_enum! {
    /// What kind of review the year's figures are read for.
    pub enum EvaluationKind {
        Annual = ("annual", "年度监测"),
        Midterm = ("midterm", "中期评估"),
        Final = ("final", "总结评估"),
    }
}

impl EvaluationKind {
    /// The word on the command line: annual, midterm, final.
    pub fn from_cli(text: &str) -> Option<EvaluationKind> {
        let t = text.trim();
        EvaluationKind::from_code(t).or_else(|| EvaluationKind::from_label(t))
    }
}

/// The close-out's settings, kept with the plan (serde defaults: older plan texts load).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloseoutSettings {
    /// None: 总结评估 when the evaluation year is the plan's last year, else 年度监测.
    pub evaluation_kind: Option<EvaluationKind>,
    /// 超额完成 margin, in points of the whole distance.
    pub exceed_margin_pp: f64,
    /// 基本完成: at least this share (%) of the distance.
    pub basic_share_pct: f64,
    /// Whether a 约束性 indicator may be 基本完成 (the default: no, only 已完成 or 未完成).
    pub basic_for_binding: bool,
    /// The evaluation date, when the officer fixed one.
    pub evaluation_date: Option<Date>,
}

impl Default for CloseoutSettings {
    fn default() -> Self {
        CloseoutSettings {
            evaluation_kind: None,
            exceed_margin_pp: DEFAULT_EXCEED_MARGIN_PP,
            basic_share_pct: DEFAULT_BASIC_SHARE_PCT,
            basic_for_binding: false,
            evaluation_date: None,
        }
    }
}

/// The plan this one was made from by "由本规划生成下一期规划".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Predecessor {
    pub name: String,
    /// SHA-256 of the predecessor's plan file (hex), so a report can say which file it quotes.
    pub hash: String,
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

coded_enum! {
    /// 未完成原因: the causes close-out reports name (domain.md §7).
    pub enum MissReason {
        Population = ("population", "学龄人口变化/生源减少"),
        StatisticsChange = ("statistics", "统计口径调整"),
        PolicyChange = ("policy", "上级政策或标准调整"),
        LandFundsApproval = ("land_funds", "建设用地·资金·审批"),
        Epidemic = ("epidemic", "疫情影响"),
        Other = ("other", "其他"),
    }
}

coded_enum! {
    /// A task's end-of-period verdict.
    pub enum TaskVerdict {
        Done = ("done", "已完成"),
        Basically = ("basic", "基本完成"),
        Ongoing = ("ongoing", "持续推进（常态化工作）"),
        CarriedOver = ("carried", "未完成（结转）"),
        Adjusted = ("adjusted", "已调整或取消"),
    }
}

coded_enum! {
    /// 重大工程 状态 at the end of the period.
    pub enum ProjectState {
        InUse = ("in_use", "建成投用"),
        Building = ("building", "在建"),
        NotStarted = ("not_started", "未开工"),
        Adjusted = ("adjusted", "已调整"),
    }
}

/// What the officer records for an indicator at the close-out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorCloseout {
    /// 人工判定: the verdict the officer sets, used only with a written reason.
    pub verdict_override: Option<FinalVerdict>,
    pub override_reason: String,
    /// 未完成原因 (pick list) and its free text.
    pub miss_reason: Option<MissReason>,
    pub miss_note: String,
    /// 下一步措施
    pub next_steps: String,
    /// 结转下一期规划
    pub carry_over: bool,
    /// The base value is a 预计 value of the plan before (set by `next::next_plan`).
    pub base_estimate: bool,
}

/// What the officer records for a task or a 重大工程 at the close-out. A project's 总投资（万元）
/// is the task's `budget_wan_yuan`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskCloseout {
    pub verdict: Option<TaskVerdict>,
    /// 依据 of the verdict (required for 已调整或取消).
    pub verdict_basis: String,
    /// 建设内容及规模
    pub scope: String,
    /// 计划建设期, as written (2022-2024年).
    pub build_period: String,
    /// 实际完成情况
    pub outcome: String,
    /// 新增学位
    pub new_places: Option<f64>,
    pub project_state: Option<ProjectState>,
    pub miss_reason: Option<MissReason>,
    pub miss_note: String,
    /// 是否结转
    pub carry_over: bool,
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
