//! The plan as the planning officer thinks of it: outline, indicators, key tasks, yearly actuals.
//! Plain data; no egui, no SQL, no files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::coded_enum;

pub mod closeout;
pub mod school;

pub use closeout::{
    CloseoutSettings, EvaluationKind, FinalVerdict, IndicatorCloseout, MissReason, Predecessor,
    ProjectState, TaskCloseout, TaskVerdict,
};
pub use school::{BalanceSettings, School, SchoolFigures, SchoolType};

macro_rules! typed_id {
    ($name:ident) => {
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        pub struct $name(pub i64);
    };
}
typed_id!(SectionId);
typed_id!(IndicatorId);
typed_id!(TaskId);
typed_id!(SchoolId);
typed_id!(RectificationId);
typed_id!(EvidenceId);

/// Default lights (domain.md §3): green while the gap is at least −0, yellow to −10 points.
pub const DEFAULT_GREEN_LIMIT_PP: f64 = 0.0;
pub const DEFAULT_YELLOW_TOLERANCE_PP: f64 = 10.0;
/// Default margin for 快于预期: at least this many points ahead of the expected value.
pub const DEFAULT_AHEAD_MARGIN_PP: f64 = 5.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanInfo {
    pub name: String,
    pub region: String,
    pub issuing_body: String,
    /// 发文字号, e.g. 吉龙政办函〔2021〕29号.
    pub doc_number: String,
    /// As written, e.g. 2021-09-02.
    pub issue_date: String,
    /// 填报单位 printed on exported tables.
    pub reporting_unit: String,
    pub base_year: i32,
    pub first_year: i32,
    pub last_year: i32,
    /// 快于预期 when the gap is at least this many points of the whole distance.
    pub ahead_margin_pp: f64,
    /// Green light while the gap ≥ −green limit.
    pub green_limit_pp: f64,
    /// Yellow light while the gap ≥ −yellow limit; red below.
    pub yellow_tolerance_pp: f64,
    /// Free text shown with the plan, e.g. which values are illustrative.
    pub remark: String,
    /// 义务教育优质均衡 thresholds (national defaults unless the province differs).
    pub balance: BalanceSettings,
    /// A task not done within this many days of its deadline is 临期.
    pub due_soon_days: i64,
    /// 年度监测 / 中期评估 / 总结评估 and the close-out's settings.
    pub closeout: CloseoutSettings,
    /// The plan this one was made from (next period's draft).
    pub predecessor: Option<Predecessor>,
}

impl PlanInfo {
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }
}

