//! The close-out's columns (migration 9): written after the rows they extend are inserted and
//! read after the plan is loaded, so that the main insert and load statements stay as they were.
//! Single fields are edited through the field table like every other column.

use eduplan_domain::closeout::{
    EvaluationKind, FinalVerdict, MissReason, Predecessor, ProjectState, TaskVerdict,
};
use eduplan_domain::edit::{ActualField, Field, Value};
use eduplan_domain::{Coded, Indicator, IndicatorId, Plan, PlanInfo, Task, TaskId};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::Result;

fn code<T: Coded>(v: Option<T>) -> Option<&'static str> {
    v.map(Coded::code)
}

fn decode<T: Coded>(text: Option<String>, what: &str) -> Result<Option<T>> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => T::from_code(&t)
            .map(Some)
            .ok_or_else(|| crate::bad(what, &t)),
    }
}

pub(crate) fn write_plan(tx: &Transaction, info: &PlanInfo) -> Result<()> {
    let c = &info.closeout;
    let p = info.predecessor.clone().unwrap_or_default();
    tx.execute(
        "UPDATE plan SET evaluation_kind = ?1, exceed_margin_pp = ?2, basic_share_pct = ?3,
             basic_for_binding = ?4, evaluation_date = ?5, predecessor_name = ?6,
             predecessor_hash = ?7 WHERE id = 1",
        params![
            code(c.evaluation_kind),
            c.exceed_margin_pp,
            c.basic_share_pct,
            c.basic_for_binding,
            c.evaluation_date.map(|d| d.to_string()),
            p.name,
            p.hash,
        ],
    )?;
    Ok(())
}

pub(crate) fn write_indicator(tx: &Transaction, id: IndicatorId, ind: &Indicator) -> Result<()> {
    let c = &ind.closeout;
    if *c != Default::default() {
        tx.prepare_cached(
            "UPDATE indicator SET verdict_override = ?1, override_reason = ?2, miss_reason = ?3,
                 miss_note = ?4, next_steps = ?5, carry_over = ?6, base_estimate = ?7
             WHERE id = ?8",
        )?
        .execute(params![
            code(c.verdict_override),
            c.override_reason,
            code(c.miss_reason),
            c.miss_note,
            c.next_steps,
            c.carry_over,
            c.base_estimate,
            id.0
        ])?;
    }
    for (year, _) in ind.actuals.iter().filter(|(_, a)| a.estimate) {
        tx.prepare_cached("UPDATE actual SET estimate = 1 WHERE indicator_id = ?1 AND year = ?2")?
            .execute(params![id.0, year])?;
    }
    Ok(())
}

pub(crate) fn write_task(tx: &Transaction, id: TaskId, task: &Task) -> Result<()> {
    let c = &task.closeout;
    if *c == Default::default() {
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE task SET verdict = ?1, verdict_basis = ?2, scope = ?3, build_period = ?4,
             outcome = ?5, new_places = ?6, project_state = ?7, miss_reason = ?8, miss_note = ?9,
             carry_over = ?10 WHERE id = ?11",
    )?
    .execute(params![
        code(c.verdict),
        c.verdict_basis,
        c.scope,
        c.build_period,
        c.outcome,
        c.new_places,
        code(c.project_state),
        code(c.miss_reason),
        c.miss_note,
        c.carry_over,
        id.0
    ])?;
    Ok(())
}

/// Fill in the close-out's columns of a plan just loaded.
pub(crate) fn load(conn: &Connection, plan: &mut Plan) -> Result<()> {
    type PlanRow = (
        Option<String>,
        f64,
        f64,
        bool,
        Option<String>,
        String,
        String,
    );
    let row: Option<PlanRow> = conn
        .query_row(
            "SELECT evaluation_kind, exceed_margin_pp, basic_share_pct, basic_for_binding,
                    evaluation_date, predecessor_name, predecessor_hash FROM plan WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    if let Some((kind, exceed, basic, binding, date, name, hash)) = row {
        let c = &mut plan.info.closeout;
        c.evaluation_kind = decode::<EvaluationKind>(kind, "评估类型")?;
        c.exceed_margin_pp = exceed;
        c.basic_share_pct = basic;
        c.basic_for_binding = binding;
        c.evaluation_date = crate::parse_date(date, "评估日期")?;
        plan.info.predecessor =
            (!name.is_empty() || !hash.is_empty()).then_some(Predecessor { name, hash });
    }
    let index: std::collections::HashMap<i64, usize> = plan
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.0, i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT id, verdict_override, override_reason, miss_reason, miss_note, next_steps,
                carry_over, base_estimate FROM indicator
         WHERE verdict_override IS NOT NULL OR override_reason <> '' OR miss_reason IS NOT NULL
            OR miss_note <> '' OR next_steps <> '' OR carry_over <> 0 OR base_estimate <> 0",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let c = &mut plan.indicators[i].closeout;
        c.verdict_override = decode::<FinalVerdict>(r.get(1)?, "人工判定")?;
        c.override_reason = r.get(2)?;
        c.miss_reason = decode::<MissReason>(r.get(3)?, "未完成原因")?;
        c.miss_note = r.get(4)?;
        c.next_steps = r.get(5)?;
        c.carry_over = r.get(6)?;
        c.base_estimate = r.get(7)?;
    }
    let mut stmt = conn.prepare("SELECT indicator_id, year FROM actual WHERE estimate <> 0")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?)
            && let Some(a) = plan.indicators[i].actuals.get_mut(&r.get::<_, i32>(1)?)
        {
            a.estimate = true;
        }
    }
    let task_index: std::collections::HashMap<i64, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.0, i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT id, verdict, verdict_basis, scope, build_period, outcome, new_places,
                project_state, miss_reason, miss_note, carry_over FROM task
         WHERE verdict IS NOT NULL OR verdict_basis <> '' OR scope <> '' OR build_period <> ''
            OR outcome <> '' OR new_places IS NOT NULL OR project_state IS NOT NULL
            OR miss_reason IS NOT NULL OR miss_note <> '' OR carry_over <> 0",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = task_index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let c = &mut plan.tasks[i].closeout;
        c.verdict = decode::<TaskVerdict>(r.get(1)?, "期末评价")?;
        c.verdict_basis = r.get(2)?;
        c.scope = r.get(3)?;
        c.build_period = r.get(4)?;
        c.outcome = r.get(5)?;
        c.new_places = r.get(6)?;
        c.project_state = decode::<ProjectState>(r.get(7)?, "工程状态")?;
        c.miss_reason = decode::<MissReason>(r.get(8)?, "未完成原因")?;
        c.miss_note = r.get(9)?;
        c.carry_over = r.get(10)?;
    }
    Ok(())
}

/// Entering a year's figure (a value or its counts) clears its 预计 mark: the clearing is
/// returned as a change of its own, so that the history keeps both and undo restores the mark.
pub(crate) fn implied_by(tx: &Transaction, field: Field) -> Result<Option<(Field, Value)>> {
    let Field::Actual(id, year, f) = field else {
        return Ok(None);
    };
    if !matches!(
        f,
        ActualField::Value | ActualField::Numerator | ActualField::Denominator
    ) {
        return Ok(None);
    }
    let marked: Option<bool> = tx
        .query_row(
            "SELECT estimate FROM actual WHERE indicator_id = ?1 AND year = ?2",
            params![id.0, year],
            |r| r.get(0),
        )
        .optional()?;
    Ok(marked.unwrap_or(false).then_some((
        Field::Actual(id, year, ActualField::Estimate),
        Value::Int(0),
    )))
}
