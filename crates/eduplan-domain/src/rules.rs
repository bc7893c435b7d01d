//! The tracking rules (domain.md §3), in this one module: 序时进度, the expected value for a
//! year, the gap, the status word, the light, 预警, and the grounds for each verdict.
//!
//! One formula judges every trajectory kind (level, change from base, cumulative):
//! gap = (actual − expected) ÷ (target − base), in points of the whole distance, where the
//! expected value is the plan's milestone for the year if it has one, else the straight path.
//! Floors and ceilings, year-over-year and benchmark kinds are judged against their threshold
//! in the indicator's own unit. Fractions inside (0.6 = 60 %); views multiply by 100.

use serde::Serialize;

pub use crate::model::Light;
use crate::model::{
    Attribute, Comparison, EntryMode, Indicator, IndicatorKind, PlanInfo, TaskStatus,
};

const EPS: f64 = 1e-9;

/// The national mid-term review's words, and the three for "no verdict".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// The final target is met before the target year.
    AheadDone,
    /// In or after the target year, met.
    Achieved,
    Faster,
    OnTrack,
    Behind,
    /// In or after the target year, not met.
    NotAchieved,
    /// No value for the year (not the same as 0).
    NotReported,
    /// A yes/no event before its due year without a yes.
    NotDue,
    /// The data cannot support a judgement; the grounds say what is missing.
    CannotJudge,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::AheadDone,
        Status::Achieved,
        Status::Faster,
        Status::OnTrack,
        Status::Behind,
        Status::NotAchieved,
        Status::NotReported,
        Status::NotDue,
        Status::CannotJudge,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::AheadDone => "提前实现",
            Status::Achieved => "已实现",
            Status::Faster => "快于预期",
            Status::OnTrack => "基本符合预期",
            Status::Behind => "滞后",
            Status::NotAchieved => "未实现",
            Status::NotReported => "未填报",
            Status::NotDue => "未到期",
            Status::CannotJudge => "无法评价",
        }
    }
    /// A verdict on the data (not 未填报 / 未到期 / 无法评价).
    pub fn is_judged(self) -> bool {
        !matches!(
            self,
            Status::NotReported | Status::NotDue | Status::CannotJudge
        )
    }
    /// Reached or on its way: counts as "达到或快于序时进度" in summaries.
    pub fn is_on_path(self) -> bool {
        matches!(
            self,
            Status::AheadDone | Status::Achieved | Status::Faster | Status::OnTrack
        )
    }
}

/// The grounds of a verdict, as data; `explain::basis_text` turns it into one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Basis {
    NoValue,
    /// A definition error (see `definition_problem`) keeps the indicator from being judged.
    BadDefinition(DefinitionProblem),
    MissingBase,
    /// Year-over-year: the previous year has no value.
    MissingPrevious {
        previous_year: i32,
    },
    /// Benchmark kind: no benchmark for the year.
    MissingBenchmark,
    /// A yes/no event not yet due.
    EventNotDue {
        due_year: i32,
    },
    /// A yes/no event answered (yes or no) in or after its due year, or yes before.
    Event {
        done: bool,
        due_year: i32,
    },
    /// The final target compared with the value (met, or missed in or after the target year).
    AgainstTarget {
        value: f64,
        target: f64,
        met: bool,
        /// The base was already beyond the target: judged on the comparison alone.
        base_beyond: bool,
    },
    /// On the way: against the expected value for the year.
    AgainstPath {
        expected: f64,
        value: f64,
        gap_pp: f64,
        /// The expected value is the plan's own milestone (年度目标), not the straight path.
        milestone: bool,
    },
    /// A floor or ceiling kept every year.
    Threshold {
        value: f64,
        threshold: f64,
        comparison: Comparison,
        met: bool,
    },
    /// Against the previous year.
    YearOverYear {
        value: f64,
        previous: f64,
        previous_year: i32,
        comparison: Comparison,
        met: bool,
    },
    /// Against the year's benchmark.
    Benchmark {
        value: f64,
        benchmark: f64,
        comparison: Comparison,
        met: bool,
    },
}

