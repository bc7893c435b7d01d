//! Where the officer's files live (data folder, documents, the sample's copy, the officer's own
//! library file) and today's date: what the window and the command line share.
//! No egui here.

use std::path::{Path, PathBuf};

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The user's own data folder for EduPlan (AppData on Windows); no administrator rights needed.
pub fn data_dir() -> PathBuf {
    if cfg!(windows)
        && let Some(appdata) = env_path("APPDATA")
    {
        return appdata.join("EduPlan");
    }
    if let Some(xdg) = env_path("XDG_DATA_HOME") {
        return xdg.join("eduplan");
    }
    env_path("HOME").map_or_else(
        || PathBuf::from("."),
        |h| h.join(".local").join("share").join("eduplan"),
    )
}

/// Where new plans are suggested: Documents\EduPlan.
pub fn documents_dir() -> PathBuf {
    let home = env_path(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .unwrap_or_else(|| PathBuf::from("."));
    home.join("Documents").join("EduPlan")
}

/// The bundled sample plan, as text; the file in the repository is never modified.
pub const SAMPLE_PLAN_TEXT: &str =
    include_str!("../../sample_plans/longtan-14th-five-year-education-plan.json");

/// The user's copy of the sample plan, made on first use.
pub fn sample_copy() -> Result<PathBuf, String> {
    let dir = data_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("无法创建数据文件夹“{}”：{e}", dir.display()))?;
    let path = dir.join("龙潭区教育事业发展十四五规划（示例）.eduplan");
    if !path.exists() {
        let plan = crate::exchange::plan_text::parse_plan_text(SAMPLE_PLAN_TEXT, "示例规划")
            .map_err(|e| e.to_string())?;
        crate::storage::PlanFile::create(&path, &plan).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

/// The officer's own additions to the indicator library (provincial and city targets, own
/// indicators), in the user's data folder.
pub fn user_library_path() -> PathBuf {
    data_dir().join("我的指标库.json")
}

/// The built-in library with the officer's additions; a broken additions file is reported and
/// left alone (the built-in library still works).
pub fn load_library() -> (crate::domain::library::Library, Option<String>) {
    load_library_from(&user_library_path())
}

pub fn load_library_from(path: &Path) -> (crate::domain::library::Library, Option<String>) {
    let mut library = crate::domain::library::Library::builtin();
    let Ok(text) = std::fs::read_to_string(path) else {
        return (library, None);
    };
    match crate::domain::library::Library::parse(&text) {
        Ok(own) => {
            library.merge(own);
            (library, None)
        }
        Err(e) => (library, Some(format!("未使用“{}”：{e}", path.display()))),
    }
}

/// The officer's additions alone (empty when there are none yet).
pub fn load_user_library() -> Result<crate::domain::library::Library, String> {
    load_user_library_from(&user_library_path())
}

pub fn load_user_library_from(path: &Path) -> Result<crate::domain::library::Library, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => crate::domain::library::Library::parse(&text)
            .map_err(|e| format!("“{}”{e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(crate::domain::library::Library::of_entries(
                "本人添加的省级、市级目标和指标",
                Vec::new(),
            ))
        }
        Err(e) => Err(format!("无法读取“{}”：{e}", path.display())),
    }
}

/// Save the officer's additions: written beside and renamed over, so a crash never leaves half
/// a file.
pub fn save_user_library(own: &crate::domain::library::Library) -> Result<(), String> {
    save_user_library_to(own, &user_library_path())
}

pub fn save_user_library_to(
    own: &crate::domain::library::Library,
    path: &Path,
) -> Result<(), String> {
    let dir = path.parent().map_or_else(data_dir, Path::to_path_buf);
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("无法创建数据文件夹“{}”：{e}", dir.display()))?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, own.to_json()).map_err(|e| format!("无法写入“{}”：{e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("无法写入“{}”：{e}", path.display()))
}

/// Write the officer's additions to `out` (a .json file to share with colleagues); returns how
/// many entries were written.
pub fn export_user_library(library_file: &Path, out: &Path) -> Result<usize, String> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Err("指标库文件名必须以 .json 结尾".to_owned());
    }
    if out == library_file {
        return Err("不能导出到本人指标库文件本身，请另选位置".to_owned());
    }
    let own = load_user_library_from(library_file)?;
    if own.entries.is_empty() {
        return Err("还没有本人添加的省级、市级目标可以导出。请先在“对标”视图中添加。".to_owned());
    }
    let tmp = out.with_extension("json.tmp");
    std::fs::write(&tmp, own.to_json())
        .and_then(|()| std::fs::rename(&tmp, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("无法写入“{}”：{e}。请换一个位置保存。", out.display())
        })?;
    Ok(own.entries.len())
}

/// Merge a colleague's library file into the officer's additions (the incoming target wins for
/// the same indicator and level); a file that is not a library changes nothing.
pub fn import_user_library(library_file: &Path, file: &Path) -> Result<usize, String> {
    let text =
        std::fs::read_to_string(file).map_err(|e| format!("无法读取“{}”：{e}", file.display()))?;
    let incoming = crate::domain::library::Library::parse(&text)
        .map_err(|e| format!("“{}”{e}，未导入。", file.display()))?;
    let mut own = load_user_library_from(library_file)?;
    let n = incoming.entries.len();
    own.merge(incoming);
    save_user_library_to(&own, library_file)?;
    Ok(n)
}

/// Today in the officer's time zone (tasks and 整改 deadlines are judged against it).
pub fn today() -> crate::domain::Date {
    jiff::Zoned::now().date()
}

/// Write a PDF made for the officer to `path`, whole or not at all. Refuses a name that does
/// not end in .pdf and an existing file that is not a PDF (never over a plan or a workbook).
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err("输出文件名必须以 .pdf 结尾".to_owned());
    }
    if path.is_file() && !std::fs::read(path).is_ok_and(|b| b.starts_with(b"%PDF")) {
        return Err(format!(
            "无法写入“{}”：已有同名的文件且不是PDF，不能覆盖它。请换一个位置保存。",
            path.display()
        ));
    }
    crate::exchange::replace_atomically(path, bytes).map_err(|e| match e {
        crate::exchange::ExchangeError::Write(p, why) => {
            format!("无法写入“{p}”：{why}。请换一个位置保存。")
        }
        other => format!("无法写入“{}”：{other}。请换一个位置保存。", path.display()),
    })
}
