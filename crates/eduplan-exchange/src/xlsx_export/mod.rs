//! The workbook that goes up to the city bureau and the district government:
//! 主要指标表, 指标监测表 (for one 评估年度), 重点任务台账 and 图表 (native Excel charts).

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartType, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::xlsx_style as style;
use crate::{ExchangeError, write_atomically};
use eduplan_domain::balance::{
    BalanceReport, BalanceSettings, Resource, Stage, evaluate_balance, schools_for_year,
};
use eduplan_domain::commitments::{RectificationState, TaskState, rectification_state, task_state};
use eduplan_domain::explain::{basis_text, exclusion_text, rules_text};
use eduplan_domain::input::{display_decimals, format_number};
use eduplan_domain::rules::{count_statuses, running_total};
use eduplan_domain::{
    Attribute, Date, Evaluation, Indicator, IndicatorKind, Plan, Status, evaluate,
};

mod charts;
mod main_sheet;
mod monitor;
mod rectification;
mod schools;
mod tasks;

use charts::charts_sheet;
pub use charts::key_indicators;
use main_sheet::main_sheet;
use monitor::monitor_sheet;
pub use monitor::monitor_years;
use rectification::rectification_sheet;
use schools::{dispersion_sheet, schools_sheet};
use tasks::tasks_sheet;

pub const SHEET_MAIN: &str = "主要指标表";
pub const SHEET_MONITOR: &str = "指标监测表";
pub const SHEET_TASKS: &str = "重点任务台账";
pub const SHEET_CHARTS: &str = "图表";
pub const SHEET_SCHOOLS: &str = "资源配置指标表";
pub const SHEET_DISPERSION: &str = "差异系数表";
pub const SHEET_RECTIFICATION: &str = "整改台账";

/// Chinese ordinal for category groups: 一、二、三 …
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// Write the workbook to `path`; nothing is left half-written if it fails.
/// Write the workbook for 评估年度 `year`; tasks and 整改 items are judged as of `as_of` (今天, or
/// the date the officer fixes).
pub fn export_workbook(
    plan: &Plan,
    year: i32,
    as_of: Date,
    path: &Path,
) -> Result<(), ExchangeError> {
    let bytes = build_workbook(plan, year, as_of).map_err(ExchangeError::Build)?;
    write_atomically(path, &bytes)
}

pub fn build_workbook(plan: &Plan, year: i32, as_of: Date) -> Result<Vec<u8>, XlsxError> {
    // Text longer than a cell holds (an old or foreign file) is cut in this copy, not in the plan.
    let plan =
        &*eduplan_domain::text_limits::clipped(plan, eduplan_domain::text_limits::MAX_OUTPUT_CHARS);
    let mut wb = Workbook::new();
    let indicators = plan.indicators_in_outline_order();
    main_sheet(wb.add_worksheet(), plan, &indicators, year)?;
    crate::closeout_sheet::add_if_final(&mut wb, plan, year)?;
    monitor_sheet(wb.add_worksheet(), plan, &indicators, year)?;
    tasks_sheet(wb.add_worksheet(), plan, year, as_of)?;
    charts_sheet(wb.add_worksheet(), plan, &indicators, year)?;
    // The 优质均衡 sheets when the plan has school figures for the year (or an earlier one).
    if let Some(school_year) = plan.school_years().into_iter().rfind(|y| *y <= year)
        && let Ok(report) =
            evaluate_balance(&schools_for_year(plan, school_year), &plan.info.balance)
    {
        schools_sheet(
            wb.add_worksheet(),
            plan,
            &report,
            &plan.info.balance,
            school_year,
        )?;
        dispersion_sheet(wb.add_worksheet(), plan, &report, school_year)?;
    }
    if !plan.rectifications.is_empty() {
        rectification_sheet(wb.add_worksheet(), plan, as_of)?;
    }
    wb.save_to_buffer()
}

