//! Reading returned fill-in tables (填报表): first a preview of every change and problem,
//! then all of it in one transaction or nothing.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use calamine::{Data, Xlsx};

use crate::fill_in::*;

use std::collections::HashMap;

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
        what: eduplan_domain::edit::actual_field_label(field),
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

/// Bounds on what a returned table may make us read. A fill-in table is a few hundred KB
/// with at most a few thousand rows; anything far larger is refused before it is unpacked.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_UNPACKED_BYTES: u64 = 20 * 1024 * 1024;
const MAX_ZIP_ENTRIES: usize = 500;
pub const MAX_ROWS: u32 = 5_000;

pub(crate) fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) => eduplan_domain::input::format_number(*f, 6),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// Check the bytes before handing them to the xlsx reader, to say what the file really is,
/// and refuse archives that would unpack to far more than a fill-in table can hold.
pub(crate) fn sniff(path: &Path) -> Result<(), String> {
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "找不到文件".to_owned(),
        _ => "无法读取文件，请检查文件是否被其他程序占用".to_owned(),
    })?;
    let n = f.read(&mut head).map_err(|_| "无法读取文件".to_owned())?;
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
    let too_big = || "文件远大于一张填报表（可能不是填报表，或已损坏），未读取".to_owned();
    if f.metadata().map(|m| m.len()).unwrap_or(0) > MAX_FILE_BYTES {
        return Err(too_big());
    }
    f.rewind().map_err(|_| "无法读取文件".to_owned())?;
    let mut zip = zip::ZipArchive::new(f).map_err(|_| {
        "无法作为Excel工作簿读取，文件可能已损坏、不完整，或是改了扩展名的其他文件".to_owned()
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_big());
    }
    // Declared sizes can lie: unpack each member through a bounded reader and count.
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let mut member = zip
            .by_index(i)
            .map_err(|_| "工作簿内部结构损坏，无法读取".to_owned())?;
        if member.size() > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
        let budget = MAX_UNPACKED_BYTES - unpacked;
        let read = std::io::copy(&mut (&mut member).take(budget + 1), &mut std::io::sink())
            .map_err(|_| "工作簿内部结构损坏，无法读取".to_owned())?;
        unpacked += read;
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

/// One sheet's cells, read as a stream so that a cell far out (XFD1048576) costs nothing.
pub(crate) struct SheetCells {
    cells: HashMap<(u32, u16), (Data, bool)>,
    pub(crate) last_row: u32,
    /// A non-empty cell below `MAX_ROWS`: (row, column) of the first one.
    outside: Option<(u32, u32)>,
}

impl SheetCells {
    pub(crate) fn get(&self, row: u32, col: u16) -> Data {
        self.cells
            .get(&(row, col))
            .map_or(Data::Empty, |(d, _)| d.clone())
    }
    /// The cell carries a percentage number format (Excel stores 95.5% as 0.955).
    fn is_percent(&self, row: u32, col: u16) -> bool {
        self.cells.get(&(row, col)).is_some_and(|(_, p)| *p)
    }
}

pub(crate) fn read_sheet<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    last_col: u16,
) -> Result<SheetCells, String> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|_| format!("找不到名为“{name}”的工作表"))?;
    let percent_styles: Vec<bool> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
        })
        .collect();
    let mut sheet = SheetCells {
        cells: HashMap::new(),
        last_row: 0,
        outside: None,
    };
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|_| format!("工作表“{name}”的内容无法读取，文件可能已损坏"))?
    {
        let (row, col) = cell.get_position();
        let data: Data = cell.get_value().clone().into();
        let empty = matches!(&data, Data::Empty) || cell_text(&data).is_empty();
        if empty {
            continue;
        }
        if row >= MAX_ROWS {
            sheet.outside.get_or_insert((row, col));
            continue;
        }
        let Ok(col) = u16::try_from(col) else {
            continue;
        };
        if col > last_col {
            continue; // outside the table's columns: not part of the form
        }
        sheet.last_row = sheet.last_row.max(row);
        let percent = percent_styles.get(style).copied().unwrap_or(false);
        sheet.cells.insert((row, col), (data, percent));
    }
    Ok(sheet)
}

/// Column letters as Excel shows them (0 → A, 16383 → XFD).
fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
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
    for (c, expected) in titles.iter().enumerate() {
        let got = cell_text(&sheet.get(HEADER_ROW, c as u16));
        if got.replace(['\n', ' '], "") != expected.replace(['\n', ' '], "") {
            return Err(format!(
                "表头第{}列应为“{expected}”，实际为“{got}”。列被移动或修改过，请使用原表填写",
                c + 1
            ));
        }
    }
    Ok((year, sheet))
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
                    what: eduplan_domain::edit::actual_field_label(ActualField::Estimate),
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

