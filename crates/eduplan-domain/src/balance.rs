//! 义务教育优质均衡 (教督〔2017〕6号, domain.md §6): each school's seven resource indicators
//! against the 小学 / 初中 standards, the 6-of-7-plus-85 % rule, and the student-weighted
//! 差异系数 between schools for each indicator and 学段.
//!
//! Combined schools are split into their 小学 and 初中 parts; shared resources follow the
//! pupils, weighted by the inspection convention (九年一贯制 小学:初中 = 1 : 1.1, 完全中学
//! 初中:高中 = 1 : 1.2). Special-education and vocational schools, and teaching points with
//! fewer than 50 pupils, stay in the data but do not enter the calculation.

use std::collections::BTreeMap;

use crate::codes::coded_enum;
use crate::model::SchoolId;
pub use crate::model::{BalanceSettings, School, SchoolFigures, SchoolType};

coded_enum! {
    /// 学段 judged by the evaluation.
    pub enum Stage {
        Primary = ("primary", "小学"),
        Junior = ("junior", "初中"),
    }
}

coded_enum! {
    /// The seven resource indicators, in the order of 教督〔2017〕6号.
    pub enum Resource {
        QualifiedTeachers = ("qualified_teachers", "每百名学生拥有高于规定学历教师数"),
        KeyTeachers = ("key_teachers", "每百名学生拥有县级以上骨干教师数"),
        ArtsPeTeachers = ("arts_pe_teachers", "每百名学生拥有体育、艺术专任教师数"),
        TeachingSpace = ("teaching_space", "生均教学及辅助用房面积"),
        SportsSpace = ("sports_space", "生均体育运动场馆面积"),
        Equipment = ("equipment", "生均教学仪器设备值"),
        MultimediaRooms = ("multimedia_rooms", "每百名学生拥有网络多媒体教室数"),
    }
}

