//! The 整改 sheet of a returned fill-in workbook: a dated 整改进展 per open item.

#![allow(unused_imports)] // the part takes what it needs from the importer's imports
use super::*;

/// The 整改 sheet of the same workbook, when it has one: a dated 整改进展 entry per item,
/// checked like the indicators (hidden id against the problem shown).
pub(super) fn read_rectification_sheet(
    plan: &Plan,
    path: &Path,
    year: i32,
    preview: &mut ImportPreview,
) {
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
    let written = written_header(&mut book, RECTIFICATION_SHEET, titles.len());
    if let Err(why) = check_header(&sheet, written.as_deref().unwrap_or(&titles)) {
        preview.add_problem(format!("“{file}”：整改填报表{why}，请使用原表填写"));
        return;
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
        let text = match text_input(&sheet.get(row, RECTIFICATION_COL_PROGRESS)) {
            Ok(t) => t,
            Err(why) => {
                preview.add_problem(format!(
                    "“{file}”：整改填报表第{}行的整改进展{why}",
                    row + 1
                ));
                continue;
            }
        };
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
