//! Fill-in tables (填报表): writing them, and reading them back.

use std::path::Path;

use crate::domain::Plan;

use super::import::ImportPreview;

pub fn write_template(
    _plan: &Plan,
    _year: i32,
    _unit: Option<&str>,
    _path: &Path,
) -> Result<usize, super::ExchangeError> {
    Err(super::ExchangeError::Other("尚未完成".into()))
}

pub fn read_returned(_plan: &Plan, _path: &Path, preview: &mut ImportPreview) {
    preview.problems.push("尚未完成".into());
}
