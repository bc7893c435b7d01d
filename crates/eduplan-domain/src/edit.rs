//! The vocabulary of changes. Every change to a plan is one of these; storage applies it in
//! its own transaction and records it in the history, which undo replays backwards.

use serde::{Deserialize, Serialize};

use crate::balance::{School, SchoolType};
use crate::closeout::{EvaluationKind, FinalVerdict, MissReason, ProjectState, TaskVerdict};
use crate::codes::Coded;
use crate::commitments::RectificationSource;
use crate::model::{
    Attribute, Comparison, EntryMode, Indicator, IndicatorId, IndicatorKind, Plan, Rectification,
    RectificationId, SchoolId, Section, SectionId, Task, TaskId, TaskKind, TaskStatus,
};

/// The kind of value a field holds. Storage, validation and the editors all read this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// Text or empty (stored as NULL).
    OptionalText,
    /// A number that must be present.
    Number,
    /// A number or empty.
    OptionalNumber,
    Integer,
    OptionalInteger,
    /// 0 or 1.
    Flag,
    /// One of an enumeration's stable codes (see `codes`).
    Code(CodeSet),
    /// A code of the set, or empty (stored as NULL).
    OptionalCode(CodeSet),
    /// A calendar date as text, 2024-06-30, or empty.
    OptionalDate,
}

/// The enumerations a field may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeSet {
    Attribute,
    IndicatorKind,
    Comparison,
    EntryMode,
    TaskKind,
    TaskStatus,
    SchoolType,
    RectificationSource,
    EvaluationKind,
    FinalVerdict,
    MissReason,
    TaskVerdict,
    ProjectState,
}

impl CodeSet {
    /// The word users see for a code of this set.
    pub fn label_of(self, code: &str) -> Option<&'static str> {
        match self {
            CodeSet::Attribute => Attribute::from_code(code).map(Attribute::label),
            CodeSet::IndicatorKind => IndicatorKind::from_code(code).map(IndicatorKind::label),
            CodeSet::Comparison => Comparison::from_code(code).map(Comparison::label),
            CodeSet::EntryMode => EntryMode::from_code(code).map(EntryMode::label),
            CodeSet::TaskKind => TaskKind::from_code(code).map(TaskKind::label),
            CodeSet::TaskStatus => TaskStatus::from_code(code).map(TaskStatus::label),
            CodeSet::SchoolType => SchoolType::from_code(code).map(SchoolType::label),
            CodeSet::RectificationSource => {
                RectificationSource::from_code(code).map(RectificationSource::label)
            }
            CodeSet::EvaluationKind => EvaluationKind::from_code(code).map(EvaluationKind::label),
            CodeSet::FinalVerdict => FinalVerdict::from_code(code).map(FinalVerdict::label),
            CodeSet::MissReason => MissReason::from_code(code).map(MissReason::label),
            CodeSet::TaskVerdict => TaskVerdict::from_code(code).map(TaskVerdict::label),
            CodeSet::ProjectState => ProjectState::from_code(code).map(ProjectState::label),
        }
    }

    pub fn codes(self) -> Vec<&'static str> {
        match self {
            CodeSet::Attribute => Attribute::codes(),
            CodeSet::IndicatorKind => IndicatorKind::codes(),
            CodeSet::Comparison => Comparison::codes(),
            CodeSet::EntryMode => EntryMode::codes(),
            CodeSet::TaskKind => TaskKind::codes(),
            CodeSet::TaskStatus => TaskStatus::codes(),
            CodeSet::SchoolType => SchoolType::codes(),
            CodeSet::RectificationSource => RectificationSource::codes(),
            CodeSet::EvaluationKind => EvaluationKind::codes(),
            CodeSet::FinalVerdict => FinalVerdict::codes(),
            CodeSet::MissReason => MissReason::codes(),
            CodeSet::TaskVerdict => TaskVerdict::codes(),
            CodeSet::ProjectState => ProjectState::codes(),
        }
    }
}

