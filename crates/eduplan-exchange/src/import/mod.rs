//! Reading returned fill-in tables (填报表): first a preview of every change and problem,
//! then all of it in one transaction or nothing.

use std::path::{Path, PathBuf};

use calamine::{Data, Xlsx};

use crate::fill_in::*;
pub use crate::xlsx_read::{MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES};
pub(crate) use crate::xlsx_read::{
    SheetCells, cell_text, column_name, excel_error, read_sheet, sniff, text_input,
};

mod rectifications;
mod tasks;
use rectifications::read_rectification_sheet;
use tasks::read_task_sheet;

use eduplan_domain::edit::{ActualField, Edit, Field, Value};
use eduplan_domain::input::{
    check_counts, check_indicator_value, parse_indicator_value, parse_plain_number,
};
use eduplan_domain::{Indicator, IndicatorId, IndicatorKind, Plan};

/// One value an import would change.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportChange {
    pub file: String,
    /// The indicator a value belongs to (None for a school's figures).
    pub indicator: Option<IndicatorId>,
    pub name: String,
    pub year: i32,
    pub what: &'static str,
    pub old: String,
    pub new: String,
    pub edit: Edit,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPreview {
    pub files: Vec<String>,
    pub changes: Vec<ImportChange>,
    /// The first `MAX_PROBLEMS_LISTED` problems; `problem_count` says how many there were.
    pub problems: Vec<String>,
    pub problem_count: usize,
}

/// A hostile file can hold millions of problems; the officer needs the first few.
pub const MAX_PROBLEMS_LISTED: usize = 200;

impl ImportPreview {
    pub fn can_apply(&self) -> bool {
        self.problem_count == 0 && !self.changes.is_empty()
    }

    pub fn add_problem(&mut self, problem: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS_LISTED {
            self.problems.push(problem);
        }
    }

    /// The listed problems, and a last line for those left out.
    pub fn problems_for_display(&self) -> Vec<String> {
        let mut out = self.problems.clone();
        if self.problem_count > self.problems.len() {
            out.push(format!(
                "……另有{}处问题",
                group_thousands(self.problem_count - self.problems.len())
            ));
        }
        out
    }
    pub fn edits(&self) -> Vec<Edit> {
        self.changes.iter().map(|c| c.edit.clone()).collect()
    }
}

pub fn preview_import(plan: &Plan, files: &[PathBuf], expected_year: Option<i32>) -> ImportPreview {
    preview_with(plan, files, expected_year, &INDICATOR_TABLE, read_returned)
}

/// Read returned tables with `read` (indicator or school tables), each file guarded, then
/// merge: the same cell from two files counts once, different values are a problem.
pub(crate) fn preview_with(
    plan: &Plan,
    files: &[PathBuf],
    expected_year: Option<i32>,
    kind: &TableKind,
    read: RowReader,
) -> ImportPreview {
    let mut preview = ImportPreview::default();
    for f in files {
        preview.files.push(f.display().to_string());
        // The xlsx reader is third-party code fed with files from outside; a bug in it on
        // some malformed file must become a problem in the preview, not a vanished window.
        let mut one = ImportPreview::default();
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                match open_returned(plan, f, kind, expected_year) {
                    Ok((year, sheet)) => read(plan, f, year, &sheet, &mut one),
                    Err(why) => one.add_problem(format!("“{}”：{why}", file_label(f))),
                }
            }));
        match outcome {
            Ok(()) => {
                preview.changes.extend(one.changes);
                let unlisted = one.problem_count - one.problems.len();
                for p in one.problems {
                    preview.add_problem(p);
                }
                preview.problem_count += unlisted;
            }
            Err(_) => preview.add_problem(format!(
                "“{}”：文件内部结构有误，无法读取。请在Excel中打开后另存为.xlsx，再重新导入",
                file_label(f)
            )),
        }
    }
    // The same cell from two files: identical values count once, different ones are a problem.
    let mut kept: Vec<ImportChange> = Vec::new();
    for c in std::mem::take(&mut preview.changes) {
        match kept
            .iter()
            .find(|k| matches!((&k.edit, &c.edit), (Edit::Set(a, _), Edit::Set(b, _)) if a == b))
        {
            Some(k) if same_value(&k.edit, &c.edit) => {}
            Some(k) => preview.add_problem(format!(
                "“{}”{}年{}在“{}”中为{}，在“{}”中为{}，请核实后只保留一个",
                c.name, c.year, c.what, k.file, k.new, c.file, c.new
            )),
            None => kept.push(c),
        }
    }
    for c in &kept {
        if let Err(why) = eduplan_domain::text_limits::check_edit(&c.edit) {
            preview.add_problem(format!(
                "“{}”：“{}”的{}：{why}",
                file_label(Path::new(&c.file)),
                c.name,
                c.what
            ));
        }
    }
    preview.changes = kept;
    preview
}

