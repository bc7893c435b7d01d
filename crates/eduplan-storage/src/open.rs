//! Opening a plan file: the checks before anything is written, the lock, read-only snapshots
//! (plain copies in a folder of their own, stale ones cleared), creating and copying.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

impl Drop for PlanFile {
    fn drop(&mut self) {
        if self.read_only_source.is_some() {
            // Close first: Windows cannot remove a file that is still open.
            if let Ok(placeholder) = Connection::open_in_memory() {
                drop(std::mem::replace(&mut self.conn, placeholder));
            }
            remove_snapshot(&self.path);
        }
    }
}

pub(crate) const SNAPSHOT_PREFIX: &str = "eduplan-view-";

/// A snapshot this old whose owner no longer holds it was left by a killed process.
pub(crate) const STALE_SNAPSHOT_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Where read-only snapshots live: a folder of their own in the temporary folder, one per
/// user where users share it (Linux's /tmp: a folder another user made first is not
/// writable; on Windows the temporary folder is the user's own already).
pub fn snapshot_folder() -> PathBuf {
    let base = std::env::temp_dir();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(me) = std::fs::metadata("/proc/self") {
            return base.join(format!("eduplan-snapshots-{}", me.uid()));
        }
    }
    base.join("eduplan-snapshots")
}

/// Copy the user's file (and its journal) by content, so the snapshot is an ordinary
/// writable file of this user whatever the original's mode (a read-only attachment, a CD):
/// `std::fs::copy` would carry the read-only mode over and SQLite could not open it.
pub(crate) fn copy_for_snapshot(path: &Path, snapshot: &Path, name: &str) -> Result<()> {
    for suffix in ["", "-wal"] {
        let mut from = path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = snapshot.as_os_str().to_owned();
        to.push(suffix);
        let source = match std::fs::File::open(&from) {
            Ok(f) => f,
            Err(e) if !suffix.is_empty() && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(StorageError::Io(name.to_owned(), io_reason(&e))),
        };
        let copied = std::fs::File::create(&to).and_then(|mut dest| {
            std::io::copy(&mut std::io::BufReader::new(source), &mut dest)?;
            let mut perms = dest.metadata()?.permissions();
            if perms.readonly() {
                #[allow(clippy::permissions_set_readonly_false)] // the snapshot is ours alone
                perms.set_readonly(false);
                dest.set_permissions(perms)?;
            }
            Ok(())
        });
        if let Err(e) = copied {
            return Err(StorageError::Io(
                name.to_owned(),
                format!("无法在临时文件夹中建立只读副本（{}）", io_reason(&e)),
            ));
        }
    }
    Ok(())
}

pub(crate) fn remove_snapshot(snapshot: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = snapshot.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// Snapshots left behind by killed processes: older than `age` and not held by anyone (a
/// live view keeps its snapshot under an exclusive lock, so opening it is refused as busy).
pub fn remove_stale_snapshots(folder: &Path, age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !file_name.starts_with(SNAPSHOT_PREFIX) || !file_name.ends_with(EXTENSION) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|d| d >= age);
        if old_enough && !snapshot_in_use(&path) {
            remove_snapshot(&path);
        }
    }
}

pub(crate) fn snapshot_in_use(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    let busy = |r: rusqlite::Result<()>| {
        matches!(
            r.err().and_then(|e| e.sqlite_error_code()),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    };
    busy(conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;"))
}

/// How long one attempt to open waits for another process's lock.
pub(crate) const OPEN_BUSY_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// A pause of 20-220 ms growing with the attempt, different in each process so that two
/// openers that collided do not collide again.
pub(crate) fn retry_pause(attempt: u32) -> std::time::Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u32(attempt);
    let jitter = h.finish() % 200;
    std::time::Duration::from_millis(20 + jitter + u64::from(attempt.min(10)) * 10)
}

pub(crate) fn new_uid() -> String {
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

pub(crate) fn backup_path(path: &Path, version: i32) -> PathBuf {
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
pub(crate) fn check_header(path: &Path) -> Result<()> {
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

/// Read-only checks on an open connection; returns the schema version.
pub(crate) fn inspect(conn: &Connection, name: &str) -> Result<i32> {
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
    /// there if it is from an older version; the user's file is never touched. Messages name
    /// the user's file, never the snapshot.
    pub fn read_only(path: &Path) -> Result<PlanFile> {
        let name = display_name(path);
        check_header(path)?;
        let folder = snapshot_folder();
        std::fs::create_dir_all(&folder)
            .map_err(|e| StorageError::Io(name.clone(), io_reason(&e)))?;
        remove_stale_snapshots(&folder, STALE_SNAPSHOT_AGE);
        let snapshot = folder.join(format!(
            "{SNAPSHOT_PREFIX}{}-{}.{EXTENSION}",
            std::process::id(),
            new_uid()
        ));
        let opened = copy_for_snapshot(path, &snapshot, &name).and_then(|()| {
            let mut file = PlanFile::open_checked(&snapshot, &name, false)?;
            file.read_only_source = Some(path.to_owned());
            Ok(file)
        });
        if opened.is_err() {
            remove_snapshot(&snapshot);
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

    /// Open for editing, waiting up to `max_wait` while another copy of the program holds
    /// the file (for the command line: two commands started at the same instant both try, and
    /// each retries after a random pause, so one always wins and the other waits its turn).
    pub fn open_waiting(path: &Path, max_wait: std::time::Duration) -> Result<PlanFile> {
        let started = std::time::Instant::now();
        let mut attempt: u32 = 0;
        loop {
            match PlanFile::open(path) {
                Err(StorageError::InUse(_)) if started.elapsed() < max_wait => {
                    attempt += 1;
                    std::thread::sleep(retry_pause(attempt));
                }
                other => return other,
            }
        }
    }

    /// `name` is the file as the user knows it; `backup` says whether an upgrade backs the
    /// file up first (a read-only snapshot needs no backup).
    pub(crate) fn open_checked(path: &Path, name: &str, backup: bool) -> Result<PlanFile> {
        let name = name.to_owned();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(&name, e))?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(|e| classify(&name, e))?;
        // Two openers can each hold a shared lock while waiting for the other's to go: a
        // short wait here, and callers that must get through retry (`open_waiting`).
        conn.busy_timeout(OPEN_BUSY_WAIT)?;
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

    /// For a read-only view: the file the user opened (`path` is then a private snapshot).
    pub fn read_only_source(&self) -> Option<&Path> {
        self.read_only_source.as_deref()
    }

    /// False for a file opened with `read_only`: edits are refused.
    pub fn is_writable(&self) -> bool {
        self.read_only_source.is_none()
    }

    pub(crate) fn check_writable(&self) -> Result<()> {
        match &self.read_only_source {
            Some(p) => Err(StorageError::ReadOnly(display_name(p))),
            None => Ok(()),
        }
    }

    pub fn integrity_ok(&self) -> Result<bool> {
        let s: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(s == "ok")
    }
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
