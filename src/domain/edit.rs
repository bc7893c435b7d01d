//! The vocabulary of changes. Every change to a plan is one of these; storage applies it in
//! its own transaction and records it in the history, which undo replays backwards.

use serde::{Deserialize, Serialize};

use super::model::{Indicator, IndicatorId, Plan, Section, SectionId, Task, TaskId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanField {
    Name,
    Region,
    IssuingBody,
    DocNumber,
    IssueDate,
    ReportingUnit,
    BaseYear,
    FirstYear,
    LastYear,
    YellowTolerancePp,
    Remark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionField {
    Parent,
    Position,
    Numbering,
    Title,
    Body,
    LeadUnit,
    CoUnits,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndicatorField {
    Section,
    Position,
    Name,
    Unit,
    Category,
    Attribute,
    Kind,
    Comparison,
    BaseValue,
    TargetValue,
    TargetStretch,
    TargetYear,
    TargetText,
    LeadUnit,
    DataSource,
    NumeratorLabel,
    DenominatorLabel,
    MayExceed100,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActualField {
    Value,
    Numerator,
    Denominator,
    Note,
    Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskField {
    Section,
    Position,
    Kind,
    Title,
    Measures,
    LeadUnit,
    CoUnits,
    Deadline,
    BudgetWanYuan,
    Status,
    Remark,
}

/// One settable field of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Plan(PlanField),
    Section(SectionId, SectionField),
    Indicator(IndicatorId, IndicatorField),
    Planned(IndicatorId, i32),
    Actual(IndicatorId, i32, ActualField),
    Task(TaskId, TaskField),
    TaskProgress(TaskId, i32),
}

/// A field's value. Enumerations travel as their codes/labels in `Text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Null,
    Int(i64),
    Num(f64),
    Text(String),
}

impl Value {
    pub fn from_opt_num(v: Option<f64>) -> Value {
        v.map_or(Value::Null, Value::Num)
    }
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
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
            Value::Num(v) => super::input::format_number(*v, 2),
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
    DeleteSection(SectionId),
    DeleteIndicator(IndicatorId),
    DeleteTask(TaskId),
}

impl Field {
    /// Words for the history list: what was changed.
    pub fn describe(&self, plan: &Plan) -> String {
        let ind_name = |id: IndicatorId| {
            plan.indicator(id)
                .map_or_else(|| format!("指标#{}", id.0), |i| i.name.clone())
        };
        let task_name = |id: TaskId| {
            plan.task(id)
                .map_or_else(|| format!("任务#{}", id.0), |t| t.title.clone())
        };
        match self {
            Field::Plan(f) => format!("规划·{}", plan_field_label(*f)),
            Field::Section(id, f) => {
                let title = plan.section(*id).map_or_else(String::new, Section::heading);
                format!("章节“{title}”·{}", section_field_label(*f))
            }
            Field::Indicator(id, f) => format!("{}·{}", ind_name(*id), indicator_field_label(*f)),
            Field::Planned(id, y) => format!("{}·{y}年目标", ind_name(*id)),
            Field::Actual(id, y, f) => format!("{}·{y}年{}", ind_name(*id), actual_field_label(*f)),
            Field::Task(id, f) => format!("{}·{}", task_name(*id), task_field_label(*f)),
            Field::TaskProgress(id, y) => format!("{}·{y}年进展", task_name(*id)),
        }
    }

    pub fn indicator(&self) -> Option<IndicatorId> {
        match self {
            Field::Indicator(id, _) | Field::Planned(id, _) | Field::Actual(id, _, _) => Some(*id),
            _ => None,
        }
    }
}

pub fn plan_field_label(f: PlanField) -> &'static str {
    match f {
        PlanField::Name => "规划名称",
        PlanField::Region => "区县",
        PlanField::IssuingBody => "发文机关",
        PlanField::DocNumber => "发文字号",
        PlanField::IssueDate => "印发日期",
        PlanField::ReportingUnit => "填报单位",
        PlanField::BaseYear => "基期年",
        PlanField::FirstYear => "起始年",
        PlanField::LastYear => "终止年",
        PlanField::YellowTolerancePp => "黄灯容差",
        PlanField::Remark => "备注",
    }
}

pub fn section_field_label(f: SectionField) -> &'static str {
    match f {
        SectionField::Parent => "上级章节",
        SectionField::Position => "顺序",
        SectionField::Numbering => "序号",
        SectionField::Title => "标题",
        SectionField::Body => "正文",
        SectionField::LeadUnit => "牵头单位",
        SectionField::CoUnits => "配合单位",
    }
}

pub fn indicator_field_label(f: IndicatorField) -> &'static str {
    match f {
        IndicatorField::Section => "所属章节",
        IndicatorField::Position => "顺序",
        IndicatorField::Name => "名称",
        IndicatorField::Unit => "单位",
        IndicatorField::Category => "类别",
        IndicatorField::Attribute => "属性",
        IndicatorField::Kind => "类型",
        IndicatorField::Comparison => "比较方式",
        IndicatorField::BaseValue => "基期值",
        IndicatorField::TargetValue => "目标值",
        IndicatorField::TargetStretch => "挑战目标",
        IndicatorField::TargetYear => "目标年份",
        IndicatorField::TargetText => "目标表述",
        IndicatorField::LeadUnit => "牵头单位",
        IndicatorField::DataSource => "数据来源",
        IndicatorField::NumeratorLabel => "分子",
        IndicatorField::DenominatorLabel => "分母",
        IndicatorField::MayExceed100 => "可超过100%",
    }
}

pub fn actual_field_label(f: ActualField) -> &'static str {
    match f {
        ActualField::Value => "实际值",
        ActualField::Numerator => "分子",
        ActualField::Denominator => "分母",
        ActualField::Note => "说明",
        ActualField::Source => "数据来源",
    }
}

pub fn task_field_label(f: TaskField) -> &'static str {
    match f {
        TaskField::Section => "所属章节",
        TaskField::Position => "顺序",
        TaskField::Kind => "类型",
        TaskField::Title => "名称",
        TaskField::Measures => "具体措施",
        TaskField::LeadUnit => "牵头单位",
        TaskField::CoUnits => "配合单位",
        TaskField::Deadline => "完成时限",
        TaskField::BudgetWanYuan => "预算（万元）",
        TaskField::Status => "完成状态",
        TaskField::Remark => "备注",
    }
}