/// What is wrong with an indicator's definition, so that it cannot be judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DefinitionProblem {
    /// The comparison (≥) contradicts the target wording (下降/控制在…).
    ComparisonAgainstWording,
    /// A target year before the base year.
    TargetBeforeBase,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub year: i32,
    /// The value reported for the year (for cumulative indicators: as entered).
    pub value: Option<f64>,
    /// For cumulative quotas: the running total up to the year since the base year.
    pub cumulative: Option<f64>,
    /// Years inside the reported range without a value (cumulative, entered per year).
    pub missing_years: Vec<i32>,
    /// 序时目标值 for the year, where a trajectory applies.
    pub expected: Option<f64>,
    /// 完成进度 = (value − base) ÷ (target − base), as a fraction; None where it means nothing
    /// (floors, yes/no, a base already beyond the target).
    pub progress: Option<f64>,
    /// The target is already reached although no progress can be stated ("已达到").
    pub reached: bool,
    /// 序时进度 as a fraction; None where every year is judged on its own.
    pub elapsed: Option<f64>,
    /// Gap in points of the whole distance (trajectory kinds) or in the indicator's unit
    /// (floors, year over year, benchmarks): see `gap_in_unit`.
    pub gap: Option<f64>,
    /// True where `gap` is in the indicator's own unit.
    pub gap_in_unit: bool,
    pub status: Status,
    pub light: Light,
    /// A red 约束性 indicator: 预警.
    pub warning: bool,
    /// 力争 (stretch) target reached.
    pub stretch_reached: bool,
    pub basis: Basis,
}

impl Evaluation {
    fn new(year: i32, status: Status, basis: Basis) -> Evaluation {
        Evaluation {
            year,
            value: None,
            cumulative: None,
            missing_years: Vec::new(),
            expected: None,
            progress: None,
            reached: false,
            elapsed: None,
            gap: None,
            gap_in_unit: false,
            status,
            light: Light::Grey,
            warning: false,
            stretch_reached: false,
            basis,
        }
    }
}

/// The plan's thresholds, in points (see `PlanInfo`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub ahead_pp: f64,
    pub green_pp: f64,
    pub yellow_pp: f64,
}

impl Limits {
    pub fn of(info: &PlanInfo) -> Limits {
        Limits {
            ahead_pp: info.ahead_margin_pp,
            green_pp: info.green_limit_pp,
            yellow_pp: info.yellow_tolerance_pp.max(info.green_limit_pp),
        }
    }
    /// The light for a gap in points.
    pub fn light(self, gap_pp: f64) -> Light {
        if gap_pp >= -self.green_pp - EPS {
            Light::Green
        } else if gap_pp >= -self.yellow_pp - EPS {
            Light::Yellow
        } else {
            Light::Red
        }
    }
}

/// 序时进度 at the end of `year`: (year − base) ÷ (target year − base), within 0..=1.
pub fn time_elapsed(base_year: i32, target_year: i32, year: i32) -> f64 {
    if target_year <= base_year {
        return 1.0;
    }
    (f64::from(year - base_year) / f64::from(target_year - base_year)).clamp(0.0, 1.0)
}

/// Words in a target's wording that say which way is better.
const LOWER_WORDS: [&str; 9] = [
    "下降",
    "降低",
    "减少",
    "控制在",
    "以下",
    "不超过",
    "不高于",
    "低于",
    "压减",
];
const HIGHER_WORDS: [&str; 9] = [
    "提高",
    "增加",
    "提升",
    "增长",
    "以上",
    "不低于",
    "高于",
    "超过",
    "扩大",
];

/// A definition that cannot be judged until it is fixed.
pub fn definition_problem(ind: &Indicator, info: &PlanInfo) -> Option<DefinitionProblem> {
    if ind.target_year < ind.base_year_or(info) {
        return Some(DefinitionProblem::TargetBeforeBase);
    }
    if matches!(ind.kind, IndicatorKind::YesNo) {
        return None;
    }
    let text = ind.target_text.as_str();
    let says_lower = LOWER_WORDS.iter().any(|w| text.contains(w));
    let says_higher = HIGHER_WORDS.iter().any(|w| text.contains(w));
    let contradicts = match ind.comparison {
        Comparison::AtLeast | Comparison::MoreThan => says_lower && !says_higher,
        Comparison::AtMost | Comparison::LessThan => says_higher && !says_lower,
        Comparison::Equal => false,
    };
    contradicts.then_some(DefinitionProblem::ComparisonAgainstWording)
}

/// The comparison a new indicator should get from its base and target: lower when the target
/// is below the base.
pub fn inferred_comparison(base: Option<f64>, target: f64) -> Comparison {
    match base {
        Some(b) if target < b - EPS => Comparison::AtMost,
        _ => Comparison::AtLeast,
    }
}

