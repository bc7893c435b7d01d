//! A large synthetic plan, for benchmarks and scale tests: the sample's shape, repeated.

use std::collections::BTreeMap;

use eduplan_domain::{
    Actual, Attribute, Comparison, Indicator, IndicatorId, IndicatorKind, Plan, PlanInfo, Section,
    SectionId, Task, TaskId, TaskKind, TaskStatus,
};

const CATEGORIES: [&str; 8] = [
    "学前教育",
    "义务教育",
    "普通高中",
    "教师队伍",
    "办学条件",
    "教育信息化",
    "体育美育",
    "特殊教育",
];
const UNITS: [&str; 6] = [
    "基础教育科",
    "人事科",
    "计划财务科",
    "体卫艺科",
    "电教中心",
    "教师进修学校",
];

/// `indicators` indicators with values for every plan year (one year in ten left empty),
/// spread over chapters and sections, and `tasks` key tasks.
pub fn large_plan(indicators: usize, tasks: usize) -> Plan {
    let info = PlanInfo {
        name: "大型测试规划".into(),
        region: "测试区".into(),
        last_year: 2026,
        ..PlanInfo::default()
    };
    let mut plan = Plan {
        info,
        ..Plan::default()
    };
    let chapters = 10;
    let per_chapter = 5;
    let mut next = 1i64;
    let mut leaf_sections = Vec::new();
    for c in 0..chapters {
        let chapter = SectionId(next);
        next += 1;
        plan.sections
            .push(section(chapter, None, c, format!("第{}章", c + 1)));
        for s in 0..per_chapter {
            let id = SectionId(next);
            next += 1;
            plan.sections
                .push(section(id, Some(chapter), s, format!("第{}节", s + 1)));
            leaf_sections.push(id);
        }
    }
    for i in 0..indicators {
        let kind = match i % 5 {
            0 | 1 => IndicatorKind::Level,
            2 => IndicatorKind::Cumulative,
            3 => IndicatorKind::Maintain,
            _ => IndicatorKind::ChangeFromBase,
        };
        let mut ind = Indicator::new(
            IndicatorId(next),
            leaf_sections[i % leaf_sections.len()],
            &format!("测试指标{:04}", i + 1),
        );
        next += 1;
        ind.position = i as i64;
        ind.kind = kind;
        ind.category = CATEGORIES[i % CATEGORIES.len()].into();
        ind.lead_unit = UNITS[i % UNITS.len()].into();
        ind.attribute = if i % 4 == 0 {
            Attribute::Binding
        } else {
            Attribute::Expected
        };
        ind.target_year = 2026;
        let (base, target, unit, cmp) = match kind {
            IndicatorKind::Level => (80.0, 95.0, "%", Comparison::AtLeast),
            IndicatorKind::Cumulative => (0.0, 600.0, "人", Comparison::AtLeast),
            IndicatorKind::Maintain => (99.0, 99.0, "%", Comparison::AtLeast),
            IndicatorKind::ChangeFromBase => (50.0, -10.0, "%", Comparison::AtMost),
            _ => (0.0, 1.0, "", Comparison::AtLeast),
        };
        ind.unit = unit.into();
        ind.comparison = cmp;
        ind.base_value = Some(base);
        ind.target_value = target;
        ind.target_text = format!("{target}{unit}");
        ind.data_source = "教育事业统计年报".into();
        let mut actuals = BTreeMap::new();
        for (k, year) in (2021..=2026).enumerate() {
            if (i + k) % 10 == 9 {
                continue;
            }
            let jitter = ((i * 7 + k * 13) % 11) as f64 / 10.0;
            let value = match kind {
                IndicatorKind::Level => 80.0 + 2.5 * (k as f64 + 1.0) - jitter,
                IndicatorKind::Cumulative => 90.0 + jitter * 20.0,
                IndicatorKind::Maintain => 98.5 + jitter,
                IndicatorKind::ChangeFromBase => 50.0 - 1.6 * (k as f64 + 1.0) + jitter,
                _ => 1.0,
            };
            actuals.insert(
                year,
                Actual {
                    value: Some((value * 10.0f64).round() / 10.0),
                    note: if k == 3 {
                        "说明".into()
                    } else {
                        String::new()
                    },
                    ..Actual::default()
                },
            );
        }
        ind.actuals = actuals;
        plan.indicators.push(ind);
    }
    for t in 0..tasks {
        let mut task = Task::new(
            TaskId(next),
            leaf_sections[t % leaf_sections.len()],
            &format!("测试任务{:03}", t + 1),
        );
        next += 1;
        task.kind = if t % 4 == 0 {
            TaskKind::Project
        } else {
            TaskKind::Task
        };
        task.lead_unit = UNITS[t % UNITS.len()].into();
        task.status = TaskStatus::ALL[t % 4];
        task.deadline = "2026年底".into();
        task.budget_wan_yuan = (t % 4 == 0).then_some(100.0 + t as f64);
        task.progress = (2021..=2025).map(|y| (y, format!("{y}年进展"))).collect();
        plan.tasks.push(task);
    }
    plan
}

fn section(id: SectionId, parent: Option<SectionId>, position: usize, title: String) -> Section {
    Section {
        id,
        parent,
        position: position as i64,
        numbering: String::new(),
        title,
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    }
}
