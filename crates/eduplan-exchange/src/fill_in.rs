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
pub const HEADER_ROW: u32 = 2;

pub fn row_id(plan: &Plan, ind: &Indicator) -> String {
    format!("{}:{}", plan.uid, ind.id.0)
}
