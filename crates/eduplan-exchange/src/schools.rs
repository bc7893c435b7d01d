//! The school-data table for 义务教育优质均衡: written for one year with every school of the
//! plan (and empty rows for schools to add), read back with the same checks as the indicator
//! tables: the plan and year it belongs to, the layout, each row's id against its visible name,
//! numbers that make sense, and the schools' figures as the calculation needs them.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Workbook, XlsxError};

use crate::fill_in::*;
use crate::import::{
    ImportChange, ImportPreview, SheetCells, TableKind, cell_text, file_label, preview_with,
};
use crate::xlsx_style as style;
use crate::{ExchangeError, write_atomically};
use eduplan_domain::balance::{School, SchoolFigures, SchoolType, check_schools};
use eduplan_domain::edit::{Edit, Field, SchoolField, SchoolYearField, Value};
use eduplan_domain::input::{format_number, parse_plain_number};
use eduplan_domain::{Plan, SchoolId};

const TABLE: TableKind = TableKind {
    optional_cols: 0,
    mark: SCHOOL_MARK,
    sheet: SCHOOL_SHEET,
    titles: school_header_titles,
};

/// Rows left empty for schools that are not in the plan yet.
const EMPTY_ROWS: usize = 20;

/// Write the school-data table for `year`. Returns how many schools it lists.
pub fn write_school_template(plan: &Plan, year: i32, path: &Path) -> Result<usize, ExchangeError> {
    let bytes = build(plan, year).map_err(ExchangeError::Build)?;
    write_atomically(path, &bytes)?;
    Ok(plan.schools.len())
}

