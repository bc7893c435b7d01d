//! 指标 view: one row per indicator, year cells that edit in place like a spreadsheet.
//! Only the visible rows are laid out (`TableBody::rows`).

use egui::{Key, Modifiers, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{name_widget, option_filter_ui};
use super::{Command, PlanView, View, theme};
use crate::domain::edit::{ActualField, Edit, Field, Value};
use crate::domain::explain::{basis_text, progress_text};
use crate::domain::input::{format_value, parse_indicator_value};
use crate::domain::{Attribute, Evaluation, Indicator, IndicatorId, IndicatorKind, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Outline,
    Name,
    Category,
    LeadUnit,
    Status,
    Progress,
}

impl SortBy {
    const ALL: [SortBy; 6] = [
        SortBy::Outline,
        SortBy::Name,
        SortBy::Category,
        SortBy::LeadUnit,
        SortBy::Status,
        SortBy::Progress,
    ];
    fn label(self) -> &'static str {
        match self {
            SortBy::Outline => "按规划顺序",
            SortBy::Name => "按名称",
            SortBy::Category => "按类别",
            SortBy::LeadUnit => "按牵头单位",
            SortBy::Status => "按评价",
            SortBy::Progress => "按完成进度",
        }
    }
}

#[derive(Default)]
pub struct GridState {
    /// The selected cell: which indicator and year, so that a re-sort after an edit keeps
    /// the selection on the same indicator.
    pub selected: Option<(IndicatorId, i32)>,
    /// Text being typed into the selected cell.
    pub editing: Option<String>,
    /// Why the last entry or paste was refused.
    pub error: Option<String>,
    pub category: Option<String>,
    pub lead_unit: Option<String>,
    pub status: Option<Status>,
    pub sort: SortBy,
    scroll_to_selected: bool,
    focus_editor: bool,
    /// The vertical scroll shared by the frozen name column and the scrolling cells.
    scroll_y: f32,
}

/// The indicators the grid shows, after filters and sorting.
pub fn visible_rows(pv: &PlanView, state: &GridState) -> Vec<IndicatorId> {
    let mut rows: Vec<IndicatorId> = pv
        .order
        .iter()
        .copied()
        .filter(|id| {
            let Some(ind) = pv.indicator(*id) else {
                return false;
            };
            state.category.as_ref().is_none_or(|c| &ind.category == c)
                && state.lead_unit.as_ref().is_none_or(|u| &ind.lead_unit == u)
                && state
                    .status
                    .is_none_or(|s| pv.eval(*id).is_some_and(|e| e.status == s))
        })
        .collect();
    match state.sort {
        SortBy::Outline => {}
        SortBy::Name => rows.sort_by_cached_key(|id| pv.indicator(*id).map(|i| i.name.clone())),
        SortBy::Category => {
            rows.sort_by_cached_key(|id| pv.indicator(*id).map(|i| i.category.clone()))
        }
        SortBy::LeadUnit => {
            rows.sort_by_cached_key(|id| pv.indicator(*id).map(|i| i.lead_unit.clone()))
        }
        SortBy::Status => rows.sort_by_key(|id| pv.eval(*id).map(|e| (e.status, e.light))),
        SortBy::Progress => rows.sort_by(|a, b| {
            let p = |id: &IndicatorId| {
                pv.eval(*id)
                    .and_then(|e| e.progress)
                    .unwrap_or(f64::INFINITY)
            };
            p(a).total_cmp(&p(b))
        }),
    }
    rows
}

