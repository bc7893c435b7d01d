//! The city bureau's view: the districts' plans side by side (矩阵), ranking and scores,
//! data quality, the 优质均衡 board, the city's settings and the mapping of unmatched
//! indicators, and meeting pages for the city. A view module of its own, apart from the
//! district views and the district meeting mode.
//!
//! Reads a `CityInput` and emits `CityCommand`s; never touches a file.

mod meeting;
mod settings;

use std::path::Path;

use egui::{RichText, Ui};

use super::theme;
use crate::domain::city::{CityComparison, CitySettings, Rejected};
use crate::domain::input::format_number;

pub use meeting::city_meeting_ui;

/// What the city view asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CityCommand {
    PickFiles,
    PickFolder,
    Reload,
    OpenCityFile,
    NewCityFile,
    SetYear(i32),
    /// New settings and the action's name for the history.
    SaveSettings(CitySettings, String),
    ExportWorkbook,
    /// The 通报 draft (.docx).
    ExportBulletin,
    Meeting(bool),
    Close,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CityTab {
    #[default]
    Matrix,
    Ranking,
    Quality,
    Balance,
    Settings,
}

impl CityTab {
    fn label(self) -> &'static str {
        match self {
            CityTab::Matrix => "指标比较",
            CityTab::Ranking => "排名与得分",
            CityTab::Quality => "数据质量",
            CityTab::Balance => "优质均衡",
            CityTab::Settings => "市级设置与指标对应",
        }
    }
}

#[derive(Default)]
pub struct CityViewState {
    pub tab: CityTab,
    pub meeting: bool,
    pub meeting_page: usize,
    /// The settings being edited and the saved settings they started from (None: not edited
    /// yet). A draft made from settings that are no longer the saved ones (another city file
    /// opened) is dropped, so that saving it cannot overwrite them.
    draft: Option<(CitySettings, CitySettings)>,
    /// The row chosen for each unmatched indicator in the mapping list.
    mapping_choice: std::collections::HashMap<usize, String>,
}

/// What the view shows.
pub struct CityInput<'a> {
    pub comparison: Option<&'a CityComparison>,
    pub settings: &'a CitySettings,
    pub rejected: &'a [Rejected],
    pub city_file: Option<&'a Path>,
    /// The city file's changes, newest first.
    pub history: &'a [crate::storage::city::CityHistoryEntry],
}

