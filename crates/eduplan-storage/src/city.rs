//! The city file (`.eduplan-city`): the city bureau's own settings for comparing its districts
//! (市目标, the indicator mapping, the scoring rule, weights, 等次 thresholds, notes), with the
//! history of every change (who, what, when, before, after), so that next year's comparison
//! uses the same choices. And reading the districts' plan files for the comparison — only
//! through `PlanFile::read_only`, so a district file is never changed or locked.
//!
//! A SQLite file of its own kind (`PRAGMA application_id` "EDUC"): a plan file, a foreign or
//! damaged file, or one from a newer version is refused before anything is written.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use eduplan_domain::city::settings::{SettingChange, changes};
use eduplan_domain::city::{CitySettings, District, Rejected};

use super::{PlanFile, Result, StorageError, check_header, classify, display_name, io_reason};

/// The extension of city files.
pub const CITY_EXTENSION: &str = "eduplan-city";
/// Marks a SQLite file as an EduPlan city file ("EDUC").
pub const CITY_APPLICATION_ID: i32 = 0x4544_5543;

/// Append-only, like the plan file's migrations.
const CITY_MIGRATIONS: &[&str] = &[
    // 1: the settings as one JSON document, and the history of its changes.
    r#"
    CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        json TEXT NOT NULL
    );
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        what TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL
    );
    "#,
];

fn city_version() -> i32 {
    CITY_MIGRATIONS.len() as i32
}

/// One change of the city's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct CityHistoryEntry {
    pub at: String,
    pub who: String,
    pub action: String,
    pub what: String,
    pub before: String,
    pub after: String,
}

pub struct CityFile {
    conn: Connection,
    path: PathBuf,
}

/// Who makes a change: the computer's user name.
fn who() -> String {
    ["USERNAME", "USER"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "本机用户".to_owned())
}

impl CityFile {
    /// A new city file holding `settings`. Refuses to overwrite; built under a temporary name
    /// and renamed into place.
    pub fn create(path: &Path, settings: &CitySettings) -> Result<CityFile> {
        let name = display_name(path);
        if path.exists() {
            return Err(StorageError::AlreadyExists(name));
        }
        let tmp = path.with_extension(format!("{CITY_EXTENSION}.creating"));
        let _ = std::fs::remove_file(&tmp);
        let build = || -> Result<()> {
            let mut conn = Connection::open(&tmp).map_err(|e| classify(&name, e))?;
            conn.pragma_update(None, "application_id", CITY_APPLICATION_ID)?;
            let tx = conn.transaction()?;
            for m in CITY_MIGRATIONS {
                tx.execute_batch(m)?;
            }
            tx.pragma_update(None, "user_version", city_version())?;
            tx.execute(
                "INSERT INTO settings (id, json) VALUES (1, ?1)",
                [settings_json(settings)?],
            )?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| StorageError::from(e))?;
            Ok(())
        };
        if let Err(e) = build() {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, path).map_err(|e| StorageError::Io(name, io_reason(&e)))?;
        CityFile::open(path)
    }

    /// Open a city file, holding it for this process alone. Checks come before any write.
    pub fn open(path: &Path) -> Result<CityFile> {
        let name = display_name(path);
        check_header(path).map_err(|e| match e {
            StorageError::NotAPlan(n) => not_a_city_file(&n),
            other => other,
        })?;
        // A plan file is refused from its header, before SQLite opens it for writing.
        if header_application_id(path) == Some(super::APPLICATION_ID) {
            return Err(plan_not_city(&name));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(&name, e))?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(|e| classify(&name, e))?;
        conn.execute_batch("BEGIN EXCLUSIVE")
            .map_err(|e| classify(&name, e))?;
        let checked = inspect_city(&conn, &name);
        conn.execute_batch("COMMIT")
            .map_err(|e| classify(&name, e))?;
        checked?;
        let file = CityFile {
            conn,
            path: path.to_owned(),
        };
        file.settings()?;
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn settings(&self) -> Result<CitySettings> {
        let json: String = self
            .conn
            .query_row("SELECT json FROM settings WHERE id = 1", [], |r| r.get(0))
            .map_err(|_| StorageError::Damaged(display_name(&self.path), "缺少市级设置"))?;
        serde_json::from_str(&json).map_err(|e| {
            StorageError::Unreadable(display_name(&self.path), format!("市级设置：{e}"))
        })
    }

    /// Save `new` with one history row per change; returns the changes (none: nothing written).
    pub fn save(&mut self, new: &CitySettings, action: &str) -> Result<Vec<SettingChange>> {
        let old = self.settings()?;
        let list = changes(&old, new);
        if list.is_empty() {
            return Ok(list);
        }
        let who = who();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE settings SET json = ?1 WHERE id = 1",
            [settings_json(new)?],
        )?;
        for c in &list {
            tx.execute(
                "INSERT INTO history (at, who, action, what, before, after)
                 VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?1, ?2, ?3, ?4, ?5)",
                params![who, action, c.what, c.before, c.after],
            )?;
        }
        tx.commit()?;
        Ok(list)
    }

    /// The history, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<CityHistoryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, who, action, what, before, after FROM history ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(CityHistoryEntry {
                at: r.get(0)?,
                who: r.get(1)?,
                action: r.get(2)?,
                what: r.get(3)?,
                before: r.get(4)?,
                after: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