pub fn grid_ui(ui: &mut Ui, state: &mut GridState, pv: &PlanView, cmds: &mut Vec<Command>) {
    filter_bar_ui(ui, state, pv);
    let rows = visible_rows(pv, state);
    let years: Vec<i32> = pv.plan.info.years().collect();
    if state.selected.is_some() && selected_position(state, &rows, &years).is_none() {
        state.selected = None;
        state.editing = None;
    }
    keyboard(ui, state, pv, &rows, &years, cmds);

    if let Some(err) = &state.error {
        ui.label(
            RichText::new(format!("× {err}"))
                .color(theme::ERROR_TEXT)
                .strong(),
        );
    } else {
        ui.label(
            RichText::new(format!(
                "评价按{}年数据，截至{}。单击选中年度单元格，直接输入数值后按回车；Tab/方向键移动；可粘贴从Excel复制的数据块。",
                pv.year, pv.as_of
            ))
                .small()
                .color(theme::GREY),
        );
    }

    // The names stay put while the other columns scroll sideways; both scroll together
    // up and down (whichever was scrolled this frame sets the offset for the next).
    let widths = ColumnWidths::measure(ui, pv, &rows, &years);
    let names_width = widths.name + widths.status + ui.spacing().item_spacing.x * 2.0;
    let height = ui.available_height();
    let before = state.scroll_y;
    let mut names_offset = before;
    let mut cells_offset = before;
    let top_down = egui::Layout::top_down(egui::Align::Min);
    // The up-down scrollbar goes with the cells unless they scroll sideways, which would take
    // it out of sight; then it stands beside the names.
    let sideways = widths.name + widths.status + widths.cells_width + 16.0 > ui.available_width();
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(egui::vec2(names_width, height), top_down, |ui| {
            names_offset = names_ui(ui, state, pv, &rows, &widths, sideways, cmds);
        });
        ui.separator();
        let rest = egui::vec2(ui.available_width(), height);
        ui.allocate_ui_with_layout(rest, top_down, |ui| {
            egui::ScrollArea::horizontal()
                .id_salt("grid_hscroll")
                .show(ui, |ui| {
                    ui.with_layout(top_down, |ui| {
                        cells_offset = table_ui(ui, state, pv, &rows, &years, &widths, !sideways);
                    });
                });
        });
    });
    state.scroll_y = if (names_offset - before).abs() > 0.5 {
        names_offset
    } else {
        cells_offset
    };
    if (state.scroll_y - before).abs() > 0.5 {
        ui.ctx().request_repaint();
    }
}

/// Column widths from the texts they show: names, 评价, units and targets get their whole
/// text when the window allows; on a small screen names and targets give up space first (they
/// show the whole text on hover) and the rest scrolls sideways.
struct ColumnWidths {
    name: f32,
    status: f32,
    unit: f32,
    /// Each year column: wide enough for its own widest value (“92（预计）”).
    years: Vec<f32>,
    target: f32,
    /// What the scrolling columns need together.
    cells_width: f32,
    /// Lines per row: 1, or 2 when names, targets or 评价 need them.
    lines: usize,
    /// One line, or two when names or targets need them.
    row_height: f32,
}

impl ColumnWidths {
    const ATTRIBUTE: f32 = 50.0;
    const BASE: f32 = 54.0;
    const YEAR_LEAST: f32 = 56.0;
    const YEAR_MOST: f32 = 120.0;
    /// A year cell's button padding: narrow, so that columns of figures stay narrow.
    const YEAR_PADDING: f32 = 2.0;
    const TOTAL: f32 = 54.0;
    const PROGRESS: f32 = 66.0;