impl Default for PlanInfo {
    fn default() -> Self {
        PlanInfo {
            name: String::new(),
            region: String::new(),
            issuing_body: String::new(),
            doc_number: String::new(),
            issue_date: String::new(),
            reporting_unit: String::new(),
            base_year: 2020,
            first_year: 2021,
            last_year: 2025,
            ahead_margin_pp: DEFAULT_AHEAD_MARGIN_PP,
            green_limit_pp: DEFAULT_GREEN_LIMIT_PP,
            yellow_tolerance_pp: DEFAULT_YELLOW_TOLERANCE_PP,
            remark: String::new(),
            balance: BalanceSettings::default(),
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            closeout: CloseoutSettings::default(),
            predecessor: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: SectionId,
    pub parent: Option<SectionId>,
    pub position: i64,
    /// The heading mark as the plan writes it: 一、 / （一） / 1.
    pub numbering: String,
    pub title: String,
    pub body: String,
    pub lead_unit: String,
    pub co_units: String,
}

impl Section {
    pub fn heading(&self) -> String {
        format!("{}{}", self.numbering, self.title)
    }
}

coded_enum! {
    /// 属性: binding (约束性) targets must be met; a breach is a warning (预警).
    pub enum Attribute {
        Binding = ("binding", "约束性"),
        Expected = ("expected", "预期性"),
    }
}

coded_enum! {
    /// How an indicator is read and tracked (domain.md §2).
    pub enum IndicatorKind {
        /// Reach a level by the target year (higher or lower is better, by the comparison).
        Level = ("level", "达到目标值"),
        /// Stay at or above (or below) the threshold every year (保持在…以上 / 控制在…以下).
        Maintain = ("maintain", "每年保持"),
        /// Change relative to the base value; `target_value` is the change (e.g. −10 个百分点).
        ChangeFromBase = ("change", "较基期变化"),
        /// Yearly completions add up to a total quota (e.g. 400 人 in five years).
        Cumulative = ("cumulative", "累计完成"),
        /// Met or not met (1 = 是, 0 = 否); an event is due in its target year.
        YesNo = ("yesno", "是否达成"),
        /// Each year against the previous year (逐年提高 ">", 只增不减 "≥").
        YearOverYear = ("year_over_year", "逐年比较"),
        /// Each year against a benchmark that changes (不低于全省平均水平).
        Benchmark = ("benchmark", "对照基准"),
    }
}

coded_enum! {
    /// The comparison the plan states, kept apart from the number. 以上/以下/不低于 include the
    /// number (≥, ≤); 高于/超过/低于/不足 are strict.
    pub enum Comparison {
        AtLeast = ("ge", "≥"),
        MoreThan = ("gt", ">"),
        AtMost = ("le", "≤"),
        LessThan = ("lt", "<"),
        Equal = ("eq", "="),
    }
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        self.label()
    }
    /// A symbol or the words plans use. 以上/以下 include the number; 高于/超过/低于/不足 do not.
    pub fn from_symbol(s: &str) -> Option<Self> {
        match s.trim() {
            "≥" | ">=" | "以上" | "不低于" | "不少于" | "达到" => {
                Some(Comparison::AtLeast)
            }
            ">" | "高于" | "超过" => Some(Comparison::MoreThan),
            "≤" | "<=" | "以下" | "不高于" | "不多于" => Some(Comparison::AtMost),
            "<" | "低于" | "不足" => Some(Comparison::LessThan),
            "=" | "==" => Some(Comparison::Equal),
            _ => None,
        }
    }
    /// Lower values are better when the target is a ceiling.
    pub fn lower_is_better(self) -> bool {
        matches!(self, Comparison::AtMost | Comparison::LessThan)
    }
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Comparison::AtLeast => value >= threshold - EPS,
            Comparison::MoreThan => value > threshold + EPS,
            Comparison::AtMost => value <= threshold + EPS,
            Comparison::LessThan => value < threshold - EPS,
            Comparison::Equal => (value - threshold).abs() <= EPS,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: IndicatorId,
    pub section: SectionId,
    pub position: i64,
    pub name: String,
    pub unit: String,
    pub category: String,
    pub attribute: Attribute,
    pub kind: IndicatorKind,
    pub comparison: Comparison,
    pub base_value: Option<f64>,
    /// The indicator's own base year, where it differs from the plan's.
    #[serde(default)]
    pub base_year: Option<i32>,
    /// The target number; for `ChangeFromBase` the change (negative = decrease).
    pub target_value: f64,
    /// The stretch end of a range target (建设3-5所: target 3, stretch 5).
    pub target_stretch: Option<f64>,
    pub target_year: i32,
    /// The target as the plan words it, e.g. 90%以上.
    pub target_text: String,
    pub planned: BTreeMap<i32, f64>,
    pub lead_unit: String,
    pub data_source: String,
    /// For rates computed from counts: what the numerator and denominator count.
    pub numerator_label: String,
    pub denominator_label: String,
    /// A gross rate (毛入园率) may exceed 100%.
    pub may_exceed_100: bool,
    /// Decimals shown; None: 1 for %, 0 for counts, more where the data has more.
    #[serde(default)]
    pub decimals: Option<u8>,
    /// For cumulative indicators: whether the year cells are 当年完成数 or 累计数.
    #[serde(default)]
    pub entry_mode: EntryMode,
    /// For `Benchmark` indicators: the benchmark each year (e.g. 全省平均水平).
    #[serde(default)]
    pub benchmarks: BTreeMap<i32, f64>,
    /// A 优质均衡 figure the yearly values come from (`balance::LinkedFigure` code).
    #[serde(default)]
    pub linked_figure: Option<String>,
    /// 指标定义/口径: what is counted and how.
    #[serde(default)]
    pub definition: String,
    /// The indicator-library entry this indicator was made from or matched to.
    #[serde(default)]
    pub library_code: Option<String>,
    pub actuals: BTreeMap<i32, Actual>,
    /// What the officer records at the close-out (人工判定, 未完成原因, 结转).
    #[serde(default)]
    pub closeout: IndicatorCloseout,
}

impl Indicator {
    pub fn new(id: IndicatorId, section: SectionId, name: &str) -> Self {
        Indicator {
            id,
            section,
            position: 0,
            name: name.to_owned(),
            unit: "%".to_owned(),
            category: String::new(),
            attribute: Attribute::Expected,
            kind: IndicatorKind::Level,
            comparison: Comparison::AtLeast,
            base_value: None,
            base_year: None,
            target_value: 0.0,
            target_stretch: None,
            target_year: 2025,
            target_text: String::new(),
            planned: BTreeMap::new(),
            lead_unit: String::new(),
            data_source: String::new(),
            numerator_label: String::new(),
            denominator_label: String::new(),
            may_exceed_100: false,
            decimals: None,
            entry_mode: EntryMode::Increment,
            benchmarks: BTreeMap::new(),
            linked_figure: None,
            definition: String::new(),
            library_code: None,
            actuals: BTreeMap::new(),
            closeout: Default::default(),
        }
    }

