//! 主要指标表: every indicator by category with base, target and attribute.

use super::*;

/// Indicators grouped by category in outline order of first appearance.
pub(super) fn by_category<'a>(
    plan: &Plan,
    indicators: &[&'a Indicator],
) -> Vec<(String, Vec<&'a Indicator>)> {
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

pub(super) fn main_sheet(
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
    let widths = [6.0, 16.0, 40.0, 8.0, 12.0, 22.0, 9.0];
    sheet_preamble(
        ws,
        plan,
        &format!("{}主要指标", info.name),
        &format!("评估年度：{year}年"),
        &titles,
        &widths,
    )?;
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
