//! The workbook that goes up to the city bureau and the district government:
//! 主要指标表, 指标监测表 (for one 评估年度), 重点任务台账 and 图表 (native Excel charts).

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartType, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::xlsx_style as style;
use super::{ExchangeError, write_atomically};
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

fn unit_line(ws: &mut Worksheet, plan: &Plan, year: i32, last_col: u16) -> Result<(), XlsxError> {
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
        &format!("截至：{year}年"),
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

fn headers(
    ws: &mut Worksheet,
    row: u32,
    titles: &[String],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let fmt = style::header();
    for (c, (t, w)) in titles.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, c as u16, t, &fmt)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
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

fn value_format(ind: &Indicator) -> Format {
    style::number(display_decimals(ind))
}

/// Indicators grouped by category in outline order of first appearance.
fn by_category<'a>(plan: &Plan, indicators: &[&'a Indicator]) -> Vec<(String, Vec<&'a Indicator>)> {
    plan.categories()
        .into_iter()
        .map(|c| {
            let members = indicators
                .iter()
                .copied()
                .filter(|i| i.category == c)
                .collect();
            (c, members)
        })
        .filter(|(_, m): &(String, Vec<&Indicator>)| !m.is_empty())
        .collect()
}

fn main_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    indicators: &[&Indicator],
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_MAIN)?;
    let info = &plan.info;
    let titles: Vec<String> = vec![
        "序号".into(),
        "类别".into(),
        "指标".into(),
        "单位".into(),
        format!("{}年\n（基期）", info.base_year),
        format!("{}年\n（目标）", info.last_year),
        "属性".into(),
    ];
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}主要指标", info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;
    let widths = [6.0, 16.0, 40.0, 8.0, 12.0, 22.0, 9.0];
    headers(ws, 2, &titles, &widths)?;
    let mut row = 3u32;
    let mut n = 0;
    let mut groups: Vec<(u32, f64)> = Vec::new();
    for (g, (category, members)) in by_category(plan, indicators).into_iter().enumerate() {
        let first = row;
        let mut group_height = 0.0;
        for ind in &members {
            n += 1;
            ws.write_number_with_format(
                row,
                0,
                f64::from(n),
                &style::centered().set_num_format("0"),
            )?;
            ws.write_string_with_format(row, 2, &ind.name, &style::text())?;
            ws.write_string_with_format(row, 3, &ind.unit, &style::centered())?;
            let base = if ind.kind == IndicatorKind::Cumulative {
                None
            } else {
                ind.base_value
            };
            if ind.closeout.base_estimate
                && let Some(b) = base
            {
                let text = format!("{}（预计）", eduplan_domain::input::format_value(b, ind));
                ws.write_string_with_format(row, 4, &text, &style::centered())?;
            } else {
                write_opt_number(ws, row, 4, base, &value_format(ind))?;
            }
            let target = if ind.target_year == info.last_year {
                ind.target_text.clone()
            } else {
                format!("{}（{}年）", ind.target_text, ind.target_year)
            };
            ws.write_string_with_format(row, 5, &target, &style::centered())?;
            ws.write_string_with_format(row, 6, ind.attribute.label(), &style::centered())?;
            group_height += style::fit_row(ws, row, &[(&ind.name, 40.0), (&target, 22.0)])?;
            row += 1;
        }
        let label = format!(
            "{}、{}",
            chinese_ordinal(g + 1),
            if category.is_empty() {
                "其他"
            } else {
                &category
            }
        );
        if row - first > 1 {
            ws.merge_range(first, 1, row - 1, 1, &label, &style::centered())?;
        } else {
            ws.write_string_with_format(first, 1, &label, &style::centered())?;
        }
        groups.push((first, group_height));
    }
    style::keep_groups_together(ws, &groups, HEADER_ROWS_PT, &widths)?;
    ws.merge_range(
        row + 1,
        0,
        row + 1,
        last_col,
        "注：目标栏按规划原文表述；属性栏“约束性”为必须完成的指标，“预期性”为力争实现的指标。",
        &style::subtitle(),
    )?;
    signature_line(ws, row + 3, 0, last_col)?;
    style::page_setup(ws, 2, &info.name)
}

