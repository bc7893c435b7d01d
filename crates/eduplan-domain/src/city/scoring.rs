//! Ranking per indicator (rank with ties, gap to the 市目标, change on last year) and the
//! city's score: points per indicator by the chosen rule, weights, total, rank and 等次.

use serde::Serialize;

use super::matrix::{Cell, MatrixRow};
use super::settings::{CitySettings, GradeThresholds, IndicatorSetting, ScoringRule};

const EPS: f64 = 1e-9;

/// Competition ranking (1, 1, 3): a district's rank is one more than the number of districts
/// with a strictly better figure. Districts without a figure have no rank.
pub fn rank_with_ties(values: &[Option<f64>], lower_is_better: bool) -> Vec<Option<usize>> {
    let better = |a: f64, b: f64| {
        if lower_is_better {
            a < b - EPS
        } else {
            a > b + EPS
        }
    };
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                1 + values
                    .iter()
                    .flatten()
                    .filter(|other| better(**other, v))
                    .count()
            })
        })
        .collect()
}

/// One district on one indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankEntry {
    pub rank: Option<usize>,
    /// Ahead of the 市目标 (positive) or behind it (negative), in the indicator's unit.
    pub gap_to_city: Option<f64>,
    /// This year's figure minus last year's.
    pub change: Option<f64>,
    pub points: f64,
}

