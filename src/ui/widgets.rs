//! Small widgets shared by the views.

use egui::{RichText, Ui};

use super::theme;
use crate::domain::{Evaluation, Light};

/// The light as a coloured shape plus its word: never colour alone.
pub fn light_badge(ui: &mut Ui, light: Light, warning: bool) -> egui::Response {
    let mut text = format!("{} {}", light.symbol(), light.label());
    if warning {
        text.push_str(" 预警");
    }
    ui.label(
        RichText::new(text)
            .color(theme::light_color(light))
            .strong(),
    )
}

/// A status word that explains itself: the 判定依据 on hover, the 评价规则 page on a click.
pub fn status_word(
    ui: &mut Ui,
    text: RichText,
    basis: &str,
    cmds: &mut Vec<super::Command>,
) -> egui::Response {
    let hover = if basis.is_empty() {
        "点击查看评价规则".to_owned()
    } else {
        format!("{basis}\n（点击查看评价规则）")
    };
    let response = ui
        .add(egui::Label::new(text).sense(egui::Sense::click()))
        .on_hover_cursor(egui::CursorIcon::Help)
        .on_hover_text(hover);
    if response.clicked() {
        cmds.push(super::Command::ShowHelp);
    }
    response
}

pub fn status_text(eval: &Evaluation) -> RichText {
    let word = crate::domain::explain::status_text(eval);
    RichText::new(format!("{} {}", eval.light.symbol(), word))
        .color(theme::status_color(eval.status, eval.light))
}

/// A labelled text field (label and field are two cells in a `Grid`) that commits when the user leaves it (Enter or focus elsewhere) and changed
/// it; Esc puts the stored text back. Returns the new text to store.
pub fn labelled_commit_text(
    ui: &mut Ui,
    label: &str,
    current: &str,
    multiline: bool,
    width: f32,
) -> Option<String> {
    let label_id = ui.label(label).id;
    commit_text_inner(ui, label, Some(label_id), current, multiline, width)
}

/// The same field without a visible label; `name` names it for screen readers and tests.
pub fn commit_text(
    ui: &mut Ui,
    name: &str,
    current: &str,
    multiline: bool,
    width: f32,
) -> Option<String> {
    commit_text_inner(ui, name, None, current, multiline, width)
}

fn commit_text_inner(
    ui: &mut Ui,
    name: &str,
    label_id: Option<egui::Id>,
    current: &str,
    multiline: bool,
    width: f32,
) -> Option<String> {
    let id = ui.scope_id().with(("commit_text", name));
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let edit = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    // Allocated at its full width first: inside a `Grid` a cell is otherwise only as wide as
    // it was the frame before, and a field would never grow past its first, narrow width.
    let width = if width.is_finite() {
        width
    } else {
        ui.available_width()
    };
    // The field's own height (from the frame before), so that the row's alignment centres it.
    let height_id = id.with("height");
    let height = ui
        .data(|d| d.get_temp::<f32>(height_id))
        .unwrap_or(ui.spacing().interact_size.y);
    let response = ui
        .allocate_ui(egui::vec2(width, height), |ui| {
            ui.add(edit.desired_width(width))
        })
        .inner;
    if (response.rect.height() - height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(height_id, response.rect.height()));
        ui.ctx().request_repaint();
    }
    // A one-line field too narrow for its text shows the whole text on hover.
    let margin = 2.0 * ui.spacing().button_padding.x + 4.0;
    let response = if !multiline
        && !response.has_focus()
        && widest_text(ui, [current]) > response.rect.width() - margin
    {
        response.on_hover_text(current)
    } else {
        response
    };
    let response = match label_id {
        Some(label_id) => response.labelled_by(label_id),
        None => {
            name_widget(ui, &response, name);
            response
        }
    };
    let mut out = None;
    if response.has_focus() {
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            text = current.to_owned();
            response.surrender_focus();
        }
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        if response.lost_focus() && text != current {
            out = Some(text);
        }
        ui.data_mut(|d| d.remove::<String>(id));
    }
    out
}

