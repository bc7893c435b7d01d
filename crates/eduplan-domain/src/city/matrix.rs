//! The comparison matrix: one row per matched indicator, one cell per district ("92.9（90）"
//! with the district's own verdict), the 市目标, 全市, 达标区县数, 最好 and 最差.
//!
//! 全市 is computed, never averaged from rates (domain.md §9): Σ numerators ÷ Σ denominators
//! where every reporting district gives its counts, the sum for counts and cumulative quotas;
//! otherwise the total says why it cannot be given.

use crate::input::format_value;
use crate::model::{Comparison, Indicator, IndicatorKind, PlanInfo};
use crate::rules::{Evaluation, evaluate};

use super::District;
use super::matching::MatchedRow;
use super::settings::CitySettings;

/// Units whose figures add up across districts (a count of people, schools, money).
const ADDITIVE_UNITS: [&str; 12] = [
    "人",
    "所",
    "台",
    "个",
    "间",
    "人次",
    "次",
    "项",
    "班",
    "万元",
    "亿元",
    "平方米",
];
/// Words that make a count-looking unit a ratio or an average (生均 元, 每百名学生 人).
const NOT_ADDITIVE_WORDS: [&str; 6] = ["生均", "平均", "每百", "每千", "比", "率"];

/// One district's figure for one row.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Index into the district plan's `indicators`.
    pub indicator: usize,
    pub evaluation: Evaluation,
    /// The figure compared: the year's value, or the running total for cumulative quotas.
    pub value: Option<f64>,
    /// The same figure a year earlier.
    pub previous: Option<f64>,
    /// The district's own final target (resolved for change-from-base targets).
    pub own_target: Option<f64>,
    /// "92.9（90）": the figure and the district's own target.
    pub text: String,
    /// 预计 (provisional) value.
    pub estimate: bool,
    /// 分子 and 分母 where the district gives both for the year.
    pub counts: Option<(f64, f64)>,
    /// Against the 市目标, where the city sets one.
    pub meets_city: Option<bool>,
}

impl Cell {
    /// Met: the 市目标 where the city sets one, else the district's own verdict on its path.
    pub fn met(&self) -> bool {
        self.meets_city
            .unwrap_or_else(|| self.value.is_some() && self.evaluation.status.is_on_path())
    }
}

/// 全市.
#[derive(Clone, Debug, PartialEq)]
pub enum Total {
    /// Σ numerators ÷ Σ denominators (× 100 for %).
    Ratio {
        numerator: f64,
        denominator: f64,
        value: f64,
    },
    /// The sum of the districts' figures (counts, cumulative quotas).
    Sum { value: f64 },
    /// Why no total is given.
    NotTotalled(String),
}

