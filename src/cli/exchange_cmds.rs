//! `export`, `template` and `import`: the command line's side of the exchange layer. The plan
//! is read here and handed to `eduplan_exchange`, which knows nothing of files being open.

use std::path::PathBuf;

use super::{CliError, CliResult, Options};
use crate::domain::Plan;
use crate::exchange::{import, template, xlsx_export};
use crate::storage::PlanFile;

/// The plan, read without keeping the file locked (and without writing to it: a read-only
/// file from an e-mail attachment still exports).
fn read_plan(opts: &Options) -> CliResult<(PathBuf, Plan)> {
    let file = opts
        .files
        .first()
        .cloned()
        .ok_or_else(|| CliError::usage("缺少规划文件"))?;
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    Ok((file, plan))
}

/// The plan and the workbook to write, refused when it is the plan or not a workbook.
fn plan_and_output(opts: &Options) -> CliResult<(Plan, PathBuf)> {
    let out = opts
        .get("-o")
        .map(PathBuf::from)
        .ok_or_else(|| CliError::usage("缺少输出文件（-o 输出.xlsx）"))?;
    let (plan_path, plan) = read_plan(opts)?;
    crate::exchange::check_output_path(&out, &[plan_path.as_path()]).map_err(CliError::failed)?;
    Ok((plan, out))
}

pub(super) fn cmd_export(opts: &Options) -> CliResult<()> {
    let (mut plan, out) = plan_and_output(opts)?;
    super::closeout_cmd::choose_evaluation(opts, &mut plan)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .unwrap_or_else(|| plan.default_evaluation_year());
    let as_of = super::closeout_cmd::judged_on(opts, &plan, year)?;
    xlsx_export::export_workbook(&plan, year, as_of, &out).map_err(CliError::failed)?;
    let mut balance_sheets = if plan.school_years().iter().any(|y| *y <= year) {
        "、资源配置指标表、差异系数表".to_owned()
    } else {
        String::new()
    };
    if !plan.rectifications.is_empty() {
        balance_sheets.push_str("、整改台账");
    }
    let closeout_sheet = if super::closeout_cmd::is_final(&plan, year) {
        "主要指标完成情况表、"
    } else {
        ""
    };
    println!(
        "已导出：{}（主要指标表、{closeout_sheet}指标监测表、重点任务台账、图表{balance_sheets}；评估年度{year}年，{}）",
        out.display(),
        crate::domain::closeout::evaluation_kind(&plan.info, year).label()
    );
    let errors: Vec<_> = crate::domain::validate::validate_plan(&plan, year)
        .into_iter()
        .filter(|f| f.severity == crate::domain::validate::Severity::Error)
        .collect();
    if !errors.is_empty() {
        eprintln!("注意：发现{}处上报前须更正的问题：", errors.len());
        for f in errors.iter().take(20) {
            eprintln!("  {}", crate::domain::explain::finding_text(f, &plan));
        }
    }
    Ok(())
}

/// The meeting pages as a PDF.
pub(super) fn cmd_meeting_pdf(opts: &Options) -> CliResult<()> {
    let out = opts
        .get("-o")
        .map(PathBuf::from)
        .ok_or_else(|| CliError::usage("缺少输出文件（-o 会议材料.pdf）"))?;
    let (plan_path, mut plan) = read_plan(opts)?;
    super::closeout_cmd::choose_evaluation(opts, &mut plan)?;
    let same = |a: &std::path::Path, b: &std::path::Path| match (a.canonicalize(), b.canonicalize())
    {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(&out, &plan_path) {
        return Err(CliError::failed("这是规划文件本身，不能用PDF覆盖它"));
    }
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .unwrap_or_else(|| plan.default_evaluation_year());
    let as_of = super::closeout_cmd::judged_on(opts, &plan, year)?;
    let derived = crate::session::Derived::of(&plan, year);
    let scope = if opts.flag("--chapters") {
        crate::draw::slides::Scope::ChaptersOnly
    } else {
        crate::draw::slides::Scope::Full
    };
    let (bytes, n) = crate::draw::pdf::meeting_pdf(&derived.view(&plan, year, as_of), scope)
        .map_err(|e| CliError::failed(e.to_string()))?;
    crate::session::files::write_pdf(&out, &bytes).map_err(CliError::failed)?;
    println!(
        "已导出会议材料：{}（{n}页，评估年度{year}年，截至{as_of}）",
        out.display()
    );
    Ok(())
}

pub(super) fn cmd_template(opts: &Options) -> CliResult<()> {
    let (plan, out) = plan_and_output(opts)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .ok_or_else(|| CliError::usage("缺少 --year 年份"))?;
    let unit = opts.get("--unit");
    let quarter = match opts.get("--quarter") {
        None => None,
        Some(q) => Some(
            q.trim()
                .parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| CliError::usage(format!("--quarter 应为1到4，而不是“{q}”")))?,
        ),
    };
    let n = template::write_template_for_quarter(&plan, year, unit, quarter, &out)
        .map_err(CliError::failed)?;
    let period = quarter.map_or_else(String::new, |q| format!("，任务按第{q}季度填报"));
    println!(
        "已生成填报表：{}（{year}年，{}，{n}个指标{period}）",
        out.display(),
        unit.unwrap_or("全部牵头单位")
    );
    Ok(())
}

