//! The close-out's columns (migration 9) are written and read with every other column of the
//! field table (`columns.rs`, `load.rs`); what is left here is the one rule storage applies
//! for them: a figure entered clears its 预计 mark.

use eduplan_domain::edit::{ActualField, Field, Value};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::Result;

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
