//! The plan file: one SQLite database per plan. The only crate with SQL.
//!
//! Depends on `eduplan_domain` alone; knows nothing of the GUI, the command line or xlsx.
//!
//! * Locking: the connection runs in `locking_mode=EXCLUSIVE` and takes the write lock on
//!   open, so a second copy of the program gets `SQLITE_BUSY` and says the file is in use.
//!   The lock is an OS file lock: a crashed or killed process never leaves it behind.
//! * Durability: WAL journal with `synchronous=FULL`; every edit is its own transaction,
//!   committed before the caller hears it is done. There is no "save".
//! * Checks on open happen before anything is written: a foreign, damaged, truncated or newer
//!   file is refused and left byte-for-byte as it was.
//! * Compatibility: migrations in `schema.rs`; an older file is copied to a backup beside it
//!   before it is upgraded; a newer one is refused.
//! * History: every change is a row in `history` (what, old, new, when), grouped in batches.
//!   Reverting a batch applies the old values and is itself recorded, which is how undo works.

mod closeout;
mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};

use eduplan_domain::balance::{BalanceSettings, School, SchoolFigures, SchoolType};
use eduplan_domain::commitments::RectificationSource;
use eduplan_domain::edit::{Edit, Field, IndicatorField, PlanField, Subtree, TaskField, Value};
use eduplan_domain::{
    Actual, Attribute, Comparison, EntryMode, Indicator, IndicatorId, IndicatorKind, Plan,
    PlanInfo, ProgressEntry, Quarter, Rectification, RectificationId, SchoolId, Section, SectionId,
    Task, TaskId, TaskKind, TaskStatus,
};

pub use schema::{APPLICATION_ID, current_version};

/// The extension of plan files.
pub const EXTENSION: &str = "eduplan";

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

/// A batch of history rows: one user action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchId(pub i64);

/// One row of the history, as the UI lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub batch: BatchId,
    pub at: String,
    pub action: String,
    pub label: String,
    pub old: String,
    pub new: String,
}

/// What happened when an older file was upgraded.
#[derive(Clone, Debug, PartialEq)]
pub struct Upgrade {
    pub from_version: i32,
    pub backup: PathBuf,
}

pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
    upgrade: Option<Upgrade>,
    /// Set when this is a read-only view: the file the user named (`path` is then a private
    /// snapshot in the temporary folder, removed on drop).
    read_only_source: Option<PathBuf>,
}