impl Resource {
    /// Per 100 pupils (teachers, rooms) or per pupil (areas, equipment value).
    pub fn per_hundred(self) -> bool {
        matches!(
            self,
            Resource::QualifiedTeachers
                | Resource::KeyTeachers
                | Resource::ArtsPeTeachers
                | Resource::MultimediaRooms
        )
    }
    /// A column heading short enough for a table of schools.
    pub fn short_label(self) -> &'static str {
        match self {
            Resource::QualifiedTeachers => "高学历教师/百生",
            Resource::KeyTeachers => "骨干教师/百生",
            Resource::ArtsPeTeachers => "体艺教师/百生",
            Resource::TeachingSpace => "生均教辅用房㎡",
            Resource::SportsSpace => "生均体育场馆㎡",
            Resource::Equipment => "生均仪器设备元",
            Resource::MultimediaRooms => "多媒体教室/百生",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Resource::QualifiedTeachers | Resource::KeyTeachers | Resource::ArtsPeTeachers => "人",
            Resource::TeachingSpace | Resource::SportsSpace => "㎡",
            Resource::Equipment => "元",
            Resource::MultimediaRooms => "间",
        }
    }
    /// The raw count the indicator is computed from, as the school-data table names it.
    pub fn count_label(self) -> &'static str {
        match self {
            Resource::QualifiedTeachers => "高于规定学历教师数",
            Resource::KeyTeachers => "县级以上骨干教师数",
            Resource::ArtsPeTeachers => "体育艺术专任教师数",
            Resource::TeachingSpace => "教学及辅助用房面积（㎡）",
            Resource::SportsSpace => "体育运动场馆面积（㎡）",
            Resource::Equipment => "教学仪器设备值（元）",
            Resource::MultimediaRooms => "网络多媒体教室数（间）",
        }
    }
    fn index(self) -> usize {
        Resource::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

impl BalanceSettings {
    pub fn standard(&self, resource: Resource, stage: Stage) -> f64 {
        self.standards[resource.index()][stage_index(stage)]
    }
    pub fn max_cv(&self, stage: Stage) -> f64 {
        self.max_cv[stage_index(stage)]
    }
}

fn stage_index(stage: Stage) -> usize {
    match stage {
        Stage::Primary => 0,
        Stage::Junior => 1,
    }
}

impl SchoolFigures {
    /// The figure a school-year field holds.
    pub fn slot(&self, field: crate::edit::SchoolYearField) -> Option<f64> {
        use crate::edit::SchoolYearField as F;
        match field {
            F::PupilsPrimary => self.pupils_primary,
            F::PupilsJunior => self.pupils_junior,
            F::PupilsSenior => self.pupils_senior,
            other => self.counts[resource_of(other).index()],
        }
    }

    pub fn slot_mut(&mut self, field: crate::edit::SchoolYearField) -> &mut Option<f64> {
        use crate::edit::SchoolYearField as F;
        match field {
            F::PupilsPrimary => &mut self.pupils_primary,
            F::PupilsJunior => &mut self.pupils_junior,
            F::PupilsSenior => &mut self.pupils_senior,
            other => &mut self.counts[resource_of(other).index()],
        }
    }
}

/// The resource a count field feeds (pupil fields map to the first, never asked).
pub fn resource_of(field: crate::edit::SchoolYearField) -> Resource {
    use crate::edit::SchoolYearField as F;
    match field {
        F::QualifiedTeachers | F::PupilsPrimary | F::PupilsJunior | F::PupilsSenior => {
            Resource::QualifiedTeachers
        }
        F::KeyTeachers => Resource::KeyTeachers,
        F::ArtsPeTeachers => Resource::ArtsPeTeachers,
        F::TeachingSpace => Resource::TeachingSpace,
        F::SportsSpace => Resource::SportsSpace,
        F::Equipment => Resource::Equipment,
        F::MultimediaRooms => Resource::MultimediaRooms,
    }
}

impl School {
    pub fn new(id: SchoolId, name: &str) -> School {
        School {
            id,
            position: 0,
            name: name.to_owned(),
            school_type: SchoolType::Primary,
            remark: String::new(),
            years: BTreeMap::new(),
        }
    }

    /// The figures of `year` for the calculation; None when the year has none.
    pub fn for_year(&self, year: i32) -> Option<SchoolYear> {
        let f = self.years.get(&year)?;
        Some(SchoolYear {
            name: self.name.clone(),
            school_type: self.school_type,
            pupils_primary: f.pupils_primary.unwrap_or(0.0),
            pupils_junior: f.pupils_junior.unwrap_or(0.0),
            pupils_senior: f.pupils_senior.unwrap_or(0.0),
            counts: f.counts,
        })
    }
}

/// The schools of a plan with figures for `year`, ready for `evaluate_balance`.
pub fn schools_for_year(plan: &crate::model::Plan, year: i32) -> Vec<SchoolYear> {
    plan.schools_in_order()
        .into_iter()
        .filter_map(|s| s.for_year(year))
        .collect()
}

/// One school's figures for one year.
#[derive(Clone, Debug, PartialEq)]
pub struct SchoolYear {
    pub name: String,
    pub school_type: SchoolType,
    pub pupils_primary: f64,
    pub pupils_junior: f64,
    /// Only a 完全中学 has them; they take their share of the shared resources.
    pub pupils_senior: f64,
    /// The raw counts, in `Resource::ALL` order; None where not reported.
    pub counts: [Option<f64>; 7],
}

/// Why a school's figures cannot be used, said before anything is computed.
#[derive(Clone, Debug, PartialEq)]
pub enum SchoolDataError {
    NoPupils {
        school: String,
    },
    NegativeFigure {
        school: String,
    },
    MissingCount {
        school: String,
        resource: Resource,
    },
    /// Pupils entered in a 学段 the school does not have.
    PupilsInWrongStage {
        school: String,
    },
}

/// Why a school is kept in the data but left out of the calculation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Exclusion {
    SpecialEducation,
    Vocational,
    SmallTeachingPoint { pupils: f64 },
}

/// A school's part in one 学段, with its values.
#[derive(Clone, Debug, PartialEq)]
pub struct SchoolPart {
    pub school: String,
    pub stage: Stage,
    pub pupils: f64,
    /// The share of the school's shared resources this part carries (1 for a single-stage school).
    pub resource_share: f64,
    pub values: [f64; 7],
    /// How many of the seven standards are met.
    pub met: usize,
    /// The lowest value as a share of its standard among those missed.
    pub weakest_share: f64,
    pub meets_standards: bool,
}

