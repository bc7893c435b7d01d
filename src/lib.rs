//! EduPlan 教育规划工作台: drafting and tracking a district's education development plan.
//!
//! Layers (see ARCHITECTURE.md): `domain` (model and rules) ← `storage` (SQLite plan file)
//! and `exchange` (plan text, xlsx) ← `cli`, `ui` (views) and `app` (the eframe shell).

pub mod app;
pub mod cli;
pub mod domain;
pub mod exchange;
pub mod storage;
pub mod ui;
