//! 图表: native Excel line charts for the key indicators.

use super::*;

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

pub(super) fn charts_sheet(
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
    unit_line(ws, plan, &format!("评估年度：{year}年"), last_col)?;

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