/// One indicator in one 学段 across the schools.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispersion {
    pub resource: Resource,
    pub stage: Stage,
    pub schools: usize,
    pub mean: f64,
    pub std_dev: f64,
    pub cv: f64,
    pub max_cv: f64,
    pub meets: bool,
    /// Each school's share of Σ (Pᵢ/P)(Xᵢ − X̄)², largest first: who pulls the CV up.
    pub contributions: Vec<(String, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BalanceReport {
    pub parts: Vec<SchoolPart>,
    pub excluded: Vec<(String, Exclusion)>,
    pub dispersions: Vec<Dispersion>,
}

impl BalanceReport {
    /// Every CV within its limit and every school part meeting the standards.
    pub fn meets_all(&self) -> bool {
        self.dispersions.iter().all(|d| d.meets) && self.parts.iter().all(|p| p.meets_standards)
    }
}

/// Why a school does not enter the calculation, if it does not.
pub fn exclusion(school: &SchoolYear, settings: &BalanceSettings) -> Option<Exclusion> {
    match school.school_type {
        SchoolType::Special => Some(Exclusion::SpecialEducation),
        SchoolType::Vocational => Some(Exclusion::Vocational),
        SchoolType::TeachingPoint => {
            let pupils = school.pupils_primary + school.pupils_junior;
            (pupils < settings.min_teaching_point_pupils)
                .then_some(Exclusion::SmallTeachingPoint { pupils })
        }
        _ => None,
    }
}

/// Check the figures of the schools that enter the calculation.
pub fn check_schools(
    schools: &[SchoolYear],
    settings: &BalanceSettings,
) -> Result<(), Vec<SchoolDataError>> {
    let mut problems = Vec::new();
    for s in schools {
        if exclusion(s, settings).is_some() {
            continue;
        }
        let school = s.name.clone();
        let pupils = [s.pupils_primary, s.pupils_junior, s.pupils_senior];
        let figures = pupils
            .iter()
            .copied()
            .chain(s.counts.iter().flatten().copied());
        if figures.clone().any(|v| v < 0.0 || !v.is_finite()) {
            problems.push(SchoolDataError::NegativeFigure { school });
            continue;
        }
        let wrong_stage = match s.school_type {
            SchoolType::Primary | SchoolType::TeachingPoint => {
                s.pupils_junior > 0.0 || s.pupils_senior > 0.0
            }
            SchoolType::Junior => s.pupils_primary > 0.0 || s.pupils_senior > 0.0,
            SchoolType::NineYear => s.pupils_senior > 0.0,
            SchoolType::Complete => s.pupils_primary > 0.0,
            SchoolType::Special | SchoolType::Vocational => false,
        };
        if wrong_stage {
            problems.push(SchoolDataError::PupilsInWrongStage { school });
            continue;
        }
        if s.pupils_primary + s.pupils_junior <= 0.0 {
            problems.push(SchoolDataError::NoPupils { school });
            continue;
        }
        for (resource, count) in Resource::ALL.iter().zip(s.counts) {
            if count.is_none() {
                problems.push(SchoolDataError::MissingCount {
                    school: school.clone(),
                    resource: *resource,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The parts a school splits into, with the share of shared resources each carries.
fn split(school: &SchoolYear, settings: &BalanceSettings) -> Vec<(Stage, f64, f64)> {
    let p = school.pupils_primary;
    let j = school.pupils_junior;
    match school.school_type {
        SchoolType::Primary | SchoolType::TeachingPoint => vec![(Stage::Primary, p, 1.0)],
        SchoolType::Junior => vec![(Stage::Junior, j, 1.0)],
        SchoolType::NineYear => {
            let weighted = p + settings.nine_year_junior_weight * j;
            let mut parts = Vec::new();
            if p > 0.0 {
                parts.push((Stage::Primary, p, p / weighted));
            }
            if j > 0.0 {
                parts.push((
                    Stage::Junior,
                    j,
                    settings.nine_year_junior_weight * j / weighted,
                ));
            }
            parts
        }
        SchoolType::Complete => {
            let weighted = j + settings.complete_senior_weight * school.pupils_senior;
            if j > 0.0 {
                vec![(Stage::Junior, j, j / weighted)]
            } else {
                Vec::new()
            }
        }
        SchoolType::Special | SchoolType::Vocational => Vec::new(),
    }
}

/// The student-weighted mean, standard deviation and CV of `values` with weights `pupils`
/// (domain.md §6): X̄ = Σ PᵢXᵢ / Σ Pᵢ, S = √(Σ (Pᵢ/ΣP)(Xᵢ − X̄)²), CV = S / X̄.
pub fn weighted_cv(pupils: &[f64], values: &[f64]) -> (f64, f64, f64) {
    let total: f64 = pupils.iter().sum();
    if total <= 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let mean = pupils.iter().zip(values).map(|(p, x)| p * x).sum::<f64>() / total;
    let variance = pupils
        .iter()
        .zip(values)
        .map(|(p, x)| p / total * (x - mean).powi(2))
        .sum::<f64>();
    let std_dev = variance.sqrt();
    let cv = if mean.abs() > 0.0 {
        std_dev / mean
    } else {
        0.0
    };
    (mean, std_dev, cv)
}

/// The whole evaluation for one year's school data. Refuses data that cannot be used.
pub fn evaluate_balance(
    schools: &[SchoolYear],
    settings: &BalanceSettings,
) -> Result<BalanceReport, Vec<SchoolDataError>> {
    check_schools(schools, settings)?;
    let mut parts = Vec::new();
    let mut excluded = Vec::new();
    for s in schools {
        if let Some(why) = exclusion(s, settings) {
            excluded.push((s.name.clone(), why));
            continue;
        }
        for (stage, pupils, share) in split(s, settings) {
            let mut values = [0.0; 7];
            for (k, resource) in Resource::ALL.iter().enumerate() {
                let count = s.counts[k].unwrap_or(0.0) * share;
                let per = if resource.per_hundred() { 100.0 } else { 1.0 };
                values[k] = count / pupils * per;
            }
            let shares: Vec<f64> = Resource::ALL
                .iter()
                .enumerate()
                .map(|(k, r)| values[k] / settings.standard(*r, stage))
                .collect();
            let met = shares.iter().filter(|s| **s >= 1.0 - 1e-9).count();
            let weakest_share = shares.iter().copied().fold(f64::INFINITY, f64::min);
            let misses = 7 - met;
            let meets_standards = misses <= settings.allowed_misses
                && (misses == 0 || weakest_share >= settings.miss_floor_share - 1e-9);
            parts.push(SchoolPart {
                school: s.name.clone(),
                stage,
                pupils,
                resource_share: share,
                values,
                met,
                weakest_share,
                meets_standards,
            });
        }
    }
    let mut dispersions = Vec::new();
    for &stage in Stage::ALL {
        let members: Vec<&SchoolPart> = parts.iter().filter(|p| p.stage == stage).collect();
        if members.is_empty() {
            continue;
        }
        let pupils: Vec<f64> = members.iter().map(|p| p.pupils).collect();
        let total: f64 = pupils.iter().sum();
        for (k, &resource) in Resource::ALL.iter().enumerate() {
            let values: Vec<f64> = members.iter().map(|p| p.values[k]).collect();
            let (mean, std_dev, cv) = weighted_cv(&pupils, &values);
            let mut contributions: Vec<(String, f64)> = members
                .iter()
                .map(|p| {
                    (
                        p.school.clone(),
                        p.pupils / total * (p.values[k] - mean).powi(2),
                    )
                })
                .collect();
            contributions.sort_by(|a, b| b.1.total_cmp(&a.1));
            let max_cv = settings.max_cv(stage);
            dispersions.push(Dispersion {
                resource,
                stage,
                schools: members.len(),
                mean,
                std_dev,
                cv,
                max_cv,
                meets: cv <= max_cv + 1e-12,
                contributions,
            });
        }
    }
    Ok(BalanceReport {
        parts,
        excluded,
        dispersions,
    })
}

/// A figure of the 优质均衡 calculation that an indicator of the plan can take its yearly
/// values from, so that its status follows the school data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkedFigure {
    /// One 差异系数.
    Cv(Resource, Stage),
    /// The share of school parts meeting the standards, in %.
    SchoolsMeetingShare,
    /// Every 差异系数 and every school meeting the standards: 1 (是) or 0 (否).
    BalanceMet,
}

impl LinkedFigure {
    /// Every figure, in the order pickers list them.
    pub fn all() -> Vec<LinkedFigure> {
        let mut out = vec![LinkedFigure::BalanceMet, LinkedFigure::SchoolsMeetingShare];
        for stage in Stage::ALL {
            for resource in Resource::ALL {
                out.push(LinkedFigure::Cv(*resource, *stage));
            }
        }
        out
    }

    /// The stable code kept in the plan file.
    pub fn code(self) -> String {
        match self {
            LinkedFigure::Cv(r, s) => format!("cv:{}:{}", r.code(), s.code()),
            LinkedFigure::SchoolsMeetingShare => "schools_meeting".to_owned(),
            LinkedFigure::BalanceMet => "balance_met".to_owned(),
        }
    }

    pub fn from_code(code: &str) -> Option<LinkedFigure> {
        match code.split(':').collect::<Vec<_>>().as_slice() {
            ["cv", r, s] => Some(LinkedFigure::Cv(
                Resource::from_code(r)?,
                Stage::from_code(s)?,
            )),
            ["schools_meeting"] => Some(LinkedFigure::SchoolsMeetingShare),
            ["balance_met"] => Some(LinkedFigure::BalanceMet),
            _ => None,
        }
    }

    pub fn label(self) -> String {
        match self {
            LinkedFigure::Cv(r, s) => format!("差异系数：{}（{}）", r.label(), s.label()),
            LinkedFigure::SchoolsMeetingShare => "资源配置达标学校比例（%）".to_owned(),
            LinkedFigure::BalanceMet => "是否达到优质均衡标准（是/否）".to_owned(),
        }
    }

    /// The figure for `year`, when the plan has usable school data for it.
    pub fn value(self, plan: &crate::model::Plan, year: i32) -> Option<f64> {
        let schools = schools_for_year(plan, year);
        if schools.is_empty() {
            return None;
        }
        let report = evaluate_balance(&schools, &plan.info.balance).ok()?;
        match self {
            LinkedFigure::Cv(r, s) => report
                .dispersions
                .iter()
                .find(|d| d.resource == r && d.stage == s)
                .map(|d| d.cv),
            LinkedFigure::SchoolsMeetingShare => {
                let total = report.parts.len();
                (total > 0).then(|| {
                    report.parts.iter().filter(|p| p.meets_standards).count() as f64 * 100.0
                        / total as f64
                })
            }
            LinkedFigure::BalanceMet => Some(if report.meets_all() { 1.0 } else { 0.0 }),
        }
    }
}

/// The edits that bring every linked indicator's yearly values in line with the school data
/// (empty when they already are). The app and the command line apply them after a change.
pub fn linked_edits(plan: &crate::model::Plan) -> Vec<crate::edit::Edit> {
    use crate::edit::{ActualField, Edit, Field, Value};
    let mut edits = Vec::new();
    for ind in &plan.indicators {
        let Some(figure) = ind
            .linked_figure
            .as_deref()
            .and_then(LinkedFigure::from_code)
        else {
            continue;
        };
        for year in plan.school_years() {
            if !plan.info.years().contains(&year) {
                continue;
            }
            let Some(value) = figure.value(plan, year) else {
                continue;
            };
            let stored = ind.actuals.get(&year).and_then(|a| a.value);
            if stored.is_none_or(|s| (s - value).abs() > 1e-9) {
                edits.push(Edit::Set(
                    Field::Actual(ind.id, year, ActualField::Value),
                    Value::Num(value),
                ));
            }
        }
    }
    edits
}