/// The years that get their own column in the monitoring table: up to the 评估年度, and at
/// least up to the year before the final one.
pub fn monitor_years(plan: &Plan, year: i32) -> Vec<i32> {
    let last = year.max(plan.info.last_year - 1).min(plan.info.last_year);
    (plan.info.first_year..=last).collect()
}

/// What the 完成进度 column shows for an evaluation.
fn progress_cell(e: &Evaluation) -> Option<String> {
    if e.progress.is_none() && e.reached {
        Some("已达到".to_owned())
    } else {
        None
    }
}

fn monitor_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    indicators: &[&Indicator],
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_MONITOR)?;
    let info = &plan.info;
    let years = monitor_years(plan, year);
    let mut titles: Vec<String> = vec![
        "序号".into(),
        "类别".into(),
        "指标".into(),
        "单位".into(),
        "属性".into(),
        format!("{}\n基期", info.base_year),
    ];
    titles.extend(years.iter().map(|y| y.to_string()));
    titles.extend([
        format!("截至{year}\n累计"),
        format!("{}\n目标值", info.last_year),
        "目标表述".into(),
        "完成进度%".into(),
        "序时进度%".into(),
        "评价".into(),
        "灯色".into(),
        "判定依据".into(),
        "说明".into(),
        "数据来源".into(),
        "责任科室".into(),
    ]);
    let mut widths = vec![5.0, 12.0, 28.0, 6.0, 8.0, 9.0];
    widths.extend(years.iter().map(|_| 8.0));
    widths.extend([9.0, 9.0, 16.0, 9.0, 9.0, 11.0, 9.0, 30.0, 24.0, 14.0, 12.0]);
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}主要指标监测表（{year}年度）", info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;
    headers(ws, 2, &titles, &widths)?;
    let pct = style::number(1);
    // Numbered as in 主要指标表: by category, in the plan's order.
    let ordered: Vec<&Indicator> = by_category(plan, indicators)
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect();
    for (i, ind) in ordered.iter().enumerate() {
        let row = 3 + i as u32;
        let e = evaluate(ind, info, year);
        ws.write_number_with_format(
            row,
            0,
            (i + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &ind.category, &style::centered())?;
        let attr_fmt = if ind.attribute == Attribute::Binding {
            style::centered().set_bold()
        } else {
            style::centered()
        };
        ws.write_string_with_format(row, 2, &ind.name, &style::text())?;
        ws.write_string_with_format(row, 3, &ind.unit, &style::centered())?;
        ws.write_string_with_format(row, 4, ind.attribute.label(), &attr_fmt)?;
        let vf = value_format(ind);
        let cumulative = ind.kind == IndicatorKind::Cumulative;
        let base = if cumulative { None } else { ind.base_value };
        write_opt_number(ws, row, 5, base, &vf)?;
        let mut col = 6u16;
        for y in &years {
            match ind.actual_value(*y) {
                Some(v) if ind.kind == IndicatorKind::YesNo => {
                    ws.write_string_with_format(
                        row,
                        col,
                        if v >= 0.5 { "是" } else { "否" },
                        &style::centered(),
                    )?;
                }
                Some(v) if ind.actuals.get(y).is_some_and(|a| a.estimate) => {
                    let text = format!("{}（预计）", eduplan_domain::input::format_value(v, ind));
                    ws.write_string_with_format(row, col, &text, &style::centered())?;
                }
                Some(v) => {
                    ws.write_number_with_format(row, col, v, &vf)?;
                }
                None => {
                    ws.write_blank(row, col, &style::centered())?;
                }
            }
            col += 1;
        }
        // 累计 beside the yearly 当年完成数.
        let total = if cumulative {
            running_total(ind, info, year).0
        } else {
            None
        };
        match total {
            Some(v) => ws.write_number_with_format(row, col, v, &vf)?,
            None => ws.write_string_with_format(row, col, "—", &style::centered())?,
        };
        // The target number and its wording in cells of their own: Excel never wraps a
        // number, and a copy of the cell must keep the words.
        match (ind.kind, ind.effective_target()) {
            (IndicatorKind::YesNo | IndicatorKind::YearOverYear | IndicatorKind::Benchmark, _)
            | (_, None) => {
                ws.write_string_with_format(row, col + 1, "—", &style::centered())?;
            }
            (_, Some(t)) => {
                ws.write_number_with_format(row, col + 1, t, &vf)?;
            }
        }
        let wording = if ind.target_year == info.last_year {
            ind.target_text.clone()
        } else {
            format!("{}（{}年）", ind.target_text, ind.target_year)
        };
        ws.write_string_with_format(row, col + 2, &wording, &style::text())?;
        let percent = |f: f64| (f * 1000.0).round() / 10.0;
        match progress_cell(&e) {
            Some(words) => {
                ws.write_string_with_format(row, col + 3, &words, &style::centered())?;
            }
            None => write_opt_number(ws, row, col + 3, e.progress.map(percent), &pct)?,
        }
        write_opt_number(ws, row, col + 4, e.elapsed.map(percent), &pct)?;
        let mut word = e.status.label().to_owned();
        if e.stretch_reached {
            word.push_str("（达到力争目标）");
        }
        ws.write_string_with_format(row, col + 5, &word, &style::light_cell(e.light))?;
        let light = format!(
            "{}{}{}",
            e.light.symbol(),
            e.light.label(),
            if e.warning { "\n预警" } else { "" }
        );
        let light_fmt = style::light_cell(e.light);
        ws.write_string_with_format(
            row,
            col + 6,
            &light,
            &if e.warning {
                light_fmt.set_bold()
            } else {
                light_fmt
            },
        )?;
        let basis = basis_text(&e, ind);
        ws.write_string_with_format(row, col + 7, &basis, &style::text())?;
        let actual = ind.actuals.get(&year);
        let note = actual.map_or("", |a| a.note.as_str());
        ws.write_string_with_format(row, col + 8, note, &style::text())?;
        let source = actual
            .map(|a| a.source.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or(&ind.data_source);
        ws.write_string_with_format(row, col + 9, source, &style::text())?;
        ws.write_string_with_format(row, col + 10, &ind.lead_unit, &style::centered())?;
        style::fit_row(
            ws,
            row,
            &[
                (&ind.name, widths[2]),
                (&ind.category, widths[1]),
                (&wording, widths[col as usize + 2]),
                (&word, widths[col as usize + 5]),
                (&basis, widths[col as usize + 7]),
                (note, widths[col as usize + 8]),
                (source, widths[col as usize + 9]),
            ],
        )?;
    }
    let mut note_row = 4 + ordered.len() as u32;
    let mut rules = rules_text(info);
    rules.push("累计类指标各年度栏填当年完成数，“累计”栏为基期以来的累计完成数。".to_owned());
    for (k, line) in rules.iter().enumerate() {
        let text = if k == 0 {
            format!("注：{line}")
        } else {
            format!("　　{line}")
        };
        ws.merge_range(
            note_row,
            0,
            note_row,
            last_col,
            &text,
            &style::subtitle().set_text_wrap(),
        )?;
        ws.set_row_height(note_row, 18)?;
        note_row += 1;
    }
    signature_line(ws, note_row + 1, 0, last_col)?;
    style::page_setup(ws, 2, &info.name)
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

fn tasks_sheet(ws: &mut Worksheet, plan: &Plan, year: i32, as_of: Date) -> Result<(), XlsxError> {
    ws.set_name(SHEET_TASKS)?;
    let titles: Vec<String> = [
        "序号",
        "章节",
        "重点任务",
        "具体措施",
        "牵头单位",
        "责任单位",
        "完成时限",
        "年度进展",
        "完成状态",
        "备注",
    ]
    .map(String::from)
    .to_vec();
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}重点任务台账（{year}年度）", plan.info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;
    headers(
        ws,
        2,
        &titles,
        &[5.0, 22.0, 28.0, 40.0, 12.0, 14.0, 11.0, 30.0, 10.0, 14.0],
    )?;
    for (row, task) in (3u32..).zip(plan.tasks_in_outline_order()) {
        let chapter = plan
            .section(task.section)
            .map(|s| s.heading())
            .unwrap_or_default();
        ws.write_number_with_format(
            row,
            0,
            f64::from(row - 2),
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &chapter, &style::text())?;
        let title = if task.kind == eduplan_domain::TaskKind::Project {
            format!("【重点工程】{}", task.title)
        } else {
            task.title.clone()
        };
        ws.write_string_with_format(row, 2, &title, &style::text())?;
        let mut measures = task.measures.clone();
        if let Some(b) = task.budget_wan_yuan {
            if !measures.is_empty() {
                measures.push('\n');
            }
            measures.push_str(&format!(
                "预算{}万元",
                eduplan_domain::input::format_number(b, 1)
            ));
        }
        ws.write_string_with_format(row, 3, &measures, &style::text())?;
        ws.write_string_with_format(row, 4, &task.lead_unit, &style::centered())?;
        ws.write_string_with_format(row, 5, &task.co_units, &style::text())?;
        let deadline = match task.deadline_date {
            Some(d) if task.deadline.trim().is_empty() => d.to_string(),
            Some(d)
                if eduplan_domain::commitments::deadline_from_wording(&task.deadline)
                    != Some(d) =>
            {
                format!("{}\n（{d}）", task.deadline)
            }
            _ => task.deadline.clone(),
        };
        ws.write_string_with_format(row, 6, &deadline, &style::centered())?;
        let progress = eduplan_domain::commitments::progress_in_year(task, year);
        ws.write_string_with_format(row, 7, &progress, &style::text())?;
        let state = task_state(task, as_of, plan.info.due_soon_days);
        // The officer's own 滞后 (behind, though not yet past the deadline) stays visible.
        let behind = task.status == eduplan_domain::TaskStatus::Late
            && matches!(
                state,
                TaskState::InProgress | TaskState::DueSoon | TaskState::NotStarted
            );
        let state_text = match task.completed_date {
            Some(done) if state.is_done() => format!("{}\n{done}", state.label()),
            _ if behind => format!("{}（滞后）", state.label()),
            _ => state.label().to_owned(),
        };
        let light = if behind {
            eduplan_domain::Light::Yellow
        } else {
            state.light()
        };
        ws.write_string_with_format(row, 8, &state_text, &style::light_cell(light))?;
        ws.write_string_with_format(row, 9, &task.remark, &style::text())?;
        style::fit_row(
            ws,
            row,
            &[
                (&chapter, 22.0),
                (&title, 28.0),
                (&measures, 40.0),
                (&progress, 30.0),
                (&task.co_units, 14.0),
            ],
        )?;
    }
    style::page_setup(ws, 2, &plan.info.name)
}

/// The indicators that get a chart: every 约束性 one and those with yearly planned values,
/// then others in outline order, at most eight.
pub fn key_indicators<'a>(indicators: &[&'a Indicator]) -> Vec<&'a Indicator> {
    let charted = |i: &&Indicator| i.kind != IndicatorKind::YesNo;
    let mut out: Vec<&Indicator> = indicators
        .iter()
        .copied()
        .filter(charted)
        .filter(|i| i.attribute == Attribute::Binding || !i.planned.is_empty())
        .collect();
    for i in indicators.iter().copied().filter(charted) {
        if out.len() >= 8 {
            break;
        }
        if !out.iter().any(|o| o.id == i.id) {
            out.push(i);
        }
    }
    out.truncate(8);
    out
}

