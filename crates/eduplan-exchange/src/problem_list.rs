//! Problem lists as they arrive from 督导, 审计 or 巡察: a workbook whose columns are found by
//! their header names (问题描述, 整改措施, 责任单位, 整改时限 …), read into 整改 items with a
//! preview first; all items are written in one step or none.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use eduplan_domain::commitments::{RectificationSource, deadline_from_wording};
use eduplan_domain::edit::Edit;
use eduplan_domain::{Date, Plan, Rectification, RectificationId};

use crate::import::MAX_PROBLEMS_LISTED;
use crate::xlsx_read::{MAX_ROWS, cell_text, read_sheet, sniff};

/// The columns a problem list may have, each with the header words that name it.
const COLUMNS: &[(Column, &[&str])] = &[
    (
        Column::Problem,
        &["问题描述", "存在问题", "问题清单", "反馈问题", "问题"],
    ),
    (Column::Measures, &["整改措施", "整改举措", "措施"]),
    (
        Column::Unit,
        &["责任单位", "牵头单位", "责任部门", "整改单位"],
    ),
    (Column::Person, &["责任人"]),
    (Column::Due, &["整改时限", "完成时限", "时限", "整改期限"]),
    (Column::Source, &["问题来源", "来源"]),
    (Column::Batch, &["批次", "反馈批次"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Problem,
    Measures,
    Unit,
    Person,
    Due,
    Source,
    Batch,
}

/// What an import of a problem list would add, and why it cannot.
#[derive(Clone, Debug, Default)]
pub struct ProblemListPreview {
    pub file: String,
    pub items: Vec<Rectification>,
    /// Items already in the ledger (same problem), left out.
    pub already_there: usize,
    pub problems: Vec<String>,
    pub problem_count: usize,
}

impl ProblemListPreview {
    pub fn can_apply(&self) -> bool {
        self.problem_count == 0 && !self.items.is_empty()
    }
    pub fn edits(&self) -> Vec<Edit> {
        self.items
            .iter()
            .cloned()
            .map(Edit::AddRectification)
            .collect()
    }
    fn problem(&mut self, text: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS_LISTED {
            self.problems.push(text);
        }
    }
}

/// Read a problem list; `batch` and `source` apply where the table has no such column.
pub fn preview_problem_list(
    plan: &Plan,
    path: &Path,
    batch: &str,
    source: RectificationSource,
    batch_date: Option<Date>,
) -> ProblemListPreview {
    let mut preview = ProblemListPreview {
        file: path.display().to_string(),
        ..ProblemListPreview::default()
    };
    if let Err(why) = read_into(plan, path, batch, source, batch_date, &mut preview) {
        preview.items.clear();
        preview.problem(why);
    }
    preview
}

fn read_into(
    plan: &Plan,
    path: &Path,
    batch: &str,
    source: RectificationSource,
    batch_date: Option<Date>,
    preview: &mut ProblemListPreview,
) -> Result<(), String> {
    sniff(path)?;
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|_| "无法作为Excel工作簿读取，文件可能已损坏或不是.xlsx".to_owned())?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| "工作簿中没有工作表".to_owned())?;
    let sheet = read_sheet(&mut book, &first, 40)?;
    // The header: the first row (of the first ten) that names the problem column.
    // A title row may mention 问题 too; the header names at least two columns.
    let headers_in = |r: u32| -> Vec<Column> {
        (0..40)
            .filter_map(|c| header_of(&cell_text(&sheet.get(r, c))))
            .collect()
    };
    let header_row = (0..10.min(sheet.last_row + 1))
        .find(|r| {
            let found = headers_in(*r);
            found.contains(&Column::Problem) && found.len() >= 2
        })
        .ok_or_else(|| {
            "找不到“问题描述”列：请确认表头有“问题描述”（或“存在问题”）、“整改措施”、“责任单位”、“整改时限”等列".to_owned()
        })?;
    let mut columns: Vec<(Column, u16)> = Vec::new();
    for c in 0..40u16 {
        if let Some(col) = header_of(&cell_text(&sheet.get(header_row, c)))
            && !columns.iter().any(|(k, _)| *k == col)
        {
            columns.push((col, c));
        }
    }
    let at = |row: u32, col: Column| -> Data {
        columns
            .iter()
            .find(|(k, _)| *k == col)
            .map_or(Data::Empty, |(_, c)| sheet.get(row, *c))
    };
    let existing: Vec<String> = plan
        .rectifications
        .iter()
        .map(|r| norm(&r.problem))
        .collect();
    for row in header_row + 1..=sheet.last_row.min(MAX_ROWS) {
        let problem = cell_text(&at(row, Column::Problem));
        let line = row + 1;
        if problem.is_empty() {
            let rest = [Column::Measures, Column::Unit, Column::Due]
                .iter()
                .any(|c| !cell_text(&at(row, *c)).is_empty());
            if rest {
                preview.problem(format!("第{line}行有整改内容但缺少问题描述"));
            }
            continue;
        }
        let key = norm(&problem);
        if existing.contains(&key) || preview.items.iter().any(|i| norm(&i.problem) == key) {
            preview.already_there += 1;
            continue;
        }
        let mut item = Rectification::new(RectificationId(0), &problem);
        item.measures = cell_text(&at(row, Column::Measures));
        item.unit = cell_text(&at(row, Column::Unit));
        item.person = cell_text(&at(row, Column::Person));
        item.batch = match cell_text(&at(row, Column::Batch)) {
            b if b.is_empty() => batch.to_owned(),
            b => b,
        };
        item.batch_date = batch_date;
        let source_text = cell_text(&at(row, Column::Source));
        item.source = if source_text.is_empty() {
            source
        } else {
            match RectificationSource::ALL
                .iter()
                .find(|s| source_text.contains(s.label()))
            {
                Some(s) => *s,
                None => {
                    preview.problem(format!(
                        "第{line}行问题来源“{source_text}”应为督导、审计、巡察或自查"
                    ));
                    source
                }
            }
        };
        match date_of(&at(row, Column::Due)) {
            Ok(due) => item.due = due,
            Err(text) => preview.problem(format!(
                "第{line}行整改时限“{text}”无法识别，请写作2024-06-30或“2024年6月底”"
            )),
        }
        preview.items.push(item);
    }
    if preview.items.is_empty() && preview.problem_count == 0 && preview.already_there == 0 {
        return Err("表中没有问题（“问题描述”列下是空的）".to_owned());
    }
    Ok(())
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn header_of(text: &str) -> Option<Column> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // A header is a few words; a title or a sentence is not.
    if t.is_empty() || t.chars().count() > 10 {
        return None;
    }
    // The most specific words first: 问题来源 is not 问题描述.
    if t.contains("来源") {
        return Some(Column::Source);
    }
    COLUMNS
        .iter()
        .find(|(_, words)| {
            words
                .iter()
                .any(|w| t == *w || (w.chars().count() > 2 && t.contains(w)))
        })
        .map(|(c, _)| *c)
}

