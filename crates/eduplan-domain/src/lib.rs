//! EduPlan's domain: the plan model and its tracking rules.
//!
//! Plain data and pure functions. Must never depend on egui, SQL, xlsx or the file system:
//! everything above (storage, exchange, the app) depends on this crate, never the reverse.

pub mod balance;
pub mod city;
pub mod closeout;
pub mod codes;
pub mod commitments;
pub mod drafting;
pub mod edit;
pub mod explain;
pub mod extract;
pub mod file_names;
pub mod input;
pub mod library;
pub mod model;
pub mod rules;
pub mod text;
pub mod text_limits;
pub mod validate;

pub use codes::Coded;
pub use jiff::civil::Date;
pub use model::*;
pub use rules::{Evaluation, Light, Status, evaluate};