    fn measure(ui: &Ui, pv: &PlanView, rows: &[IndicatorId], years: &[i32]) -> Self {
        let year_count = years.len();
        let shown: Vec<&Indicator> = rows.iter().filter_map(|id| pv.indicator(*id)).collect();
        let pad = 12.0;
        let name = super::widgets::widest_text(ui, shown.iter().map(|i| i.name.as_str())) + pad;
        // The 评价 texts repeat: each distinct one measured once.
        let statuses: std::collections::BTreeSet<String> = shown
            .iter()
            .filter_map(|i| status_cell(pv, i))
            .map(|(_, plain, _)| plain)
            .collect();
        let status_least = super::widgets::widest_text(ui, ["■ 基本符合预期"]) + pad;
        let status = (super::widgets::widest_text(ui, statuses.iter().map(String::as_str)) + pad)
            .max(status_least);
        let unit = (super::widgets::widest_text(ui, shown.iter().map(|i| i.unit.as_str())) + pad)
            .max(40.0);
        let target =
            super::widgets::widest_text(ui, shown.iter().map(|i| i.target_text.as_str())) + pad;

        // Each year column as wide as its widest value: one line (“92（预计）”), or the mark on
        // a line of its own when the rows have two lines anyway. Only a year with estimates
        // (the last, at the close-out) widens, so 目标 stays in view.
        let year_widths = |lines: usize| -> Vec<f32> {
            years
                .iter()
                .map(|y| {
                    let widest = shown
                        .iter()
                        .map(|i| year_cell_text(i, *y, lines))
                        .flat_map(|t| {
                            t.lines()
                                .map(|l| super::widgets::widest_text(ui, [l]))
                                .collect::<Vec<_>>()
                        })
                        .fold(0.0, f32::max);
                    // The cell gives up the item spacing; the button its padding.
                    (widest + 2.0 * Self::YEAR_PADDING + ui.spacing().item_spacing.x + 1.0)
                        .clamp(Self::YEAR_LEAST, Self::YEAR_MOST)
                })
                .collect()
        };

        let columns = 8 + year_count;
        let spacing = ui.spacing().item_spacing.x * (columns as f32 + 2.0)
            + ui.spacing().scroll.bar_width
            + 8.0;
        let fixed = |year: &[f32]| {
            Self::ATTRIBUTE
                + Self::BASE
                + year.iter().sum::<f32>()
                + Self::TOTAL
                + Self::PROGRESS
                + unit
                + spacing
        };
        let share = |room: f32, name: f32, target: f32, status_least: f32| {
            super::widgets::share_width(
                &[name.min(480.0), status, target.min(360.0)],
                &[140.0, status_least, 96.0],
                room,
            )
        };
        // A name or target that does not fit on one line goes on two (every row grows, as
        // the rows are laid out at one height): on a laptop no name is cut.
        let mut lines = 1;
        let mut year = year_widths(1);
        let mut room = ui.available_width() - fixed(&year);
        let mut shared = share(room, name, target, status_least);
        if shared[0] + 0.5 < name.min(480.0)
            || shared[1] + 0.5 < status
            || shared[2] + 0.5 < target.min(360.0)
        {
            // Two lines leave room for the whole 评价 too: it wraps when it cannot have its
            // one line.
            lines = 2;
            year = year_widths(2);
            room = ui.available_width() - fixed(&year);
            let whole_status = room >= 140.0 + status + 96.0;
            let status_least = if whole_status {
                status
            } else {
                status_least.max(status / 2.0 + pad)
            };
            shared = share(room, name / 2.0 + pad, target / 2.0 + pad, status_least);
        }
        let cells_width =
            fixed(&year) - spacing + shared[2] + ui.spacing().item_spacing.x * columns as f32;
        Self {
            name: shared[0],
            status: shared[1],
            unit,
            years: year,
            target: shared[2],
            cells_width,
            lines,
            row_height: theme::ROW_HEIGHT
                + (lines - 1) as f32 * ui.text_style_height(&egui::TextStyle::Body),
        }
    }
}

fn scrollbar(shown: bool) -> egui::scroll_area::ScrollBarVisibility {
    if shown {
        egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded
    } else {
        egui::scroll_area::ScrollBarVisibility::AlwaysHidden
    }
}

/// The 评价 cell: in a 总结评估 the close-out's word, else the year's light, word and 预警; as
/// shown, as plain text, and the 判定依据 on hover.
fn status_cell(pv: &PlanView, ind: &Indicator) -> Option<(RichText, String, String)> {
    if pv.final_review() {
        let v = pv.verdict(ind.id)?;
        let plain = format!("{} {}", v.light.symbol(), v.word);
        let text = RichText::new(&plain).color(theme::light_color(v.light));
        return Some((text, plain, v.basis));
    }
    let e = pv.eval(ind.id)?;
    let plain = status_label(e);
    let text = if e.warning {
        RichText::new(&plain).color(theme::RED).strong()
    } else {
        super::widgets::status_text(e)
    };
    Some((text, plain, basis_text(e, ind)))
}

/// The 评价 cell's text in a year in course: light, word and 预警.
fn status_label(e: &Evaluation) -> String {
    let word = crate::domain::explain::status_text(e);
    if e.warning {
        format!("{} {} 预警", e.light.symbol(), e.status.label())
    } else {
        format!("{} {word}", e.light.symbol())
    }
}

