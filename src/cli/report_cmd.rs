//! `eduplan report`: the Word report (年度监测报告, 中期评估报告, 总结评估报告) as a first draft.

use std::path::PathBuf;

use super::{CliError, CliResult, Options};
use crate::exchange::docx::FontScheme;
use crate::exchange::report::{ReportKind, ReportOptions, default_as_of, write_report};
use crate::storage::PlanFile;

pub(super) fn cmd_report(opts: &Options) -> CliResult<()> {
    let file = opts.one_file()?;
    let out = opts
        .get("-o")
        .map(PathBuf::from)
        .ok_or_else(|| CliError::usage("缺少输出文件（-o 报告.docx）"))?;
    let kind_text = opts.get("--kind").unwrap_or("annual");
    let kind = ReportKind::from_code(kind_text).ok_or_else(|| {
        CliError::usage(format!(
            "--kind 只能是 annual（年度监测报告）、midterm（中期评估报告）或 final（总结评估报告），而不是“{kind_text}”"
        ))
    })?;
    let fonts_text = opts.get("--fonts").unwrap_or("gb2312");
    let fonts = FontScheme::from_code(fonts_text).ok_or_else(|| {
        CliError::usage(format!(
            "--fonts 只能是 gb2312（仿宋_GB2312、楷体_GB2312、方正小标宋简体）或 windows（仿宋、楷体、宋体），而不是“{fonts_text}”"
        ))
    })?;
    // Refuse the output before reading anything: the plan itself, a non-.docx name.
    crate::exchange::check_output_path_for(
        &out,
        &[file.as_path()],
        crate::exchange::OutputKind::WordDocument,
    )
    .map_err(CliError::failed)?;
    let plan = PlanFile::read_only(&file)
        .and_then(|f| f.load())
        .map_err(CliError::failed)?;
    let year = match opts.get("--year") {
        None => plan.default_evaluation_year(),
        Some(text) => crate::domain::input::parse_year(text).ok_or_else(|| {
            CliError::usage(format!("年份“{text}”无法识别，请写成 2024 这样的四位数"))
        })?,
    };
    let as_of = match opts.get("--date") {
        Some(_) => super::commitments_cmd::as_of(opts)?,
        None => default_as_of(year, crate::session::files::today()),
    };
    let options = ReportOptions {
        kind,
        year,
        as_of,
        fonts,
    };
    let placeholders =
        write_report(&plan, &options, &out, &[file.as_path()]).map_err(CliError::failed)?;
    println!(
        "已生成{}：{}（评估年度{year}年，任务截至{as_of}，字体：{}）",
        kind.label(),
        out.display(),
        fonts.label()
    );
    println!("报告中有{placeholders}处【请补充】，请在Word中逐一补写（黄色底纹标出）。");
    Ok(())
}
