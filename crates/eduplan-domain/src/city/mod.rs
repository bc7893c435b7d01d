//! The city bureau's view (domain.md §9): several districts' plans side by side — indicators
//! matched across districts, the matrix with 全市 totals, ranking, the city's score and 等次,
//! data quality and the 优质均衡 board.
//!
//! Plain data and pure functions like the rest of the domain: no egui, SQL or files. The
//! caller reads the district files (read-only) and the city file and hands the values over.

pub mod matching;
pub mod matrix;
pub mod quality;
pub mod scoring;
pub mod settings;

#[cfg(test)]
mod tests;

use crate::library::Library;
use crate::model::Plan;

pub use matching::{Matching, Unmatched, match_indicators};
pub use matrix::{Cell, MatrixRow, Total};
pub use quality::{BalanceBoardRow, DataQuality};
pub use scoring::{DistrictScore, Grade, RankEntry, RowRanking, rank_with_ties};
pub use settings::{CitySettings, GradeThresholds, IndicatorSetting, ScoringRule};

/// One district's plan as the city reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct District {
    /// 区县: the plan's region, else its name, else the file's name.
    pub name: String,
    /// The file it came from, as the user named it.
    pub source: String,
    pub plan: Plan,
    /// When the file was last changed (its history, else the file's date).
    pub last_change: Option<String>,
}

impl District {
    pub fn new(source: &str, plan: Plan, last_change: Option<String>) -> District {
        let name = [plan.info.region.trim(), plan.info.name.trim()]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or_else(|| file_stem(source), str::to_owned);
        District {
            name,
            source: source.to_owned(),
            plan,
            last_change,
        }
    }
}

fn file_stem(source: &str) -> String {
    let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
    file.rsplit_once('.')
        .map_or(file, |(stem, _)| stem)
        .to_owned()
}

/// A file left out of the comparison, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub source: String,
    pub reason: String,
}

/// Keep one file per district and the plans of one period (the period most files share; the
/// first file's on a tie). The others are listed with the reason.
pub fn admit(candidates: Vec<District>) -> (Vec<District>, Vec<Rejected>) {
    let period = |p: &Plan| (p.info.base_year, p.info.last_year);
    let mut periods: Vec<((i32, i32), usize)> = Vec::new();
    for d in &candidates {
        match periods.iter_mut().find(|(p, _)| *p == period(&d.plan)) {
            Some((_, n)) => *n += 1,
            None => periods.push((period(&d.plan), 1)),
        }
    }
    let common = periods
        .iter()
        .fold(None::<((i32, i32), usize)>, |best, &(p, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((p, n)),
        })
        .map(|(p, _)| p);
    let mut kept: Vec<District> = Vec::new();
    let mut rejected = Vec::new();
    for d in candidates {
        if let Some(first) = kept.iter().find(|k| k.name == d.name) {
            rejected.push(Rejected {
                reason: format!(
                    "与“{}”是同一区县（{}），只比较先选的那一份",
                    first.source, d.name
                ),
                source: d.source,
            });
            continue;
        }
        if let Some((base, last)) = common
            && period(&d.plan) != (base, last)
        {
            rejected.push(Rejected {
                reason: format!(
                    "规划期为{}—{}年（基期{}年），与其他区县的{}—{}年（基期{}年）不同，不能放在一起比较",
                    d.plan.info.first_year,
                    d.plan.info.last_year,
                    d.plan.info.base_year,
                    base + 1,
                    last,
                    base
                ),
                source: d.source,
            });
            continue;
        }
        kept.push(d);
    }
    (kept, rejected)
}

/// The year compared when none is chosen: the latest any district has figures for.
pub fn default_year(districts: &[District]) -> Option<i32> {
    districts
        .iter()
        .filter_map(|d| d.plan.latest_year_with_data())
        .max()
}

/// Everything the city view, the command and the workbook show.
#[derive(Clone, Debug, PartialEq)]
pub struct CityComparison {
    pub year: i32,
    pub districts: Vec<District>,
    pub unmatched: Vec<Unmatched>,
    pub rows: Vec<matrix::MatrixRow>,
    pub rankings: Vec<RowRanking>,
    pub scores: Vec<DistrictScore>,
    pub quality: Vec<DataQuality>,
    pub board: Vec<BalanceBoardRow>,
    /// What an unmatched indicator can be mapped onto: the rows, and the other unmatched
    /// indicators (key, name, unit).
    pub row_choices: Vec<(String, String, String)>,
}

impl CityComparison {
    pub fn district_names(&self) -> Vec<String> {
        self.districts.iter().map(|d| d.name.clone()).collect()
    }
    /// Districts in score order (rank, then the order given).
    pub fn by_rank(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.districts.len()).collect();
        order.sort_by_key(|d| (self.scores[*d].rank, *d));
        order
    }
}

/// Compare the admitted districts for `year` (the default year when None).
pub fn compare(
    districts: Vec<District>,
    settings: &CitySettings,
    library: &Library,
    year: Option<i32>,
) -> CityComparison {
    let year = year
        .or_else(|| default_year(&districts))
        .unwrap_or_else(|| districts.first().map_or(2021, |d| d.plan.info.first_year));
    let matching = match_indicators(&districts, settings, library);
    let rows_for = |y: i32| -> Vec<matrix::MatrixRow> {
        matching
            .rows
            .iter()
            .filter_map(|m| matrix::matrix_row(m, &districts, settings, y))
            .collect()
    };
    let rows = rows_for(year);
    let rankings = scoring::rank_rows(&rows, settings);
    let previous_rows = rows_for(year - 1);
    let previous_has_figures = previous_rows
        .iter()
        .any(|r| r.cells.iter().flatten().any(|c| c.value.is_some()));
    let previous_totals = previous_has_figures.then(|| {
        scoring::district_totals(
            &scoring::rank_rows(&previous_rows, settings),
            districts.len(),
        )
    });
    let scores = scoring::score_districts(
        &rows,
        &rankings,
        settings,
        districts.len(),
        previous_totals.as_deref(),
    );
    let quality = districts
        .iter()
        .map(|d| quality::data_quality(d, year))
        .collect();
    let board = quality::balance_board(&districts, settings, year);
    let mut row_choices: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r.key.clone(), r.name.clone(), r.unit.clone()))
        .collect();
    for u in &matching.unmatched {
        if !row_choices.iter().any(|(k, _, _)| *k == u.key) {
            row_choices.push((
                u.key.clone(),
                format!("{}（{}）", u.indicator, u.district),
                u.unit.clone(),
            ));
        }
    }
    CityComparison {
        year,
        unmatched: matching.unmatched,
        rows,
        rankings,
        scores,
        quality,
        board,
        row_choices,
        districts,
    }
}
