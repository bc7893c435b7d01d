//! Fill-in tables (填报表): the bureau sends each lead unit a table for one year; the unit
//! fills it in Excel or WPS and sends it back. The layout is locked, the input cells are
//! not; hidden ids tie each row to its indicator and the file to its plan and year.

use std::path::Path;

use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Workbook, XlsxError};

use crate::fill_in::*;
use crate::xlsx_style as style;
use crate::{ExchangeError, write_atomically};
use eduplan_domain::input::{display_decimals, format_value};
use eduplan_domain::{EntryMode, Indicator, IndicatorKind, Plan, Quarter};

/// Write the fill-in table for `year` (all indicators, or those of one lead unit).
/// Returns how many indicators it holds.
pub fn write_template(
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    path: &Path,
) -> Result<usize, ExchangeError> {
    write_template_for_quarter(plan, year, unit, None, path)
}

/// The same, with the tasks sheet asking for one quarter's 形象进度 (1-4) where the bureau
/// collects progress quarterly; the indicators are still the year's.
pub fn write_template_for_quarter(
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    quarter: Option<u8>,
    path: &Path,
) -> Result<usize, ExchangeError> {
    let quarter = match quarter {
        None => None,
        Some(q) => Some(Quarter::new(year, q).ok_or(ExchangeError::BadQuarter(q))?),
    };
    let indicators: Vec<&Indicator> = plan
        .indicators_in_outline_order()
        .into_iter()
        .filter(|i| unit.is_none_or(|u| i.lead_unit == u))
        .collect();
    let tasks: Vec<&eduplan_domain::Task> = plan
        .tasks_in_outline_order()
        .into_iter()
        .filter(|t| unit.is_none_or(|u| t.lead_unit == u))
        .collect();
    // A unit that leads only tasks (安全科) or has only 整改 items still gets its table.
    if indicators.is_empty() && tasks.is_empty() && open_rectifications_of(plan, unit).is_empty() {
        return Err(ExchangeError::NoIndicatorsFor(
            unit.unwrap_or("").to_owned(),
            units_with_something_to_report(plan).join("、"),
        ));
    }
    let clipped =
        eduplan_domain::text_limits::clipped(plan, eduplan_domain::text_limits::MAX_OUTPUT_CHARS);
    let plan = &*clipped;
    let indicators: Vec<&Indicator> = indicators
        .iter()
        .filter_map(|i| plan.indicator(i.id))
        .collect();
    let tasks: Vec<&eduplan_domain::Task> = tasks.iter().filter_map(|t| plan.task(t.id)).collect();
    let bytes = build_template(plan, year, unit, quarter, &indicators, &tasks)
        .map_err(ExchangeError::Build)?;
    write_atomically(path, &bytes)?;
    Ok(indicators.len())
}

/// Units that lead an indicator or a task, or answer for an open 整改 item.
pub fn units_with_something_to_report(plan: &Plan) -> Vec<String> {
    let mut units = plan.lead_units();
    units.extend(
        plan.rectifications
            .iter()
            .filter(|r| r.closed.is_none())
            .flat_map(|r| r.unit.split(['、', '，', ',', '；', ';', ' ', '\u{3000}']))
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned),
    );
    units.sort();
    units.dedup();
    units
}

