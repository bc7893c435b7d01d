//! Moving plans in and out: the plan text format, xlsx export, fill-in tables. No egui.

pub mod plan_text;