/// The frozen first columns: each indicator's name, a click away from its details, and its
/// 评价, a click away from the rules.
fn names_ui(
    ui: &mut Ui,
    state: &GridState,
    pv: &PlanView,
    rows: &[IndicatorId],
    widths: &ColumnWidths,
    with_scrollbar: bool,
    cmds: &mut Vec<Command>,
) -> f32 {
    TableBuilder::new(ui)
        .id_salt("indicator_grid_names")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(widths.name).clip(true))
        .column(Column::exact(widths.status).clip(true))
        .min_scrolled_height(0.0)
        .vertical_scroll_offset(state.scroll_y)
        .scroll_bar_visibility(scrollbar(with_scrollbar))
        .animate_scrolling(false)
        .header(theme::ROW_HEIGHT + 4.0, |mut header| {
            header.col(|ui| {
                ui.strong("指标");
            });
            header.col(|ui| {
                ui.strong("评价");
            });
        })
        .body(|body| {
            body.rows(widths.row_height, rows.len(), |mut row| {
                let Some(ind) = pv.indicator(rows[row.index()]) else {
                    return;
                };
                row.col(|ui| {
                    let name = ui.add(
                        egui::Label::new(&ind.name)
                            .sense(egui::Sense::click())
                            .wrap(),
                    );
                    if name.clicked() {
                        cmds.push(Command::Show(View::Detail(ind.id)));
                    }
                    name.on_hover_text(format!("{}（点击查看详情）", ind.name));
                });
                row.col(|ui| {
                    // A 评价 that has no room for its one line goes on two.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                    if let Some((text, _, basis)) = status_cell(pv, ind) {
                        super::widgets::status_word(ui, text, &basis, cmds);
                    }
                });
            });
        })
        .state
        .clamped_offset()
        .y
}

/// Where the selected cell is among the shown rows and years.
fn selected_position(
    state: &GridState,
    rows: &[IndicatorId],
    years: &[i32],
) -> Option<(usize, usize)> {
    let (id, year) = state.selected?;
    Some((
        rows.iter().position(|r| *r == id)?,
        years.iter().position(|y| *y == year)?,
    ))
}

fn table_ui(
    ui: &mut Ui,
    state: &mut GridState,
    pv: &PlanView,
    rows: &[IndicatorId],
    years: &[i32],
    widths: &ColumnWidths,
    with_scrollbar: bool,
) -> f32 {
    let mut table = TableBuilder::new(ui)
        .id_salt("indicator_grid")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .vertical_scroll_offset(state.scroll_y)
        .scroll_bar_visibility(scrollbar(with_scrollbar))
        .animate_scrolling(false)
        .column(Column::exact(widths.unit).clip(true))
        .column(Column::exact(ColumnWidths::ATTRIBUTE))
        .column(Column::exact(ColumnWidths::BASE));
    for width in &widths.years {
        table = table.column(Column::exact(*width));
    }
    table = table
        .column(Column::exact(ColumnWidths::TOTAL))
        .column(Column::exact(widths.target).clip(true))
        .column(Column::remainder().at_least(ColumnWidths::PROGRESS))
        .min_scrolled_height(0.0);
    if state.scroll_to_selected {
        if let Some((r, _)) = selected_position(state, rows, years) {
            table = table.scroll_to_row(r, None);
        }
        state.scroll_to_selected = false;
    }
    table
        .header(theme::ROW_HEIGHT + 4.0, |mut header| {
            for title in ["单位", "属性", "基期"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
            for y in years {
                header.col(|ui| {
                    let text = RichText::new(format!("{y}年")).strong();
                    ui.label(if *y == pv.year {
                        text.color(theme::ACCENT).underline()
                    } else {
                        text
                    });
                });
            }
            header.col(|ui| {
                ui.strong("累计")
                    .on_hover_text("累计类指标：年度栏填当年完成数，本栏为基期以来的累计完成数");
            });
            for title in ["目标", "完成进度"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(widths.row_height, rows.len(), |mut row| {
                let r = row.index();
                let Some(ind) = pv.indicator(rows[r]) else {
                    return;
                };
                let eval = pv.eval(ind.id);
                row.col(|ui| {
                    let unit = ui.label(&ind.unit);
                    if ind.kind == IndicatorKind::Cumulative {
                        unit.on_hover_text(format!(
                            "年度栏为{}（{}）",
                            ind.entry_mode.label(),
                            ind.unit
                        ));
                    }
                });
                row.col(|ui| {
                    let attr = RichText::new(ind.attribute.label());
                    ui.label(if ind.attribute == Attribute::Binding {
                        attr.strong()
                    } else {
                        attr
                    });
                });
                row.col(|ui| {
                    ui.label(
                        ind.base_value
                            .map_or_else(String::new, |v| format_value(v, ind)),
                    );
                });
                for year in years {
                    row.col(|ui| year_cell_ui(ui, state, ind, *year, widths.lines));
                }
                row.col(|ui| {
                    let total = eval
                        .and_then(|e| e.cumulative)
                        .map_or_else(|| "—".to_owned(), |v| format_value(v, ind));
                    ui.label(total);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&ind.target_text).wrap())
                        .on_hover_text(&ind.target_text);
                });
                row.col(|ui| {
                    ui.label(eval.map_or_else(|| "—".to_owned(), progress_text));
                });
            });
        })
        .state
        .clamped_offset()
        .y
}

