//! The 通报 draft for the city ("关于{年度}年度各区县教育事业发展规划主要指标监测情况的通报"),
//! in the 公文 layout of the Word reports (`docx`): the overall picture, a count sentence per
//! district, the ranked table, the districts at the bottom named, and placeholders for what
//! only the officer can write.
//!
//! Works on the domain's `CityComparison`; knows nothing of files beyond the one it writes.

use std::path::Path;

use eduplan_domain::city::{CityComparison, CitySettings};
use eduplan_domain::input::format_number;

use super::docx::{
    Align, Block, Column, Document, FontScheme, ParaStyle, Paragraph, Row, Run, Table, layout,
};
use super::{ExchangeError, write_docx_atomically};

pub fn bulletin_title(year: i32) -> String {
    format!("关于{year}年度各区县教育事业发展规划主要指标监测情况的通报")
}

/// "东湖区规划确定的9项主要指标中，2024年2项提前实现，…。按灯色统计，…。": the district's name
/// and the count sentence its own 年度监测报告 opens with.
pub fn count_sentence(c: &CityComparison, district: usize) -> String {
    let d = &c.districts[district];
    format!(
        "{}{}",
        d.name,
        crate::report::indicator_count_sentence(&d.plan, c.year)
    )
}

pub fn build_bulletin(c: &CityComparison, settings: &CitySettings) -> Document {
    let city = if settings.city_name.trim().is_empty() {
        "市教育局"
    } else {
        settings.city_name.trim()
    };
    let mut doc = Document {
        title: bulletin_title(c.year),
        blocks: Vec::new(),
    };
    doc.para(ParaStyle::Title, bulletin_title(c.year));
    doc.push(Block::Para(Paragraph {
        style: ParaStyle::Body,
        align: Some(Align::Left),
        runs: vec![Run::text("各区县教育局：")],
    }));
    doc.para(
        ParaStyle::Body,
        format!(
            "为掌握各区县教育事业发展规划实施进展，{city}对{}个区县{}年度主要指标完成情况进行了监测。现将有关情况通报如下。",
            c.districts.len(),
            c.year
        ),
    );

    doc.para(ParaStyle::Heading1, "一、总体情况");
    let mut overall = format!("本次共比较{}项主要指标。", c.rows.len());
    let totals: Vec<String> = c
        .rows
        .iter()
        .filter_map(|r| {
            r.total.value().map(|v| {
                let unit = if r.unit == "%" {
                    "%".to_owned()
                } else {
                    r.unit.clone()
                };
                format!("{}{}{}（达标区县{}个）", r.name, r.format(v), unit, r.met)
            })
        })
        .collect();
    if !totals.is_empty() {
        overall.push_str(&format!("全市{}。", totals.join("，")));
    }
    overall.push_str("全市比率按各区县分子之和除以分母之和计算。");
    doc.para(ParaStyle::Body, overall);

    doc.para(ParaStyle::Heading1, "二、各区县情况");
    for d in c.by_rank() {
        let s = &c.scores[d];
        doc.para(
            ParaStyle::Body,
            format!(
                "{}得分{}，排名第{}，等次为{}。",
                count_sentence(c, d),
                format_number(s.total, 1),
                s.rank,
                s.grade.label()
            ),
        );
    }

    doc.para(ParaStyle::Heading1, "三、得分排名");
    doc.para(
        ParaStyle::Body,
        format!("计分规则：{}。", settings.scoring.label()),
    );
    let w = layout::TEXT_WIDTH;
    let col = |share: u32, align: Align| Column {
        width: w * share / 100,
        align,
    };
    let rows = c
        .by_rank()
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let s = &c.scores[d];
            Row::Cells(vec![
                (i + 1).to_string(),
                c.districts[d].name.clone(),
                format_number(s.total, 1),
                s.rank.to_string(),
                s.grade.label().to_owned(),
                s.change_text(),
            ])
        })
        .collect();
    doc.push(Block::Table(Table {
        title: format!("{}年度各区县主要指标监测得分排名", c.year),
        unit_line: format!("单位：{city}"),
        columns: vec![
            col(10, Align::Center),
            col(26, Align::Center),
            col(16, Align::Center),
            col(14, Align::Center),
            col(16, Align::Center),
            col(18, Align::Center),
        ],
        header: ["序号", "区县", "得分", "排名", "等次", "较上年"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    }));

    doc.para(ParaStyle::Heading1, "四、存在的问题");
    let order = c.by_rank();
    let bottom: Vec<String> = order
        .iter()
        .rev()
        .take(2.min(order.len().saturating_sub(1)))
        .rev()
        .map(|d| c.districts[*d].name.clone())
        .collect();
    if !bottom.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!(
                "{}得分排名靠后，请认真分析原因，制定整改措施，确保规划目标如期实现。",
                bottom.join("、")
            ),
        );
    }
    let gaps: Vec<String> = c
        .quality
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.missing.is_empty() || !q.red_without_note.is_empty())
        .map(|(d, q)| {
            let mut what = Vec::new();
            if !q.missing.is_empty() {
                what.push(format!("{}项指标未填报", q.missing.len()));
            }
            if !q.red_without_note.is_empty() {
                what.push(format!("{}项红灯指标未作说明", q.red_without_note.len()));
            }
            format!("{}{}", c.districts[d].name, what.join("、"))
        })
        .collect();
    if !gaps.is_empty() {
        doc.para(
            ParaStyle::Body,
            format!("数据报送方面，{}，请及时补报。", gaps.join("；")),
        );
    }
    doc.push(Block::Para(Paragraph::runs(
        ParaStyle::Body,
        vec![Run::placeholder("主要问题的具体分析")],
    )));

    doc.para(ParaStyle::Heading1, "五、下一步工作");
    doc.push(Block::Para(Paragraph::runs(
        ParaStyle::Body,
        vec![Run::placeholder("下一步工作要求")],
    )));
    doc.push(Block::Para(Paragraph {
        style: ParaStyle::Body,
        align: Some(Align::Right),
        runs: vec![Run::text(city)],
    }));
    doc.push(Block::Para(Paragraph {
        style: ParaStyle::Body,
        align: Some(Align::Right),
        runs: vec![Run::placeholder("印发日期")],
    }));
    doc
}

/// Write the 通报 draft; `protected` are the input files it must never overwrite.
pub fn export_bulletin(
    c: &CityComparison,
    settings: &CitySettings,
    fonts: FontScheme,
    path: &Path,
    protected: &[&Path],
) -> Result<(), ExchangeError> {
    let bytes = super::docx::write_docx(&build_bulletin(c, settings), fonts)
        .map_err(|e| ExchangeError::Docx(e.to_string()))?;
    write_docx_atomically(path, &bytes, protected)
}