fn build_template(
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    quarter: Option<Quarter>,
    indicators: &[&Indicator],
    tasks: &[&eduplan_domain::Task],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let titles = header_titles(year);
    let last_col = titles.len() as u16 - 1;
    let widths = [
        4.0, 5.0, 32.0, 6.0, 16.0, 12.0, 12.0, 10.0, 10.0, 30.0, 16.0,
    ];
    style::preamble(
        ws,
        &style::Preamble {
            title: &format!("{}　{year}年度指标填报表", plan.info.name),
            line: &format!(
                "填报单位：{}　　请只在黄色单元格中填写，其余单元格已锁定；请勿增删行列、不要排序。",
                unit.unwrap_or("各牵头单位")
            ),
            line_right: None,
            line_from: 0,
            line_wraps: false,
            titles: &titles,
            widths: &widths,
            header_row: HEADER_ROW,
            header_height: 30.0,
        },
    )?;
    ws.write_string_with_format(HEADER_ROW, COL_ESTIMATE, ESTIMATE_TITLE, &style::header())?;
    ws.set_column_width(COL_ESTIMATE, 10.0)?;
    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_column_hidden(COL_ID)?;
    let estimate_list = DataValidation::new()
        .allow_list_strings(&["是", "否"])?
        .set_input_message("数值为预计值（尚非正式统计数）时填“是”")?;
    let input =
        |f: rust_xlsxwriter::Format| f.set_unlocked().set_background_color(Color::RGB(0xFFF2CC));
    for (i, ind) in indicators.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_string_with_format(row, COL_ID, row_id(plan, ind), &style::text())?;
        ws.write_number_with_format(
            row,
            1,
            (i + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 2, &ind.name, &style::text())?;
        let unit = match (ind.kind, ind.entry_mode) {
            (IndicatorKind::Cumulative, EntryMode::Increment) => {
                format!("{}\n（填当年完成数）", ind.unit)
            }
            (IndicatorKind::Cumulative, EntryMode::RunningTotal) => {
                format!("{}\n（填累计数）", ind.unit)
            }
            _ => ind.unit.clone(),
        };
        ws.write_string_with_format(row, 3, &unit, &style::centered().set_text_wrap())?;
        ws.write_string_with_format(row, 4, &ind.target_text, &style::centered().set_text_wrap())?;
        let vf = style::number(display_decimals(ind));
        match ind.actual_value(year - 1) {
            Some(v) if ind.kind == IndicatorKind::YesNo => {
                ws.write_string_with_format(row, 5, format_value(v, ind), &style::centered())?;
            }
            Some(v) => {
                ws.write_number_with_format(row, 5, v, &vf)?;
            }
            None => {
                ws.write_blank(row, 5, &style::centered())?;
            }
        }
        let actual = ind.actuals.get(&year).cloned().unwrap_or_default();
        match actual.value {
            Some(v) if ind.kind == IndicatorKind::YesNo => {
                ws.write_string_with_format(
                    row,
                    COL_VALUE,
                    format_value(v, ind),
                    &input(style::centered()),
                )?;
            }
            Some(v) => {
                ws.write_number_with_format(row, COL_VALUE, v, &input(vf.clone()))?;
            }
            None => {
                ws.write_blank(row, COL_VALUE, &input(vf.clone()))?;
            }
        }
        let validation = if ind.kind == IndicatorKind::YesNo {
            DataValidation::new().allow_list_strings(&["是", "否"])?
        } else {
            let rule = match ind.value_ceiling() {
                Some(max) => DataValidationRule::Between(0.0, max),
                None => DataValidationRule::GreaterThanOrEqualTo(0.0),
            };
            DataValidation::new()
                .allow_decimal_number(rule)
                .set_error_title("数值无效")?
                .set_error_message(match ind.value_ceiling() {
                    Some(max) => format!("请填写0到{max}之间的数字（不要带单位）"),
                    None => "请填写不小于0的数字（不要带单位）".to_owned(),
                })?
        };
        ws.add_data_validation(row, COL_VALUE, row, COL_VALUE, &validation)?;
        if ind.computed_from_counts() {
            for (col, v) in [(COL_NUM, actual.numerator), (COL_DEN, actual.denominator)] {
                match v {
                    Some(v) => {
                        ws.write_number_with_format(row, col, v, &input(style::number(0)))?
                    }
                    None => ws.write_blank(row, col, &input(style::number(0)))?,
                };
            }
            let counts = DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message("请填写人数等计数（不小于0的数字）")?;
            ws.add_data_validation(row, COL_NUM, row, COL_DEN, &counts)?;
            let note = rust_xlsxwriter::Note::new(format!(
                "分子：{}\n分母：{}",
                ind.numerator_label, ind.denominator_label
            ));
            ws.insert_note(row, COL_NUM, &note)?;
        } else {
            let grey = style::centered().set_background_color(Color::RGB(0xEDEDED));
            ws.write_string_with_format(row, COL_NUM, "—", &grey)?;
            ws.write_string_with_format(row, COL_DEN, "—", &grey)?;
        }
        ws.write_string_with_format(row, COL_NOTE, &actual.note, &input(style::text()))?;
        let source = if actual.source.is_empty() {
            ind.data_source.clone()
        } else {
            actual.source.clone()
        };
        ws.write_string_with_format(row, COL_SOURCE, &source, &input(style::text()))?;
        ws.write_string_with_format(
            row,
            COL_ESTIMATE,
            if actual.estimate { "是" } else { "" },
            &input(style::centered()),
        )?;
        ws.add_data_validation(row, COL_ESTIMATE, row, COL_ESTIMATE, &estimate_list)?;
        style::fit_row(
            ws,
            row,
            &[
                (&ind.name, widths[2]),
                (&unit, widths[3]),
                (&ind.target_text, widths[4]),
                (&actual.note, widths[COL_NOTE as usize]),
                (&source, widths[COL_SOURCE as usize]),
            ],
        )?;
    }
    if indicators.is_empty() {
        ws.merge_range(
            HEADER_ROW + 1,
            1,
            HEADER_ROW + 1,
            last_col,
            "本单位没有牵头的指标，本表无需填写；请填写本工作簿中的“任务填报”“整改填报”工作表。",
            &style::subtitle(),
        )?;
    }
    let after = HEADER_ROW + 2 + indicators.len().max(1) as u32;
    // Notes start in column B: column A is the row id the reader looks at.
    ws.merge_range(
        after,
        1,
        after,
        last_col,
        "说明：比率直接填百分数（如 95.5），也可以带百分号填写（95.5%）；累计类指标按“单位”栏的提示填当年完成数或累计数；没有数据请留空，不要填0。",
        &style::subtitle().set_text_wrap(),
    )?;
    ws.set_row_height(after, 30)?;
    crate::xlsx_export::signature_line(ws, after + 1, 1, last_col)?;
    style::page_setup(ws, HEADER_ROW, &plan.info.name)?;
    ws.protect();
    if !tasks.is_empty() {
        task_sheet(wb.add_worksheet(), plan, year, unit, quarter, tasks)?;
    }
    let items = open_rectifications_of(plan, unit);
    if !items.is_empty() {
        rectification_sheet(wb.add_worksheet(), plan, unit, &items)?;
    }

    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    let quarter_number = quarter.map_or_else(String::new, |q| q.quarter().to_string());
    for (r, v) in [
        MARK,
        plan.uid.as_str(),
        &year.to_string(),
        unit.unwrap_or(""),
        &quarter_number,
    ]
    .iter()
    .enumerate()
    {
        meta.write_string(r as u32, 0, *v)?;
    }
    write_layout(meta, 0, SHEET, &header_titles(year))?;
    if !tasks.is_empty() {
        write_layout(meta, 1, TASK_SHEET, &task_header_titles(year, quarter))?;
    }
    if !items.is_empty() {
        write_layout(meta, 2, RECTIFICATION_SHEET, &rectification_header_titles())?;
    }
    meta.set_hidden(true);
    meta.protect();
    wb.save_to_buffer()
}

