//! 会议模式: full screen slides for the back of a meeting room. An opening page with the
//! overall judgement, a page for every section that holds indicators (sub-chapters too) with a
//! labelled chart, each indicator, the key tasks of each chapter, one page per lead unit, and
//! the 整改台账. Type scales with the screen; a light theme by default (T for dark).
//! Keys: ←/→ PageUp/PageDown (presenter clickers), Home/End, a number then Enter, G for the page
//! index, Esc to leave.

use egui::{Color32, Key, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text, VLine};

use super::widgets::LegendMark;

use super::{Command, PlanView, View};
use crate::domain::commitments::{
    RectificationState, TaskState, count_by_state, latest_progress, open_items_by_month,
    progress_in_year, rectification_state, task_state,
};
use crate::domain::input::{format_percent, format_value};
use crate::domain::{IndicatorId, IndicatorKind, Light, SectionId, Status};

#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    Summary,
    Section(SectionId),
    Indicator(IndicatorId),
    /// The key tasks of a top-level chapter.
    Tasks(SectionId),
    /// One lead unit: its indicators by light and its overdue tasks.
    Unit(String),
    Rectification,
}

#[derive(Default)]
pub struct MeetingState {
    pub page: usize,
    /// Digits typed before Enter, to jump to a page.
    typed: String,
    show_index: bool,
    dark: bool,
}