/// Judge one indicator for one year.
pub fn evaluate(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let limits = Limits::of(info);
    let mut eval = if let Some(problem) = definition_problem(ind, info) {
        Evaluation::new(year, Status::CannotJudge, Basis::BadDefinition(problem))
    } else {
        match ind.kind {
            IndicatorKind::Level | IndicatorKind::ChangeFromBase => {
                evaluate_path(ind, info, year, limits)
            }
            IndicatorKind::Cumulative => evaluate_cumulative(ind, info, year, limits),
            IndicatorKind::Maintain => evaluate_threshold(ind, year),
            IndicatorKind::YesNo => evaluate_event(ind, year),
            IndicatorKind::YearOverYear => evaluate_year_over_year(ind, info, year),
            IndicatorKind::Benchmark => evaluate_benchmark(ind, year),
        }
    };
    eval.warning = eval.light == Light::Red && ind.attribute == Attribute::Binding;
    eval
}

/// Reached `threshold` in the direction the comparison counts as better (以上 includes it).
fn reaches(cmp: Comparison, value: f64, threshold: f64) -> bool {
    cmp.holds(value, threshold)
}

/// The target is better than the base in the comparison's direction (the normal case).
pub fn target_ahead_of_base(cmp: Comparison, base: f64, target: f64) -> bool {
    match cmp {
        Comparison::AtLeast | Comparison::MoreThan => target > base + EPS,
        Comparison::AtMost | Comparison::LessThan => target < base - EPS,
        Comparison::Equal => (target - base).abs() > EPS,
    }
}

/// A value on a trajectory from `base` to `target`: the shared part of level, change and
/// cumulative indicators.
struct Path {
    base: f64,
    target: f64,
    target_year: i32,
    base_year: i32,
    /// The plan's milestone for the year, already in the same terms as `value`.
    milestone: Option<f64>,
}

fn judge_on_path(
    mut eval: Evaluation,
    path: &Path,
    cmp: Comparison,
    value: f64,
    limits: Limits,
) -> Evaluation {
    let year = eval.year;
    let distance = path.target - path.base;
    let elapsed = time_elapsed(path.base_year, path.target_year, year);
    eval.elapsed = Some(elapsed);
    let met = reaches(cmp, value, path.target);
    if !target_ahead_of_base(cmp, path.base, path.target) {
        // The base already meets the target (or equals it): a 保持 target in effect.
        eval.reached = met;
        eval.status = match (met, year < path.target_year) {
            (true, true) => Status::AheadDone,
            (true, false) => Status::Achieved,
            (false, true) => Status::Behind,
            (false, false) => Status::NotAchieved,
        };
        eval.light = if met { Light::Green } else { Light::Red };
        eval.gap = Some(value - path.target);
        eval.gap_in_unit = true;
        eval.basis = Basis::AgainstTarget {
            value,
            target: path.target,
            met,
            base_beyond: true,
        };
        return eval;
    }
    eval.progress = Some((value - path.base) / distance);
    if met || year >= path.target_year {
        let gap_pp = (value - path.target) / distance * 100.0;
        eval.gap = Some(gap_pp);
        eval.status = match (met, year < path.target_year) {
            (true, true) => Status::AheadDone,
            (true, false) => Status::Achieved,
            (false, _) => Status::NotAchieved,
        };
        eval.light = if met {
            Light::Green
        } else {
            // 未实现 is never green, even when the gap rounds to nothing (a strict 高于).
            limits.light(gap_pp).max(Light::Yellow)
        };
        eval.basis = Basis::AgainstTarget {
            value,
            target: path.target,
            met,
            base_beyond: false,
        };
        return eval;
    }
    let expected = path.milestone.unwrap_or(path.base + distance * elapsed);
    let gap_pp = (value - expected) / distance * 100.0;
    eval.expected = Some(expected);
    eval.gap = Some(gap_pp);
    eval.status = if gap_pp >= limits.ahead_pp - EPS {
        Status::Faster
    } else if gap_pp >= -limits.yellow_pp - EPS {
        Status::OnTrack
    } else {
        Status::Behind
    };
    eval.light = limits.light(gap_pp);
    eval.basis = Basis::AgainstPath {
        expected,
        value,
        gap_pp,
        milestone: path.milestone.is_some(),
    };
    eval
}

