//! Drafting: the sections and indicators a plan gets from the indicator library or from the
//! targets read out of its own text, as one `Edit::AddOutline` (one undoable step).

use std::collections::BTreeMap;

use crate::edit::Subtree;
use crate::extract::{Proposal, Resolve};
use crate::library::{Library, LibraryEntry};
use crate::model::{Indicator, IndicatorId, IndicatorKind, Plan, Section, SectionId};
use crate::text::name_key;

/// Chinese chapter numbering: 一、 二、 … for top-level sections made here.
fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// Split a heading as the plan writes it (“（四）加强队伍建设”) into numbering and title.
pub fn split_heading(heading: &str) -> (String, String) {
    let chars: Vec<char> = heading.chars().collect();
    let mark_end = if chars.first() == Some(&'第') {
        chars
            .iter()
            .position(|c| matches!(c, '章' | '节' | '分'))
            .map(|i| i + 1)
    } else if matches!(chars.first(), Some('（' | '(')) {
        chars
            .iter()
            .position(|c| matches!(c, '）' | ')'))
            .map(|i| i + 1)
    } else {
        chars
            .iter()
            .take(4)
            .position(|c| matches!(c, '、' | '.' | '．'))
            .map(|i| i + 1)
    };
    match mark_end {
        Some(i) if i < chars.len() => (
            chars[..i].iter().collect(),
            chars[i..].iter().collect::<String>().trim().to_owned(),
        ),
        _ => (String::new(), heading.trim().to_owned()),
    }
}

/// Builds an outline against a plan: reuses the plan's sections where a heading matches and
/// gives new ones provisional (negative) ids.
struct OutlineBuilder<'a> {
    plan: &'a Plan,
    outline: Subtree,
    next_provisional: i64,
}

impl<'a> OutlineBuilder<'a> {
    fn new(plan: &'a Plan) -> Self {
        OutlineBuilder {
            plan,
            outline: Subtree::default(),
            next_provisional: -1,
        }
    }

    /// The section for a path of headings, made where missing.
    fn section_for(&mut self, path: &[String]) -> Option<SectionId> {
        let mut parent: Option<SectionId> = None;
        for heading in path {
            let (numbering, title) = split_heading(heading);
            // Punctuation widths and spaces aside: “（一）发展目标” and “(一) 发展目标” are one.
            let same = |s: &Section| {
                s.parent == parent
                    && (name_key(&s.title) == name_key(&title)
                        || name_key(&s.heading()) == name_key(heading))
            };
            let found = self
                .plan
                .sections
                .iter()
                .find(|s| same(s))
                .or_else(|| self.outline.sections.iter().find(|s| same(s)))
                .map(|s| s.id);
            parent = Some(match found {
                Some(id) => id,
                None => {
                    let id = SectionId(self.next_provisional);
                    self.next_provisional -= 1;
                    self.outline.sections.push(Section {
                        id,
                        parent,
                        position: 0,
                        numbering,
                        title,
                        body: String::new(),
                        lead_unit: String::new(),
                        co_units: String::new(),
                    });
                    id
                }
            });
        }
        parent
    }

    fn add(&mut self, path: &[String], indicator: Indicator) {
        let fallback = ["主要指标".to_owned()];
        let path = if path.is_empty() { &fallback[..] } else { path };
        if let Some(section) = self.section_for(path) {
            self.outline.indicators.push(Indicator {
                section,
                ..indicator
            });
        }
    }
}

/// Indicators for the accepted proposals, under their chapters (made where the plan lacks them).
/// One measure given for several years (2020年85%，2035年95%以上) is one indicator: the latest
/// year's figure is its target, the earlier ones its milestones.
pub fn outline_from_proposals(plan: &Plan, proposals: &[Proposal], library: &Library) -> Subtree {
    let mut builder = OutlineBuilder::new(plan);
    let same_measure = |a: &Proposal, b: &Proposal| {
        a.name == b.name && a.unit == b.unit && a.chapter == b.chapter && a.kind == b.kind
    };
    let latest_of_its_measure = |p: &Proposal| {
        !proposals
            .iter()
            .any(|q| same_measure(p, q) && q.year.is_some() && q.year > p.year)
    };
    for p in proposals.iter().filter(|p| latest_of_its_measure(p)) {
        let milestones: BTreeMap<i32, f64> = proposals
            .iter()
            .filter(|q| same_measure(p, q))
            .filter_map(|q| q.year.filter(|y| Some(*y) < p.year).map(|y| (y, q.value)))
            .collect();
        let mut ind = Indicator::new(IndicatorId(0), SectionId(0), &p.name);
        if let Some(entry) = library
            .match_name(&p.name)
            .filter(|e| crate::library::same_unit(&e.unit, &p.unit))
        {
            entry.new_indicator(&mut ind);
            ind.name = p.name.clone();
        }
        ind.unit = p.unit.clone();
        ind.kind = p.kind;
        ind.comparison = p.comparison;
        ind.target_value = p.value;
        ind.target_stretch = p.stretch;
        ind.target_text = p.target_text.clone();
        ind.attribute = p.attribute;
        ind.base_value = p.base_value.or(match p.kind {
            IndicatorKind::Cumulative => Some(0.0),
            _ => None,
        });
        if let Some(y) = p.year {
            ind.target_year = y;
        } else {
            ind.target_year = plan.info.last_year;
        }
        if p.resolve == Resolve::Strive && ind.target_text.is_empty() {
            ind.target_text = format!("力争{}", p.value_text());
        }
        ind.planned.extend(milestones);
        builder.add(&p.chapter, ind);
    }
    builder.outline
}