/// Pages in order: the summary; each section that holds indicators (its page, then the
/// indicators directly in it), depth first; each chapter's tasks; each unit; the 整改台账.
/// One pass over the plan (it runs every frame, on plans of a thousand indicators).
pub fn pages(pv: &PlanView) -> Vec<Page> {
    use std::collections::HashMap;
    let plan = pv.plan;
    let section_of: HashMap<IndicatorId, SectionId> =
        plan.indicators.iter().map(|i| (i.id, i.section)).collect();
    let mut direct: HashMap<SectionId, Vec<IndicatorId>> = HashMap::new();
    for id in pv.order {
        if let Some(section) = section_of.get(id) {
            direct.entry(*section).or_default().push(*id);
        }
    }
    let mut children: HashMap<Option<SectionId>, Vec<(i64, SectionId)>> = HashMap::new();
    for s in &plan.sections {
        children
            .entry(s.parent)
            .or_default()
            .push((s.position, s.id));
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    let mut tasks_in: HashMap<SectionId, usize> = HashMap::new();
    for t in &plan.tasks {
        *tasks_in.entry(t.section).or_default() += 1;
    }
    // Indicators and tasks anywhere under each section, children first.
    fn totals(
        s: SectionId,
        children: &HashMap<Option<SectionId>, Vec<(i64, SectionId)>>,
        direct: &HashMap<SectionId, Vec<IndicatorId>>,
        tasks_in: &HashMap<SectionId, usize>,
        out: &mut HashMap<SectionId, (usize, usize)>,
    ) -> (usize, usize) {
        let mut sum = (
            direct.get(&s).map_or(0, Vec::len),
            tasks_in.get(&s).copied().unwrap_or(0),
        );
        for (_, c) in children.get(&Some(s)).into_iter().flatten() {
            let (i, t) = totals(*c, children, direct, tasks_in, out);
            sum.0 += i;
            sum.1 += t;
        }
        out.insert(s, sum);
        sum
    }
    let mut total: HashMap<SectionId, (usize, usize)> = HashMap::new();
    for (_, top) in children.get(&None).into_iter().flatten() {
        totals(*top, &children, &direct, &tasks_in, &mut total);
    }
    fn walk(
        parent: Option<SectionId>,
        parent_count: Option<usize>,
        children: &HashMap<Option<SectionId>, Vec<(i64, SectionId)>>,
        direct: &HashMap<SectionId, Vec<IndicatorId>>,
        total: &HashMap<SectionId, (usize, usize)>,
        out: &mut Vec<Page>,
    ) {
        for (_, s) in children.get(&parent).into_iter().flatten() {
            let count = total.get(s).map_or(0, |t| t.0);
            if count == 0 {
                continue;
            }
            // A sub-chapter that holds all its chapter's indicators would repeat its page.
            if parent_count != Some(count) {
                out.push(Page::Section(*s));
            }
            out.extend(
                direct
                    .get(s)
                    .into_iter()
                    .flatten()
                    .map(|id| Page::Indicator(*id)),
            );
            walk(Some(*s), Some(count), children, direct, total, out);
        }
    }
    let mut out = vec![Page::Summary];
    walk(None, None, &children, &direct, &total, &mut out);
    for (_, chapter) in children.get(&None).into_iter().flatten() {
        if total.get(chapter).is_some_and(|t| t.1 > 0) {
            out.push(Page::Tasks(*chapter));
        }
    }
    for unit in plan.lead_units() {
        out.push(Page::Unit(unit));
    }
    if !plan.rectifications.is_empty() {
        out.push(Page::Rectification);
    }
    out
}

/// The page's title, for the index (G).
fn page_title(pv: &PlanView, page: &Page) -> String {
    match page {
        Page::Summary => "总体情况".to_owned(),
        Page::Section(id) => pv
            .plan
            .section(*id)
            .map_or_else(String::new, |s| s.heading()),
        Page::Indicator(id) => pv
            .plan
            .indicator(*id)
            .map_or_else(String::new, |i| format!("　{}", i.name)),
        Page::Tasks(id) => pv
            .plan
            .section(*id)
            .map_or_else(String::new, |s| format!("重点任务：{}", s.heading())),
        Page::Unit(u) => format!("牵头单位：{u}"),
        Page::Rectification => "整改台账".to_owned(),
    }
}

/// Colours for a washed-out projector: strong contrast in both themes.
struct Palette {
    bg: Color32,
    fg: Color32,
    muted: Color32,
    dark: bool,
}

impl Palette {
    fn new(dark: bool) -> Self {
        if dark {
            Palette {
                bg: Color32::from_rgb(0x10, 0x18, 0x24),
                fg: Color32::WHITE,
                muted: Color32::from_gray(200),
                dark,
            }
        } else {
            Palette {
                bg: Color32::WHITE,
                fg: Color32::from_gray(15),
                muted: Color32::from_gray(70),
                dark,
            }
        }
    }
    fn light(&self, light: Light) -> Color32 {
        match (light, self.dark) {
            (Light::Green, true) => Color32::from_rgb(0x5c, 0xd6, 0x7d),
            (Light::Yellow, true) => Color32::from_rgb(0xff, 0xc8, 0x3d),
            (Light::Red, true) => Color32::from_rgb(0xff, 0x6b, 0x6b),
            (Light::Grey, true) => Color32::from_gray(170),
            (Light::Green, false) => Color32::from_rgb(0x0b, 0x7a, 0x2e),
            (Light::Yellow, false) => Color32::from_rgb(0xb0, 0x6a, 0x00),
            (Light::Red, false) => Color32::from_rgb(0xc0, 0x10, 0x10),
            (Light::Grey, false) => Color32::from_gray(90),
        }
    }
}

/// Sizes from the screen: body ≥ 28 px at 768 px high, bigger on larger screens, a little
/// smaller on a 600 px screen so that a chart still fits under the text.
struct Sizes {
    title: f32,
    body: f32,
    small: f32,
}

impl Sizes {
    fn for_height(h: f32) -> Self {
        let k = (h / 768.0).max(0.8);
        Sizes {
            title: 40.0 * k,
            body: 28.0 * k,
            small: 22.0 * k,
        }
    }
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
            cmds.push(Command::Show(View::Overview));
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
        "{} ｜ 评估年度 {}年 ｜ 第 {}/{} 页 ｜ ←/→ 翻页，数字+回车跳页，G 目录，T 深浅色，Esc 退出{typed}",
        pv.plan.info.name,
        pv.year,
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

/// One page as it is printed (the PDF of the meeting pages): light, no keys in the footer.
pub fn print_page(ui: &mut Ui, pv: &PlanView, pages: &[Page], index: usize) {
    let footer = format!(
        "{} ｜ 评估年度 {}年 ｜ 截至{} ｜ 第 {}/{} 页",
        pv.plan.info.name,
        pv.year,
        pv.as_of,
        index + 1,
        pages.len()
    );
    slide_frame(ui, pv, false, &footer, |ui, slide| {
        if let Some(page) = pages.get(index) {
            slide.page(ui, page);
        }
    });
}

/// The slide's background, sizes from the screen, the body and the footer line.
fn slide_frame(
    ui: &mut Ui,
    pv: &PlanView,
    dark: bool,
    footer: &str,
    body: impl FnOnce(&mut Ui, &Slide),
) {
    let palette = Palette::new(dark);
    let sizes = Sizes::for_height(ui.ctx().content_rect().height());
    egui::Frame::new()
        .fill(palette.bg)
        .inner_margin(32.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            // This Ui only: `ui.set_visuals` would reach the Context and restyle the program.
            *ui.visuals_mut() = if palette.dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            };
            ui.visuals_mut().override_text_color = Some(palette.fg);
            // The footer is laid out first (it wraps on a narrow screen) so that the page body
            // gets exactly the height above it and never runs into it.
            let footer = ui.fonts_mut(|fonts| {
                fonts.layout(
                    footer.to_owned(),
                    egui::FontId::proportional((sizes.small * 0.8).max(18.0)),
                    palette.muted,
                    ui.available_width(),
                )
            });
            let footer_height = footer.size().y + ui.spacing().item_spacing.y + 8.0;
            let body_height = (ui.available_height() - footer_height).max(200.0);
            let slide = Slide {
                pv,
                palette: &palette,
                sizes: &sizes,
            };
            ui.allocate_ui(egui::vec2(ui.available_width(), body_height), |ui| {
                ui.shrink_clip_rect(ui.max_rect());
                body(ui, &slide);
            });
            ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
                ui.label(footer);
            });
        });
}

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

