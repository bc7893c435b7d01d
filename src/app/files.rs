//! The shell's file flows: new plan, save as, exports (workbook, meeting PDF), fill-in
//! tables and their import, plan texts, the officer's library file and evidence files. Each
//! asks through `Dialogs` and reports in the status line; `handle` calls them.

use std::path::{Path, PathBuf};

use super::dialogs::FileDialogs;
use super::modals::Modal;
use super::{EduPlanApp, settings};
use crate::domain::{Plan, PlanInfo};
use crate::storage::PlanFile;
use crate::ui::{NewPlanRequest, PlanStart};

impl EduPlanApp {
    /// The plan file the user knows (for a read-only view, the file they opened).
    pub fn plan_path(&self) -> Option<PathBuf> {
        self.doc.as_ref().map(|d| {
            d.file()
                .read_only_source()
                .unwrap_or(d.file().path())
                .to_owned()
        })
    }

    pub(super) fn create_plan(&mut self, request: &NewPlanRequest) {
        let plan = match new_plan(request) {
            Ok(plan) => plan,
            Err(e) => {
                if let Some(Modal::NewPlan(form)) = self.modal.as_mut() {
                    form.error = Some(e);
                }
                return;
            }
        };
        let Some(path) = self
            .dialogs
            .save_plan(&settings::documents_dir(), &plan.info.name)
        else {
            return;
        };
        match PlanFile::create(&path, &plan) {
            Ok(file) => {
                drop(file);
                self.modal = None;
                self.open(&path);
                self.info(format!("已新建规划“{}”", path.display()));
                match &request.start {
                    PlanStart::Library(codes) => self.add_library_indicators(codes),
                    PlanStart::Text => self.extract_from_text(),
                    PlanStart::Blank | PlanStart::Sample => {}
                }
            }
            Err(e) => {
                if let Some(Modal::NewPlan(form)) = self.modal.as_mut() {
                    form.error = Some(e.to_string());
                } else {
                    self.error(e.to_string());
                }
            }
        }
    }