impl Shape {
    pub fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (Shape::Text, Value::Text(_)) => true,
            (Shape::OptionalText, Value::Text(_) | Value::Null) => true,
            (Shape::Number, Value::Num(v)) => v.is_finite(),
            (Shape::Number, Value::Int(_)) => true,
            (Shape::OptionalNumber, Value::Num(v)) => v.is_finite(),
            (Shape::OptionalNumber, Value::Int(_) | Value::Null) => true,
            (Shape::Integer, Value::Int(_)) => true,
            (Shape::OptionalInteger, Value::Int(_) | Value::Null) => true,
            (Shape::Flag, Value::Int(v)) => *v == 0 || *v == 1,
            (Shape::Code(set) | Shape::OptionalCode(set), Value::Text(code)) => {
                set.codes().contains(&code.as_str())
            }
            (Shape::OptionalCode(_), Value::Null) => true,
            (Shape::OptionalDate, Value::Null) => true,
            (Shape::OptionalDate, Value::Text(t)) => {
                t.is_empty() || t.parse::<jiff::civil::Date>().is_ok()
            }
            _ => false,
        }
    }
}

/// Everything known about one field, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Stable ASCII key: the column in the plan file and the name in history records.
    pub key: &'static str,
    /// The word users see (history list, messages).
    pub label: &'static str,
    pub shape: Shape,
}

/// Declare a field enum with its table of specs: variant = (key, label, shape).
macro_rules! fields {
    ($name:ident { $($variant:ident = ($key:literal, $label:literal, $shape:expr)),+ $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn spec(self) -> FieldSpec {
                match self {
                    $($name::$variant => FieldSpec { key: $key, label: $label, shape: $shape }),+
                }
            }
            pub fn from_key(key: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|f| f.spec().key == key)
            }
            /// Every field's column, in the table's order: the list a statement reading or
            /// writing the whole row names, so no second list of columns exists.
            pub fn columns() -> String {
                Self::ALL.iter().map(|f| f.spec().key).collect::<Vec<_>>().join(", ")
            }
            /// This field's place in `columns()`.
            pub fn column(self) -> usize {
                Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
            }
        }
    };
}

use Shape::*;

fields!(PlanField {
    Name = ("name", "规划名称", Text),
    Region = ("region", "区县", Text),
    IssuingBody = ("issuing_body", "发文机关", Text),
    DocNumber = ("doc_number", "发文字号", Text),
    IssueDate = ("issue_date", "印发日期", Text),
    ReportingUnit = ("reporting_unit", "填报单位", Text),
    BaseYear = ("base_year", "基期年", Integer),
    FirstYear = ("first_year", "起始年", Integer),
    LastYear = ("last_year", "终止年", Integer),
    AheadMarginPp = ("ahead_margin_pp", "快于预期界限", Number),
    GreenLimitPp = ("green_limit_pp", "绿灯界限", Number),
    YellowTolerancePp = ("yellow_tolerance_pp", "黄灯界限", Number),
    Remark = ("remark", "备注", Text),
    BalanceSettings = ("balance_settings", "优质均衡标准", Text), // JSON, checked in storage
    DueSoonDays = ("due_soon_days", "临期天数", Integer),
    EvaluationKind = ("evaluation_kind", "评估类型", OptionalCode(CodeSet::EvaluationKind)),
    ExceedMarginPp = ("exceed_margin_pp", "超额完成界限", Number),
    BasicSharePct = ("basic_share_pct", "基本完成界限", Number),
    BasicForBinding = ("basic_for_binding", "约束性指标可评基本完成", Flag),
    EvaluationDate = ("evaluation_date", "评估日期", OptionalDate),
    PredecessorName = ("predecessor_name", "上期规划", Text),
    PredecessorHash = ("predecessor_hash", "上期规划文件校验值", Text),
});

fields!(SectionField {
    Parent = ("parent_id", "上级章节", OptionalInteger),
    Position = ("position", "顺序", Integer),
    Numbering = ("numbering", "序号", Text),
    Title = ("title", "标题", Text),
    Body = ("body", "正文", Text),
    LeadUnit = ("lead_unit", "牵头单位", Text),
    CoUnits = ("co_units", "配合单位", Text),
});