/// The tasks of the same unit: progress for the year, completion date and status to fill in.
fn task_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    quarter: Option<Quarter>,
    tasks: &[&eduplan_domain::Task],
) -> Result<(), XlsxError> {
    ws.set_name(TASK_SHEET)?;
    let titles = task_header_titles(year, quarter);
    let period = match quarter {
        Some(q) => format!("{year}年{}", q.label()),
        None => format!("{year}年度"),
    };
    let widths = [4.0, 5.0, 36.0, 14.0, 44.0, 13.0, 11.0];
    style::preamble(
        ws,
        &style::Preamble {
            title: &format!("{}　{period}重点任务进展填报表", plan.info.name),
            line: &format!(
                "填报单位：{}　　请只在黄色单元格中填写；完成日期写作2024-06-30，未完成的留空。",
                unit.unwrap_or("各牵头单位")
            ),
            line_right: None,
            line_from: 0,
            line_wraps: false,
            titles: &titles,
            widths: &widths,
            header_row: HEADER_ROW,
            header_height: 30.0,
        },
    )?;
    ws.set_column_hidden(COL_ID)?;
    let input =
        |f: rust_xlsxwriter::Format| f.set_unlocked().set_background_color(Color::RGB(0xFFF2CC));
    let statuses: Vec<&str> = eduplan_domain::TaskStatus::ALL
        .iter()
        .map(|s| s.label())
        .collect();
    let status_list = DataValidation::new().allow_list_strings(&statuses)?;
    for (i, task) in tasks.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_string_with_format(row, COL_ID, task_row_id(plan, task.id), &style::text())?;
        ws.write_number_with_format(
            row,
            1,
            (i + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, TASK_COL_TITLE, &task.title, &style::text())?;
        let deadline = match task.deadline_date {
            Some(d) => format!("{}\n（{d}）", task.deadline),
            None => task.deadline.clone(),
        };
        ws.write_string_with_format(row, 3, &deadline, &style::centered().set_text_wrap())?;
        let progress = match quarter {
            Some(q) => task.quarterly.get(&q).cloned(),
            None => task.progress.get(&year).cloned(),
        }
        .unwrap_or_default();
        ws.write_string_with_format(row, TASK_COL_PROGRESS, &progress, &input(style::text()))?;
        let done = task
            .completed_date
            .map_or_else(String::new, |d| d.to_string());
        ws.write_string_with_format(row, TASK_COL_DONE, &done, &input(style::centered()))?;
        ws.write_string_with_format(
            row,
            TASK_COL_STATUS,
            task.status.label(),
            &input(style::centered()),
        )?;
        ws.add_data_validation(row, TASK_COL_STATUS, row, TASK_COL_STATUS, &status_list)?;
        style::fit_row(
            ws,
            row,
            &[
                (&task.title, widths[2]),
                (&progress, widths[4]),
                (&deadline, widths[3]),
            ],
        )?;
    }
    style::page_setup(ws, HEADER_ROW, &plan.info.name)?;
    ws.protect();
    Ok(())
}