fn charts_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    indicators: &[&Indicator],
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_CHARTS)?;
    let info = &plan.info;
    let last_col = 9;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}指标图表（{year}年度）", info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;

    // Status counts, with their chart.
    let evals: Vec<_> = indicators.iter().map(|i| evaluate(i, info, year)).collect();
    let counts = count_statuses(evals.iter());
    ws.write_string_with_format(3, 0, "评价", &style::header())?;
    ws.write_string_with_format(3, 1, "指标数", &style::header())?;
    for (i, (status, n)) in counts.by_status.iter().enumerate() {
        let row = 4 + i as u32;
        ws.write_string_with_format(row, 0, status.label(), &style::centered())?;
        ws.write_number_with_format(row, 1, *n as f64, &style::number(0))?;
    }
    ws.set_column_width(0, 14)?;
    let count_last = 3 + Status::ALL.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name("指标数")
        .set_categories((SHEET_CHARTS, 4, 0, count_last, 0))
        .set_values((SHEET_CHARTS, 4, 1, count_last, 1));
    chart
        .title()
        .set_name(&format!("{year}年各评价等级指标数"))
        .set_font(ChartFont::new().set_size(12).set_bold());
    chart.legend().set_hidden();
    chart.set_width(480).set_height(288);
    ws.insert_chart(3, 3, &chart)?;

    // One block of data and one line chart per key indicator: planned path and actuals.
    let mut row = 20u32;
    let years: Vec<i32> = (info.base_year..=info.last_year).collect();
    // Two blocks fit an A4 landscape page even unscaled (13 rows × 15 pt each).
    let block_rows = 13.max(years.len() as u32 + 4);
    // The status chart, then one block per key indicator: none may be cut by a page end.
    let mut groups: Vec<(u32, f64)> = vec![(3, f64::from(row - 3) * DEFAULT_ROW_PT)];
    for ind in key_indicators(indicators) {
        groups.push((row, f64::from(block_rows) * DEFAULT_ROW_PT));
        let cumulative = ind.kind == IndicatorKind::Cumulative;
        ws.merge_range(
            row,
            0,
            row,
            2,
            &format!("{}（{}）", ind.name, ind.unit),
            &style::header(),
        )?;
        ws.write_string_with_format(row + 1, 0, "年度", &style::header())?;
        ws.write_string_with_format(row + 1, 1, "规划路径", &style::header())?;
        ws.write_string_with_format(
            row + 1,
            2,
            if cumulative {
                "累计完成"
            } else {
                "实际值"
            },
            &style::header(),
        )?;
        let target = ind.effective_target();
        let base = if cumulative {
            Some(0.0)
        } else {
            ind.base_value
        };
        let vf = value_format(ind);
        for (k, y) in years.iter().enumerate() {
            let r = row + 2 + k as u32;
            ws.write_string_with_format(r, 0, format!("{y}年"), &style::centered())?;
            let path = match (ind.kind, base, target) {
                // A floor or ceiling is the same line every year; a benchmark moves with it.
                (IndicatorKind::Maintain, _, Some(t)) => Some(t),
                (IndicatorKind::Benchmark, _, _) => ind.benchmarks.get(y).copied(),
                (IndicatorKind::YearOverYear, _, _) => None,
                (_, Some(b), Some(t)) if *y <= ind.target_year => {
                    let share = eduplan_domain::rules::time_elapsed(
                        ind.base_year_or(info),
                        ind.target_year,
                        *y,
                    );
                    Some(
                        ind.planned
                            .get(y)
                            .copied()
                            .filter(|_| !cumulative)
                            .unwrap_or(b + (t - b) * share),
                    )
                }
                (_, _, Some(t)) => Some(t),
                _ => None,
            };
            // The path is derived (1.6 所 by 2024): shown as it is charted, not rounded.
            let path_format = style::centered().set_num_format("General");
            match path {
                Some(v) => ws.write_number_with_format(r, 1, v, &path_format)?,
                None => ws.write_blank(r, 1, &style::centered())?,
            };
            let actual = if *y == info.base_year {
                base
            } else if cumulative {
                ind.actual_value(*y).and(running_total(ind, info, *y).0)
            } else {
                ind.actual_value(*y)
            };
            match actual {
                Some(v) if *y <= year => ws.write_number_with_format(r, 2, v, &vf)?,
                _ => ws.write_blank(r, 2, &style::centered())?,
            };
        }
        let first = row + 2;
        let last = first + years.len() as u32 - 1;
        let mut chart = Chart::new(ChartType::Line);
        chart
            .add_series()
            .set_name((SHEET_CHARTS, row + 1, 1))
            .set_categories((SHEET_CHARTS, first, 0, last, 0))
            .set_values((SHEET_CHARTS, first, 1, last, 1))
            .set_format(
                ChartFormat::new()
                    .set_line(ChartLine::new().set_dash_type(ChartLineDashType::Dash)),
            );
        chart
            .add_series()
            .set_name((SHEET_CHARTS, row + 1, 2))
            .set_categories((SHEET_CHARTS, first, 0, last, 0))
            .set_values((SHEET_CHARTS, first, 2, last, 2))
            .set_marker(ChartMarker::new().set_automatic());
        chart
            .title()
            .set_name(&format!("{}（目标：{}）", ind.name, ind.target_text))
            .set_font(ChartFont::new().set_size(12).set_bold());
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_width(560).set_height(190);
        ws.insert_chart(row, 3, &chart)?;
        row += block_rows;
    }
    ws.set_column_width(1, 11)?;
    ws.set_column_width(2, 11)?;
    // The charts reach over the default-width columns D to J.
    let widths = [14.0, 11.0, 11.0, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43];
    style::keep_groups_together(ws, &groups, 52.0, &widths)?;
    style::page_setup(ws, 1, &info.name)
}

