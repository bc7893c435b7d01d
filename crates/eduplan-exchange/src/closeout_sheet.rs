//! The workbook sheet of a 总结评估: 主要指标完成情况表, one row per indicator with its base,
//! its target as the plan words it, every year's value (预计 values marked), the final value,
//! 目标完成度, 完成情况 (超额完成 … 未完成, 人工判定 shown beside the computed verdict),
//! 首次达标年份 and 未完成原因, then the count sentence. Depends on the domain only.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::xlsx_style as style;
use eduplan_domain::closeout::{
    EvaluationKind, FinalVerdict, count_sentence, count_verdicts, evaluation_kind, judge_final,
    with_estimate_mark,
};
use eduplan_domain::input::{display_decimals, format_value};
use eduplan_domain::{Indicator, Plan};

pub const SHEET_CLOSEOUT: &str = "主要指标完成情况表";

/// Add the sheet when the year is read as a 总结评估.
pub fn add_if_final(wb: &mut Workbook, plan: &Plan, year: i32) -> Result<(), XlsxError> {
    if evaluation_kind(&plan.info, year) == EvaluationKind::Final {
        closeout_sheet(wb.add_worksheet(), plan, year)?;
    }
    Ok(())
}

/// A value as a number, or as text "96.1（预计）" when provisional.
fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    ind: &Indicator,
    year: i32,
) -> Result<(), XlsxError> {
    let actual = ind.actuals.get(&year);
    match actual.and_then(|a| a.effective_value()) {
        None => ws.write_string_with_format(row, col, "—", &style::centered())?,
        Some(v) if actual.is_some_and(|a| a.estimate) => ws.write_string_with_format(
            row,
            col,
            with_estimate_mark(format_value(v, ind), true),
            &style::centered(),
        )?,
        Some(v) => {
            ws.write_number_with_format(row, col, v, &style::number(display_decimals(ind)))?
        }
    };
    Ok(())
}

fn closeout_sheet(ws: &mut Worksheet, plan: &Plan, year: i32) -> Result<(), XlsxError> {
    ws.set_name(SHEET_CLOSEOUT)?;
    let info = &plan.info;
    let earlier: Vec<i32> = (info.first_year..year).collect();
    let mut titles: Vec<String> = vec![
        "序号".into(),
        "类别".into(),
        "指标".into(),
        "单位".into(),
        "属性".into(),
        format!("{}年基期值", info.base_year),
        format!("{year}年目标值（规划表述）"),
    ];
    titles.extend(earlier.iter().map(|y| format!("{y}年")));
    titles.extend([
        format!("{year}年实际值"),
        "目标完成度(%)".into(),
        "完成情况".into(),
        "首次达标年份".into(),
        "未完成原因及说明".into(),
        "数据来源".into(),
        "责任科室".into(),
    ]);
    let mut widths = vec![6.0, 12.0, 30.0, 7.0, 8.0, 10.0, 16.0];
    widths.extend(earlier.iter().map(|_| 9.0));
    widths.extend([11.0, 10.0, 18.0, 10.0, 30.0, 16.0, 12.0]);
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}主要指标完成情况表", info.name),
        &style::title(),
    )?;
    let unit = if info.reporting_unit.is_empty() {
        &info.region
    } else {
        &info.reporting_unit
    };
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!("填报单位：{unit}    评估类型：总结评估（{year}年）"),
        &style::subtitle(),
    )?;
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 20)?;
    let header = style::header();
    for (c, (t, w)) in titles.iter().zip(&widths).enumerate() {
        ws.write_string_with_format(2, c as u16, t, &header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(2, 30)?;
    let mut row = 3u32;
    let mut judgements = Vec::new();
    for (n, ind) in plan.indicators_in_outline_order().into_iter().enumerate() {
        let j = judge_final(ind, info, year);
        let centered = style::centered();
        ws.write_number_with_format(
            row,
            0,
            (n + 1) as f64,
            &centered.clone().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &ind.category, &centered)?;
        ws.write_string_with_format(row, 2, &ind.name, &style::text())?;
        ws.write_string_with_format(row, 3, &ind.unit, &centered)?;
        ws.write_string_with_format(row, 4, ind.attribute.label(), &centered)?;
        match ind.base_value {
            Some(b) => {
                ws.write_number_with_format(row, 5, b, &style::number(display_decimals(ind)))?
            }
            None => ws.write_string_with_format(row, 5, "—", &centered)?,
        };
        ws.write_string_with_format(row, 6, &ind.target_text, &centered)?;
        let mut col = 7u16;
        for y in &earlier {
            write_value(ws, row, col, ind, *y)?;
            col += 1;
        }
        write_value(ws, row, col, ind, year)?;
        match j.completion_pct {
            Some(p) => ws.write_number_with_format(row, col + 1, p, &style::number(1))?,
            None => ws.write_string_with_format(row, col + 1, "—", &centered)?,
        };
        let verdict = j.verdict_text();
        ws.write_string_with_format(row, col + 2, &verdict, &verdict_format(j.verdict()))?;
        ws.write_string_with_format(row, col + 3, j.first_met_text(), &centered)?;
        let reason = reason_text(ind);
        ws.write_string_with_format(row, col + 4, &reason, &style::text())?;
        ws.write_string_with_format(row, col + 5, &ind.data_source, &style::text())?;
        ws.write_string_with_format(row, col + 6, &ind.lead_unit, &centered)?;
        style::fit_row(
            ws,
            row,
            &[(&ind.name, 30.0), (&verdict, 18.0), (&reason, 30.0)],
        )?;
        judgements.push(j);
        row += 1;
    }
    let sentence = count_sentence(&count_verdicts(plan, &judgements));
    ws.merge_range(row + 1, 0, row + 1, last_col, &sentence, &style::subtitle())?;
    ws.merge_range(
        row + 2,
        0,
        row + 2,
        last_col,
        "注：目标完成度 =（实际值 − 基期值）÷（目标值 − 基期值）；标“（预计）”的为预计值；“人工判定”为评估人员依据说明作出的判定，括号内为按规则计算的结果。",
        &style::subtitle(),
    )?;
    crate::xlsx_export::signature_line(ws, row + 4, 0, last_col)?;
    style::page_setup(ws, 2, &info.name)
}

/// 未完成原因及说明: the picked cause, the free text and the next step.
pub fn reason_text(ind: &Indicator) -> String {
    let c = &ind.closeout;
    let mut parts: Vec<String> = Vec::new();
    let cause = match (c.miss_reason, c.miss_note.trim()) {
        (Some(r), "") => r.label().to_owned(),
        (Some(r), note) => format!("{}：{note}", r.label()),
        (None, note) => note.to_owned(),
    };
    if !cause.is_empty() {
        parts.push(cause);
    }
    if !c.next_steps.trim().is_empty() {
        parts.push(format!("下一步：{}", c.next_steps.trim()));
    }
    if c.carry_over {
        parts.push("已纳入下一期规划继续推进".to_owned());
    }
    if c.verdict_override.is_some() && !c.override_reason.trim().is_empty() {
        parts.push(format!("人工判定理由：{}", c.override_reason.trim()));
    }
    parts.join("；")
}

fn verdict_format(verdict: Option<FinalVerdict>) -> Format {
    use eduplan_domain::Light;
    let light = match verdict {
        Some(v) if v.is_met() => Light::Green,
        Some(FinalVerdict::Basically) => Light::Yellow,
        Some(_) => Light::Red,
        None => Light::Grey,
    };
    style::light_cell(light)
}