fn change(
    plan: &Plan,
    file: &str,
    id: IndicatorId,
    year: i32,
    field: ActualField,
    new: Value,
) -> Option<ImportChange> {
    let ind = plan.indicator(id)?;
    let actual = ind.actuals.get(&year).cloned().unwrap_or_default();
    let old = match field {
        ActualField::Value => Value::from_opt_num(actual.value),
        ActualField::Numerator => Value::from_opt_num(actual.numerator),
        ActualField::Denominator => Value::from_opt_num(actual.denominator),
        ActualField::Note => Value::Text(actual.note.clone()),
        ActualField::Source => Value::Text(actual.source.clone()),
        ActualField::Estimate => Value::flag(actual.estimate),
    };
    let same = match (&old, &new) {
        (Value::Num(a), Value::Num(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (a, b) => a == b,
    };
    if same {
        return None;
    }
    Some(ImportChange {
        file: file.to_owned(),
        indicator: Some(id),
        name: ind.name.clone(),
        year,
        what: field.spec().label,
        old: old.display(),
        new: new.display(),
        edit: Edit::Set(Field::Actual(id, year, field), new),
    })
}

fn same_value(a: &Edit, b: &Edit) -> bool {
    match (a, b) {
        (Edit::Set(_, Value::Num(x)), Edit::Set(_, Value::Num(y))) => {
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        (Edit::Set(_, x), Edit::Set(_, y)) => x == y,
        _ => false,
    }
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What tells one kind of fill-in table from another.
pub(crate) struct TableKind {
    /// Columns after the checked header that are read when present (the 预计 column).
    pub optional_cols: u16,
    pub mark: &'static str,
    pub sheet: &'static str,
    pub titles: fn(i32) -> Vec<String>,
}

pub(crate) const INDICATOR_TABLE: TableKind = TableKind {
    optional_cols: 1,
    mark: MARK,
    sheet: SHEET,
    titles: header_titles,
};

/// Reads the rows of a table `open_returned` has opened: plan, file, year, cells.
pub(crate) type RowReader = fn(&Plan, &Path, i32, &SheetCells, &mut ImportPreview);

/// The file's name as problems mention it.
pub(crate) fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

/// Open a returned table of `kind` and check that it belongs to this plan, the expected year
/// and the original layout. Returns its year and cells, or why it cannot be read.
pub(crate) fn open_returned(
    plan: &Plan,
    path: &Path,
    kind: &TableKind,
    expected_year: Option<i32>,
) -> Result<(i32, SheetCells), String> {
    sniff(path)?;
    let mut book: Xlsx<_> = calamine::open_workbook(path).map_err(|_| {
        "无法作为Excel工作簿读取，文件可能已损坏、不完整，或是改了扩展名的其他文件".to_owned()
    })?;
    let foreign = "不是EduPlan生成的填报表（缺少识别信息），请使用“生成填报表”得到的表格填写";
    let meta = read_sheet(&mut book, META_SHEET, 0).map_err(|_| foreign.to_owned())?;
    let meta_cell = |r: u32| cell_text(&meta.get(r, 0));
    if meta_cell(0) != kind.mark {
        return Err(if meta_cell(0).starts_with("eduplan-") {
            "这是另一种填报表（指标填报表与学校数据表不能互换），请选择对应的导入命令".to_owned()
        } else {
            "填报表的识别信息无法识别".to_owned()
        });
    }
    if meta_cell(1) != plan.uid {
        return Err("该填报表属于另一份规划，不能导入到本规划".to_owned());
    }
    let year = eduplan_domain::input::parse_year(&meta_cell(2))
        .ok_or_else(|| "填报表的年份信息无法识别".to_owned())?;
    if let Some(expected) = expected_year
        && expected != year
    {
        return Err(format!(
            "这是{year}年的填报表，而当前导入的是{expected}年的数据；请选择{expected}年的填报表，或把评估年度改为{year}年"
        ));
    }
    if !plan.info.years().contains(&year) && year != plan.info.base_year {
        return Err(format!("填报表的年份{year}年不在规划期内"));
    }
    let titles = (kind.titles)(year);
    let last_col = titles.len() as u16 - 1;
    let sheet = read_sheet(&mut book, kind.sheet, last_col + kind.optional_cols)?;
    if let Some((row, col)) = sheet.outside {
        return Err(format!(
            "第{}行{}列远在填报区域之外却有内容，请删除多余内容后再交回",
            row + 1,
            column_name(col)
        ));
    }
    let written = written_header(&mut book, kind.sheet, titles.len());
    check_header(&sheet, written.as_deref().unwrap_or(&titles))
        .map_err(|why| format!("{why}。列被移动或修改过，请使用原表填写"))?;
    Ok((year, sheet))
}

/// The header a data sheet was written with, as the workbook's hidden sheet records it
/// (None for tables made before the record existed, or one that does not fit the layout).
pub(crate) fn written_header<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    sheet: &str,
    columns: usize,
) -> Option<Vec<String>> {
    let meta = read_sheet(book, META_SHEET, columns as u16).ok()?;
    let key = layout_key(sheet);
    (META_FIRST_LAYOUT_ROW..META_FIRST_LAYOUT_ROW + META_LAYOUT_ROWS)
        .find(|r| cell_text(&meta.get(*r, 0)) == key)
        .map(|r| {
            (0..columns)
                .map(|c| cell_text(&meta.get(r, c as u16 + 1)))
                .collect::<Vec<String>>()
        })
        .filter(|titles| titles.iter().all(|t| !t.is_empty()))
}

/// Every column's header as `expected` says, spaces and line breaks aside.
pub(crate) fn check_header(sheet: &SheetCells, expected: &[String]) -> Result<(), String> {
    for (c, expected) in expected.iter().enumerate() {
        let got = cell_text(&sheet.get(HEADER_ROW, c as u16));
        if got.replace(['\n', ' '], "") != expected.replace(['\n', ' '], "") {
            return Err(format!("表头第{}列应为“{expected}”，实际为“{got}”", c + 1));
        }
    }
    Ok(())
}

/// Read one returned indicator table and add its changes and problems to `preview`.
fn read_returned(
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
    let file_label = path.display().to_string();
    for row in HEADER_ROW + 1..=sheet.last_row {
        let get = |c: u16| sheet.get(row, c);
        let id_text = cell_text(&get(COL_ID));
        let name = cell_text(&get(COL_NAME));
        let input_empty = [COL_VALUE, COL_NUM, COL_DEN, COL_NOTE, COL_SOURCE]
            .iter()
            .all(|c| cell_text(&get(*c)).is_empty());
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
                format!(
                    "第{}行（“{name}”）的编号无法识别，该指标可能已被删除或该行不是原表中的行",
                    row + 1
                ),
            );
            continue;
        };
        // The hidden id and the visible name must agree: a sort of the visible columns
        // alone would otherwise put values on the wrong indicator.
        if name != ind.name {
            report(
                preview,
                format!(
                    "第{}行显示的指标是“{name}”，但该行的隐藏编号属于“{}”。表格可能只对部分列排序过，请使用原表重新填写",
                    row + 1,
                    ind.name
                ),
            );
            continue;
        }
        let at = |what: &str| format!("第{}行“{}”的{what}", row + 1, ind.name);
        let mut row_changes: Vec<ImportChange> = Vec::new();
        let mut row_problems: Vec<String> = Vec::new();
        // A formula's error ("#DIV/0!") is neither a value nor a note: say so, keep nothing.
        let errors: Vec<String> = [
            (COL_VALUE, "实际值"),
            (COL_NUM, "分子"),
            (COL_DEN, "分母"),
            (COL_NOTE, "说明"),
            (COL_SOURCE, "数据来源"),
        ]
        .iter()
        .filter_map(|(c, label)| {
            excel_error(&get(*c)).map(|e| {
                format!(
                    "{}是错误值“{e}”（公式出错），请改为数值或文字，或者留空",
                    at(label)
                )
            })
        })
        .collect();
        if !errors.is_empty() {
            for p in errors {
                report(preview, p);
            }
            continue;
        }
        let mut push = |field: ActualField, v: Value| {
            if let Some(c) = change(plan, &file_label, ind.id, year, field, v) {
                row_changes.push(c);
            }
        };
        let value = match read_value(&get(COL_VALUE), sheet.is_percent(row, COL_VALUE), ind) {
            Ok(v) => v,
            Err(why) => {
                row_problems.push(format!("{}：{why}", at(&format!("{year}年实际值"))));
                None
            }
        };
        if let Some(v) = value {
            push(ActualField::Value, Value::Num(v));
        }
        if ind.computed_from_counts() {
            let mut counts = [None, None];
            for (slot, (col, field, label)) in [
                (COL_NUM, ActualField::Numerator, "分子"),
                (COL_DEN, ActualField::Denominator, "分母"),
            ]
            .into_iter()
            .enumerate()
            {
                let text = cell_text(&get(col));
                match parse_plain_number(&text) {
                    Ok(Some(v)) => {
                        counts[slot] = Some(v);
                        push(field, Value::Num(v));
                    }
                    Ok(None) => {}
                    Err(_) => row_problems.push(format!("{}「{text}」不是数字", at(label))),
                }
            }
            match counts {
                [Some(n), Some(d)] => {
                    if let Some(problem) = check_counts(n, d, value, ind) {
                        row_problems.push(format!("{}：{problem}", at("分子分母")));
                    } else if value.is_none() && cell_text(&get(COL_VALUE)).is_empty() {
                        // The value follows from the counts; the old one must not stay.
                        let rate = n / d * 100.0; // check_counts: d > 0
                        push(ActualField::Value, Value::Num(rate));
                    }
                }
                [Some(_), None] | [None, Some(_)] => row_problems.push(format!(
                    "{}只填了一个，请同时填写分子和分母",
                    at("分子分母")
                )),
                [None, None] => {}
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
        // 预计: only tables that have the column say anything about it. A changed figure
        // clears the mark in storage, so a figure marked 预计 is marked again with it.
        if cell_text(&sheet.get(HEADER_ROW, COL_ESTIMATE)) == ESTIMATE_TITLE {
            let marked = is_estimate_mark(&cell_text(&get(COL_ESTIMATE)));
            let figure_changed = row_changes.iter().any(|c| {
                matches!(
                    c.edit,
                    Edit::Set(
                        Field::Actual(
                            _,
                            _,
                            ActualField::Value | ActualField::Numerator | ActualField::Denominator
                        ),
                        _
                    )
                )
            });
            let had_figure = value.is_some() || ind.actual_value(year).is_some();
            if marked && figure_changed {
                let was = ind.actuals.get(&year).is_some_and(|a| a.estimate);
                row_changes.push(ImportChange {
                    file: file_label.clone(),
                    indicator: Some(ind.id),
                    name: ind.name.clone(),
                    year,
                    what: ActualField::Estimate.spec().label,
                    old: if was { "是" } else { "否" }.to_owned(),
                    new: "是".to_owned(),
                    edit: Edit::Set(
                        Field::Actual(ind.id, year, ActualField::Estimate),
                        Value::flag(true),
                    ),
                });
            } else if had_figure
                && !figure_changed
                && let Some(c) = change(
                    plan,
                    &file_label,
                    ind.id,
                    year,
                    ActualField::Estimate,
                    Value::flag(marked),
                )
            {
                row_changes.push(c);
            }
        }
        for p in row_problems {
            report(preview, p);
        }
        preview.changes.extend(row_changes);
    }
    read_task_sheet(plan, path, year, preview);
    read_rectification_sheet(plan, path, year, preview);
}

/// A value cell as Excel or WPS stores it. A %-formatted cell holds a fraction (95.5% is
/// 0.955); a bare number ≤ 1.5 for a rate is most likely a percentage typed without its
/// number, and is refused rather than guessed.
fn read_value(cell: &Data, percent_format: bool, ind: &Indicator) -> Result<Option<f64>, String> {
    let number = match cell {
        Data::Empty => return Ok(None),
        Data::Float(v) => Some(*v),
        Data::Int(v) => Some(*v as f64),
        _ => None,
    };
    let Some(raw) = number else {
        return parse_indicator_value(&cell_text(cell), ind).map_err(String::from);
    };
    let value = if percent_format && ind.is_percent() {
        raw * 100.0
    } else if percent_format && ind.kind != IndicatorKind::YesNo {
        return Err(format!(
            "单元格设成了百分比格式，但该指标的单位是“{}”，请改为常规格式后重新填写",
            ind.unit
        ));
    } else {
        raw
    };
    if ind.is_percent() && !percent_format && raw.abs() <= 1.5 && raw != 0.0 {
        return Err(format!(
            "填写的是{}，而该指标是百分比（如95.5%应填95.5）。是否漏填了百分号之前的数字？",
            eduplan_domain::input::format_number(raw, 4)
        ));
    }
    if ind.kind == IndicatorKind::YesNo {
        return parse_indicator_value(&cell_text(cell), ind).map_err(String::from);
    }
    // Undo binary noise from the percentage conversion (0.955 × 100 = 95.49999…).
    let value = (value * 1e9).round() / 1e9;
    check_indicator_value(value, ind)?;
    Ok(Some(value))
}