    /// The base year this indicator is measured from.
    pub fn base_year_or(&self, info: &PlanInfo) -> i32 {
        self.base_year.unwrap_or(info.base_year)
    }

    pub fn is_percent(&self) -> bool {
        self.unit.trim() == "%"
    }

    pub fn computed_from_counts(&self) -> bool {
        !self.numerator_label.is_empty() && !self.denominator_label.is_empty()
    }

    /// The final target in the indicator's own unit (resolving a change relative to base).
    pub fn effective_target(&self) -> Option<f64> {
        match self.kind {
            IndicatorKind::ChangeFromBase => self.base_value.map(|b| b + self.target_value),
            _ => Some(self.target_value),
        }
    }

    /// Largest value a user may enter, when the unit caps it.
    pub fn value_ceiling(&self) -> Option<f64> {
        match self.kind {
            IndicatorKind::YesNo => Some(1.0),
            _ if self.is_percent() && !self.may_exceed_100 => Some(100.0),
            _ => None,
        }
    }

    pub fn actual_value(&self, year: i32) -> Option<f64> {
        self.actuals.get(&year).and_then(Actual::effective_value)
    }
}

/// One year's reported figure for an indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Actual {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// 说明
    pub note: String,
    pub source: String,
    /// 预计: a provisional value, printed "96.1（预计）" until the final value is entered.
    #[serde(default)]
    pub estimate: bool,
}

impl Actual {
    /// The value as entered, or computed from the counts (× 100) when only they are given.
    pub fn effective_value(&self) -> Option<f64> {
        self.value.or(match (self.numerator, self.denominator) {
            (Some(n), Some(d)) if d != 0.0 => Some(n / d * 100.0),
            _ => None,
        })
    }
}

coded_enum! {
    pub enum TaskKind {
        /// 重点任务
        Task = ("task", "重点任务"),
        /// 重点工程/项目
        Project = ("project", "重点工程"),
    }
}

coded_enum! {
    pub enum TaskStatus {
        NotStarted = ("not_started", "未启动"),
        InProgress = ("in_progress", "推进中"),
        Done = ("done", "已完成"),
        Late = ("late", "滞后"),
    }
}