fn filter_bar_ui(ui: &mut Ui, state: &mut GridState, pv: &PlanView) {
    ui.horizontal_wrapped(|ui| {
        let all = "全部";
        option_filter_ui(ui, "类别", &mut state.category, &pv.plan.categories());
        option_filter_ui(ui, "牵头单位", &mut state.lead_unit, &pv.plan.lead_units());
        // In a 总结评估 the 评价 column speaks the close-out's words; the filter still sorts
        // by the year's judgement, and says so.
        ui.label(if pv.final_review() {
            "年度评价"
        } else {
            "评价"
        });
        let combo = egui::ComboBox::from_id_salt("grid_status")
            .selected_text(state.status.map_or(all, Status::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.status, None, all);
                for s in Status::ALL {
                    ui.selectable_value(&mut state.status, Some(s), s.label());
                }
            })
            .response;
        crate::ui::widgets::name_widget(ui, &combo, "评价筛选");
        ui.label("排序");
        let combo = egui::ComboBox::from_id_salt("grid_sort")
            .selected_text(state.sort.label())
            .show_ui(ui, |ui| {
                for s in SortBy::ALL {
                    ui.selectable_value(&mut state.sort, s, s.label());
                }
            })
            .response;
        crate::ui::widgets::name_widget(ui, &combo, "排序方式");
    });
}

fn cell_name(ind: &Indicator, year: i32) -> String {
    format!("{} {year}年", ind.name)
}

/// What a year cell shows: the value, “*” when it has a 说明, and “（预计）” on an estimate —
/// “预计” on a line of its own when the rows have two.
fn year_cell_text(ind: &Indicator, year: i32, lines: usize) -> String {
    let actual = ind.actuals.get(&year);
    let value = ind
        .actual_value(year)
        .map_or_else(String::new, |v| format_value(v, ind));
    let value = if actual.is_some_and(|a| !a.note.is_empty()) {
        format!("{value}*")
    } else {
        value
    };
    match actual {
        Some(a) if a.estimate && !value.is_empty() && lines > 1 => format!("{value}\n预计"),
        Some(a) if a.estimate && !value.is_empty() => format!("{value}（预计）"),
        _ => value,
    }
}

