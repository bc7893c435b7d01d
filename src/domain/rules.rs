//! The tracking rules (domain.md §3): 序时进度, progress, status, traffic light, 预警.
//!
//! All of them in this one module so the meeting-room vocabulary has a single definition.
//! Values are fractions (0.6 = 60%) inside; views multiply by 100.

use serde::Serialize;

use super::model::{Comparison, Indicator, IndicatorKind, PlanInfo};

/// Progress this far ahead of 序时进度 counts as 快于预期 rather than 符合预期.
pub const AHEAD_MARGIN: f64 = 0.10;
const EPS: f64 = 1e-9;

/// The national mid-term review's words, plus 未填报 for a year without a value (not the same as 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    AheadDone,
    Faster,
    OnTrack,
    Behind,
    NotReported,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::AheadDone,
        Status::Faster,
        Status::OnTrack,
        Status::Behind,
        Status::NotReported,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::AheadDone => "提前实现",
            Status::Faster => "快于预期",
            Status::OnTrack => "符合预期",
            Status::Behind => "滞后",
            Status::NotReported => "未填报",
        }
    }
}

/// 红黄绿灯. Always shown with its word or symbol, never by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// No value to judge.
    Grey,
}

impl Light {
    pub const ALL: [Light; 4] = [Light::Green, Light::Yellow, Light::Red, Light::Grey];
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => "绿灯",
            Light::Yellow => "黄灯",
            Light::Red => "红灯",
            Light::Grey => "无数据",
        }
    }
    /// A shape per light so that print in black and white still tells them apart.
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Green => "●",
            Light::Yellow => "▲",
            Light::Red => "■",
            Light::Grey => "○",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub year: i32,
    /// The value reported for the year.
    pub value: Option<f64>,
    /// For cumulative quotas: the running total up to the year.
    pub cumulative: Option<f64>,
    /// 完成进度 as a fraction.
    pub progress: Option<f64>,
    /// 序时进度 as a fraction; None where every year must meet the threshold.
    pub elapsed: Option<f64>,
    pub status: Status,
    pub light: Light,
    /// A red 约束性 indicator: 预警.
    pub warning: bool,
    /// A range target's stretch end (3-5所 → 5) has been reached.
    pub stretch_reached: bool,
}

/// 序时进度 at the end of `year`: (year − base) ÷ (target year − base), within 0..=1.
pub fn time_elapsed(base_year: i32, target_year: i32, year: i32) -> f64 {
    if target_year <= base_year {
        return 1.0;
    }
    (f64::from(year - base_year) / f64::from(target_year - base_year)).clamp(0.0, 1.0)
}

/// Judge one indicator for one year.
pub fn evaluate(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let mut eval = match ind.kind {
        IndicatorKind::Level | IndicatorKind::ChangeFromBase => evaluate_level(ind, info, year),
        IndicatorKind::Maintain => evaluate_maintain(ind, info, year),
        IndicatorKind::Cumulative => evaluate_cumulative(ind, info, year),
        IndicatorKind::YesNo => evaluate_yes_no(ind, year),
    };
    eval.warning = eval.light == Light::Red && ind.attribute == super::model::Attribute::Binding;
    eval
}

fn not_reported(year: i32) -> Evaluation {
    Evaluation {
        year,
        value: None,
        cumulative: None,
        progress: None,
        elapsed: None,
        status: Status::NotReported,
        light: Light::Grey,
        warning: false,
        stretch_reached: false,
    }
}

fn light_for_gap(status: Status, gap: Option<f64>, tolerance_pp: f64) -> Light {
    match status {
        Status::AheadDone | Status::Faster | Status::OnTrack => Light::Green,
        Status::NotReported => Light::Grey,
        Status::Behind => match gap {
            Some(g) if g * 100.0 <= tolerance_pp + EPS => Light::Yellow,
            Some(_) => Light::Red,
            None => Light::Yellow,
        },
    }
}

/// Meets `threshold` in the direction that counts as better.
fn reaches(cmp: Comparison, value: f64, threshold: f64) -> bool {
    if cmp.lower_is_better() {
        value <= threshold + EPS
    } else {
        value >= threshold - EPS
    }
}

