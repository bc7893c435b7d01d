//! Fill-in tables (填报表): the bureau sends each lead unit a table for one year; the unit
//! fills it in Excel or WPS and sends it back. The layout is locked, the input cells are
//! not; hidden ids tie each row to its indicator and the file to its plan and year.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Workbook, XlsxError};

use super::import::{ImportPreview, change};
use super::xlsx_style as style;
use super::{ExchangeError, write_atomically};
use crate::domain::edit::{ActualField, Value};
use crate::domain::input::{
    check_indicator_value, decimals_for_unit, format_value, parse_indicator_value,
    parse_plain_number,
};
use crate::domain::{Indicator, IndicatorId, IndicatorKind, Plan};

pub const SHEET: &str = "填报表";
pub const META_SHEET: &str = "_eduplan";
const MARK: &str = "eduplan-fill-in-1";

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
const COL_ID: u16 = 0;
const COL_VALUE: u16 = 6;
const COL_NUM: u16 = 7;
const COL_DEN: u16 = 8;
const COL_NOTE: u16 = 9;
const COL_SOURCE: u16 = 10;
const HEADER_ROW: u32 = 2;

fn row_id(plan: &Plan, ind: &Indicator) -> String {
    format!("{}:{}", plan.uid, ind.id.0)
}

/// Write the fill-in table for `year` (all indicators, or those of one lead unit).
/// Returns how many indicators it holds.
pub fn write_template(
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    path: &Path,
) -> Result<usize, ExchangeError> {
    let indicators: Vec<&Indicator> = plan
        .indicators_in_outline_order()
        .into_iter()
        .filter(|i| unit.is_none_or(|u| i.lead_unit == u))
        .collect();
    if indicators.is_empty() {
        let units = plan.lead_units().join("、");
        return Err(ExchangeError::Build(format!(
            "没有牵头单位为“{}”的指标。现有牵头单位：{units}",
            unit.unwrap_or("")
        )));
    }
    let bytes = build_template(plan, year, unit, &indicators)
        .map_err(|e| ExchangeError::Build(e.to_string()))?;
    write_atomically(path, &bytes)?;
    Ok(indicators.len())
}

fn build_template(
    plan: &Plan,
    year: i32,
    unit: Option<&str>,
    indicators: &[&Indicator],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let titles = header_titles(year);
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}　{year}年度指标填报表", plan.info.name),
        &style::title(),
    )?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "填报单位：{}　　请只在黄色单元格中填写（比率填百分数，如 95.5），其余单元格已锁定；请勿增删列。",
            unit.unwrap_or("各牵头单位")
        ),
        &style::subtitle(),
    )?;
    let widths = [
        4.0, 5.0, 32.0, 6.0, 16.0, 12.0, 12.0, 10.0, 10.0, 30.0, 16.0,
    ];
    for (c, (t, w)) in titles.iter().zip(widths).enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, t, &style::header())?;
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;
    ws.set_column_hidden(COL_ID)?;
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
        ws.write_string_with_format(row, 3, &ind.unit, &style::centered())?;
        ws.write_string_with_format(row, 4, &ind.target_text, &style::centered())?;
        let vf = style::number(decimals_for_unit(&ind.unit));
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
    }
    style::page_setup(ws, HEADER_ROW, &plan.info.name)?;
    ws.protect();

    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    for (r, v) in [
        MARK,
        plan.uid.as_str(),
        &year.to_string(),
        unit.unwrap_or(""),
    ]
    .iter()
    .enumerate()
    {
        meta.write_string(r as u32, 0, *v)?;
    }
    meta.set_hidden(true);
    meta.protect();
    wb.save_to_buffer()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => crate::domain::input::format_number(*f, 6),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// Check the bytes before handing them to the xlsx reader, to say what the file really is.
fn sniff(path: &Path) -> Result<(), String> {
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "找不到文件".to_owned(),
        _ => format!("无法读取：{e}"),
    })?;
    let n = f.read(&mut head).map_err(|e| format!("无法读取：{e}"))?;
    if n == 0 {
        return Err("文件是空的".to_owned());
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "文件设置了打开密码，或是旧版.xls格式。请在Excel中取消密码并另存为.xlsx后再导入"
                .to_owned(),
        );
    }
    if !head.starts_with(b"PK") {
        return Err("不是Excel工作簿（.xlsx）".to_owned());
    }
    Ok(())
}