/// Indicators for the chosen library entries, one chapter per 学段/领域 (一、学前教育 …), with
/// the base and target years asked once.
pub fn outline_from_library(
    plan: &Plan,
    entries: &[&LibraryEntry],
    base_year: i32,
    target_year: i32,
) -> Subtree {
    let mut builder = OutlineBuilder::new(plan);
    let mut stages: Vec<&str> = Vec::new();
    for e in entries {
        if !stages.contains(&e.stage.as_str()) {
            stages.push(&e.stage);
        }
    }
    let existing_top = plan.sections.iter().filter(|s| s.parent.is_none()).count();
    for e in entries {
        let index = stages.iter().position(|s| *s == e.stage).unwrap_or(0);
        let heading = match plan
            .sections
            .iter()
            .find(|s| s.parent.is_none() && s.title == e.stage)
        {
            Some(s) => s.heading(),
            None => format!("{}、{}", chinese_ordinal(existing_top + index + 1), e.stage),
        };
        let mut ind = Indicator::new(IndicatorId(0), SectionId(0), &e.name);
        e.new_indicator(&mut ind);
        ind.target_year = target_year;
        if base_year != plan.info.base_year {
            ind.base_year = Some(base_year);
        }
        if ind.kind == IndicatorKind::Cumulative {
            ind.base_value = Some(0.0);
        }
        builder.add(&[heading], ind);
    }
    builder.outline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_given_for_two_years_is_one_indicator_with_a_milestone() {
        use crate::extract::{Block, extract_targets};
        let blocks: Vec<Block> = [
            "主要预期指标",
            "单位：%",
            "指标  2017年  2020年  2035年",
            "学前教育毛入园率  79.6  85  >95",
            "高等教育毛入学率  45.7  50  65",
        ]
        .iter()
        .map(|t| Block::Paragraph((*t).to_owned()))
        .collect();
        let proposals = extract_targets(&blocks);
        assert_eq!(proposals.len(), 4, "{proposals:#?}");
        let mut plan = Plan::default();
        plan.info.base_year = 2017;
        plan.info.last_year = 2035;
        let outline = outline_from_proposals(&plan, &proposals, &Library::builtin());
        type Shown<'a> = (&'a str, f64, i32, Vec<(i32, f64)>);
        let shown: Vec<Shown> = outline
            .indicators
            .iter()
            .map(|i| {
                let planned = i.planned.iter().map(|(y, v)| (*y, *v)).collect();
                (i.name.as_str(), i.target_value, i.target_year, planned)
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("学前教育毛入园率", 95.0, 2035, vec![(2020, 85.0)]),
                ("高等教育毛入学率", 65.0, 2035, vec![(2020, 50.0)]),
            ]
        );
        assert_eq!(outline.indicators[0].base_value, Some(79.6));
    }

    #[test]
    fn headings_split_into_numbering_and_title() {
        assert_eq!(
            split_heading("（四）加强队伍建设"),
            ("（四）".into(), "加强队伍建设".into())
        );
        assert_eq!(
            split_heading("三、重点任务"),
            ("三、".into(), "重点任务".into())
        );
        assert_eq!(
            split_heading("2.加大培训力度"),
            ("2.".into(), "加大培训力度".into())
        );
        assert_eq!(
            split_heading("第三章 主要任务"),
            ("第三章".into(), "主要任务".into())
        );
        assert_eq!(split_heading("主要指标"), ("".into(), "主要指标".into()));
        assert_eq!(chinese_ordinal(12), "十二");
    }
}
