//! Reviewing the targets read from a plan's text: each proposal with its source sentence
//! highlighted; the officer accepts, edits or rejects each (↑/↓, Enter accept, Delete reject),
//! and the accepted ones become indicators under their chapters in one undoable step.

use egui::text::LayoutJob;
use egui::{Key, RichText, TextFormat, Ui};

use super::theme;
use crate::domain::Plan;
use crate::domain::drafting::outline_from_proposals;
use crate::domain::edit::Edit;
use crate::domain::extract::Proposal;
use crate::domain::input::format_number;
use crate::domain::library::{Library, TargetLevel};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Undecided,
    Accepted,
    Rejected,
}

pub struct ReviewItem {
    pub proposal: Proposal,
    pub decision: Decision,
    /// The number as the officer edits it.
    pub value_text: String,
}

pub struct ReviewState {
    /// The document the proposals come from.
    pub source: String,
    pub items: Vec<ReviewItem>,
    pub selected: usize,
    pub error: Option<String>,
    scroll_to_selected: bool,
}

impl ReviewState {
    pub fn new(source: String, proposals: Vec<Proposal>) -> Self {
        ReviewState {
            source,
            items: proposals
                .into_iter()
                .map(|p| ReviewItem {
                    value_text: format_number(p.value, 2),
                    proposal: p,
                    decision: Decision::Undecided,
                })
                .collect(),
            selected: 0,
            error: None,
            scroll_to_selected: false,
        }
    }

    pub fn accepted_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.decision == Decision::Accepted)
            .count()
    }

    fn decide(&mut self, decision: Decision) {
        if let Some(item) = self.items.get_mut(self.selected) {
            item.decision = decision;
        }
        // On to the next undecided proposal, as a reviewer works down the list.
        if let Some(next) = (self.selected + 1..self.items.len())
            .find(|&i| self.items[i].decision == Decision::Undecided)
            .or_else(|| (self.selected + 1 < self.items.len()).then_some(self.selected + 1))
        {
            self.selected = next;
            self.scroll_to_selected = true;
        }
    }

    /// The accepted proposals with the officer's edits, or the first edit that is not a number.
    pub fn accepted(&self) -> Result<Vec<Proposal>, String> {
        let mut out = Vec::new();
        for item in self
            .items
            .iter()
            .filter(|i| i.decision == Decision::Accepted)
        {
            let text = item.value_text.trim();
            let value: f64 = text
                .parse()
                .map_err(|_| format!("“{}”的目标值“{text}”不是数字，请改正", item.proposal.name))?;
            if item.proposal.name.trim().is_empty() {
                return Err("有接受的指标没有名称，请填写".to_owned());
            }
            let mut p = item.proposal.clone();
            p.name = p.name.trim().to_owned();
            p.value = value;
            out.push(p);
        }
        Ok(out)
    }

    /// The edit that adds the accepted proposals to `plan`.
    pub fn edit(&self, plan: &Plan, library: &Library) -> Result<Edit, String> {
        let accepted = self.accepted()?;
        if accepted.is_empty() {
            return Err("还没有接受任何指标：选中一行后按 Enter 接受".to_owned());
        }
        Ok(Edit::AddOutline(outline_from_proposals(
            plan, &accepted, library,
        )))
    }
}

/// What the officer asked for.
pub enum ReviewOutcome {
    Continue,
    Import,
    Cancel,
}