fn evaluate_path(ind: &Indicator, info: &PlanInfo, year: i32, limits: Limits) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return Evaluation::new(year, Status::NotReported, Basis::NoValue);
    };
    let mut eval = Evaluation::new(year, Status::CannotJudge, Basis::MissingBase);
    eval.value = Some(value);
    eval.stretch_reached = ind
        .target_stretch
        .is_some_and(|s| reaches(ind.comparison, value, s));
    let Some(base) = ind.base_value else {
        // Without a base the path is unknown; a met level target can still be stated.
        if let (IndicatorKind::Level, Some(target)) = (ind.kind, ind.effective_target())
            && reaches(ind.comparison, value, target)
        {
            eval.status = if year < ind.target_year {
                Status::AheadDone
            } else {
                Status::Achieved
            };
            eval.light = Light::Green;
            eval.reached = true;
            eval.basis = Basis::AgainstTarget {
                value,
                target,
                met: true,
                base_beyond: false,
            };
        }
        return eval;
    };
    let Some(target) = ind.effective_target() else {
        return eval;
    };
    let path = Path {
        base,
        target,
        target_year: ind.target_year,
        base_year: ind.base_year_or(info),
        milestone: ind.planned.get(&year).copied(),
    };
    judge_on_path(eval, &path, ind.comparison, value, limits)
}

/// The running total at the end of `year`, and the years inside the reported range that
/// have no value.
pub fn running_total(ind: &Indicator, info: &PlanInfo, year: i32) -> (Option<f64>, Vec<i32>) {
    let base_year = ind.base_year_or(info);
    match ind.entry_mode {
        EntryMode::RunningTotal => (ind.actual_value(year), Vec::new()),
        EntryMode::Increment => {
            let values: Vec<(i32, f64)> = ((base_year + 1)..=year)
                .filter_map(|y| ind.actual_value(y).map(|v| (y, v)))
                .collect();
            let Some(last_reported) = values.last().map(|(y, _)| *y) else {
                return (None, Vec::new());
            };
            let missing = ((base_year + 1)..last_reported)
                .filter(|y| ind.actual_value(*y).is_none())
                .collect();
            (Some(values.iter().map(|(_, v)| v).sum()), missing)
        }
    }
}

fn evaluate_cumulative(ind: &Indicator, info: &PlanInfo, year: i32, limits: Limits) -> Evaluation {
    let (total, missing) = running_total(ind, info, year);
    let Some(value) = ind.actual_value(year) else {
        let mut eval = Evaluation::new(year, Status::NotReported, Basis::NoValue);
        eval.cumulative = total;
        eval.missing_years = missing;
        return eval;
    };
    let total = total.unwrap_or(value);
    let mut eval = Evaluation::new(year, Status::CannotJudge, Basis::NoValue);
    eval.value = Some(value);
    eval.cumulative = Some(total);
    eval.missing_years = missing;
    eval.stretch_reached = ind.target_stretch.is_some_and(|s| total >= s - EPS);
    // Milestones: per-year quotas (当年完成数) add up; running-total milestones are as given.
    let milestone = match ind.entry_mode {
        EntryMode::RunningTotal => ind.planned.get(&year).copied(),
        EntryMode::Increment => ind
            .planned
            .contains_key(&year)
            .then(|| ind.planned.range(..=year).map(|(_, v)| v).sum()),
    };
    let path = Path {
        base: 0.0,
        target: ind.target_value,
        target_year: ind.target_year,
        base_year: ind.base_year_or(info),
        milestone,
    };
    judge_on_path(eval, &path, Comparison::AtLeast, total, limits)
}

fn evaluate_threshold(ind: &Indicator, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return Evaluation::new(year, Status::NotReported, Basis::NoValue);
    };
    let threshold = ind.target_value;
    let met = reaches(ind.comparison, value, threshold);
    judged_in_unit(
        year,
        value,
        met,
        value - threshold,
        Basis::Threshold {
            value,
            threshold,
            comparison: ind.comparison,
            met,
        },
    )
}

/// Floors, year over year, benchmarks: met → 基本符合预期 (green); missed → 滞后 (red).
fn judged_in_unit(year: i32, value: f64, met: bool, gap: f64, basis: Basis) -> Evaluation {
    let mut eval = Evaluation::new(
        year,
        if met { Status::OnTrack } else { Status::Behind },
        basis,
    );
    eval.value = Some(value);
    eval.gap = Some(gap);
    eval.gap_in_unit = true;
    eval.light = if met { Light::Green } else { Light::Red };
    eval
}

