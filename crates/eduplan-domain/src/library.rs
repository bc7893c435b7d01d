//! The indicator library: standard education indicators with their definitions and the targets
//! set above the district (national, and provincial or city ones the officer adds), each with its
//! source document. Built into the program from `data/indicator-library.json`; the officer's
//! own additions are a file of the same format (kept by the app in the user's data folder).

use serde::{Deserialize, Serialize};

use crate::model::{Attribute, Comparison, Indicator, IndicatorKind, Plan};

pub const FORMAT: &str = "eduplan-indicator-library";
pub const FORMAT_VERSION: u32 = 1;

const BUILTIN: &str = include_str!("../data/indicator-library.json");

/// Whose target it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetLevel {
    National,
    Provincial,
    City,
}

impl TargetLevel {
    pub fn label(self) -> &'static str {
        match self {
            TargetLevel::National => "全国",
            TargetLevel::Provincial => "省级",
            TargetLevel::City => "市级",
        }
    }
}

/// A target set at one level, with its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryTarget {
    pub level: TargetLevel,
    pub target: f64,
    pub year: i32,
    /// `binding` / `expected`
    pub attribute: String,
    /// The target as its document words it.
    pub text: String,
    pub source: String,
    /// The value in 2020, where the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_2020: Option<f64>,
    /// Where the target's comparison differs from the entry's (90%以上 vs >90%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
    /// The target is a row of a national plan's main indicator table (主要指标表): a binding
    /// one is expected in every district plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub main_table: bool,
}

impl LibraryTarget {
    pub fn attribute(&self) -> Attribute {
        Attribute::from_code(&self.attribute).unwrap_or(Attribute::Expected)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// Stable ASCII code; plans link to it.
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// 学段/领域 (学前教育, 义务教育, 教师队伍 …): the chapters offered when a plan is built.
    pub stage: String,
    pub unit: String,
    /// `IndicatorKind` code.
    pub kind: String,
    /// `Comparison` code.
    pub comparison: String,
    pub definition: String,
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    #[serde(default)]
    pub may_exceed_100: bool,
    /// Where the definition comes from.
    pub definition_source: String,
    #[serde(default)]
    pub targets: Vec<LibraryTarget>,
}

impl LibraryEntry {
    pub fn kind(&self) -> IndicatorKind {
        IndicatorKind::from_code(&self.kind).unwrap_or(IndicatorKind::Level)
    }
    pub fn comparison(&self) -> Comparison {
        Comparison::from_code(&self.comparison).unwrap_or(Comparison::AtLeast)
    }
    pub fn national(&self) -> Option<&LibraryTarget> {
        self.targets
            .iter()
            .find(|t| t.level == TargetLevel::National)
    }
    /// A new indicator carrying this entry's definition, kind, comparison and unit; its target
    /// starts at the national one where there is one.
    pub fn new_indicator(&self, indicator: &mut Indicator) {
        indicator.name = self.name.clone();
        indicator.unit = self.unit.clone();
        indicator.category = self.stage.clone();
        indicator.kind = self.kind();
        indicator.comparison = self.comparison();
        indicator.definition = self.definition.clone();
        indicator.numerator_label = self.numerator.clone();
        indicator.denominator_label = self.denominator.clone();
        indicator.may_exceed_100 = self.may_exceed_100;
        indicator.library_code = Some(self.code.clone());
        if let Some(t) = self.national() {
            indicator.target_value = t.target;
            indicator.target_text = t.text.clone();
            indicator.attribute = t.attribute();
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub edition: String,
    #[serde(default)]
    pub note: String,
    pub entries: Vec<LibraryEntry>,
    /// Every entry's name and aliases as match keys, made on first use (matching runs after
    /// every edit, for each indicator).
    #[serde(skip)]
    keys: std::sync::OnceLock<Vec<(String, usize)>>,
}

/// Why a library file cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryError {
    NotALibrary(String),
    NewerVersion(u32),
    BadEntry(String, String),
}

impl std::fmt::Display for LibraryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LibraryError::NotALibrary(why) => write!(f, "不是EduPlan指标库文件（{why}）"),
            LibraryError::NewerVersion(v) => {
                write!(f, "由较新版本的EduPlan保存（格式第{v}版），请先升级EduPlan")
            }
            LibraryError::BadEntry(name, why) => write!(f, "指标“{name}”：{why}"),
        }
    }
}