fields!(IndicatorField {
    Section = ("section_id", "所属章节", Integer),
    Position = ("position", "顺序", Integer),
    Name = ("name", "名称", Text),
    Unit = ("unit", "单位", Text),
    Category = ("category", "类别", Text),
    Attribute = ("attribute", "属性", Code(CodeSet::Attribute)),
    Kind = ("kind", "类型", Code(CodeSet::IndicatorKind)),
    Comparison = ("comparison", "比较方式", Code(CodeSet::Comparison)),
    BaseValue = ("base_value", "基期值", OptionalNumber),
    BaseYear = ("base_year", "基期年", OptionalInteger),
    TargetValue = ("target_value", "目标值", Number),
    TargetStretch = ("target_stretch", "力争目标", OptionalNumber),
    TargetYear = ("target_year", "目标年份", Integer),
    TargetText = ("target_text", "目标表述", Text),
    LeadUnit = ("lead_unit", "牵头单位", Text),
    DataSource = ("data_source", "数据来源", Text),
    NumeratorLabel = ("numerator_label", "分子（计数口径）", Text),
    DenominatorLabel = ("denominator_label", "分母（计数口径）", Text),
    MayExceed100 = ("may_exceed_100", "可超过100%", Flag),
    Decimals = ("decimals", "小数位数", OptionalInteger),
    EntryMode = ("entry_mode", "填报口径", Code(CodeSet::EntryMode)),
    LinkedFigure = ("linked_figure", "数据来自", OptionalText), // a LinkedFigure code
    Definition = ("definition", "指标定义", Text),
    LibraryCode = ("library_code", "指标库条目", OptionalText), // a library entry code
    VerdictOverride = ("verdict_override", "人工判定", OptionalCode(CodeSet::FinalVerdict)),
    OverrideReason = ("override_reason", "人工判定理由", Text),
    MissReason = ("miss_reason", "未完成原因", OptionalCode(CodeSet::MissReason)),
    MissNote = ("miss_note", "未完成原因说明", Text),
    NextSteps = ("next_steps", "下一步措施", Text),
    CarryOver = ("carry_over", "结转下一期规划", Flag),
    BaseEstimate = ("base_estimate", "基期值为预计值", Flag),
});

fields!(ActualField {
    Value = ("value", "实际值", OptionalNumber),
    Numerator = ("numerator", "分子", OptionalNumber),
    Denominator = ("denominator", "分母", OptionalNumber),
    Note = ("note", "说明", Text),
    Source = ("source", "数据来源", Text),
    Estimate = ("estimate", "预计", Flag),
});

fields!(TaskField {
    Section = ("section_id", "所属章节", Integer),
    Position = ("position", "顺序", Integer),
    Kind = ("kind", "类型", Code(CodeSet::TaskKind)),
    Title = ("title", "名称", Text),
    Measures = ("measures", "具体措施", Text),
    LeadUnit = ("lead_unit", "牵头单位", Text),
    CoUnits = ("co_units", "配合单位", Text),
    Deadline = ("deadline", "完成时限", Text),
    BudgetWanYuan = ("budget_wan_yuan", "预算（万元）", OptionalNumber),
    Status = ("status", "完成状态", Code(CodeSet::TaskStatus)),
    Remark = ("remark", "备注", Text),
    DeadlineDate = ("deadline_date", "完成时限日期", OptionalDate),
    ResponsiblePerson = ("responsible_person", "责任人", Text),
    AnnualTarget = ("annual_target", "年度目标", Text),
    CompletedDate = ("completed_date", "完成日期", OptionalDate),
    Verdict = ("verdict", "期末评价", OptionalCode(CodeSet::TaskVerdict)),
    VerdictBasis = ("verdict_basis", "期末评价依据", Text),
    Scope = ("scope", "建设内容及规模", Text),
    BuildPeriod = ("build_period", "计划建设期", Text),
    Outcome = ("outcome", "实际完成情况", Text),
    NewPlaces = ("new_places", "新增学位", OptionalNumber),
    ProjectState = ("project_state", "工程状态", OptionalCode(CodeSet::ProjectState)),
    MissReason = ("miss_reason", "未完成原因", OptionalCode(CodeSet::MissReason)),
    MissNote = ("miss_note", "未完成原因说明", Text),
    CarryOver = ("carry_over", "是否结转", Flag),
});

