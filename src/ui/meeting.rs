//! 会议模式: full screen, large type, high contrast. One page per chapter and one per
//! indicator; ←/→ or PageUp/PageDown to move, Esc to leave.

use egui::{Color32, Key, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, VLine};

use super::{Command, PlanView, View, theme};
use crate::domain::input::{format_percent, format_value};
use crate::domain::{IndicatorId, SectionId};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Page {
    Chapter(SectionId),
    Indicator(IndicatorId),
}

#[derive(Default)]
pub struct MeetingState {
    pub page: usize,
}

/// Pages in order: each chapter that holds indicators, followed by its indicators.
pub fn pages(pv: &PlanView) -> Vec<Page> {
    let mut out = Vec::new();
    for chapter in pv.plan.child_sections(None) {
        let ids: Vec<IndicatorId> = pv.indicators_under(chapter.id);
        if ids.is_empty() {
            continue;
        }
        out.push(Page::Chapter(chapter.id));
        out.extend(ids.into_iter().map(Page::Indicator));
    }
    out
}

const FG: Color32 = Color32::WHITE;
const BG: Color32 = Color32::from_rgb(0x10, 0x18, 0x24);

pub fn meeting_ui(ui: &mut Ui, state: &mut MeetingState, pv: &PlanView, cmds: &mut Vec<Command>) {
    let pages = pages(pv);
    let (next, prev, leave) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowRight)
                || i.key_pressed(Key::PageDown)
                || i.key_pressed(Key::Space),
            i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp),
            i.key_pressed(Key::Escape),
        )
    });
    if leave {
        cmds.push(Command::Show(View::Overview));
    }
    if next && state.page + 1 < pages.len() {
        state.page += 1;
    }
    if prev {
        state.page = state.page.saturating_sub(1);
    }
    state.page = state.page.min(pages.len().saturating_sub(1));

    egui::Frame::new()
        .fill(BG)
        .inner_margin(32.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            // This Ui only: `ui.set_visuals` would reach the Context and darken the whole program.
            *ui.visuals_mut() = egui::Visuals::dark();
            ui.visuals_mut().override_text_color = Some(FG);
            match pages.get(state.page) {
                None => {
                    ui.label(RichText::new("规划中还没有指标").size(theme::MEETING_TITLE_SIZE));
                }
                Some(Page::Chapter(id)) => chapter_page(ui, pv, *id),
                Some(Page::Indicator(id)) => indicator_page(ui, pv, *id),
            }
            ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
                ui.label(
                    RichText::new(format!(
                        "{} ｜ 评估年度 {}年 ｜ 第 {}/{} 页 ｜ ←/→ 翻页，Esc 退出",
                        pv.plan.info.name,
                        pv.year,
                        state.page + 1,
                        pages.len().max(1)
                    ))
                    .size(18.0)
                    .color(Color32::from_gray(200)),
                );
            });
        });
}

fn chapter_page(ui: &mut Ui, pv: &PlanView, id: SectionId) {
    let Some(chapter) = pv.plan.section(id) else {
        return;
    };
    ui.label(
        RichText::new(chapter.heading())
            .size(theme::MEETING_TITLE_SIZE)
            .strong()
            .color(FG),
    );
    let mut ids: Vec<IndicatorId> = pv.indicators_under(id);
    let counts = crate::domain::rules::count_statuses(ids.iter().filter_map(|i| pv.eval(*i)));
    ui.horizontal_wrapped(|ui| {
        for (light, n) in counts.by_light.iter().filter(|(_, n)| *n > 0) {
            ui.label(
                RichText::new(format!("{} {} {n}项   ", light.symbol(), light.label()))
                    .size(theme::MEETING_BODY_SIZE)
                    .color(bright(*light))
                    .strong(),
            );
        }
    });
    ui.add_space(12.0);
    // What needs discussing first, in the same order as the overview.
    ids.sort_by_key(|i| {
        pv.eval(*i)
            .and_then(crate::domain::rules::attention_rank)
            .unwrap_or(u8::MAX)
    });
    let rows = ids.len().min(10);
    ui.columns(2, |cols| {
        for id in ids.iter().take(rows) {
            let (Some(ind), Some(e)) = (pv.plan.indicator(*id), pv.eval(*id)) else {
                continue;
            };
            cols[0].horizontal(|ui| {
                ui.label(
                    RichText::new(format!("{} {}", e.light.symbol(), e.status.label()))
                        .size(theme::MEETING_BODY_SIZE - 4.0)
                        .color(bright(e.light))
                        .strong(),
                );
                ui.label(RichText::new(&ind.name).size(theme::MEETING_BODY_SIZE - 4.0));
            });
        }
        if ids.len() > rows {
            cols[0].label(RichText::new(format!("……另有 {} 项", ids.len() - rows)).size(20.0));
        }
        let bars: Vec<Bar> = ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let e = pv.eval(*id)?;
                Some(
                    Bar::new(
                        -(i as f64),
                        e.progress.map_or(0.0, |p| (p * 100.0).clamp(0.0, 150.0)),
                    )
                    .fill(bright(e.light)),
                )
            })
            .collect();
        let elapsed = crate::domain::rules::time_elapsed(
            pv.plan.info.base_year,
            pv.plan.info.last_year,
            pv.year,
        ) * 100.0;
        Plot::new(("meeting_chapter", id.0))
            .height(cols[1].available_height() - 60.0)
            .show_axes([true, false])
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_x(0.0)
            .include_x(120.0)
            .show(&mut cols[1], |p| {
                p.bar_chart(BarChart::new("完成进度", bars).horizontal());
                p.vline(
                    VLine::new("序时进度", elapsed)
                        .color(Color32::WHITE)
                        .width(3.0),
                );
            });
    });
}

