//! The city's workbook: the comparison matrix (指标比较表), the 通报表 (districts by score,
//! failing cells shaded), the data quality of each district's file, the 优质均衡 board, and
//! what was left out. Same government print setup as the district workbook (`xlsx_style`).
//!
//! Works on the domain's `CityComparison`; knows nothing of files beyond the one it writes.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use eduplan_domain::city::{CityComparison, CitySettings, Rejected};
use eduplan_domain::input::format_number;
use eduplan_domain::rules::Light;

use super::xlsx_style as style;
use super::{ExchangeError, write_atomically};

/// Fill of a cell that misses its target in the 通报表 (domain.md §9: failing cells shaded).
const FAILING_FILL: u32 = 0xFFC7CE;

pub fn export_city_workbook(
    comparison: &CityComparison,
    settings: &CitySettings,
    rejected: &[Rejected],
    path: &Path,
) -> Result<(), ExchangeError> {
    let bytes =
        build_city_workbook(comparison, settings, rejected).map_err(ExchangeError::Build)?;
    write_atomically(path, &bytes)
}

pub fn build_city_workbook(
    c: &CityComparison,
    settings: &CitySettings,
    rejected: &[Rejected],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    matrix_sheet(wb.add_worksheet(), c, settings)?;
    bulletin_sheet(wb.add_worksheet(), c, settings)?;
    quality_sheet(wb.add_worksheet(), c, rejected)?;
    if !c.board.is_empty() {
        board_sheet(wb.add_worksheet(), c)?;
    }
    wb.save_to_buffer()
}

fn city_name(settings: &CitySettings) -> &str {
    if settings.city_name.trim().is_empty() {
        "市教育局"
    } else {
        settings.city_name.trim()
    }
}

/// Title row (0), unit line (1), header row (2).
fn head(
    ws: &mut Worksheet,
    name: &str,
    title: &str,
    unit_line: &str,
    titles: &[String],
    widths: &[f64],
    footer: &str,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let last = (titles.len().max(1) - 1) as u16;
    ws.merge_range(0, 0, 0, last, title, &style::title())?;
    ws.merge_range(1, 0, 1, last, unit_line, &style::subtitle())?;
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 20)?;
    let fmt = style::header();
    for (col, (t, w)) in titles.iter().zip(widths).enumerate() {
        ws.write_string_with_format(2, col as u16, t, &fmt)?;
        ws.set_column_width(col as u16, *w)?;
    }
    ws.set_row_height(2, 30)?;
    style::page_setup(ws, 2, footer)
}

fn light_format(light: Light) -> Format {
    style::light_cell(light)
}

fn matrix_sheet(
    ws: &mut Worksheet,
    c: &CityComparison,
    settings: &CitySettings,
) -> Result<(), XlsxError> {
    let names = c.district_names();
    let mut titles: Vec<String> = ["序号", "指标", "单位", "市目标"]
        .map(str::to_owned)
        .to_vec();
    titles.extend(names.iter().cloned());
    titles.extend(["全市", "达标区县数", "最好", "最差"].map(str::to_owned));
    let mut widths = vec![6.0, 26.0, 7.0, 9.0];
    widths.extend(names.iter().map(|_| 15.0));
    widths.extend([22.0, 10.0, 14.0, 14.0]);
    head(
        ws,
        "指标比较表",
        &format!("{}年度各区县教育事业发展规划主要指标比较表", c.year),
        &format!(
            "{}　单元格为“当年值（本区县目标）”，前面的符号为本区县评价灯色：●绿灯 ▲黄灯 ■红灯 ○无灯",
            city_name(settings)
        ),
        &titles,
        &widths,
        "全市比率为各区县分子之和除以分母之和，不取各区县比率的平均",
    )?;
    let centered = style::centered();
    let text = style::text();
    for (i, row) in c.rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &centered)?;
        ws.write_string_with_format(r, 1, &row.name, &text)?;
        ws.write_string_with_format(r, 2, &row.unit, &centered)?;
        let target = row
            .city_target
            .map_or_else(|| "—".to_owned(), |t| row.format(t));
        ws.write_string_with_format(r, 3, &target, &centered)?;
        // What each cell shows, so that the row is made tall enough for it.
        let mut shown_texts: Vec<(String, f64)> = vec![(row.name.clone(), 26.0)];
        for (d, cell) in row.cells.iter().enumerate() {
            let col = 4 + d as u16;
            match cell {
                None => {
                    ws.write_string_with_format(r, col, "无此指标", &centered)?;
                }
                Some(cell) => {
                    let light = cell.evaluation.light;
                    let mut shown = format!("{} {}", light.symbol(), cell.text);
                    if cell.meets_city == Some(false) {
                        shown.push_str(" 未达市目标");
                    }
                    ws.write_string_with_format(r, col, &shown, &light_format(light))?;
                    shown_texts.push((shown, 15.0));
                }
            };
        }
        let col = 4 + names.len() as u16;
        ws.write_string_with_format(r, col, row.total_text(), &text)?;
        shown_texts.push((row.total_text(), 22.0));
        ws.write_string_with_format(
            r,
            col + 1,
            format!("{}/{}", row.met, row.present),
            &centered,
        )?;
        let who = |list: &[usize]| {
            if list.is_empty() {
                "—".to_owned()
            } else {
                list.iter()
                    .map(|d| names[*d].clone())
                    .collect::<Vec<_>>()
                    .join("、")
            }
        };
        ws.write_string_with_format(r, col + 2, who(&row.best), &centered)?;
        ws.write_string_with_format(r, col + 3, who(&row.worst), &centered)?;
        let cells: Vec<(&str, f64)> = shown_texts.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        style::fit_row(ws, r, &cells)?;
    }
    Ok(())
}

