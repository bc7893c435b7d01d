//! How far a district's figures can be trusted (one line per district), and the 优质均衡
//! board for districts that keep school data.

use serde::Serialize;

use crate::balance::{LinkedFigure, Stage, evaluate_balance, schools_for_year};
use crate::rules::{Light, Status, evaluate};

use super::District;
use super::settings::CitySettings;

/// 数据质量 of one district's file for the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataQuality {
    /// Date of the file's last change (history), as `YYYY-MM-DD`.
    pub last_change: Option<String>,
    /// Indicators without a value for the year.
    pub missing: Vec<String>,
    /// Values of the year still marked 预计.
    pub estimates: Vec<String>,
    /// Red values without a 说明.
    pub red_without_note: Vec<String>,
    /// 未实现 without a 说明 giving the reason.
    pub not_achieved_without_reason: Vec<String>,
}

impl DataQuality {
    /// "最近修改2026-11-30；缺3项；红灯无说明1项；…" or "完整".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!(
            "最近修改{}",
            self.last_change.as_deref().unwrap_or("不详")
        )];
        let mut count = |label: &str, items: &[String]| {
            if !items.is_empty() {
                parts.push(format!("{label}{}项", items.len()));
            }
        };
        count("缺数", &self.missing);
        count("预计值", &self.estimates);
        count("红灯无说明", &self.red_without_note);
        count("未实现无原因", &self.not_achieved_without_reason);
        if parts.len() == 1 {
            parts.push("数据完整".to_owned());
        }
        parts.join("；")
    }
}

pub fn data_quality(district: &District, year: i32) -> DataQuality {
    let plan = &district.plan;
    let mut q = DataQuality {
        last_change: district
            .last_change
            .as_deref()
            .map(|d| d.chars().take(10).collect()),
        missing: Vec::new(),
        estimates: Vec::new(),
        red_without_note: Vec::new(),
        not_achieved_without_reason: Vec::new(),
    };
    for ind in plan.indicators_in_outline_order() {
        let eval = evaluate(ind, &plan.info, year);
        let note = ind.actuals.get(&year).map_or("", |a| a.note.trim());
        if eval.status == Status::NotReported {
            q.missing.push(ind.name.clone());
        }
        if ind
            .actuals
            .get(&year)
            .is_some_and(|a| a.estimate && a.effective_value().is_some())
        {
            q.estimates.push(ind.name.clone());
        }
        if eval.light == Light::Red && note.is_empty() {
            q.red_without_note.push(ind.name.clone());
        }
        if eval.status == Status::NotAchieved && note.is_empty() {
            q.not_achieved_without_reason.push(ind.name.clone());
        }
    }
    q
}

/// One line of the 优质均衡 board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BalanceBoardRow {
    pub district: usize,
    /// 计划认定年份: the city's setting, else the target year of the plan's indicator that
    /// follows "是否达到优质均衡标准".
    pub planned_year: Option<i32>,
    /// The school-data year used (the comparison year, or the latest before it).
    pub school_year: i32,
    /// 差异系数超标项数 (both 学段).
    pub cv_over: Option<usize>,
    /// 资源配置达标校比例 in %, 小学 and 初中.
    pub primary_share: Option<f64>,
    pub junior_share: Option<f64>,
    pub status: String,
}

/// The board rows for districts with school data.
pub fn balance_board(
    districts: &[District],
    settings: &CitySettings,
    year: i32,
) -> Vec<BalanceBoardRow> {
    let met_code = LinkedFigure::BalanceMet.code();
    districts
        .iter()
        .enumerate()
        .filter_map(|(d, district)| {
            let plan = &district.plan;
            let school_year = plan
                .school_years()
                .into_iter()
                .filter(|y| *y <= year)
                .max()?;
            let planned_year = settings
                .balance_years
                .get(&district.name)
                .copied()
                .or_else(|| {
                    plan.indicators
                        .iter()
                        .find(|i| i.linked_figure.as_deref() == Some(met_code.as_str()))
                        .map(|i| i.target_year)
                });
            let mut row = BalanceBoardRow {
                district: d,
                planned_year,
                school_year,
                cv_over: None,
                primary_share: None,
                junior_share: None,
                status: String::new(),
            };
            match evaluate_balance(&schools_for_year(plan, school_year), &plan.info.balance) {
                Err(problems) => {
                    row.status = format!("学校数据有{}处问题，无法计算", problems.len());
                }
                Ok(report) => {
                    row.cv_over = Some(report.dispersions.iter().filter(|x| !x.meets).count());
                    let share = |stage: Stage| {
                        let parts: Vec<_> =
                            report.parts.iter().filter(|p| p.stage == stage).collect();
                        (!parts.is_empty()).then(|| {
                            parts.iter().filter(|p| p.meets_standards).count() as f64
                                / parts.len() as f64
                                * 100.0
                        })
                    };
                    row.primary_share = share(Stage::Primary);
                    row.junior_share = share(Stage::Junior);
                    row.status = if report.meets_all() {
                        "已达到优质均衡标准".to_owned()
                    } else if planned_year.is_some_and(|p| p < year) {
                        "逾期未达到".to_owned()
                    } else {
                        "尚未达到".to_owned()
                    };
                }
            }
            Some(row)
        })
        .collect()
}
