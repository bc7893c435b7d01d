//! File dialogs behind a small trait: the native ones (rfd) for the program, a scripted one
//! for tests, so that every flow that asks for a file (new plan, open, save as, export,
//! fill-in table, import) can be driven headless. Nothing else in the app calls rfd.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::storage::EXTENSION;
use crate::storage::city::CITY_EXTENSION;

/// The questions the app asks the user about files. `None`: the user cancelled.
pub trait FileDialogs {
    fn open_plan(&mut self, start: &Path) -> Option<PathBuf>;
    fn save_plan(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    fn save_xlsx(&mut self, start: &Path, name: &str, title: &str) -> Option<PathBuf>;
    fn open_xlsx_many(&mut self, start: &Path) -> Option<Vec<PathBuf>>;
    /// A plan's text: .txt or .docx.
    fn open_document(&mut self, start: &Path) -> Option<PathBuf>;
    /// A problem list (.xlsx) from an inspection.
    fn open_problem_list(&mut self, start: &Path) -> Option<PathBuf>;
    /// Any file (佐证材料 to attach).
    fn open_any(&mut self, start: &Path) -> Option<PathBuf>;
    /// Where to save a copy of a file named `name`.
    fn save_any(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// Where to write the meeting pages as a PDF.
    fn save_pdf(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// Where to write a Word report (.docx).
    fn save_docx(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// A colleague's indicator library (.json) to merge into the officer's own.
    fn open_library(&mut self, start: &Path) -> Option<PathBuf>;
    /// Where to write the officer's library additions to share them.
    fn save_library(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// Several districts' plan files for the city comparison.
    fn open_plans_many(&mut self, start: &Path) -> Option<Vec<PathBuf>>;
    /// A folder (of districts' plan files).
    fn pick_folder(&mut self, start: &Path) -> Option<PathBuf>;
    /// An existing city file (.eduplan-city).
    fn open_city(&mut self, start: &Path) -> Option<PathBuf>;
    /// Where to create a new city file.
    fn save_city(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// True once after a question the system could not show at all (no dialog came up): the
    /// app then asks for the path in a field of its own.
    fn take_unavailable(&mut self) -> bool {
        false
    }
}

/// The app's dialogs: the system's (or scripted) ones, and a path the officer typed into the
/// fallback field, which answers the next question instead.
pub struct Dialogs {
    inner: Box<dyn FileDialogs>,
    typed: Option<Vec<PathBuf>>,
}

impl Dialogs {
    pub fn new(inner: Box<dyn FileDialogs>) -> Self {
        Dialogs { inner, typed: None }
    }
    /// The next question is answered with what the officer typed (several files: `;`).
    pub fn answer_typed(&mut self, text: &str) {
        let paths: Vec<PathBuf> = text
            .split(';')
            .map(|p| p.trim().trim_matches('"'))
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect();
        self.typed = (!paths.is_empty()).then_some(paths);
    }
    /// A typed answer no question used is not kept for a later one.
    pub fn forget_typed(&mut self) {
        self.typed = None;
    }
    pub fn take_unavailable(&mut self) -> bool {
        self.inner.take_unavailable()
    }
}

macro_rules! typed_or_asked {
    ($( fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> Option<$ret:ty> => $pick:expr; )*) => {
        impl FileDialogs for Dialogs {
            $( fn $name(&mut self $(, $arg: $ty)*) -> Option<$ret> {
                match self.typed.take() {
                    Some(paths) => {
                        let pick: fn(Vec<PathBuf>) -> Option<$ret> = $pick;
                        pick(paths)
                    }
                    None => self.inner.$name($($arg),*),
                }
            } )*
            fn take_unavailable(&mut self) -> bool {
                self.inner.take_unavailable()
            }
        }
    };
}

fn first(paths: Vec<PathBuf>) -> Option<PathBuf> {
    paths.into_iter().next()
}

typed_or_asked! {
    fn open_plan(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn save_plan(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
    fn save_xlsx(&mut self, start: &Path, name: &str, title: &str) -> Option<PathBuf> => first;
    fn open_xlsx_many(&mut self, start: &Path) -> Option<Vec<PathBuf>> => Some;
    fn open_document(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn open_problem_list(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn open_any(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn save_any(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
    fn save_pdf(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
    fn save_docx(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
    fn open_library(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn save_library(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
    fn open_plans_many(&mut self, start: &Path) -> Option<Vec<PathBuf>> => Some;
    fn pick_folder(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn open_city(&mut self, start: &Path) -> Option<PathBuf> => first;
    fn save_city(&mut self, start: &Path, name: &str) -> Option<PathBuf> => first;
}

/// The operating system's dialogs. On Linux they need xdg-desktop-portal or zenity; without
/// either, rfd returns at once as if cancelled, which no officer can do within a moment.
#[derive(Default)]
pub struct NativeDialogs {
    unavailable: bool,
}

impl NativeDialogs {
    fn watch<T>(&mut self, ask: impl FnOnce() -> Option<T>) -> Option<T> {
        let started = std::time::Instant::now();
        let answer = ask();
        self.unavailable = answer.is_none()
            && !cfg!(windows)
            && started.elapsed() < std::time::Duration::from_millis(250);
        answer
    }
}

/// Dialogs start in Documents\EduPlan; make it on first use (best effort: the dialog still
/// opens elsewhere if it cannot be made).
fn start_in(dir: &Path) -> &Path {
    let _ = std::fs::create_dir_all(dir);
    dir
}

fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        p
    } else {
        p.with_extension(ext)
    }
}

impl FileDialogs for NativeDialogs {
    fn open_plan(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("打开规划文件")
                .set_directory(start_in(start))
                .add_filter("EduPlan规划文件", &[EXTENSION])
                .pick_file()
        })
    }

    fn save_plan(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("保存规划文件")
                .set_directory(start_in(start))
                .set_file_name(format!(
                    "{}.{EXTENSION}",
                    crate::domain::file_names::suggested_file_stem(name)
                ))
                .add_filter("EduPlan规划文件", &[EXTENSION])
                .save_file()
                .map(|p| with_extension(p, EXTENSION))
        })
    }

    fn save_xlsx(&mut self, start: &Path, name: &str, title: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title(title)
                .set_directory(start_in(start))
                .set_file_name(format!(
                    "{}.xlsx",
                    crate::domain::file_names::suggested_file_stem(name)
                ))
                .add_filter("Excel工作簿", &["xlsx"])
                .save_file()
                .map(|p| with_extension(p, "xlsx"))
        })
    }

    fn open_xlsx_many(&mut self, start: &Path) -> Option<Vec<PathBuf>> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择交回的填报表")
                .set_directory(start_in(start))
                .add_filter("Excel工作簿", &["xlsx"])
                .pick_files()
        })
    }

    fn open_document(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择规划文本")
                .set_directory(start_in(start))
                .add_filter("规划文本（Word文档、PDF、纯文本）", &["docx", "pdf", "txt"])
                .pick_file()
        })
    }

    fn open_problem_list(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择问题清单（督导、审计、巡察反馈）")
                .set_directory(start_in(start))
                .add_filter("Excel工作簿", &["xlsx"])
                .pick_file()
        })
    }

    fn open_any(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择佐证材料（照片、扫描件、PDF等，不超过20 MB）")
                .set_directory(start_in(start))
                .pick_file()
        })
    }

