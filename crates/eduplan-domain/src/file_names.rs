//! Names that arrive inside a plan (a 佐证材料's name, a plan's name) and later become the
//! name of a file on the officer's computer. A plan file can come by e-mail from anyone, so
//! such a name is treated as hostile: only its last component is used, cleaned of everything
//! Windows or Linux would read as a path, a device or a stream, and executable types are
//! flagged so that the program never hands one to the system's opener.
//!
//! Pure string rules; the app joins the result to a folder and checks the join.

/// Why a name from a plan cannot be used as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// It names a folder (`../x`, `C:\x`, `/etc/x`, `\\server\x`); only the last part is used.
    HasPath,
    /// A Windows device name (CON, NUL, COM1 …) or characters a file name cannot hold.
    NotAFileName,
    /// An executable type (.exe, .bat, .lnk …): opening it would run it.
    Executable(String),
}

impl NameProblem {
    pub fn describe(&self) -> String {
        match self {
            NameProblem::HasPath => "名称中含有文件夹路径".to_owned(),
            NameProblem::NotAFileName => "名称不是合法的文件名".to_owned(),
            NameProblem::Executable(ext) => format!("是可执行类型（.{ext}），打开即会运行"),
        }
    }
}

/// Extensions that Windows runs (or that run something) when a file is opened: these never go
/// to the system's opener, whatever the plan says they are.
const EXECUTABLE_EXTENSIONS: &[&str] = &[
    "exe",
    "com",
    "bat",
    "cmd",
    "scr",
    "pif",
    "cpl",
    "msi",
    "msp",
    "mst",
    "msc",
    "vb",
    "vbs",
    "vbe",
    "js",
    "jse",
    "ws",
    "wsf",
    "wsc",
    "wsh",
    "ps1",
    "ps1xml",
    "ps2",
    "psc1",
    "psm1",
    "hta",
    "lnk",
    "url",
    "reg",
    "inf",
    "scf",
    "jar",
    "dll",
    "sys",
    "drv",
    "ocx",
    "gadget",
    "application",
    "appref-ms",
    "settingcontent-ms",
    "library-ms",
    "searchconnector-ms",
    "chm",
    "hlp",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "sh",
    "desktop",
    "appimage",
    "run",
    "bin",
    "command",
    "app",
    "py",
    "pyw",
    "pl",
    "rb",
    "xll",
    "xlam",
    "docm",
    "xlsm",
    "pptm",
    "dotm",
    "xltm",
];

const RESERVED_DEVICE_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9",
];

/// The longest file name written for the officer (characters; Windows allows 255 UTF-16 units).
const MAX_NAME_CHARS: usize = 120;

/// A file name that is safe to create inside a folder of the program's own: the last path
/// component, without device names, streams (`:`), control characters, trailing dots or
/// spaces, at most `MAX_NAME_CHARS` long. Never empty: `fallback` stands in for nothing left.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = last_component(name);
    let cleaned: String = last
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned
        .trim_matches(|c: char| c == ' ' || c == '.')
        .to_owned();
    let shortened = shorten_keeping_extension(&trimmed);
    if shortened.is_empty() || shortened.chars().all(|c| c == '_') {
        return fallback.to_owned();
    }
    if is_device_name(&shortened) {
        return format!("_{shortened}");
    }
    shortened
}

/// What is wrong with `name` as a 佐证材料's file name (the first problem found), if anything.
pub fn name_problem(name: &str) -> Option<NameProblem> {
    if last_component(name) != name || looks_like_drive(name) {
        return Some(NameProblem::HasPath);
    }
    let safe = safe_file_name(name, "");
    if safe != name {
        return Some(NameProblem::NotAFileName);
    }
    executable_extension(name).map(NameProblem::Executable)
}

/// The extension of `name` when it is one that runs when opened.
pub fn executable_extension(name: &str) -> Option<String> {
    // Windows ignores trailing dots and spaces: "x.bat. " runs as a .bat file.
    let name = name.trim_end_matches(['.', ' ']);
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    EXECUTABLE_EXTENSIONS.contains(&ext.as_str()).then_some(ext)
}

