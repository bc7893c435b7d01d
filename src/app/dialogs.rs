//! Native file dialogs, fenced into one place. Tests never open one: the app is built with
//! dialogs switched off there, and these functions are not called.

use std::path::{Path, PathBuf};

/// Dialogs start in Documents\EduPlan; make it on first use (best effort: the dialog still
/// opens elsewhere if it cannot be made).
fn start_in(dir: &Path) -> &Path {
    let _ = std::fs::create_dir_all(dir);
    dir
}

pub fn open_plan(start: &Path) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("打开规划文件")
        .set_directory(start_in(start))
        .add_filter("EduPlan规划文件", &[crate::storage::EXTENSION])
        .pick_file()
}

pub fn save_plan(start: &Path, name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("保存规划文件")
        .set_directory(start_in(start))
        .set_file_name(format!("{name}.{}", crate::storage::EXTENSION))
        .add_filter("EduPlan规划文件", &[crate::storage::EXTENSION])
        .save_file()
        .map(|p| with_extension(p, crate::storage::EXTENSION))
}

pub fn save_xlsx(start: &Path, name: &str, title: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title(title)
        .set_directory(start_in(start))
        .set_file_name(format!("{name}.xlsx"))
        .add_filter("Excel工作簿", &["xlsx"])
        .save_file()
        .map(|p| with_extension(p, "xlsx"))
}

pub fn open_xlsx_many(start: &Path) -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("选择交回的填报表")
        .set_directory(start_in(start))
        .add_filter("Excel工作簿", &["xlsx"])
        .pick_files()
}

fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        p
    } else {
        p.with_extension(ext)
    }
}
