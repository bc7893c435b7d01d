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
//!
//! Parts: `open` (checks, lock, snapshots, create, copy), `migrate`, `apply` (one transaction
//! per action), `rows` (where each field lives, subtrees in and out), `history` (records and
//! undo), `load` (the whole plan), `closeout` and `city` (their own tables and file kind).

mod apply;
pub mod city;
mod closeout;
mod columns;
mod error;
mod history;
mod load;
mod migrate;
mod open;
mod rows;
mod schema;

pub use apply::LINKED_ACTION;
use error::*;
pub use error::{Result, StorageError};
use history::*;
use load::*;
pub use migrate::create_old_version_for_tests;
use open::*;
pub use open::{remove_stale_snapshots, snapshot_folder};
use rows::*;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};

use eduplan_domain::balance::{BalanceSettings, School, SchoolFigures};
use eduplan_domain::closeout::Predecessor;
use eduplan_domain::edit::{
    ActualField, Edit, Field, IndicatorField, PlanField, RectificationField, SchoolField,
    SchoolYearField, SectionField, Subtree, TaskField, Value,
};
use eduplan_domain::{
    Actual, Attribute, Coded, Comparison, Indicator, IndicatorId, Plan, PlanInfo, ProgressEntry,
    Quarter, Rectification, RectificationId, SchoolId, Section, SectionId, Task, TaskId,
    TaskStatus,
};

pub use schema::{APPLICATION_ID, current_version};

/// The extension of plan files.
pub const EXTENSION: &str = "eduplan";

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
