//! Moving plans in and out: the plan text format, xlsx export, fill-in tables. No egui.

pub mod import;
pub mod plan_text;
pub mod template;
pub mod xlsx_export;

use crate::cli::ExchangeArgs;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("{0}")]
    Other(String),
}

pub fn cli_export(_args: &ExchangeArgs) -> Result<(), String> {
    Err("导出功能尚未完成".to_owned())
}
pub fn cli_template(_args: &ExchangeArgs) -> Result<(), String> {
    Err("填报表功能尚未完成".to_owned())
}
pub fn cli_import(_args: &ExchangeArgs) -> Result<i32, String> {
    Err("导入功能尚未完成".to_owned())
}