fn evaluate_level(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return not_reported(year);
    };
    let elapsed = time_elapsed(info.base_year, ind.target_year, year);
    let target = ind.effective_target();
    let met = target.is_some_and(|t| ind.comparison.holds(value, t));
    let progress = match (ind.base_value, target) {
        (Some(base), Some(t)) if (t - base).abs() > EPS => Some((value - base) / (t - base)),
        (Some(_), Some(_)) => Some(if met { 1.0 } else { 0.0 }),
        _ => None,
    };
    let planned_met = ind
        .planned
        .get(&year)
        .map(|p| reaches(ind.comparison, value, *p));
    let status = if met {
        if year < ind.target_year {
            Status::AheadDone
        } else {
            Status::OnTrack
        }
    } else if year >= ind.target_year {
        Status::Behind
    } else {
        match progress {
            Some(p) if p - elapsed >= AHEAD_MARGIN - EPS => Status::Faster,
            Some(p) if p >= elapsed - EPS => Status::OnTrack,
            _ if planned_met == Some(true) => Status::OnTrack,
            _ => Status::Behind,
        }
    };
    let gap = progress.map(|p| elapsed - p);
    Evaluation {
        year,
        value: Some(value),
        cumulative: None,
        progress,
        elapsed: Some(elapsed),
        status,
        light: light_for_gap(status, gap, info.yellow_tolerance_pp),
        warning: false,
        stretch_reached: ind
            .target_stretch
            .is_some_and(|s| reaches(ind.comparison, value, s)),
    }
}

fn evaluate_maintain(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return not_reported(year);
    };
    let threshold = ind.target_value;
    let met = ind.comparison.holds(value, threshold);
    // How close to the threshold, as a share of it: the gap the light is judged on.
    let ratio = if ind.comparison.lower_is_better() {
        if value > EPS { threshold / value } else { 1.0 }
    } else if threshold.abs() > EPS {
        value / threshold
    } else {
        1.0
    };
    let progress = if met { 1.0 } else { ratio.min(1.0) };
    let status = if met { Status::OnTrack } else { Status::Behind };
    Evaluation {
        year,
        value: Some(value),
        cumulative: None,
        progress: Some(progress),
        elapsed: None,
        status,
        light: light_for_gap(status, Some(1.0 - progress), info.yellow_tolerance_pp),
        warning: false,
        stretch_reached: false,
    }
}

fn evaluate_cumulative(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let total: f64 = ind
        .actuals
        .iter()
        .filter(|(y, _)| **y <= year && **y > info.base_year)
        .filter_map(|(_, a)| a.effective_value())
        .sum();
    let Some(value) = ind.actual_value(year) else {
        let mut eval = not_reported(year);
        eval.cumulative = Some(total);
        return eval;
    };
    let elapsed = time_elapsed(info.base_year, ind.target_year, year);
    let target = ind.target_value;
    let progress = if target.abs() > EPS {
        total / target
    } else {
        1.0
    };
    let met = total >= target - EPS;
    let planned_to_date: Option<f64> = if ind.planned.is_empty() {
        None
    } else {
        Some(ind.planned.range(..=year).map(|(_, v)| *v).sum())
    };
    let status = if met {
        if year < ind.target_year {
            Status::AheadDone
        } else {
            Status::OnTrack
        }
    } else if year >= ind.target_year {
        Status::Behind
    } else if progress - elapsed >= AHEAD_MARGIN - EPS {
        Status::Faster
    } else if progress >= elapsed - EPS || planned_to_date.is_some_and(|p| total >= p - EPS) {
        Status::OnTrack
    } else {
        Status::Behind
    };
    Evaluation {
        year,
        value: Some(value),
        cumulative: Some(total),
        progress: Some(progress),
        elapsed: Some(elapsed),
        status,
        light: light_for_gap(status, Some(elapsed - progress), info.yellow_tolerance_pp),
        warning: false,
        stretch_reached: ind.target_stretch.is_some_and(|s| total >= s - EPS),
    }
}

fn evaluate_yes_no(ind: &Indicator, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return not_reported(year);
    };
    let met = value >= 0.5;
    let status = if met { Status::OnTrack } else { Status::Behind };
    Evaluation {
        year,
        value: Some(value),
        cumulative: None,
        progress: None,
        elapsed: None,
        status,
        light: if met { Light::Green } else { Light::Red },
        warning: false,
        stretch_reached: false,
    }
}

/// Counts of indicators per status and per light, for the overview and the 图表 sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusCounts {
    pub by_status: Vec<(Status, usize)>,
    pub by_light: Vec<(Light, usize)>,
    pub warnings: usize,
}

pub fn count_statuses<'a>(evals: impl IntoIterator<Item = &'a Evaluation>) -> StatusCounts {
    let mut by_status: Vec<(Status, usize)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_light: Vec<(Light, usize)> = Light::ALL.iter().map(|l| (*l, 0)).collect();
    let mut warnings = 0;
    for e in evals {
        if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == e.status) {
            slot.1 += 1;
        }
        if let Some(slot) = by_light.iter_mut().find(|(l, _)| *l == e.light) {
            slot.1 += 1;
        }
        warnings += usize::from(e.warning);
    }
    StatusCounts {
        by_status,
        by_light,
        warnings,
    }
}