pub fn city_ui(
    ui: &mut Ui,
    state: &mut CityViewState,
    input: &CityInput,
    cmds: &mut Vec<CityCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        super::widgets::heading(ui, "市级汇总");
        if ui.button("选择区县文件…").clicked() {
            cmds.push(CityCommand::PickFiles);
        }
        if ui.button("选择文件夹…").clicked() {
            cmds.push(CityCommand::PickFolder);
        }
        if input.comparison.is_some() && ui.button("重新读取").clicked() {
            cmds.push(CityCommand::Reload);
        }
        ui.separator();
        match input.city_file {
            Some(p) => {
                ui.label(format!("市级汇总文件：{}", p.display()));
            }
            None => {
                if ui.button("打开市级汇总文件…").clicked() {
                    cmds.push(CityCommand::OpenCityFile);
                }
                if ui.button("新建市级汇总文件…").clicked() {
                    cmds.push(CityCommand::NewCityFile);
                }
            }
        }
        ui.separator();
        if input.comparison.is_some() {
            if ui.button("导出通报工作簿…").clicked() {
                cmds.push(CityCommand::ExportWorkbook);
            }
            if ui.button("导出通报（Word）…").clicked() {
                cmds.push(CityCommand::ExportBulletin);
            }
            if ui.button("会议模式").clicked() {
                cmds.push(CityCommand::Meeting(true));
            }
        }
        if ui.button("关闭市级汇总").clicked() {
            cmds.push(CityCommand::Close);
        }
    });
    let Some(c) = input.comparison else {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.label("市级汇总把各区县的规划文件并列比较：全市合计、达标区县数、排名、得分和等次。");
            ui.label("请选择各区县交来的 .eduplan 文件（可多选），或存放它们的文件夹。区县文件只读取，不会被改动或锁定。");
        });
        rejected_ui(ui, input.rejected);
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}个区县，年度：", c.districts.len()));
        let first = c
            .districts
            .iter()
            .map(|d| d.plan.info.first_year)
            .min()
            .unwrap_or(c.year);
        let last = c
            .districts
            .iter()
            .map(|d| d.plan.info.last_year)
            .max()
            .unwrap_or(c.year);
        for y in first..=last {
            if ui.selectable_label(y == c.year, format!("{y}")).clicked() {
                cmds.push(CityCommand::SetYear(y));
            }
        }
        if !input.rejected.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{}个文件未纳入（见“数据质量”）",
                    input.rejected.len()
                ))
                .color(theme::ERROR_TEXT),
            );
        }
        if !c.unmatched.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{}项指标未对应（见“市级设置与指标对应”）",
                    c.unmatched.len()
                ))
                .color(theme::YELLOW),
            );
        }
    });
    ui.horizontal(|ui| {
        for tab in [
            CityTab::Matrix,
            CityTab::Ranking,
            CityTab::Quality,
            CityTab::Balance,
            CityTab::Settings,
        ] {
            if ui.selectable_label(state.tab == tab, tab.label()).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.separator();
    match state.tab {
        CityTab::Matrix => matrix_ui(ui, c),
        CityTab::Ranking => ranking_ui(ui, c, input.settings),
        CityTab::Quality => {
            quality_ui(ui, c);
            rejected_ui(ui, input.rejected);
        }
        CityTab::Balance => board_ui(ui, c),
        CityTab::Settings => settings::settings_ui(ui, state, c, input, cmds),
    }
}

fn names_of(c: &CityComparison, list: &[usize]) -> String {
    if list.is_empty() {
        "—".to_owned()
    } else {
        list.iter()
            .map(|d| c.districts[*d].name.clone())
            .collect::<Vec<_>>()
            .join("、")
    }
}

fn header(ui: &mut Ui, titles: &[&str]) {
    for t in titles {
        ui.label(RichText::new(*t).strong());
    }
    ui.end_row();
}

fn matrix_ui(ui: &mut Ui, c: &CityComparison) {
    ui.label("单元格：当年值（本区县目标），符号为本区县的评价灯色：●绿 ▲黄 ■红 ○无；“未达市目标”按市目标判断。全市比率＝各区县分子之和÷分母之和。");
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("city_matrix")
                .striped(true)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    let mut titles = vec!["指标", "单位", "市目标"];
                    let names = c.district_names();
                    titles.extend(names.iter().map(String::as_str));
                    titles.extend(["全市", "达标区县数", "最好", "最差"]);
                    header(ui, &titles);
                    for row in &c.rows {
                        ui.label(&row.name);
                        ui.label(&row.unit);
                        ui.label(
                            row.city_target
                                .map_or_else(|| "—".to_owned(), |t| row.format(t)),
                        );
                        for cell in &row.cells {
                            match cell {
                                None => {
                                    ui.label(RichText::new("无此指标").color(theme::GREY));
                                }
                                Some(cell) => {
                                    let light = cell.evaluation.light;
                                    let mut text = format!("{} {}", light.symbol(), cell.text);
                                    if cell.meets_city == Some(false) {
                                        text.push_str(" 未达市目标");
                                    }
                                    ui.label(RichText::new(text).color(theme::light_color(light)))
                                        .on_hover_text(format!(
                                            "{}：{}",
                                            cell.evaluation.status.label(),
                                            crate::domain::explain::basis_text(
                                                &cell.evaluation,
                                                &row.template
                                            )
                                        ));
                                }
                            }
                        }
                        ui.label(row.total_text());
                        ui.label(format!("{}/{}", row.met, row.present));
                        ui.label(names_of(c, &row.best));
                        ui.label(names_of(c, &row.worst));
                        ui.end_row();
                    }
                });
        });
}

