//! The session: what both front ends (the window and the command line) need and neither owns
//! — the open plan and its undo path (`document`), the derived view of a plan that outputs
//! read (`view`), and the officer's own files and today's date (`files`).
//!
//! Architecture Invariant: nothing here depends on egui, `crate::app` or `crate::ui`; the
//! command line uses this layer and never the GUI's modules (checked by tests/tidy.rs).

pub mod city;
pub mod document;
pub mod files;
pub mod next_plan;
pub mod view;

pub use document::Document;
pub use view::{Derived, PlanView, indicator_positions};