fn settings_json(settings: &CitySettings) -> Result<String> {
    serde_json::to_string(settings)
        .map_err(|e| StorageError::Invalid(format!("无法保存市级设置：{e}")))
}

fn not_a_city_file(name: &str) -> StorageError {
    StorageError::Invalid(format!(
        "“{name}”不是EduPlan市级汇总文件（.{CITY_EXTENSION}），无法打开。文件未作任何改动。"
    ))
}

fn plan_not_city(name: &str) -> StorageError {
    StorageError::Invalid(format!(
        "“{name}”是区县规划文件，不是市级汇总文件。请把它作为区县文件加入比较；市级设置要另存为 .{CITY_EXTENSION} 文件。文件未作任何改动。"
    ))
}

/// `PRAGMA application_id` as the file's header holds it (bytes 68–71, big-endian).
fn header_application_id(path: &Path) -> Option<i32> {
    use std::io::Read;
    let mut header = [0u8; 72];
    std::fs::File::open(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    Some(i32::from_be_bytes([
        header[68], header[69], header[70], header[71],
    ]))
}

fn inspect_city(conn: &Connection, name: &str) -> Result<()> {
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if app_id == super::APPLICATION_ID {
        return Err(plan_not_city(name));
    }
    if app_id != CITY_APPLICATION_ID {
        return Err(not_a_city_file(name));
    }
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if version > city_version() {
        return Err(StorageError::Newer(
            name.to_owned(),
            version,
            city_version(),
        ));
    }
    if version < 1 {
        return Err(not_a_city_file(name));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| classify(name, e))?;
    if check != "ok" {
        return Err(StorageError::Damaged(name.to_owned(), "完整性检查未通过"));
    }
    Ok(())
}

/// Read one district's plan through a private snapshot: the file is neither changed nor
/// locked. The last change is the newest history entry, else the file's date.
pub fn read_district(path: &Path) -> Result<District> {
    let file = PlanFile::read_only(path)?;
    let plan = file.load()?;
    let last_change = file
        .history(None, 1)?
        .into_iter()
        .next()
        .map(|h| h.at)
        .or_else(|| file_date(path));
    Ok(District::new(&display_name(path), plan, last_change))
}

/// Read every file, leave out the ones that cannot be compared (damaged, newer, not a plan,
/// a second file of a district, another period) with the reason, and keep the rest.
pub fn read_districts(paths: &[PathBuf]) -> (Vec<District>, Vec<Rejected>) {
    let mut read = Vec::new();
    let mut rejected = Vec::new();
    for path in paths {
        match read_district(path) {
            Ok(d) => read.push(d),
            Err(e) => rejected.push(Rejected {
                source: display_name(path),
                reason: e.to_string(),
            }),
        }
    }
    let (kept, mut more) = eduplan_domain::city::admit(read);
    rejected.append(&mut more);
    (kept, rejected)
}

/// The plan files in a folder (not its subfolders), by name.
pub fn plan_files_in(folder: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| StorageError::Io(display_name(folder), io_reason(&e)))?;
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(super::EXTENSION))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The file's modification date as YYYY-MM-DD (UTC).
pub fn file_date(path: &Path) -> Option<String> {
    let secs = std::fs::metadata(path)
        .ok()?
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let days = i64::try_from(secs / 86_400).ok()?;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_dates_are_civil_dates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x");
        std::fs::write(&p, b"x").expect("write");
        let d = file_date(&p).expect("a date");
        assert_eq!(d.len(), 10);
        assert!(d.starts_with("20"), "{d}");
    }
}