/// A suggested file name built from a plan's own words (its name, a year): cleaned the same way.
pub fn suggested_file_stem(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(MAX_NAME_CHARS)
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '.');
    if trimmed.is_empty() || is_device_name(trimmed) {
        "规划".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `folder` joined with the cleaned `name`, checked to lie directly inside `folder` (no
/// `..`, root, drive or second component can survive the cleaning; the check makes sure).
pub fn join_inside(
    folder: &std::path::Path,
    name: &str,
    fallback: &str,
) -> Option<std::path::PathBuf> {
    use std::path::Component;
    let safe = safe_file_name(name, fallback);
    let mut parts = std::path::Path::new(&safe).components();
    let only_normal = matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none();
    let joined = folder.join(&safe);
    (only_normal && joined.parent() == Some(folder)).then_some(joined)
}

fn last_component(name: &str) -> &str {
    let after_separator = name.rsplit(['/', '\\']).next().unwrap_or(name);
    // "C:x.bat" names a file relative to drive C's current folder.
    if looks_like_drive(after_separator) {
        &after_separator[2..]
    } else {
        after_separator
    }
}

fn looks_like_drive(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    RESERVED_DEVICE_NAMES
        .iter()
        .any(|d| d.eq_ignore_ascii_case(stem))
}

fn shorten_keeping_extension(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 16 => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            format!("{}.{ext}", stem.chars().take(keep).collect::<String>())
        }
        _ => name.chars().take(MAX_NAME_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_component_survives() {
        assert_eq!(safe_file_name("../../x.pdf", "f"), "x.pdf");
        assert_eq!(safe_file_name("..\\..\\Startup\\run.pdf", "f"), "run.pdf");
        assert_eq!(safe_file_name("C:\\Windows\\x.jpg", "f"), "x.jpg");
        assert_eq!(safe_file_name("C:x.jpg", "f"), "x.jpg");
        assert_eq!(safe_file_name("/etc/passwd", "f"), "passwd");
        assert_eq!(safe_file_name("\\\\server\\share\\a.png", "f"), "a.png");
        assert_eq!(safe_file_name("..", "佐证材料"), "佐证材料");
        assert_eq!(safe_file_name("", "佐证材料"), "佐证材料");
        assert_eq!(safe_file_name("a.pdf:stream", "f"), "a.pdf_stream");
    }

    #[test]
    fn devices_and_trailing_dots_are_defused() {
        assert_eq!(safe_file_name("CON", "f"), "_CON");
        assert_eq!(safe_file_name("nul.txt", "f"), "_nul.txt");
        assert_eq!(safe_file_name("com1.pdf", "f"), "_com1.pdf");
        assert_eq!(safe_file_name("报告.pdf. . ", "f"), "报告.pdf");
        assert_eq!(safe_file_name("照片\u{0}.jpg", "f"), "照片_.jpg");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "长".repeat(500));
        let safe = safe_file_name(&long, "f");
        assert_eq!(safe.chars().count(), MAX_NAME_CHARS);
        assert!(safe.ends_with(".pdf"));
    }

    #[test]
    fn executables_are_named() {
        assert_eq!(executable_extension("说明.BAT"), Some("bat".to_owned()));
        assert_eq!(executable_extension("x.bat. "), Some("bat".to_owned()));
        assert_eq!(executable_extension("快捷方式.lnk"), Some("lnk".to_owned()));
        assert_eq!(executable_extension("照片.jpg"), None);
        assert_eq!(executable_extension("无扩展名"), None);
    }

    #[test]
    fn problems_in_a_plan() {
        assert_eq!(name_problem("../x.pdf"), Some(NameProblem::HasPath));
        assert_eq!(name_problem("D:x.pdf"), Some(NameProblem::HasPath));
        assert_eq!(name_problem("CON"), Some(NameProblem::NotAFileName));
        assert_eq!(
            name_problem("a.exe"),
            Some(NameProblem::Executable("exe".to_owned()))
        );
        assert_eq!(name_problem("验收意见.pdf"), None);
    }

    #[test]
    fn joined_paths_stay_in_their_folder() {
        let folder = std::path::Path::new("/tmp/EduPlan佐证材料/7");
        for hostile in [
            "../../../../home/user/.bashrc",
            "..\\..\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat",
            "/etc/cron.d/x",
            "C:\\Windows\\System32\\x.dll",
            "C:x.exe",
            "\\\\server\\share\\x.pdf",
            "..",
            ".",
            "NUL",
            "",
        ] {
            let path = join_inside(folder, hostile, "佐证材料").expect(hostile);
            assert_eq!(path.parent(), Some(folder), "{hostile}");
        }
        assert_eq!(
            join_inside(folder, "照片.jpg", "f"),
            Some(folder.join("照片.jpg"))
        );
    }

    #[test]
    fn suggestions_from_plan_names() {
        assert_eq!(suggested_file_stem("龙潭区/规划"), "龙潭区_规划");
        assert_eq!(suggested_file_stem("..\\..\\x"), "_.._x");
        assert_eq!(suggested_file_stem("  "), "规划");
        assert_eq!(suggested_file_stem("aux"), "规划");
    }
}
