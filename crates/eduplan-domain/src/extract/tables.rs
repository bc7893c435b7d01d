//! 主要指标表: a header row (指标 / 2020年 / 2025年 / 属性) and the rows under it.

use super::numbers::{UNITS, ascii_number, range_tail, year_at};
use super::{Period, Proposal, Resolve};
use crate::model::{Attribute, Comparison, IndicatorKind};

#[derive(Clone, Debug)]
pub(super) struct TableHeader {
    pub(super) name: usize,
    pub(super) unit: Option<usize>,
    pub(super) base: Option<usize>,
    pub(super) target: usize,
    pub(super) target_year: Option<i32>,
    /// Year columns between the base and the target (2017年 | 2020年 | 2035年: 2020): targets
    /// for their own years.
    pub(super) staged: Vec<(usize, i32)>,
    /// The unit stated above the table (单位：%), for values whose name and cell give none.
    pub(super) stated_unit: Option<String>,
    pub(super) attribute: Option<usize>,
    pub(super) cumulative_header: bool,
    /// Year columns running back in time (2022年 | 2021年 | 2020年): a table of statistics, whose
    /// rows are no targets.
    pub(super) statistics: bool,
}

/// 单位：% / （单位：%）: a line stating the unit of a table's values.
pub(super) fn unit_line(block: &super::Block) -> Option<String> {
    let super::Block::Paragraph(text) = block else {
        return None;
    };
    let t = crate::text::fold_width(text);
    let t = t
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let unit = t
        .strip_prefix("单位")?
        .trim_start_matches([':', '：', ' '])
        .trim();
    (!unit.is_empty() && unit.chars().count() <= 4).then(|| unit.to_owned())
}

impl TableHeader {
    pub(super) fn detect(cells: &[String], period: Option<Period>) -> Option<TableHeader> {
        let name = cells.iter().position(|c| {
            ["指标", "名称", "项目"].iter().any(|w| c.contains(w)) && !c.contains("属性")
        })?;
        let mut base = None;
        let mut target = None;
        let mut target_year: Option<i32> = None;
        let mut unit = None;
        let mut attribute = None;
        let mut cumulative_header = false;
        let mut year_columns: Vec<(usize, i32)> = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            if i == name {
                continue;
            }
            let chars: Vec<char> = c.chars().collect();
            let year = (0..chars.len()).find_map(|k| year_at(&chars, k));
            if c.contains("单位") {
                unit = Some(i);
            } else if c.contains("属性") || c.contains("性质") {
                attribute = Some(i);
            } else if let Some(y) = year {
                year_columns.push((i, y));
                cumulative_header |= c.contains("累计") && !c.contains("基期");
            } else if c.contains("目标")
                || c.contains("规划")
                || c.contains("预期")
                || (c.ends_with("标准") && c.chars().count() <= 6)
            {
                target = Some(i);
                cumulative_header |= c.contains("累计");
            } else if c.contains("基期") || c.contains("现状") || c.contains("基数") {
                base = Some(i);
            }
        }
        // Year columns: the latest is the target; the base is the plan's base year, or else the
        // earliest of several.
        if let Some(&(i, y)) = year_columns.iter().max_by_key(|(_, y)| *y)
            && (target.is_none() || period.is_some_and(|p| y >= p.last_year))
        {
            target = Some(i);
            target_year = Some(y);
        }
        let earlier: Vec<&(usize, i32)> = year_columns
            .iter()
            .filter(|(i, _)| Some(*i) != target)
            .collect();
        if base.is_none() {
            base = match period {
                Some(p) => earlier
                    .iter()
                    .filter(|(_, y)| *y <= p.base_year)
                    .max_by_key(|(_, y)| *y),
                None => earlier.iter().min_by_key(|(_, y)| *y),
            }
            .map(|(i, _)| *i);
        }
        let statistics =
            year_columns.len() >= 2 && year_columns.windows(2).all(|w| w[0].1 > w[1].1);
        let target = target?;
        let base_year =
            base.and_then(|b| year_columns.iter().find(|(i, _)| *i == b).map(|(_, y)| *y));
        let staged = year_columns
            .iter()
            .filter(|(i, y)| {
                *i != target
                    && Some(*i) != base
                    && base_year.is_some_and(|b| *y > b)
                    && target_year.is_some_and(|t| *y < t)
                    && period.is_none_or(|p| *y > p.base_year)
            })
            .copied()
            .collect();
        Some(TableHeader {
            name,
            unit,
            base,
            target,
            target_year,
            staged,
            stated_unit: None,
            attribute,
            cumulative_header,
            statistics,
        })
    }

    /// A row's targets: the target column's, and one for each staged year before it.
    pub(super) fn row_targets(&self, cells: &[String], period: Option<Period>) -> Vec<Proposal> {
        if self.statistics {
            return Vec::new();
        }
        let staged = self.staged.iter().filter_map(|&(column, year)| {
            let header = TableHeader {
                target: column,
                target_year: Some(year),
                staged: Vec::new(),
                stated_unit: self.stated_unit.clone(),
                ..*self
            };
            header.row_target(cells, period)
        });
        staged.chain(self.row_target(cells, period)).collect()
    }

    pub(super) fn row_target(&self, cells: &[String], period: Option<Period>) -> Option<Proposal> {
        let raw_name = cells.get(self.name)?.trim();
        let target_cell = cells.get(self.target)?.trim();
        if raw_name.is_empty() || target_cell.is_empty() {
            return None;
        }
        // 学前三年毛入园率（%） / 毛入园率(%)
        let (mut name, mut unit) = split_unit(raw_name);
        if let Some(u) = self
            .unit
            .and_then(|i| cells.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            unit = u.to_owned();
        }
        let cumulative =
            self.cumulative_header || name.contains("累计") || target_cell.contains("累计");
        name = name
            .replace("〔累计〕", "")
            .replace("[累计]", "")
            .replace("（累计）", "")
            .replace("(累计)", "");
        let (value, stretch, comparison, cell_unit) = parse_target_cell(target_cell)?;
        if unit.is_empty() {
            unit = cell_unit;
        }
        if unit.is_empty()
            && let Some(stated) = &self.stated_unit
        {
            unit = stated.clone();
        }
        let base_value = self
            .base
            .and_then(|i| cells.get(i))
            .and_then(|c| parse_target_cell(c.trim()))
            .map(|(v, ..)| v);
        let comparison = match (comparison, base_value) {
            (Some(c), _) => c,
            (None, Some(b)) if value < b => Comparison::AtMost,
            _ => Comparison::AtLeast,
        };
        let attribute = self.attribute_of(cells);
        let kind = if cumulative {
            IndicatorKind::Cumulative
        } else if base_value == Some(value) && target_cell.contains("保持") {
            IndicatorKind::Maintain
        } else {
            IndicatorKind::Level
        };
        let year = self.target_year.or(period.map(|p| p.last_year));
        let (sentence, before) = row_sentence(cells, self.target);
        Some(Proposal {
            name: name.trim().to_owned(),
            kind,
            comparison,
            value,
            stretch,
            unit,
            year,
            year_stated: self.target_year.is_some(),
            resolve: if attribute == Attribute::Binding {
                Resolve::Firm
            } else {
                Resolve::Plain
            },
            attribute,
            base_value,
            chapter: Vec::new(),
            sentence,
            span: (before, before + target_cell.chars().count()),
            target_text: target_cell.to_owned(),
        })
    }

    /// 约束性 in the 属性 column makes a binding target.
    fn attribute_of(&self, cells: &[String]) -> Attribute {
        self.attribute
            .and_then(|i| cells.get(i))
            .map(|c| {
                if c.contains("约束") {
                    Attribute::Binding
                } else {
                    Attribute::Expected
                }
            })
            .unwrap_or(Attribute::Expected)
    }
}

