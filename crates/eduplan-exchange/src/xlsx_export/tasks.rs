//! 重点任务台账: the key tasks and projects with their state on the day judged.

use super::*;

pub(super) fn tasks_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    year: i32,
    as_of: Date,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_TASKS)?;
    let titles: Vec<String> = [
        "序号",
        "章节",
        "重点任务",
        "具体措施",
        "牵头单位",
        "责任单位",
        "完成时限",
        "年度进展",
        "完成状态",
        "备注",
    ]
    .map(String::from)
    .to_vec();
    let last_col = titles.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{}重点任务台账（{year}年度）", plan.info.name),
        &style::title(),
    )?;
    // Task states are judged on a day: the same day as the 整改台账 of this workbook.
    unit_line(
        ws,
        plan,
        &format!("评估年度：{year}年　状态截至：{as_of}"),
        last_col,
    )?;
    headers(
        ws,
        2,
        &titles,
        &[5.0, 22.0, 28.0, 40.0, 12.0, 14.0, 11.0, 30.0, 10.0, 14.0],
    )?;
    for (row, task) in (3u32..).zip(plan.tasks_in_outline_order()) {
        let chapter = plan
            .section(task.section)
            .map(|s| s.heading())
            .unwrap_or_default();
        ws.write_number_with_format(
            row,
            0,
            f64::from(row - 2),
            &style::centered().set_num_format("0"),
        )?;
        ws.write_string_with_format(row, 1, &chapter, &style::text())?;
        let title = if task.kind == eduplan_domain::TaskKind::Project {
            format!("【重点工程】{}", task.title)
        } else {
            task.title.clone()
        };
        ws.write_string_with_format(row, 2, &title, &style::text())?;
        let mut measures = task.measures.clone();
        if let Some(b) = task.budget_wan_yuan {
            if !measures.is_empty() {
                measures.push('\n');
            }
            measures.push_str(&format!(
                "预算{}万元",
                eduplan_domain::input::format_number(b, 1)
            ));
        }
        ws.write_string_with_format(row, 3, &measures, &style::text())?;
        ws.write_string_with_format(row, 4, &task.lead_unit, &style::centered())?;
        ws.write_string_with_format(row, 5, &task.co_units, &style::text())?;
        let deadline = match task.deadline_date {
            Some(d) if task.deadline.trim().is_empty() => d.to_string(),
            Some(d)
                if eduplan_domain::commitments::deadline_from_wording(&task.deadline)
                    != Some(d) =>
            {
                format!("{}\n（{d}）", task.deadline)
            }
            _ => task.deadline.clone(),
        };
        ws.write_string_with_format(row, 6, &deadline, &style::centered())?;
        let progress = eduplan_domain::commitments::progress_in_year(task, year);
        ws.write_string_with_format(row, 7, &progress, &style::text())?;
        let state = task_state(task, as_of, plan.info.due_soon_days);
        // The officer's own 滞后 (behind, though not yet past the deadline) stays visible.
        let behind = task.status == eduplan_domain::TaskStatus::Late
            && matches!(
                state,
                TaskState::InProgress | TaskState::DueSoon | TaskState::NotStarted
            );
        let state_text = match task.completed_date {
            Some(done) if state.is_done() => format!("{}\n{done}", state.label()),
            _ if behind => format!("{}（滞后）", state.label()),
            _ => state.label().to_owned(),
        };
        let light = if behind {
            eduplan_domain::Light::Yellow
        } else {
            state.light()
        };
        ws.write_string_with_format(row, 8, &state_text, &style::light_cell(light))?;
        ws.write_string_with_format(row, 9, &task.remark, &style::text())?;
        style::fit_row(
            ws,
            row,
            &[
                (&chapter, 22.0),
                (&title, 28.0),
                (&measures, 40.0),
                (&progress, 30.0),
                (&task.co_units, 14.0),
            ],
        )?;
    }
    style::page_setup(ws, 2, &plan.info.name)
}