fn schools_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    report: &BalanceReport,
    settings: &BalanceSettings,
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SCHOOLS)?;
    let mut titles: Vec<String> = vec![
        "序号".into(),
        "学校".into(),
        "学段".into(),
        "在校生数".into(),
    ];
    titles.extend(Resource::ALL.iter().map(|r| r.short_label().to_owned()));
    titles.extend(["达标项数".to_owned(), "是否达标".to_owned()]);
    let mut widths = vec![5.0, 30.0, 6.0, 9.0];
    widths.extend(Resource::ALL.iter().map(|_| 11.0));
    widths.extend([9.0, 9.0]);
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}义务教育学校资源配置指标表（{year}年）", plan.info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;
    headers(ws, 2, &titles, &widths)?;
    let two = style::number(2);
    let mut row = 3u32;
    for &stage in Stage::ALL {
        ws.write_string_with_format(
            row,
            1,
            format!("国家标准（{}）", stage.label()),
            &style::text().set_bold(),
        )?;
        ws.write_string_with_format(row, 2, stage.label(), &style::centered())?;
        ws.write_blank(row, 0, &style::centered())?;
        ws.write_blank(row, 3, &style::centered())?;
        for (k, r) in Resource::ALL.iter().enumerate() {
            ws.write_number_with_format(row, 4 + k as u16, settings.standard(*r, stage), &two)?;
        }
        ws.write_blank(row, last_col - 1, &style::centered())?;
        ws.write_blank(row, last_col, &style::centered())?;
        row += 1;
    }
    let mut parts: Vec<_> = report.parts.iter().collect();
    parts.sort_by_key(|p| p.stage != Stage::Primary);
    for (n, part) in parts.iter().enumerate() {
        ws.write_number_with_format(
            row,
            0,
            (n + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &part.school, &style::text())?;
        ws.write_string_with_format(row, 2, part.stage.label(), &style::centered())?;
        ws.write_number_with_format(row, 3, part.pupils, &style::number(0))?;
        for (k, r) in Resource::ALL.iter().enumerate() {
            let met = part.values[k] >= settings.standard(*r, part.stage) - 1e-9;
            let format = if met {
                two.clone()
            } else {
                two.clone()
                    .set_bold()
                    .set_background_color(style::light_fill(eduplan_domain::Light::Red))
            };
            ws.write_number_with_format(row, 4 + k as u16, part.values[k], &format)?;
        }
        ws.write_string_with_format(
            row,
            last_col - 1,
            format!("{}/7", part.met),
            &style::centered(),
        )?;
        let (word, light) = if part.meets_standards {
            ("●达标", eduplan_domain::Light::Green)
        } else {
            ("■未达标", eduplan_domain::Light::Red)
        };
        ws.write_string_with_format(row, last_col, word, &style::light_cell(light))?;
        row += 1;
    }
    let mut notes = vec![format!(
        "注：每校七项指标中至少{}项达到标准、其余{}项不低于标准的{}%为达标；未达标的指标值加粗并标红。九年一贯制学校按小学:初中=1:{}、完全中学按初中:高中=1:{}分摊共用资源。",
        7 - settings.allowed_misses,
        settings.allowed_misses,
        format_number(settings.miss_floor_share * 100.0, 0),
        format_number(settings.nine_year_junior_weight, 1),
        format_number(settings.complete_senior_weight, 1),
    )];
    for (name, why) in &report.excluded {
        notes.push(format!("　　{name}：{}", exclusion_text(*why)));
    }
    for note in notes {
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            last_col,
            &note,
            &style::subtitle().set_text_wrap(),
        )?;
        ws.set_row_height(row, 18)?;
    }
    signature_line(ws, row + 2, 0, last_col)?;
    style::page_setup(ws, 2, &plan.info.name)
}

