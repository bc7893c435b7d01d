//! The end of a plan on the command line: `--evaluation annual|midterm|final` for the commands
//! that judge a year, the 总结评估 columns and count sentence of `status`, and `eduplan next`,
//! which drafts the next plan from this one.

use std::path::PathBuf;

use super::{CliError, CliResult, Options};
use crate::domain::closeout::{
    EvaluationKind, count_sentence, count_verdicts, evaluation_kind, judge_final, judge_plan,
    with_estimate_mark,
};
use crate::domain::input::format_value;
use crate::domain::{Indicator, Plan};
use crate::session::next_plan;
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
    let years = opts.get("--years").map(parse_years).transpose()?;
    next_plan::check_destination(&file, &out).map_err(|why| {
        if why.contains("结尾") {
            CliError::usage(why)
        } else {
            CliError::failed(why)
        }
    })?;
    // A plan text (the sample) is read as text; its bytes are what the new plan cites.
    let plan = if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        crate::exchange::plan_text::read_plan_text(&file).map_err(CliError::failed)?
    } else {
        PlanFile::read_only(&file)
            .and_then(|f| f.load())
            .map_err(CliError::failed)?
    };
    let summary =
        next_plan::write_next_plan(&plan, &file, &out, years).map_err(CliError::failed)?;
    for line in summary.lines(&out) {
        println!("{line}");
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