impl Library {
    /// A library file holding these entries (the officer's own additions).
    pub fn of_entries(note: &str, entries: Vec<LibraryEntry>) -> Library {
        Library {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            note: note.to_owned(),
            entries,
            ..Library::default()
        }
    }

    /// The library built into the program.
    pub fn builtin() -> Library {
        static PARSED: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
        // Checked by a test: the built-in data always parses.
        PARSED
            .get_or_init(|| Library::parse(BUILTIN).unwrap_or_default())
            .clone()
    }

    pub fn parse(text: &str) -> Result<Library, LibraryError> {
        let lib: Library = serde_json::from_str(text)
            .map_err(|e| LibraryError::NotALibrary(format!("第{}行：{e}", e.line())))?;
        if lib.format != FORMAT {
            return Err(LibraryError::NotALibrary(format!(
                "格式标记为“{}”",
                lib.format
            )));
        }
        if lib.version > FORMAT_VERSION {
            return Err(LibraryError::NewerVersion(lib.version));
        }
        for e in &lib.entries {
            let bad = |why: &str| LibraryError::BadEntry(e.name.clone(), why.to_owned());
            if e.code.trim().is_empty() || !e.code.is_ascii() {
                return Err(bad("缺少代码或代码含非ASCII字符"));
            }
            if IndicatorKind::from_code(&e.kind).is_none() {
                return Err(bad("指标类型无法识别"));
            }
            if Comparison::from_code(&e.comparison).is_none() {
                return Err(bad("比较方式无法识别"));
            }
            if e.targets.iter().any(|t| t.source.trim().is_empty()) {
                return Err(bad("目标缺少出处"));
            }
        }
        Ok(lib)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn entry(&self, code: &str) -> Option<&LibraryEntry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// Add the officer's own entries and targets: a target for an existing code joins that
    /// entry (replacing one of the same level and year); a new code becomes a new entry.
    pub fn merge(&mut self, own: Library) {
        self.keys = std::sync::OnceLock::new();
        for entry in own.entries {
            match self.entries.iter_mut().find(|e| e.code == entry.code) {
                Some(existing) => {
                    for t in entry.targets {
                        existing
                            .targets
                            .retain(|x| x.level != t.level || x.year != t.year);
                        existing.targets.push(t);
                    }
                    existing.targets.sort_by_key(|t| (t.level, t.year));
                }
                None => self.entries.push(entry),
            }
        }
    }

    /// The entry an indicator belongs to: its link, else its name or an alias.
    pub fn match_indicator(&self, indicator: &Indicator) -> Option<&LibraryEntry> {
        if let Some(code) = &indicator.library_code
            && let Some(e) = self.entry(code)
        {
            return Some(e);
        }
        self.match_name(&indicator.name)
    }

    /// The entry an indicator belongs to, when it measures in the same unit (a name can match
    /// while the measure differs: 智慧教室 in 间 vs schools with one, in 所).
    pub fn comparable_entry(&self, indicator: &Indicator) -> Option<&LibraryEntry> {
        self.match_indicator(indicator)
            .filter(|e| same_unit(&e.unit, &indicator.unit))
    }

    /// The entry a name refers to: the same name or alias after dropping spaces, units in
    /// parentheses and 的; else the longest alias the name contains.
    pub fn match_name(&self, name: &str) -> Option<&LibraryEntry> {
        let key = name_key(name);
        if key.chars().count() < 2 {
            return None;
        }
        let keys = self.keys.get_or_init(|| {
            self.entries
                .iter()
                .enumerate()
                .flat_map(|(i, e)| {
                    std::iter::once(&e.name)
                        .chain(&e.aliases)
                        .map(move |n| (name_key(n), i))
                })
                .collect()
        });
        if let Some((_, i)) = keys.iter().find(|(k, _)| *k == key) {
            return self.entries.get(*i);
        }
        // At least three characters: 近视率 may be contained, 率 may not.
        keys.iter()
            .filter(|(k, _)| k.chars().nth(2).is_some() && key.contains(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .and_then(|(_, i)| self.entries.get(*i))
    }

    /// The stages (学前教育, 义务教育 …) in library order.
    pub fn stages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.entries {
            if !out.contains(&e.stage) {
                out.push(e.stage.clone());
            }
        }
        out
    }
}

/// Units that are the same measure (㎡ and 平方米; an empty unit on either side).
pub fn same_unit(a: &str, b: &str) -> bool {
    let norm = |u: &str| u.trim().replace('㎡', "平方米");
    let (a, b) = (norm(a), norm(b));
    a.is_empty() || b.is_empty() || a == b
}

fn name_key(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            '的' | '“' | '”' | '"' | ' ' | '\u{3000}' | '、' | '，' => {}
            _ => out.push(c),
        }
    }
    out
}