fn bulletin_sheet(
    ws: &mut Worksheet,
    c: &CityComparison,
    settings: &CitySettings,
) -> Result<(), XlsxError> {
    let mut titles: Vec<String> = vec!["序号".to_owned(), "区县".to_owned()];
    titles.extend(c.rows.iter().map(|r| format!("{}（{}）", r.name, r.unit)));
    titles.extend(["得分", "排名", "等次", "较上年"].map(str::to_owned));
    let mut widths = vec![6.0, 12.0];
    widths.extend(c.rows.iter().map(|_| 12.0));
    widths.extend([9.0, 7.0, 8.0, 8.0]);
    head(
        ws,
        "通报表",
        &format!("{}年度各区县教育事业发展规划主要指标监测情况通报表", c.year),
        &format!(
            "{}　计分规则：{}；等次按得分率：优秀≥{}%，良好≥{}%，合格≥{}%；底色标出未达目标的指标",
            city_name(settings),
            settings.scoring.label(),
            format_number(settings.grades.excellent, 1),
            format_number(settings.grades.good, 1),
            format_number(settings.grades.pass, 1),
        ),
        &titles,
        &widths,
        "未达目标：有市目标的按市目标，否则按本区县评价",
    )?;
    let centered = style::centered();
    let failing = centered
        .clone()
        .set_background_color(Color::RGB(FAILING_FILL));
    let points = style::number(1);
    for (i, d) in c.by_rank().into_iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &centered)?;
        ws.write_string_with_format(r, 1, &c.districts[d].name, &centered)?;
        for (k, row) in c.rows.iter().enumerate() {
            let col = 2 + k as u16;
            match row.cells[d].as_ref() {
                None => ws.write_string_with_format(r, col, "—", &centered)?,
                Some(cell) => match cell.value {
                    None => ws.write_string_with_format(r, col, "未填报", &failing)?,
                    Some(v) => {
                        let fmt = if cell.met() { &centered } else { &failing };
                        let mut shown = row.format(v);
                        if cell.estimate {
                            shown.push_str("（预计）");
                        }
                        ws.write_string_with_format(r, col, &shown, fmt)?
                    }
                },
            };
        }
        let col = 2 + c.rows.len() as u16;
        let score = &c.scores[d];
        ws.write_number_with_format(r, col, score.total, &points)?;
        ws.write_number_with_format(r, col + 1, score.rank as f64, &centered)?;
        ws.write_string_with_format(r, col + 2, score.grade.label(), &centered)?;
        ws.write_string_with_format(r, col + 3, score.change_text(), &centered)?;
    }
    let header: Vec<(&str, f64)> = titles
        .iter()
        .map(String::as_str)
        .zip(widths.iter().copied())
        .collect();
    style::fit_row(ws, 2, &header)?;
    Ok(())
}

