//! 整改台账 in the layout inspections ask for.

use super::*;

/// 整改台账 in the layout inspections ask for, with 是否销号 and the state as of `as_of`.
pub(super) fn rectification_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    as_of: Date,
) -> Result<(), XlsxError> {
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
    headers(ws, 2, &titles, &RECTIFICATION_WIDTHS)?;
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
                (&source, RECTIFICATION_WIDTHS[1]),
                (&item.problem, RECTIFICATION_WIDTHS[2]),
                (&item.measures, RECTIFICATION_WIDTHS[3]),
                (&item.unit, RECTIFICATION_WIDTHS[4]),
                (&progress, RECTIFICATION_WIDTHS[7]),
                (&evidence, RECTIFICATION_WIDTHS[8]),
            ],
        )?;
    }
    style::page_setup(ws, 2, &plan.info.name)?;
    // Fitted to the page's width the long texts printed at about half size; these widths fit
    // A4 landscape at this scale, which keeps the 11 pt text at about 8.3 pt on paper.
    ws.set_print_scale(RECTIFICATION_PRINT_SCALE);
    Ok(())
}

/// Column widths (character units): the texts wrap in 问题描述, 整改措施 and 整改进展.
/// LibreOffice prints a width unit as written (0.71 of padding added to each) at about 7.05 pt:
/// together 144 units × 7.05 pt × 75 % ≈ 760 pt, inside A4 landscape's 770 pt between the
/// margins.
const RECTIFICATION_WIDTHS: [f64; 11] = [
    4.0, 10.0, 22.0, 20.0, 10.0, 7.0, 11.0, 22.0, 11.0, 8.0, 11.0,
];

/// 11 pt × 75 % ≈ 8.3 pt on paper.
const RECTIFICATION_PRINT_SCALE: u16 = 75;