/// The line under a sheet's title: the reporting unit, and on the right what the sheet is
/// judged for (`judged`: the evaluation year, and for states of tasks the day).
fn unit_line(
    ws: &mut Worksheet,
    plan: &Plan,
    judged: &str,
    last_col: u16,
) -> Result<(), XlsxError> {
    let unit = if plan.info.reporting_unit.is_empty() {
        &plan.info.region
    } else {
        &plan.info.reporting_unit
    };
    let half = last_col / 2;
    ws.merge_range(
        1,
        0,
        1,
        half,
        &format!("填报单位：{unit}"),
        &style::subtitle(),
    )?;
    ws.merge_range(
        1,
        half + 1,
        1,
        last_col,
        judged,
        &style::subtitle().set_align(FormatAlign::Right),
    )?;
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 20)?;
    Ok(())
}

/// Excel's default row height, in points.
const DEFAULT_ROW_PT: f64 = 15.0;

/// Title (32), unit line (20) and header row (30): repeated on every printed page.
const HEADER_ROWS_PT: f64 = 82.0;

/// Title, unit line (the reporting unit; what the sheet is judged for on the right) and
/// header row: the shared preamble every table the program writes starts with.
fn sheet_preamble(
    ws: &mut Worksheet,
    plan: &Plan,
    title: &str,
    judged: &str,
    titles: &[String],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let unit = if plan.info.reporting_unit.is_empty() {
        &plan.info.region
    } else {
        &plan.info.reporting_unit
    };
    style::preamble(
        ws,
        &style::Preamble {
            title,
            line: &format!("填报单位：{unit}"),
            line_right: Some(judged),
            line_from: 0,
            line_wraps: false,
            titles,
            widths,
            header_row: 2,
            header_height: 30.0,
        },
    )
}

fn headers(
    ws: &mut Worksheet,
    row: u32,
    titles: &[String],
    widths: &[f64],
) -> Result<(), XlsxError> {
    style::header_row(ws, row, titles, widths, 30.0)
}

fn write_opt_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v, fmt)?,
        None => ws.write_string_with_format(row, col, "—", &style::centered())?,
    };
    Ok(())
}

/// One of an indicator's figures as the tables print it: 是/否 for a yes/no indicator, a
/// number in the indicator's decimals, or “92（预计）” for an estimate — text, so it sits right
/// like the numbers around it. `empty` fills the cell when there is no figure.
fn write_value(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    value: Option<f64>,
    estimate: bool,
    ind: &Indicator,
    empty: &str,
) -> Result<(), XlsxError> {
    match value {
        Some(v) if ind.kind == eduplan_domain::IndicatorKind::YesNo => {
            let word = eduplan_domain::input::format_value(v, ind);
            ws.write_string_with_format(row, col, &word, &style::centered())?;
        }
        Some(v) if estimate => {
            let text = format!("{}（预计）", eduplan_domain::input::format_value(v, ind));
            let right = style::text().set_align(rust_xlsxwriter::FormatAlign::Right);
            ws.write_string_with_format(row, col, &text, &right)?;
        }
        Some(v) => {
            ws.write_number_with_format(row, col, v, &value_format(ind))?;
        }
        None if empty.is_empty() => {
            ws.write_blank(row, col, &style::centered())?;
        }
        None => {
            ws.write_string_with_format(row, col, empty, &style::centered())?;
        }
    }
    Ok(())
}

fn value_format(ind: &Indicator) -> Format {
    style::number(display_decimals(ind))
}

/// 填报日期 / 填表人 / 审核人 / 联系电话, as the city's forms have, left blank to sign.
/// `first_col` lets a fill-in table keep its id column (A) empty on this row.
pub fn signature_line(
    ws: &mut Worksheet,
    row: u32,
    first_col: u16,
    last_col: u16,
) -> Result<(), XlsxError> {
    ws.merge_range(
        row,
        first_col,
        row,
        last_col,
        "填报日期：　　　年　　月　　日　　　　填表人：　　　　　　　　审核人：　　　　　　　　联系电话：",
        &style::subtitle(),
    )?;
    ws.set_row_height(row, 24)?;
    Ok(())
}
