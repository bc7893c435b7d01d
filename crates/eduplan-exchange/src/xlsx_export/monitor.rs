//! 指标监测表: the indicators judged for one 评估年度, with every year's value.

use super::main_sheet::by_category;
use super::*;

/// The years that get their own column in the monitoring table: up to the 评估年度, and at
/// least up to the year before the final one.
pub fn monitor_years(plan: &Plan, year: i32) -> Vec<i32> {
    let last = year.max(plan.info.last_year - 1).min(plan.info.last_year);
    (plan.info.first_year..=last).collect()
}

/// What the 完成进度 column shows for an evaluation.
pub(super) fn progress_cell(e: &Evaluation) -> Option<String> {
    if e.progress.is_none() && e.reached {
        Some("已达到".to_owned())
    } else {
        None
    }
}

pub(super) fn monitor_sheet(
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
    sheet_preamble(
        ws,
        plan,
        &format!("{}主要指标监测表（{year}年度）", info.name),
        &format!("评估年度：{year}年"),
        &titles,
        &widths,
    )?;
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
        write_value(ws, (row, 5), base, false, ind, "—")?;
        let mut col = 6u16;
        for y in &years {
            let estimate = ind.actuals.get(y).is_some_and(|a| a.estimate);
            write_value(ws, (row, col), ind.actual_value(*y), estimate, ind, "")?;
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
    // The notes stay on the first printed block (up to 目标值), as tall as their wrapped text.
    let notes_last_col = titles
        .iter()
        .position(|t| t == "目标表述")
        .map_or(last_col, |c| c as u16 - 1);
    let notes_width: f64 = widths[..=notes_last_col as usize].iter().sum();
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
            notes_last_col,
            &text,
            &style::subtitle().set_text_wrap(),
        )?;
        // A Chinese character takes two width units; a line is about 15 points tall.
        let lines = (text.chars().count() as f64 * 2.0 / (notes_width * 0.95)).ceil();
        ws.set_row_height(note_row, 15.0 * lines.max(1.0) + 3.0)?;
        note_row += 1;
    }
    signature_line(ws, note_row + 1, 0, last_col)?;
    style::page_setup(ws, 2, &info.name)?;
    // Twenty-odd columns on one A4 page print at about 5 pt. Printed across three pages
    // instead — the figures; the target, verdict and 判定依据; the notes, source and office —
    // each with 序号, 类别 and 指标 repeated, at a scale that keeps the 11 pt text at 8 pt.
    let breaks: Vec<u32> = ["目标表述", "说明"]
        .iter()
        .filter_map(|t| titles.iter().position(|x| x == t))
        .map(|c| c as u32)
        .collect();
    if breaks.len() == 2 {
        ws.set_print_scale(MONITOR_PRINT_SCALE);
        ws.set_vertical_page_breaks(&breaks)?;
        ws.set_repeat_columns(0, 2)?;
    }
    Ok(())
}

/// 11 pt × 75 % ≈ 8.3 pt on paper.
const MONITOR_PRINT_SCALE: u16 = 75;
