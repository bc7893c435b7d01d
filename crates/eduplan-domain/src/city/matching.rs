//! Which indicators of different districts are the same: the city's own mapping first, then
//! the indicator-library code (the plan's link, else the library entry its name or an alias
//! names, in the same unit), then the name itself. What is left on its own is listed, so that
//! the city can map it (the mapping is kept in the city file).

use std::collections::HashMap;

use crate::library::{Library, name_key, same_unit};

use super::District;
use super::settings::CitySettings;

/// One compared indicator: its key and, per district, the index of its indicator there.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchedRow {
    /// The library code, or `名称:` and the name key.
    pub key: String,
    pub name: String,
    pub unit: String,
    /// Per district (in the order given): index into that plan's `indicators`.
    pub members: Vec<Option<usize>>,
}

/// How an indicator found its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    CityMapping,
    LibraryCode,
    Name,
}

/// An indicator no other district has (or a second one of a district on the same row).
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    pub district: String,
    /// Its own key: another district's indicator can be mapped onto it.
    pub key: String,
    pub indicator: String,
    pub unit: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matching {
    pub rows: Vec<MatchedRow>,
    pub unmatched: Vec<Unmatched>,
}

impl Matching {
    pub fn row(&self, key: &str) -> Option<&MatchedRow> {
        self.rows.iter().find(|r| r.key == key)
    }
}

/// The row key an indicator belongs to, and how it was found.
pub fn row_key(
    district: &str,
    indicator: &crate::model::Indicator,
    settings: &CitySettings,
    library: &Library,
) -> (String, MatchedBy) {
    if let Some(key) = settings.mapped(district, &indicator.name) {
        return (key.to_owned(), MatchedBy::CityMapping);
    }
    let by_code = indicator
        .library_code
        .as_deref()
        .and_then(|code| library.entry(code))
        .or_else(|| library.match_name(&indicator.name))
        .filter(|e| same_unit(&e.unit, &indicator.unit));
    match by_code {
        Some(entry) => (entry.code.clone(), MatchedBy::LibraryCode),
        None => match indicator.library_code.as_deref() {
            // A code the built-in library does not know (a city's own entry) still matches.
            Some(code) if !code.trim().is_empty() => (code.to_owned(), MatchedBy::LibraryCode),
            _ => (
                format!("名称:{}", name_key(&indicator.name)),
                MatchedBy::Name,
            ),
        },
    }
}

/// Match the districts' indicators. A key becomes a row when two or more districts have it,
/// when the city has settings for it, or when there is only one district.
pub fn match_indicators(
    districts: &[District],
    settings: &CitySettings,
    library: &Library,
) -> Matching {
    struct Found {
        district: usize,
        index: usize,
        key: String,
    }
    let mut found = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (d, district) in districts.iter().enumerate() {
        for ind in district.plan.indicators_in_outline_order() {
            let Some(index) = district.plan.indicators.iter().position(|i| i.id == ind.id) else {
                continue;
            };
            let (key, _) = row_key(&district.name, ind, settings, library);
            if !seen.contains_key(&key) {
                seen.insert(key.clone(), order.len());
                order.push(key.clone());
            }
            found.push(Found {
                district: d,
                index,
                key,
            });
        }
    }
    let mut rows: Vec<MatchedRow> = order
        .iter()
        .map(|key| MatchedRow {
            key: key.clone(),
            name: String::new(),
            unit: String::new(),
            members: vec![None; districts.len()],
        })
        .collect();
    let mut unmatched = Vec::new();
    for f in &found {
        let ind = &districts[f.district].plan.indicators[f.index];
        let Some(row) = seen.get(&f.key).and_then(|i| rows.get_mut(*i)) else {
            continue;
        };
        if row.members[f.district].is_some() {
            unmatched.push(Unmatched {
                district: districts[f.district].name.clone(),
                key: f.key.clone(),
                indicator: ind.name.clone(),
                unit: ind.unit.clone(),
                reason: format!("本区县已有一项指标对应“{}”", row_name(row, &f.key, library)),
            });
            continue;
        }
        row.members[f.district] = Some(f.index);
        if row.name.is_empty() {
            row.name = library
                .entry(&f.key)
                .map_or_else(|| ind.name.clone(), |e| e.name.clone());
            row.unit = ind.unit.clone();
        }
    }
    let single = districts.len() <= 1;
    rows.retain(|row| {
        let present = row.members.iter().flatten().count();
        let keep = single || present >= 2 || settings.indicators.contains_key(&row.key);
        if !keep {
            for (d, m) in row.members.iter().enumerate() {
                if let Some(i) = m {
                    let ind = &districts[d].plan.indicators[*i];
                    unmatched.push(Unmatched {
                        district: districts[d].name.clone(),
                        key: row.key.clone(),
                        indicator: ind.name.clone(),
                        unit: ind.unit.clone(),
                        reason: "其他区县没有同名、同别名或同一指标库代码的指标".to_owned(),
                    });
                }
            }
        }
        keep
    });
    Matching { rows, unmatched }
}

fn row_name(row: &MatchedRow, key: &str, library: &Library) -> String {
    if !row.name.is_empty() {
        return row.name.clone();
    }
    library.entry(key).map_or_else(
        || key.trim_start_matches("名称:").to_owned(),
        |e| e.name.clone(),
    )
}
