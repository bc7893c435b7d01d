//! The plan text format (JSON): how sample plans are kept in the repository, readable in a
//! diff. Sections nest; indicators and tasks sit under the section that holds them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use eduplan_domain::balance::{School, SchoolFigures, SchoolType};
use eduplan_domain::edit::SchoolYearField;
use eduplan_domain::{
    Actual, Attribute, Comparison, EntryMode, Indicator, IndicatorId, IndicatorKind, Plan,
    PlanInfo, SchoolId, Section, SectionId, Task, TaskId, TaskKind, TaskStatus,
};

pub const FORMAT: &str = "eduplan-plan-text";
/// 2 added `base_year`, `decimals`, `entry`, `benchmarks`, the `year_over_year` and `benchmark`
/// kinds, and the plan's `ahead_margin_pp` / `green_limit_pp`; version 1 texts read unchanged.
/// 3 added the tasks' `deadline_date`, `responsible_person`, `annual_target`, `completed_date`
/// and the top-level `rectifications` (整改台账).
/// 4 added the close-out: `"estimate": true` on a year's value (预计), the indicators' and
/// tasks' `closeout`, and the plan's `closeout` settings and `predecessor`.
pub const FORMAT_VERSION: u32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum PlanTextError {
    #[error("无法读取“{0}”：{1}")]
    Io(String, String),
    #[error("“{0}”不是EduPlan规划文本文件（{1}）")]
    Format(String, String),
    #[error("“{0}”中{1}")]
    Content(String, String),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PlanText {
    pub format: String,
    pub version: u32,
    pub plan: PlanInfo,
    #[serde(default)]
    pub sections: Vec<SectionText>,
    /// Schools and their yearly figures (version 2), for 义务教育优质均衡.
    #[serde(default)]
    pub schools: Vec<SchoolText>,
    /// 整改台账 (version 3).
    #[serde(default)]
    pub rectifications: Vec<RectificationText>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SchoolText {
    pub name: String,
    /// 小学 / 初中 / 九年一贯制学校 / 完全中学 / 教学点 / 特殊教育学校 / 职业学校, or the codes.
    #[serde(rename = "type")]
    pub school_type: String,
    #[serde(default)]
    pub remark: String,
    /// Figures by year, keyed as the plan file's columns (pupils_primary, equipment, …).
    #[serde(default)]
    pub years: BTreeMap<i32, BTreeMap<String, f64>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SectionText {
    pub numbering: String,
    pub title: String,
    pub body: String,
    pub lead_unit: String,
    pub co_units: String,
    pub indicators: Vec<IndicatorText>,
    pub tasks: Vec<TaskText>,
    pub sections: Vec<SectionText>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct IndicatorText {
    pub name: String,
    pub unit: String,
    #[serde(default)]
    pub category: String,
    /// 约束性 / 预期性 (or the codes binding / expected)
    pub attribute: String,
    /// level / maintain / change / cumulative / yesno / year_over_year / benchmark
    pub kind: String,
    /// ≥ > ≤ < = (or the codes ge gt le lt eq, or 以上/以下/高于/低于…)
    pub comparison: String,
    #[serde(default)]
    pub base: Option<f64>,
    /// The indicator's own base year, where it differs from the plan's.
    #[serde(default)]
    pub base_year: Option<i32>,
    #[serde(default)]
    pub decimals: Option<u8>,
    /// Cumulative indicators: increment (当年完成数, the default) or running_total (累计数).
    #[serde(default)]
    pub entry: Option<String>,
    /// Benchmark indicators: the benchmark for each year.
    #[serde(default)]
    pub benchmarks: BTreeMap<i32, f64>,
    /// A 优质均衡 figure the yearly values come from (e.g. `cv:equipment:primary`).
    #[serde(default)]
    pub linked_figure: Option<String>,
    /// 指标定义/口径
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// The indicator-library entry (its code) the indicator was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<String>,
    pub target: f64,
    #[serde(default)]
    pub stretch: Option<f64>,
    pub target_year: i32,
    pub target_text: String,
    #[serde(default)]
    pub planned: BTreeMap<i32, f64>,
    #[serde(default)]
    pub lead_unit: String,
    #[serde(default)]
    pub data_source: String,
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    #[serde(default)]
    pub may_exceed_100: bool,
    #[serde(default)]
    pub actuals: BTreeMap<i32, ActualText>,
    /// The close-out (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closeout: Option<crate::closeout_text::IndicatorCloseoutText>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ActualText {
    Value(f64),
    Full {
        #[serde(default)]
        value: Option<f64>,
        #[serde(default)]
        numerator: Option<f64>,
        #[serde(default)]
        denominator: Option<f64>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        source: String,
        /// 预计 (version 4).
        #[serde(default)]
        estimate: bool,
    },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct TaskText {
    #[serde(default = "default_task_kind")]
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub lead_unit: String,
    #[serde(default)]
    pub co_units: String,
    #[serde(default)]
    pub deadline: String,
    #[serde(default)]
    pub budget_wan_yuan: Option<f64>,
    #[serde(default = "default_task_status")]
    pub status: String,
    #[serde(default)]
    pub progress: BTreeMap<i32, String>,
    /// 季度形象进度: `{"2024Q1": "…"}`.
    #[serde(default)]
    pub quarterly_progress: BTreeMap<String, String>,
    #[serde(default)]
    pub remark: String,
    /// The date the deadline names (version 3); read from `deadline` when absent.
    #[serde(default)]
    pub deadline_date: Option<String>,
    #[serde(default)]
    pub responsible_person: String,
    #[serde(default)]
    pub annual_target: String,
    #[serde(default)]
    pub completed_date: Option<String>,
    /// End-of-period verdict and 重大工程 figures (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closeout: Option<crate::closeout_text::TaskCloseoutText>,
}

/// One 整改 item (version 3).
#[derive(Debug, Serialize, Deserialize)]
pub struct RectificationText {
    /// 督导 / 审计 / 巡察 / 自查 (or the codes)
    #[serde(default = "default_source")]
    pub source: String,
    #[serde(default)]
    pub batch: String,
    #[serde(default)]
    pub batch_date: Option<String>,
    pub problem: String,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub progress: Vec<ProgressText>,
    #[serde(default)]
    pub closed: Option<String>,
    #[serde(default)]
    pub closed_by: String,
    #[serde(default)]
    pub closed_note: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProgressText {
    pub date: String,
    pub text: String,
}

fn default_source() -> String {
    "督导".to_owned()
}

fn date_of(text: &Option<String>, what: &str) -> Result<Option<eduplan_domain::Date>, String> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| format!("{what}“{t}”不是日期（应写作2024-06-30）")),
    }
}

fn rectification_from_text(
    t: &RectificationText,
    id: i64,
) -> Result<eduplan_domain::Rectification, String> {
    use eduplan_domain::commitments::RectificationSource;
    let short: String = t.problem.chars().take(16).collect();
    let source = RectificationSource::from_label(&t.source)
        .or_else(|| RectificationSource::from_code(&t.source))
        .ok_or_else(|| format!("整改事项“{short}”的问题来源“{}”无法识别", t.source))?;
    let mut item =
        eduplan_domain::Rectification::new(eduplan_domain::RectificationId(id), &t.problem);
    item.position = id;
    item.source = source;
    item.batch = t.batch.clone();
    item.batch_date = date_of(&t.batch_date, "反馈日期")?;
    item.measures = t.measures.clone();
    item.unit = t.unit.clone();
    item.person = t.person.clone();
    item.due = date_of(&t.due, "整改时限")?;
    for p in &t.progress {
        let date = date_of(&Some(p.date.clone()), "进展日期")?
            .ok_or_else(|| format!("整改事项“{short}”有一条进展缺少日期"))?;
        item.progress.push(eduplan_domain::ProgressEntry {
            date,
            text: p.text.clone(),
        });
    }
    item.progress.sort_by_key(|p| p.date);
    item.closed = date_of(&t.closed, "销号日期")?;
    item.closed_by = t.closed_by.clone();
    item.closed_note = t.closed_note.clone();
    Ok(item)
}

fn default_task_kind() -> String {
    "task".to_owned()
}
fn default_task_status() -> String {
    "未启动".to_owned()
}

pub fn read_plan_text(path: &std::path::Path) -> Result<Plan, PlanTextError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| PlanTextError::Io(name.clone(), crate::io_words(&e).to_owned()))?;
    parse_plan_text(&text, &name)
}

pub fn parse_plan_text(text: &str, name: &str) -> Result<Plan, PlanTextError> {
    let doc: PlanText = serde_json::from_str(text).map_err(|e| {
        let place = format!("第{}行第{}列附近", e.line(), e.column());
        let what = match e.classify() {
            serde_json::error::Category::Io | serde_json::error::Category::Eof => {
                "内容不完整".to_owned()
            }
            serde_json::error::Category::Syntax => format!("{place}格式有误"),
            serde_json::error::Category::Data => format!("{place}的内容不符合规划文本的要求"),
        };
        PlanTextError::Format(name.to_owned(), what)
    })?;
    if doc.format != FORMAT {
        return Err(PlanTextError::Format(
            name.to_owned(),
            format!("format 应为 {FORMAT}"),
        ));
    }
    if doc.version > FORMAT_VERSION {
        return Err(PlanTextError::Format(
            name.to_owned(),
            format!(
                "文本格式第{}版，本程序只支持到第{FORMAT_VERSION}版",
                doc.version
            ),
        ));
    }
    let mut plan = Plan {
        info: doc.plan,
        ..Plan::default()
    };
    let mut next = 1;
    for (i, s) in doc.sections.iter().enumerate() {
        add_section(&mut plan, s, None, i as i64 + 1, &mut next)
            .map_err(|e| PlanTextError::Content(name.to_owned(), e))?;
    }
    for (i, s) in doc.schools.iter().enumerate() {
        let school = school_from_text(s, SchoolId(i as i64 + 1), i as i64 + 1)
            .map_err(|e| PlanTextError::Content(name.to_owned(), e))?;
        plan.schools.push(school);
    }
    for (i, r) in doc.rectifications.iter().enumerate() {
        let item = rectification_from_text(r, i as i64 + 1)
            .map_err(|e| PlanTextError::Content(name.to_owned(), e))?;
        plan.rectifications.push(item);
    }
    Ok(plan)
}

fn school_from_text(s: &SchoolText, id: SchoolId, position: i64) -> Result<School, String> {
    let school_type = SchoolType::from_label(&s.school_type)
        .or_else(|| SchoolType::from_code(&s.school_type))
        .ok_or_else(|| format!("学校“{}”的类型“{}”无法识别", s.name, s.school_type))?;
    let mut school = School::new(id, &s.name);
    school.position = position;
    school.school_type = school_type;
    school.remark = s.remark.clone();
    for (year, figures) in &s.years {
        let mut f = SchoolFigures::default();
        for (key, value) in figures {
            let field = SchoolYearField::from_key(key)
                .ok_or_else(|| format!("学校“{}”{year}年的“{key}”无法识别", s.name))?;
            *f.slot_mut(field) = Some(*value);
        }
        school.years.insert(*year, f);
    }
    Ok(school)
}

fn add_section(
    plan: &mut Plan,
    s: &SectionText,
    parent: Option<SectionId>,
    position: i64,
    next_id: &mut i64,
) -> Result<(), String> {
    let id = SectionId(*next_id);
    *next_id += 1;
    plan.sections.push(Section {
        id,
        parent,
        position,
        numbering: s.numbering.clone(),
        title: s.title.clone(),
        body: s.body.clone(),
        lead_unit: s.lead_unit.clone(),
        co_units: s.co_units.clone(),
    });
    for (i, t) in s.indicators.iter().enumerate() {
        let attribute = Attribute::from_label(&t.attribute)
            .or_else(|| Attribute::from_code(&t.attribute))
            .ok_or_else(|| format!("指标“{}”的属性“{}”应为约束性或预期性", t.name, t.attribute))?;
        let kind = IndicatorKind::from_code(&t.kind)
            .ok_or_else(|| format!("指标“{}”的类型“{}”无法识别", t.name, t.kind))?;
        let comparison = Comparison::from_symbol(&t.comparison)
            .or_else(|| Comparison::from_code(&t.comparison))
            .ok_or_else(|| format!("指标“{}”的比较方式“{}”无法识别", t.name, t.comparison))?;
        if let Some(code) = &t.linked_figure
            && eduplan_domain::balance::LinkedFigure::from_code(code).is_none()
        {
            return Err(format!("指标“{}”的数据来源“{code}”无法识别", t.name));
        }
        let entry_mode = match t.entry.as_deref() {
            None => EntryMode::Increment,
            Some(e) => EntryMode::from_code(e)
                .or_else(|| EntryMode::from_label(e))
                .ok_or_else(|| format!("指标“{}”的填报口径“{e}”无法识别", t.name))?,
        };
        let actuals = t
            .actuals
            .iter()
            .map(|(y, a)| {
                let actual = match a {
                    ActualText::Value(v) => Actual {
                        value: Some(*v),
                        ..Actual::default()
                    },
                    ActualText::Full {
                        value,
                        numerator,
                        denominator,
                        note,
                        source,
                        estimate,
                    } => Actual {
                        value: *value,
                        numerator: *numerator,
                        denominator: *denominator,
                        note: note.clone(),
                        source: source.clone(),
                        estimate: *estimate,
                    },
                };
                (*y, actual)
            })
            .collect();
        plan.indicators.push(Indicator {
            id: IndicatorId(*next_id),
            section: id,
            position: i as i64 + 1,
            name: t.name.clone(),
            unit: t.unit.clone(),
            category: t.category.clone(),
            attribute,
            kind,
            comparison,
            base_value: t.base,
            base_year: t.base_year,
            target_value: t.target,
            target_stretch: t.stretch,
            target_year: t.target_year,
            target_text: t.target_text.clone(),
            planned: t.planned.clone(),
            lead_unit: t.lead_unit.clone(),
            data_source: t.data_source.clone(),
            numerator_label: t.numerator.clone(),
            denominator_label: t.denominator.clone(),
            may_exceed_100: t.may_exceed_100,
            decimals: t.decimals,
            entry_mode,
            benchmarks: t.benchmarks.clone(),
            linked_figure: t.linked_figure.clone(),
            definition: t.definition.clone(),
            library_code: t.library.clone(),
            actuals,
            closeout: match &t.closeout {
                Some(c) => c.to_domain(&t.name)?,
                None => Default::default(),
            },
        });
        *next_id += 1;
    }
    for (i, t) in s.tasks.iter().enumerate() {
        let kind = TaskKind::from_code(&t.kind)
            .ok_or_else(|| format!("任务“{}”的类型“{}”无法识别", t.title, t.kind))?;
        let status = TaskStatus::from_label(&t.status)
            .or_else(|| TaskStatus::from_code(&t.status))
            .ok_or_else(|| format!("任务“{}”的状态“{}”无法识别", t.title, t.status))?;
        plan.tasks.push(Task {
            id: TaskId(*next_id),
            section: id,
            position: i as i64 + 1,
            kind,
            title: t.title.clone(),
            measures: t.measures.clone(),
            lead_unit: t.lead_unit.clone(),
            co_units: t.co_units.clone(),
            deadline: t.deadline.clone(),
            budget_wan_yuan: t.budget_wan_yuan,
            status,
            progress: t.progress.clone(),
            quarterly: t
                .quarterly_progress
                .iter()
                .map(|(q, text)| {
                    q.parse()
                        .map(|q| (q, text.clone()))
                        .map_err(|e| format!("任务“{}”的{e}", t.title))
                })
                .collect::<Result<_, String>>()?,
            remark: t.remark.clone(),
            deadline_date: match date_of(&t.deadline_date, "完成时限日期")? {
                Some(d) => Some(d),
                None => eduplan_domain::commitments::deadline_from_wording(&t.deadline),
            },
            responsible_person: t.responsible_person.clone(),
            annual_target: t.annual_target.clone(),
            completed_date: date_of(&t.completed_date, "完成日期")?,
            closeout: match &t.closeout {
                Some(c) => c.to_domain(&t.title)?,
                None => Default::default(),
            },
        });
        *next_id += 1;
    }
    for (i, child) in s.sections.iter().enumerate() {
        add_section(plan, child, Some(id), i as i64 + 1, next_id)?;
    }
    Ok(())
}