fn year_cell_ui(ui: &mut Ui, state: &mut GridState, ind: &Indicator, year: i32, lines: usize) {
    let selected = state.selected == Some((ind.id, year));
    if selected && let Some(text) = state.editing.as_mut() {
        let editor_id = ui.make_persistent_id("grid_cell_editor");
        if state.focus_editor {
            // Focus before the field runs, so keys typed in this same frame reach it, with
            // the cursor after what was typed so far (not selecting it).
            let mut edit_state =
                egui::TextEdit::load_state(ui.ctx(), editor_id).unwrap_or_default();
            let end = egui::text::CCursor::new(text.chars().count());
            edit_state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            edit_state.store(ui.ctx(), editor_id);
            ui.memory_mut(|m| m.request_focus(editor_id));
            state.focus_editor = false;
        }
        let response = ui.add(
            egui::TextEdit::singleline(text)
                .id(editor_id)
                .desired_width(f32::INFINITY)
                .lock_focus(true)
                .text_color(if state.error.is_some() {
                    theme::ERROR_TEXT
                } else {
                    ui.visuals().text_color()
                }),
        );
        name_widget(ui, &response, &cell_name(ind, year));
        if response.changed() {
            state.error = None;
        }
        return;
    }
    let value = ind.actual_value(year);
    let note = ind
        .actuals
        .get(&year)
        .map(|a| a.note.as_str())
        .unwrap_or("");
    let text = year_cell_text(ind, year, lines);
    let strong = |r: RichText| if selected { r.strong() } else { r };
    let label: egui::WidgetText = match text.split_once('\n') {
        // An estimate on two lines: the value, and 预计 small beneath it.
        Some((value, mark)) => {
            let mut job = egui::text::LayoutJob::default();
            let style = ui.style();
            for part in [
                strong(RichText::new(format!("{value}\n"))),
                RichText::new(mark).small().color(theme::GREY),
            ] {
                part.append_to(
                    &mut job,
                    style,
                    egui::FontSelection::Default,
                    egui::Align::Center,
                );
            }
            job.into()
        }
        None => strong(RichText::new(text)).into(),
    };
    ui.spacing_mut().button_padding.x = ColumnWidths::YEAR_PADDING;
    let response = ui.add(
        egui::Button::selectable(selected, label)
            .wrap_mode(egui::TextWrapMode::Extend)
            .min_size(egui::vec2(ui.available_width(), 0.0)),
    );
    name_widget(ui, &response, &cell_name(ind, year));
    if response.clicked() {
        state.selected = Some((ind.id, year));
        state.editing = None;
        state.error = None;
    }
    if response.double_clicked() {
        state.editing = Some(value.map_or_else(String::new, |v| format_value(v, ind)));
        state.focus_editor = true;
    }
    if !note.is_empty() {
        response.on_hover_text(format!("说明：{note}"));
    }
}

/// Enter a typed value for one cell; Err keeps the text in the cell and says why.
fn commit(ind: &Indicator, year: i32, text: &str) -> Result<Command, String> {
    let value =
        parse_indicator_value(text, ind).map_err(|why| format!("{} {year}年：{why}", ind.name))?;
    Ok(Command::Edit {
        edits: vec![Edit::Set(
            Field::Actual(ind.id, year, ActualField::Value),
            Value::from_opt_num(value),
        )],
        action: "录入".into(),
    })
}

/// Parse a block of tab-separated text (as Excel copies it) into edits starting at `at`.
pub fn paste_block(
    pv: &PlanView,
    rows: &[IndicatorId],
    years: &[i32],
    at: (usize, usize),
    text: &str,
) -> Result<Vec<Edit>, String> {
    let lines: Vec<&str> = text
        .trim_end_matches(['\r', '\n'])
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    let mut edits = Vec::new();
    let mut problems = Vec::new();
    for (dr, line) in lines.iter().enumerate() {
        let Some(id) = rows.get(at.0 + dr) else {
            problems.push(format!("粘贴的第{}行超出了表格", dr + 1));
            break;
        };
        let Some(ind) = pv.indicator(*id) else {
            continue;
        };
        for (dc, cell) in line.split('\t').enumerate() {
            let Some(year) = years.get(at.1 + dc) else {
                problems.push(format!("粘贴的第{}列超出了规划年度", dc + 1));
                break;
            };
            match parse_indicator_value(cell, ind) {
                Ok(v) => edits.push(Edit::Set(
                    Field::Actual(ind.id, *year, ActualField::Value),
                    Value::from_opt_num(v),
                )),
                Err(why) => problems.push(format!("{} {year}年：{why}", ind.name)),
            }
        }
    }
    if problems.is_empty() {
        Ok(edits)
    } else {
        Err(format!("粘贴未执行，没有任何改动。{}", problems.join("；")))
    }
}

