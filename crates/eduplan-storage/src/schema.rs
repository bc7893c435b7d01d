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
    // 3: stable ASCII codes instead of the Chinese words shown to users (属性, comparison, task
    //    status); per-indicator base year, decimals and entry mode; benchmarks; the plan's
    //    ahead margin and green limit; history records carry a format number. Tables whose CHECK
    //    constraints change are rebuilt (SQLite's documented procedure; foreign keys are off
    //    while this runs, see `PlanFile::migrate`).
    r#"
    CREATE TABLE indicator_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        section_id INTEGER NOT NULL REFERENCES section(id),
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        attribute TEXT NOT NULL CHECK (attribute IN ('binding', 'expected')),
        kind TEXT NOT NULL CHECK (kind IN ('level', 'maintain', 'change', 'cumulative', 'yesno',
                                           'year_over_year', 'benchmark')),
        comparison TEXT NOT NULL CHECK (comparison IN ('ge', 'gt', 'le', 'lt', 'eq')),
        base_value REAL,
        base_year INTEGER,
        target_value REAL NOT NULL DEFAULT 0,
        target_stretch REAL,
        target_year INTEGER NOT NULL,
        target_text TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        data_source TEXT NOT NULL DEFAULT '',
        numerator_label TEXT NOT NULL DEFAULT '',
        denominator_label TEXT NOT NULL DEFAULT '',
        may_exceed_100 INTEGER NOT NULL DEFAULT 0 CHECK (may_exceed_100 IN (0, 1)),
        decimals INTEGER CHECK (decimals BETWEEN 0 AND 6),
        entry_mode TEXT NOT NULL DEFAULT 'increment' CHECK (entry_mode IN ('increment', 'running_total'))
    );
    INSERT INTO indicator_v3 (id, section_id, position, name, unit, category, attribute, kind,
        comparison, base_value, target_value, target_stretch, target_year, target_text, lead_unit,
        data_source, numerator_label, denominator_label, may_exceed_100)
    SELECT id, section_id, position, name, unit, category,
        CASE attribute WHEN '约束性' THEN 'binding' ELSE 'expected' END,
        kind,
        CASE comparison WHEN '≥' THEN 'ge' WHEN '>' THEN 'gt' WHEN '≤' THEN 'le'
                        WHEN '<' THEN 'lt' ELSE 'eq' END,
        base_value, target_value, target_stretch, target_year, target_text, lead_unit,
        data_source, numerator_label, denominator_label, may_exceed_100 <> 0
    FROM indicator;
    DROP TABLE indicator;
    ALTER TABLE indicator_v3 RENAME TO indicator;
    CREATE INDEX indicator_section ON indicator(section_id);

    CREATE TABLE task_v3 (
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
        status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'late')),
        remark TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO task_v3 (id, section_id, position, kind, title, measures, lead_unit, co_units,
        deadline, budget_wan_yuan, status, remark)
    SELECT id, section_id, position, kind, title, measures, lead_unit, co_units, deadline,
        budget_wan_yuan,
        CASE status WHEN '推进中' THEN 'in_progress' WHEN '已完成' THEN 'done'
                    WHEN '滞后' THEN 'late' ELSE 'not_started' END,
        remark
    FROM task;
    DROP TABLE task;
    ALTER TABLE task_v3 RENAME TO task;
    CREATE INDEX task_section ON task(section_id);

    CREATE TABLE benchmark_value (
        indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (indicator_id, year)
    ) WITHOUT ROWID;

    ALTER TABLE plan ADD COLUMN ahead_margin_pp REAL NOT NULL DEFAULT 5;
    ALTER TABLE plan ADD COLUMN green_limit_pp REAL NOT NULL DEFAULT 0;

    -- 1: target is a serde-JSON `Field`, old/new serde-JSON values (enumerations as the words
    --    of version 1/2 files); 2: target is `Field::key`, values as in format 1 but with codes.
    ALTER TABLE history ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
    "#,
    // 4: schools and their yearly figures, for 义务教育优质均衡, and the plan's thresholds for
    //    it (JSON of `BalanceSettings`; empty: the national defaults).
    r#"
    ALTER TABLE plan ADD COLUMN balance_settings TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN linked_figure TEXT;
    CREATE TABLE school (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        school_type TEXT NOT NULL CHECK (school_type IN ('primary', 'junior', 'nine_year',
            'complete', 'teaching_point', 'special', 'vocational')),
        remark TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE school_year (
        school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        pupils_primary REAL,
        pupils_junior REAL,
        pupils_senior REAL,
        qualified_teachers REAL,
        key_teachers REAL,
        arts_pe_teachers REAL,
        teaching_space REAL,
        sports_space REAL,
        equipment REAL,
        multimedia_rooms REAL,
        PRIMARY KEY (school_id, year)
    ) WITHOUT ROWID;
    "#,
    // 5: an indicator's definition (口径) and its link to the indicator library.
    r#"
    ALTER TABLE indicator ADD COLUMN definition TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN library_code TEXT;
    "#,
    // 6: tasks as dated commitments (the date the deadline names, 责任人, 年度目标, 完成日期),
    //    the 临期 setting, and the 整改台账 with its dated progress.
    r#"
    ALTER TABLE task ADD COLUMN deadline_date TEXT;
    ALTER TABLE task ADD COLUMN responsible_person TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN annual_target TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN completed_date TEXT;
    ALTER TABLE plan ADD COLUMN due_soon_days INTEGER NOT NULL DEFAULT 30;
    CREATE TABLE rectification (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        position INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('inspection', 'audit', 'patrol', 'self_check')),
        batch TEXT NOT NULL DEFAULT '',
        batch_date TEXT,
        problem TEXT NOT NULL,
        measures TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        person TEXT NOT NULL DEFAULT '',
        due TEXT,
        closed TEXT,
        closed_by TEXT NOT NULL DEFAULT '',
        closed_note TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE rectification_progress (
        rectification_id INTEGER NOT NULL REFERENCES rectification(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (rectification_id, day)
    ) WITHOUT ROWID;
    "#,
    // 7: 佐证材料 kept inside the plan: the bytes with what they belong to. A removed file keeps
    //    its bytes (removed = 1) so that undo and redo can bring it back.
    r#"
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL CHECK (owner IN ('task', 'rectification', 'actual')),
        owner_id INTEGER NOT NULL,
        year INTEGER,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        added TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
        data BLOB NOT NULL
    );
    CREATE INDEX evidence_owner ON evidence(owner, owner_id);
    "#,
    // 8: 季度形象进度: a task's progress by quarter, keyed 20241 for 2024Q1.
    r#"
    CREATE TABLE task_quarter_progress (
        task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        quarter INTEGER NOT NULL CHECK (quarter % 10 BETWEEN 1 AND 4),
        text TEXT NOT NULL,
        PRIMARY KEY (task_id, quarter)
    ) WITHOUT ROWID;
    "#,
    // 9: the close-out (总结评估): the evaluation kind and its settings, the plan this one was
    //    made from; per indicator the officer's verdict with its reason, 未完成原因, 下一步措施,
    //    结转; 预计 values; tasks' end-of-period verdicts and 重大工程 figures. Codes are checked
    //    by the field table (edit.rs), like library_code and linked_figure.
    r#"
    ALTER TABLE plan ADD COLUMN evaluation_kind TEXT;
    ALTER TABLE plan ADD COLUMN exceed_margin_pp REAL NOT NULL DEFAULT 5;
    ALTER TABLE plan ADD COLUMN basic_share_pct REAL NOT NULL DEFAULT 90;
    ALTER TABLE plan ADD COLUMN basic_for_binding INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE plan ADD COLUMN evaluation_date TEXT;
    ALTER TABLE plan ADD COLUMN predecessor_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE plan ADD COLUMN predecessor_hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN verdict_override TEXT;
    ALTER TABLE indicator ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN miss_reason TEXT;
    ALTER TABLE indicator ADD COLUMN miss_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN next_steps TEXT NOT NULL DEFAULT '';
    ALTER TABLE indicator ADD COLUMN carry_over INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE indicator ADD COLUMN base_estimate INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE actual ADD COLUMN estimate INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE task ADD COLUMN verdict TEXT;
    ALTER TABLE task ADD COLUMN verdict_basis TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN scope TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN build_period TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN new_places REAL;
    ALTER TABLE task ADD COLUMN project_state TEXT;
    ALTER TABLE task ADD COLUMN miss_reason TEXT;
    ALTER TABLE task ADD COLUMN miss_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE task ADD COLUMN carry_over INTEGER NOT NULL DEFAULT 0;
    "#,
];

pub fn current_version() -> i32 {
    MIGRATIONS.len() as i32
}
