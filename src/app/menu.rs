//! The menu bar, the status bar and the keyboard shortcuts: they only emit commands.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::EduPlanApp;
use crate::domain::edit::Edit;
use crate::ui::{Command, View, theme};

impl EduPlanApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        let typing = ctx.text_edit_focused();
        ctx.input_mut(|i| {
            let mut shortcut =
                |m: Modifiers, k: Key| i.consume_shortcut(&KeyboardShortcut::new(m, k));
            if !typing {
                if shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
                    || shortcut(Modifiers::COMMAND, Key::Y)
                {
                    cmds.push(Command::Redo);
                } else if shortcut(Modifiers::COMMAND, Key::Z) {
                    cmds.push(Command::Undo);
                }
            }
            if shortcut(Modifiers::COMMAND, Key::N) {
                cmds.push(Command::NewPlan);
            }
            if shortcut(Modifiers::COMMAND, Key::O) {
                cmds.push(Command::OpenDialog);
            }
            if shortcut(Modifiers::COMMAND, Key::E) {
                cmds.push(Command::ExportDialog);
            }
            if shortcut(Modifiers::COMMAND, Key::B) {
                cmds.push(Command::ToggleOutline);
            }
            if shortcut(Modifiers::NONE, Key::F1) {
                cmds.push(Command::ShowHelp);
            }
            if shortcut(Modifiers::NONE, Key::F5) {
                cmds.push(Command::Show(View::Meeting));
            }
            // Ctrl+1…6: the views, in the order of the tabs.
            for (key, view, _) in VIEW_KEYS {
                if shortcut(Modifiers::COMMAND, key) {
                    cmds.push(Command::Show(view));
                }
            }
        });
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        for p in dropped {
            if p.extension()
                .is_some_and(|e| e == crate::storage::EXTENSION)
            {
                cmds.push(Command::Open(p));
            } else {
                self.error(format!(
                    "“{}”不是EduPlan规划文件（.eduplan），未打开",
                    p.display()
                ));
            }
        }
        cmds
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                if ui.button("新建规划…\tCtrl+N").clicked() {
                    cmds.push(Command::NewPlan);
                }
                if ui.button("打开…\tCtrl+O").clicked() {
                    cmds.push(Command::OpenDialog);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("（无）");
                    }
                    for p in self.settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            cmds.push(Command::Open(p));
                        }
                    }
                });
                if ui.button("另存为…").clicked() {
                    cmds.push(Command::SaveAsDialog);
                }
                ui.separator();
                if ui.button("导出Excel…\tCtrl+E").clicked() {
                    cmds.push(Command::ExportDialog);
                }
                if ui.button("导出会议材料（PDF）…").clicked() {
                    cmds.push(Command::ExportMeetingPdfDialog);
                }
                if ui
                    .button("由本规划生成下一期规划…")
                    .on_hover_text("沿用指标定义和口径，基期值取本期末年的值，结转事项标出；本规划文件不作改动")
                    .clicked()
                {
                    cmds.push(Command::NextPlanDialog);
                }
                ui.menu_button("导出报告（Word）", |ui| {
                    use crate::exchange::report::ReportKind;
                    for kind in [ReportKind::Annual, ReportKind::Midterm, ReportKind::Final] {
                        if ui.button(format!("{}…", kind.label())).clicked() {
                            cmds.push(Command::ExportReportDialog(kind));
                        }
                    }
                    ui.separator();
                    ui.checkbox(
                        &mut self.settings.report_fonts_windows,
                        "用Windows自带字体（仿宋、楷体、宋体）",
                    )
                    .on_hover_text(
                        "不勾选：仿宋_GB2312、楷体_GB2312、方正小标宋简体（机关办公电脑常装）",
                    );
                });
                if ui.button("生成填报表…").clicked() {
                    cmds.push(Command::TemplateDialog);
                }
                if ui.button("导入填报表…").clicked() {
                    cmds.push(Command::ImportDialog);
                }
                ui.separator();
                if ui.button("生成学校数据表…").clicked() {
                    cmds.push(Command::SchoolTemplateDialog);
                }
                if ui.button("导入学校数据…").clicked() {
                    cmds.push(Command::SchoolImportDialog);
                }
                ui.separator();
                if ui.button("市级汇总…").clicked() {
                    cmds.push(Command::CityDialog);
                }
                ui.separator();
                if ui.button("从规划文本提取指标…").clicked() {
                    cmds.push(Command::ExtractDialog);
                }
                ui.separator();
                if ui.button("退出").clicked() {
                    cmds.push(Command::Quit);
                }
            });
            ui.menu_button("编辑", |ui| {
                let (can_undo, can_redo) = self
                    .doc
                    .as_ref()
                    .map_or((false, false), |d| (d.can_undo(), d.can_redo()));
                if ui
                    .add_enabled(can_undo, egui::Button::new("撤销\tCtrl+Z"))
                    .clicked()
                {
                    cmds.push(Command::Undo);
                }
                if ui
                    .add_enabled(can_redo, egui::Button::new("重做\tCtrl+Y"))
                    .clicked()
                {
                    cmds.push(Command::Redo);
                }
                ui.separator();
                if ui.button("规划信息与设置…").clicked() {
                    cmds.push(Command::ShowPlanInfo);
                }
                ui.separator();
                if let Some(doc) = &self.doc
                    && let Some(first) = doc.plan().child_sections(None).first()
                    && ui.button("新增指标").clicked()
                {
                    cmds.push(Command::Edit {
                        edits: vec![Edit::AddIndicator {
                            section: first.id,
                            name: "新指标".into(),
                        }],
                        action: "新增指标".into(),
                    });
                }
            });
            ui.menu_button("视图", |ui| {
                if ui.button("显示/隐藏目录\tCtrl+B").clicked() {
                    cmds.push(Command::ToggleOutline);
                }
                ui.separator();
                for v in [
                    View::Overview,
                    View::Indicators,
                    View::Tasks,
                    View::Balance,
                    View::Alignment,
                    View::Rectification,
                    View::Meeting,
                ] {
                    let key = VIEW_KEYS
                        .iter()
                        .find(|(_, view, _)| *view == v)
                        .map_or("F5", |(_, _, text)| *text);
                    let label = format!("{}\t{key}", v.label());
                    if ui.button(label).clicked() {
                        cmds.push(Command::Show(v));
                    }
                }
            });
            ui.menu_button("帮助", |ui| {
                if ui.button("关于").clicked() {
                    cmds.push(Command::ShowAbout);
                }
                if ui.button("帮助：评价规则	F1").clicked() {
                    cmds.push(Command::ShowHelp);
                }
                if ui.button("快捷键").clicked() {
                    cmds.push(Command::ShowShortcuts);
                }
            });
            ui.separator();
            for v in [
                View::Overview,
                View::Indicators,
                View::Tasks,
                View::Balance,
                View::Alignment,
                View::Rectification,
                View::Meeting,
            ] {
                let selected = self.view == v
                    || (v == View::Indicators && matches!(self.view, View::Detail(_)));
                if ui.selectable_label(selected, v.label()).clicked() {
                    cmds.push(Command::Show(v));
                }
            }
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let Some(doc) = &self.doc else {
                ui.label("未打开规划文件");
                return;
            };
            if ui
                .small_button("目录")
                .on_hover_text("显示或隐藏左侧目录（Ctrl+B），小屏幕上可腾出表格的位置")
                .clicked()
            {
                cmds.push(Command::ToggleOutline);
            }
            if !doc.is_writable() {
                ui.label(RichText::new("只读").color(theme::ERROR_TEXT).strong());
            }
            match doc.saved_at() {
                Some(t) => ui.label(RichText::new(format!("已保存 {t}")).color(theme::GREEN)),
                None => ui.label(RichText::new("所有修改即时保存").color(theme::GREY)),
            };
            ui.separator();
            let errors = doc
                .findings()
                .iter()
                .filter(|f| f.severity == crate::domain::validate::Severity::Error)
                .count();
            let notices = doc.findings().len() - errors;
            let findings = ui.label(format!("错误 {errors}｜提醒 {notices}"));
            if !doc.findings().is_empty() {
                findings.on_hover_ui(|ui| {
                    for f in doc.findings().iter().take(20) {
                        ui.label(format!(
                            "{}：{}",
                            f.severity.label(),
                            crate::domain::explain::finding_text(f, doc.plan())
                        ));
                    }
                });
            }
            ui.separator();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut year = doc.year();
                let combo = egui::ComboBox::from_id_salt("evaluation_year")
                    .selected_text(format!("{year}年"))
                    .show_ui(ui, |ui| {
                        for y in doc.plan().info.years() {
                            ui.selectable_value(&mut year, y, format!("{y}年"));
                        }
                    })
                    .response;
                crate::ui::widgets::name_widget(ui, &combo, "评估年度");
                ui.label("评估年度");
                if year != doc.year() {
                    cmds.push(Command::SetYear(year));
                }
                ui.separator();
                // The path takes what is left and gives way first on a small screen.
                let shown_path = doc
                    .file()
                    .read_only_source()
                    .unwrap_or(doc.file().path())
                    .display()
                    .to_string();
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(egui::Label::new(RichText::new(&shown_path).small()).truncate())
                        .on_hover_text(shown_path);
                });
            });
        });
    }
}

/// The views' shortcuts, in the order of the tabs: the keys, the menu and the 快捷键 list
/// read this one table.
pub(super) const VIEW_KEYS: [(Key, View, &str); 6] = [
    (Key::Num1, View::Overview, "Ctrl+1"),
    (Key::Num2, View::Indicators, "Ctrl+2"),
    (Key::Num3, View::Tasks, "Ctrl+3"),
    (Key::Num4, View::Balance, "Ctrl+4"),
    (Key::Num5, View::Alignment, "Ctrl+5"),
    (Key::Num6, View::Rectification, "Ctrl+6"),
];
