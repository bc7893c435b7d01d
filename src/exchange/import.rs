//! Reading returned fill-in tables (填报表): first a preview of every change and problem,
//! then all of it in one transaction or nothing.

use std::path::PathBuf;

use crate::domain::edit::{ActualField, Edit, Field, Value};
use crate::domain::{IndicatorId, Plan};

/// One value an import would change.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportChange {
    pub file: String,
    pub indicator: IndicatorId,
    pub name: String,
    pub year: i32,
    pub what: &'static str,
    pub old: String,
    pub new: String,
    pub edit: Edit,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPreview {
    pub files: Vec<String>,
    pub changes: Vec<ImportChange>,
    pub problems: Vec<String>,
}

impl ImportPreview {
    pub fn can_apply(&self) -> bool {
        self.problems.is_empty() && !self.changes.is_empty()
    }
    pub fn edits(&self) -> Vec<Edit> {
        self.changes.iter().map(|c| c.edit.clone()).collect()
    }
}

pub fn preview_import(plan: &Plan, files: &[PathBuf], expected_year: Option<i32>) -> ImportPreview {
    let mut preview = ImportPreview::default();
    for f in files {
        preview.files.push(f.display().to_string());
        super::template::read_returned(plan, f, expected_year, &mut preview);
    }
    // The same cell from two files: identical values count once, different ones are a problem.
    let mut kept: Vec<ImportChange> = Vec::new();
    for c in std::mem::take(&mut preview.changes) {
        match kept
            .iter()
            .find(|k| matches!((&k.edit, &c.edit), (Edit::Set(a, _), Edit::Set(b, _)) if a == b))
        {
            Some(k) if k.new == c.new => {}
            Some(k) => preview.problems.push(format!(
                "“{}”{}年{}在“{}”中为{}，在“{}”中为{}，请核实后只保留一个",
                c.name, c.year, c.what, k.file, k.new, c.file, c.new
            )),
            None => kept.push(c),
        }
    }
    preview.changes = kept;
    preview
}

pub(crate) fn change(
    plan: &Plan,
    file: &str,
    id: IndicatorId,
    year: i32,
    field: ActualField,
    new: Value,
) -> Option<ImportChange> {
    let ind = plan.indicator(id)?;
    let actual = ind.actuals.get(&year).cloned().unwrap_or_default();
    let old = match field {
        ActualField::Value => Value::from_opt_num(actual.value),
        ActualField::Numerator => Value::from_opt_num(actual.numerator),
        ActualField::Denominator => Value::from_opt_num(actual.denominator),
        ActualField::Note => Value::Text(actual.note.clone()),
        ActualField::Source => Value::Text(actual.source.clone()),
    };
    let same = match (&old, &new) {
        (Value::Num(a), Value::Num(b)) => (a - b).abs() < 1e-9,
        (a, b) => a == b,
    };
    if same {
        return None;
    }
    Some(ImportChange {
        file: file.to_owned(),
        indicator: id,
        name: ind.name.clone(),
        year,
        what: crate::domain::edit::actual_field_label(field),
        old: old.display(),
        new: new.display(),
        edit: Edit::Set(Field::Actual(id, year, field), new),
    })
}
