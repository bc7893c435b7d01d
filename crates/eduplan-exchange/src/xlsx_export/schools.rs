//! 资源配置指标表 and 差异系数表 for 义务教育优质均衡, where school data exists.

use super::*;

pub(super) fn schools_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    report: &BalanceReport,
    settings: &BalanceSettings,
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SCHOOLS)?;
    let mut titles: Vec<String> = vec![
        "序号".into(),
        "学校".into(),
        "学段".into(),
        "在校生数".into(),
    ];
    titles.extend(Resource::ALL.iter().map(|r| r.short_label().to_owned()));
    titles.extend(["达标项数".to_owned(), "是否达标".to_owned()]);
    let mut widths = vec![5.0, 30.0, 6.0, 9.0];
    widths.extend(Resource::ALL.iter().map(|_| 11.0));
    widths.extend([9.0, 9.0]);
    let last_col = titles.len() as u16 - 1;
    sheet_preamble(
        ws,
        plan,
        &format!("{}义务教育学校资源配置指标表（{year}年）", plan.info.name),
        &format!("评估年度：{year}年"),
        &titles,
        &widths,
    )?;
    let two = style::number(2);
    let mut row = 3u32;
    for &stage in Stage::ALL {
        ws.write_string_with_format(
            row,
            1,
            format!("国家标准（{}）", stage.label()),
            &style::text().set_bold(),
        )?;
        ws.write_string_with_format(row, 2, stage.label(), &style::centered())?;
        ws.write_blank(row, 0, &style::centered())?;
        ws.write_blank(row, 3, &style::centered())?;
        for (k, r) in Resource::ALL.iter().enumerate() {
            ws.write_number_with_format(row, 4 + k as u16, settings.standard(*r, stage), &two)?;
        }
        ws.write_blank(row, last_col - 1, &style::centered())?;
        ws.write_blank(row, last_col, &style::centered())?;
        row += 1;
    }
    let mut parts: Vec<_> = report.parts.iter().collect();
    parts.sort_by_key(|p| p.stage != Stage::Primary);
    for (n, part) in parts.iter().enumerate() {
        ws.write_number_with_format(
            row,
            0,
            (n + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &part.school, &style::text())?;
        ws.write_string_with_format(row, 2, part.stage.label(), &style::centered())?;
        ws.write_number_with_format(row, 3, part.pupils, &style::number(0))?;
        for (k, r) in Resource::ALL.iter().enumerate() {
            let standard = settings.standard(*r, part.stage);
            let met = part.values[k] >= standard - 1e-9;
            let format = if met {
                two.clone()
            } else {
                // A missed standard never displays as the standard (0.8974 is not "0.90").
                let shown = eduplan_domain::input::format_near(part.values[k], standard, false, 2);
                let places = shown.split_once('.').map_or(0, |(_, f)| f.len()).max(2);
                style::number(places)
                    .set_bold()
                    .set_background_color(style::light_fill(eduplan_domain::Light::Red))
            };
            ws.write_number_with_format(row, 4 + k as u16, part.values[k], &format)?;
        }
        ws.write_string_with_format(
            row,
            last_col - 1,
            format!("{}/7", part.met),
            &style::centered(),
        )?;
        let (word, light) = if part.meets_standards {
            ("●达标", eduplan_domain::Light::Green)
        } else {
            ("■未达标", eduplan_domain::Light::Red)
        };
        ws.write_string_with_format(row, last_col, word, &style::light_cell(light))?;
        row += 1;
    }
    let mut notes = vec![format!(
        "注：每校七项指标中至少{}项达到标准、其余{}项不低于标准的{}%为达标；未达标的指标值加粗并标红。九年一贯制学校按小学:初中=1:{}、完全中学按初中:高中=1:{}分摊共用资源。",
        7 - settings.allowed_misses,
        settings.allowed_misses,
        format_number(settings.miss_floor_share * 100.0, 0),
        format_number(settings.nine_year_junior_weight, 1),
        format_number(settings.complete_senior_weight, 1),
    )];
    for (name, why) in &report.excluded {
        notes.push(format!("　　{name}：{}", exclusion_text(*why)));
    }
    for note in notes {
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            last_col,
            &note,
            &style::subtitle().set_text_wrap(),
        )?;
        ws.set_row_height(row, 18)?;
    }
    signature_line(ws, row + 2, 0, last_col)?;
    style::page_setup(ws, 2, &plan.info.name)
}

pub(super) fn dispersion_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    report: &BalanceReport,
    year: i32,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_DISPERSION)?;
    let titles: Vec<String> = [
        "序号",
        "指标",
        "学段",
        "校数",
        "均值",
        "标准差",
        "差异系数",
        "标准",
        "是否达标",
        "拉高差异系数最多的学校",
    ]
    .map(String::from)
    .to_vec();
    let widths = [5.0, 34.0, 6.0, 6.0, 11.0, 11.0, 10.0, 8.0, 10.0, 36.0];
    let last_col = titles.len() as u16 - 1;
    sheet_preamble(
        ws,
        plan,
        &format!("{}义务教育校际差异系数表（{year}年）", plan.info.name),
        &format!("评估年度：{year}年"),
        &titles,
        &widths,
    )?;
    for (n, d) in report.dispersions.iter().enumerate() {
        let row = 3 + n as u32;
        ws.write_number_with_format(
            row,
            0,
            (n + 1) as f64,
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, d.resource.label(), &style::text())?;
        ws.write_string_with_format(row, 2, d.stage.label(), &style::centered())?;
        ws.write_number_with_format(row, 3, d.schools as f64, &style::number(0))?;
        ws.write_number_with_format(row, 4, d.mean, &style::number(2))?;
        ws.write_number_with_format(row, 5, d.std_dev, &style::number(2))?;
        let cv_places = eduplan_domain::input::format_near(d.cv, d.max_cv, d.meets, 3)
            .split_once('.')
            .map_or(0, |(_, f)| f.len())
            .max(3);
        ws.write_number_with_format(row, 6, d.cv, &style::number(cv_places))?;
        ws.write_string_with_format(
            row,
            7,
            format!("≤{}", format_number(d.max_cv, 2)),
            &style::centered(),
        )?;
        let (word, light) = if d.meets {
            ("●达标", eduplan_domain::Light::Green)
        } else {
            ("■未达标", eduplan_domain::Light::Red)
        };
        ws.write_string_with_format(row, 8, word, &style::light_cell(light))?;
        let top: Vec<&str> = d
            .contributions
            .iter()
            .take(3)
            .map(|(s, _)| s.as_str())
            .collect();
        let top = top.join("、");
        ws.write_string_with_format(row, 9, &top, &style::text())?;
        // Three school names wrap: the row grows so they never run into the next one.
        style::fit_row(
            ws,
            row,
            &[(&top, widths[9]), (d.resource.label(), widths[1])],
        )?;
    }
    let note_row = 4 + report.dispersions.len() as u32;
    ws.merge_range(
        note_row,
        0,
        note_row,
        last_col,
        "注：差异系数 = 标准差 ÷ 均值，均值和标准差按在校生数加权（教督〔2017〕6号）；小学不高于0.50、初中不高于0.45为达标。",
        &style::subtitle().set_text_wrap(),
    )?;
    signature_line(ws, note_row + 2, 0, last_col)?;
    style::page_setup(ws, 2, &plan.info.name)
}