/// Like `commit_text` (unlabelled), but parses the text; a parse error is shown beside the field and
/// nothing is committed.
pub fn commit_parsed<T, E: std::fmt::Display>(
    ui: &mut Ui,
    name: &str,
    current: &str,
    width: f32,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Option<T> {
    let err_id = ui.scope_id().with(("commit_error", name));
    let result =
        commit_text(ui, name, current, false, width).map(|t| parse(&t).map_err(|e| e.to_string()));
    match result {
        Some(Ok(v)) => {
            ui.data_mut(|d| d.remove::<String>(err_id));
            Some(v)
        }
        Some(Err(why)) => {
            ui.data_mut(|d| d.insert_temp(err_id, why));
            None
        }
        None => {
            if let Some(why) = ui.data(|d| d.get_temp::<String>(err_id)) {
                ui.label(RichText::new(why).color(theme::ERROR_TEXT));
            }
            None
        }
    }
}

/// Give a widget without a visible label its name, for screen readers and tests.
pub fn name_widget(ui: &Ui, response: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_owned()));
}

pub fn heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).heading().strong());
}

/// A labelled filter: “全部” or one of `options`.
pub fn option_filter_ui(
    ui: &mut Ui,
    label: &str,
    selected: &mut Option<String>,
    options: &[String],
) {
    const ALL: &str = "全部";
    ui.label(label);
    let combo = egui::ComboBox::from_id_salt(("option_filter", label))
        .selected_text(selected.as_deref().unwrap_or(ALL))
        .show_ui(ui, |ui| {
            ui.selectable_value(selected, None, ALL);
            for option in options {
                ui.selectable_value(selected, Some(option.clone()), option);
            }
        })
        .response;
    name_widget(ui, &combo, &format!("{label}筛选"));
}

/// The 佐证材料 of one owner: each file with its size and date, to open, save or remove, and a
/// button to add one. Returns how many there are.
pub fn evidence_ui(
    ui: &mut Ui,
    pv: &super::PlanView,
    owner: crate::domain::EvidenceOwner,
    cmds: &mut Vec<super::Command>,
) -> usize {
    use super::Command;
    use crate::domain::edit::{Edit, Field, Value};
    let files = pv.plan.evidence_of(owner);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("佐证材料（{}份）", files.len())).strong());
        if ui.button("添加佐证材料…").clicked() {
            cmds.push(Command::AddEvidenceDialog(owner));
        }
    });
    for e in &files {
        ui.horizontal_wrapped(|ui| {
            let size = if e.size >= 1024 * 1024 {
                format!("{:.1} MB", e.size as f64 / 1024.0 / 1024.0)
            } else {
                format!("{} KB", e.size.div_ceil(1024))
            };
            ui.label(&e.name);
            ui.label(RichText::new(format!("{size}，{}添加", e.added)).color(theme::GREY));
            if ui.small_button("打开").clicked() {
                cmds.push(Command::OpenEvidence(e.id));
            }
            if ui.small_button("另存为…").clicked() {
                cmds.push(Command::SaveEvidenceDialog(e.id));
            }
            if ui
                .small_button("移除")
                .on_hover_text("可用“撤销”恢复")
                .clicked()
            {
                cmds.push(Command::Edit {
                    edits: vec![Edit::Set(Field::EvidenceRemoved(e.id), Value::flag(true))],
                    action: "移除佐证材料".into(),
                });
            }
        });
    }
    files.len()
}

/// The widest of `texts` in the body font.
pub fn widest_text<'a>(ui: &Ui, texts: impl IntoIterator<Item = &'a str>) -> f32 {
    widest_text_in(ui, egui::TextStyle::Body, texts)
}

/// `widest_text` in another text style. Texts are first ranked by a glyph-free estimate (a
/// Chinese character is one em, a Latin letter or digit about half), and only the few widest
/// by that estimate are measured glyph by glyph: a thousand-row table costs microseconds a
/// frame, not milliseconds.
pub fn widest_text_in<'a>(
    ui: &Ui,
    style: egui::TextStyle,
    texts: impl IntoIterator<Item = &'a str>,
) -> f32 {
    const MEASURED: usize = 16;
    let mut ranked: Vec<(f32, &str)> = texts.into_iter().map(|t| (estimated_ems(t), t)).collect();
    if ranked.len() > MEASURED {
        ranked.select_nth_unstable_by(MEASURED - 1, |a, b| b.0.total_cmp(&a.0));
        ranked.truncate(MEASURED);
    }
    let font = style.resolve(ui.style());
    ui.ctx().fonts_mut(|fonts| {
        ranked
            .iter()
            .map(|(_, t)| t.chars().map(|c| fonts.glyph_width(&font, c)).sum::<f32>())
            .fold(0.0, f32::max)
    })
}