fn quality_sheet(
    ws: &mut Worksheet,
    c: &CityComparison,
    rejected: &[Rejected],
) -> Result<(), XlsxError> {
    let titles = [
        "区县",
        "文件",
        "最近修改",
        "缺数",
        "预计值",
        "红灯无说明",
        "未实现无原因",
    ]
    .map(str::to_owned);
    let widths = [12.0, 30.0, 12.0, 30.0, 14.0, 30.0, 30.0];
    head(
        ws,
        "数据质量",
        &format!("{}年度各区县数据质量", c.year),
        "列出的指标需区县补充数据或说明",
        &titles,
        &widths,
        "EduPlan 市级汇总",
    )?;
    let text = style::text();
    let list = |items: &[String]| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            format!("{}项：{}", items.len(), items.join("、"))
        }
    };
    let mut r = 3;
    for (d, q) in c.quality.iter().enumerate() {
        let district = &c.districts[d];
        let cells = [
            district.name.clone(),
            district.source.clone(),
            q.last_change.clone().unwrap_or_else(|| "不详".to_owned()),
            list(&q.missing),
            list(&q.estimates),
            list(&q.red_without_note),
            list(&q.not_achieved_without_reason),
        ];
        for (col, v) in cells.iter().enumerate() {
            ws.write_string_with_format(r, col as u16, v, &text)?;
        }
        let fit: Vec<(&str, f64)> = cells.iter().map(String::as_str).zip(widths).collect();
        style::fit_row(ws, r, &fit)?;
        r += 1;
    }
    let bold = style::text().set_bold();
    if !rejected.is_empty() {
        r += 1;
        ws.merge_range(r, 0, r, 6, "未纳入比较的文件", &bold)?;
        r += 1;
        for x in rejected {
            ws.merge_range(r, 0, r, 1, &x.source, &text)?;
            ws.merge_range(r, 2, r, 6, &x.reason, &text)?;
            style::fit_row(
                ws,
                r,
                &[(x.reason.as_str(), 100.0), (x.source.as_str(), 40.0)],
            )?;
            r += 1;
        }
    }
    if !c.unmatched.is_empty() {
        r += 1;
        ws.merge_range(
            r,
            0,
            r,
            6,
            "未能对应的指标（在“市级汇总 › 指标对应”中指定）",
            &bold,
        )?;
        r += 1;
        for u in &c.unmatched {
            ws.write_string_with_format(r, 0, &u.district, &text)?;
            ws.merge_range(r, 1, r, 2, &format!("{}（{}）", u.indicator, u.unit), &text)?;
            ws.merge_range(r, 3, r, 6, &u.reason, &text)?;
            r += 1;
        }
    }
    Ok(())
}

fn board_sheet(ws: &mut Worksheet, c: &CityComparison) -> Result<(), XlsxError> {
    let titles = [
        "区县",
        "计划认定年份",
        "学校数据年份",
        "差异系数超标项数",
        "资源配置达标校比例（小学）",
        "资源配置达标校比例（初中）",
        "状态",
    ]
    .map(str::to_owned);
    let widths = [12.0, 12.0, 12.0, 14.0, 16.0, 16.0, 22.0];
    head(
        ws,
        "优质均衡",
        &format!("{}年度各区县义务教育优质均衡推进情况", c.year),
        "差异系数：小学≤0.50、初中≤0.45（或本省标准）；达标校：七项指标至少六项达标、其余一项不低于标准的85%",
        &titles,
        &widths,
        "EduPlan 市级汇总",
    )?;
    let centered = style::centered();
    let pct =
        |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{}%", format_number(v, 1)));
    for (i, b) in c.board.iter().enumerate() {
        let r = 3 + i as u32;
        let cells = [
            c.districts[b.district].name.clone(),
            b.planned_year
                .map_or_else(|| "未设".to_owned(), |y| format!("{y}年")),
            format!("{}年", b.school_year),
            b.cv_over.map_or_else(|| "—".to_owned(), |n| n.to_string()),
            pct(b.primary_share),
            pct(b.junior_share),
            b.status.clone(),
        ];
        for (col, v) in cells.iter().enumerate() {
            let fmt = if col == 6 {
                centered.clone().set_align(FormatAlign::Left)
            } else {
                centered.clone()
            };
            ws.write_string_with_format(r, col as u16, v, &fmt)?;
        }
    }
    Ok(())
}