/// Tab and Shift+Tab move between the grid's cells, not to the menu: egui's own Tab
/// navigation is cancelled before the menu bar (drawn first) could take the focus. The cell
/// editor handles Tab itself (its focus is locked).
pub fn keep_tab_in_grid(ctx: &egui::Context, state: &GridState) {
    let tab = ctx.input(|i| i.key_pressed(Key::Tab));
    if tab && state.selected.is_some() && !ctx.text_edit_focused() {
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}

/// The cell Tab (or Shift+Tab with `back`) goes to from (row, column): the next editable cell
/// in the row, from the last column the first of the next row, and back likewise.
fn tab_target(
    (row, column): (usize, usize),
    back: bool,
    last_row: usize,
    last_column: usize,
) -> (usize, usize) {
    match (back, column) {
        (false, c) if c < last_column => (row, c + 1),
        (false, _) if row < last_row => (row + 1, 0),
        (true, 0) if row > 0 => (row - 1, last_column),
        (true, c) if c > 0 => (row, c - 1),
        _ => (row, column),
    }
}

fn keyboard(
    ui: &mut Ui,
    state: &mut GridState,
    pv: &PlanView,
    rows: &[IndicatorId],
    years: &[i32],
    cmds: &mut Vec<Command>,
) {
    let Some((r, c)) = selected_position(state, rows, years) else {
        return;
    };
    let Some(ind) = rows.get(r).and_then(|id| pv.indicator(*id)) else {
        return;
    };
    let year = years[c];
    let last_row = rows.len().saturating_sub(1);
    let last_col = years.len().saturating_sub(1);
    let move_to = |state: &mut GridState, r: usize, c: usize| {
        state.selected = Some((rows[r.min(last_row)], years[c.min(last_col)]));
        state.scroll_to_selected = true;
    };

    if let Some(text) = state.editing.clone() {
        let (enter, tab, shift_tab, escape) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Tab),
                i.consume_key(Modifiers::SHIFT, Key::Tab),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if escape {
            ui.memory_mut(|m| m.stop_text_input());
            state.editing = None;
            state.error = None;
        } else if enter || tab || shift_tab {
            match commit(ind, year, &text) {
                Ok(cmd) => {
                    cmds.push(cmd);
                    ui.memory_mut(|m| m.stop_text_input());
                    state.editing = None;
                    state.error = None;
                    if enter {
                        move_to(state, r + 1, c);
                    } else {
                        let (row, column) = tab_target((r, c), shift_tab, last_row, last_col);
                        move_to(state, row, column);
                    }
                }
                Err(why) => {
                    state.error = Some(why);
                    state.focus_editor = true;
                }
            }
        }
        return;
    }
    if ui.ctx().text_edit_focused() {
        return;
    }
    let events = ui.input(|i| i.events.clone());
    for event in events {
        match event {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if modifiers.is_none() || modifiers.shift_only() => match key {
                Key::ArrowDown => move_to(state, r + 1, c),
                Key::ArrowUp => move_to(state, r.saturating_sub(1), c),
                Key::ArrowRight => move_to(state, r, c + 1),
                Key::ArrowLeft => move_to(state, r, c.saturating_sub(1)),
                Key::Tab => {
                    let (row, column) = tab_target((r, c), modifiers.shift, last_row, last_col);
                    move_to(state, row, column);
                }
                Key::Enter | Key::F2 => {
                    state.editing = Some(
                        ind.actual_value(year)
                            .map_or_else(String::new, |v| format_value(v, ind)),
                    );
                    state.focus_editor = true;
                }
                Key::Delete | Key::Backspace => {
                    if let Ok(cmd) = commit(ind, year, "") {
                        cmds.push(cmd);
                    }
                }
                Key::Escape => state.selected = None,
                _ => {}
            },
            egui::Event::Text(t) if !t.chars().any(char::is_control) => {
                ui.input_mut(|i| {
                    i.events
                        .retain(|e| !matches!(e, egui::Event::Text(x) if *x == t))
                });
                state.editing = Some(t);
                state.error = None;
                state.focus_editor = true;
                break;
            }
            egui::Event::Paste(text) => {
                match paste_block(pv, rows, years, (r, c), &text) {
                    Ok(edits) if !edits.is_empty() => {
                        cmds.push(Command::Edit {
                            edits,
                            action: "粘贴".into(),
                        });
                        state.error = None;
                    }
                    Ok(_) => {}
                    Err(why) => state.error = Some(why),
                }
                break;
            }
            _ => {}
        }
    }
}