/// The unit's open 整改 items: a dated progress entry to fill in for each.
fn rectification_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    plan: &Plan,
    unit: Option<&str>,
    items: &[&eduplan_domain::Rectification],
) -> Result<(), XlsxError> {
    ws.set_name(RECTIFICATION_SHEET)?;
    let titles = rectification_header_titles();
    let widths = [4.0, 5.0, 34.0, 30.0, 11.0, 30.0, 12.0, 40.0];
    style::preamble(
        ws,
        &style::Preamble {
            title: &format!("{}　整改进展填报表", plan.info.name),
            line: &format!(
                "责任单位：{}　　请只在黄色单元格中填写：进展日期写作2024-06-30，本次整改进展写做了什么、到了哪一步；销号由教育局审核。",
                unit.unwrap_or("各责任单位")
            ),
            line_right: None,
            line_from: 0,
            line_wraps: true,
            titles: &titles,
            widths: &widths,
            header_row: HEADER_ROW,
            header_height: 30.0,
        },
    )?;
    ws.set_column_hidden(COL_ID)?;
    let input =
        |f: rust_xlsxwriter::Format| f.set_unlocked().set_background_color(Color::RGB(0xFFF2CC));
    for (i, item) in items.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        ws.write_string_with_format(
            row,
            COL_ID,
            rectification_row_id(plan, item.id),
            &style::text(),
        )?;
        ws.write_number_with_format(
            row,
            1,
            (i + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(
            row,
            RECTIFICATION_COL_PROBLEM,
            &item.problem,
            &style::text(),
        )?;
        ws.write_string_with_format(row, 3, &item.measures, &style::text())?;
        let due = item.due.map_or_else(String::new, |d| d.to_string());
        ws.write_string_with_format(row, 4, &due, &style::centered())?;
        let latest = item
            .progress
            .last()
            .map_or_else(String::new, |p| format!("{} {}", p.date, p.text));
        ws.write_string_with_format(row, 5, &latest, &style::text())?;
        ws.write_blank(row, RECTIFICATION_COL_DATE, &input(style::centered()))?;
        ws.write_blank(row, RECTIFICATION_COL_PROGRESS, &input(style::text()))?;
        style::fit_row(
            ws,
            row,
            &[
                (&item.problem, widths[2]),
                (&item.measures, widths[3]),
                (&latest, widths[5]),
            ],
        )?;
    }
    style::page_setup(ws, HEADER_ROW, &plan.info.name)?;
    ws.protect();
    Ok(())
}
