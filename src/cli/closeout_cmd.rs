//! The end of a plan on the command line: `--evaluation annual|midterm|final` for the commands
//! that judge a year, the 总结评估 columns and count sentence of `status`, and `eduplan next`,
//! which drafts the next plan from this one.

use std::path::{Path, PathBuf};

use super::{CliError, CliResult, Options};
use crate::domain::closeout::next::{default_next_years, next_plan};
use crate::domain::closeout::{
    EvaluationKind, Predecessor, count_sentence, count_verdicts, evaluation_kind, judge_final,
    judge_plan, with_estimate_mark,
};
use crate::domain::input::format_value;
use crate::domain::{Indicator, Plan};
use crate::storage::PlanFile;

/// Apply `--evaluation` to the plan read for this command only (the file is not changed).
pub(super) fn choose_evaluation(opts: &Options, plan: &mut Plan) -> CliResult<()> {
    if let Some(text) = opts.get("--evaluation") {
        let kind = EvaluationKind::from_cli(text).ok_or_else(|| {
            CliError::usage(format!(
                "--evaluation 只能是 annual（年度监测）、midterm（中期评估）或 final（总结评估），而不是“{text}”"
            ))
        })?;
        plan.info.closeout.evaluation_kind = Some(kind);
    }
    Ok(())
}

/// The day tasks and 整改 items are judged on: `--date`, else the evaluation date (the end
/// of the evaluation year once it is over, or the date the plan fixes), never a later today.
pub(super) fn judged_on(opts: &Options, plan: &Plan, year: i32) -> CliResult<crate::domain::Date> {
    match opts.get("--date") {
        Some(_) => super::commitments_cmd::as_of(opts),
        None => Ok(crate::domain::closeout::evaluation_date(
            &plan.info,
            year,
            crate::session::files::today(),
        )),
    }
}

/// Whether `year` is read as a 总结评估.
pub(super) fn is_final(plan: &Plan, year: i32) -> bool {
    evaluation_kind(&plan.info, year) == EvaluationKind::Final
}

/// The headers `status` adds in a 总结评估.
pub(super) const FINAL_HEADERS: [&str; 3] = ["完成情况", "目标完成度", "首次达标年份"];

/// The 总结评估 cells of one indicator: verdict (with 人工判定 beside the computed one),
/// 目标完成度, 首次达标年份.
pub(super) fn final_cells(plan: &Plan, ind: &Indicator, year: i32) -> [String; 3] {
    let j = judge_final(ind, &plan.info, year);
    [j.verdict_text(), j.completion_text(), j.first_met_text()]
}

/// The count sentence the close-out reports use, and the 预计 values it rests on.
pub(super) fn final_summary(plan: &Plan, year: i32) -> String {
    let judgements = judge_plan(plan, year);
    let mut text = count_sentence(&count_verdicts(plan, &judgements));
    let estimates: Vec<String> = judgements
        .iter()
        .filter(|j| j.estimate)
        .filter_map(|j| plan.indicator(j.indicator))
        .map(|ind| {
            let value = ind
                .actual_value(year)
                .map_or_else(|| "—".to_owned(), |v| format_value(v, ind));
            format!(
                "{}{}",
                ind.name,
                with_estimate_mark(format!("{value}{}", ind.unit), true)
            )
        })
        .collect();
    if !estimates.is_empty() {
        text.push_str(&format!(
            "其中{}项按{year}年预计值评价：{}。",
            estimates.len(),
            estimates.join("、")
        ));
    }
    text
}

/// `eduplan next 本期规划.eduplan -o 下期规划.eduplan [--years 2026-2030]`.
pub(super) fn cmd_next(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let out = opts
        .get("-o")
        .map(PathBuf::from)
        .ok_or_else(|| CliError::usage("缺少新规划文件（-o 下期规划.eduplan）"))?;
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(crate::storage::EXTENSION))
    {
        return Err(CliError::usage(format!(
            "新规划文件名必须以 .{} 结尾",
            crate::storage::EXTENSION
        )));
    }
    if out.exists() {
        return Err(CliError::failed(format!(
            "“{}”已存在；下一期规划只写入新文件，不覆盖已有文件",
            out.display()
        )));
    }
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let years = match opts.get("--years") {
        Some(text) => parse_years(text)?,
        None => default_next_years(&plan.info),
    };
    let predecessor = Predecessor {
        name: plan.info.name.clone(),
        hash: file_hash(&file)?,
    };
    let next = next_plan(&plan, years, predecessor);
    PlanFile::create(&out, &next).map_err(CliError::failed)?;
    let carried_indicators = next
        .indicators
        .iter()
        .filter(|i| i.name.contains(crate::domain::closeout::next::CARRIED_MARK))
        .count();
    let carried_tasks = next
        .tasks
        .iter()
        .filter(|t| {
            t.title
                .contains(crate::domain::closeout::next::CARRIED_MARK)
        })
        .count();
    let estimated_bases = next
        .indicators
        .iter()
        .filter(|i| i.closeout.base_estimate)
        .count();
    println!(
        "已生成下一期规划：{}（{}，{}-{}年，基期{}年）",
        out.display(),
        next.info.name,
        years.0,
        years.1,
        years.0 - 1
    );
    println!(
        "{}个指标沿用定义和口径，基期值取{}年的值（其中{estimated_bases}个为预计值）；目标值待定，请逐项确定。",
        next.indicators.len(),
        years.0 - 1
    );
    if carried_indicators + carried_tasks > 0 {
        println!(
            "上期结转：{carried_indicators}个指标、{carried_tasks}项任务（标“（上期结转）”）。"
        );
    }
    Ok(())
}

/// "2026-2030" (also 2026—2030, 2026~2030, 2026至2030).
fn parse_years(text: &str) -> CliResult<(i32, i32)> {
    let bad = || {
        CliError::usage(format!(
            "--years 应写成 2026-2030 这样的起止年份，而不是“{text}”"
        ))
    };
    let folded = crate::domain::text::fold_width(text);
    let mut parts = folded
        .split(['-', '—', '–', '~', '至'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let first = parts
        .next()
        .and_then(crate::domain::input::parse_year)
        .ok_or_else(bad)?;
    let last = parts
        .next()
        .and_then(crate::domain::input::parse_year)
        .ok_or_else(bad)?;
    if parts.next().is_some() || last < first || last - first > 14 {
        return Err(bad());
    }
    Ok((first, last))
}

fn file_hash(path: &Path) -> CliResult<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::failed(format!("无法读取“{}”：{e}", path.display())))?;
    Ok(crate::domain::closeout::hash::sha256_hex(&bytes))
}
