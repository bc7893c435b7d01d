//! The close-out in the exchange formats: the 主要指标完成情况表 of a 总结评估 (columns, 预计
//! values, verdict words with 人工判定, the count sentence), 预计 in the monitoring table, the
//! fill-in table's 预计 column read back, and plan texts with the close-out (older texts load).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use eduplan_domain::closeout::{EvaluationKind, FinalVerdict, MissReason};
use eduplan_domain::edit::{ActualField, Edit, Field, Value};
use eduplan_domain::*;
use eduplan_exchange::closeout_sheet::SHEET_CLOSEOUT;
use eduplan_exchange::xlsx_export::build_workbook;

fn national() -> Plan {
    let mut plan = Plan {
        uid: "u-closeout".into(),
        ..Plan::default()
    };
    plan.info.name = "全国测试规划".into();
    plan.sections.push(Section {
        id: SectionId(1),
        parent: None,
        position: 0,
        numbering: "一、".into(),
        title: "主要指标".into(),
        body: String::new(),
        lead_unit: String::new(),
        co_units: String::new(),
    });
    let rows = [
        (
            "九年义务教育巩固率",
            95.2,
            Comparison::AtLeast,
            96.0,
            "96%",
            96.1,
            true,
        ),
        (
            "学前教育毛入园率",
            85.2,
            Comparison::AtLeast,
            90.0,
            "90%以上",
            92.9,
            false,
        ),
        (
            "高中阶段毛入学率",
            91.2,
            Comparison::MoreThan,
            92.0,
            "高于92%",
            92.0,
            false,
        ),
    ];
    for (n, (name, base, cmp, target, text, actual, estimate)) in rows.into_iter().enumerate() {
        let mut ind = Indicator::new(IndicatorId(n as i64 + 1), SectionId(1), name);
        ind.position = n as i64;
        ind.category = "普及".into();
        ind.attribute = Attribute::Binding;
        ind.base_value = Some(base);
        ind.comparison = cmp;
        ind.target_value = target;
        ind.target_text = text.into();
        ind.may_exceed_100 = name.contains('毛');
        ind.data_source = "教育统计".into();
        ind.lead_unit = "规划科".into();
        ind.actuals.insert(
            2024,
            Actual {
                value: Some(base + 0.5),
                ..Actual::default()
            },
        );
        ind.actuals.insert(
            2025,
            Actual {
                value: Some(actual),
                estimate,
                ..Actual::default()
            },
        );
        plan.indicators.push(ind);
    }
    plan.indicators[1].attribute = Attribute::Expected;
    let high = &mut plan.indicators[2].closeout;
    high.verdict_override = Some(FinalVerdict::Basically);
    high.override_reason = "教育部统计公报按已达到报告".into();
    high.miss_reason = Some(MissReason::StatisticsChange);
    high.miss_note = "口径调整".into();
    high.carry_over = true;
    plan
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("book");
    book.worksheet_range(name).expect("sheet")
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map_or_else(String::new, |d| d.to_string())
}

fn find_col(range: &calamine::Range<Data>, title: &str) -> u32 {
    (0..range.width() as u32)
        .find(|c| text(range, 2, *c) == title)
        .unwrap_or_else(|| panic!("no column {title}"))
}

#[test]
fn the_final_evaluation_sheet() {
    let plan = national();
    let today = Date::new(2026, 12, 2).expect("date");
    let bytes = build_workbook(&plan, 2025, today).expect("workbook");
    let s = sheet(&bytes, SHEET_CLOSEOUT);
    let header: Vec<String> = (0..s.width() as u32).map(|c| text(&s, 2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "类别",
            "指标",
            "单位",
            "属性",
            "2020年基期值",
            "2025年目标值（规划表述）",
            "2021年",
            "2022年",
            "2023年",
            "2024年",
            "2025年实际值",
            "目标完成度(%)",
            "完成情况",
            "首次达标年份",
            "未完成原因及说明",
            "数据来源",
            "责任科室",
        ]
    );
    let verdict = find_col(&s, "完成情况");
    let actual = find_col(&s, "2025年实际值");
    assert_eq!(text(&s, 3, 2), "九年义务教育巩固率");
    assert_eq!(text(&s, 3, actual), "96.1（预计）");
    assert_eq!(text(&s, 3, verdict), "已完成");
    assert_eq!(text(&s, 4, verdict), "超额完成");
    assert_eq!(text(&s, 4, actual), "92.9");
    assert_eq!(
        text(&s, 5, verdict),
        "基本完成（人工判定；计算结果：未完成）"
    );
    assert_eq!(
        text(&s, 5, find_col(&s, "未完成原因及说明")),
        "统计口径调整：口径调整；已纳入下一期规划继续推进；人工判定理由：教育部统计公报按已达到报告"
    );
    assert_eq!(text(&s, 4, find_col(&s, "首次达标年份")), "2025年");
    let sentence = (6..12)
        .map(|r| text(&s, r, 0))
        .find(|t| t.starts_with("规划确定的"))
        .expect("count sentence");
    assert_eq!(
        sentence,
        "规划确定的3项主要指标中，2项已完成（其中1项超额完成），1项基本完成。"
    );
    // 预计 in the monitoring table too.
    let m = sheet(&bytes, "指标监测表");
    let found = (3..6).any(|r| (0..m.width() as u32).any(|c| text(&m, r, c) == "96.1（预计）"));
    assert!(found, "the monitoring table marks the provisional value");
}