    fn save_any(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("佐证材料另存为")
                .set_directory(start_in(start))
                .set_file_name(crate::domain::file_names::safe_file_name(name, "佐证材料"))
                .save_file()
        })
    }

    fn save_pdf(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("导出会议材料（PDF）")
                .set_directory(start_in(start))
                .set_file_name(format!(
                    "{}.pdf",
                    crate::domain::file_names::suggested_file_stem(name)
                ))
                .add_filter("PDF文档", &["pdf"])
                .save_file()
                .map(|p| with_extension(p, "pdf"))
        })
    }

    fn save_docx(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("导出报告（Word）")
                .set_directory(start_in(start))
                .set_file_name(format!("{name}.docx"))
                .add_filter("Word文档", &["docx"])
                .save_file()
                .map(|p| with_extension(p, "docx"))
        })
    }

    fn open_library(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("导入指标库（同事导出的省级、市级目标）")
                .set_directory(start_in(start))
                .add_filter("EduPlan指标库", &["json"])
                .pick_file()
        })
    }

    fn save_library(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("导出本人添加的目标")
                .set_directory(start_in(start))
                .set_file_name(format!(
                    "{}.json",
                    crate::domain::file_names::suggested_file_stem(name)
                ))
                .add_filter("EduPlan指标库", &["json"])
                .save_file()
                .map(|p| with_extension(p, "json"))
        })
    }

    fn open_plans_many(&mut self, start: &Path) -> Option<Vec<PathBuf>> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择各区县的规划文件（可多选）")
                .set_directory(start_in(start))
                .add_filter("EduPlan规划文件", &[EXTENSION])
                .pick_files()
        })
    }

    fn pick_folder(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("选择存放各区县规划文件的文件夹")
                .set_directory(start_in(start))
                .pick_folder()
        })
    }

    fn open_city(&mut self, start: &Path) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("打开市级汇总文件")
                .set_directory(start_in(start))
                .add_filter("EduPlan市级汇总文件", &[CITY_EXTENSION])
                .pick_file()
        })
    }

    fn save_city(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        self.watch(|| {
            rfd::FileDialog::new()
                .set_title("新建市级汇总文件")
                .set_directory(start_in(start))
                .set_file_name(format!("{name}.{CITY_EXTENSION}"))
                .add_filter("EduPlan市级汇总文件", &[CITY_EXTENSION])
                .save_file()
                .map(|p| with_extension(p, CITY_EXTENSION))
        })
    }

    fn take_unavailable(&mut self) -> bool {
        std::mem::take(&mut self.unavailable)
    }
}

