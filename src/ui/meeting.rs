//! 会议模式: full screen slides for the back of a meeting room, drawn by `draw::slides`.
//! Keys: ←/→ PageUp/PageDown (presenter clickers), Home/End, a number then Enter, G for the page
//! index, T for the dark theme, Esc to leave.

use egui::{Key, RichText, Ui};

use super::{Command, PlanView};
use crate::domain::Light;
use crate::draw::slides::{Page, Palette, Sizes, page_title, pages, slide_frame};

#[derive(Default)]
pub struct MeetingState {
    pub page: usize,
    /// Digits typed before Enter, to jump to a page.
    typed: String,
    show_index: bool,
    dark: bool,
}

pub fn meeting_ui(ui: &mut Ui, state: &mut MeetingState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let pages = pages(pv);
    let last = pages.len().saturating_sub(1);
    let mut jump: Option<usize> = None;
    let (next, prev, home, end, leave, index, theme, enter, digits) = ui.input(|i| {
        let digits: String = i
            .events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Text(t) => {
                    Some(t.chars().filter(char::is_ascii_digit).collect::<String>())
                }
                _ => None,
            })
            .collect();
        (
            i.key_pressed(Key::ArrowRight)
                || i.key_pressed(Key::PageDown)
                || i.key_pressed(Key::Space),
            i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp),
            i.key_pressed(Key::Home),
            i.key_pressed(Key::End),
            i.key_pressed(Key::Escape),
            i.key_pressed(Key::G),
            i.key_pressed(Key::T),
            i.key_pressed(Key::Enter),
            digits,
        )
    });
    state.typed.push_str(&digits);
    if enter && !state.typed.is_empty() {
        if let Ok(n) = state.typed.parse::<usize>() {
            jump = Some(n.saturating_sub(1));
        }
        state.typed.clear();
    }
    if leave {
        if state.show_index {
            state.show_index = false;
        } else {
            cmds.push(Command::LeaveMeeting);
        }
    }
    if index {
        state.show_index = !state.show_index;
    }
    if theme {
        state.dark = !state.dark;
    }
    if next && state.page < last {
        state.page += 1;
    }
    if prev {
        state.page = state.page.saturating_sub(1);
    }
    if home {
        state.page = 0;
    }
    if end {
        state.page = last;
    }
    if let Some(p) = jump {
        state.page = p.min(last);
        state.show_index = false;
    }
    state.page = state.page.min(last);

    let typed = if state.typed.is_empty() {
        String::new()
    } else {
        format!(" ｜ 跳到第{}页（回车）", state.typed)
    };
    let footer = format!(
        "{} ｜ 评估年度 {}年 ｜ 截至{} ｜ 第 {}/{} 页 ｜ ←/→ 翻页，数字+回车跳页，G 目录，T 深浅色，Esc 退出{typed}",
        pv.plan.info.name,
        pv.year,
        pv.as_of,
        state.page + 1,
        pages.len()
    );
    let dark = state.dark;
    slide_frame(ui, pv, dark, &footer, |ui, slide| {
        if state.show_index {
            index_page(ui, pv, &pages, state, slide.palette, slide.sizes);
        } else if let Some(page) = pages.get(state.page) {
            slide.page(ui, page);
        }
    });
}

/// The page index (G): every page's number and title, a click jumps there.
fn index_page(
    ui: &mut Ui,
    pv: &PlanView,
    pages: &[Page],
    state: &mut MeetingState,
    palette: &Palette,
    sizes: &Sizes,
) {
    ui.label(
        RichText::new("目录")
            .size(sizes.title)
            .strong()
            .color(palette.fg),
    );
    egui::ScrollArea::vertical()
        .id_salt("meeting_index")
        .show(ui, |ui| {
            ui.columns(3, |cols| {
                let per_column = pages.len().div_ceil(3).max(1);
                for (i, page) in pages.iter().enumerate() {
                    let col = &mut cols[(i / per_column).min(2)];
                    let text = RichText::new(format!("{:>3}  {}", i + 1, page_title(pv, page)))
                        .size((sizes.small * 0.8).max(18.0))
                        .color(if i == state.page {
                            palette.light(Light::Green)
                        } else {
                            palette.fg
                        });
                    if col.link(text).clicked() {
                        state.page = i;
                        state.show_index = false;
                    }
                }
            });
        });
}
