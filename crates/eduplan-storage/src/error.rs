//! What goes wrong with a plan file, in words for the officer; the underlying error is kept.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

/// What went wrong, in words for the officer; the underlying error is kept as the source.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("找不到文件“{0}”")]
    NotFound(String),
    #[error("“{0}”不是EduPlan规划文件，无法打开。文件未作任何改动。")]
    NotAPlan(String),
    #[error("“{0}”已损坏或不完整，无法打开（{1}）。文件未作任何改动，请改用备份。")]
    Damaged(String, &'static str),
    #[error("“{0}”中的内容无法识别（{1}）。文件未作任何改动，请改用备份。")]
    Unreadable(String, String),
    #[error(
        "“{0}”由更新版本的EduPlan保存（文件格式第{1}版，本程序只支持到第{2}版）。请升级EduPlan后再打开。文件未作任何改动。"
    )]
    Newer(String, i32, i32),
    #[error("“{0}”已在另一个EduPlan窗口中打开。请先在那个窗口中关闭它，再在这里打开。")]
    InUse(String),
    #[error("“{0}”已存在，不会覆盖它。请换一个文件名。")]
    AlreadyExists(String),
    #[error("无法读写“{0}”：{1}")]
    Io(String, String),
    #[error(
        "“{0}”是只读的（可能来自邮件附件、光盘或共享文件夹），只能查看和导出，不能修改。如需修改，请用“文件 › 另存为”保存一份可编辑的副本。"
    )]
    ReadOnly(String),
    #[error(
        "规划文件读写失败，本次修改没有写入。请确认磁盘未满、文件未被移走或改为只读，然后重试。"
    )]
    Sql(#[source] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        StorageError::Sql(e)
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// An I/O error in words for the officer.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读写权限".to_owned(),
        std::io::ErrorKind::NotFound => "找不到文件或文件夹".to_owned(),
        std::io::ErrorKind::StorageFull => "磁盘已满".to_owned(),
        _ => "读写出错，请检查磁盘和文件位置".to_owned(),
    }
}

pub(crate) fn classify(name: &str, e: rusqlite::Error) -> StorageError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StorageError::InUse(name.to_owned())
        }
        Some(ErrorCode::NotADatabase) => StorageError::NotAPlan(name.to_owned()),
        Some(ErrorCode::DatabaseCorrupt) => StorageError::Damaged(name.to_owned(), "内部结构损坏"),
        Some(ErrorCode::ReadOnly) => StorageError::ReadOnly(name.to_owned()),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StorageError::Io(
            name.to_owned(),
            "没有读写权限，或文件所在的文件夹不可写".to_owned(),
        ),
        Some(ErrorCode::DiskFull) => StorageError::Io(name.to_owned(), "磁盘已满".to_owned()),
        _ => StorageError::Damaged(name.to_owned(), "无法读取"),
    }
}

pub(crate) fn display_name(path: &Path) -> String {
    path.display().to_string()
}
