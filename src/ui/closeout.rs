//! 总结评估 in the indicator's detail: the verdict against the target, the officer's 人工判定
//! with its reason, 未完成原因, 下一步措施, 结转, and the year's 预计 mark.

use egui::{RichText, Ui};

use super::widgets::labelled_commit_text;
use super::{Command, PlanView, theme};
use crate::domain::Indicator;
use crate::domain::closeout::{FinalVerdict, MissReason, judge_final};
use crate::domain::codes::Coded;
use crate::domain::edit::{ActualField, Edit, Field, IndicatorField, Value};

fn set(ind: &Indicator, f: IndicatorField, v: Value, action: &str) -> Command {
    Command::Edit {
        edits: vec![Edit::Set(Field::Indicator(ind.id, f), v)],
        action: action.to_owned(),
    }
}

fn code_value<T: Coded>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |v| Value::text(v.code()))
}

/// A choice among a coded list's labels, or none; named for screen readers and tests.
fn code_choice<T: Coded>(
    ui: &mut Ui,
    name: &str,
    none: &str,
    label: fn(T) -> &'static str,
    value: &mut Option<T>,
) {
    let combo = egui::ComboBox::from_id_salt(name)
        .selected_text(value.map_or(none, label))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for v in T::ALL {
                ui.selectable_value(value, Some(*v), label(*v));
            }
        })
        .response;
    super::widgets::name_widget(ui, &combo, name);
}

pub fn closeout_ui(ui: &mut Ui, pv: &PlanView, ind: &Indicator, cmds: &mut Vec<Command>) {
    let j = judge_final(ind, &pv.plan.info, pv.year);
    let c = &ind.closeout;
    ui.label(RichText::new(format!("总结评估（{}年）", pv.year)).strong());
    ui.horizontal_wrapped(|ui| {
        let color = match j.verdict() {
            Some(v) if v.is_met() => theme::GREEN,
            Some(FinalVerdict::Basically) => theme::YELLOW,
            Some(_) => theme::RED,
            None => theme::GREY,
        };
        ui.label(
            RichText::new(j.verdict_text())
                .color(color)
                .strong()
                .size(17.0),
        );
        ui.label(format!("目标完成度 {}", j.completion_text()));
        ui.label(format!("首次达标年份 {}", j.first_met_text()));
    });
    ui.add_enabled_ui(pv.writable, |ui| {
        egui::Grid::new("closeout_fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                // The year's figure is provisional until the statistics are published.
                ui.label("预计值");
                let has_value = ind.actual_value(pv.year).is_some();
                let mut estimate = ind.actuals.get(&pv.year).is_some_and(|a| a.estimate);
                let response = ui.add_enabled(
                    has_value,
                    egui::Checkbox::new(&mut estimate, format!("{}年的值为预计值", pv.year)),
                );
                if response.changed() {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::Set(
                            Field::Actual(ind.id, pv.year, ActualField::Estimate),
                            Value::Int(i64::from(estimate)),
                        )],
                        action: "标记预计值".to_owned(),
                    });
                }
                ui.end_row();

                ui.label("人工判定");
                let mut verdict = c.verdict_override;
                code_choice(
                    ui,
                    "人工判定",
                    "按规则（不改）",
                    FinalVerdict::label,
                    &mut verdict,
                );
                if verdict != c.verdict_override {
                    cmds.push(set(
                        ind,
                        IndicatorField::VerdictOverride,
                        code_value(verdict),
                        "人工判定",
                    ));
                }
                ui.end_row();
                if let Some(text) =
                    labelled_commit_text(ui, "人工判定理由", &c.override_reason, true, 360.0)
                {
                    cmds.push(set(
                        ind,
                        IndicatorField::OverrideReason,
                        Value::text(text.trim()),
                        "人工判定理由",
                    ));
                }
                ui.end_row();
                if c.verdict_override.is_some() && c.override_reason.trim().is_empty() {
                    ui.label("");
                    ui.label(
                        RichText::new("人工判定须写明理由，否则按规则计算的结果为准")
                            .color(theme::ERROR_TEXT),
                    );
                    ui.end_row();
                }

                ui.label("未完成原因");
                let mut reason = c.miss_reason;
                code_choice(ui, "未完成原因", "（未选）", MissReason::label, &mut reason);
                if reason != c.miss_reason {
                    cmds.push(set(
                        ind,
                        IndicatorField::MissReason,
                        code_value(reason),
                        "未完成原因",
                    ));
                }
                ui.end_row();
                for (label, field, current) in [
                    ("原因说明", IndicatorField::MissNote, &c.miss_note),
                    ("下一步措施", IndicatorField::NextSteps, &c.next_steps),
                ] {
                    if let Some(text) = labelled_commit_text(ui, label, current, true, 360.0) {
                        cmds.push(set(ind, field, Value::text(text.trim()), label));
                    }
                    ui.end_row();
                }
                ui.label("结转");
                let mut carry = c.carry_over;
                if ui.checkbox(&mut carry, "结转下一期规划").changed() {
                    cmds.push(set(
                        ind,
                        IndicatorField::CarryOver,
                        Value::Int(i64::from(carry)),
                        "结转下一期规划",
                    ));
                }
                ui.end_row();
            });
    });
}