coded_enum! {
    /// What a cumulative indicator's yearly cells hold.
    pub enum EntryMode {
        /// 当年完成数: the year's own completions; the running total is computed.
        Increment = ("increment", "当年完成数"),
        /// 累计数: the running total since the base year, as reported.
        RunningTotal = ("running_total", "累计数"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub section: SectionId,
    pub position: i64,
    pub kind: TaskKind,
    pub title: String,
    /// 具体措施
    pub measures: String,
    pub lead_unit: String,
    pub co_units: String,
    /// 完成时限, as written (e.g. 2025年底).
    pub deadline: String,
    /// The date the wording names (end of the period), editable.
    #[serde(default)]
    pub deadline_date: Option<jiff::civil::Date>,
    /// 责任人
    #[serde(default)]
    pub responsible_person: String,
    /// 年度目标: what the task should reach in the evaluation year.
    #[serde(default)]
    pub annual_target: String,
    /// 完成日期: set when the task is done.
    #[serde(default)]
    pub completed_date: Option<jiff::civil::Date>,
    pub budget_wan_yuan: Option<f64>,
    pub status: TaskStatus,
    /// 年度进展 per year.
    pub progress: BTreeMap<i32, String>,
    /// 季度形象进度, where the bureau asks quarterly.
    #[serde(default)]
    pub quarterly: BTreeMap<Quarter, String>,
    pub remark: String,
    /// End-of-period verdict and, for 重大工程, what was built.
    #[serde(default)]
    pub closeout: TaskCloseout,
}

/// A quarter of a year (季度), for quarterly progress reports (季度形象进度). Written as
/// `2024Q1` in plan texts and history keys, kept as 20241 in the plan file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Quarter {
    year: i32,
    quarter: u8,
}

impl Quarter {
    /// `quarter` is 1 to 4.
    pub fn new(year: i32, quarter: u8) -> Option<Quarter> {
        (1..=4)
            .contains(&quarter)
            .then_some(Quarter { year, quarter })
    }
    pub fn year(self) -> i32 {
        self.year
    }
    pub fn quarter(self) -> u8 {
        self.quarter
    }
    /// The four quarters of a year.
    pub fn of_year(year: i32) -> [Quarter; 4] {
        [1, 2, 3, 4].map(|quarter| Quarter { year, quarter })
    }
    /// 20241 for 2024Q1: the integer key the plan file keeps.
    pub fn number(self) -> i32 {
        self.year * 10 + i32::from(self.quarter)
    }
    pub fn from_number(n: i32) -> Option<Quarter> {
        Quarter::new(n.div_euclid(10), u8::try_from(n.rem_euclid(10)).ok()?)
    }
    /// 第二季度
    pub fn label(self) -> &'static str {
        ["第一季度", "第二季度", "第三季度", "第四季度"][usize::from(self.quarter - 1)]
    }
    /// 第二季度形象进度
    pub fn progress_label(self) -> &'static str {
        [
            "第一季度形象进度",
            "第二季度形象进度",
            "第三季度形象进度",
            "第四季度形象进度",
        ][usize::from(self.quarter - 1)]
    }
    /// The last day of the quarter.
    pub fn last_day(self) -> Option<jiff::civil::Date> {
        let year = i16::try_from(self.year).ok()?;
        let month = i8::try_from(self.quarter * 3).ok()?;
        jiff::civil::Date::new(year, month, 1)
            .ok()
            .map(|d| d.last_of_month())
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl std::str::FromStr for Quarter {
    type Err = String;
    /// `2024Q1` (also `2024q1`).
    fn from_str(s: &str) -> Result<Quarter, String> {
        let bad = || format!("季度“{s}”应写作如2024Q1");
        let (y, q) = s.trim().split_once(['Q', 'q']).ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let quarter: u8 = q.parse().map_err(|_| bad())?;
        if !(1900..=2999).contains(&year) {
            return Err(bad());
        }
        Quarter::new(year, quarter).ok_or_else(bad)
    }
}

impl TryFrom<String> for Quarter {
    type Error = String;
    fn try_from(s: String) -> Result<Quarter, String> {
        s.parse()
    }
}

impl From<Quarter> for String {
    fn from(q: Quarter) -> String {
        q.to_string()
    }
}

impl Task {
    pub fn new(id: TaskId, section: SectionId, title: &str) -> Self {
        Task {
            id,
            section,
            position: 0,
            kind: TaskKind::Task,
            title: title.to_owned(),
            measures: String::new(),
            lead_unit: String::new(),
            co_units: String::new(),
            deadline: String::new(),
            deadline_date: None,
            responsible_person: String::new(),
            annual_target: String::new(),
            completed_date: None,
            budget_wan_yuan: None,
            status: TaskStatus::NotStarted,
            progress: BTreeMap::new(),
            quarterly: BTreeMap::new(),
            remark: String::new(),
            closeout: Default::default(),
        }
    }
}

#[allow(clippy::derivable_impls)] // declared by coded_enum!, which derives no Default
impl Default for EntryMode {
    fn default() -> Self {
        EntryMode::Increment
    }
}

/// A whole plan, as read from its file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub info: PlanInfo,
    /// Stable id of this plan, written into fill-in tables.
    pub uid: String,
    pub sections: Vec<Section>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    /// Schools and their yearly figures, for 义务教育优质均衡 (see `balance`).
    #[serde(default)]
    pub schools: Vec<School>,
    /// 整改台账: problems found by 督导, 审计, 巡察 or 自查, and their closing.
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    /// 佐证材料 kept inside the plan file (what they are; the bytes are read on demand).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// Files larger than this are refused as evidence (a scan or a photo is far smaller).
pub const MAX_EVIDENCE_BYTES: u64 = 20 * 1024 * 1024;
/// Past this size the officer is told the plan file has grown large (e-mail limits).
pub const LARGE_PLAN_BYTES: u64 = 200 * 1024 * 1024;

/// What a piece of evidence belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvidenceOwner {
    #[serde(rename = "task", alias = "Task")]
    Task(TaskId),
    #[serde(rename = "rectification", alias = "Rectification")]
    Rectification(RectificationId),
    /// An indicator's figure for a year.
    #[serde(rename = "actual", alias = "Actual")]
    Actual(IndicatorId, i32),
}