fields!(RectificationField {
    Position = ("position", "顺序", Integer),
    Source = ("source", "问题来源", Code(CodeSet::RectificationSource)),
    Batch = ("batch", "批次", Text),
    BatchDate = ("batch_date", "反馈日期", OptionalDate),
    Problem = ("problem", "问题描述", Text),
    Measures = ("measures", "整改措施", Text),
    Unit = ("unit", "责任单位", Text),
    Person = ("person", "责任人", Text),
    Due = ("due", "整改时限", OptionalDate),
    Closed = ("closed", "销号日期", OptionalDate),
    ClosedBy = ("closed_by", "销号审核人", Text),
    ClosedNote = ("closed_note", "验收意见", Text),
});

fields!(SchoolField {
    Position = ("position", "顺序", Integer),
    Name = ("name", "校名", Text),
    Type = ("school_type", "学校类型", Code(CodeSet::SchoolType)),
    Remark = ("remark", "备注", Text),
});

fields!(SchoolYearField {
    PupilsPrimary = ("pupils_primary", "小学在校生数", OptionalNumber),
    PupilsJunior = ("pupils_junior", "初中在校生数", OptionalNumber),
    PupilsSenior = ("pupils_senior", "高中在校生数", OptionalNumber),
    QualifiedTeachers = ("qualified_teachers", "高于规定学历教师数", OptionalNumber),
    KeyTeachers = ("key_teachers", "县级以上骨干教师数", OptionalNumber),
    ArtsPeTeachers = ("arts_pe_teachers", "体育艺术专任教师数", OptionalNumber),
    TeachingSpace = ("teaching_space", "教学及辅助用房面积", OptionalNumber),
    SportsSpace = ("sports_space", "体育运动场馆面积", OptionalNumber),
    Equipment = ("equipment", "教学仪器设备值", OptionalNumber),
    MultimediaRooms = ("multimedia_rooms", "网络多媒体教室数", OptionalNumber),
});

/// One settable field of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Plan(PlanField),
    Section(SectionId, SectionField),
    Indicator(IndicatorId, IndicatorField),
    Planned(IndicatorId, i32),
    /// A `Benchmark` indicator's benchmark for a year.
    Benchmark(IndicatorId, i32),
    Actual(IndicatorId, i32, ActualField),
    Task(TaskId, TaskField),
    TaskProgress(TaskId, i32),
    /// 季度形象进度 (empty text removes it).
    TaskQuarter(TaskId, crate::model::Quarter),
    School(SchoolId, SchoolField),
    SchoolYear(SchoolId, i32, SchoolYearField),
    Rectification(RectificationId, RectificationField),
    /// 1 when an evidence file has been removed (undo puts it back).
    EvidenceRemoved(crate::model::EvidenceId),
    /// One dated 整改进展 entry (empty text removes it).
    RectificationProgress(RectificationId, jiff::civil::Date),
}

/// A field's value. Enumerations travel as their stable codes in `Text` (`Value::code`).
/// Serialized with lower-case tags (history format 3); the capitalised Rust names of format 2
/// are still read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    #[serde(rename = "null", alias = "Null")]
    Null,
    #[serde(rename = "int", alias = "Int")]
    Int(i64),
    #[serde(rename = "num", alias = "Num")]
    Num(f64),
    #[serde(rename = "text", alias = "Text")]
    Text(String),
}

