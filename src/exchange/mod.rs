//! Moving plans in and out: the plan text format, the xlsx tables that go up, the fill-in
//! tables that come back. No egui; storage is reached only through `PlanFile`.

pub mod generate;
pub mod import;
pub mod plan_text;
pub mod template;
pub mod xlsx_export;
mod xlsx_style;

use std::io::Write;
use std::path::Path;

use crate::cli::ExchangeArgs;
use crate::storage::PlanFile;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("无法生成工作簿：{0}")]
    Build(String),
    #[error("“{0}”正被其他程序（如Excel或WPS）打开，无法覆盖。请先关闭该文件，再重新导出。")]
    Locked(String),
    #[error("无法写入“{0}”：{1}。请换一个位置保存。")]
    Write(String, String),
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so the
/// path holds either the old file or the complete new one, never half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExchangeError> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(ExchangeError::Write(name, "文件夹不存在".to_owned()));
    }
    if path.is_dir() {
        return Err(ExchangeError::Write(name, "已有同名的文件夹".to_owned()));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(ExchangeError::Write(name, "原文件是只读的".to_owned()));
    }
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let io_reason = |e: &std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有写入权限".to_owned(),
        _ => e.to_string(),
    };
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(ExchangeError::Write(name, io_reason(&e)));
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        // Windows: 32 = sharing violation, 33 = lock violation (Excel holds the file open).
        let locked = matches!(e.raw_os_error(), Some(32 | 33))
            || (cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied);
        return Err(if locked {
            ExchangeError::Locked(name)
        } else {
            ExchangeError::Write(name, io_reason(&e))
        });
    }
    Ok(())
}

fn open_plan(args: &ExchangeArgs) -> Result<(PlanFile, crate::domain::Plan), String> {
    let file = match args.options.files.first() {
        Some(f) => f.clone(),
        None => return Err("缺少规划文件".to_owned()),
    };
    let pf = PlanFile::open(&file).map_err(|e| e.to_string())?;
    let plan = pf.load().map_err(|e| e.to_string())?;
    Ok((pf, plan))
}

fn output(args: &ExchangeArgs) -> Result<std::path::PathBuf, String> {
    args.options
        .get("-o")
        .map(std::path::PathBuf::from)
        .ok_or_else(|| "缺少输出文件（-o 输出.xlsx）".to_owned())
}

pub fn cli_export(args: &ExchangeArgs) -> Result<(), String> {
    let out = output(args)?;
    let (_pf, plan) = open_plan(args)?;
    let year = args
        .options
        .year(&plan)?
        .unwrap_or_else(|| crate::cli::default_year(&plan));
    xlsx_export::export_workbook(&plan, year, &out).map_err(|e| e.to_string())?;
    println!(
        "已导出：{}（主要指标表、指标监测表、重点任务台账、图表；评估年度{year}年）",
        out.display()
    );
    Ok(())
}

pub fn cli_template(args: &ExchangeArgs) -> Result<(), String> {
    let out = output(args)?;
    let (_pf, plan) = open_plan(args)?;
    let year = args
        .options
        .year(&plan)?
        .ok_or_else(|| "缺少 --year 年份".to_owned())?;
    let unit = args.options.get("--unit");
    let n = template::write_template(&plan, year, unit, &out).map_err(|e| e.to_string())?;
    println!(
        "已生成填报表：{}（{year}年，{}，{n}个指标）",
        out.display(),
        unit.unwrap_or("全部牵头单位")
    );
    Ok(())
}

/// Exit code: 0 applied or nothing to do, 1 refused because of problems.
pub fn cli_import(args: &ExchangeArgs) -> Result<i32, String> {
    let returned: Vec<std::path::PathBuf> = args.options.files.iter().skip(1).cloned().collect();
    if returned.is_empty() {
        return Err("缺少要导入的填报表（.xlsx）".to_owned());
    }
    let (mut pf, plan) = open_plan(args)?;
    let year = args.options.year(&plan)?;
    let preview = import::preview_import(&plan, &returned, year);
    for c in &preview.changes {
        println!("{} {}年 {}：{} → {}", c.name, c.year, c.what, c.old, c.new);
    }
    if !preview.problems.is_empty() {
        for p in &preview.problems {
            eprintln!("问题：{p}");
        }
        eprintln!("发现{}个问题，未导入任何数据。", preview.problems.len());
        return Ok(1);
    }
    if preview.changes.is_empty() {
        println!("没有需要写入的改动（这些填报表可能已经导入过）。");
        return Ok(0);
    }
    let confirmed = args.options.flag("--yes") || {
        print!("共{}处改动，确认写入？[y/N] ", preview.changes.len());
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).is_ok()
            && matches!(answer.trim(), "y" | "Y" | "是" | "yes")
    };
    if !confirmed {
        println!("未写入。（加 --yes 可直接写入）");
        return Ok(0);
    }
    pf.apply(&plan, &preview.edits(), "导入填报表")
        .map_err(|e| e.to_string())?;
    println!("已导入{}处改动。", preview.changes.len());
    Ok(0)
}
