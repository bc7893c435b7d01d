//! Upgrading an older plan file: a backup beside it first, then the append-only migrations of
//! `schema.rs` in one exclusive transaction; a failed upgrade leaves the file as it was.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

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
    pub(crate) fn migrate(&mut self, from_version: i32, make_backup: bool) -> Result<Upgrade> {
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
}