/// The 整改 sheet of the same workbook, when it has one: a dated 整改进展 entry per item,
/// checked like the indicators (hidden id against the problem shown).
fn read_rectification_sheet(plan: &Plan, path: &Path, year: i32, preview: &mut ImportPreview) {
    let file = file_label(path);
    let Ok(mut book) = calamine::open_workbook::<Xlsx<_>, _>(path) else {
        return;
    };
    if !calamine::Reader::sheet_names(&book)
        .iter()
        .any(|n| n == RECTIFICATION_SHEET)
    {
        return;
    }
    let titles = rectification_header_titles();
    let sheet = match read_sheet(&mut book, RECTIFICATION_SHEET, titles.len() as u16 - 1) {
        Ok(s) => s,
        Err(why) => {
            preview.add_problem(format!("“{file}”：{why}"));
            return;
        }
    };
    for (c, expected) in titles.iter().enumerate() {
        let got = cell_text(&sheet.get(HEADER_ROW, c as u16));
        if got.replace(['\n', ' '], "") != expected.replace(['\n', ' '], "") {
            preview.add_problem(format!(
                "“{file}”：整改填报表表头第{}列应为“{expected}”，实际为“{got}”，请使用原表填写",
                c + 1
            ));
            return;
        }
    }
    for row in HEADER_ROW + 1..=sheet.last_row {
        let id_text = cell_text(&sheet.get(row, COL_ID));
        let problem = cell_text(&sheet.get(row, RECTIFICATION_COL_PROBLEM));
        if id_text.is_empty() && problem.is_empty() {
            continue;
        }
        let Some(item) = id_text
            .strip_prefix(&format!("{}:rect:", plan.uid))
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| {
                plan.rectifications
                    .iter()
                    .find(|r| r.id == eduplan_domain::RectificationId(id))
            })
        else {
            preview.add_problem(format!(
                "“{file}”：整改填报表第{}行（“{problem}”）的编号无法识别，该问题可能已被删除",
                row + 1
            ));
            continue;
        };
        if problem != item.problem {
            preview.add_problem(format!(
                "“{file}”：整改填报表第{}行显示的是“{problem}”，但隐藏编号属于“{}”，表格可能被排序过",
                row + 1,
                item.problem
            ));
            continue;
        }
        let text = cell_text(&sheet.get(row, RECTIFICATION_COL_PROGRESS));
        let date = crate::problem_list::date_of(&sheet.get(row, RECTIFICATION_COL_DATE));
        let date = match (date, text.is_empty()) {
            (Ok(None), true) => continue,
            (Ok(Some(_)), true) => {
                preview.add_problem(format!(
                    "“{file}”：整改填报表第{}行填了进展日期，但没有填本次整改进展",
                    row + 1
                ));
                continue;
            }
            (Ok(None), false) => {
                preview.add_problem(format!(
                    "“{file}”：整改填报表第{}行缺少进展日期，请写作2024-06-30",
                    row + 1
                ));
                continue;
            }
            (Err(bad), _) => {
                preview.add_problem(format!(
                    "“{file}”：整改填报表第{}行的进展日期“{bad}”无法识别，请写作2024-06-30",
                    row + 1
                ));
                continue;
            }
            (Ok(Some(d)), false) => d,
        };
        let old = item
            .progress
            .iter()
            .find(|p| p.date == date)
            .map(|p| p.text.clone())
            .unwrap_or_default();
        if old == text {
            continue;
        }
        preview.changes.push(ImportChange {
            file: path.display().to_string(),
            indicator: None,
            name: item.problem.clone(),
            year,
            what: "整改进展",
            old: if old.is_empty() {
                "（空）".into()
            } else {
                old
            },
            new: format!("{date} {text}"),
            edit: Edit::Set(
                Field::RectificationProgress(item.id, date),
                Value::text(text),
            ),
        });
    }
}