/// A 佐证材料 file kept in the plan (a photo, a scanned notice, a PDF).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: EvidenceId,
    pub owner: EvidenceOwner,
    pub name: String,
    pub size: u64,
    /// The day it was added.
    pub added: jiff::civil::Date,
    /// Removed files stay in the file until the removal can no longer be undone.
    pub removed: bool,
}

impl Plan {
    /// The evidence files of an owner, not removed.
    pub fn evidence_of(&self, owner: EvidenceOwner) -> Vec<&Evidence> {
        self.evidence
            .iter()
            .filter(|e| e.owner == owner && !e.removed)
            .collect()
    }
}

/// One dated entry of 整改进展.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub date: jiff::civil::Date,
    pub text: String,
}

/// One problem of the 整改台账 and its closing (销号).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rectification {
    pub id: RectificationId,
    pub position: i64,
    pub source: RectificationSource,
    /// The batch it came in, e.g. 2023年优质均衡督导反馈.
    pub batch: String,
    pub batch_date: Option<jiff::civil::Date>,
    /// 问题描述
    pub problem: String,
    /// 整改措施
    pub measures: String,
    /// 责任单位
    pub unit: String,
    /// 责任人
    pub person: String,
    /// 整改时限
    pub due: Option<jiff::civil::Date>,
    /// 整改进展, by date.
    pub progress: Vec<ProgressEntry>,
    /// 销号日期
    pub closed: Option<jiff::civil::Date>,
    /// Who approved the closing.
    pub closed_by: String,
    /// 验收意见: a written acceptance note (or what the evidence shows).
    pub closed_note: String,
}

impl Rectification {
    pub fn new(id: RectificationId, problem: &str) -> Self {
        Rectification {
            id,
            position: 0,
            source: RectificationSource::Inspection,
            batch: String::new(),
            batch_date: None,
            problem: problem.to_owned(),
            measures: String::new(),
            unit: String::new(),
            person: String::new(),
            due: None,
            progress: Vec::new(),
            closed: None,
            closed_by: String::new(),
            closed_note: String::new(),
        }
    }
}

impl Plan {
    pub fn school(&self, id: SchoolId) -> Option<&School> {
        self.schools.iter().find(|s| s.id == id)
    }

    /// Schools in their listed order.
    pub fn schools_in_order(&self) -> Vec<&School> {
        let mut v: Vec<&School> = self.schools.iter().collect();
        v.sort_by_key(|s| (s.position, s.id));
        v
    }

    /// The years that have school figures.
    pub fn school_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .schools
            .iter()
            .flat_map(|s| s.years.keys().copied())
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
    pub fn indicator_by_name(&self, name: &str) -> Option<&Indicator> {
        let name = name.trim();
        self.indicators.iter().find(|i| i.name == name)
    }

    /// Child sections of `parent` (None = top level) in outline order.
    pub fn child_sections(&self, parent: Option<SectionId>) -> Vec<&Section> {
        let mut v: Vec<&Section> = self
            .sections
            .iter()
            .filter(|s| s.parent == parent)
            .collect();
        v.sort_by_key(|s| (s.position, s.id));
        v
    }
    pub fn section_indicators(&self, section: SectionId) -> Vec<&Indicator> {
        let mut v: Vec<&Indicator> = self
            .indicators
            .iter()
            .filter(|i| i.section == section)
            .collect();
        v.sort_by_key(|i| (i.position, i.id));
        v
    }
    pub fn section_tasks(&self, section: SectionId) -> Vec<&Task> {
        let mut v: Vec<&Task> = self.tasks.iter().filter(|t| t.section == section).collect();
        v.sort_by_key(|t| (t.position, t.id));
        v
    }

