//! Moving plans in and out: the plan text format, the xlsx tables that go up, the fill-in
//! tables that come back.
//!
//! Works on plain `eduplan_domain` values and files the user names. Must never depend on the
//! plan file (storage), the command line or the GUI: callers open the plan and hand it over.

pub mod city_bulletin;
pub mod city_workbook;
pub mod closeout_sheet;
pub mod closeout_text;
pub mod docx;
pub mod fill_in;
pub mod generate;
pub mod import;
pub mod plan_document;
pub mod plan_pdf;
pub mod plan_text;
pub mod plan_text_write;
pub mod problem_list;
pub mod report;
pub mod schools;
pub mod template;
pub mod xlsx_export;
pub mod xlsx_read;
mod xlsx_style;

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("无法生成工作簿，文件未写入。请重试；如仍不成功，请把规划文件发给维护人员。")]
    Build(#[source] rust_xlsxwriter::XlsxError),
    #[error("“{0}”没有牵头的指标或任务，也没有未销号的整改问题，无需填报。可生成填报表的单位：{1}")]
    NoIndicatorsFor(String, String),
    #[error("“{0}”正被其他程序（如Excel或WPS）打开，无法覆盖。请先关闭该文件，再重新导出。")]
    Locked(String),
    #[error("无法写入“{0}”：{1}。请换一个位置保存。")]
    Write(String, String),
    #[error("不能写入“{0}”：{1}。请换一个文件名。")]
    Refused(String, String),
    #[error("季度应为1到4，而不是{0}")]
    BadQuarter(u8),
    #[error(
        "规划中还没有指标，无法生成报告。请先添加指标（或由规划文本、指标库生成），再导出报告。"
    )]
    NoIndicators,
    #[error("{year}年不在规划期{first}-{last}年内，无法生成该年度的报告。请选择规划期内的年份。")]
    YearOutsidePlan { year: i32, first: i32, last: i32 },
    #[error("无法生成Word文档，文件未写入：{0}")]
    Docx(String),
}

/// What an output file must be: its extension and, for the messages, what it is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    Workbook,
    WordDocument,
}

impl OutputKind {
    fn extension(self) -> &'static str {
        match self {
            OutputKind::Workbook => "xlsx",
            OutputKind::WordDocument => "docx",
        }
    }
    fn what(self) -> &'static str {
        match self {
            OutputKind::Workbook => "Excel工作簿",
            OutputKind::WordDocument => "Word文档",
        }
    }
    fn written_as(self) -> &'static str {
        match self {
            OutputKind::Workbook => "表格",
            OutputKind::WordDocument => "报告",
        }
    }
}

/// Refuse an output path that would destroy something: a name not ending in .xlsx, one of
/// the `protected` files (the open plan), or an existing file that is not a workbook (a plan
/// file, a document) — judged by its content, not only its name.
pub fn check_output_path(path: &Path, protected: &[&Path]) -> Result<(), ExchangeError> {
    check_output_path_for(path, protected, OutputKind::Workbook)
}

/// The same check for any kind of output (a workbook, a Word report): both are zip packages.
pub fn check_output_path_for(
    path: &Path,
    protected: &[&Path],
    kind: OutputKind,
) -> Result<(), ExchangeError> {
    let name = path.display().to_string();
    let ext = kind.extension();
    let right_extension = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if !right_extension {
        return Err(ExchangeError::Refused(
            name,
            format!("输出文件名必须以 .{ext} 结尾"),
        ));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if protected.iter().any(|p| same(path, p)) {
        return Err(ExchangeError::Refused(
            name,
            format!("这是规划文件本身，不能用{}覆盖它", kind.written_as()),
        ));
    }
    if path.is_file() {
        let mut head = [0u8; 4];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        if n > 0 && !head[..n].starts_with(b"PK") {
            return Err(ExchangeError::Refused(
                name,
                format!(
                    "已有同名文件，且它不是{}（可能是规划文件或其他文档），不会覆盖它",
                    kind.what()
                ),
            ));
        }
    }
    Ok(())
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so the
/// path holds either the old file or the complete new one, never half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExchangeError> {
    check_output_path(path, &[])?;
    replace_atomically(path, bytes)
}

/// Write a Word document (.docx) the same way, after the same checks.
pub fn write_docx_atomically(
    path: &Path,
    bytes: &[u8],
    protected: &[&Path],
) -> Result<(), ExchangeError> {
    check_output_path_for(path, protected, OutputKind::WordDocument)?;
    replace_atomically(path, bytes)
}

/// The same for a file the caller has already checked may be replaced (a PDF, say).
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExchangeError> {
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
    remove_stale_temporaries(&dir, &file_name);
    let io_reason = |e: &std::io::Error| io_words(e).to_owned();
    let written = create_hidden(&tmp).and_then(|mut f| {
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

/// A temporary file the user should not see (Windows does not hide names starting with a dot).
fn create_hidden(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
        options.attributes(FILE_ATTRIBUTE_HIDDEN);
    }
    options.open(path)
}

/// Leftovers of an earlier write to the same file that was killed halfway.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An operating-system error in words for the officer (the system's own text is English on
/// many machines).
pub fn io_words(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => "没有写入权限",
        ErrorKind::NotFound => "找不到文件或文件夹",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::ReadOnlyFilesystem => "所在磁盘或文件夹是只读的",
        ErrorKind::InvalidFilename => "文件名或路径无效",
        _ => "读写出错，请检查磁盘和文件位置",
    }
}