fn ranking_ui(ui: &mut Ui, c: &CityComparison, settings: &CitySettings) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(format!("得分与等次（{}）", settings.scoring.label())).strong());
            egui::Grid::new("city_scores")
                .striped(true)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    header(ui, &["排名", "区县", "得分", "得分率", "等次", "较上年"]);
                    for d in c.by_rank() {
                        let s = &c.scores[d];
                        ui.label(s.rank.to_string());
                        ui.label(&c.districts[d].name);
                        ui.label(format_number(s.total, 1));
                        ui.label(format!("{}%", format_number(s.rate, 1)));
                        ui.label(RichText::new(s.grade.label()).strong());
                        ui.label(s.change_text());
                        ui.end_row();
                    }
                });
            ui.add_space(12.0);
            ui.label(RichText::new("各指标排名（名次 · 与市目标之差 · 较上年 · 得分）").strong());
            egui::Grid::new("city_rankings")
                .striped(true)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    let mut titles = vec!["指标"];
                    let names = c.district_names();
                    titles.extend(names.iter().map(String::as_str));
                    header(ui, &titles);
                    for (row, ranking) in c.rows.iter().zip(&c.rankings) {
                        ui.label(&row.name)
                            .on_hover_text(ranking.not_scored.clone().unwrap_or_default());
                        for e in &ranking.entries {
                            match e {
                                None => ui.label("—"),
                                Some(e) => ui.label(e.text(row)),
                            };
                        }
                        ui.end_row();
                    }
                });
        });
}

fn quality_ui(ui: &mut Ui, c: &CityComparison) {
    egui::Grid::new("city_quality")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            header(
                ui,
                &[
                    "区县",
                    "文件",
                    "最近修改",
                    "缺数",
                    "预计值",
                    "红灯无说明",
                    "未实现无原因",
                ],
            );
            let list = |items: &[String]| {
                if items.is_empty() {
                    "—".to_owned()
                } else {
                    format!("{}项：{}", items.len(), items.join("、"))
                }
            };
            for (d, q) in c.quality.iter().enumerate() {
                ui.label(&c.districts[d].name);
                ui.label(&c.districts[d].source);
                ui.label(q.last_change.clone().unwrap_or_else(|| "不详".to_owned()));
                ui.label(list(&q.missing));
                ui.label(list(&q.estimates));
                ui.label(list(&q.red_without_note));
                ui.label(list(&q.not_achieved_without_reason));
                ui.end_row();
            }
        });
}

fn rejected_ui(ui: &mut Ui, rejected: &[Rejected]) {
    if rejected.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(
        RichText::new("未纳入比较的文件")
            .strong()
            .color(theme::ERROR_TEXT),
    );
    for r in rejected {
        ui.label(format!("{}——{}", r.source, r.reason));
    }
}

fn board_ui(ui: &mut Ui, c: &CityComparison) {
    if c.board.is_empty() {
        ui.label("各区县文件中都还没有学校数据，无法列出优质均衡推进情况。");
        return;
    }
    let pct =
        |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{}%", format_number(v, 1)));
    egui::Grid::new("city_board")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            header(
                ui,
                &[
                    "区县",
                    "计划认定年份",
                    "差异系数超标项数",
                    "资源配置达标校比例（小学/初中）",
                    "状态",
                ],
            );
            for b in &c.board {
                ui.label(&c.districts[b.district].name);
                ui.label(
                    b.planned_year
                        .map_or_else(|| "未设".to_owned(), |y| format!("{y}年")),
                );
                ui.label(b.cv_over.map_or_else(|| "—".to_owned(), |n| n.to_string()));
                ui.label(format!(
                    "{} / {}",
                    pct(b.primary_share),
                    pct(b.junior_share)
                ));
                ui.label(&b.status);
                ui.end_row();
            }
        });
}
