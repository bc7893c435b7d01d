//! The history: one row per change, grouped in batches (one user action each). The record is a
//! schema of its own: formats 1-3 stay readable, and reverting a batch is how undo works.

#![allow(unused_imports)] // each part takes what it needs from the crate's common imports
use super::*;

pub(crate) fn next_batch(tx: &Transaction) -> Result<BatchId> {
    let b: i64 = tx.query_row("SELECT COALESCE(MAX(batch), 0) + 1 FROM history", [], |r| {
        r.get(0)
    })?;
    Ok(BatchId(b))
}

/// The history format written by this version. 1: values as the words of the first releases
/// (read through `legacy_code`); 2: field keys and codes, but values, enumerations and owners
/// tagged with Rust names (`{"Num": 95.5}`, `"Level"`); 3: the same with stable lower-case
/// tags and codes only (`{"num": 95.5}`, `"level"`). All three are read; the history record is
/// a schema, never changed in place.
pub(crate) const HISTORY_FORMAT: i64 = 3;

/// One history row, decoded: a field set from `old` to `new`, or a subtree added or removed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Record {
    Set {
        field: Field,
        old: Value,
        new: Value,
    },
    Insert(Subtree),
    Delete(Subtree),
}

/// A history row as stored.
pub(crate) struct HistoryRow {
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
                    2 | 3 => Field::from_key(&self.target),
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
pub(crate) fn legacy_code(field: Field, value: Value) -> Value {
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

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StorageError::Invalid(format!("无法记录修改：{e}")))
}

pub(crate) fn record(
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
pub(crate) fn describe_field(tx: &Transaction, field: Field) -> Result<String> {
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

impl PlanFile {
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
}