    pub(super) fn save_as(&mut self) {
        let Some(doc) = &self.doc else { return };
        let name = doc.plan().info.name.clone();
        let Some(dest) = self.dialogs.save_plan(&settings::documents_dir(), &name) else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        match doc.file().save_copy(&dest) {
            Ok(()) => {
                self.doc = None;
                self.open(&dest);
                self.info(format!(
                    "已另存为“{}”，现在编辑的是这个新文件",
                    dest.display()
                ));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Ask where to write a workbook. Refuses the open plan itself and any file that is not
    /// a workbook; None when the officer cancels.
    pub(super) fn xlsx_destination(
        &mut self,
        name: &str,
        title: &str,
    ) -> Option<Result<PathBuf, String>> {
        let dest = self
            .dialogs
            .save_xlsx(&settings::documents_dir(), name, title)?;
        let plan = self.plan_path();
        let protected: Vec<&Path> = plan.iter().map(PathBuf::as_path).collect();
        Some(
            crate::exchange::check_output_path(&dest, &protected)
                .map(|()| dest)
                .map_err(|e| e.to_string()),
        )
    }

    pub(super) fn export_meeting_pdf(&mut self) {
        let Some(doc) = &self.doc else { return };
        let name = format!("{}（{}年会议材料）", doc.plan().info.name, doc.year());
        let Some(dest) = self.dialogs.save_pdf(&settings::documents_dir(), &name) else {
            return;
        };
        if self.plan_path().is_some_and(|p| p == dest) {
            return self.error("这是规划文件本身，不能用PDF覆盖它".to_owned());
        }
        let Some(doc) = &self.doc else { return };
        let scope = self.meeting.scope();
        let written = crate::draw::pdf::meeting_pdf(&doc.view(), scope)
            .map_err(|e| e.to_string())
            .and_then(|(bytes, n)| settings::write_pdf(&dest, &bytes).map(|()| n));
        let chapters_only = if scope == crate::draw::slides::Scope::ChaptersOnly {
            "，只看章"
        } else {
            ""
        };
        match written {
            Ok(n) => self.info(format!(
                "已导出会议材料“{}”（{n}页{chapters_only}，与会议模式各页相同）",
                dest.display()
            )),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Draft the next period's plan from the open one into a new file, then open it.
    pub(super) fn write_next_plan(&mut self) {
        let Some(doc) = &self.doc else { return };
        let Some(from) = self.plan_path() else {
            return;
        };
        let (first, last) = crate::domain::closeout::next::default_next_years(&doc.plan().info);
        let name = crate::domain::file_names::suggested_file_stem(&format!(
            "{}（{first}-{last}年）草稿",
            doc.plan().info.region
        ));
        let Some(dest) = self.dialogs.save_plan(&settings::documents_dir(), &name) else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        match crate::session::next_plan::write_next_plan(doc.plan(), &from, &dest, None) {
            Ok(summary) => {
                let lines = summary.lines(&dest);
                self.open(&dest);
                self.info(lines.join("\n"));
            }
            Err(e) => self.error(e),
        }
    }

    /// Write a Word report for the open plan's year and evaluation date, then let the
    /// system open it. Refuses the plan itself and any file that is not a .docx.
    pub(super) fn export_report(&mut self, kind: crate::exchange::report::ReportKind) {
        use crate::exchange::docx::FontScheme;
        use crate::exchange::report::{ReportOptions, write_report};
        let Some(doc) = &self.doc else { return };
        let name = format!(
            "{}（{}年{}）",
            doc.plan().info.name,
            doc.year(),
            kind.label()
        );
        let Some(dest) = self.dialogs.save_docx(&settings::documents_dir(), &name) else {
            return;
        };
        let plan_path = self.plan_path();
        let protected: Vec<&Path> = plan_path.iter().map(PathBuf::as_path).collect();
        let Some(doc) = &self.doc else { return };
        let options = ReportOptions {
            kind,
            year: doc.year(),
            as_of: doc.as_of(),
            fonts: if self.settings.report_fonts_windows {
                FontScheme::Windows
            } else {
                FontScheme::Gb2312
            },
        };
        match write_report(doc.plan(), &options, &dest, &protected) {
            Ok(placeholders) => {
                self.info(format!(
                    "已生成{}“{}”，其中有{placeholders}处【请补充】（黄色底纹）待补写",
                    kind.label(),
                    dest.display()
                ));
                if let Err(e) = opener::open(&dest) {
                    self.error(format!(
                        "报告已保存到“{}”，但系统没有能打开Word文档的程序（{e}）",
                        dest.display()
                    ));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn export(&mut self) {
        let Some(doc) = &self.doc else { return };
        let name = format!("{}（{}年监测）", doc.plan().info.name, doc.year());
        let dest = match self.xlsx_destination(&name, "导出Excel") {
            None => return,
            Some(Err(e)) => return self.error(e),
            Some(Ok(dest)) => dest,
        };
        let Some(doc) = &self.doc else { return };
        let result = crate::exchange::xlsx_export::export_workbook(
            doc.plan(),
            doc.year(),
            doc.as_of(),
            &dest,
        );
        let undefined = doc
            .findings()
            .iter()
            .filter(|f| f.severity == crate::domain::validate::Severity::Error)
            .count();
        match result {
            Ok(()) if undefined > 0 => self.error(format!(
                "已导出“{}”。注意：有{undefined}处错误（见状态栏“错误”），相关指标在表中为“无法评价”，上报前请更正",
                dest.display()
            )),
            Ok(()) => self.info(format!("已导出“{}”", dest.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn write_template(&mut self, unit: Option<&str>, quarter: Option<u8>) {
        let Some(doc) = &self.doc else { return };
        let period = quarter.map_or_else(String::new, |q| format!("第{q}季度"));
        let name = format!(
            "{}年{period}填报表（{}）",
            doc.year(),
            unit.unwrap_or("全部")
        );
        let dest = match self.xlsx_destination(&name, "生成填报表") {
            None => return,
            Some(Err(e)) => return self.error(e),
            Some(Ok(dest)) => dest,
        };
        let Some(doc) = &self.doc else { return };
        let result = crate::exchange::template::write_template_for_quarter(
            doc.plan(),
            doc.year(),
            unit,
            quarter,
            &dest,
        );
        self.modal = None;
        match result {
            Ok(n) => self.info(format!("已生成填报表“{}”（{n}个指标）", dest.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn write_school_template(&mut self) {
        let Some(doc) = &self.doc else { return };
        let name = format!("{}年学校数据填报表", doc.year());
        let dest = match self.xlsx_destination(&name, "生成学校数据表") {
            None => return,
            Some(Err(e)) => return self.error(e),
            Some(Ok(dest)) => dest,
        };
        let Some(doc) = &self.doc else { return };
        match crate::exchange::schools::write_school_template(doc.plan(), doc.year(), &dest) {
            Ok(n) => self.info(format!("已生成学校数据表“{}”（{n}所学校）", dest.display())),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A provincial or city target into 我的指标库.json, then 对标 against it at once.
    pub(super) fn add_library_target(
        &mut self,
        code: &str,
        target: crate::domain::library::LibraryTarget,
    ) {
        let Some(entry) = self.library.entry(code).cloned() else {
            return;
        };
        let mut own = match settings::load_user_library_from(&self.library_file) {
            Ok(own) => own,
            Err(e) => {
                self.error(e);
                return;
            }
        };
        let level = target.level;
        let mut addition = entry;
        addition.targets = vec![target];
        let name = addition.name.clone();
        own.merge(crate::domain::library::Library::of_entries(
            "",
            vec![addition],
        ));
        if let Err(e) = settings::save_user_library_to(&own, &self.library_file) {
            self.error(e);
            return;
        }
        if self.reload_library() {
            self.info(format!(
                "已为“{name}”保存{}目标（{}）",
                level.label(),
                self.library_file.display()
            ));
        }
    }

    /// Read the library again after the officer's additions changed; false (and a message) when
    /// the additions file could not be used.
    pub(super) fn reload_library(&mut self) -> bool {
        let (library, warning) = settings::load_library_from(&self.library_file);
        self.library = library;
        if let Some(doc) = self.doc.as_mut() {
            doc.set_library(&self.library);
        }
        match warning {
            Some(w) => {
                self.error(w);
                false
            }
            None => true,
        }
    }

    /// Ask for a file and keep it inside the plan, refusing one over 20 MB before reading it.
    pub(super) fn add_evidence(&mut self, owner: crate::domain::EvidenceOwner) {
        if self.doc.is_none() {
            return;
        }
        let Some(path) = self.dialogs.open_any(&settings::documents_dir()) else {
            return;
        };
        let name = path.file_name().map_or_else(
            || "佐证材料".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let size = match std::fs::metadata(&path) {
            Ok(m) => m.len(),
            Err(e) => {
                self.error(format!("无法读取“{}”：{e}", path.display()));
                return;
            }
        };
        if size > crate::domain::MAX_EVIDENCE_BYTES {
            self.error(format!(
                "“{name}”有{:.1} MB，超过佐证材料的上限20 MB，未加入。请压缩或拆分后再添加。",
                size as f64 / 1024.0 / 1024.0
            ));
            return;
        }
        let data = match std::fs::read(&path) {
            Ok(d) => d,
            Err(e) => {
                self.error(format!("无法读取“{}”：{e}", path.display()));
                return;
            }
        };
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        let edit = crate::domain::edit::Edit::AddEvidence {
            owner,
            name: name.clone(),
            added: settings::today(),
            data,
        };
        match doc.apply(&[edit], "添加佐证材料") {
            Ok(()) => {
                let size = doc.file().size_on_disk();
                if size > crate::domain::LARGE_PLAN_BYTES {
                    self.info(format!(
                        "已添加“{name}”。规划文件已有{} MB，邮件可能发不出去；可移除不再需要的佐证材料。",
                        size / 1024 / 1024
                    ));
                } else {
                    self.info(format!("已添加佐证材料“{name}”"));
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn evidence_bytes(
        &mut self,
        id: crate::domain::EvidenceId,
    ) -> Option<(String, Vec<u8>)> {
        let doc = self.doc.as_ref()?;
        let name = doc
            .plan()
            .evidence
            .iter()
            .find(|e| e.id == id)?
            .name
            .clone();
        match doc.file().evidence_data(id) {
            Ok(data) => Some((name, data)),
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// Write the file to a folder of its own and let the system open it. The name comes from
    /// the plan, which may have come from anyone: only its cleaned last component is used,
    /// the path is checked to stay in the folder, and an executable type is never handed to
    /// the system's opener (on Windows opening a .bat or .exe runs it).
    pub(super) fn open_evidence(&mut self, id: crate::domain::EvidenceId) {
        use crate::domain::file_names;
        let Some((name, data)) = self.evidence_bytes(id) else {
            return;
        };
        let safe = file_names::safe_file_name(&name, "佐证材料");
        if let Some(ext) = file_names::executable_extension(&safe) {
            self.error(format!(
                "“{safe}”是可执行类型的文件（.{ext}），打开就会运行其中的程序。规划文件可能来自他人，出于安全考虑，程序不直接打开这类文件；如确需查看，请用“另存为”保存，经杀毒软件检查后再处理。"
            ));
            return;
        }
        let dir = std::env::temp_dir()
            .join("EduPlan佐证材料")
            .join(id.0.to_string());
        let Some(path) = file_names::join_inside(&dir, &name, "佐证材料") else {
            self.error(format!(
                "佐证材料的名称“{safe}”不能用作文件名，请用“另存为”保存后打开。"
            ));
            return;
        };
        let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &data));
        if let Err(e) = written {
            self.error(format!("无法打开“{safe}”：{e}"));
            return;
        }
        if let Err(e) = opener::open(&path) {
            self.error(format!(
                "系统没有能打开“{safe}”的程序（{e}）。可用“另存为”保存后再打开。"
            ));
        }
    }

    pub(super) fn save_evidence(&mut self, id: crate::domain::EvidenceId) {
        let Some((name, data)) = self.evidence_bytes(id) else {
            return;
        };
        let suggested = crate::domain::file_names::safe_file_name(&name, "佐证材料");
        let Some(dest) = self
            .dialogs
            .save_any(&settings::documents_dir(), &suggested)
        else {
            return;
        };
        let tmp = dest.with_extension("eduplan-part");
        let result = std::fs::write(&tmp, &data).and_then(|()| std::fs::rename(&tmp, &dest));
        match result {
            Ok(()) => self.info(format!("已保存到“{}”", dest.display())),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                self.error(format!(
                    "无法写入“{}”：{e}。请换一个位置保存。",
                    dest.display()
                ));
            }
        }
    }

    /// Ask for a plan's text, read its targets and show them for review.
    pub(super) fn extract_from_text(&mut self) {
        if self.doc.is_none() {
            return;
        }
        let Some(path) = self.dialogs.open_document(&settings::documents_dir()) else {
            return;
        };
        let document = match crate::exchange::plan_document::read_plan_document_placed(&path) {
            Ok(d) => d,
            Err(e) => {
                self.error(e.to_string());
                return;
            }
        };
        let proposals = crate::domain::extract::extract_targets(&document.blocks);
        let places = document
            .places_of(&proposals)
            .into_iter()
            .map(|p| p.map(|p| p.describe()))
            .collect();
        if proposals.is_empty() {
            self.info(format!(
                "“{}”中没有找到量化目标（如“毛入园率达到90%以上”“培养骨干教师400人”）。",
                path.display()
            ));
            return;
        }
        self.modal = Some(Modal::Review(crate::ui::review::ReviewState::new(
            path.display().to_string(),
            proposals,
            places,
            self.doc.as_ref().map(|d| d.plan()),
        )));
    }

    /// The chosen library indicators, one chapter per 领域, as one undoable step.
    pub(super) fn add_library_indicators(&mut self, codes: &[String]) {
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        let entries: Vec<_> = self
            .library
            .entries
            .iter()
            .filter(|e| codes.contains(&e.code))
            .collect();
        if entries.is_empty() {
            return;
        }
        let info = &doc.plan().info;
        let outline = crate::domain::drafting::outline_from_library(
            doc.plan(),
            &entries,
            info.base_year,
            info.last_year,
        );
        if let Err(e) = doc.apply(
            &[crate::domain::edit::Edit::AddOutline(outline)],
            "从指标库新建",
        ) {
            self.error(e.to_string());
        }
    }

    pub(super) fn import(&mut self, schools: bool) {
        if self.doc.is_none() {
            return;
        }
        let Some(files) = self.dialogs.open_xlsx_many(&settings::documents_dir()) else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let (preview, action) = if schools {
            (
                crate::exchange::schools::preview_school_import(
                    doc.plan(),
                    &files,
                    Some(doc.year()),
                ),
                "导入学校数据",
            )
        } else {
            (
                crate::exchange::import::preview_import(doc.plan(), &files, Some(doc.year())),
                "导入填报表",
            )
        };
        self.modal = Some(Modal::Import(preview, action));
    }
}

/// The plan a new-plan request describes: the sample's content, or an empty outline.
fn new_plan(request: &NewPlanRequest) -> Result<Plan, String> {
    let name = request.name.trim();
    if name.is_empty() {
        return Err("请填写规划名称".into());
    }
    if request.first_year > request.last_year {
        return Err("规划期的起始年不能晚于终止年".into());
    }
    let mut plan = if request.start == PlanStart::Sample {
        crate::exchange::plan_text::parse_plan_text(settings::SAMPLE_PLAN_TEXT, "示例规划")
            .map_err(|e| e.to_string())?
    } else if request.start != PlanStart::Blank {
        // The library or the plan's text gives the chapters.
        Plan::default()
    } else {
        let mut p = Plan::default();
        for (i, (num, title)) in [
            ("一、", "发展目标"),
            ("二、", "重点任务"),
            ("三、", "保障措施"),
        ]
        .into_iter()
        .enumerate()
        {
            p.sections.push(crate::domain::Section {
                id: crate::domain::SectionId(i as i64 + 1),
                parent: None,
                position: i as i64 + 1,
                numbering: num.into(),
                title: title.into(),
                body: String::new(),
                lead_unit: String::new(),
                co_units: String::new(),
            });
        }
        p
    };
    plan.uid = String::new();
    plan.info = PlanInfo {
        name: name.to_owned(),
        region: request.region.trim().to_owned(),
        base_year: request.first_year - 1,
        first_year: request.first_year,
        last_year: request.last_year,
        remark: if request.start == PlanStart::Sample {
            plan.info.remark.clone()
        } else {
            String::new()
        },
        ..PlanInfo::default()
    };
    Ok(plan)
}