impl Drop for PlanFile {
    fn drop(&mut self) {
        if self.read_only_source.is_some() {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = self.path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

impl PlanFile {
    /// Create a new plan file from `plan` (ids in `plan` are kept). Refuses to overwrite.
    /// The file is built under a temporary name and renamed into place, so a half-made
    /// file never appears under the real name.
    pub fn create(path: &Path, plan: &Plan) -> Result<PlanFile> {
        let name = display_name(path);
        if path.exists() {
            return Err(StorageError::AlreadyExists(name));
        }
        let tmp = path.with_extension(format!("{EXTENSION}.creating"));
        let _ = std::fs::remove_file(&tmp);
        let build = || -> Result<()> {
            let mut conn = Connection::open(&tmp).map_err(|e| classify(&name, e))?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            let tx = conn.transaction()?;
            for m in schema::MIGRATIONS {
                tx.execute_batch(m)?;
            }
            tx.pragma_update(None, "user_version", current_version())?;
            let uid = if plan.uid.is_empty() {
                new_uid()
            } else {
                plan.uid.clone()
            };
            write_plan_info(&tx, &uid, &plan.info)?;
            insert_subtree(
                &tx,
                &Subtree {
                    sections: plan.sections.clone(),
                    indicators: plan.indicators.clone(),
                    tasks: plan.tasks.clone(),
                    schools: plan.schools.clone(),
                    rectifications: plan.rectifications.clone(),
                    evidence: Vec::new(),
                },
            )?;
            tx.commit()?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.close().map_err(|(_, e)| StorageError::from(e))?;
            Ok(())
        };
        if let Err(e) = build() {
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(tmp.with_extension("creating-wal"));
            return Err(e);
        }
        std::fs::rename(&tmp, path).map_err(|e| StorageError::Io(name, io_reason(&e)))?;
        PlanFile::open(path)
    }

    /// Open a plan for viewing only, without locking or writing the file: a read-only file
    /// (from an e-mail attachment, a CD, a share), or a file for `status` and `export`.
    /// Reads a private snapshot (file and journal copied to the temporary folder), upgraded
    /// there if it is from an older version; the user's file is never touched.
    pub fn read_only(path: &Path) -> Result<PlanFile> {
        let name = display_name(path);
        check_header(path)?;
        let snapshot = std::env::temp_dir().join(format!(
            "eduplan-view-{}-{}.{EXTENSION}",
            std::process::id(),
            new_uid()
        ));
        let copy = |suffix: &str| -> Result<()> {
            let mut from = path.as_os_str().to_owned();
            from.push(suffix);
            let mut to = snapshot.as_os_str().to_owned();
            to.push(suffix);
            match std::fs::copy(&from, &to) {
                Ok(_) => Ok(()),
                Err(e) if !suffix.is_empty() && e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(StorageError::Io(name.clone(), io_reason(&e))),
            }
        };
        let opened = copy("").and_then(|()| copy("-wal")).and_then(|()| {
            let mut file = PlanFile::open_checked(&snapshot, &name, false)?;
            file.read_only_source = Some(path.to_owned());
            Ok(file)
        });
        if opened.is_err() {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = snapshot.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
        opened
    }

    /// Open an existing plan file for editing, holding it for this process alone.
    pub fn open(path: &Path) -> Result<PlanFile> {
        let name = display_name(path);
        check_header(path)?;
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            return Err(StorageError::ReadOnly(name));
        }
        PlanFile::open_checked(path, &name, true)
    }

    /// `name` is the file as the user knows it; `backup` says whether an upgrade backs the
    /// file up first (a read-only snapshot needs no backup).
    fn open_checked(path: &Path, name: &str, backup: bool) -> Result<PlanFile> {
        let name = name.to_owned();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(&name, e))?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(|e| classify(&name, e))?;
        // Take the lock and look, inside a transaction that writes nothing.
        conn.execute_batch("BEGIN EXCLUSIVE")
            .map_err(|e| classify(&name, e))?;
        let checked = inspect(&conn, &name);
        conn.execute_batch("COMMIT")
            .map_err(|e| classify(&name, e))?;
        let version = checked?;

        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StorageError::Io(
                name,
                format!("无法启用预写日志（{mode}），请把文件复制到本机硬盘后再打开"),
            ));
        }
        let mut file = PlanFile {
            conn,
            path: path.to_owned(),
            upgrade: None,
            read_only_source: None,
        };
        if version < current_version() {
            file.upgrade = Some(file.migrate(version, backup)?);
        }
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Set when this open upgraded an older file.
    pub fn upgrade(&self) -> Option<&Upgrade> {
        self.upgrade.as_ref()
    }

    fn migrate(&mut self, from_version: i32, make_backup: bool) -> Result<Upgrade> {
        let name = display_name(&self.path);
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let backup = backup_path(&self.path, from_version);
        if make_backup {
            std::fs::copy(&self.path, &backup)
                .map_err(|e| StorageError::Io(name.clone(), io_reason(&e)))?;
        }
        // Rebuilding a table drops the old one; with foreign keys on, that would delete the
        // rows that refer to it. They are switched off for the upgrade (outside the
        // transaction, as SQLite requires) and the references are checked before commit.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = (|| -> Result<()> {
            let tx = self.conn.transaction()?;
            for m in &schema::MIGRATIONS[from_version as usize..] {
                tx.execute_batch(m)?;
            }
            let dangling: i64 =
                tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if dangling > 0 {
                return Err(StorageError::Unreadable(
                    name.clone(),
                    format!("升级时发现{dangling}处引用不完整"),
                ));
            }
            tx.pragma_update(None, "user_version", current_version())?;
            tx.commit()?;
            Ok(())
        })();
        self.conn.pragma_update(None, "foreign_keys", true)?;
        result?;
        Ok(Upgrade {
            from_version,
            backup,
        })
    }

    /// Read the whole plan.
    /// The bytes of an evidence file (removed ones too, for those who look them up by id).
    pub fn evidence_data(&self, id: eduplan_domain::EvidenceId) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT data FROM evidence WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StorageError::Invalid("该佐证材料已不在规划文件中".to_owned()))
    }

    /// The plan file's size on disk, to warn when it grows past what e-mail carries.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }

    pub fn load(&self) -> Result<Plan> {
        load_plan(&self.conn).map_err(|e| match e {
            StorageError::Sql(_) => StorageError::Damaged(display_name(&self.path), "内容无法读取"),
            StorageError::Unreadable(_, what) => {
                StorageError::Unreadable(display_name(&self.path), what)
            }
            other => other,
        })
    }

    /// For a read-only view: the file the user opened (`path` is then a private snapshot).
    pub fn read_only_source(&self) -> Option<&Path> {
        self.read_only_source.as_deref()
    }

    /// False for a file opened with `read_only`: edits are refused.
    pub fn is_writable(&self) -> bool {
        self.read_only_source.is_none()
    }

    fn check_writable(&self) -> Result<()> {
        match &self.read_only_source {
            Some(p) => Err(StorageError::ReadOnly(display_name(p))),
            None => Ok(()),
        }
    }

    /// Apply `edits` as one user action, in one transaction. Returns the history batch, or
    /// None when nothing changed (every value was already as asked). What a delete removes and
    /// the names the history shows are read from the file inside the same transaction.
    pub fn apply(&mut self, edits: &[Edit], action: &str) -> Result<Option<BatchId>> {
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let batch = next_batch(&tx)?;
        for edit in edits {
            apply_edit(&tx, batch, action, edit)?;
        }
        let recorded: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM history WHERE batch = ?1)",
            [batch.0],
            |r| r.get(0),
        )?;
        if !recorded {
            return Ok(None);
        }
        tx.commit()?;
        Ok(Some(batch))
    }

    /// Undo a batch: put back every old value, newest first. The reversal is recorded as a
    /// batch of its own (returned), so reverting that one redoes the original.
    pub fn revert(&mut self, batch: BatchId, action: &str) -> Result<BatchId> {
        self.check_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let rows: Vec<HistoryRow> = {
            let mut stmt = tx.prepare(
                "SELECT kind, indicator_id, target, label, old, new, format FROM history
                 WHERE batch = ?1 ORDER BY id DESC",
            )?;
            stmt.query_map([batch.0], |r| {
                Ok(HistoryRow {
                    kind: r.get(0)?,
                    indicator: r.get(1)?,
                    target: r.get(2)?,
                    label: r.get(3)?,
                    old: r.get(4)?,
                    new: r.get(5)?,
                    format: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        if rows.is_empty() {
            return Err(StorageError::Invalid("没有可撤销的操作".to_owned()));
        }
        let new_batch = next_batch(&tx)?;
        for row in rows {
            let reverse = match row.decode()? {
                Record::Set { field, old, new } => {
                    write_field(&tx, field, &old)?;
                    Record::Set {
                        field,
                        old: new,
                        new: old,
                    }
                }
                Record::Insert(subtree) => {
                    delete_subtree(&tx, &subtree)?;
                    Record::Delete(subtree)
                }
                Record::Delete(subtree) => {
                    insert_subtree(&tx, &subtree)?;
                    Record::Insert(subtree)
                }
            };
            record(&tx, new_batch, action, row.indicator, &row.label, &reverse)?;
        }
        tx.commit()?;
        Ok(new_batch)
    }

    /// The history, newest first; for one indicator when given.
    pub fn history(
        &self,
        indicator: Option<IndicatorId>,
        limit: usize,
    ) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT batch, at, action, kind, label, old, new, format, indicator_id, target
             FROM history WHERE (?1 IS NULL OR indicator_id = ?1) ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![indicator.map(|i| i.0), limit as i64], |r| {
            let row = HistoryRow {
                kind: r.get(3)?,
                indicator: r.get(8)?,
                target: r.get(9)?,
                label: r.get(4)?,
                old: r.get(5)?,
                new: r.get(6)?,
                format: r.get(7)?,
            };
            Ok((
                BatchId(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                row,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (batch, at, action, row) = row?;
            let (old, new) = match row.decode() {
                Ok(Record::Set { field, old, new }) => {
                    (field.display_value(&old), field.display_value(&new))
                }
                Ok(Record::Insert(_)) => ("（无）".to_owned(), "（新增）".to_owned()),
                Ok(Record::Delete(_)) => ("（内容）".to_owned(), "（已删除）".to_owned()),
                Err(_) => ("？".to_owned(), "？".to_owned()),
            };
            out.push(HistoryEntry {
                batch,
                at,
                action,
                label: row.label,
                old,
                new,
            });
        }
        Ok(out)
    }

    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }
}

/// An I/O error in words for the officer.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "没有读写权限".to_owned(),
        std::io::ErrorKind::NotFound => "找不到文件或文件夹".to_owned(),
        std::io::ErrorKind::StorageFull => "磁盘已满".to_owned(),
        _ => "读写出错，请检查磁盘和文件位置".to_owned(),
    }
}

fn new_uid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    format!("{:016x}{:08x}", h.finish(), (nanos & 0xffff_ffff) as u32)
}

fn backup_path(path: &Path, version: i32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 0;
    loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let candidate =
            path.with_file_name(format!("{stem}.升级前备份-v{version}{suffix}.{EXTENSION}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// Look at the first bytes before SQLite does: SQLite would happily turn an empty or
/// foreign file into a database on first write.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let name = display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StorageError::NotFound(name.clone()),
        _ => StorageError::Io(name.clone(), io_reason(&e)),
    })?;
    if meta.is_dir() {
        return Err(StorageError::NotAPlan(name));
    }
    let mut header = [0u8; 100];
    let mut f =
        std::fs::File::open(path).map_err(|e| StorageError::Io(name.clone(), io_reason(&e)))?;
    let n = f
        .read(&mut header)
        .map_err(|e| StorageError::Io(name.clone(), io_reason(&e)))?;
    if n < 16 || &header[..16] != b"SQLite format 3\0" {
        return Err(StorageError::NotAPlan(name));
    }
    if n < 100 {
        return Err(StorageError::Damaged(name, "文件头不完整"));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        p => u64::from(p),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    if page_size < 512
        || meta.len() % page_size != 0
        || (pages > 0 && meta.len() < pages * page_size)
    {
        return Err(StorageError::Damaged(name, "文件被截断"));
    }
    Ok(())
}

fn classify(name: &str, e: rusqlite::Error) -> StorageError {
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

/// Read-only checks on an open connection; returns the schema version.
fn inspect(conn: &Connection, name: &str) -> Result<i32> {
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if app_id != APPLICATION_ID {
        return Err(StorageError::NotAPlan(name.to_owned()));
    }
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if version > current_version() {
        return Err(StorageError::Newer(
            name.to_owned(),
            version,
            current_version(),
        ));
    }
    if version < 1 {
        return Err(StorageError::NotAPlan(name.to_owned()));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if check != "ok" {
        return Err(StorageError::Damaged(name.to_owned(), "完整性检查未通过"));
    }
    Ok(version)
}

fn next_batch(tx: &Transaction) -> Result<BatchId> {
    let b: i64 = tx.query_row("SELECT COALESCE(MAX(batch), 0) + 1 FROM history", [], |r| {
        r.get(0)
    })?;
    Ok(BatchId(b))
}

/// The history format written by this version (see migration 3 in `schema.rs`).
const HISTORY_FORMAT: i64 = 2;

/// One history row, decoded: a field set from `old` to `new`, or a subtree added or removed.
#[derive(Clone, Debug, PartialEq)]
enum Record {
    Set {
        field: Field,
        old: Value,
        new: Value,
    },
    Insert(Subtree),
    Delete(Subtree),
}

/// A history row as stored.
struct HistoryRow {
    kind: String,
    indicator: Option<i64>,
    target: String,
    label: String,
    old: String,
    new: String,
    format: i64,
}

impl HistoryRow {
    fn decode(&self) -> Result<Record> {
        let unreadable = |what: &str| {
            StorageError::Invalid(format!(
                "这条修改记录（{}）无法读取（{what}），无法撤销",
                self.label
            ))
        };
        match self.kind.as_str() {
            "set" => {
                let field = match self.format {
                    1 => serde_json::from_str::<Field>(&self.target).ok(),
                    2 => Field::from_key(&self.target),
                    _ => None,
                }
                .ok_or_else(|| unreadable("字段"))?;
                let value = |json: &str| -> Result<Value> {
                    let v: Value = serde_json::from_str(json).map_err(|_| unreadable("取值"))?;
                    Ok(if self.format == 1 {
                        legacy_code(field, v)
                    } else {
                        v
                    })
                };
                Ok(Record::Set {
                    field,
                    old: value(&self.old)?,
                    new: value(&self.new)?,
                })
            }
            "insert" => Ok(Record::Insert(
                serde_json::from_str(&self.new).map_err(|_| unreadable("新增的内容"))?,
            )),
            "delete" => Ok(Record::Delete(
                serde_json::from_str(&self.old).map_err(|_| unreadable("删除的内容"))?,
            )),
            _ => Err(unreadable("类型")),
        }
    }
}

/// Format-1 history held enumerations as the words shown in version 1 and 2 (约束性, ≥, 推进中).
fn legacy_code(field: Field, value: Value) -> Value {
    let Value::Text(word) = &value else {
        return value;
    };
    let code = match field {
        Field::Indicator(_, IndicatorField::Attribute) => {
            Attribute::from_label(word).map(|a| a.code())
        }
        Field::Indicator(_, IndicatorField::Comparison) => {
            Comparison::from_symbol(word).map(|c| c.code())
        }
        Field::Task(_, TaskField::Status) => TaskStatus::from_label(word).map(|s| s.code()),
        _ => None,
    };
    code.map_or(value, Value::text)
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StorageError::Invalid(format!("无法记录修改：{e}")))
}

fn record(
    tx: &Transaction,
    batch: BatchId,
    action: &str,
    indicator: Option<i64>,
    label: &str,
    record: &Record,
) -> Result<()> {
    let (kind, target, old, new) = match record {
        Record::Set { field, old, new } => ("set", field.key(), to_json(old)?, to_json(new)?),
        Record::Insert(s) => (
            "insert",
            "subtree".to_owned(),
            "null".to_owned(),
            to_json(s)?,
        ),
        Record::Delete(s) => (
            "delete",
            "subtree".to_owned(),
            to_json(s)?,
            "null".to_owned(),
        ),
    };
    tx.prepare_cached(
        "INSERT INTO history (batch, at, action, kind, indicator_id, target, label, old, new, format)
         VALUES (?1, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![batch.0, action, kind, indicator, target, label, old, new, HISTORY_FORMAT])?;
    Ok(())
}

/// The name of what a field belongs to, read inside the edit's transaction.
fn describe_field(tx: &Transaction, field: Field) -> Result<String> {
    let name = |sql: &str, id: i64| -> Result<String> {
        Ok(tx
            .prepare_cached(sql)?
            .query_row([id], |r| r.get::<_, String>(0))
            .optional()?
            .unwrap_or_else(|| format!("#{id}")))
    };
    let indicator = |id: IndicatorId| name("SELECT name FROM indicator WHERE id = ?1", id.0);
    let task = |id: TaskId| name("SELECT title FROM task WHERE id = ?1", id.0);
    let school = |id: SchoolId| name("SELECT name FROM school WHERE id = ?1", id.0);
    let rectification = |id: RectificationId| {
        name(
            "SELECT '整改“' || substr(problem, 1, 16) || '”' FROM rectification WHERE id = ?1",
            id.0,
        )
    };
    Ok(match field {
        Field::Plan(f) => format!("规划·{}", f.spec().label),
        Field::Section(id, f) => format!(
            "章节“{}”·{}",
            name("SELECT numbering || title FROM section WHERE id = ?1", id.0)?,
            f.spec().label
        ),
        Field::Indicator(id, f) => format!("{}·{}", indicator(id)?, f.spec().label),
        Field::Planned(id, y) => format!("{}·{y}年目标", indicator(id)?),
        Field::Benchmark(id, y) => format!("{}·{y}年对照基准", indicator(id)?),
        Field::Actual(id, y, f) => format!("{}·{y}年{}", indicator(id)?, f.spec().label),
        Field::Task(id, f) => format!("{}·{}", task(id)?, f.spec().label),
        Field::TaskProgress(id, y) => format!("{}·{y}年进展", task(id)?),
        Field::TaskQuarter(id, q) => {
            format!("{}·{}年{}形象进度", task(id)?, q.year(), q.label())
        }
        Field::School(id, f) => format!("{}·{}", school(id)?, f.spec().label),
        Field::SchoolYear(id, y, f) => format!("{}·{y}年{}", school(id)?, f.spec().label),
        Field::Rectification(id, f) => format!("{}·{}", rectification(id)?, f.spec().label),
        Field::RectificationProgress(id, d) => format!("{}·{d}整改进展", rectification(id)?),
        Field::EvidenceRemoved(id) => format!(
            "佐证材料“{}”·移除",
            name("SELECT name FROM evidence WHERE id = ?1", id.0)?
        ),
    })
}

/// What a delete removes, as the plan stands: the history label, the indicator it concerns
/// and the subtree (a section with everything under it).
fn removal(plan: &Plan, edit: &Edit) -> Result<(String, Option<i64>, Subtree)> {
    let gone = |what: &str| StorageError::Invalid(format!("要删除的{what}已不存在"));
    match edit {
        Edit::DeleteSection(id) => {
            let section = plan.section(*id).ok_or_else(|| gone("章节"))?;
            let label = format!("删除章节“{}”", section.heading());
            Ok((label, None, Subtree::of_section(plan, *id)))
        }
        Edit::DeleteIndicator(id) => {
            let ind = plan.indicator(*id).ok_or_else(|| gone("指标"))?;
            let subtree = Subtree {
                indicators: vec![ind.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除指标“{}”", ind.name), Some(id.0), subtree))
        }
        Edit::DeleteTask(id) => {
            let task = plan.task(*id).ok_or_else(|| gone("任务"))?;
            let subtree = Subtree {
                tasks: vec![task.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除任务“{}”", task.title), None, subtree))
        }
        Edit::DeleteRectification(id) => {
            let item = plan
                .rectifications
                .iter()
                .find(|r| r.id == *id)
                .ok_or_else(|| gone("整改事项"))?;
            let subtree = Subtree {
                rectifications: vec![item.clone()],
                ..Subtree::default()
            };
            let short: String = item.problem.chars().take(16).collect();
            Ok((format!("删除整改事项“{short}”"), None, subtree))
        }
        Edit::DeleteSchool(id) => {
            let school = plan.school(*id).ok_or_else(|| gone("学校"))?;
            let subtree = Subtree {
                schools: vec![school.clone()],
                ..Subtree::default()
            };
            Ok((format!("删除学校“{}”", school.name), None, subtree))
        }
        _ => Err(StorageError::Invalid("不是删除操作".to_owned())),
    }
}

/// The plan as it stands inside the transaction, for what a delete removes.
fn plan_in(tx: &Transaction) -> Result<Plan> {
    load_plan(tx)
}

fn apply_edit(tx: &Transaction, batch: BatchId, action: &str, edit: &Edit) -> Result<()> {
    match edit {
        Edit::Set(field, value) => {
            let settings_ok = match (field, value) {
                (Field::Plan(PlanField::BalanceSettings), Value::Text(json)) => {
                    balance_settings(json).is_ok()
                }
                (Field::Indicator(_, IndicatorField::LinkedFigure), Value::Text(code)) => {
                    eduplan_domain::balance::LinkedFigure::from_code(code).is_some()
                }
                _ => true,
            };
            if !field.shape().accepts(value) || !settings_ok {
                return Err(StorageError::Invalid(format!(
                    "“{}”的值不符合要求：{}",
                    describe_field(tx, *field)?,
                    value.display()
                )));
            }
            let old = read_field(tx, *field)?;
            if &old == value {
                return Ok(());
            }
            write_field(tx, *field, value)?;
            let label = describe_field(tx, *field)?;
            record(
                tx,
                batch,
                action,
                field.indicator().map(|i| i.0),
                &label,
                &Record::Set {
                    field: *field,
                    old,
                    new: value.clone(),
                },
            )?;
            match closeout::implied_by(tx, *field)? {
                Some((implied, v)) => apply_edit(tx, batch, action, &Edit::Set(implied, v)),
                None => Ok(()),
            }
        }
        Edit::AddSection {
            parent,
            numbering,
            title,
        } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM section WHERE parent_id IS ?1",
                [parent.map(|p| p.0)],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO section (parent_id, position, numbering, title) VALUES (?1, ?2, ?3, ?4)",
                params![parent.map(|p| p.0), position, numbering, title],
            )?;
            let section = Section {
                id: SectionId(tx.last_insert_rowid()),
                parent: *parent,
                position,
                numbering: numbering.clone(),
                title: title.clone(),
                body: String::new(),
                lead_unit: String::new(),
                co_units: String::new(),
            };
            let label = format!("新增章节“{}”", section.heading());
            let subtree = Subtree {
                sections: vec![section],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddIndicator { section, name } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE section_id = ?1",
                [section.0],
                |r| r.get(0),
            )?;
            let last_year: i32 =
                tx.query_row("SELECT last_year FROM plan WHERE id = 1", [], |r| r.get(0))?;
            let mut ind = Indicator::new(IndicatorId(0), *section, name);
            ind.position = position;
            ind.target_year = last_year;
            ind.id = insert_indicator(tx, &ind, false)?;
            let label = format!("新增指标“{name}”");
            let id = ind.id.0;
            let subtree = Subtree {
                indicators: vec![ind],
                ..Subtree::default()
            };
            record(
                tx,
                batch,
                action,
                Some(id),
                &label,
                &Record::Insert(subtree),
            )
        }
        Edit::AddTask { section, title } => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM task WHERE section_id = ?1",
                [section.0],
                |r| r.get(0),
            )?;
            let mut task = Task::new(TaskId(0), *section, title);
            task.position = position;
            task.id = insert_task(tx, &task, false)?;
            let label = format!("新增任务“{title}”");
            let subtree = Subtree {
                tasks: vec![task],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddSchool(new_school) => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM school",
                [],
                |r| r.get(0),
            )?;
            let mut school = new_school.clone();
            school.position = position;
            school.id = insert_school(tx, &school, false)?;
            let label = format!("新增学校“{}”", school.name);
            let subtree = Subtree {
                schools: vec![school],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddOutline(outline) => {
            let mut new_ids: HashMap<SectionId, SectionId> = HashMap::new();
            let mut added = Subtree::default();
            for s in &outline.sections {
                let parent = s.parent.map(|p| new_ids.get(&p).copied().unwrap_or(p));
                let position: i64 = tx.query_row(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM section WHERE parent_id IS ?1",
                    [parent.map(|p| p.0)],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO section (parent_id, position, numbering, title, body)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![parent.map(|p| p.0), position, s.numbering, s.title, s.body],
                )?;
                let id = SectionId(tx.last_insert_rowid());
                new_ids.insert(s.id, id);
                added.sections.push(Section {
                    id,
                    parent,
                    position,
                    ..s.clone()
                });
            }
            for ind in &outline.indicators {
                let section = new_ids.get(&ind.section).copied().unwrap_or(ind.section);
                let position: i64 = tx.query_row(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM indicator WHERE section_id = ?1",
                    [section.0],
                    |r| r.get(0),
                )?;
                let mut ind = Indicator {
                    section,
                    position,
                    actuals: Default::default(),
                    ..ind.clone()
                };
                ind.id = insert_indicator(tx, &ind, false)?;
                added.indicators.push(ind);
            }
            let label = if added.sections.is_empty() {
                format!("新增{}个指标", added.indicators.len())
            } else {
                format!(
                    "新增{}个章节、{}个指标",
                    added.sections.len(),
                    added.indicators.len()
                )
            };
            record(tx, batch, action, None, &label, &Record::Insert(added))
        }
        Edit::AddRectification(new_item) => {
            let position: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM rectification",
                [],
                |r| r.get(0),
            )?;
            let mut item = new_item.clone();
            item.position = position;
            item.id = insert_rectification(tx, &item, false)?;
            let short: String = item.problem.chars().take(16).collect();
            let label = format!("新增整改事项“{short}”");
            let subtree = Subtree {
                rectifications: vec![item],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::AddEvidence {
            owner,
            name,
            added,
            data,
        } => {
            if data.len() as u64 > eduplan_domain::MAX_EVIDENCE_BYTES {
                return Err(StorageError::Invalid(format!(
                    "“{name}”有{:.1} MB，超过佐证材料的上限20 MB，未加入。请压缩或拆分后再添加。",
                    data.len() as f64 / 1024.0 / 1024.0
                )));
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(StorageError::Invalid("佐证材料缺少文件名".to_owned()));
            }
            let (kind, owner_id, year) = evidence_owner_columns(*owner);
            tx.prepare_cached(
                "INSERT INTO evidence (owner, owner_id, year, name, size, added, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                kind,
                owner_id,
                year,
                name,
                data.len() as i64,
                added.to_string(),
                data
            ])?;
            let evidence = eduplan_domain::Evidence {
                id: eduplan_domain::EvidenceId(tx.last_insert_rowid()),
                owner: *owner,
                name: name.to_owned(),
                size: data.len() as u64,
                added: *added,
                removed: false,
            };
            let label = format!("添加佐证材料“{name}”");
            let subtree = Subtree {
                evidence: vec![evidence],
                ..Subtree::default()
            };
            record(tx, batch, action, None, &label, &Record::Insert(subtree))
        }
        Edit::DeleteSection(_)
        | Edit::DeleteIndicator(_)
        | Edit::DeleteTask(_)
        | Edit::DeleteSchool(_)
        | Edit::DeleteRectification(_) => {
            let (label, indicator, subtree) = removal(&plan_in(tx)?, edit)?;
            delete_subtree(tx, &subtree)?;
            record(
                tx,
                batch,
                action,
                indicator,
                &label,
                &Record::Delete(subtree),
            )
        }
    }
}

/// The table, key and column a field lives in.
enum Place {
    Plan(&'static str),
    Row {
        table: &'static str,
        id: i64,
        column: &'static str,
    },
    /// A row per (owner, period): a year, or for 整改进展 a day (yyyymmdd).
    Yearly {
        table: &'static str,
        key: &'static str,
        id: i64,
        year: i32,
        column: &'static str,
        period: &'static str,
    },
}

/// Where a field lives: its table, and its column, which is the field's stable key.
fn place_of(field: Field) -> Place {
    let row = |table, id: i64, column| Place::Row { table, id, column };
    let yearly = |table, key, id: i64, year, column| Place::Yearly {
        table,
        key,
        id,
        year,
        column,
        period: "year",
    };
    match field {
        Field::Plan(f) => Place::Plan(f.spec().key),
        Field::Section(id, f) => row("section", id.0, f.spec().key),
        Field::Indicator(id, f) => row("indicator", id.0, f.spec().key),
        Field::Task(id, f) => row("task", id.0, f.spec().key),
        Field::Planned(id, year) => yearly("planned_value", "indicator_id", id.0, year, "value"),
        Field::Benchmark(id, year) => {
            yearly("benchmark_value", "indicator_id", id.0, year, "value")
        }
        Field::Actual(id, year, f) => yearly("actual", "indicator_id", id.0, year, f.spec().key),
        Field::TaskProgress(id, year) => yearly("task_progress", "task_id", id.0, year, "text"),
        Field::TaskQuarter(id, q) => Place::Yearly {
            table: "task_quarter_progress",
            key: "task_id",
            id: id.0,
            year: q.number(),
            column: "text",
            period: "quarter",
        },
        Field::School(id, f) => row("school", id.0, f.spec().key),
        Field::SchoolYear(id, year, f) => {
            yearly("school_year", "school_id", id.0, year, f.spec().key)
        }
        Field::Rectification(id, f) => row("rectification", id.0, f.spec().key),
        Field::EvidenceRemoved(id) => row("evidence", id.0, "removed"),
        Field::RectificationProgress(id, day) => Place::Yearly {
            table: "rectification_progress",
            key: "rectification_id",
            id: id.0,
            year: day_number(day),
            column: "text",
            period: "day",
        },
    }
}

/// A date as the integer key of 整改进展 rows: 2024-03-01 → 20240301.
fn day_number(d: eduplan_domain::Date) -> i32 {
    i32::from(d.year()) * 10000 + i32::from(d.month()) * 100 + i32::from(d.day())
}

fn day_from_number(n: i32) -> Option<eduplan_domain::Date> {
    let y = i16::try_from(n / 10000).ok()?;
    let m = i8::try_from(n / 100 % 100).ok()?;
    let d = i8::try_from(n % 100).ok()?;
    eduplan_domain::Date::new(y, m, d).ok()
}

fn parse_date(text: Option<String>, what: &str) -> Result<Option<eduplan_domain::Date>> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| bad(what, &t)),
    }
}

fn sql_to_value(v: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as V;
    match v {
        V::Null => Value::Null,
        V::Integer(i) => Value::Int(i),
        V::Real(r) => Value::Num(r),
        V::Text(t) => Value::Text(t),
        V::Blob(_) => Value::Null,
    }
}

fn value_to_sql(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Int(i) => V::Integer(*i),
        Value::Num(r) => V::Real(*r),
        Value::Text(t) => V::Text(t.clone()),
    }
}

fn read_field(tx: &Transaction, field: Field) -> Result<Value> {
    let text_default = |column: &str| matches!(column, "note" | "source" | "text");
    let v: Option<rusqlite::types::Value> = match place_of(field) {
        Place::Plan(column) => tx
            .query_row(
                &format!("SELECT {column} FROM plan WHERE id = 1"),
                [],
                |r| r.get(0),
            )
            .optional()?,
        Place::Row { table, id, column } => {
            let v = tx
                .query_row(
                    &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if v.is_none() {
                return Err(StorageError::Invalid(format!(
                    "要修改的内容已不存在（{table} #{id}）"
                )));
            }
            v
        }
        Place::Yearly {
            table,
            key,
            id,
            year,
            column,
            period,
        } => {
            let v = tx
                .query_row(
                    &format!("SELECT {column} FROM {table} WHERE {key} = ?1 AND {period} = ?2"),
                    params![id, year],
                    |r| r.get(0),
                )
                .optional()?;
            if v.is_none() && text_default(column) {
                Some(rusqlite::types::Value::Text(String::new()))
            } else if v.is_none() && column == "estimate" {
                Some(rusqlite::types::Value::Integer(0))
            } else {
                v
            }
        }
    };
    Ok(v.map_or(Value::Null, sql_to_value))
}

fn write_field(tx: &Transaction, field: Field, value: &Value) -> Result<()> {
    let sql_value = value_to_sql(value);
    match place_of(field) {
        Place::Plan(column) => {
            tx.execute(
                &format!("UPDATE plan SET {column} = ?1 WHERE id = 1"),
                [sql_value],
            )?;
        }
        Place::Row { table, id, column } => {
            let n = tx.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"),
                params![sql_value, id],
            )?;
            if n == 0 {
                return Err(StorageError::Invalid(format!(
                    "要修改的内容已不存在（{table} #{id}）"
                )));
            }
        }
        // Tables with several figures per year: a row holds them all, so a value is set
        // (or emptied) in its column and the row stays.
        Place::Yearly {
            table: table @ ("actual" | "school_year"),
            key,
            id,
            year,
            column,
            ..
        } => {
            tx.prepare_cached(&format!(
                "INSERT OR IGNORE INTO {table} ({key}, year) VALUES (?1, ?2)"
            ))?
            .execute(params![id, year])?;
            tx.prepare_cached(&format!(
                "UPDATE {table} SET {column} = ?1 WHERE {key} = ?2 AND year = ?3"
            ))?
            .execute(params![sql_value, id, year])?;
        }
        Place::Yearly {
            table,
            key,
            id,
            year,
            column,
            period,
        } => {
            let empty =
                matches!(value, Value::Null) || matches!(value, Value::Text(t) if t.is_empty());
            if empty {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE {key} = ?1 AND {period} = ?2"),
                    params![id, year],
                )?;
            } else {
                tx.execute(
                    &format!(
                        "INSERT INTO {table} ({key}, {period}, {column}) VALUES (?1, ?2, ?3)
                         ON CONFLICT ({key}, {period}) DO UPDATE SET {column} = excluded.{column}"
                    ),
                    params![id, year, sql_value],
                )?;
            }
        }
    }
    Ok(())
}

fn write_plan_info(tx: &Transaction, uid: &str, info: &PlanInfo) -> Result<()> {
    tx.execute(
        "INSERT INTO plan (id, uid, name, region, issuing_body, doc_number, issue_date, reporting_unit,
                           base_year, first_year, last_year, remark, yellow_tolerance_pp,
                           ahead_margin_pp, green_limit_pp, balance_settings, due_soon_days)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            uid,
            info.name,
            info.region,
            info.issuing_body,
            info.doc_number,
            info.issue_date,
            info.reporting_unit,
            info.base_year,
            info.first_year,
            info.last_year,
            info.remark,
            info.yellow_tolerance_pp,
            info.ahead_margin_pp,
            info.green_limit_pp,
            if info.balance == BalanceSettings::default() {
                String::new()
            } else {
                to_json(&info.balance)?
            },
            info.due_soon_days,
        ],
    )?;
    closeout::write_plan(tx, info)
}

/// Insert rows with the ids they carry; `with_id = false` lets SQLite choose the id.
fn insert_indicator(tx: &Transaction, ind: &Indicator, with_id: bool) -> Result<IndicatorId> {
    tx.prepare_cached(
        "INSERT INTO indicator (id, section_id, position, name, unit, category, attribute, kind,
            comparison, base_value, target_value, target_stretch, target_year, target_text,
            lead_unit, data_source, numerator_label, denominator_label, may_exceed_100,
            base_year, decimals, entry_mode, linked_figure, definition, library_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(params![
        with_id.then_some(ind.id.0),
        ind.section.0,
        ind.position,
        ind.name,
        ind.unit,
        ind.category,
        ind.attribute.code(),
        ind.kind.code(),
        ind.comparison.code(),
        ind.base_value,
        ind.target_value,
        ind.target_stretch,
        ind.target_year,
        ind.target_text,
        ind.lead_unit,
        ind.data_source,
        ind.numerator_label,
        ind.denominator_label,
        ind.may_exceed_100,
        ind.base_year,
        ind.decimals,
        ind.entry_mode.code(),
        ind.linked_figure,
        ind.definition,
        ind.library_code,
    ])?;
    let id = IndicatorId(tx.last_insert_rowid());
    for (year, value) in &ind.planned {
        tx.prepare_cached(
            "INSERT INTO planned_value (indicator_id, year, value) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, year, value])?;
    }
    for (year, value) in &ind.benchmarks {
        tx.prepare_cached(
            "INSERT INTO benchmark_value (indicator_id, year, value) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, year, value])?;
    }
    for (year, a) in &ind.actuals {
        tx.prepare_cached(
            "INSERT INTO actual (indicator_id, year, value, numerator, denominator, note, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            id.0,
            year,
            a.value,
            a.numerator,
            a.denominator,
            a.note,
            a.source
        ])?;
    }
    closeout::write_indicator(tx, id, ind)?;
    Ok(id)
}

fn insert_task(tx: &Transaction, task: &Task, with_id: bool) -> Result<TaskId> {
    tx.prepare_cached(
        "INSERT INTO task (id, section_id, position, kind, title, measures, lead_unit, co_units,
                           deadline, budget_wan_yuan, status, remark, deadline_date,
                           responsible_person, annual_target, completed_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        with_id.then_some(task.id.0),
        task.section.0,
        task.position,
        task.kind.code(),
        task.title,
        task.measures,
        task.lead_unit,
        task.co_units,
        task.deadline,
        task.budget_wan_yuan,
        task.status.code(),
        task.remark,
        task.deadline_date.map(|d| d.to_string()),
        task.responsible_person,
        task.annual_target,
        task.completed_date.map(|d| d.to_string()),
    ])?;
    let id = TaskId(tx.last_insert_rowid());
    for (year, text) in &task.progress {
        tx.prepare_cached("INSERT INTO task_progress (task_id, year, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id.0, year, text])?;
    }
    for (quarter, text) in &task.quarterly {
        tx.prepare_cached(
            "INSERT INTO task_quarter_progress (task_id, quarter, text) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, quarter.number(), text])?;
    }
    closeout::write_task(tx, id, task)?;
    Ok(id)
}

/// The school-year columns, in the order of `SchoolFigures`: pupils, then `Resource::ALL`.
const SCHOOL_YEAR_COLUMNS: &str = "pupils_primary, pupils_junior, pupils_senior, \
    qualified_teachers, key_teachers, arts_pe_teachers, teaching_space, sports_space, \
    equipment, multimedia_rooms";

fn insert_school(tx: &Transaction, school: &School, with_id: bool) -> Result<SchoolId> {
    tx.prepare_cached(
        "INSERT INTO school (id, position, name, school_type, remark) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        with_id.then_some(school.id.0),
        school.position,
        school.name,
        school.school_type.code(),
        school.remark,
    ])?;
    let id = SchoolId(tx.last_insert_rowid());
    for (year, f) in &school.years {
        let c = &f.counts;
        tx.prepare_cached(&format!(
            "INSERT INTO school_year (school_id, year, {SCHOOL_YEAR_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ))?
        .execute(params![
            id.0,
            year,
            f.pupils_primary,
            f.pupils_junior,
            f.pupils_senior,
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            c[6]
        ])?;
    }
    Ok(id)
}

fn insert_subtree(tx: &Transaction, subtree: &Subtree) -> Result<()> {
    // Parents before children: insert in an order where each parent is already present.
    let mut pending: Vec<&Section> = subtree.sections.iter().collect();
    let mut inserted: Vec<SectionId> = Vec::new();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for s in pending {
            let parent_ready = s.parent.is_none_or(|p| {
                inserted.contains(&p) || !subtree.sections.iter().any(|x| x.id == p)
            });
            if parent_ready {
                tx.prepare_cached(
                    "INSERT INTO section (id, parent_id, position, numbering, title, body, lead_unit, co_units)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    s.id.0,
                    s.parent.map(|p| p.0),
                    s.position,
                    s.numbering,
                    s.title,
                    s.body,
                    s.lead_unit,
                    s.co_units
                ])?;
                inserted.push(s.id);
            } else {
                rest.push(s);
            }
        }
        if rest.len() == before {
            return Err(StorageError::Invalid("章节的上下级关系有循环".to_owned()));
        }
        pending = rest;
    }
    for ind in &subtree.indicators {
        insert_indicator(tx, ind, true)?;
    }
    for task in &subtree.tasks {
        insert_task(tx, task, true)?;
    }
    for school in &subtree.schools {
        insert_school(tx, school, true)?;
    }
    for item in &subtree.rectifications {
        insert_rectification(tx, item, true)?;
    }
    // Evidence rows keep their bytes when removed: bringing one back un-marks it.
    for e in &subtree.evidence {
        tx.execute("UPDATE evidence SET removed = 0 WHERE id = ?1", [e.id.0])?;
    }
    Ok(())
}

fn delete_subtree(tx: &Transaction, subtree: &Subtree) -> Result<()> {
    for ind in &subtree.indicators {
        tx.execute("DELETE FROM indicator WHERE id = ?1", [ind.id.0])?;
    }
    for task in &subtree.tasks {
        tx.execute("DELETE FROM task WHERE id = ?1", [task.id.0])?;
    }
    for school in &subtree.schools {
        tx.execute("DELETE FROM school WHERE id = ?1", [school.id.0])?;
    }
    for item in &subtree.rectifications {
        tx.execute("DELETE FROM rectification WHERE id = ?1", [item.id.0])?;
    }
    for e in &subtree.evidence {
        tx.execute("UPDATE evidence SET removed = 1 WHERE id = ?1", [e.id.0])?;
    }
    // Children before parents.
    let mut remaining: Vec<SectionId> = subtree.sections.iter().map(|s| s.id).collect();
    while !remaining.is_empty() {
        let before = remaining.len();
        let mut rest = Vec::new();
        for id in &remaining {
            let has_children: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM section WHERE parent_id = ?1)
                    OR EXISTS (SELECT 1 FROM indicator WHERE section_id = ?1)
                    OR EXISTS (SELECT 1 FROM task WHERE section_id = ?1)",
                [id.0],
                |r| r.get(0),
            )?;
            if has_children {
                rest.push(*id);
            } else {
                tx.execute("DELETE FROM section WHERE id = ?1", [id.0])?;
            }
        }
        if rest.len() == before {
            return Err(StorageError::Invalid(
                "章节下还有其他内容，无法删除".to_owned(),
            ));
        }
        remaining = rest;
    }
    Ok(())
}

/// The 优质均衡 thresholds as stored: empty for the national defaults.
fn balance_settings(json: &str) -> Result<BalanceSettings> {
    if json.trim().is_empty() {
        return Ok(BalanceSettings::default());
    }
    serde_json::from_str(json).map_err(|_| bad("优质均衡标准", "（设置记录）"))
}

fn bad(what: &str, value: &str) -> StorageError {
    StorageError::Unreadable(String::new(), format!("{what}“{value}”无法识别"))
}

fn load_plan(conn: &Connection) -> Result<Plan> {
    let (uid, info) = conn.query_row(
        "SELECT uid, name, region, issuing_body, doc_number, issue_date, reporting_unit,
                base_year, first_year, last_year, yellow_tolerance_pp, remark, ahead_margin_pp,
                green_limit_pp, balance_settings, due_soon_days FROM plan WHERE id = 1",
        [],
        |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(14)?),
                PlanInfo {
                    name: r.get(1)?,
                    region: r.get(2)?,
                    issuing_body: r.get(3)?,
                    doc_number: r.get(4)?,
                    issue_date: r.get(5)?,
                    reporting_unit: r.get(6)?,
                    base_year: r.get(7)?,
                    first_year: r.get(8)?,
                    last_year: r.get(9)?,
                    yellow_tolerance_pp: r.get(10)?,
                    remark: r.get(11)?,
                    ahead_margin_pp: r.get(12)?,
                    green_limit_pp: r.get(13)?,
                    balance: Default::default(),
                    due_soon_days: r.get(15)?,
                    ..PlanInfo::default()
                },
            ))
        },
    )?;

    let ((uid, balance_json), mut info) = (uid, info);
    info.balance = balance_settings(&balance_json)?;
    let mut stmt = conn.prepare(
        "SELECT id, parent_id, position, numbering, title, body, lead_unit, co_units FROM section ORDER BY position, id",
    )?;
    let sections = stmt
        .query_map([], |r| {
            Ok(Section {
                id: SectionId(r.get(0)?),
                parent: r.get::<_, Option<i64>>(1)?.map(SectionId),
                position: r.get(2)?,
                numbering: r.get(3)?,
                title: r.get(4)?,
                body: r.get(5)?,
                lead_unit: r.get(6)?,
                co_units: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut stmt = conn.prepare(
        "SELECT id, section_id, position, name, unit, category, attribute, kind, comparison,
                base_value, target_value, target_stretch, target_year, target_text, lead_unit,
                data_source, numerator_label, denominator_label, may_exceed_100, base_year,
                decimals, entry_mode, linked_figure, definition, library_code
         FROM indicator ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut indicators = Vec::new();
    while let Some(r) = rows.next()? {
        let attribute: String = r.get(6)?;
        let kind: String = r.get(7)?;
        let comparison: String = r.get(8)?;
        let entry_mode: String = r.get(21)?;
        let decimals: Option<i64> = r.get(20)?;
        indicators.push(Indicator {
            id: IndicatorId(r.get(0)?),
            section: SectionId(r.get(1)?),
            position: r.get(2)?,
            name: r.get(3)?,
            unit: r.get(4)?,
            category: r.get(5)?,
            attribute: Attribute::from_code(&attribute).ok_or_else(|| bad("属性", &attribute))?,
            kind: IndicatorKind::from_code(&kind).ok_or_else(|| bad("指标类型", &kind))?,
            comparison: Comparison::from_code(&comparison)
                .ok_or_else(|| bad("比较方式", &comparison))?,
            base_value: r.get(9)?,
            target_value: r.get(10)?,
            target_stretch: r.get(11)?,
            target_year: r.get(12)?,
            target_text: r.get(13)?,
            planned: Default::default(),
            lead_unit: r.get(14)?,
            data_source: r.get(15)?,
            numerator_label: r.get(16)?,
            denominator_label: r.get(17)?,
            may_exceed_100: r.get(18)?,
            base_year: r.get(19)?,
            decimals: decimals.and_then(|d| u8::try_from(d).ok()),
            entry_mode: EntryMode::from_code(&entry_mode)
                .ok_or_else(|| bad("填报口径", &entry_mode))?,
            benchmarks: Default::default(),
            linked_figure: r.get(22)?,
            definition: r.get(23)?,
            library_code: r.get(24)?,
            actuals: Default::default(),
            closeout: Default::default(),
        });
    }
    let index: HashMap<i64, usize> = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.0, i))
        .collect();
    let mut stmt = conn.prepare("SELECT indicator_id, year, value FROM planned_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].planned.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare("SELECT indicator_id, year, value FROM benchmark_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].benchmarks.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT indicator_id, year, value, numerator, denominator, note, source FROM actual",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            indicators[i].actuals.insert(
                r.get(1)?,
                Actual {
                    value: r.get(2)?,
                    numerator: r.get(3)?,
                    denominator: r.get(4)?,
                    note: r.get(5)?,
                    source: r.get(6)?,
                    estimate: false,
                },
            );
        }
    }

    let mut stmt = conn.prepare(
        "SELECT id, section_id, position, kind, title, measures, lead_unit, co_units, deadline,
                budget_wan_yuan, status, remark, deadline_date, responsible_person, annual_target,
                completed_date FROM task ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut tasks = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        let status: String = r.get(10)?;
        tasks.push(Task {
            id: TaskId(r.get(0)?),
            section: SectionId(r.get(1)?),
            position: r.get(2)?,
            kind: TaskKind::from_code(&kind).ok_or_else(|| bad("任务类型", &kind))?,
            title: r.get(4)?,
            measures: r.get(5)?,
            lead_unit: r.get(6)?,
            co_units: r.get(7)?,
            deadline: r.get(8)?,
            budget_wan_yuan: r.get(9)?,
            status: TaskStatus::from_code(&status).ok_or_else(|| bad("任务状态", &status))?,
            progress: Default::default(),
            quarterly: Default::default(),
            remark: r.get(11)?,
            deadline_date: parse_date(r.get(12)?, "完成时限日期")?,
            responsible_person: r.get(13)?,
            annual_target: r.get(14)?,
            completed_date: parse_date(r.get(15)?, "完成日期")?,
            closeout: Default::default(),
        });
    }
    let task_index: HashMap<i64, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id.0, i)).collect();
    let mut stmt = conn.prepare("SELECT task_id, year, text FROM task_progress")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = task_index.get(&r.get::<_, i64>(0)?) {
            tasks[i].progress.insert(r.get(1)?, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare("SELECT task_id, quarter, text FROM task_quarter_progress")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = task_index.get(&r.get::<_, i64>(0)?) {
            let n: i32 = r.get(1)?;
            let quarter =
                Quarter::from_number(n).ok_or_else(|| bad("季度形象进度的季度", &n.to_string()))?;
            tasks[i].quarterly.insert(quarter, r.get(2)?);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT id, position, name, school_type, remark FROM school ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut schools = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        schools.push(School {
            id: SchoolId(r.get(0)?),
            position: r.get(1)?,
            name: r.get(2)?,
            school_type: SchoolType::from_code(&kind).ok_or_else(|| bad("学校类型", &kind))?,
            remark: r.get(4)?,
            years: Default::default(),
        });
    }
    let school_index: HashMap<i64, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.0, i))
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT school_id, year, {SCHOOL_YEAR_COLUMNS} FROM school_year"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = school_index.get(&r.get::<_, i64>(0)?) {
            let mut counts = [None; 7];
            for (k, slot) in counts.iter_mut().enumerate() {
                *slot = r.get(5 + k)?;
            }
            schools[i].years.insert(
                r.get(1)?,
                SchoolFigures {
                    pupils_primary: r.get(2)?,
                    pupils_junior: r.get(3)?,
                    pupils_senior: r.get(4)?,
                    counts,
                },
            );
        }
    }
    let rectifications = load_rectifications(conn)?;
    let evidence = load_evidence(conn)?;
    let mut plan = Plan {
        info,
        uid,
        sections,
        indicators,
        tasks,
        schools,
        rectifications,
        evidence,
    };
    closeout::load(conn, &mut plan)?;
    Ok(plan)
}