/// 期末评价 of a task or 重大工程 in its dialog: the verdict (proposed from its status until the
/// officer confirms one), its basis, 未完成原因, 结转; for a project its scope, build period,
/// outcome, new places and state.
pub fn task_closeout_ui(
    ui: &mut Ui,
    pv: &PlanView,
    task: &crate::domain::Task,
    cmds: &mut Vec<Command>,
) {
    use crate::domain::closeout::{ProjectState, TaskVerdict, proposed_task_verdict};
    use crate::domain::edit::TaskField;
    let set = |f: TaskField, v: Value, action: &str| Command::Edit {
        edits: vec![Edit::Set(Field::Task(task.id, f), v)],
        action: action.to_owned(),
    };
    let c = &task.closeout;
    ui.label(RichText::new("期末评价（总结评估）").strong());
    ui.add_enabled_ui(pv.writable, |ui| {
        egui::Grid::new(("task_closeout", task.id.0))
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label("期末评价");
                let mut verdict = c.verdict;
                let proposed = proposed_task_verdict(task);
                let shown = format!("建议：{}（按任务状态，未确认）", proposed.label());
                ui.vertical(|ui| {
                    if verdict.is_none() {
                        ui.label(
                            RichText::new(format!("{shown}：请选择确认")).color(theme::YELLOW),
                        );
                    }
                    ui.horizontal_wrapped(|ui| {
                        for v in TaskVerdict::ALL {
                            if ui.radio(verdict == Some(*v), v.label()).clicked() {
                                verdict = Some(*v);
                            }
                        }
                    });
                });
                if verdict != c.verdict {
                    cmds.push(set(TaskField::Verdict, code_value(verdict), "期末评价"));
                }
                ui.end_row();
                let needs_basis = matches!(
                    c.verdict,
                    Some(TaskVerdict::Adjusted | TaskVerdict::CarriedOver)
                );
                for (field, current) in [
                    (TaskField::VerdictBasis, &c.verdict_basis),
                    (TaskField::MissNote, &c.miss_note),
                ] {
                    let label = field.spec().label;
                    if let Some(text) = labelled_commit_text(ui, label, current, true, 360.0) {
                        cmds.push(set(field, Value::text(text.trim()), label));
                    }
                    ui.end_row();
                }
                if needs_basis && c.verdict_basis.trim().is_empty() && c.miss_reason.is_none() {
                    ui.label("");
                    ui.label(
                        RichText::new("已调整或结转的任务须写明依据或原因")
                            .color(theme::ERROR_TEXT),
                    );
                    ui.end_row();
                }
                ui.label("未完成原因");
                let mut reason = c.miss_reason;
                code_choice(
                    ui,
                    "任务未完成原因",
                    "（未选）",
                    MissReason::label,
                    &mut reason,
                );
                if reason != c.miss_reason {
                    cmds.push(set(TaskField::MissReason, code_value(reason), "未完成原因"));
                }
                ui.end_row();
                ui.label("结转");
                let mut carry = c.carry_over;
                if ui.checkbox(&mut carry, "结转下一期规划").changed() {
                    cmds.push(set(
                        TaskField::CarryOver,
                        Value::Int(i64::from(carry)),
                        "结转下一期规划",
                    ));
                }
                ui.end_row();
                if task.kind != crate::domain::TaskKind::Project {
                    return;
                }
                for (field, current) in [
                    (TaskField::Scope, &c.scope),
                    (TaskField::BuildPeriod, &c.build_period),
                    (TaskField::Outcome, &c.outcome),
                ] {
                    let label = field.spec().label;
                    if let Some(text) = labelled_commit_text(ui, label, current, false, 360.0) {
                        cmds.push(set(field, Value::text(text.trim()), label));
                    }
                    ui.end_row();
                }
                ui.label("工程状态");
                let mut state = c.project_state;
                ui.horizontal_wrapped(|ui| {
                    for st in ProjectState::ALL {
                        if ui.radio(state == Some(*st), st.label()).clicked() {
                            state = Some(*st);
                        }
                    }
                });
                if state != c.project_state {
                    cmds.push(set(TaskField::ProjectState, code_value(state), "工程状态"));
                }
                ui.end_row();
            });
    });
}