pub(super) fn split_unit(name: &str) -> (String, String) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(i) = name.rfind(open)
            && name.ends_with(close)
        {
            let inner = &name[i + open.len_utf8()..name.len() - close.len_utf8()];
            if inner.chars().count() <= 6 && !inner.contains("累计") {
                return (name[..i].to_owned(), inner.to_owned());
            }
        }
    }
    (name.to_owned(), String::new())
}

/// `≥95` / `>90` / `95以上` / `3-5` / `≤0.5` / `[100]`: the number a table cell states.
pub(super) fn parse_target_cell(
    cell: &str,
) -> Option<(f64, Option<f64>, Option<Comparison>, String)> {
    let chars: Vec<char> = cell.chars().collect();
    let first_digit = chars.iter().position(|c| c.is_ascii_digit())?;
    let prefix: String = chars[..first_digit].iter().collect();
    if prefix
        .chars()
        .any(|c| c.is_alphabetic() && !"约达保持在不低于高超过以上下≥≤＞＜><".contains(c))
    {
        return None;
    }
    let (value, len) = ascii_number(&chars[first_digit..]);
    let mut j = first_digit + len;
    // ≤1:15 is a ratio, not a number.
    if matches!(chars.get(j), Some(':' | '：')) {
        return None;
    }
    let mut stretch = None;
    if let Some((s, l)) = range_tail(&chars[j..], false)
        && s > value
    {
        stretch = Some(s);
        j += l;
    }
    let suffix: String = chars[j..].iter().collect();
    let comparison = if prefix.contains('≥') || prefix.contains("不低于") || suffix.contains("以上")
    {
        Some(Comparison::AtLeast)
    } else if prefix.contains('>')
        || prefix.contains('＞')
        || prefix.contains("超过")
        || prefix.contains("高于")
    {
        Some(Comparison::MoreThan)
    } else if prefix.contains('≤') || suffix.contains("以下") || suffix.contains("以内") {
        Some(Comparison::AtMost)
    } else if prefix.contains('<') || prefix.contains('＜') {
        Some(Comparison::LessThan)
    } else {
        None
    };
    let unit = UNITS
        .iter()
        .find(|u| suffix.trim_start().starts_with(**u))
        .map(|u| (*u).to_owned())
        .unwrap_or_default();
    Some((value, stretch, comparison, unit))
}

/// A row as a sentence (cells joined by " | ") and where the target cell starts in it.
fn row_sentence(cells: &[String], target: usize) -> (String, usize) {
    let sentence = cells
        .iter()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(" | ");
    let before: usize = cells[..target]
        .iter()
        .map(|c| c.trim().chars().count() + 3)
        .sum();
    (sentence, before)
}