fn evidence_owner_columns(
    owner: eduplan_domain::EvidenceOwner,
) -> (&'static str, i64, Option<i32>) {
    use eduplan_domain::EvidenceOwner as O;
    match owner {
        O::Task(id) => ("task", id.0, None),
        O::Rectification(id) => ("rectification", id.0, None),
        O::Actual(id, year) => ("actual", id.0, Some(year)),
    }
}

fn load_evidence(conn: &Connection) -> Result<Vec<eduplan_domain::Evidence>> {
    use eduplan_domain::EvidenceOwner as O;
    let mut stmt = conn.prepare(
        "SELECT id, owner, owner_id, year, name, size, added, removed FROM evidence ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let owner_id: i64 = r.get(2)?;
        let year: Option<i32> = r.get(3)?;
        let owner = match (kind.as_str(), year) {
            ("task", _) => O::Task(TaskId(owner_id)),
            ("rectification", _) => O::Rectification(RectificationId(owner_id)),
            ("actual", Some(y)) => O::Actual(IndicatorId(owner_id), y),
            _ => return Err(bad("佐证材料的归属", &kind)),
        };
        let added: String = r.get(6)?;
        out.push(eduplan_domain::Evidence {
            id: eduplan_domain::EvidenceId(r.get(0)?),
            owner,
            name: r.get(4)?,
            size: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
            added: added.parse().map_err(|_| bad("佐证材料的日期", &added))?,
            removed: r.get(7)?,
        });
    }
    Ok(out)
}