impl Value {
    pub fn from_opt_num(v: Option<f64>) -> Value {
        v.map_or(Value::Null, Value::Num)
    }
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
    /// An enumeration value, as its stable code.
    pub fn code(v: impl Coded) -> Value {
        Value::Text(v.code().to_owned())
    }
    pub fn flag(on: bool) -> Value {
        Value::Int(i64::from(on))
    }
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Value::Num(v) => Some(*v),
            Value::Int(v) => Some(*v as f64),
            _ => None,
        }
    }
    /// How the value reads in the history list.
    pub fn display(&self) -> String {
        match self {
            Value::Null => "（空）".to_owned(),
            Value::Int(v) => v.to_string(),
            // 98.6 as typed, not 98.60.
            Value::Num(v) => {
                let text = super::input::format_number(*v, 4);
                if text.contains('.') {
                    text.trim_end_matches('0').trim_end_matches('.').to_owned()
                } else {
                    text
                }
            }
            Value::Text(s) if s.is_empty() => "（空）".to_owned(),
            Value::Text(s) => s.clone(),
        }
    }
}

/// Sections, indicators and tasks removed or added together (a section with its contents).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Subtree {
    pub sections: Vec<Section>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub schools: Vec<School>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    /// Evidence added (undo removes it again: marked removed, bytes kept for redo).
    #[serde(default)]
    pub evidence: Vec<crate::model::Evidence>,
}

impl Subtree {
    /// A section with everything under it, as it stands in `plan`.
    pub fn of_section(plan: &Plan, root: SectionId) -> Subtree {
        let ids = plan.subtree_sections(root);
        Subtree {
            sections: plan
                .sections
                .iter()
                .filter(|s| ids.contains(&s.id))
                .cloned()
                .collect(),
            indicators: plan
                .indicators
                .iter()
                .filter(|i| ids.contains(&i.section))
                .cloned()
                .collect(),
            tasks: plan
                .tasks
                .iter()
                .filter(|t| ids.contains(&t.section))
                .cloned()
                .collect(),
            schools: Vec::new(),
            rectifications: Vec::new(),
            evidence: Vec::new(),
        }
    }
}

/// A change a user asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Set(Field, Value),
    AddSection {
        parent: Option<SectionId>,
        numbering: String,
        title: String,
    },
    AddIndicator {
        section: SectionId,
        name: String,
    },
    AddTask {
        section: SectionId,
        title: String,
    },
    /// A school with the figures it comes with (its id and position are given by storage).
    AddSchool(School),
    /// A 整改 item with its progress (its id and position are given by storage).
    AddRectification(Rectification),
    /// A 佐证材料 file, kept inside the plan.
    AddEvidence {
        owner: crate::model::EvidenceOwner,
        name: String,
        added: jiff::civil::Date,
        data: Vec<u8>,
    },
    DeleteRectification(RectificationId),
    /// Sections and indicators added together, from the indicator library or a plan's text.
    /// Sections are listed parents first; their ids are provisional (storage gives the real
    /// ones) and indicators point at them, or at sections already in the plan.
    AddOutline(Subtree),
    DeleteSchool(SchoolId),
    DeleteSection(SectionId),
    DeleteIndicator(IndicatorId),
    DeleteTask(TaskId),
}

impl Field {
    /// The stable key of a field, as history records keep it: `indicator.12.base_value`,
    /// `actual.12.2024.value`, `plan.name` …
    pub fn key(&self) -> String {
        match self {
            Field::Plan(f) => format!("plan.{}", f.spec().key),
            Field::Section(id, f) => format!("section.{}.{}", id.0, f.spec().key),
            Field::Indicator(id, f) => format!("indicator.{}.{}", id.0, f.spec().key),
            Field::Planned(id, y) => format!("planned.{}.{y}", id.0),
            Field::Benchmark(id, y) => format!("benchmark.{}.{y}", id.0),
            Field::Actual(id, y, f) => format!("actual.{}.{y}.{}", id.0, f.spec().key),
            Field::Task(id, f) => format!("task.{}.{}", id.0, f.spec().key),
            Field::TaskProgress(id, y) => format!("task_progress.{}.{y}", id.0),
            Field::TaskQuarter(id, q) => format!("task_quarter.{}.{q}", id.0),
            Field::School(id, f) => format!("school.{}.{}", id.0, f.spec().key),
            Field::SchoolYear(id, y, f) => format!("school_year.{}.{y}.{}", id.0, f.spec().key),
            Field::Rectification(id, f) => format!("rectification.{}.{}", id.0, f.spec().key),
            Field::RectificationProgress(id, d) => format!("rectification_progress.{}.{d}", id.0),
            Field::EvidenceRemoved(id) => format!("evidence.{}.removed", id.0),
        }
    }

