//! Architecture invariants (ARCHITECTURE.md) checked on the source text, so that they stay
//! true: the command line never reaches into the GUI, views never touch the disk, the session
//! layer knows nothing of egui, no source file grows past the size one reader can hold, and
//! every crate's lib.rs says what it must not depend on.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Lines of `dir`'s sources (comments excluded) that contain one of `words`.
fn offending_lines(dir: &str, words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for file in rust_files(&root().join(dir)) {
        let text = std::fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if let Some(w) = words.iter().find(|w| code.contains(*w)) {
                out.push(format!("{}:{}: {w}", file.display(), n + 1));
            }
        }
    }
    out
}

#[test]
fn the_command_line_never_imports_the_gui() {
    let bad = offending_lines("src/cli", &["crate::app", "crate::ui", "egui::", "eframe"]);
    assert!(
        bad.is_empty(),
        "the command line uses crate::session, not the GUI:\n{}",
        bad.join("\n")
    );
}

#[test]
fn views_never_touch_the_file_system() {
    let file_system = [
        "std::fs",
        "File::create",
        "File::open",
        "write_atomically",
        "replace_atomically",
        "opener::",
        "PlanFile",
    ];
    let mut bad = offending_lines("src/ui", &file_system);
    bad.extend(offending_lines("src/draw", &file_system));
    bad.extend(offending_lines("src/draw", &["crate::app", "crate::ui"]));
    assert!(
        bad.is_empty(),
        "views return what to write; the shell or the command line writes it:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_session_layer_knows_nothing_of_the_gui() {
    let bad = offending_lines(
        "src/session",
        &["egui", "eframe", "crate::app", "crate::ui"],
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The plan's data types depend on nothing else of the domain, so every rule module may use
/// them and none of them is needed to read a plan: the circle model ↔ balance ↔ closeout ↔
/// commitments ↔ rules stays broken.
#[test]
fn the_model_is_data_that_depends_on_no_rule() {
    let mut bad = Vec::new();
    for file in rust_files(&root().join("crates/eduplan-domain/src/model")) {
        let text = std::fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(at) = rest.find("crate::") {
                let path = &rest[at + "crate::".len()..];
                if !(path.starts_with("codes") || path.starts_with("model")) {
                    bad.push(format!("{}:{}: {}", file.display(), n + 1, code.trim()));
                }
                rest = path;
            }
        }
    }
    assert!(
        bad.is_empty(),
        "model/ holds data only; move the rule out or the type in:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_source_file_is_too_long_to_read() {
    const MAX_LINES: usize = 900;
    let mut long = Vec::new();
    // Sources only: a test file may hold one long table of cases.
    let mut dirs = vec![root().join("src")];
    for krate in ["eduplan-domain", "eduplan-storage", "eduplan-exchange"] {
        dirs.push(root().join("crates").join(krate).join("src"));
    }
    for dir in dirs {
        for file in rust_files(&dir) {
            let lines = std::fs::read_to_string(&file)
                .expect("source")
                .lines()
                .count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these along their seams:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_crate_says_what_it_must_not_depend_on() {
    for krate in ["eduplan-domain", "eduplan-storage", "eduplan-exchange"] {
        let lib = root().join("crates").join(krate).join("src/lib.rs");
        let text = std::fs::read_to_string(&lib).expect("lib.rs");
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            doc.contains("never") || doc.contains("nothing of") || doc.contains("no egui"),
            "{krate}'s lib.rs must open with what it must not depend on"
        );
    }
}
