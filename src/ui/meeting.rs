//! 会议模式: full screen slides for the back of a meeting room, drawn by `draw::slides`.
//! Keys: ←/→ PageUp/PageDown (presenter clickers), Home/End, a number then Enter, G for the page
//! index, T for the dark theme, C for 只看章 (chapters only), Esc to leave.

use egui::{Key, RichText, Ui};

use super::{Command, PlanView};
use crate::domain::Light;
use crate::draw::slides::{Page, Palette, Scope, Sizes, page_title, pages, slide_frame};

#[derive(Default)]
pub struct MeetingState {
    pub page: usize,
    /// Digits typed before Enter, to jump to a page.
    typed: String,
    show_index: bool,
    dark: bool,
    /// 只看章: kept while the program runs, and used by the meeting PDF too.
    chapters_only: bool,
}

impl MeetingState {
    pub fn scope(&self) -> Scope {
        if self.chapters_only {
            Scope::ChaptersOnly
        } else {
            Scope::Full
        }
    }

    /// Switch 只看章 on or off, staying on the same page, or on its chapter's chart when the
    /// page is not in the other deck.
    fn toggle_chapters_only(&mut self, pv: &PlanView, deck: &[Page]) {
        let current = deck.get(self.page).cloned();
        self.chapters_only = !self.chapters_only;
        let next = pages(pv, self.scope());
        let chapter_chart = |section| {
            pv.plan
                .chapter_of(section)
                .map(|chapter| Page::Section(chapter.id, 0))
        };
        let fallback = match &current {
            Some(Page::Section(id, _)) => chapter_chart(*id),
            Some(Page::Indicator(id)) => pv.indicator(*id).and_then(|i| chapter_chart(i.section)),
            _ => None,
        };
        self.page = [current, fallback]
            .into_iter()
            .flatten()
            .find_map(|page| next.iter().position(|p| *p == page))
            .unwrap_or(0);
    }
}

pub fn meeting_ui(ui: &mut Ui, state: &mut MeetingState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let mut deck = pages(pv, state.scope());
    let mut jump: Option<usize> = None;
    let (next, prev, home, end, leave, index, theme, chapters, enter, digits) = ui.input(|i| {
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
            i.key_pressed(Key::C),
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
    if chapters {
        state.toggle_chapters_only(pv, &deck);
        deck = pages(pv, state.scope());
    }
    let last = deck.len().saturating_sub(1);
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
        "{} ｜ 评估年度 {}年 ｜ 截至{} ｜ 第 {}/{} 页 ｜ ←/→ 翻页，数字+回车跳页，G 目录，C {chapters}，T 深浅色，Esc 退出{typed}",
        pv.plan.info.name,
        pv.year,
        pv.as_of,
        state.page + 1,
        deck.len(),
        chapters = if state.chapters_only {
            "显示全部页"
        } else {
            "只看章"
        },
    );
    let dark = state.dark;
    slide_frame(ui, pv, dark, &footer, |ui, slide| {
        if state.show_index {
            index_page(ui, pv, &deck, state, slide.palette, slide.sizes);
        } else if let Some(page) = deck.get(state.page) {
            slide.page(ui, page);
        }
    });
}

/// The page index (G): every page's number and title in as many columns as fit, each entry
/// on one line of its column (a long title is cut, whole on hover), scrolling when the
/// pages do not fit; a click jumps there. 只看章 is switched here too.
fn index_page(
    ui: &mut Ui,
    pv: &PlanView,
    pages: &[Page],
    state: &mut MeetingState,
    palette: &Palette,
    sizes: &Sizes,
) {
    let entry_size = (sizes.small * 0.8).max(18.0);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("目录")
                .size(sizes.title)
                .strong()
                .color(palette.fg),
        );
        ui.add_space(sizes.title);
        let mut chapters_only = state.chapters_only;
        let toggle = ui.checkbox(
            &mut chapters_only,
            RichText::new("只看章（C）")
                .size(entry_size)
                .color(palette.fg),
        );
        if toggle.changed() {
            state.toggle_chapters_only(pv, pages);
        }
    });
    let gap = entry_size;
    let column_count = ((ui.available_width() + gap) / (entry_size * 16.0 + gap))
        .floor()
        .clamp(1.0, 4.0) as usize;
    let column_width =
        (ui.available_width() - gap * (column_count - 1) as f32) / column_count as f32;
    let per_column = pages.len().div_ceil(column_count).max(1);
    egui::ScrollArea::vertical()
        .id_salt("meeting_index")
        .auto_shrink([false, true])
        // A room sees that there is more below.
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for (column, chunk) in pages.chunks(per_column).enumerate() {
                    ui.allocate_ui_with_layout(
                        egui::vec2(column_width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(column_width);
                            for (row, page) in chunk.iter().enumerate() {
                                let i = column * per_column + row;
                                let title = fit_keeping_continued(
                                    ui,
                                    &format!("{:>3}  {}", i + 1, page_title(pv, page)),
                                    entry_size,
                                    column_width,
                                );
                                let text = RichText::new(title).size(entry_size).color(
                                    if i == state.page {
                                        palette.light(Light::Green)
                                    } else {
                                        palette.fg
                                    },
                                );
                                let entry = ui
                                    .add(
                                        egui::Label::new(text)
                                            .truncate()
                                            .sense(egui::Sense::click()),
                                    )
                                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                                if entry.clicked() {
                                    state.page = i;
                                    state.show_index = false;
                                }
                            }
                        },
                    );
                }
            });
        });
}

/// An index entry cut to `width`: a continued page keeps its “（续）” at the end, so that the
/// pages of one long section never read alike.
fn fit_keeping_continued(ui: &Ui, title: &str, size: f32, width: f32) -> String {
    const CONTINUED: &str = "（续）";
    let font = egui::FontId::proportional(size);
    let fits = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        }) <= width
    };
    let Some(head) = title.strip_suffix(CONTINUED) else {
        return title.to_owned();
    };
    if fits(title) {
        return title.to_owned();
    }
    let chars: Vec<char> = head.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…{CONTINUED}", chars[..n].iter().collect::<String>()))
        .find(|t| fits(t))
        .unwrap_or_else(|| title.to_owned())
}
