//! Reviewing the targets read from a plan's text: each proposal with its source sentence
//! highlighted; the officer accepts, edits or rejects each (↑/↓, Enter accept, Delete reject),
//! and the accepted ones become indicators under their chapters in one undoable step. A
//! proposal for an indicator the open plan already has is shown with the plan's target and
//! defaults to 更新 (a different target) or 不要 (the same); chapters that exist are reused.

use egui::text::LayoutJob;
use egui::{Key, RichText, TextFormat, Ui};

use super::theme;
use crate::domain::drafting::outline_from_proposals;
use crate::domain::edit::{Edit, Field, IndicatorField, Value};
use crate::domain::extract::Proposal;
use crate::domain::input::format_number;
use crate::domain::library::{Library, TargetLevel};
use crate::domain::text::name_key;
use crate::domain::{IndicatorId, Plan};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Undecided,
    Accepted,
    Rejected,
    /// Set the target of the plan's indicator of the same name.
    Update,
}

pub struct ReviewItem {
    pub proposal: Proposal,
    pub decision: Decision,
    /// The number as the officer edits it.
    pub value_text: String,
    /// The open plan's indicator of the same name, and its target as worded.
    pub existing: Option<(IndicatorId, String)>,
    /// Where in the document the sentence is (第3页第12行), when it was found.
    pub place: Option<String>,
}

/// The plan's indicator a proposal names: the same name, widths, spaces and quotes aside, or
/// with the plan's leading 全区/全县/全市 left out.
fn existing_indicator<'a>(plan: &'a Plan, name: &str) -> Option<&'a crate::domain::Indicator> {
    let key = |s: &str| {
        let k = name_key(s);
        ["全区", "全县", "全市", "全旗"]
            .iter()
            .find_map(|p| k.strip_prefix(p).map(str::to_owned))
            .unwrap_or(k)
    };
    let wanted = key(name);
    plan.indicators.iter().find(|i| key(&i.name) == wanted)
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
    /// `plan`: the open plan the proposals would go into, if any; `places`: where each
    /// proposal's sentence is in the document, described.
    pub fn new(
        source: String,
        proposals: Vec<Proposal>,
        places: Vec<Option<String>>,
        plan: Option<&Plan>,
    ) -> Self {
        let mut places = places.into_iter();
        ReviewState {
            source,
            items: proposals
                .into_iter()
                .map(|p| {
                    let place = places.next().flatten();
                    let existing = plan.and_then(|plan| existing_indicator(plan, &p.name));
                    let decision = match existing {
                        None => Decision::Undecided,
                        Some(ind)
                            if (ind.target_value - p.value).abs() < 1e-9
                                && p.year.is_none_or(|y| y == ind.target_year) =>
                        {
                            Decision::Rejected
                        }
                        Some(_) => Decision::Update,
                    };
                    ReviewItem {
                        value_text: format_number(p.value, 2),
                        existing: existing
                            .map(|i| (i.id, format!("{}（{}年）", i.target_text, i.target_year))),
                        proposal: p,
                        decision,
                        place,
                    }
                })
                .collect(),
            selected: 0,
            error: None,
            scroll_to_selected: false,
        }
    }

    /// Proposals that will change the plan: added or updating a target.
    pub fn accepted_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.decision, Decision::Accepted | Decision::Update))
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

    /// The proposals decided `which` with the officer's edits, or the first edit that is not a
    /// number.
    fn decided(&self, which: Decision) -> Result<Vec<(&ReviewItem, Proposal)>, String> {
        let mut out = Vec::new();
        for item in self.items.iter().filter(|i| i.decision == which) {
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
            out.push((item, p));
        }
        Ok(out)
    }

    /// The accepted proposals with the officer's edits.
    pub fn accepted(&self) -> Result<Vec<Proposal>, String> {
        Ok(self
            .decided(Decision::Accepted)?
            .into_iter()
            .map(|(_, p)| p)
            .collect())
    }

    /// The edits that add the accepted proposals to `plan` and set the targets of the
    /// indicators to update, one undoable step.
    pub fn edits(&self, plan: &Plan, library: &Library) -> Result<Vec<Edit>, String> {
        let accepted = self.accepted()?;
        let updates = self.decided(Decision::Update)?;
        if accepted.is_empty() && updates.is_empty() {
            return Err("还没有接受任何指标：选中一行后按 Enter 接受".to_owned());
        }
        let mut edits = Vec::new();
        if !accepted.is_empty() {
            edits.push(Edit::AddOutline(outline_from_proposals(
                plan, &accepted, library,
            )));
        }
        for (item, p) in updates {
            let Some((id, _)) = item.existing else {
                continue;
            };
            let set = |f: IndicatorField, v: Value| Edit::Set(Field::Indicator(id, f), v);
            edits.push(set(IndicatorField::TargetValue, Value::Num(p.value)));
            edits.push(set(IndicatorField::Comparison, Value::code(p.comparison)));
            if !p.target_text.is_empty() {
                edits.push(set(IndicatorField::TargetText, Value::text(&p.target_text)));
            }
            if let Some(y) = p.year {
                edits.push(set(IndicatorField::TargetYear, Value::Int(i64::from(y))));
            }
        }
        Ok(edits)
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
    // The name gets the width the other columns leave.
    let name_width = (ui.available_width() - 760.0).clamp(240.0, 560.0);
    egui::ScrollArea::vertical()
        .id_salt("review_list")
        .max_height(list_height)
        .show(ui, |ui| {
            egui::Grid::new("review_grid")
                .striped(true)
                .num_columns(9)
                .show(ui, |ui| {
                    for h in [
                        "",
                        "指标",
                        "比较",
                        "目标值",
                        "单位",
                        "年份",
                        "类型",
                        "章节",
                        "规划中",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (i, item) in state.items.iter_mut().enumerate() {
                        let selected = i == state.selected;
                        let (mark, color) = match item.decision {
                            Decision::Accepted => ("√ 接受", theme::GREEN),
                            Decision::Rejected => ("× 不要", theme::GREY),
                            Decision::Undecided => ("○ 待定", theme::ACCENT),
                            Decision::Update => ("→ 更新", theme::YELLOW),
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
                                .desired_width(name_width),
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
                        match &item.existing {
                            Some((_, target)) => ui.label(
                                RichText::new(format!("规划已有：{target}")).color(theme::YELLOW),
                            ),
                            None => ui.label(""),
                        };
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    if let Some(item) = state.items.get(state.selected) {
        source_sentence_ui(ui, &item.proposal, item.place.as_deref());
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
            if state
                .items
                .get(state.selected)
                .is_some_and(|i| i.existing.is_some())
                && ui.button("更新规划中的目标").clicked()
            {
                state.decide(Decision::Update);
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
        let label = format!("把接受的{}项写入规划", state.accepted_count());
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
fn source_sentence_ui(ui: &mut Ui, p: &Proposal, place: Option<&str>) {
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
        RichText::new(match place {
            Some(place) => format!("原文（{place}；{}）", p.chapter_text()),
            None => format!("原文（{}）", p.chapter_text()),
        })
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