    /// The chapter (top-level section) a section belongs to.
    pub fn chapter_of(&self, section: SectionId) -> Option<&Section> {
        let mut current = self.section(section)?;
        let mut guard = 0;
        while let Some(parent) = current.parent {
            current = self.section(parent)?;
            guard += 1;
            if guard > 64 {
                return None;
            }
        }
        Some(current)
    }

    /// Every section id under `root`, including itself.
    pub fn subtree_sections(&self, root: SectionId) -> Vec<SectionId> {
        let mut out = vec![root];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            out.extend(
                self.sections
                    .iter()
                    .filter(|s| s.parent == Some(parent))
                    .map(|s| s.id),
            );
            i += 1;
        }
        out
    }

    /// Section ids in outline order (depth-first: a section, then everything under it).
    pub fn sections_in_outline_order(&self) -> Vec<SectionId> {
        let mut out = Vec::with_capacity(self.sections.len());
        let mut stack: Vec<SectionId> = self
            .child_sections(None)
            .iter()
            .rev()
            .map(|s| s.id)
            .collect();
        while let Some(sid) = stack.pop() {
            out.push(sid);
            stack.extend(self.child_sections(Some(sid)).iter().rev().map(|s| s.id));
        }
        out
    }

    /// Indicators in outline order.
    pub fn indicators_in_outline_order(&self) -> Vec<&Indicator> {
        self.sections_in_outline_order()
            .into_iter()
            .flat_map(|sid| self.section_indicators(sid))
            .collect()
    }

    /// Tasks and projects in outline order.
    pub fn tasks_in_outline_order(&self) -> Vec<&Task> {
        self.sections_in_outline_order()
            .into_iter()
            .flat_map(|sid| self.section_tasks(sid))
            .collect()
    }

    /// Categories in order of first appearance in the outline.
    pub fn categories(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for ind in self.indicators_in_outline_order() {
            if !out.contains(&ind.category) {
                out.push(ind.category.clone());
            }
        }
        out
    }

    pub fn lead_units(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .indicators
            .iter()
            .map(|i| i.lead_unit.clone())
            .chain(self.tasks.iter().map(|t| t.lead_unit.clone()))
            .filter(|u| !u.is_empty())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The latest plan year for which any indicator has a value.
    pub fn latest_year_with_data(&self) -> Option<i32> {
        self.indicators
            .iter()
            .flat_map(|i| {
                i.actuals
                    .iter()
                    .filter(|(_, a)| a.effective_value().is_some())
            })
            .map(|(y, _)| *y)
            .max()
    }

    /// The year statuses are computed for when none is chosen: the latest with data, else the
    /// first year of the plan.
    pub fn default_evaluation_year(&self) -> i32 {
        self.latest_year_with_data()
            .unwrap_or(self.info.first_year)
            .clamp(
                self.info.first_year,
                self.info.last_year.max(self.info.first_year),
            )
    }
}

/// 红黄绿灯. Always shown with its word or symbol, never by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// No verdict to show.
    Grey,
}

impl Light {
    pub const ALL: [Light; 4] = [Light::Green, Light::Yellow, Light::Red, Light::Grey];
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => "绿灯",
            Light::Yellow => "黄灯",
            Light::Red => "红灯",
            Light::Grey => "无灯",
        }
    }
    /// A shape per light so that print in black and white still tells them apart.
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Green => "●",
            Light::Yellow => "▲",
            Light::Red => "■",
            Light::Grey => "○",
        }
    }
}

/// 临期: due within this many days and not done (a plan setting).
pub const DEFAULT_DUE_SOON_DAYS: i64 = 30;

coded_enum! {
    /// Where a problem to rectify came from.
    pub enum RectificationSource {
        Inspection = ("inspection", "督导"),
        Audit = ("audit", "审计"),
        Patrol = ("patrol", "巡察"),
        SelfCheck = ("self_check", "自查"),
    }
}