/// Exit code: 0 written (or nothing to write), 1 nothing written because of problems or
/// because the officer declined.
pub(super) fn cmd_import(opts: &Options) -> CliResult<i32> {
    import_with(opts, import::preview_import, "导入填报表")
}

pub(super) fn cmd_school_template(opts: &Options) -> CliResult<()> {
    let (plan, out) = plan_and_output(opts)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .ok_or_else(|| CliError::usage("缺少 --year 年份"))?;
    let n = crate::exchange::schools::write_school_template(&plan, year, &out)
        .map_err(CliError::failed)?;
    println!(
        "已生成学校数据填报表：{}（{year}年，{n}所学校）",
        out.display()
    );
    Ok(())
}

pub(super) fn cmd_school_import(opts: &Options) -> CliResult<i32> {
    if opts.get("--year").is_none() {
        return Err(CliError::usage("缺少 --year 年份（学校数据按年度导入）"));
    }
    import_with(
        opts,
        crate::exchange::schools::preview_school_import,
        "导入学校数据",
    )
}

type PreviewFn = fn(&Plan, &[PathBuf], Option<i32>) -> import::ImportPreview;

fn import_with(opts: &Options, preview_of: PreviewFn, action: &str) -> CliResult<i32> {
    let returned: Vec<PathBuf> = opts.files.iter().skip(1).cloned().collect();
    if returned.is_empty() {
        return Err(CliError::usage("缺少要导入的填报表（.xlsx）"));
    }
    // Read and preview without the lock, so another window is not kept waiting on a prompt.
    let (plan_path, plan) = read_plan(opts)?;
    let year = opts.year(&plan).map_err(CliError::usage)?;
    let preview = preview_of(&plan, &returned, year);
    for c in &preview.changes {
        println!("{} {}年 {}：{} → {}", c.name, c.year, c.what, c.old, c.new);
    }
    if preview.problem_count > 0 {
        for p in preview.problems_for_display() {
            eprintln!("问题：{p}");
        }
        eprintln!("发现{}个问题，未导入任何数据。", preview.problem_count);
        return Ok(1);
    }
    if preview.changes.is_empty() {
        println!("没有需要写入的改动（这些填报表可能已经导入过）。");
        return Ok(0);
    }
    let confirmed = super::confirmed(
        opts,
        &format!("共{}处改动，确认写入？", preview.changes.len()),
    );
    if !confirmed {
        eprintln!("未写入任何数据。（加 --yes 可不经确认直接写入）");
        return Ok(1);
    }
    let mut pf =
        PlanFile::open_waiting(&plan_path, super::WRITER_WAIT).map_err(CliError::failed)?;
    let now = pf.load().map_err(CliError::failed)?;
    if now != plan {
        return Err(CliError::failed(
            "确认期间规划文件被其他窗口修改过，未写入任何数据。请重新运行导入命令，核对新的改动清单。",
        ));
    }
    pf.apply(&preview.edits(), action)
        .map_err(CliError::failed)?;
    println!("已导入{}处改动。", preview.changes.len());
    let after = pf.load().map_err(CliError::failed)?;
    let linked = linked_values_changed(&now, &after);
    if linked > 0 {
        println!("已按学校数据同步更新关联指标的{linked}个数值（与导入同一步，可一并撤销）。");
    }
    Ok(0)
}

/// Values of indicators linked to the school data that differ between two states of a plan.
pub(super) fn linked_values_changed(before: &Plan, after: &Plan) -> usize {
    after
        .indicators
        .iter()
        .filter(|i| i.linked_figure.as_deref().is_some_and(|c| !c.is_empty()))
        .map(|ind| {
            let old = before.indicator(ind.id);
            ind.actuals
                .iter()
                .filter(|(y, a)| {
                    old.and_then(|o| o.actuals.get(y)).and_then(|o| o.value) != a.value
                })
                .count()
        })
        .sum()
}