#[test]
fn an_annual_review_has_no_close_out_sheet() {
    let mut plan = national();
    let today = Date::new(2026, 12, 2).expect("date");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(
        build_workbook(&plan, 2024, today).expect("workbook"),
    ))
    .expect("book");
    assert!(!book.sheet_names().contains(&SHEET_CLOSEOUT.to_owned()));
    plan.info.closeout.evaluation_kind = Some(EvaluationKind::Annual);
    book = calamine::open_workbook_from_rs(Cursor::new(
        build_workbook(&plan, 2025, today).expect("workbook"),
    ))
    .expect("book");
    assert!(!book.sheet_names().contains(&SHEET_CLOSEOUT.to_owned()));
    assert!(book.worksheet_range("主要指标表").is_ok());
}

#[test]
fn the_fill_in_table_carries_the_estimate_mark_both_ways() {
    let plan = national();
    let dir = std::env::temp_dir().join(format!("eduplan-closeout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("填报表.xlsx");
    eduplan_exchange::template::write_template(&plan, 2025, None, &path).expect("template");
    let s = {
        let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("book");
        book.worksheet_range("填报表").expect("sheet")
    };
    assert_eq!(text(&s, 2, 11), "是否预计值");
    assert_eq!(text(&s, 3, 11), "是");
    assert_eq!(text(&s, 4, 11), "");
    // Read back into a plan whose 2025 values differ: the values come with their mark.
    let mut other = plan.clone();
    for ind in &mut other.indicators {
        ind.actuals.remove(&2025);
    }
    let preview =
        eduplan_exchange::import::preview_import(&other, std::slice::from_ref(&path), Some(2025));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let estimate_edits: Vec<&Edit> = preview
        .changes
        .iter()
        .map(|c| &c.edit)
        .filter(|e| matches!(e, Edit::Set(Field::Actual(_, _, ActualField::Estimate), _)))
        .collect();
    assert_eq!(
        estimate_edits,
        [&Edit::Set(
            Field::Actual(IndicatorId(1), 2025, ActualField::Estimate),
            Value::Int(1)
        )]
    );
    // Read back into the same plan: nothing changes.
    let same =
        eduplan_exchange::import::preview_import(&plan, std::slice::from_ref(&path), Some(2025));
    assert!(same.changes.is_empty(), "{:?}", same.changes);
    // The plan has a mark the table no longer shows: the unit reports the value as final.
    let mut marked = plan.clone();
    if let Some(a) = marked.indicators[1].actuals.get_mut(&2025) {
        a.estimate = true;
    }
    let cleared = eduplan_exchange::import::preview_import(&marked, &[path], Some(2025));
    assert_eq!(cleared.changes.len(), 1, "{:?}", cleared.changes);
    assert_eq!(
        cleared.changes[0].edit,
        Edit::Set(
            Field::Actual(IndicatorId(2), 2025, ActualField::Estimate),
            Value::Int(0)
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plan_texts_with_and_without_the_close_out() {
    let text = r#"{
      "format": "eduplan-plan-text", "version": 4,
      "plan": {"name": "测试", "base_year": 2020, "first_year": 2021, "last_year": 2025},
      "sections": [{"title": "主要指标", "indicators": [{
        "name": "巩固率", "unit": "%", "attribute": "约束性", "kind": "level", "comparison": "≥",
        "base": 95.2, "target": 96, "target_year": 2025, "target_text": "96%",
        "actuals": {"2024": 95.8, "2025": {"value": 96.1, "estimate": true}},
        "closeout": {"verdict_override": "已完成", "override_reason": "理由",
                     "miss_reason": "学龄人口变化/生源减少", "carry_over": true}
      }], "tasks": [{"kind": "project", "title": "新建幼儿园", "closeout": {
        "verdict": "未完成（结转）", "project_state": "在建", "new_places": 270, "carry_over": true}}]}]
    }"#;
    let plan = eduplan_exchange::plan_text::parse_plan_text(text, "t.json").expect("plan text");
    let ind = &plan.indicators[0];
    assert!(ind.actuals[&2025].estimate);
    assert!(!ind.actuals[&2024].estimate);
    assert_eq!(ind.closeout.verdict_override, Some(FinalVerdict::Done));
    assert_eq!(ind.closeout.miss_reason, Some(MissReason::Population));
    assert!(ind.closeout.carry_over);
    let task = &plan.tasks[0].closeout;
    assert_eq!(task.new_places, Some(270.0));
    assert_eq!(
        task.project_state,
        Some(eduplan_domain::closeout::ProjectState::Building)
    );
    let bad = text.replace("学龄人口变化/生源减少", "天气");
    let err = eduplan_exchange::plan_text::parse_plan_text(&bad, "t.json")
        .expect_err("unknown reason")
        .to_string();
    assert!(err.contains("“巩固率”的未完成原因“天气”无法识别"), "{err}");
    // A version 3 text without any of it still loads.
    let old = text
        .replace("\"version\": 4", "\"version\": 3")
        .replace(", \"estimate\": true", "");
    assert!(eduplan_exchange::plan_text::parse_plan_text(&old, "t.json").is_ok());
}