/// The tasks sheet of the same workbook, when it has one: progress for the year, completion
/// date and status of each task, checked like the indicators (hidden id against the title).
fn read_task_sheet(plan: &Plan, path: &Path, year: i32, preview: &mut ImportPreview) {
    use eduplan_domain::edit::TaskField;
    let file = file_label(path);
    let Ok(mut book) = calamine::open_workbook::<Xlsx<_>, _>(path) else {
        return;
    };
    if !calamine::Reader::sheet_names(&book)
        .iter()
        .any(|n| n == TASK_SHEET)
    {
        return;
    }
    // A quarterly table (row 4 of the hidden sheet, checked like the rest of its header).
    let quarter = read_sheet(&mut book, META_SHEET, 0)
        .ok()
        .map(|meta| cell_text(&meta.get(META_ROW_QUARTER, 0)))
        .filter(|q| !q.is_empty());
    let quarter = match quarter {
        None => None,
        Some(q) => match q
            .parse()
            .ok()
            .and_then(|q| eduplan_domain::Quarter::new(year, q))
        {
            Some(q) => Some(q),
            None => {
                preview.add_problem(format!("“{file}”：任务填报表的季度信息“{q}”无法识别"));
                return;
            }
        },
    };
    let titles = task_header_titles(year, quarter);
    let sheet = match read_sheet(&mut book, TASK_SHEET, titles.len() as u16 - 1) {
        Ok(s) => s,
        Err(why) => {
            preview.add_problem(format!("“{file}”：{why}"));
            return;
        }
    };
    for (c, expected) in titles.iter().enumerate() {
        let got = cell_text(&sheet.get(HEADER_ROW, c as u16));
        if got.replace(['\n', ' '], "") != expected.replace(['\n', ' '], "") {
            preview.add_problem(format!(
                "“{file}”：任务填报表表头第{}列应为“{expected}”，实际为“{got}”，请使用原表填写",
                c + 1
            ));
            return;
        }
    }
    for row in HEADER_ROW + 1..=sheet.last_row {
        let id_text = cell_text(&sheet.get(row, COL_ID));
        let title = cell_text(&sheet.get(row, TASK_COL_TITLE));
        if id_text.is_empty() && title.is_empty() {
            continue;
        }
        let Some(task) = id_text
            .strip_prefix(&format!("{}:task:", plan.uid))
            .and_then(|id| id.parse::<i64>().ok())
            .and_then(|id| plan.task(eduplan_domain::TaskId(id)))
        else {
            preview.add_problem(format!(
                "“{file}”：任务填报表第{}行（“{title}”）的编号无法识别，该任务可能已被删除",
                row + 1
            ));
            continue;
        };
        if title != task.title {
            preview.add_problem(format!(
                "“{file}”：任务填报表第{}行显示的是“{title}”，但隐藏编号属于“{}”，表格可能被排序过",
                row + 1,
                task.title
            ));
            continue;
        }
        let mut changes: Vec<ImportChange> = Vec::new();
        let mut push =
            |what: &'static str, field: Field, old: String, new: String, value: Value| {
                if old != new {
                    changes.push(ImportChange {
                        file: path.display().to_string(),
                        indicator: None,
                        name: task.title.clone(),
                        year,
                        what,
                        old: if old.is_empty() {
                            "（空）".into()
                        } else {
                            old
                        },
                        new,
                        edit: Edit::Set(field, value),
                    });
                }
            };
        let progress = cell_text(&sheet.get(row, TASK_COL_PROGRESS));
        if !progress.is_empty() {
            let (what, field, old) = match quarter {
                Some(q) => (
                    q.progress_label(),
                    Field::TaskQuarter(task.id, q),
                    task.quarterly.get(&q),
                ),
                None => (
                    "进展",
                    Field::TaskProgress(task.id, year),
                    task.progress.get(&year),
                ),
            };
            let old = old.cloned().unwrap_or_default();
            push(what, field, old, progress.clone(), Value::text(progress));
        }
        match crate::problem_list::date_of(&sheet.get(row, TASK_COL_DONE)) {
            Ok(Some(d)) => {
                let old = task
                    .completed_date
                    .map_or_else(String::new, |d| d.to_string());
                push(
                    "完成日期",
                    Field::Task(task.id, TaskField::CompletedDate),
                    old,
                    d.to_string(),
                    Value::text(d.to_string()),
                );
            }
            Ok(None) => {}
            Err(text) => preview.add_problem(format!(
                "“{file}”：任务填报表第{}行“{}”的完成日期“{text}”无法识别，请写作2024-06-30",
                row + 1,
                task.title
            )),
        }
        let status_text = cell_text(&sheet.get(row, TASK_COL_STATUS));
        if !status_text.is_empty() {
            match eduplan_domain::TaskStatus::from_label(&status_text) {
                Some(s) => push(
                    "完成状态",
                    Field::Task(task.id, TaskField::Status),
                    task.status.label().to_owned(),
                    s.label().to_owned(),
                    Value::code(s),
                ),
                None => preview.add_problem(format!(
                    "“{file}”：任务填报表第{}行“{}”的完成状态“{status_text}”应为未启动、推进中、已完成或滞后",
                    row + 1,
                    task.title
                )),
            }
        }
        preview.changes.extend(changes);
    }
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