/// Answers given in advance, one per question, in order; no answer left means "cancel".
/// Clones share the queue, so a test keeps one and hands the other to the app.
#[derive(Clone, Default)]
pub struct ScriptedDialogs {
    answers: Rc<RefCell<VecDeque<Option<Vec<PathBuf>>>>>,
    asked: Rc<RefCell<Vec<String>>>,
    /// Which answers (by position in the queue) stand for "no dialog could be shown".
    unavailable_next: Rc<RefCell<VecDeque<usize>>>,
    was_unavailable: Rc<RefCell<bool>>,
}

impl ScriptedDialogs {
    /// The next question is answered with this file.
    pub fn answer(&self, path: impl Into<PathBuf>) {
        self.answers.borrow_mut().push_back(Some(vec![path.into()]));
    }
    /// The next question is answered with these files.
    pub fn answer_many(&self, paths: Vec<PathBuf>) {
        self.answers.borrow_mut().push_back(Some(paths));
    }
    /// The next question is cancelled.
    pub fn cancel(&self) {
        self.answers.borrow_mut().push_back(None);
    }
    /// The next question cannot be shown: the system has no file dialog.
    pub fn unavailable(&self) {
        self.unavailable_next
            .borrow_mut()
            .push_back(self.answers.borrow().len());
        self.answers.borrow_mut().push_back(None);
    }
    /// The titles of the questions asked so far.
    pub fn asked(&self) -> Vec<String> {
        self.asked.borrow().clone()
    }

    fn next(&self, question: &str) -> Option<Vec<PathBuf>> {
        self.asked.borrow_mut().push(question.to_owned());
        let mut marks = self.unavailable_next.borrow_mut();
        let unavailable = marks.front() == Some(&0);
        if unavailable {
            marks.pop_front();
        }
        for m in marks.iter_mut() {
            *m = m.saturating_sub(1);
        }
        *self.was_unavailable.borrow_mut() = unavailable;
        self.answers.borrow_mut().pop_front().flatten()
    }
    fn next_one(&self, question: &str) -> Option<PathBuf> {
        self.next(question).and_then(|v| v.into_iter().next())
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_plan(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("打开规划文件")
    }
    fn save_plan(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("保存规划文件")
    }
    fn save_xlsx(&mut self, _start: &Path, _name: &str, title: &str) -> Option<PathBuf> {
        self.next_one(title)
    }
    fn open_xlsx_many(&mut self, _start: &Path) -> Option<Vec<PathBuf>> {
        self.next("选择交回的填报表")
    }
    fn open_document(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("选择规划文本")
    }
    fn open_any(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("选择佐证材料")
    }
    fn open_problem_list(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("选择问题清单")
    }
    fn save_any(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("佐证材料另存为")
    }
    fn open_library(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("导入指标库")
    }
    fn save_pdf(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("导出会议材料（PDF）")
    }
    fn save_docx(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("导出报告（Word）")
    }
    fn save_library(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("导出本人添加的目标")
    }
    fn open_plans_many(&mut self, _start: &Path) -> Option<Vec<PathBuf>> {
        self.next("选择各区县的规划文件")
    }
    fn pick_folder(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("选择文件夹")
    }
    fn open_city(&mut self, _start: &Path) -> Option<PathBuf> {
        self.next_one("打开市级汇总文件")
    }
    fn save_city(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        self.next_one("新建市级汇总文件")
    }
    fn take_unavailable(&mut self) -> bool {
        std::mem::take(&mut *self.was_unavailable.borrow_mut())
    }
}