fn dispersion_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    report: &BalanceReport,
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_DISPERSION)?;
    let titles: Vec<String> = [
        "序号",
        "指标",
        "学段",
        "校数",
        "均值",
        "标准差",
        "差异系数",
        "标准",
        "是否达标",
        "拉高差异系数最多的学校",
    ]
    .map(String::from)
    .to_vec();
    let widths = [5.0, 34.0, 6.0, 6.0, 11.0, 11.0, 10.0, 8.0, 10.0, 36.0];
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}义务教育校际差异系数表（{year}年）", plan.info.name),
        &style::title(),
    )?;
    unit_line(ws, plan, year, last_col)?;
    headers(ws, 2, &titles, &widths)?;
    for (n, d) in report.dispersions.iter().enumerate() {
        let row = 3 + n as u32;
        ws.write_number_with_format(
            row,
            0,
            (n + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, d.resource.label(), &style::text())?;
        ws.write_string_with_format(row, 2, d.stage.label(), &style::centered())?;
        ws.write_number_with_format(row, 3, d.schools as f64, &style::number(0))?;
        ws.write_number_with_format(row, 4, d.mean, &style::number(2))?;
        ws.write_number_with_format(row, 5, d.std_dev, &style::number(2))?;
        ws.write_number_with_format(row, 6, d.cv, &style::number(3))?;
        ws.write_string_with_format(
            row,
            7,
            format!("≤{}", format_number(d.max_cv, 2)),
            &style::centered(),
        )?;
        let (word, light) = if d.meets {
            ("●达标", eduplan_domain::Light::Green)
        } else {
            ("■未达标", eduplan_domain::Light::Red)
        };
        ws.write_string_with_format(row, 8, word, &style::light_cell(light))?;
        let top: Vec<&str> = d
            .contributions
            .iter()
            .take(3)
            .map(|(s, _)| s.as_str())
            .collect();
        let top = top.join("、");
        ws.write_string_with_format(row, 9, &top, &style::text())?;
        // Three school names wrap: the row grows so they never run into the next one.
        style::fit_row(
            ws,
            row,
            &[(&top, widths[9]), (d.resource.label(), widths[1])],
        )?;
    }
    let note_row = 4 + report.dispersions.len() as u32;
    ws.merge_range(
        note_row,
        0,
        note_row,
        last_col,
        "注：差异系数 = 标准差 ÷ 均值，均值和标准差按在校生数加权（教督〔2017〕6号）；小学不高于0.50、初中不高于0.45为达标。",
        &style::subtitle().set_text_wrap(),
    )?;
    signature_line(ws, note_row + 2, 0, last_col)?;
    style::page_setup(ws, 2, &plan.info.name)
}

