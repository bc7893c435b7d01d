//! What the officer records at the end of a plan (domain.md §7), as data: the evaluation
//! kind, the close-out's settings, the final verdict words, and what is kept for a missed
//! target, a task or a project. The rules that use them are in `crate::closeout`.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::codes::coded_enum;

/// 超额完成 when the value is beyond the target by at least this many points of the whole
/// distance from base to target.
pub const DEFAULT_EXCEED_MARGIN_PP: f64 = 5.0;
/// 基本完成 when the value covers at least this share (%) of the distance.
pub const DEFAULT_BASIC_SHARE_PCT: f64 = 90.0;

coded_enum! {
    /// The final-evaluation words for one indicator ("全面完成" is said only of a whole plan).
    pub enum FinalVerdict {
        Exceeded = ("exceeded", "超额完成"),
        Early = ("early", "提前完成"),
        Done = ("done", "已完成"),
        Basically = ("basic", "基本完成"),
        NotDone = ("not_done", "未完成"),
    }
}

coded_enum! {
    /// What kind of review the year's figures are read for.
    pub enum EvaluationKind {
        Annual = ("annual", "年度监测"),
        Midterm = ("midterm", "中期评估"),
        Final = ("final", "总结评估"),
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
