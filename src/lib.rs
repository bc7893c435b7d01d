//! EduPlan 教育规划工作台: drafting and tracking a district's education development plan.
//!
//! This crate is the application: the command line (`cli`), the egui views (`ui`) and the
//! eframe shell (`app`). The layers below it are crates of their own, so the compiler refuses
//! an arrow pointing the wrong way (see ARCHITECTURE.md):
//! `eduplan_domain` (model and rules) ← `eduplan_storage` (SQLite plan file) and
//! `eduplan_exchange` (plan text, xlsx) ← this crate.

pub use eduplan_domain as domain;
pub use eduplan_exchange as exchange;
pub use eduplan_storage as storage;

pub mod app;
pub mod cli;
pub mod draw;
pub mod session;
pub mod ui;