/// A text's width in ems, roughly: enough to pick the widest few of many.
fn estimated_ems(text: &str) -> f32 {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | '0'..='9' | 'm' | 'w' => 0.62,
            c if c.is_ascii() => 0.48,
            _ => 1.0,
        })
        .sum()
}

/// Widths for columns that show text: each gets its content's width when the space allows;
/// otherwise each gives up space in proportion to what it has above its minimum.
/// `wanted` and `minimum` are per column; `available` is what the columns may take together.
pub fn share_width(wanted: &[f32], minimum: &[f32], available: f32) -> Vec<f32> {
    let want: f32 = wanted.iter().sum();
    if want <= available {
        return wanted.to_vec();
    }
    let slack: Vec<f32> = wanted
        .iter()
        .zip(minimum)
        .map(|(w, m)| (w - m).max(0.0))
        .collect();
    let total_slack: f32 = slack.iter().sum();
    let shortage = want - available;
    wanted
        .iter()
        .zip(minimum)
        .zip(&slack)
        .map(|((w, m), s)| {
            if total_slack <= shortage {
                w.min(*m)
            } else {
                w - shortage * s / total_slack
            }
        })
        .collect()
}

pub use crate::draw::chart::{LegendMark, axis_value_label, legend_row, nice_grid_spacer};

#[cfg(test)]
mod tests {
    use super::{axis_value_label, estimated_ems, share_width};
    use crate::draw::chart::next_nice_step;

    #[test]
    fn the_estimate_ranks_chinese_above_latin_of_the_same_length() {
        assert!(estimated_ems("五年一轮，共360学时") > estimated_ems("90%以上"));
        assert!(estimated_ems("学前三年毛入园率") > estimated_ems("Gross enrol"));
        assert_eq!(estimated_ems(""), 0.0);
    }

    #[test]
    fn axis_labels_carry_the_decimals_of_their_step() {
        let label = |value, step_size| axis_value_label(egui_plot::GridMark { value, step_size });
        assert_eq!(label(87.5, 0.5), "87.5");
        assert_eq!(label(88.0, 0.5), "88.0");
        assert_eq!(label(90.0, 2.0), "90");
        assert_eq!(label(0.25, 0.05), "0.25");
        assert_eq!(label(-0.0, 1.0), "0");
    }

    #[test]
    fn grid_steps_go_one_two_five() {
        assert_eq!(next_nice_step(0.33), 0.5);
        assert_eq!(next_nice_step(0.5), 0.5);
        assert_eq!(next_nice_step(1.2), 2.0);
        assert_eq!(next_nice_step(3.0), 5.0);
        assert_eq!(next_nice_step(7.0), 10.0);
        assert_eq!(next_nice_step(120.0), 200.0);
    }

    #[test]
    fn columns_get_their_content_width_when_it_fits() {
        assert_eq!(
            share_width(&[300.0, 120.0, 200.0], &[140.0, 120.0, 96.0], 900.0),
            vec![300.0, 120.0, 200.0]
        );
    }

    #[test]
    fn a_shortage_is_taken_from_each_column_in_proportion_to_its_slack() {
        // Slack 160 + 0 + 104 = 264; 132 short: each gives up half its slack.
        let widths = share_width(&[300.0, 120.0, 200.0], &[140.0, 120.0, 96.0], 488.0);
        assert_eq!(widths, vec![220.0, 120.0, 148.0]);
        assert_eq!(widths.iter().sum::<f32>(), 488.0);
    }

    #[test]
    fn no_column_goes_below_its_minimum() {
        assert_eq!(
            share_width(&[300.0, 120.0, 200.0], &[140.0, 120.0, 96.0], 200.0),
            vec![140.0, 120.0, 96.0]
        );
    }
}
