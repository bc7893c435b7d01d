//! Rows and columns: where each field of the field table lives, reading and writing one field,
//! inserting and deleting whole subtrees (sections with their indicators, tasks, schools …).

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

/// The table, key and column a field lives in.
pub(crate) enum Place {
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
pub(crate) fn place_of(field: Field) -> Place {
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

pub(crate) fn read_field(tx: &Transaction, field: Field) -> Result<Value> {
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

pub(crate) fn write_field(tx: &Transaction, field: Field, value: &Value) -> Result<()> {
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

pub(crate) fn write_plan_info(tx: &Transaction, uid: &str, info: &PlanInfo) -> Result<()> {
    let mut values = vec![Sql::Integer(1), uid.to_owned().into()];
    values.extend(columns::plan_values(info)?);
    columns::insert(tx, "plan", &["id", "uid"], PlanField::columns(), values)
}

/// Insert rows with the ids they carry; `with_id = false` lets SQLite choose the id.
pub(crate) fn insert_indicator(
    tx: &Transaction,
    ind: &Indicator,
    with_id: bool,
) -> Result<IndicatorId> {
    let mut values = vec![Sql::from(with_id.then_some(ind.id.0))];
    values.extend(columns::indicator_values(ind));
    columns::insert(tx, "indicator", &["id"], IndicatorField::columns(), values)?;
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
        let mut values = vec![Sql::from(id.0), Sql::from(*year)];
        values.extend(columns::actual_values(a));
        columns::insert(
            tx,
            "actual",
            &["indicator_id", "year"],
            ActualField::columns(),
            values,
        )?;
    }
    Ok(id)
}

pub(crate) fn insert_task(tx: &Transaction, task: &Task, with_id: bool) -> Result<TaskId> {
    let mut values = vec![Sql::from(with_id.then_some(task.id.0))];
    values.extend(columns::task_values(task));
    columns::insert(tx, "task", &["id"], TaskField::columns(), values)?;
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
    Ok(id)
}

pub(crate) fn insert_school(tx: &Transaction, school: &School, with_id: bool) -> Result<SchoolId> {
    let mut values = vec![Sql::from(with_id.then_some(school.id.0))];
    values.extend(columns::school_values(school));
    columns::insert(tx, "school", &["id"], SchoolField::columns(), values)?;
    let id = SchoolId(tx.last_insert_rowid());
    for (year, figures) in &school.years {
        let mut values = vec![Sql::from(id.0), Sql::from(*year)];
        values.extend(columns::school_year_values(figures));
        columns::insert(
            tx,
            "school_year",
            &["school_id", "year"],
            SchoolYearField::columns(),
            values,
        )?;
    }
    Ok(id)
}

pub(crate) fn insert_subtree(tx: &Transaction, subtree: &Subtree) -> Result<()> {
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
                let mut values = vec![Sql::from(s.id.0)];
                values.extend(columns::section_values(s));
                columns::insert(tx, "section", &["id"], SectionField::columns(), values)?;
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

pub(crate) fn delete_subtree(tx: &Transaction, subtree: &Subtree) -> Result<()> {
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

pub(crate) fn insert_rectification(
    tx: &Transaction,
    item: &Rectification,
    with_id: bool,
) -> Result<RectificationId> {
    let mut values = vec![Sql::from(with_id.then_some(item.id.0))];
    values.extend(columns::rectification_values(item));
    columns::insert(
        tx,
        "rectification",
        &["id"],
        RectificationField::columns(),
        values,
    )?;
    let id = RectificationId(tx.last_insert_rowid());
    for p in &item.progress {
        tx.prepare_cached(
            "INSERT INTO rectification_progress (rectification_id, day, text) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id.0, day_number(p.date), p.text])?;
    }
    Ok(id)
}

/// A date as the integer key of 整改进展 rows: 2024-03-01 → 20240301.
pub(crate) fn day_number(d: eduplan_domain::Date) -> i32 {
    i32::from(d.year()) * 10000 + i32::from(d.month()) * 100 + i32::from(d.day())
}

pub(crate) fn day_from_number(n: i32) -> Option<eduplan_domain::Date> {
    let y = i16::try_from(n / 10000).ok()?;
    let m = i8::try_from(n / 100 % 100).ok()?;
    let d = i8::try_from(n % 100).ok()?;
    eduplan_domain::Date::new(y, m, d).ok()
}

pub(crate) fn sql_to_value(v: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as V;
    match v {
        V::Null => Value::Null,
        V::Integer(i) => Value::Int(i),
        V::Real(r) => Value::Num(r),
        V::Text(t) => Value::Text(t),
        V::Blob(_) => Value::Null,
    }
}

pub(crate) fn value_to_sql(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Int(i) => V::Integer(*i),
        Value::Num(r) => V::Real(*r),
        Value::Text(t) => V::Text(t.clone()),
    }
}