/// What 对标 finds for one indicator (or for the plan, when a binding national indicator is
/// missing).
#[derive(Clone, Debug, PartialEq)]
pub enum AlignmentIssue {
    /// The district's target is weaker than the higher level's.
    WeakerThan {
        level: TargetLevel,
        target: f64,
        year: i32,
        source: String,
    },
    /// Due later than the higher level's target year, without being more ambitious.
    LaterThan {
        level: TargetLevel,
        year: i32,
        source: String,
    },
    /// The national target is binding; the plan marks it 预期性.
    MarkedExpected { source: String },
    /// A binding national indicator of the national plan tables is not in the plan.
    MissingBinding { entry: String, source: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    pub indicator: Option<crate::model::IndicatorId>,
    pub entry_code: String,
    pub issue: AlignmentIssue,
}

/// A binding national target from a national plan's main indicator table: every district plan
/// is expected to carry it, and as 约束性.
fn is_core_binding(t: &LibraryTarget) -> bool {
    t.level == TargetLevel::National && t.main_table && t.attribute() == Attribute::Binding
}

/// The targets set for the plan's own period (a 十五五 plan is checked against the 2030 and
/// 2027 anchors, a 十四五 plan against the 2025 ones).
fn in_period(plan: &Plan, t: &LibraryTarget) -> bool {
    plan.info.years().contains(&t.year)
}

/// 对标: compare each indicator's target with the targets set above it for the plan's period.
pub fn align(plan: &Plan, library: &Library) -> Vec<Alignment> {
    let mut out = Vec::new();
    let mut present: Vec<String> = Vec::new();
    for ind in plan.indicators_in_outline_order() {
        let Some(entry) = library.comparable_entry(ind) else {
            continue;
        };
        present.push(entry.code.clone());
        for t in entry.targets.iter().filter(|t| in_period(plan, t)) {
            let push = |out: &mut Vec<Alignment>, issue| {
                out.push(Alignment {
                    indicator: Some(ind.id),
                    entry_code: entry.code.clone(),
                    issue,
                })
            };
            let higher = t.target;
            let own = ind.target_value;
            let lower_is_better = ind.comparison.lower_is_better();
            let weaker = match ind.kind {
                IndicatorKind::ChangeFromBase => {
                    if higher < 0.0 {
                        own > higher + 1e-9
                    } else {
                        own < higher - 1e-9
                    }
                }
                IndicatorKind::YesNo => false,
                _ if lower_is_better => own > higher + 1e-9,
                _ => own < higher - 1e-9,
            };
            if weaker {
                push(
                    &mut out,
                    AlignmentIssue::WeakerThan {
                        level: t.level,
                        target: higher,
                        year: t.year,
                        source: t.source.clone(),
                    },
                );
            } else if ind.target_year > t.year && (own - higher).abs() < 1e-9 {
                push(
                    &mut out,
                    AlignmentIssue::LaterThan {
                        level: t.level,
                        year: t.year,
                        source: t.source.clone(),
                    },
                );
            }
            if is_core_binding(t) && ind.attribute == Attribute::Expected {
                push(
                    &mut out,
                    AlignmentIssue::MarkedExpected {
                        source: t.source.clone(),
                    },
                );
            }
        }
    }
    for e in &library.entries {
        if !present.contains(&e.code)
            && let Some(t) = e
                .targets
                .iter()
                .find(|t| is_core_binding(t) && in_period(plan, t))
        {
            out.push(Alignment {
                indicator: None,
                entry_code: e.code.clone(),
                issue: AlignmentIssue::MissingBinding {
                    entry: e.name.clone(),
                    source: t.source.clone(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_library_parses_and_every_target_has_a_source() {
        let lib = Library::parse(BUILTIN).expect("builtin library");
        assert!(lib.entries.len() >= 60, "{}", lib.entries.len());
        let mut codes: Vec<&str> = lib.entries.iter().map(|e| e.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), lib.entries.len(), "codes are unique");
    }

    #[test]
    fn every_target_agrees_with_its_wording_and_its_entry() {
        let lib = Library::builtin();
        for e in &lib.entries {
            assert!(
                !e.definition.is_empty() && !e.definition_source.is_empty(),
                "{}",
                e.name
            );
            let kind = e.kind();
            let cmp = e.comparison();
            for t in &e.targets {
                let cmp = t
                    .comparison
                    .as_deref()
                    .and_then(Comparison::from_code)
                    .unwrap_or(cmp);
                let text = t.text.as_str();
                // A change (降低…以上) is judged on its sign, not on 以上.
                let level = kind != IndicatorKind::ChangeFromBase;
                if level
                    && ["以上", "不低于", "不少于"]
                        .iter()
                        .any(|w| text.contains(w))
                {
                    assert!(!cmp.lower_is_better(), "{}: {text} is a floor", e.name);
                }
                if level && ["不超过", "以内", "以下"].iter().any(|w| text.contains(w)) {
                    assert!(cmp.lower_is_better(), "{}: {text} is a ceiling", e.name);
                }
                if kind == IndicatorKind::ChangeFromBase {
                    assert!(
                        t.text.contains("降低") || t.text.contains("提高"),
                        "{}",
                        e.name
                    );
                }
                if e.unit == "%" && kind != IndicatorKind::ChangeFromBase && !e.may_exceed_100 {
                    assert!(
                        (0.0..=100.0).contains(&t.target),
                        "{}: {}",
                        e.name,
                        t.target
                    );
                }
                assert!((2020..=2035).contains(&t.year), "{}: {}", e.name, t.year);
            }
        }
    }

    #[test]
    fn a_plan_is_checked_against_the_anchors_of_its_own_period() {
        use crate::model::{Section, SectionId};
        let lib = Library::builtin();
        let mut plan = Plan::default();
        plan.info.base_year = 2025;
        plan.info.first_year = 2026;
        plan.info.last_year = 2030;
        plan.sections.push(Section {
            id: SectionId(1),
            parent: None,
            position: 0,
            numbering: "一、".to_owned(),
            title: "发展目标".to_owned(),
            body: String::new(),
            lead_unit: String::new(),
            co_units: String::new(),
        });
        let mut ind = Indicator::new(
            crate::model::IndicatorId(1),
            SectionId(1),
            "劳动年龄人口平均受教育年限",
        );
        ind.unit = "年".to_owned();
        ind.target_value = 11.5;
        ind.target_year = 2030;
        ind.attribute = Attribute::Binding;
        plan.indicators.push(ind);
        let weaker: Vec<(f64, i32)> = align(&plan, &lib)
            .into_iter()
            .filter_map(|a| match a.issue {
                AlignmentIssue::WeakerThan { target, year, .. } => Some((target, year)),
                _ => None,
            })
            .collect();
        // 11.5 is above the 十四五's 11.3 but below the 十五五's 11.7: only the latter counts.
        assert_eq!(weaker, [(11.7, 2030)]);
        plan.info.base_year = 2020;
        plan.info.first_year = 2021;
        plan.info.last_year = 2025;
        plan.indicators[0].target_year = 2025;
        plan.indicators[0].target_value = 11.2;
        let weaker: Vec<i32> = align(&plan, &lib)
            .into_iter()
            .filter_map(|a| match a.issue {
                AlignmentIssue::WeakerThan { year, .. } => Some(year),
                _ => None,
            })
            .collect();
        assert_eq!(weaker, [2025]);
        for (code, year, target) in [
            ("higher_gross_enrolment", 2030, 65.0),
            ("upper_secondary_completion", 2030, 88.0),
            ("public_kindergarten_share", 2027, 60.0),
            ("disabled_compulsory_enrolment", 2027, 97.0),
            ("inclusive_kindergarten_coverage", 2030, 80.0),
        ] {
            let entry = lib.entry(code).expect(code);
            assert!(
                entry.targets.iter().any(|t| t.year == year
                    && (t.target - target).abs() < 1e-9
                    && !t.source.is_empty()),
                "{code}"
            );
        }
    }

    #[test]
    fn names_and_aliases_find_their_entry() {
        let lib = Library::builtin();
        for (name, code) in [
            ("学前三年毛入园率", "preschool_gross_enrolment"),
            ("学前教育毛入园率（%）", "preschool_gross_enrolment"),
            ("九年义务教育巩固率", "compulsory_retention"),
            ("中小学生近视率", "myopia_rate"),
            (
                "全区高中阶段教育毛入学率",
                "upper_secondary_gross_enrolment",
            ),
        ] {
            assert_eq!(
                lib.match_name(name).map(|e| e.code.as_str()),
                Some(code),
                "{name}"
            );
        }
        assert!(lib.match_name("蔬菜五谷种植区面积").is_none());
    }

    #[test]
    fn binding_rows_of_the_national_tables_are_expected_in_every_plan_and_as_binding() {
        use crate::model::{Section, SectionId};
        let lib = Library::builtin();
        let mut plan = Plan::default();
        plan.sections.push(Section {
            id: SectionId(1),
            parent: None,
            position: 0,
            numbering: "一、".to_owned(),
            title: "发展目标".to_owned(),
            body: String::new(),
            lead_unit: String::new(),
            co_units: String::new(),
        });
        let mut ind = Indicator::new(crate::model::IndicatorId(1), SectionId(1), "义务教育巩固率");
        ind.target_value = 99.0;
        ind.attribute = Attribute::Expected;
        plan.indicators.push(ind);
        let found = align(&plan, &lib);
        let missing: Vec<&str> = found
            .iter()
            .filter_map(|a| match &a.issue {
                AlignmentIssue::MissingBinding { .. } => Some(a.entry_code.as_str()),
                _ => None,
            })
            .collect();
        // Only the binding rows of the national main tables, not every binding standard.
        assert_eq!(missing, ["years_of_schooling"]);
        assert!(
            found
                .iter()
                .any(|a| a.indicator == Some(crate::model::IndicatorId(1))
                    && matches!(a.issue, AlignmentIssue::MarkedExpected { .. }))
        );

        // The rule comes from the data: a library whose table row is binding asks for it too.
        let mut shared = lib
            .entry("preschool_gross_enrolment")
            .expect("entry")
            .clone();
        shared.targets[0].attribute = "binding".to_owned();
        let mut lib2 = Library::builtin();
        lib2.merge(Library::of_entries("", vec![shared]));
        let found = align(&plan, &lib2);
        assert!(
            found
                .iter()
                .any(|a| a.entry_code == "preschool_gross_enrolment"
                    && matches!(a.issue, AlignmentIssue::MissingBinding { .. }))
        );
    }
}
