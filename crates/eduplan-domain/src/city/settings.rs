//! The city's own choices (市目标, the indicator mapping, the scoring rule, weights, grade
//! thresholds, 优质均衡 target years, notes), kept in the city file so that next year's
//! comparison uses the same ones; and the list of changes between two versions of them, for
//! the city file's history.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How an indicator earns points (the city chooses one rule for all indicators).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ScoringRule {
    /// 达标得满分: meeting the 市目标 (or, without one, the district's own verdict on path)
    /// earns `full` points, otherwise none.
    MetFullMarks { full: f64 },
    /// 按名次计分: the first rank earns `points[0]`, the second `points[1]` …; ranks past the
    /// list earn the last entry. Tied districts share the points of their rank.
    ByRank { points: Vec<f64> },
    /// 线性计分: `full` points at or beyond the 满分线, none at or before the 零分线, a straight
    /// line between (the lines are per indicator; the 满分线 defaults to the 市目标).
    Linear { full: f64 },
}

impl Default for ScoringRule {
    fn default() -> Self {
        ScoringRule::ByRank {
            points: vec![10.0, 8.0, 6.0, 4.0],
        }
    }
}

impl ScoringRule {
    /// The points a weight of 1 can earn at most.
    pub fn full_points(&self) -> f64 {
        match self {
            ScoringRule::MetFullMarks { full } | ScoringRule::Linear { full } => *full,
            ScoringRule::ByRank { points } => points.iter().copied().fold(0.0, f64::max),
        }
    }

    pub fn label(&self) -> String {
        match self {
            ScoringRule::MetFullMarks { full } => format!("达标得满分（每项{}分）", trim(*full)),
            ScoringRule::ByRank { points } => {
                let list: Vec<String> = points.iter().map(|p| trim(*p)).collect();
                format!("按名次计分（{}分）", list.join("/"))
            }
            ScoringRule::Linear { full } => {
                format!("零分线与满分线之间线性计分（每项{}分）", trim(*full))
            }
        }
    }
}

/// A setting as typed: at most two decimals, no trailing zeros (10 stays "10").
fn trim(x: f64) -> String {
    let text = crate::input::format_number(x, 2);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// 等次 by 得分率 (total ÷ the most a district could earn, in %): 优秀 at or above
/// `excellent`, 良好 at or above `good`, 合格 at or above `pass`, else 不合格.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeThresholds {
    pub excellent: f64,
    pub good: f64,
    pub pass: f64,
}

impl Default for GradeThresholds {
    fn default() -> Self {
        GradeThresholds {
            excellent: 90.0,
            good: 75.0,
            pass: 60.0,
        }
    }
}

/// The city's choices for one compared indicator (keyed by the row key, see `matching`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorSetting {
    /// 市目标 in the indicator's unit.
    pub target: Option<f64>,
    /// Weight in the score (1 = the rule's points as they are; 0 = not scored).
    pub weight: f64,
    /// 零分线 for linear scoring.
    pub zero_line: Option<f64>,
    /// 满分线 for linear scoring; the 市目标 when not set.
    pub full_line: Option<f64>,
}

impl Default for IndicatorSetting {
    fn default() -> Self {
        IndicatorSetting {
            target: None,
            weight: 1.0,
            zero_line: None,
            full_line: None,
        }
    }
}

/// Everything the city decides, as kept in the city file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CitySettings {
    /// 市教育局 name, printed on the 通报.
    pub city_name: String,
    /// Per row key (library code or name key).
    pub indicators: BTreeMap<String, IndicatorSetting>,
    /// The city's mapping: "district\u{1f}indicator name" → row key. Checked before the
    /// library code, the name and aliases.
    pub mapping: BTreeMap<String, String>,
    pub scoring: ScoringRule,
    pub grades: GradeThresholds,
    /// 优质均衡 计划认定年份 per district.
    pub balance_years: BTreeMap<String, i32>,
    pub notes: String,
}

/// The mapping key of a district's indicator.
pub fn mapping_key(district: &str, indicator_name: &str) -> String {
    format!("{}\u{1f}{}", district.trim(), indicator_name.trim())
}

impl CitySettings {
    pub fn indicator(&self, key: &str) -> IndicatorSetting {
        self.indicators.get(key).cloned().unwrap_or_default()
    }
    pub fn indicator_mut(&mut self, key: &str) -> &mut IndicatorSetting {
        self.indicators.entry(key.to_owned()).or_default()
    }
    /// Remember that `indicator_name` of `district` is the row `row_key`.
    pub fn map(&mut self, district: &str, indicator_name: &str, row_key: &str) {
        self.mapping
            .insert(mapping_key(district, indicator_name), row_key.to_owned());
    }
    pub fn mapped(&self, district: &str, indicator_name: &str) -> Option<&str> {
        self.mapping
            .get(&mapping_key(district, indicator_name))
            .map(String::as_str)
    }
}

/// One change between two versions of the settings: what, before, after (as shown).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingChange {
    pub what: String,
    pub before: String,
    pub after: String,
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "（未设）".to_owned(), trim)
}

/// The changes from `old` to `new`, one per item a person would name.
pub fn changes(old: &CitySettings, new: &CitySettings) -> Vec<SettingChange> {
    let mut out = Vec::new();
    let mut push = |what: String, before: String, after: String| {
        if before != after {
            out.push(SettingChange {
                what,
                before,
                after,
            });
        }
    };
    push(
        "市教育局名称".into(),
        old.city_name.clone(),
        new.city_name.clone(),
    );
    let keys: std::collections::BTreeSet<&String> =
        old.indicators.keys().chain(new.indicators.keys()).collect();
    for key in keys {
        let (a, b) = (old.indicator(key), new.indicator(key));
        push(format!("{key} 市目标"), opt(a.target), opt(b.target));
        push(format!("{key} 权重"), trim(a.weight), trim(b.weight));
        push(format!("{key} 零分线"), opt(a.zero_line), opt(b.zero_line));
        push(format!("{key} 满分线"), opt(a.full_line), opt(b.full_line));
    }
    let keys: std::collections::BTreeSet<&String> =
        old.mapping.keys().chain(new.mapping.keys()).collect();
    for key in keys {
        let shown = key.replace('\u{1f}', "：");
        let get = |s: &CitySettings| {
            s.mapping
                .get(key)
                .cloned()
                .unwrap_or_else(|| "（未对应）".into())
        };
        push(format!("指标对应 {shown}"), get(old), get(new));
    }
    push("计分规则".into(), old.scoring.label(), new.scoring.label());
    let grades = |g: &GradeThresholds| {
        format!(
            "优秀≥{}%，良好≥{}%，合格≥{}%",
            trim(g.excellent),
            trim(g.good),
            trim(g.pass)
        )
    };
    push("等次划分".into(), grades(&old.grades), grades(&new.grades));
    let keys: std::collections::BTreeSet<&String> = old
        .balance_years
        .keys()
        .chain(new.balance_years.keys())
        .collect();
    for key in keys {
        let get = |s: &CitySettings| {
            s.balance_years
                .get(key)
                .map_or_else(|| "（未设）".to_owned(), |y| format!("{y}年"))
        };
        push(format!("{key} 优质均衡计划认定年份"), get(old), get(new));
    }
    push("备注".into(), old.notes.clone(), new.notes.clone());
    out
}