fn build(plan: &Plan, year: i32) -> Result<Vec<u8>, XlsxError> {
    let plan =
        &*eduplan_domain::text_limits::clipped(plan, eduplan_domain::text_limits::MAX_OUTPUT_CHARS);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SCHOOL_SHEET)?;
    let titles = school_header_titles(year);
    let last_col = titles.len() as u16 - 1;
    let mut widths = vec![4.0, 5.0, 30.0, 14.0];
    widths.extend(SchoolYearField::ALL.iter().map(|_| 12.0));
    widths.push(20.0);
    style::preamble(
        ws,
        &style::Preamble {
            title: &format!("{}　{year}年义务教育学校资源配置数据填报表", plan.info.name),
            line: "请只在黄色单元格中填写：每校一行，学段不设的在校生数填0；面积填平方米、设备值填元；没有的填0，不要留空。新学校写在下面的空行中。",
            line_right: None,
            line_from: 1,
            line_wraps: false,
            titles: &titles,
            widths: &widths,
            header_row: HEADER_ROW,
            header_height: 45.0,
        },
    )?;
    ws.set_column_hidden(0)?;
    let input =
        |f: rust_xlsxwriter::Format| f.set_unlocked().set_background_color(Color::RGB(0xFFF2CC));
    let labels: Vec<&str> = SchoolType::ALL.iter().map(|t| t.label()).collect();
    let type_list = DataValidation::new().allow_list_strings(&labels)?;
    let numbers = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_message("请填写不小于0的数字（不要带单位）")?;
    let schools = plan.schools_in_order();
    let rows = schools.len() + EMPTY_ROWS;
    for i in 0..rows {
        let row = HEADER_ROW + 1 + i as u32;
        let school = schools.get(i);
        let id = school.map_or_else(String::new, |s| school_row_id(plan, s.id));
        ws.write_string_with_format(row, 0, &id, &style::text())?;
        ws.write_number_with_format(
            row,
            1,
            (i + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        let name_format = if school.is_some() {
            style::text()
        } else {
            input(style::text())
        };
        ws.write_string_with_format(
            row,
            SCHOOL_COL_NAME,
            school.map_or("", |s| s.name.as_str()),
            &name_format,
        )?;
        ws.write_string_with_format(
            row,
            SCHOOL_COL_TYPE,
            school.map_or("", |s| s.school_type.label()),
            &input(style::centered()),
        )?;
        let figures = school.and_then(|s| s.years.get(&year));
        for (k, field) in SchoolYearField::ALL.iter().enumerate() {
            let col = SCHOOL_COL_FIRST_FIGURE + k as u16;
            match figures.and_then(|f| f.slot(*field)) {
                Some(v) => ws.write_number_with_format(row, col, v, &input(style::number(2)))?,
                None => ws.write_blank(row, col, &input(style::number(2)))?,
            };
        }
        ws.write_string_with_format(
            row,
            SCHOOL_COL_REMARK,
            school.map_or("", |s| s.remark.as_str()),
            &input(style::text()),
        )?;
    }
    let first = HEADER_ROW + 1;
    let last = HEADER_ROW + rows as u32;
    ws.add_data_validation(first, SCHOOL_COL_TYPE, last, SCHOOL_COL_TYPE, &type_list)?;
    ws.add_data_validation(
        first,
        SCHOOL_COL_FIRST_FIGURE,
        last,
        SCHOOL_COL_REMARK - 1,
        &numbers,
    )?;
    crate::xlsx_export::signature_line(ws, last + 2, 1, last_col)?;
    style::page_setup(ws, HEADER_ROW, &plan.info.name)?;
    ws.protect();

    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    for (r, v) in [SCHOOL_MARK, plan.uid.as_str(), &year.to_string()]
        .iter()
        .enumerate()
    {
        meta.write_string(r as u32, 0, *v)?;
    }
    write_layout(meta, 0, SCHOOL_SHEET, &titles)?;
    meta.set_hidden(true);
    meta.protect();
    wb.save_to_buffer()
}

/// Read returned school tables: every change and problem, before anything is written.
pub fn preview_school_import(
    plan: &Plan,
    files: &[PathBuf],
    expected_year: Option<i32>,
) -> ImportPreview {
    let mut preview = preview_with(plan, files, expected_year, &TABLE, read_school_table);
    // The figures the calculation will see after the import must make sense as a whole.
    if preview.problem_count == 0
        && let Some(year) = preview.changes.first().map(|c| c.year)
    {
        let after = plan_after(plan, &preview);
        if let Err(problems) = check_schools(
            &eduplan_domain::balance::schools_for_year(&after, year),
            &plan.info.balance,
        ) {
            for p in problems {
                preview.add_problem(p.to_string());
            }
        }
    }
    preview
}

/// The plan's schools as they would be after the preview's changes (for the final check).
fn plan_after(plan: &Plan, preview: &ImportPreview) -> Plan {
    let mut after = plan.clone();
    for change in &preview.changes {
        match &change.edit {
            Edit::Set(Field::SchoolYear(id, year, field), value) => {
                if let Some(s) = after.schools.iter_mut().find(|s| s.id == *id) {
                    *s.years.entry(*year).or_default().slot_mut(*field) = value.as_num();
                }
            }
            Edit::Set(Field::School(id, SchoolField::Type), Value::Text(code)) => {
                if let (Some(s), Some(t)) = (
                    after.schools.iter_mut().find(|s| s.id == *id),
                    SchoolType::from_code(code),
                ) {
                    s.school_type = t;
                }
            }
            Edit::AddSchool(school) => after.schools.push(school.clone()),
            _ => {}
        }
    }
    after
}

fn read_school_table(
    plan: &Plan,
    path: &Path,
    year: i32,
    sheet: &SheetCells,
    preview: &mut ImportPreview,
) {
    let file = file_label(path);
    let report = |preview: &mut ImportPreview, problem: String| {
        preview.add_problem(format!("“{file}”：{problem}"));
    };
    let file_path = path.display().to_string();
    let mut new_names: Vec<String> = Vec::new();
    for row in HEADER_ROW + 1..=sheet.last_row {
        let text = |c: u16| cell_text(&sheet.get(row, c));
        let id_text = text(0);
        let name = text(SCHOOL_COL_NAME);
        let type_text = text(SCHOOL_COL_TYPE);
        let figure_texts: Vec<String> = (0..SchoolYearField::ALL.len())
            .map(|k| text(SCHOOL_COL_FIRST_FIGURE + k as u16))
            .collect();
        let remark = text(SCHOOL_COL_REMARK);
        if id_text.is_empty()
            && name.is_empty()
            && type_text.is_empty()
            && figure_texts.iter().all(String::is_empty)
            && remark.is_empty()
        {
            continue; // an empty row
        }
        let at = format!("第{}行（“{name}”）", row + 1);
        let existing = if id_text.is_empty() {
            None
        } else {
            let school = id_text
                .strip_prefix(&format!("{}:school:", plan.uid))
                .and_then(|id| id.parse::<i64>().ok())
                .and_then(|id| plan.school(SchoolId(id)));
            match school {
                Some(s) if s.name == name => Some(s),
                Some(s) => {
                    report(
                        preview,
                        format!(
                            "{at}的隐藏编号属于“{}”。表格可能只对部分列排序过，或改了校名；请使用原表填写，改名请在程序中进行",
                            s.name
                        ),
                    );
                    continue;
                }
                None => {
                    report(
                        preview,
                        format!("{at}的编号无法识别，该学校可能已被删除或该行不是原表中的行"),
                    );
                    continue;
                }
            }
        };
        if existing.is_none() {
            if name.is_empty() {
                report(preview, format!("{at}填了数据却没有校名，请补填校名"));
                continue;
            }
            if plan.schools.iter().any(|s| s.name == name) || new_names.contains(&name) {
                report(preview, format!("{at}与已有学校重名，请核对是否重复填写"));
                continue;
            }
        }
        let Some(school_type) =
            SchoolType::from_label(&type_text).or_else(|| SchoolType::from_code(&type_text))
        else {
            let kinds: Vec<&str> = SchoolType::ALL.iter().map(|t| t.label()).collect();
            report(
                preview,
                format!(
                    "{at}的学校类型“{type_text}”无法识别，应为{}之一",
                    kinds.join("、")
                ),
            );
            continue;
        };
        let mut figures = SchoolFigures::default();
        let mut row_ok = true;
        for (k, field) in SchoolYearField::ALL.iter().enumerate() {
            let pupils = k < 3;
            match parse_plain_number(&figure_texts[k]) {
                Ok(Some(v)) if v < 0.0 => {
                    report(
                        preview,
                        format!("{at}的“{}”不能为负数", school_column_title(*field)),
                    );
                    row_ok = false;
                }
                Ok(Some(v)) if pupils && v.fract() != 0.0 => {
                    report(
                        preview,
                        format!("{at}的“{}”应为整数", school_column_title(*field)),
                    );
                    row_ok = false;
                }
                Ok(v) => *figures.slot_mut(*field) = v,
                Err(e) => {
                    report(
                        preview,
                        format!("{at}的“{}”：{e}", school_column_title(*field)),
                    );
                    row_ok = false;
                }
            }
        }
        if !row_ok {
            continue;
        }
        match existing {
            Some(school) => {
                let old = school.years.get(&year).cloned().unwrap_or_default();
                let mut push = |edit: Edit, what: &'static str, old: String, new: String| {
                    preview.changes.push(ImportChange {
                        file: file_path.clone(),
                        indicator: None,
                        name: school.name.clone(),
                        year,
                        what,
                        old,
                        new,
                        edit,
                    });
                };
                if school_type != school.school_type {
                    push(
                        Edit::Set(
                            Field::School(school.id, SchoolField::Type),
                            Value::code(school_type),
                        ),
                        "学校类型",
                        school.school_type.label().to_owned(),
                        school_type.label().to_owned(),
                    );
                }
                for field in SchoolYearField::ALL {
                    let (before, after) = (old.slot(*field), figures.slot(*field));
                    let same = match (before, after) {
                        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                        (a, b) => a == b,
                    };
                    if !same {
                        let shown = |v: Option<f64>| {
                            v.map_or_else(|| "（空）".to_owned(), |v| format_number(v, 2))
                        };
                        push(
                            Edit::Set(
                                Field::SchoolYear(school.id, year, *field),
                                Value::from_opt_num(after),
                            ),
                            field.spec().label,
                            shown(before),
                            shown(after),
                        );
                    }
                }
                if !remark.is_empty() && remark != school.remark {
                    push(
                        Edit::Set(
                            Field::School(school.id, SchoolField::Remark),
                            Value::Text(remark.clone()),
                        ),
                        "备注",
                        school.remark.clone(),
                        remark.clone(),
                    );
                }
            }
            None => {
                let mut school = School::new(SchoolId(0), &name);
                school.school_type = school_type;
                school.remark = remark.clone();
                school.years.insert(year, figures);
                new_names.push(name.clone());
                preview.changes.push(ImportChange {
                    file: file_path.clone(),
                    indicator: None,
                    name: name.clone(),
                    year,
                    what: "新增学校",
                    old: "（无）".to_owned(),
                    new: school_type.label().to_owned(),
                    edit: Edit::AddSchool(school),
                });
            }
        }
    }
}
