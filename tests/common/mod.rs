#![allow(dead_code)] // each test binary uses a different part of this

use std::path::{Path, PathBuf};

use eduplan::domain::Plan;
use eduplan::exchange::plan_text::read_plan_text;
use eduplan::storage::PlanFile;

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample_plans/longtan-14th-five-year-education-plan.json"
);

pub fn sample_plan() -> Plan {
    read_plan_text(Path::new(SAMPLE)).expect("sample plan reads")
}

/// A fresh plan file made from the Longtan sample, in its own temporary folder.
pub fn sample_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("龙潭区 十四五规划.eduplan");
    PlanFile::create(&path, &sample_plan()).expect("create plan file");
    path
}