/// 整改台账 in the layout inspections ask for, with 是否销号 and the state as of `as_of`.
fn rectification_sheet(ws: &mut Worksheet, plan: &Plan, as_of: Date) -> Result<(), XlsxError> {
    ws.set_name(SHEET_RECTIFICATION)?;
    let titles: Vec<String> = [
        "序号",
        "问题来源",
        "问题描述",
        "整改措施",
        "责任单位",
        "责任人",
        "整改时限",
        "整改进展",
        "佐证材料",
        "是否销号",
        "销号日期",
    ]
    .map(String::from)
    .to_vec();
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}整改台账", plan.info.name),
        &style::title(),
    )?;
    let counts = eduplan_domain::commitments::count_by_state(&plan.rectifications, as_of);
    let words: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{}{n}项", s.label()))
        .collect();
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "填报单位：{}　　截至{as_of}：共{}项，{}",
            plan.info.reporting_unit,
            plan.rectifications.len(),
            words.join("，")
        ),
        &style::text(),
    )?;
    headers(
        ws,
        2,
        &titles,
        &[
            5.0, 16.0, 32.0, 32.0, 12.0, 12.0, 11.0, 36.0, 22.0, 9.0, 11.0,
        ],
    )?;
    for (row, item) in (3u32..).zip(&plan.rectifications) {
        let state = rectification_state(item, as_of);
        ws.write_number_with_format(
            row,
            0,
            f64::from(row - 2),
            &style::centered().set_num_format("0"),
        )?;
        let source = if item.batch.is_empty() {
            item.source.label().to_owned()
        } else {
            format!("{}：{}", item.source.label(), item.batch)
        };
        ws.write_string_with_format(row, 1, &source, &style::text())?;
        ws.write_string_with_format(row, 2, &item.problem, &style::text())?;
        ws.write_string_with_format(row, 3, &item.measures, &style::text())?;
        ws.write_string_with_format(row, 4, &item.unit, &style::centered())?;
        ws.write_string_with_format(row, 5, &item.person, &style::centered())?;
        let due = item.due.map_or_else(String::new, |d| d.to_string());
        ws.write_string_with_format(row, 6, &due, &style::centered())?;
        let progress: Vec<String> = item
            .progress
            .iter()
            .filter(|p| p.date <= as_of)
            .map(|p| format!("{} {}", p.date, p.text))
            .collect();
        let progress = progress.join("\n");
        ws.write_string_with_format(row, 7, &progress, &style::text())?;
        let mut evidence: Vec<String> = plan
            .evidence_of(eduplan_domain::EvidenceOwner::Rectification(item.id))
            .iter()
            .map(|e| e.name.clone())
            .collect();
        if !item.closed_note.trim().is_empty() {
            evidence.push(format!("验收意见：{}", item.closed_note.trim()));
        }
        let evidence = evidence.join("\n");
        ws.write_string_with_format(row, 8, &evidence, &style::text())?;
        let closed = state == RectificationState::Closed;
        let word = if closed {
            "是".to_owned()
        } else {
            format!("否（{}）", state.label())
        };
        ws.write_string_with_format(row, 9, &word, &style::light_cell(state.light()))?;
        let closed_on = item
            .closed
            .filter(|_| closed)
            .map_or_else(String::new, |d| d.to_string());
        ws.write_string_with_format(row, 10, &closed_on, &style::centered())?;
        style::fit_row(
            ws,
            row,
            &[
                (&source, 16.0),
                (&item.problem, 32.0),
                (&item.measures, 32.0),
                (&progress, 36.0),
                (&evidence, 22.0),
            ],
        )?;
    }
    style::page_setup(ws, 2, &plan.info.name)
}
