//! `tasks` and `rectification`: dated commitments and the 整改台账 against today (or `--date`).

use super::{CliError, CliResult, Options, print_table};
use crate::domain::Date;
use crate::domain::commitments::{
    RectificationState, count_by_state, latest_progress, rectification_state, task_state,
};
use crate::storage::PlanFile;

fn tsv_flag(opts: &Options) -> CliResult<bool> {
    match opts.get("--format").unwrap_or("table") {
        "table" => Ok(false),
        "tsv" => Ok(true),
        other => Err(CliError::usage(format!(
            "--format 只能是 table 或 tsv，而不是“{other}”"
        ))),
    }
}

/// `--date 2024-06-30`, or today on this computer.
pub(super) fn as_of(opts: &Options) -> CliResult<Date> {
    match opts.get("--date") {
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| CliError::usage(format!("日期“{text}”无法识别，请写作 2024-06-30"))),
        None => Ok(crate::session::files::today()),
    }
}

fn emit(tsv: bool, header: &[&str], rows: &[Vec<String>]) {
    let header: Vec<String> = header.iter().map(|s| (*s).to_owned()).collect();
    if tsv {
        println!("{}", header.join("\t"));
        for r in rows {
            println!("{}", r.join("\t"));
        }
    } else {
        print_table(&header, rows);
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\t', '\r'], " ")
}

pub(super) fn cmd_tasks(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let tsv = tsv_flag(opts)?;
    let today = as_of(opts)?;
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let unit = opts.get("--unit").map(str::trim);
    if let Some(u) = unit
        && !plan.tasks.iter().any(|t| t.lead_unit == u)
    {
        let mut units: Vec<&str> = plan.tasks.iter().map(|t| t.lead_unit.as_str()).collect();
        units.sort_unstable();
        units.dedup();
        return Err(CliError::failed(format!(
            "没有牵头单位为“{u}”的任务。现有牵头单位：{}",
            units.join("、")
        )));
    }
    let days = plan.info.due_soon_days;
    let rows: Vec<Vec<String>> = plan
        .tasks_in_outline_order()
        .into_iter()
        .filter(|t| unit.is_none_or(|u| t.lead_unit == u))
        .map(|t| {
            let state = task_state(t, today, days);
            let deadline = match t.deadline_date {
                Some(d) if t.deadline.trim().is_empty() => d.to_string(),
                Some(d) => format!("{}（{d}）", t.deadline),
                None => t.deadline.clone(),
            };
            let state_text = match (state, t.completed_date) {
                (s, Some(done)) if s.is_done() => format!("{} {done}", s.label()),
                (s, _) => s.label().to_owned(),
            };
            vec![
                one_line(&t.title),
                t.lead_unit.clone(),
                deadline,
                state_text,
                latest_progress(t)
                    .map_or_else(String::new, |(y, text)| one_line(&format!("{y}：{text}"))),
            ]
        })
        .collect();
    emit(
        tsv,
        &["任务", "牵头单位", "完成时限", "状态", "最新进展"],
        &rows,
    );
    if !tsv {
        let overdue = rows.iter().filter(|r| r[3] == "逾期").count();
        let soon = rows.iter().filter(|r| r[3] == "临期").count();
        println!(
            "截至{today}：共{}项任务，逾期{overdue}项，临期{soon}项（{days}天内到期）。",
            rows.len()
        );
    }
    Ok(())
}

pub(super) fn cmd_rectification(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let tsv = tsv_flag(opts)?;
    let today = as_of(opts)?;
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let rows: Vec<Vec<String>> = plan
        .rectifications
        .iter()
        .map(|r| {
            vec![
                one_line(&r.problem),
                r.unit.clone(),
                r.due.map_or_else(String::new, |d| d.to_string()),
                rectification_state(r, today).label().to_owned(),
                r.closed.map_or_else(String::new, |d| d.to_string()),
            ]
        })
        .collect();
    emit(
        tsv,
        &["问题描述", "责任单位", "整改时限", "状态", "销号日期"],
        &rows,
    );
    let counts = count_by_state(&plan.rectifications, today);
    let words: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{}{n}项", s.label()))
        .collect();
    let open = counts
        .iter()
        .filter(|(s, _)| *s != RectificationState::Closed)
        .map(|(_, n)| n)
        .sum::<usize>();
    let line = format!(
        "截至{today}：共{}项，{}；尚未销号{open}项。",
        plan.rectifications.len(),
        words.join("，")
    );
    if tsv {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
    Ok(())
}

/// `rectification import FILE 问题清单.xlsx [--batch 批次] [--source 督导] [--yes]`.
pub(super) fn cmd_rectification_import(opts: &Options) -> CliResult<i32> {
    use crate::domain::commitments::RectificationSource;
    let file = opts
        .files
        .first()
        .cloned()
        .ok_or_else(|| CliError::usage("缺少规划文件"))?;
    let list = opts
        .files
        .get(1)
        .cloned()
        .ok_or_else(|| CliError::usage("缺少问题清单（.xlsx）"))?;
    let s = opts.get("--source").unwrap_or("督导");
    let source = RectificationSource::from_label(s)
        .or_else(|| RectificationSource::from_code(s))
        .ok_or_else(|| {
            CliError::usage(format!(
                "--source 应为 督导、审计、巡察 或 自查，而不是“{s}”"
            ))
        })?;
    let batch = opts.get("--batch").unwrap_or("").trim().to_owned();
    let batch_date = match opts.get("--batch-date") {
        Some(t) => Some(
            t.trim()
                .parse()
                .map_err(|_| CliError::usage(format!("日期“{t}”无法识别，请写作 2024-06-30")))?,
        ),
        None => None,
    };
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let preview = crate::exchange::problem_list::preview_problem_list(
        &plan, &list, &batch, source, batch_date,
    );
    for item in &preview.items {
        let due = item
            .due
            .map_or_else(|| "未定".to_owned(), |d| d.to_string());
        println!(
            "新增：{}（{}，整改时限{due}）",
            one_line(&item.problem),
            item.unit
        );
    }
    if preview.already_there > 0 {
        println!("已在台账中的{}项不重复导入。", preview.already_there);
    }
    if preview.problem_count > 0 {
        for p in &preview.problems {
            eprintln!("问题：{p}");
        }
        if preview.problem_count > preview.problems.len() {
            eprintln!(
                "……另有{}处问题",
                preview.problem_count - preview.problems.len()
            );
        }
        eprintln!("发现{}个问题，未导入任何数据。", preview.problem_count);
        return Ok(1);
    }
    if preview.items.is_empty() {
        println!("没有需要新增的问题。");
        return Ok(0);
    }
    let confirmed = super::confirmed(
        opts,
        &format!("共{}项问题，确认写入整改台账？", preview.items.len()),
    );
    if !confirmed {
        eprintln!("未写入任何数据。（加 --yes 可不经确认直接写入）");
        return Ok(1);
    }
    let mut pf = PlanFile::open_waiting(&file, super::WRITER_WAIT).map_err(CliError::failed)?;
    if pf.load().map_err(CliError::failed)? != plan {
        return Err(CliError::failed(
            "确认期间规划文件被其他窗口修改过，未写入任何数据。请重新运行导入命令。",
        ));
    }
    pf.apply(&preview.edits(), "导入问题清单")
        .map_err(CliError::failed)?;
    println!("已把{}项问题写入整改台账。", preview.items.len());
    Ok(0)
}
