//! The plan model and its tracking rules. Knows nothing of egui, SQL or files.

pub mod edit;
pub mod input;
pub mod model;
pub mod rules;
pub mod validate;

pub use model::*;
pub use rules::{Evaluation, Light, Status, evaluate};
