//! The schools of the 义务教育优质均衡 evaluation (domain.md §6) and its thresholds, as the
//! plan file keeps them. The evaluation itself is in `crate::balance`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::coded_enum;
use crate::model::SchoolId;

coded_enum! {
    /// The kind of school, as the statistics name it.
    pub enum SchoolType {
        Primary = ("primary", "小学"),
        Junior = ("junior", "初中"),
        NineYear = ("nine_year", "九年一贯制学校"),
        Complete = ("complete", "完全中学"),
        TeachingPoint = ("teaching_point", "教学点"),
        Special = ("special", "特殊教育学校"),
        Vocational = ("vocational", "职业学校"),
    }
}

/// Thresholds of the evaluation: national defaults, adjustable where a province differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BalanceSettings {
    /// Standards per resource, [小学, 初中], in `Resource::ALL` order.
    pub standards: [[f64; 2]; 7],
    pub max_cv: [f64; 2],
    /// A school meets the standards with at most this many misses…
    pub allowed_misses: usize,
    /// …each at least this share of its standard.
    pub miss_floor_share: f64,
    /// Weight of a 九年一贯制 school's 初中 pupils against its 小学 pupils (1 : 1.1).
    pub nine_year_junior_weight: f64,
    /// Weight of a 完全中学's 高中 pupils against its 初中 pupils (1 : 1.2).
    pub complete_senior_weight: f64,
    /// Teaching points with fewer pupils do not enter the 差异系数.
    pub min_teaching_point_pupils: f64,
}

impl Default for BalanceSettings {
    fn default() -> Self {
        BalanceSettings {
            standards: [
                [4.2, 5.3],
                [1.0, 1.0],
                [0.9, 0.9],
                [4.5, 5.8],
                [7.5, 10.2],
                [2000.0, 2500.0],
                [2.3, 2.4],
            ],
            max_cv: [0.50, 0.45],
            allowed_misses: 1,
            miss_floor_share: 0.85,
            nine_year_junior_weight: 1.1,
            complete_senior_weight: 1.2,
            min_teaching_point_pupils: 50.0,
        }
    }
}

/// A school as the plan file keeps it: who it is, and its figures year by year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub id: SchoolId,
    pub position: i64,
    pub name: String,
    pub school_type: SchoolType,
    pub remark: String,
    pub years: BTreeMap<i32, SchoolFigures>,
}

/// A school's figures for one year, as entered (None: not reported).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SchoolFigures {
    pub pupils_primary: Option<f64>,
    pub pupils_junior: Option<f64>,
    pub pupils_senior: Option<f64>,
    /// The raw counts, in `Resource::ALL` order.
    pub counts: [Option<f64>; 7],
}
