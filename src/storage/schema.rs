//! Schema migrations: an append-only list. An entry is never edited or removed; the number
//! applied is kept in `PRAGMA user_version`.

/// Marks a SQLite file as an EduPlan plan (`PRAGMA application_id`, "EDUP").
pub const APPLICATION_ID: i32 = 0x4544_5550;

pub const MIGRATIONS: &[&str] = &[
    // 1: the plan, its outline, indicators with yearly values, tasks, history.
    r#"
    CREATE TABLE plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uid TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        issuing_body TEXT NOT NULL DEFAULT '',
        doc_number TEXT NOT NULL DEFAULT '',
        issue_date TEXT NOT NULL DEFAULT '',
        reporting_unit TEXT NOT NULL DEFAULT '',
        base_year INTEGER NOT NULL,
        first_year INTEGER NOT NULL,
        last_year INTEGER NOT NULL,
        remark TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE section (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        parent_id INTEGER REFERENCES section(id),
        position INTEGER NOT NULL DEFAULT 0,
        numbering TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        co_units TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE indicator (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        section_id INTEGER NOT NULL REFERENCES section(id),
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        attribute TEXT NOT NULL CHECK (attribute IN ('约束性', '预期性')),
        kind TEXT NOT NULL CHECK (kind IN ('level', 'maintain', 'change', 'cumulative', 'yesno')),
        comparison TEXT NOT NULL CHECK (comparison IN ('≥', '>', '≤', '<', '=')),
        base_value REAL,
        target_value REAL NOT NULL DEFAULT 0,
        target_stretch REAL,
        target_year INTEGER NOT NULL,
        target_text TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        data_source TEXT NOT NULL DEFAULT '',
        numerator_label TEXT NOT NULL DEFAULT '',
        denominator_label TEXT NOT NULL DEFAULT '',
        may_exceed_100 INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX indicator_section ON indicator(section_id);
    CREATE TABLE planned_value (
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (indicator_id, year)
    ) WITHOUT ROWID;
    CREATE TABLE actual (
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        value REAL,
        numerator REAL,
        denominator REAL,
        note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (indicator_id, year)
    ) WITHOUT ROWID;
    CREATE TABLE task (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        section_id INTEGER NOT NULL REFERENCES section(id),
        position INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('task', 'project')),
        title TEXT NOT NULL,
        measures TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        co_units TEXT NOT NULL DEFAULT '',
        deadline TEXT NOT NULL DEFAULT '',
        budget_wan_yuan REAL,
        status TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '滞后'))
    );
    CREATE INDEX task_section ON task(section_id);
    CREATE TABLE task_progress (
        task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (task_id, year)
    ) WITHOUT ROWID;
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        batch INTEGER NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('set', 'insert', 'delete')),
        indicator_id INTEGER,
        target TEXT NOT NULL,
        label TEXT NOT NULL,
        old TEXT NOT NULL,
        new TEXT NOT NULL
    );
    CREATE INDEX history_batch ON history(batch);
    CREATE INDEX history_indicator ON history(indicator_id);
    "#,
    // 2: the yellow-light tolerance became a plan setting; tasks got a remark (备注).
    r#"
    ALTER TABLE plan ADD COLUMN yellow_tolerance_pp REAL NOT NULL DEFAULT 10;
    ALTER TABLE task ADD COLUMN remark TEXT NOT NULL DEFAULT '';
    "#,
];

pub fn current_version() -> i32 {
    MIGRATIONS.len() as i32
}