fn load_rectifications(conn: &Connection) -> Result<Vec<Rectification>> {
    let mut stmt = conn.prepare(
        "SELECT id, position, source, batch, batch_date, problem, measures, unit, person, due,
                closed, closed_by, closed_note FROM rectification ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        let source: String = r.get(2)?;
        items.push(Rectification {
            id: RectificationId(r.get(0)?),
            position: r.get(1)?,
            source: RectificationSource::from_code(&source)
                .ok_or_else(|| bad("问题来源", &source))?,
            batch: r.get(3)?,
            batch_date: parse_date(r.get(4)?, "反馈日期")?,
            problem: r.get(5)?,
            measures: r.get(6)?,
            unit: r.get(7)?,
            person: r.get(8)?,
            due: parse_date(r.get(9)?, "整改时限")?,
            progress: Vec::new(),
            closed: parse_date(r.get(10)?, "销号日期")?,
            closed_by: r.get(11)?,
            closed_note: r.get(12)?,
        });
    }
    let index: HashMap<i64, usize> = items.iter().enumerate().map(|(i, r)| (r.id.0, i)).collect();
    let mut stmt = conn
        .prepare("SELECT rectification_id, day, text FROM rectification_progress ORDER BY day")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let day: i32 = r.get(1)?;
        if let (Some(&i), Some(date)) = (index.get(&r.get::<_, i64>(0)?), day_from_number(day)) {
            items[i].progress.push(ProgressEntry {
                date,
                text: r.get(2)?,
            });
        }
    }
    Ok(items)
}