impl RankEntry {
    /// "第2名 · 差-0.4 · ↑0.3 · 8分": rank, gap to the 市目标, change on last year, points.
    pub fn text(&self, row: &MatrixRow) -> String {
        let rank = self
            .rank
            .map_or_else(|| "未填报".to_owned(), |r| format!("第{r}名"));
        let decimals = crate::input::display_decimals(&row.template);
        let size = |x: f64| crate::input::format_difference(x, decimals);
        let gap = self.gap_to_city.map_or_else(String::new, |g| {
            format!(" · 差{}{}", if g >= 0.0 { "+" } else { "-" }, size(g))
        });
        let change = self.change.map_or_else(String::new, |x| {
            let arrow = if x > EPS {
                "↑"
            } else if x < -EPS {
                "↓"
            } else {
                "→"
            };
            format!(" · {arrow}{}", size(x))
        });
        format!(
            "{rank}{gap}{change} · {}分",
            crate::input::format_number(self.points, 1)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowRanking {
    pub key: String,
    /// Per district; None where the district does not have the indicator.
    pub entries: Vec<Option<RankEntry>>,
    /// Why the row earns no points, where it cannot be scored (a missing 零分线).
    pub not_scored: Option<String>,
}

/// The points one figure earns under the rule, before the weight.
pub fn points(
    rule: &ScoringRule,
    setting: &IndicatorSetting,
    row: &MatrixRow,
    cell: &Cell,
    rank: Option<usize>,
) -> f64 {
    let Some(value) = cell.value else {
        return 0.0;
    };
    match rule {
        ScoringRule::MetFullMarks { full } => {
            if cell.met() {
                *full
            } else {
                0.0
            }
        }
        ScoringRule::ByRank { points } => rank
            .and_then(|r| points.get(r - 1).or(points.last()))
            .copied()
            .unwrap_or(0.0),
        ScoringRule::Linear { full } => {
            let Some((zero, top)) = linear_lines(setting, row) else {
                return 0.0;
            };
            if (top - zero).abs() < EPS {
                return if row.comparison.holds(value, top) {
                    *full
                } else {
                    0.0
                };
            }
            full * ((value - zero) / (top - zero)).clamp(0.0, 1.0)
        }
    }
}

/// 零分线 and 满分线 (the 市目标 when no 满分线 is set).
fn linear_lines(setting: &IndicatorSetting, row: &MatrixRow) -> Option<(f64, f64)> {
    Some((setting.zero_line?, setting.full_line.or(row.city_target)?))
}

/// Rank every row and give its points.
pub fn rank_rows(rows: &[MatrixRow], settings: &CitySettings) -> Vec<RowRanking> {
    rows.iter()
        .map(|row| {
            let setting = settings.indicator(&row.key);
            let values: Vec<Option<f64>> = row
                .cells
                .iter()
                .map(|c| c.as_ref().and_then(|c| c.value))
                .collect();
            let ranks = rank_with_ties(&values, row.lower_is_better());
            let not_scored = match settings.scoring {
                ScoringRule::Linear { .. } if setting.weight > 0.0 => linear_lines(&setting, row)
                    .is_none()
                    .then(|| "线性计分需要零分线和满分线（或市目标），本项未计分".to_owned()),
                _ => None,
            };
            let entries = row
                .cells
                .iter()
                .zip(&ranks)
                .map(|(cell, rank)| {
                    cell.as_ref().map(|cell| {
                        let oriented = |d: f64| if row.lower_is_better() { -d } else { d };
                        RankEntry {
                            rank: *rank,
                            gap_to_city: cell
                                .value
                                .zip(row.city_target)
                                .map(|(v, t)| oriented(v - t)),
                            change: cell.value.zip(cell.previous).map(|(v, p)| v - p),
                            points: setting.weight
                                * points(&settings.scoring, &setting, row, cell, *rank),
                        }
                    })
                })
                .collect();
            RowRanking {
                key: row.key.clone(),
                entries,
                not_scored,
            }
        })
        .collect()
}

/// 等次.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Grade {
    Excellent,
    Good,
    Pass,
    Fail,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }
    /// 得分率 in %.
    pub fn of(rate: f64, t: &GradeThresholds) -> Grade {
        if rate >= t.excellent - EPS {
            Grade::Excellent
        } else if rate >= t.good - EPS {
            Grade::Good
        } else if rate >= t.pass - EPS {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictScore {
    pub total: f64,
    /// The most a district could earn: Σ weight × the rule's full points over scored rows.
    pub max: f64,
    /// 得分率 in %.
    pub rate: f64,
    pub rank: usize,
    pub grade: Grade,
    /// Last year's rank with the same settings, where last year has figures.
    pub previous_rank: Option<usize>,
}

impl DistrictScore {
    /// 较上年: "↑2", "↓1", "持平", or "—" without last year's rank.
    pub fn change_text(&self) -> String {
        match self.previous_rank {
            None => "—".to_owned(),
            Some(p) if p > self.rank => format!("↑{}", p - self.rank),
            Some(p) if p < self.rank => format!("↓{}", self.rank - p),
            Some(_) => "持平".to_owned(),
        }
    }
}

/// Totals, ranks and 等次; `previous` are last year's totals (same settings) for 较上年.
pub fn score_districts(
    rows: &[MatrixRow],
    rankings: &[RowRanking],
    settings: &CitySettings,
    districts: usize,
    previous: Option<&[f64]>,
) -> Vec<DistrictScore> {
    let totals = district_totals(rankings, districts);
    let max: f64 = rows
        .iter()
        .zip(rankings)
        .filter(|(_, r)| r.not_scored.is_none())
        .map(|(row, _)| settings.indicator(&row.key).weight.max(0.0))
        .sum::<f64>()
        * settings.scoring.full_points();
    let ranks = rank_with_ties(&totals.iter().map(|t| Some(*t)).collect::<Vec<_>>(), false);
    let previous_ranks =
        previous.map(|p| rank_with_ties(&p.iter().map(|t| Some(*t)).collect::<Vec<_>>(), false));
    totals
        .iter()
        .enumerate()
        .map(|(d, total)| {
            let rate = if max > 0.0 { total / max * 100.0 } else { 0.0 };
            DistrictScore {
                total: *total,
                max,
                rate,
                rank: ranks[d].unwrap_or(districts),
                grade: Grade::of(rate, &settings.grades),
                previous_rank: previous_ranks
                    .as_ref()
                    .and_then(|r| r.get(d).copied().flatten()),
            }
        })
        .collect()
}

/// Each district's total points.
pub fn district_totals(rankings: &[RowRanking], districts: usize) -> Vec<f64> {
    (0..districts)
        .map(|d| {
            rankings
                .iter()
                .filter_map(|r| r.entries.get(d).and_then(Option::as_ref))
                .map(|e| e.points)
                .sum()
        })
        .collect()
}