/// A date cell: an Excel date, 2024-06-30, 2024/6/30, 2024年6月30日, or a wording (2024年6月底).
pub(crate) fn date_of(cell: &Data) -> Result<Option<Date>, String> {
    match cell {
        Data::Empty => Ok(None),
        Data::DateTime(d) => excel_serial(d.as_f64())
            .map(Some)
            .ok_or_else(|| cell_text(cell)),
        Data::Float(f) if (20_000.0..80_000.0).contains(f) => {
            excel_serial(*f).map(Some).ok_or_else(|| cell_text(cell))
        }
        _ => {
            let text = cell_text(cell);
            let t = text.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let iso = t.get(..10).unwrap_or(t).replace('/', "-");
            if let Ok(d) = iso.parse::<Date>() {
                return Ok(Some(d));
            }
            let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
            if let [y, m, d] = parts.as_slice()
                && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
                && let Ok(date) = Date::new(y, m, d)
            {
                return Ok(Some(date));
            }
            deadline_from_wording(t).map(Some).ok_or(text)
        }
    }
}

/// Excel's day count (1900 system: day 1 is 1900-01-01, with the 1900 leap-year bug).
/// `None` for a number no calendar holds (a cell can carry any double, 1e300 or NaN).
fn excel_serial(days: f64) -> Option<Date> {
    if !days.is_finite() || !(1.0..=2_958_465.0).contains(&days) {
        return None; // Excel's own range: 1900-01-01 to 9999-12-31
    }
    let base = jiff::civil::date(1899, 12, 30);
    let span = jiff::Span::new().try_days(days.floor() as i64).ok()?;
    base.checked_add(span).ok()
}
