//! The tasks sheet of a returned fill-in workbook: progress, completion date and status.

#![allow(unused_imports)] // the part takes what it needs from the importer's imports
use super::*;

/// The tasks sheet of the same workbook, when it has one: progress for the year, completion
/// date and status of each task, checked like the indicators (hidden id against the title).
pub(super) fn read_task_sheet(plan: &Plan, path: &Path, year: i32, preview: &mut ImportPreview) {
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
    let written = written_header(&mut book, TASK_SHEET, titles.len());
    if let Err(why) = check_header(&sheet, written.as_deref().unwrap_or(&titles)) {
        preview.add_problem(format!("“{file}”：任务填报表{why}，请使用原表填写"));
        return;
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
        let progress = match text_input(&sheet.get(row, TASK_COL_PROGRESS)) {
            Ok(t) => t,
            Err(why) => {
                preview.add_problem(format!(
                    "“{file}”：任务填报表第{}行“{}”的进展{why}",
                    row + 1,
                    task.title
                ));
                String::new()
            }
        };
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