/// Read one returned table and add its changes and problems to `preview`.
pub fn read_returned(
    plan: &Plan,
    path: &Path,
    expected_year: Option<i32>,
    preview: &mut ImportPreview,
) {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    if let Err(why) = sniff(path) {
        report(preview, &file, why);
        return;
    }
    let mut book: Xlsx<_> = match calamine::open_workbook(path) {
        Ok(b) => b,
        Err(e) => {
            report(
                preview,
                &file,
                format!(
                    "无法作为Excel工作簿读取，文件可能已损坏、不完整，或是改了扩展名的其他文件（{e}）"
                ),
            );
            return;
        }
    };
    let meta = match book.worksheet_range(META_SHEET) {
        Ok(r) => r,
        Err(_) => {
            report(
                preview,
                &file,
                "不是EduPlan生成的填报表（缺少识别信息），请使用“生成填报表”得到的表格填写"
                    .to_owned(),
            );
            return;
        }
    };
    let meta_cell = |r: u32| meta.get_value((r, 0)).map(cell_text).unwrap_or_default();
    if meta_cell(0) != MARK {
        report(preview, &file, "填报表的识别信息无法识别".to_owned());
        return;
    }
    if meta_cell(1) != plan.uid {
        report(
            preview,
            &file,
            "该填报表属于另一份规划，不能导入到本规划".to_owned(),
        );
        return;
    }
    let Ok(year) = meta_cell(2).parse::<i32>() else {
        report(preview, &file, "填报表的年份信息无法识别".to_owned());
        return;
    };
    if let Some(expected) = expected_year
        && expected != year
    {
        report(
            preview,
            &file,
            format!("这是{year}年的填报表，而当前导入的是{expected}年的数据"),
        );
        return;
    }
    if !plan.info.years().contains(&year) {
        report(preview, &file, format!("填报表的年份{year}年不在规划期内"));
        return;
    }
    let sheet = match book.worksheet_range(SHEET) {
        Ok(r) => r,
        Err(_) => {
            report(preview, &file, format!("找不到名为“{SHEET}”的工作表"));
            return;
        }
    };
    for (c, expected) in header_titles(year).iter().enumerate() {
        let got = sheet
            .get_value((HEADER_ROW, c as u32))
            .map(cell_text)
            .unwrap_or_default();
        if got.replace(['\n', ' '], "") != expected.replace(['\n', ' '], "") {
            report(
                preview,
                &file,
                format!(
                    "表头第{}列应为“{expected}”，实际为“{got}”。列被移动或修改过，请使用原表填写",
                    c + 1
                ),
            );
            return;
        }
    }
    let Some((last_row, _)) = sheet.end() else {
        return;
    };
    let file_label = path.display().to_string();
    for row in HEADER_ROW + 1..=last_row {
        let get = |c: u16| {
            sheet
                .get_value((row, u32::from(c)))
                .cloned()
                .unwrap_or(Data::Empty)
        };
        let id_text = cell_text(&get(COL_ID));
        let name = cell_text(&get(2));
        let input_empty = [COL_VALUE, COL_NUM, COL_DEN, COL_NOTE, COL_SOURCE]
            .iter()
            .all(|c| matches!(get(*c), Data::Empty) || cell_text(&get(*c)).is_empty());
        if id_text.is_empty() && input_empty {
            continue; // a blank row someone added
        }
        let Some(ind) = id_text
            .rsplit_once(':')
            .filter(|(uid, _)| *uid == plan.uid)
            .and_then(|(_, id)| id.parse::<i64>().ok())
            .and_then(|id| plan.indicator(IndicatorId(id)))
        else {
            report(
                preview,
                &file,
                format!(
                    "第{}行（“{name}”）的编号无法识别，该指标可能已被删除或该行不是原表中的行",
                    row + 1
                ),
            );
            continue;
        };
        let mut push = |field: ActualField, v: Value| {
            if let Some(c) = change(plan, &file_label, ind.id, year, field, v) {
                preview.changes.push(c);
            }
        };
        // The value: a number, or text such as "95.5" / "95.5%" typed as text.
        match get(COL_VALUE) {
            Data::Empty => {}
            Data::Float(v) => match check_indicator_value(v, ind) {
                Ok(()) => push(ActualField::Value, Value::Num(v)),
                Err(why) => {
                    preview
                        .problems
                        .push(format!("“{file}”第{}行“{}”：{why}", row + 1, ind.name))
                }
            },
            Data::Int(v) => match check_indicator_value(v as f64, ind) {
                Ok(()) => push(ActualField::Value, Value::Num(v as f64)),
                Err(why) => {
                    preview
                        .problems
                        .push(format!("“{file}”第{}行“{}”：{why}", row + 1, ind.name))
                }
            },
            other => match parse_indicator_value(&cell_text(&other), ind) {
                Ok(Some(v)) => push(ActualField::Value, Value::Num(v)),
                Ok(None) => {}
                Err(why) => preview.problems.push(format!(
                    "“{file}”第{}行“{}”的{year}年实际值：{why}",
                    row + 1,
                    ind.name
                )),
            },
        }
        if ind.computed_from_counts() {
            for (col, field, label) in [
                (COL_NUM, ActualField::Numerator, "分子"),
                (COL_DEN, ActualField::Denominator, "分母"),
            ] {
                let text = cell_text(&get(col));
                match parse_plain_number(&text) {
                    Ok(Some(v)) if v >= 0.0 => push(field, Value::Num(v)),
                    Ok(None) => {}
                    Ok(Some(_)) | Err(_) => preview.problems.push(format!(
                        "“{file}”第{}行“{}”的{label}「{text}」不是有效的计数",
                        row + 1,
                        ind.name
                    )),
                }
            }
        }
        for (col, field) in [
            (COL_NOTE, ActualField::Note),
            (COL_SOURCE, ActualField::Source),
        ] {
            let text = cell_text(&get(col));
            // The table shows the indicator's usual source where the year has none of its own.
            let prefilled = field == ActualField::Source
                && text == ind.data_source
                && ind.actuals.get(&year).is_none_or(|a| a.source.is_empty());
            if !text.is_empty() && !prefilled {
                push(field, Value::Text(text));
            }
        }
    }
}

fn report(preview: &mut ImportPreview, file: &str, problem: impl std::fmt::Display) {
    preview.problems.push(format!("“{file}”：{problem}"));
}
