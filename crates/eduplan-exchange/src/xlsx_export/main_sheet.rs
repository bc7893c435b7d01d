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
    // A plan not yet reported on (a draft being adopted) prints its yearly milestones (阶段目标)
    // where it sets any, one column per year between base and target, as the plan document's
    // table does. Once values come in, the milestones are the 指标监测表's 序时目标值 and this
    // table keeps the seven columns the higher level expects.
    let drafting = indicators
        .iter()
        .all(|i| i.actuals.values().all(|a| a.value.is_none()));
    let milestone_years: Vec<i32> = indicators
        .iter()
        .filter(|_| drafting)
        .flat_map(|i| i.planned.keys().copied())
        .filter(|y| (info.first_year..info.last_year).contains(y))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut titles: Vec<String> = vec![
        "序号".into(),
        "类别".into(),
        "指标".into(),
        "单位".into(),
        format!("{}年\n（基期）", info.base_year),
    ];
    titles.extend(
        milestone_years
            .iter()
            .map(|y| format!("{y}年\n（阶段目标）")),
    );
    titles.push(format!("{}年\n（目标）", info.last_year));
    titles.push("属性".into());
    let last_col = titles.len() as u16 - 1;
    let col_target = 5 + milestone_years.len() as u16;
    let mut widths = vec![6.0, 16.0, 40.0, 8.0, 12.0];
    widths.extend(milestone_years.iter().map(|_| 12.0));
    widths.extend([22.0, 9.0]);
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
            let estimate = ind.closeout.base_estimate && base.is_some();
            write_value(ws, (row, 4), base, estimate, ind, "—")?;
            let target = if ind.target_year == info.last_year {
                ind.target_text.clone()
            } else {
                format!("{}（{}年）", ind.target_text, ind.target_year)
            };
            for (k, y) in milestone_years.iter().enumerate() {
                let col = 5 + k as u16;
                write_value(ws, (row, col), ind.planned.get(y).copied(), false, ind, "")?;
            }
            ws.write_string_with_format(row, col_target, &target, &style::centered())?;
            ws.write_string_with_format(
                row,
                col_target + 1,
                ind.attribute.label(),
                &style::centered(),
            )?;
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