fn insert_rectification(
    tx: &Transaction,
    item: &Rectification,
    with_id: bool,
) -> Result<RectificationId> {
    tx.prepare_cached(
        "INSERT INTO rectification (id, position, source, batch, batch_date, problem, measures,
            unit, person, due, closed, closed_by, closed_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        with_id.then_some(item.id.0),
        item.position,
        item.source.code(),
        item.batch,
        item.batch_date.map(|d| d.to_string()),
        item.problem,
        item.measures,
        item.unit,
        item.person,
        item.due.map(|d| d.to_string()),
        item.closed.map(|d| d.to_string()),
        item.closed_by,
        item.closed_note,
    ])?;
    let id = RectificationId(tx.last_insert_rowid());
    for p in &item.progress {
        tx.prepare_cached(
            "INSERT INTO rectification_progress (rectification_id, day, text) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, day_number(p.date), p.text])?;
    }
    Ok(id)
}

/// For upgrade tests: write an empty plan file at an older schema version, as an older
/// EduPlan would have.
#[doc(hidden)]
pub fn create_old_version_for_tests(path: &Path, version: i32, sql_after: &str) -> Result<()> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    for m in &schema::MIGRATIONS[..version as usize] {
        conn.execute_batch(m)?;
    }
    conn.execute_batch(sql_after)?;
    conn.pragma_update(None, "user_version", version)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    Ok(())
}

impl PlanFile {
    /// Write a complete copy of the plan to `dest` (for 另存为). The copy is made under a
    /// temporary name and renamed into place, so `dest` is never half-written.
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        let name = display_name(dest);
        if dest == self.path {
            return Err(StorageError::Invalid(
                "另存为的目标不能是当前文件".to_owned(),
            ));
        }
        let tmp = dest.with_extension(format!("{EXTENSION}.saving"));
        let _ = std::fs::remove_file(&tmp);
        let tmp_text = tmp
            .to_str()
            .ok_or_else(|| StorageError::Io(name.clone(), "路径无法识别".to_owned()))?;
        if let Err(e) = self.conn.execute("VACUUM INTO ?1", [tmp_text]) {
            let _ = std::fs::remove_file(&tmp);
            return Err(match classify(&name, e) {
                StorageError::Damaged(..) => StorageError::Io(
                    name,
                    "无法在该位置写入，请确认文件夹存在且可写、磁盘未满".to_owned(),
                ),
                other => other,
            });
        }
        std::fs::rename(&tmp, dest).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            StorageError::Io(name, io_reason(&e))
        })
    }
}
