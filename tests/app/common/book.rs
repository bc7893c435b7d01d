//! Reading and re-saving workbooks the way a unit edits a fill-in table in Excel.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use eduplan::exchange::fill_in::META_SHEET;
use eduplan::exchange::template::write_template;
use eduplan::storage::PlanFile;

pub fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

pub fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// The row whose column `col` holds `name`.
pub fn find_row(range: &calamine::Range<Data>, col: u32, name: &str) -> u32 {
    let (end, _) = range.end().expect("non-empty sheet");
    (0..=end)
        .find(|r| text(&cell(range, *r, col)) == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

pub fn resave(template: &Path, out: &Path, edit: impl Fn(&mut Vec<Vec<Data>>)) {
    resave_formatted(template, out, |rows| {
        edit(rows);
        Vec::new()
    });
}

/// As `resave`; `edit` returns the cells (row, column) that get a percentage format.
pub fn resave_formatted(
    template: &Path,
    out: &Path,
    edit: impl Fn(&mut Vec<Vec<Data>>) -> Vec<(usize, usize)>,
) {
    let mut book: Xlsx<_> = open_workbook(template).expect("template");
    // The fill-in sheet comes first (填报表 or 学校数据), the hidden identification sheet after.
    let sheet = book.sheet_names()[0].clone();
    let mut rows: Vec<Vec<Data>> = book
        .worksheet_range(&sheet)
        .expect("sheet")
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let meta: Vec<Vec<Data>> = book
        .worksheet_range(META_SHEET)
        .expect("meta")
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let percent_cells = edit(&mut rows);
    let percent = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, grid) in [(sheet.as_str(), &rows), (META_SHEET, &meta)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        for (r, row) in grid.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Data::Float(f)
                        if name == sheet && percent_cells.contains(&(r as usize, c as usize)) =>
                    {
                        ws.write_number_with_format(r, c, *f, &percent).map(|_| ())
                    }
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                    _ => Ok(()),
                }
                .expect("write");
            }
        }
    }
    wb.save(out).expect("save");
}

pub fn row_of(rows: &[Vec<Data>], name: &str) -> usize {
    rows.iter()
        .position(|r| r.get(2).map(text).as_deref() == Some(name))
        .expect("row")
}

pub fn sample_file_and_template(dir: &tempfile::TempDir) -> (PathBuf, PathBuf) {
    let path = super::sample_file(dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let template = dir.path().join("2024年填报表.xlsx");
    write_template(&plan, 2024, None, &template).expect("template");
    (path, template)
}

pub fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// Re-save every sheet of a workbook as a unit would after typing into it; `edit` gets each
/// sheet's name and cells.
pub fn resave_all(template: &Path, out: &Path, edit: impl Fn(&str, &mut Vec<Vec<Data>>)) {
    let mut book: Xlsx<_> = open_workbook(template).expect("template");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let mut rows: Vec<Vec<Data>> = book
            .worksheet_range(&name)
            .expect("sheet")
            .rows()
            .map(|r| r.to_vec())
            .collect();
        edit(&name, &mut rows);
        let ws = wb.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                    _ => Ok(()),
                }
                .expect("write");
            }
        }
    }
    wb.save(out).expect("save");
}
