//! The layout of a fill-in table (填报表), shared by the writer (`template`) and the reader
//! (`import`): sheet names, the header, which column holds what.

use eduplan_domain::{Indicator, Plan};

pub const SHEET: &str = "填报表";
pub const META_SHEET: &str = "_eduplan";
pub const MARK: &str = "eduplan-fill-in-1";

/// The header row, column by column; column A holds the hidden row id.
pub fn header_titles(year: i32) -> Vec<String> {
    vec![
        "编号".into(),
        "序号".into(),
        "指标".into(),
        "单位".into(),
        "目标".into(),
        format!("{}年值（参考）", year - 1),
        format!("{year}年实际值"),
        "分子".into(),
        "分母".into(),
        "说明".into(),
        "数据来源".into(),
    ]
}
pub const COL_ID: u16 = 0;
pub const COL_NAME: u16 = 2;
pub const COL_VALUE: u16 = 6;
pub const COL_NUM: u16 = 7;
pub const COL_DEN: u16 = 8;
pub const COL_NOTE: u16 = 9;
pub const COL_SOURCE: u16 = 10;
/// 预计: a column after the checked header ("是" marks a provisional value). Tables made
/// before it existed have no such column and are read as before.
pub const COL_ESTIMATE: u16 = 11;
pub const ESTIMATE_TITLE: &str = "是否预计值";
/// The words that mark a value as 预计 in that column.
pub fn is_estimate_mark(text: &str) -> bool {
    matches!(text.trim(), "是" | "预计" | "√" | "✓" | "Y" | "y" | "1")
}
pub const HEADER_ROW: u32 = 2;

/// The hidden sheet keeps each data sheet's header as it was written ("layout:" + sheet name,
/// then the titles), from this row on. A returned table is checked against its own record,
/// so rewording a heading in a later version still reads every table already sent out. The
/// columns' meaning is fixed by the table's mark: a change of layout gets a new mark.
pub const META_FIRST_LAYOUT_ROW: u32 = 10;
/// The most data sheets a workbook records.
pub const META_LAYOUT_ROWS: u32 = 8;

pub fn layout_key(sheet: &str) -> String {
    format!("layout:{sheet}")
}

/// Record a data sheet's header in the hidden sheet, in `slot` (0, 1, …).
pub fn write_layout(
    meta: &mut rust_xlsxwriter::Worksheet,
    slot: u32,
    sheet: &str,
    titles: &[String],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let row = META_FIRST_LAYOUT_ROW + slot;
    meta.write_string(row, 0, layout_key(sheet))?;
    for (c, title) in titles.iter().enumerate() {
        meta.write_string(row, c as u16 + 1, title)?;
    }
    Ok(())
}

pub fn row_id(plan: &Plan, ind: &Indicator) -> String {
    format!("{}:{}", plan.uid, ind.id.0)
}

/// The tasks sheet of a fill-in workbook: each unit's progress, completion date and status
/// for its 重点任务, beside its indicators.
pub const TASK_SHEET: &str = "任务填报";
/// `quarter`: the table asks for one quarter's 形象进度 instead of the year's progress.
pub fn task_header_titles(year: i32, quarter: Option<eduplan_domain::Quarter>) -> Vec<String> {
    vec![
        "编号".into(),
        "序号".into(),
        "重点任务".into(),
        "完成时限".into(),
        match quarter {
            Some(q) => format!("{}年{}形象进度", q.year(), q.label()),
            None => format!("{year}年进展"),
        },
        "完成日期".into(),
        "完成状态".into(),
    ]
}
pub const TASK_COL_TITLE: u16 = 2;
pub const TASK_COL_PROGRESS: u16 = 4;
pub const TASK_COL_DONE: u16 = 5;
pub const TASK_COL_STATUS: u16 = 6;
/// The row of the hidden sheet that holds the quarter (1-4) a table asks about, empty for a
/// yearly table; rows 0-3 hold the mark, the plan, the year and the unit.
pub const META_ROW_QUARTER: u32 = 4;

pub fn task_row_id(plan: &Plan, id: eduplan_domain::TaskId) -> String {
    format!("{}:task:{}", plan.uid, id.0)
}

/// The 整改 sheet of a fill-in workbook: each open 整改台账 item of the unit, for a dated
/// 整改进展 entry.
pub const RECTIFICATION_SHEET: &str = "整改填报";
pub fn rectification_header_titles() -> Vec<String> {
    [
        "编号",
        "序号",
        "问题描述",
        "整改措施",
        "整改时限",
        "最新进展（参考）",
        "进展日期",
        "本次整改进展",
    ]
    .map(String::from)
    .to_vec()
}
pub const RECTIFICATION_COL_PROBLEM: u16 = 2;
pub const RECTIFICATION_COL_DATE: u16 = 6;
pub const RECTIFICATION_COL_PROGRESS: u16 = 7;

pub fn rectification_row_id(plan: &Plan, id: eduplan_domain::RectificationId) -> String {
    format!("{}:rect:{}", plan.uid, id.0)
}

/// The open items a unit's table asks about: not yet 销号, and the unit among the 责任单位
/// (which may name several: 基础教育科、计财科).
pub fn open_rectifications_of<'a>(
    plan: &'a Plan,
    unit: Option<&str>,
) -> Vec<&'a eduplan_domain::Rectification> {
    plan.rectifications
        .iter()
        .filter(|r| r.closed.is_none())
        .filter(|r| {
            unit.is_none_or(|u| {
                r.unit
                    .split(['、', '，', ',', '；', ';', ' ', '\u{3000}'])
                    .any(|part| part.trim() == u)
            })
        })
        .collect()
}

/// The school-data table (义务教育优质均衡): one row per school for one year.
pub const SCHOOL_SHEET: &str = "学校数据";
pub const SCHOOL_MARK: &str = "eduplan-schools-1";

/// The school table's header; column A holds the hidden school id.
pub fn school_header_titles(_year: i32) -> Vec<String> {
    let mut titles: Vec<String> = ["编号", "序号", "学校名称", "学校类型"]
        .map(String::from)
        .to_vec();
    titles.extend(
        eduplan_domain::edit::SchoolYearField::ALL
            .iter()
            .map(|f| school_column_title(*f)),
    );
    titles.push("备注".to_owned());
    titles
}

/// A figure's column title, with its unit where it has one.
pub fn school_column_title(field: eduplan_domain::edit::SchoolYearField) -> String {
    use eduplan_domain::edit::SchoolYearField as F;
    match field {
        F::PupilsPrimary | F::PupilsJunior | F::PupilsSenior => field.spec().label.to_owned(),
        other => eduplan_domain::balance::resource_of(other)
            .count_label()
            .to_owned(),
    }
}

pub const SCHOOL_COL_NAME: u16 = 2;
pub const SCHOOL_COL_TYPE: u16 = 3;
/// The first figure column; the figures follow in `SchoolYearField::ALL` order.
pub const SCHOOL_COL_FIRST_FIGURE: u16 = 4;
pub const SCHOOL_COL_REMARK: u16 = 14;

pub fn school_row_id(plan: &Plan, id: eduplan_domain::SchoolId) -> String {
    format!("{}:school:{}", plan.uid, id.0)
}