struct Slide<'a> {
    pv: &'a PlanView<'a>,
    palette: &'a Palette,
    sizes: &'a Sizes,
}

impl Slide<'_> {
    fn page(&self, ui: &mut Ui, page: &Page) {
        match page {
            Page::Summary => self.summary(ui),
            Page::Section(id) => self.section(ui, *id),
            Page::Indicator(id) => self.indicator(ui, *id),
            Page::Tasks(id) => self.tasks(ui, *id),
            Page::Unit(u) => self.unit(ui, u),
            Page::Rectification => self.rectification(ui),
        }
    }

    fn title(&self, ui: &mut Ui, text: impl Into<String>) {
        ui.label(
            RichText::new(text)
                .size(self.sizes.title)
                .strong()
                .color(self.palette.fg),
        );
    }
    fn body(&self, text: impl Into<String>) -> RichText {
        RichText::new(text)
            .size(self.sizes.body)
            .color(self.palette.fg)
    }
    fn small(&self, text: impl Into<String>) -> RichText {
        RichText::new(text)
            .size(self.sizes.small)
            .color(self.palette.fg)
    }
    fn lit(&self, light: Light, text: impl Into<String>, size: f32) -> RichText {
        RichText::new(text)
            .size(size)
            .color(self.palette.light(light))
            .strong()
    }

    /// The opening page: counts by word and light, 预警, and one sentence of judgement.
    fn summary(&self, ui: &mut Ui) {
        let pv = self.pv;
        self.title(ui, &pv.plan.info.name);
        let elapsed = crate::domain::rules::time_elapsed(
            pv.plan.info.base_year,
            pv.plan.info.last_year,
            pv.year,
        );
        ui.label(self.body(format!(
            "评估年度：{}年　　序时进度：{}",
            pv.year,
            format_percent(Some(elapsed))
        )));
        ui.add_space(12.0);
        let evals: Vec<_> = pv.order.iter().filter_map(|id| pv.eval(*id)).collect();
        let counts = crate::domain::rules::count_statuses(evals.iter().copied());
        ui.label(self.body(judgement(pv)).strong());
        ui.add_space(12.0);
        ui.horizontal_wrapped(|ui| {
            for (status, n) in counts.by_status.iter().filter(|(_, n)| *n > 0) {
                ui.label(self.small(format!("{} {n}项　", status.label())));
            }
        });
        ui.horizontal_wrapped(|ui| {
            for (light, n) in counts.by_light.iter().filter(|(_, n)| *n > 0) {
                ui.label(self.lit(
                    *light,
                    format!("{} {} {n}项　", light.symbol(), light.label()),
                    self.sizes.body,
                ));
            }
        });
        ui.add_space(12.0);
        let warnings: Vec<&str> = pv
            .order
            .iter()
            .filter(|id| pv.eval(**id).is_some_and(|e| e.warning))
            .filter_map(|id| pv.indicator(*id).map(|i| i.name.as_str()))
            .collect();
        if warnings.is_empty() {
            ui.label(self.lit(Light::Green, "约束性指标无预警", self.sizes.body));
        } else {
            ui.label(self.lit(
                Light::Red,
                format!("■ 约束性指标预警 {} 项：", warnings.len()),
                self.sizes.body,
            ));
            for w in warnings {
                ui.label(self.body(format!("　　{w}")));
            }
        }
    }

    /// A section: its lights and a labelled chart of 完成进度 against 序时进度.
    fn section(&self, ui: &mut Ui, id: SectionId) {
        let pv = self.pv;
        let Some(section) = pv.plan.section(id) else {
            return;
        };
        if let Some(chapter) = pv.plan.chapter_of(id).filter(|c| c.id != id) {
            ui.label(self.small(chapter.heading()).color(self.palette.muted));
        }
        self.title(ui, section.heading());
        let ids: Vec<IndicatorId> = pv.indicators_under(id);
        let counts = crate::domain::rules::count_statuses(ids.iter().filter_map(|i| pv.eval(*i)));
        ui.horizontal_wrapped(|ui| {
            for (light, n) in counts.by_light.iter().filter(|(_, n)| *n > 0) {
                ui.label(self.lit(
                    *light,
                    format!("{} {} {n}项　", light.symbol(), light.label()),
                    self.sizes.body,
                ));
            }
        });
        // Yes/no indicators are not progress bars: they are listed as 是/否.
        let (yes_no, measured): (Vec<IndicatorId>, Vec<IndicatorId>) =
            ids.into_iter().partition(|i| {
                pv.plan
                    .indicator(*i)
                    .is_some_and(|x| x.kind == IndicatorKind::YesNo)
            });
        for id in &yes_no {
            if let (Some(ind), Some(e)) = (pv.indicator(*id), pv.eval(*id)) {
                let v = e
                    .value
                    .map_or_else(|| "未填报".to_owned(), |v| format_value(v, ind));
                ui.label(self.lit(
                    e.light,
                    format!(
                        "{} {}：{v}（{}）",
                        e.light.symbol(),
                        ind.name,
                        e.status.label()
                    ),
                    self.sizes.small,
                ));
            }
        }
        let shown: Vec<IndicatorId> = measured.into_iter().take(12).collect();
        if shown.is_empty() {
            return;
        }
        let elapsed = crate::domain::rules::time_elapsed(
            pv.plan.info.base_year,
            pv.plan.info.last_year,
            pv.year,
        ) * 100.0;
        let names: Vec<String> = shown
            .iter()
            .map(|id| {
                pv.plan
                    .indicator(*id)
                    .map_or_else(String::new, |i| i.name.clone())
            })
            .collect();
        let n = shown.len();
        let mut bars_by_light: Vec<(Light, Vec<Bar>)> = Vec::new();
        let mut labels: Vec<(f64, f64, String)> = Vec::new();
        for (i, id) in shown.iter().enumerate() {
            let Some(e) = pv.eval(*id) else { continue };
            let y = (n - 1 - i) as f64;
            let value = e.progress.map_or(0.0, |p| (p * 100.0).clamp(0.0, 150.0));
            let bar = Bar::new(y, value)
                .width(0.7)
                .fill(self.palette.light(e.light));
            match bars_by_light.iter_mut().find(|(l, _)| *l == e.light) {
                Some((_, v)) => v.push(bar),
                None => bars_by_light.push((e.light, vec![bar])),
            }
            let text = match e.progress {
                Some(_) => format_percent(e.progress),
                None => e.status.label().to_owned(),
            };
            labels.push((value, y, text));
        }
        let label_size = self.chart_text(ui);
        let fg = self.palette.fg;
        let line = if self.palette.dark {
            Color32::WHITE
        } else {
            Color32::from_gray(20)
        };
        // The legend stands above the chart, in words, where it cannot cover a bar.
        let elapsed_label = format!("序时进度 {elapsed:.0}%");
        let mut legend: Vec<(Color32, LegendMark, &str)> = bars_by_light
            .iter()
            .map(|(light, _)| {
                (
                    self.palette.light(*light),
                    LegendMark::Bar,
                    bar_series(*light),
                )
            })
            .collect();
        legend.push((line, LegendMark::Line, elapsed_label.as_str()));
        super::widgets::legend_row(ui, &legend);
        Plot::new(("meeting_section", id.0))
            .height(ui.available_height().max(200.0))
            .show_grid([true, false])
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_x(0.0)
            .include_x(165.0)
            .include_y(-0.6)
            .include_y(n as f64 - 0.4)
            .y_axis_min_width(260.0)
            .y_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                    return String::new();
                }
                names
                    .get(n.wrapping_sub(1).wrapping_sub(i as usize))
                    .cloned()
                    .unwrap_or_default()
            })
            .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
            .x_axis_formatter(|mark, _| format!("{}%", mark.value.round()))
            .show(ui, |p| {
                for (light, bars) in bars_by_light {
                    p.bar_chart(
                        BarChart::new(bar_series(light), bars)
                            .horizontal()
                            .color(self.palette.light(light)),
                    );
                }
                p.vline(
                    VLine::new(elapsed_label.as_str(), elapsed)
                        .color(line)
                        .width(3.0),
                );
                for (x, y, text) in labels {
                    p.text(
                        Text::new(
                            "",
                            PlotPoint::new(x + 2.0, y),
                            RichText::new(text).size(label_size).color(fg),
                        )
                        .anchor(egui::Align2::LEFT_CENTER),
                    );
                }
            });
    }

    /// Chart text (axis labels, legends) big enough for the back row: at least 20 px at
    /// 1366×768. Returns the size.
    fn chart_text(&self, ui: &mut Ui) -> f32 {
        let size = (self.sizes.small * 0.9).max(20.0);
        for style in [egui::TextStyle::Body, egui::TextStyle::Small] {
            ui.style_mut()
                .text_styles
                .insert(style, egui::FontId::proportional(size));
        }
        size
    }

    fn indicator(&self, ui: &mut Ui, id: IndicatorId) {
        let pv = self.pv;
        let (Some(ind), Some(e)) = (pv.indicator(id), pv.eval(id)) else {
            return;
        };
        let chapter = pv
            .plan
            .section(ind.section)
            .map(|s| s.heading())
            .unwrap_or_default();
        ui.label(self.small(chapter).color(self.palette.muted));
        self.title(ui, &ind.name);
        let warning = if e.warning {
            "  约束性指标预警"
        } else {
            ""
        };
        ui.label(self.lit(
            e.light,
            format!("{} {}{warning}", e.light.symbol(), e.status.label()),
            self.sizes.title,
        ));
        ui.label(self.body(format!(
            "目标：{}（{}年，{}）",
            ind.target_text,
            ind.target_year,
            ind.attribute.label()
        )));
        if ind.kind == IndicatorKind::YesNo {
            // 是/否 by year, never on a numeric axis.
            ui.horizontal_wrapped(|ui| {
                for year in pv.plan.info.years() {
                    let v = ind
                        .actual_value(year)
                        .map_or("—".to_owned(), |v| format_value(v, ind));
                    ui.label(self.body(format!("{year}年：{v}　")));
                }
            });
        } else {
            ui.label(self.body(format!(
                "基期：{}　　{}年：{}",
                ind.base_value.map_or_else(
                    || "—".to_owned(),
                    |v| format!("{}{}", format_value(v, ind), ind.unit)
                ),
                pv.year,
                e.value.map_or_else(
                    || "未填报".to_owned(),
                    |v| format!("{}{}", format_value(v, ind), ind.unit)
                ),
            )));
            if let Some(total) = e.cumulative {
                ui.label(self.body(format!(
                    "累计完成：{}{}，目标{}{}",
                    format_value(total, ind),
                    ind.unit,
                    format_value(ind.target_value, ind),
                    ind.unit
                )));
            }
            ui.label(self.body(format!(
                "完成进度 {}　　序时进度 {}",
                format_percent(e.progress),
                format_percent(e.elapsed)
            )));
        }
        let note = ind
            .actuals
            .get(&pv.year)
            .map(|a| a.note.trim())
            .unwrap_or("");
        if !note.is_empty() {
            ui.label(self.body(format!("说明：{note}")));
        } else if matches!(e.light, Light::Red) {
            ui.label(self.lit(
                Light::Red,
                "说明：未填写（红灯指标上报前需补充说明）",
                self.sizes.body,
            ));
        }
        if ind.kind != IndicatorKind::YesNo {
            ui.add_space(8.0);
            let height = (ui.available_height() - 10.0).max(120.0);
            self.chart_text(ui);
            super::detail::indicator_chart_ui(ui, &pv.plan.info, ind, height, 4.0);
        }
    }

    fn tasks(&self, ui: &mut Ui, chapter: SectionId) {
        let pv = self.pv;
        let Some(section) = pv.plan.section(chapter) else {
            return;
        };
        self.title(ui, format!("重点任务：{}", section.heading()));
        let ids = pv.plan.subtree_sections(chapter);
        let tasks: Vec<_> = pv
            .plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| ids.contains(&t.section))
            .collect();
        egui::ScrollArea::vertical()
            .id_salt(("meeting_tasks", chapter.0))
            .show(ui, |ui| {
                egui::Grid::new(("meeting_task_grid", chapter.0))
                    .striped(true)
                    .spacing([24.0, 8.0])
                    .show(ui, |ui| {
                        for h in ["任务", "牵头单位", "完成时限", "状态", "进展"] {
                            ui.label(self.small(h).strong());
                        }
                        ui.end_row();
                        for t in tasks {
                            let s = task_state(t, pv.as_of, pv.plan.info.due_soon_days);
                            ui.label(self.small(&t.title));
                            ui.label(self.small(&t.lead_unit));
                            ui.label(self.small(&t.deadline));
                            ui.label(self.lit(
                                s.light(),
                                format!("{} {}", s.light().symbol(), s.label()),
                                self.sizes.small,
                            ));
                            ui.label(self.small(progress_in_year(t, pv.year)));
                            ui.end_row();
                        }
                    });
            });
    }

    fn unit(&self, ui: &mut Ui, unit: &str) {
        let pv = self.pv;
        self.title(ui, format!("牵头单位：{unit}"));
        let mine: Vec<IndicatorId> = pv
            .order
            .iter()
            .copied()
            .filter(|id| pv.indicator(*id).is_some_and(|i| i.lead_unit == unit))
            .collect();
        let by = |pred: &dyn Fn(&crate::domain::Evaluation) -> bool| {
            mine.iter()
                .filter(|id| pv.eval(**id).is_some_and(pred))
                .count()
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(self.body(format!("指标{}项：", mine.len())));
            for light in [Light::Green, Light::Yellow, Light::Red] {
                let n = by(&|e| e.light == light && e.status != Status::NotReported);
                ui.label(self.lit(
                    light,
                    format!("{} {} {n}　", light.symbol(), light.label()),
                    self.sizes.body,
                ));
            }
            let missing = by(&|e| e.status == Status::NotReported);
            ui.label(self.lit(Light::Grey, format!("○ 未填报 {missing}"), self.sizes.body));
        });
        ui.add_space(8.0);
        let overdue: Vec<_> = pv
            .plan
            .tasks_in_outline_order()
            .into_iter()
            .filter(|t| {
                t.lead_unit == unit
                    && task_state(t, pv.as_of, pv.plan.info.due_soon_days) == TaskState::Overdue
            })
            .collect();
        if overdue.is_empty() {
            ui.label(self.lit(
                Light::Green,
                format!("截至{}，没有逾期任务", pv.as_of),
                self.sizes.body,
            ));
        } else {
            ui.label(self.lit(
                Light::Red,
                format!("■ 逾期任务 {} 项（截至{}）：", overdue.len(), pv.as_of),
                self.sizes.body,
            ));
            for t in overdue.iter().take(8) {
                let latest =
                    latest_progress(t).map_or_else(String::new, |(y, p)| format!("　{y}：{p}"));
                ui.label(self.small(format!("　{}（{}）{latest}", t.title, t.deadline)));
            }
        }
        let open: Vec<_> = pv
            .plan
            .rectifications
            .iter()
            .filter(|r| {
                r.unit == unit && rectification_state(r, pv.as_of) != RectificationState::Closed
            })
            .collect();
        if !open.is_empty() {
            ui.label(self.body(format!("未销号整改问题 {} 项", open.len())));
        }
    }

    fn rectification(&self, ui: &mut Ui) {
        let pv = self.pv;
        self.title(ui, "整改台账");
        let counts = count_by_state(&pv.plan.rectifications, pv.as_of);
        ui.horizontal_wrapped(|ui| {
            ui.label(self.body(format!(
                "截至{}：共{}项　",
                pv.as_of,
                pv.plan.rectifications.len()
            )));
            for (s, n) in counts {
                ui.label(self.lit(
                    s.light(),
                    format!("{} {}{n}项　", s.light().symbol(), s.label()),
                    self.sizes.body,
                ));
            }
        });
        let overdue: Vec<_> = pv
            .plan
            .rectifications
            .iter()
            .filter(|r| rectification_state(r, pv.as_of) == RectificationState::Overdue)
            .collect();
        if !overdue.is_empty() {
            ui.label(self.lit(Light::Red, "逾期未销号：", self.sizes.body));
            for r in overdue.iter().take(3) {
                let due = r.due.map_or_else(String::new, |d| d.to_string());
                ui.label(self.small(format!("　{}（{}，时限{due}）", r.problem, r.unit)));
            }
            if overdue.len() > 3 {
                ui.label(self.small(format!("　另有{}项，见下表", overdue.len() - 3)));
            }
        }
        ui.add_space(self.sizes.small * 0.5);
        ui.columns(2, |cols| {
            self.rectification_units(&mut cols[0]);
            self.clearing_curve(&mut cols[1]);
        });
    }

    /// Each 责任单位 with its open, overdue and closed items, most overdue first.
    fn rectification_units(&self, ui: &mut Ui) {
        let pv = self.pv;
        let mut names: Vec<&str> = pv
            .plan
            .rectifications
            .iter()
            .map(|r| r.unit.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        // (unit, open, overdue, closed)
        let mut units: Vec<(&str, usize, usize, usize)> = names
            .into_iter()
            .map(|unit| {
                let states: Vec<RectificationState> = pv
                    .plan
                    .rectifications
                    .iter()
                    .filter(|r| r.unit == unit)
                    .map(|r| rectification_state(r, pv.as_of))
                    .collect();
                let count = |s: RectificationState| states.iter().filter(|x| **x == s).count();
                let closed = count(RectificationState::Closed);
                (
                    unit,
                    states.len() - closed,
                    count(RectificationState::Overdue),
                    closed,
                )
            })
            .collect();
        units.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
        // As many units as the page holds below the header row; the rest are counted.
        let row_height = self.sizes.small * 1.75;
        let fits = ((ui.available_height() / row_height) as usize)
            .saturating_sub(2)
            .max(3);
        let shown = if units.len() > fits { fits - 1 } else { fits };
        let hidden = units.len().saturating_sub(shown);
        egui::Grid::new("meeting_rectification_units")
            .striped(true)
            .spacing([self.sizes.small, self.sizes.small * 0.3])
            .show(ui, |ui| {
                for h in ["责任单位", "未销号", "其中逾期", "已销号"] {
                    ui.label(self.small(h).strong());
                }
                ui.end_row();
                for (unit, open, overdue, closed) in units.iter().take(shown) {
                    ui.label(self.small(if unit.is_empty() {
                        "（未填）"
                    } else {
                        unit
                    }));
                    ui.label(self.small(open.to_string()));
                    ui.label(if *overdue > 0 {
                        self.lit(Light::Red, overdue.to_string(), self.sizes.small)
                    } else {
                        self.small("0")
                    });
                    ui.label(self.lit(Light::Green, closed.to_string(), self.sizes.small));
                    ui.end_row();
                }
            });
        if hidden > 0 {
            ui.label(self.small(format!("其余{hidden}个单位见“整改”视图")));
        }
    }

    /// 动态清零: items still open at the end of each month, the last point labelled.
    fn clearing_curve(&self, ui: &mut Ui) {
        use egui_plot::{Line, Plot, PlotPoints};
        let pv = self.pv;
        let curve = open_items_by_month(&pv.plan.rectifications, pv.as_of);
        ui.label(self.small("动态清零：各月末未销号问题数").strong());
        if curve.is_empty() {
            return;
        }
        let label_size = (self.sizes.small * 0.9).max(20.0);
        for style in [egui::TextStyle::Body, egui::TextStyle::Small] {
            ui.style_mut()
                .text_styles
                .insert(style, egui::FontId::proportional(label_size));
        }
        let labels: Vec<String> = curve
            .iter()
            .map(|(d, _)| format!("{}年{}月", d.year(), d.month()))
            .collect();
        let points: PlotPoints = curve
            .iter()
            .enumerate()
            .map(|(i, (_, n))| [i as f64, *n as f64])
            .collect();
        let last = curve.len() - 1;
        let last_count = curve[last].1;
        let fg = self.palette.fg;
        Plot::new("meeting_clearing")
            .height(ui.available_height().max(180.0))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .x_axis_formatter(move |mark, _| {
                let i = mark.value.round();
                if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .show(ui, |plot| {
                plot.line(
                    Line::new("未销号问题数", points)
                        .width(4.0)
                        .color(self.palette.light(Light::Red)),
                );
                plot.text(
                    egui_plot::Text::new(
                        "",
                        egui_plot::PlotPoint::new(last as f64, last_count as f64),
                        RichText::new(format!("{last_count}项"))
                            .size(label_size)
                            .color(fg),
                    )
                    .anchor(egui::Align2::RIGHT_BOTTOM),
                );
            });
    }
}

/// One sentence of overall judgement, as a meeting hears it.
fn judgement(pv: &PlanView) -> String {
    let evals: Vec<(bool, &crate::domain::Evaluation)> = pv
        .order
        .iter()
        .filter_map(|id| {
            let binding = pv.indicator(*id)?.attribute == crate::domain::Attribute::Binding;
            Some((binding, pv.eval(*id)?))
        })
        .collect();
    let total = evals.len();
    let good = evals
        .iter()
        .filter(|(_, e)| {
            matches!(
                e.status,
                Status::AheadDone | Status::Faster | Status::OnTrack | Status::Achieved
            )
        })
        .count();
    let behind: Vec<&(bool, &crate::domain::Evaluation)> = evals
        .iter()
        .filter(|(_, e)| matches!(e.status, Status::Behind | Status::NotAchieved))
        .collect();
    let binding_behind = behind.iter().filter(|(b, _)| *b).count();
    let mut s = format!(
        "{total}项指标中，{good}项达到或快于序时进度，{}项滞后",
        behind.len()
    );
    if binding_behind > 0 {
        s.push_str(&format!("，其中约束性{binding_behind}项"));
    }
    let missing = evals
        .iter()
        .filter(|(_, e)| e.status == Status::NotReported)
        .count();
    if missing > 0 {
        s.push_str(&format!("；{missing}项未填报"));
    }
    s.push('。');
    s
}

/// The name of a section chart's bar series (one per light).
fn bar_series(light: Light) -> &'static str {
    match light {
        Light::Green => "完成进度：绿灯",
        Light::Yellow => "完成进度：黄灯",
        Light::Red => "完成进度：红灯",
        Light::Grey => "无法评价/未填报",
    }
}