fn evaluate_event(ind: &Indicator, year: i32) -> Evaluation {
    let value = ind.actual_value(year);
    let done = value.is_some_and(|v| v >= 0.5);
    let due = year >= ind.target_year;
    let mut eval = match (value, done, due) {
        (_, true, _) => {
            let mut e = Evaluation::new(
                year,
                if due {
                    Status::Achieved
                } else {
                    Status::AheadDone
                },
                Basis::Event {
                    done: true,
                    due_year: ind.target_year,
                },
            );
            e.light = Light::Green;
            e
        }
        (_, false, false) => Evaluation::new(
            year,
            Status::NotDue,
            Basis::EventNotDue {
                due_year: ind.target_year,
            },
        ),
        (None, false, true) => Evaluation::new(year, Status::NotReported, Basis::NoValue),
        (Some(_), false, true) => {
            let mut e = Evaluation::new(
                year,
                Status::NotAchieved,
                Basis::Event {
                    done: false,
                    due_year: ind.target_year,
                },
            );
            e.light = Light::Red;
            e
        }
    };
    eval.value = value;
    eval
}

fn evaluate_year_over_year(ind: &Indicator, info: &PlanInfo, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return Evaluation::new(year, Status::NotReported, Basis::NoValue);
    };
    let previous_year = year - 1;
    let previous = if previous_year == ind.base_year_or(info) {
        ind.actual_value(previous_year).or(ind.base_value)
    } else {
        ind.actual_value(previous_year)
    };
    let Some(previous) = previous else {
        let mut eval = Evaluation::new(
            year,
            Status::CannotJudge,
            Basis::MissingPrevious { previous_year },
        );
        eval.value = Some(value);
        return eval;
    };
    let met = reaches(ind.comparison, value, previous);
    judged_in_unit(
        year,
        value,
        met,
        value - previous,
        Basis::YearOverYear {
            value,
            previous,
            previous_year,
            comparison: ind.comparison,
            met,
        },
    )
}

fn evaluate_benchmark(ind: &Indicator, year: i32) -> Evaluation {
    let Some(value) = ind.actual_value(year) else {
        return Evaluation::new(year, Status::NotReported, Basis::NoValue);
    };
    let Some(benchmark) = ind.benchmarks.get(&year).copied() else {
        let mut eval = Evaluation::new(year, Status::CannotJudge, Basis::MissingBenchmark);
        eval.value = Some(value);
        return eval;
    };
    let met = reaches(ind.comparison, value, benchmark);
    judged_in_unit(
        year,
        value,
        met,
        value - benchmark,
        Basis::Benchmark {
            value,
            benchmark,
            comparison: ind.comparison,
            met,
        },
    )
}

/// How urgently an indicator needs attention, the same in the overview, the meeting and the
/// workbook: 0 预警 (red and binding), 1 red, 2 yellow, 3 无法评价 (its definition or data
/// needs fixing), 4 未填报; None for everything on its way or not yet due.
pub fn attention_rank(eval: &Evaluation) -> Option<u8> {
    match (eval.light, eval.status) {
        (Light::Red, _) if eval.warning => Some(0),
        (Light::Red, _) => Some(1),
        (Light::Yellow, _) => Some(2),
        (_, Status::CannotJudge) => Some(3),
        (_, Status::NotReported) => Some(4),
        _ => None,
    }
}

/// Counts of indicators per status and per light, for the overview and the 图表 sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatusCounts {
    pub by_status: Vec<(Status, usize)>,
    pub by_light: Vec<(Light, usize)>,
    pub warnings: usize,
}

impl StatusCounts {
    pub fn status(&self, status: Status) -> usize {
        self.by_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }
    pub fn light(&self, light: Light) -> usize {
        self.by_light
            .iter()
            .find(|(l, _)| *l == light)
            .map_or(0, |(_, n)| *n)
    }
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

impl TaskStatus {
    /// The light a task's status shows, on screen and in the workbook alike.
    pub fn light(self) -> Light {
        match self {
            TaskStatus::Done => Light::Green,
            TaskStatus::InProgress | TaskStatus::NotStarted => Light::Grey,
            TaskStatus::Late => Light::Red,
        }
    }
}