pub fn review_ui(ui: &mut Ui, state: &mut ReviewState, library: &Library) -> ReviewOutcome {
    let mut outcome = ReviewOutcome::Continue;
    ui.heading("从规划文本提取的量化目标");
    ui.label(RichText::new(&state.source).small().color(theme::GREY));
    ui.label(format!(
        "共{}项，已接受{}项。↑/↓ 选择，Enter 接受，Delete 不要；名称和目标值可直接修改。",
        state.items.len(),
        state.accepted_count()
    ));
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if !typing && !state.items.is_empty() {
        let (up, down, enter, delete) = ui.input(|i| {
            (
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace),
            )
        });
        if up && state.selected > 0 {
            state.selected -= 1;
            state.scroll_to_selected = true;
        }
        if down && state.selected + 1 < state.items.len() {
            state.selected += 1;
            state.scroll_to_selected = true;
        }
        if enter {
            state.decide(Decision::Accepted);
        } else if delete {
            state.decide(Decision::Rejected);
        }
    }
    let list_height = (ui.available_height() - 220.0).max(160.0);
    egui::ScrollArea::vertical()
        .id_salt("review_list")
        .max_height(list_height)
        .show(ui, |ui| {
            egui::Grid::new("review_grid")
                .striped(true)
                .num_columns(8)
                .show(ui, |ui| {
                    for h in ["", "指标", "比较", "目标值", "单位", "年份", "类型", "章节"]
                    {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (i, item) in state.items.iter_mut().enumerate() {
                        let selected = i == state.selected;
                        let (mark, color) = match item.decision {
                            Decision::Accepted => ("√ 接受", theme::GREEN),
                            Decision::Rejected => ("× 不要", theme::GREY),
                            Decision::Undecided => ("○ 待定", theme::ACCENT),
                        };
                        let r = ui.selectable_label(selected, RichText::new(mark).color(color));
                        if r.clicked() {
                            state.selected = i;
                        }
                        if selected && state.scroll_to_selected {
                            r.scroll_to_me(Some(egui::Align::Center));
                            state.scroll_to_selected = false;
                        }
                        let name = ui.add(
                            egui::TextEdit::singleline(&mut item.proposal.name)
                                .desired_width(260.0),
                        );
                        crate::ui::widgets::name_widget(
                            ui,
                            &name,
                            &format!("第{}项指标名称", i + 1),
                        );
                        if name.gained_focus() {
                            state.selected = i;
                        }
                        ui.label(item.proposal.comparison.symbol());
                        let value = ui.add(
                            egui::TextEdit::singleline(&mut item.value_text).desired_width(70.0),
                        );
                        crate::ui::widgets::name_widget(
                            ui,
                            &value,
                            &format!("第{}项目标值", i + 1),
                        );
                        if value.gained_focus() {
                            state.selected = i;
                        }
                        ui.label(&item.proposal.unit);
                        ui.label(item.proposal.year.map_or(String::new(), |y| y.to_string()));
                        ui.label(item.proposal.kind.label());
                        ui.label(
                            RichText::new(
                                item.proposal.chapter.last().cloned().unwrap_or_default(),
                            )
                            .small(),
                        );
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    if let Some(item) = state.items.get(state.selected) {
        source_sentence_ui(ui, &item.proposal);
        if let Some(entry) = library.match_name(&item.proposal.name) {
            let national = entry
                .targets
                .iter()
                .find(|t| t.level == TargetLevel::National)
                .map_or_else(String::new, |t| {
                    format!("；全国目标{}（{}年，{}）", t.text, t.year, t.source)
                });
            ui.label(
                RichText::new(format!(
                    "指标库：{}（{}）{national}",
                    entry.name, entry.definition
                ))
                .small()
                .color(theme::ACCENT),
            );
        }
        ui.horizontal(|ui| {
            if ui.button("接受 (Enter)").clicked() {
                state.decide(Decision::Accepted);
            }
            if ui.button("不要 (Delete)").clicked() {
                state.decide(Decision::Rejected);
            }
            if ui.button("全部接受").clicked() {
                for item in &mut state.items {
                    if item.decision == Decision::Undecided {
                        item.decision = Decision::Accepted;
                    }
                }
            }
        });
    }
    if let Some(e) = &state.error {
        ui.label(RichText::new(e).color(theme::ERROR_TEXT));
    }
    ui.horizontal(|ui| {
        let label = format!("把接受的{}项加入规划", state.accepted_count());
        if ui
            .add_enabled(state.accepted_count() > 0, egui::Button::new(label))
            .clicked()
        {
            outcome = ReviewOutcome::Import;
        }
        if ui.button("取消").clicked() || (!typing && ui.input(|i| i.key_pressed(Key::Escape))) {
            outcome = ReviewOutcome::Cancel;
        }
    });
    outcome
}

/// The source sentence with the target's words highlighted.
fn source_sentence_ui(ui: &mut Ui, p: &Proposal) {
    let (before, target, after) = p.sentence_parts();
    let size = theme::BODY_SIZE;
    let plain = TextFormat {
        font_id: egui::FontId::proportional(size),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let marked = TextFormat {
        font_id: egui::FontId::proportional(size),
        color: theme::RED,
        background: theme::WARNING_BG,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    job.append(&before, 0.0, plain.clone());
    job.append(&target, 0.0, marked);
    job.append(&after, 0.0, plain);
    ui.label(
        RichText::new(format!("原文（{}）", p.chapter_text()))
            .small()
            .color(theme::GREY),
    );
    egui::ScrollArea::vertical()
        .id_salt("review_sentence")
        .max_height(90.0)
        .show(ui, |ui| {
            ui.label(job);
        });
}