    /// Read a key written by `key`.
    pub fn from_key(key: &str) -> Option<Field> {
        let parts: Vec<&str> = key.split('.').collect();
        let id = |s: &str| s.parse::<i64>().ok();
        let year = |s: &str| s.parse::<i32>().ok();
        Some(match parts.as_slice() {
            ["plan", f] => Field::Plan(PlanField::from_key(f)?),
            ["section", i, f] => Field::Section(SectionId(id(i)?), SectionField::from_key(f)?),
            ["indicator", i, f] => {
                Field::Indicator(IndicatorId(id(i)?), IndicatorField::from_key(f)?)
            }
            ["planned", i, y] => Field::Planned(IndicatorId(id(i)?), year(y)?),
            ["benchmark", i, y] => Field::Benchmark(IndicatorId(id(i)?), year(y)?),
            ["actual", i, y, f] => {
                Field::Actual(IndicatorId(id(i)?), year(y)?, ActualField::from_key(f)?)
            }
            ["task", i, f] => Field::Task(TaskId(id(i)?), TaskField::from_key(f)?),
            ["task_progress", i, y] => Field::TaskProgress(TaskId(id(i)?), year(y)?),
            ["task_quarter", i, q] => Field::TaskQuarter(TaskId(id(i)?), q.parse().ok()?),
            ["school", i, f] => Field::School(SchoolId(id(i)?), SchoolField::from_key(f)?),
            ["rectification", i, f] => {
                Field::Rectification(RectificationId(id(i)?), RectificationField::from_key(f)?)
            }
            ["evidence", i, "removed"] => Field::EvidenceRemoved(crate::model::EvidenceId(id(i)?)),
            ["rectification_progress", i, d] => {
                Field::RectificationProgress(RectificationId(id(i)?), d.parse().ok()?)
            }
            ["school_year", i, y, f] => {
                Field::SchoolYear(SchoolId(id(i)?), year(y)?, SchoolYearField::from_key(f)?)
            }
            _ => return None,
        })
    }

    /// How a value of this field reads in the history list (codes as their words).
    pub fn display_value(&self, value: &Value) -> String {
        match (self.shape(), value) {
            (Shape::Code(set) | Shape::OptionalCode(set), Value::Text(code)) => set
                .label_of(code)
                .map_or_else(|| value.display(), str::to_owned),
            (Shape::Flag, Value::Int(v)) => if *v != 0 { "是" } else { "否" }.to_owned(),
            _ => value.display(),
        }
    }

    /// What kind of value the field holds.
    pub fn shape(&self) -> Shape {
        match self {
            Field::Plan(f) => f.spec().shape,
            Field::Section(_, f) => f.spec().shape,
            Field::Indicator(_, f) => f.spec().shape,
            Field::Planned(..) | Field::Benchmark(..) => Shape::OptionalNumber,
            Field::Actual(_, _, f) => f.spec().shape,
            Field::Task(_, f) => f.spec().shape,
            Field::TaskProgress(..) | Field::TaskQuarter(..) => Shape::Text,
            Field::School(_, f) => f.spec().shape,
            Field::SchoolYear(_, _, f) => f.spec().shape,
            Field::Rectification(_, f) => f.spec().shape,
            Field::RectificationProgress(..) => Shape::Text,
            Field::EvidenceRemoved(_) => Shape::Flag,
        }
    }

    pub fn indicator(&self) -> Option<IndicatorId> {
        match self {
            Field::Indicator(id, _)
            | Field::Planned(id, _)
            | Field::Benchmark(id, _)
            | Field::Actual(id, _, _) => Some(*id),
            _ => None,
        }
    }
}
