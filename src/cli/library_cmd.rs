//! `findings` (the checks and 对标 before a draft goes out) and `library` (the indicator library
//! and the officer's own provincial and city targets).

use super::{CliError, CliResult, Options, print_table};
use crate::domain::explain::finding_text;
use crate::domain::input::format_number;
use crate::domain::library::{Library, LibraryTarget, TargetLevel};
use crate::domain::validate::{FindingKind, validate_plan_with_library};
use crate::session::files as settings;
use crate::storage::PlanFile;

fn table_or_tsv(opts: &Options) -> CliResult<bool> {
    match opts.get("--format").unwrap_or("table") {
        "table" => Ok(false),
        "tsv" => Ok(true),
        other => Err(CliError::usage(format!(
            "--format 只能是 table 或 tsv，而不是“{other}”"
        ))),
    }
}

fn print_rows(tsv: bool, header: &[&str], rows: &[Vec<String>]) {
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

/// Exit code 0 without errors (提醒 and 对标 do not fail), 1 when there are errors.
pub(super) fn cmd_findings(opts: &Options) -> CliResult<i32> {
    let file = opts.one_file()?;
    let tsv = table_or_tsv(opts)?;
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let year = opts
        .year(&plan)
        .map_err(CliError::usage)?
        .unwrap_or_else(|| plan.default_evaluation_year());
    let (library, warning) = settings::load_library();
    if let Some(w) = warning {
        eprintln!("{w}");
    }
    let findings = validate_plan_with_library(&plan, year, &library);
    let rows: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            let kind = match f.kind {
                FindingKind::Alignment(_) => "对标",
                _ => "检查",
            };
            vec![
                f.severity.label().to_owned(),
                kind.to_owned(),
                f.indicator
                    .and_then(|id| plan.indicator(id))
                    .map_or_else(String::new, |i| i.name.clone()),
                finding_text(f, &plan),
            ]
        })
        .collect();
    print_rows(tsv, &["级别", "类别", "指标", "说明"], &rows);
    if !tsv {
        let errors = findings
            .iter()
            .filter(|f| f.severity == crate::domain::validate::Severity::Error)
            .count();
        println!(
            "{}  评估年度{year}年：{}条，其中错误{errors}条。",
            plan.info.name,
            findings.len()
        );
    }
    Ok(i32::from(findings.iter().any(|f| {
        f.severity == crate::domain::validate::Severity::Error
    })))
}

pub(super) fn cmd_library(rest: &[String]) -> CliResult<()> {
    match rest.first().map(String::as_str) {
        None | Some("list") | Some("--format") => {
            let args = if rest.first().map(String::as_str) == Some("list") {
                &rest[1..]
            } else {
                rest
            };
            let opts = Options::parse(args, &["--format"])?;
            list(table_or_tsv(&opts)?)
        }
        Some("add-target") => add_target(&Options::parse(
            &rest[1..],
            &[
                "--level",
                "--target",
                "--year",
                "--attribute",
                "--source",
                "--text",
            ],
        )?),
        Some("export") => {
            let opts = Options::parse(&rest[1..], &["-o"])?;
            let out = opts.require("-o")?;
            let n = settings::export_user_library(&settings::user_library_path(), out.as_ref())
                .map_err(CliError::failed)?;
            println!("已导出本人添加的{n}个指标条目到“{out}”。");
            Ok(())
        }
        Some("import") => {
            let opts = Options::parse(&rest[1..], &[])?;
            let file = opts.one_file()?;
            let n = settings::import_user_library(&settings::user_library_path(), &file)
                .map_err(CliError::failed)?;
            println!("已导入{n}个指标条目（同一指标同一级别的目标以导入的为准）。");
            Ok(())
        }
        Some(other) => Err(CliError::usage(format!(
            "未知的 library 子命令“{other}”；可用：list、add-target、export、import"
        ))),
    }
}

fn target_text(t: Option<&LibraryTarget>) -> String {
    t.map_or_else(String::new, |t| format!("{}（{}年）", t.text, t.year))
}

fn list(tsv: bool) -> CliResult<()> {
    let (library, warning) = settings::load_library();
    if let Some(w) = warning {
        eprintln!("{w}");
    }
    let rows: Vec<Vec<String>> = library
        .entries
        .iter()
        .map(|e| {
            let at = |level| e.targets.iter().find(|t| t.level == level);
            vec![
                e.code.clone(),
                e.name.clone(),
                e.stage.clone(),
                e.unit.clone(),
                e.kind().label().to_owned(),
                at(TargetLevel::National)
                    .and_then(|t| t.base_2020)
                    .map_or_else(String::new, |v| format_number(v, 2)),
                target_text(at(TargetLevel::National)),
                target_text(at(TargetLevel::Provincial)),
                target_text(at(TargetLevel::City)),
                e.targets
                    .iter()
                    .map(|t| t.source.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
            ]
        })
        .collect();
    print_rows(
        tsv,
        &[
            "代码",
            "指标",
            "领域",
            "单位",
            "类型",
            "全国2020年",
            "全国目标",
            "省级目标",
            "市级目标",
            "出处",
        ],
        &rows,
    );
    Ok(())
}

fn add_target(opts: &Options) -> CliResult<()> {
    let which = opts
        .one_file()
        .map_err(|_| CliError::usage("请给出指标的代码或名称"))?;
    let which = which.display().to_string();
    let library = settings::load_library().0;
    let entry = library
        .entry(&which)
        .or_else(|| library.match_name(&which))
        .ok_or_else(|| {
            CliError::failed(format!(
                "指标库中没有“{which}”。运行 eduplan library 查看全部指标。"
            ))
        })?;
    let level = match opts.require("--level")? {
        "province" | "省" | "省级" => TargetLevel::Provincial,
        "city" | "市" | "市级" => TargetLevel::City,
        other => {
            return Err(CliError::usage(format!(
                "--level 只能是 province（省级）或 city（市级），而不是“{other}”"
            )));
        }
    };
    let target_raw = opts.require("--target")?;
    let target: f64 = target_raw
        .trim()
        .parse()
        .map_err(|_| CliError::usage(format!("目标值“{target_raw}”不是数字")))?;
    let year = crate::domain::input::parse_year(opts.require("--year")?)
        .ok_or_else(|| CliError::usage("年份应为四位数字，如2025"))?;
    let source = opts.require("--source")?.trim().to_owned();
    if source.is_empty() {
        return Err(CliError::usage(
            "请用 --source 写明目标的出处（文件名称和文号）",
        ));
    }
    let attribute = match opts.get("--attribute").unwrap_or("expected") {
        "binding" | "约束性" => "binding",
        "expected" | "预期性" => "expected",
        other => {
            return Err(CliError::usage(format!(
                "--attribute 只能是 binding（约束性）或 expected（预期性），而不是“{other}”"
            )));
        }
    };
    let text = opts.get("--text").map_or_else(
        || format!("{}{}", format_number(target, 2), entry.unit),
        str::to_owned,
    );
    let mut own = settings::load_user_library().map_err(CliError::failed)?;
    let mut addition = entry.clone();
    addition.targets = vec![LibraryTarget {
        level,
        target,
        year,
        attribute: attribute.to_owned(),
        text,
        source,
        base_2020: None,
        comparison: None,
        main_table: false,
    }];
    let name = addition.name.clone();
    own.merge(Library::of_entries("", vec![addition]));
    settings::save_user_library(&own).map_err(CliError::failed)?;
    println!(
        "已为“{name}”添加{}目标，保存在“{}”。",
        level.label(),
        settings::user_library_path().display()
    );
    Ok(())
}