impl Total {
    pub fn value(&self) -> Option<f64> {
        match self {
            Total::Ratio { value, .. } | Total::Sum { value } => Some(*value),
            Total::NotTotalled(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub comparison: Comparison,
    pub kind: IndicatorKind,
    pub city_target: Option<f64>,
    /// Per district, in the order of the comparison's districts.
    pub cells: Vec<Option<Cell>>,
    pub total: Total,
    /// Districts of the row without a figure for the year (the total leaves them out).
    pub missing: Vec<usize>,
    /// 达标区县数 and how many districts have the indicator.
    pub met: usize,
    pub present: usize,
    /// Districts with the best and the worst figure (ties: all of them).
    pub best: Vec<usize>,
    pub worst: Vec<usize>,
    /// A representative indicator, for formatting values.
    pub template: Indicator,
}

impl MatrixRow {
    pub fn lower_is_better(&self) -> bool {
        self.comparison.lower_is_better()
    }
    pub fn format(&self, value: f64) -> String {
        format_value(value, &self.template)
    }
    /// The 全市 cell as shown.
    pub fn total_text(&self) -> String {
        let mut text = match &self.total {
            Total::NotTotalled(why) => return format!("不合计：{why}"),
            Total::Ratio { value, .. } | Total::Sum { value } => self.format(*value),
        };
        if !self.missing.is_empty() {
            text.push_str(&format!("（缺{}个区县）", self.missing.len()));
        }
        text
    }
}

/// The figure compared for a year: the running total for cumulative quotas.
fn figure(evaluation: &Evaluation, ind: &Indicator) -> Option<f64> {
    match ind.kind {
        IndicatorKind::Cumulative => evaluation.cumulative.or(evaluation.value),
        _ => evaluation.value,
    }
}

/// Whether the figure compared rests on a provisional (预计) value: the year's own value, or,
/// for a running total, any year it adds up.
fn is_estimate(ind: &Indicator, year: i32, value: Option<f64>) -> bool {
    let marked = |y: &i32| {
        ind.actuals
            .get(y)
            .is_some_and(|a| a.estimate && a.effective_value().is_some())
    };
    value.is_some()
        && match ind.kind {
            IndicatorKind::Cumulative => ind.actuals.keys().filter(|y| **y <= year).any(marked),
            _ => marked(&year),
        }
}

pub(super) fn cell(
    ind: &Indicator,
    index: usize,
    info: &PlanInfo,
    year: i32,
    city_target: Option<f64>,
) -> Cell {
    let evaluation = evaluate(ind, info, year);
    let value = figure(&evaluation, ind);
    let previous = if ind.kind == IndicatorKind::Cumulative {
        crate::rules::running_total(ind, info, year - 1).0
    } else {
        ind.actual_value(year - 1)
    };
    let own_target = ind.effective_target();
    let estimate = is_estimate(ind, year, value);
    let mut text = match (ind.kind, value) {
        (_, None) => "—".to_owned(),
        (IndicatorKind::Cumulative, Some(v)) => format_value(v, ind),
        _ => crate::explain::value_text(&evaluation, ind),
    };
    if estimate {
        text.push_str("（预计）");
    }
    if let Some(t) = own_target {
        text.push_str(&format!("（{}）", format_value(t, ind)));
    }
    let counts = ind
        .actuals
        .get(&year)
        .and_then(|a| a.numerator.zip(a.denominator))
        .filter(|(_, d)| *d > 0.0);
    let meets_city = city_target
        .zip(value)
        .map(|(t, v)| ind.comparison.holds(v, t));
    Cell {
        indicator: index,
        evaluation,
        value,
        previous,
        own_target,
        text,
        estimate,
        counts,
        meets_city,
    }
}

fn additive(row_name: &str, unit: &str) -> bool {
    ADDITIVE_UNITS.contains(&unit.trim())
        && !NOT_ADDITIVE_WORDS.iter().any(|w| row_name.contains(w))
}

/// 全市 for a row's cells (`names` are the districts' names, for the reasons).
pub fn total(
    cells: &[Option<Cell>],
    names: &[String],
    row_name: &str,
    unit: &str,
    kind: IndicatorKind,
) -> Total {
    let reporting: Vec<(usize, &Cell)> = cells
        .iter()
        .enumerate()
        .filter_map(|(d, c)| c.as_ref().filter(|c| c.value.is_some()).map(|c| (d, c)))
        .collect();
    if reporting.is_empty() {
        return Total::NotTotalled("各区县均未填报".to_owned());
    }
    if kind == IndicatorKind::YesNo {
        return Total::NotTotalled("是否类指标不能合计，见达标区县数".to_owned());
    }
    if reporting.iter().all(|(_, c)| c.counts.is_some()) && kind != IndicatorKind::Cumulative {
        let numerator: f64 = reporting
            .iter()
            .filter_map(|(_, c)| c.counts)
            .map(|c| c.0)
            .sum();
        let denominator: f64 = reporting
            .iter()
            .filter_map(|(_, c)| c.counts)
            .map(|c| c.1)
            .sum();
        let scale = if unit.trim() == "%" { 100.0 } else { 1.0 };
        return Total::Ratio {
            numerator,
            denominator,
            value: numerator / denominator * scale,
        };
    }
    if kind == IndicatorKind::Cumulative || additive(row_name, unit) {
        let value = reporting.iter().filter_map(|(_, c)| c.value).sum();
        return Total::Sum { value };
    }
    let without: Vec<&str> = reporting
        .iter()
        .filter(|(_, c)| c.counts.is_none())
        .map(|(d, _)| names.get(*d).map_or("", String::as_str))
        .collect();
    if unit.trim() == "%" || row_name.contains('率') || row_name.contains('比') {
        Total::NotTotalled(format!(
            "{}未报分子分母；比率不能由各区县的比率平均得出",
            without.join("、")
        ))
    } else {
        Total::NotTotalled(format!(
            "单位为“{}”的指标不能相加，{}未报分子分母",
            unit.trim(),
            without.join("、")
        ))
    }
}

/// Best and worst districts among those with a figure.
fn extremes(cells: &[Option<Cell>], lower_is_better: bool) -> (Vec<usize>, Vec<usize>) {
    let values: Vec<(usize, f64)> = cells
        .iter()
        .enumerate()
        .filter_map(|(d, c)| c.as_ref().and_then(|c| c.value).map(|v| (d, v)))
        .collect();
    if values.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    let max = values
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let at = |x: f64| -> Vec<usize> {
        values
            .iter()
            .filter(|(_, v)| (v - x).abs() < 1e-9)
            .map(|(d, _)| *d)
            .collect()
    };
    if (max - min).abs() < 1e-9 {
        return (Vec::new(), Vec::new());
    }
    if lower_is_better {
        (at(min), at(max))
    } else {
        (at(max), at(min))
    }
}

/// The matrix row of a matched indicator.
pub fn matrix_row(
    matched: &MatchedRow,
    districts: &[District],
    settings: &CitySettings,
    year: i32,
) -> Option<MatrixRow> {
    let first = matched
        .members
        .iter()
        .enumerate()
        .find_map(|(d, m)| m.map(|i| &districts[d].plan.indicators[i]))?;
    let city_target = settings.indicator(&matched.key).target;
    let cells: Vec<Option<Cell>> = matched
        .members
        .iter()
        .enumerate()
        .map(|(d, m)| {
            m.map(|i| {
                let plan = &districts[d].plan;
                cell(&plan.indicators[i], i, &plan.info, year, city_target)
            })
        })
        .collect();
    let names: Vec<String> = districts.iter().map(|d| d.name.clone()).collect();
    let total = total(&cells, &names, &matched.name, &matched.unit, first.kind);
    let missing = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.as_ref().is_some_and(|c| c.value.is_none()))
        .map(|(d, _)| d)
        .collect();
    let present = cells.iter().flatten().count();
    let met = cells.iter().flatten().filter(|c| c.met()).count();
    let (best, worst) = extremes(&cells, first.comparison.lower_is_better());
    Some(MatrixRow {
        key: matched.key.clone(),
        name: matched.name.clone(),
        unit: matched.unit.clone(),
        comparison: first.comparison,
        kind: first.kind,
        city_target,
        cells,
        total,
        missing,
        met,
        present,
        best,
        worst,
        template: first.clone(),
    })
}