fn indicator_page(ui: &mut Ui, pv: &PlanView, id: IndicatorId) {
    let (Some(ind), Some(e)) = (pv.plan.indicator(id), pv.eval(id)) else {
        return;
    };
    let chapter = pv
        .plan
        .chapter_of(ind.section)
        .map(|s| s.heading())
        .unwrap_or_default();
    ui.label(
        RichText::new(chapter)
            .size(20.0)
            .color(Color32::from_gray(190)),
    );
    ui.label(
        RichText::new(&ind.name)
            .size(theme::MEETING_TITLE_SIZE)
            .strong()
            .color(FG),
    );
    ui.add_space(12.0);
    let big = |t: String| RichText::new(t).size(theme::MEETING_BODY_SIZE);
    ui.label(
        RichText::new(format!(
            "{} {}{}",
            e.light.symbol(),
            e.status.label(),
            if e.warning {
                "  约束性指标预警"
            } else {
                ""
            }
        ))
        .size(theme::MEETING_TITLE_SIZE)
        .color(bright(e.light))
        .strong(),
    );
    ui.add_space(12.0);
    ui.label(big(format!(
        "目标：{}（{}年，{}）",
        ind.target_text,
        ind.target_year,
        ind.attribute.label()
    )));
    ui.label(big(format!(
        "基期：{}    {}年：{}{}",
        ind.base_value.map_or_else(
            || "—".to_owned(),
            |v| format!("{}{}", format_value(v, ind), ind.unit)
        ),
        pv.year,
        e.value
            .map_or_else(|| "未填报".to_owned(), |v| format_value(v, ind)),
        if e.value.is_some() {
            ind.unit.as_str()
        } else {
            ""
        }
    )));
    if let Some(total) = e.cumulative {
        ui.label(big(format!(
            "累计完成：{}{}",
            format_value(total, ind),
            ind.unit
        )));
    }
    ui.label(big(format!(
        "完成进度 {}    序时进度 {}",
        format_percent(e.progress),
        format_percent(e.elapsed)
    )));
    let note = ind
        .actuals
        .get(&pv.year)
        .map(|a| a.note.as_str())
        .unwrap_or("");
    if !note.is_empty() {
        ui.add_space(8.0);
        ui.label(big(format!("说明：{note}")));
    }
    ui.add_space(12.0);
    let height = (ui.available_height() - 50.0).max(160.0);
    super::detail::indicator_chart_ui(ui, &pv.plan.info, ind, height);
}

/// Light colours bright enough on the dark meeting background.
fn bright(light: crate::domain::Light) -> Color32 {
    match light {
        crate::domain::Light::Green => Color32::from_rgb(0x5c, 0xd6, 0x7d),
        crate::domain::Light::Yellow => Color32::from_rgb(0xff, 0xc8, 0x3d),
        crate::domain::Light::Red => Color32::from_rgb(0xff, 0x6b, 0x6b),
        crate::domain::Light::Grey => Color32::from_gray(170),
    }
}
