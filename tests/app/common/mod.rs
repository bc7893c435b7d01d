#![allow(dead_code)] // each test binary uses a different part of this

pub mod book;

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

/// The sample as it stood in the plan's fourth year, before the 2025 figures came in: the
/// mid-course views (序时进度, lights, 逾期) are tested on it.
pub fn mid_course_sample_file(dir: &tempfile::TempDir) -> PathBuf {
    let mut plan = sample_plan();
    for ind in &mut plan.indicators {
        ind.actuals.retain(|year, _| *year <= 2024);
    }
    let path = dir.path().join("龙潭区 十四五规划（2024年）.eduplan");
    PlanFile::create(&path, &plan).expect("create plan file");
    path
}

/// A small plan made for tests alone, so that changing the sample plan breaks nothing here.
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/test-district-plan.json"
);

/// The uid of plan files made from the fixture (regression files under tests/fixtures carry it).
pub const FIXTURE_UID: &str = "eduplan-test-fixture-0001";

pub fn fixture_plan() -> Plan {
    let mut plan = read_plan_text(Path::new(FIXTURE)).expect("fixture plan reads");
    plan.uid = FIXTURE_UID.to_owned();
    plan
}

/// A fresh plan file made from the test fixture.
pub fn fixture_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("测试区 规划.eduplan");
    PlanFile::create(&path, &fixture_plan()).expect("create plan file");
    path
}
