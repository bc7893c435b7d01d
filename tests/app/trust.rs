//! Trust against hostile and everyday input: evidence names from a plan that came by e-mail,
//! read-only plans opened by an ordinary user, lying workbooks, text too long for any cell,
//! two writers at the same instant, and values that must follow their counts.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use eduplan::domain::edit::{ActualField, Edit, Field, TaskField, Value};
use eduplan::domain::validate::{FindingKind, validate_plan};
use eduplan::domain::{EvidenceOwner, IndicatorKind, Plan, SectionId, TaskId};
use eduplan::exchange::import::preview_import;
use eduplan::exchange::template::write_template;
use eduplan::storage::PlanFile;

fn eduplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run eduplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn load(path: &Path) -> Plan {
    PlanFile::read_only(path)
        .expect("open")
        .load()
        .expect("load")
}

fn apply(path: &Path, edits: &[Edit]) {
    PlanFile::open(path)
        .expect("open")
        .apply(edits, "测试")
        .expect("apply");
}

#[test]
fn evidence_named_like_a_path_or_a_program_is_a_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let task = plan.tasks[0].id;
    let hostile = [
        "../../../../AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/x.pdf",
        "C:\\Windows\\System32\\drivers\\etc\\hosts",
        "D:照片.jpg",
        "CON",
        "说明.bat",
        "快捷方式.lnk",
    ];
    let mut edits: Vec<Edit> = hostile
        .iter()
        .map(|name| Edit::AddEvidence {
            owner: EvidenceOwner::Task(task),
            name: (*name).to_owned(),
            added: "2024-06-30".parse().expect("date"),
            data: b"x".to_vec(),
        })
        .collect();
    edits.push(Edit::AddEvidence {
        owner: EvidenceOwner::Task(task),
        name: "验收照片.jpg".to_owned(),
        added: "2024-06-30".parse().expect("date"),
        data: b"x".to_vec(),
    });
    apply(&path, &edits);
    let plan = load(&path);
    let flagged: Vec<String> = validate_plan(&plan, 2024)
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::UnsafeEvidenceName { name, .. } => Some(name),
            _ => None,
        })
        .collect();
    assert_eq!(flagged.len(), hostile.len(), "{flagged:?}");
    assert!(!flagged.iter().any(|n| n == "验收照片.jpg"));

    let (_, out, _) = eduplan(&["findings", s(&path), "--format", "tsv"]);
    assert!(
        out.contains("说明.bat") && out.contains("可执行类型"),
        "{out}"
    );
    assert!(out.contains("名称中含有文件夹路径"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_read_only_plan_opens_for_a_user_who_is_not_an_administrator() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = common::fixture_file(&dir);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("read");
    // CI runs as root, which may write any file and so hides the fault: run as `nobody`.
    let exe = env!("CARGO_BIN_EXE_eduplan");
    let as_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let mut cmd = if as_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", exe]);
        c
    } else {
        Command::new(exe)
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    // Another user (here the test's own) read a plan first in the same shared temporary
    // folder: its snapshot folder must not stand in the way of this user's.
    let first = Command::new(exe)
        .args(["status", s(&path), "--format", "tsv"])
        .env("TMPDIR", tmp.path())
        .output()
        .expect("run eduplan");
    assert_eq!(first.status.code(), Some(0));
    let out = cmd
        .args(["status", s(&path), "--format", "tsv"])
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::null())
        .output()
        .expect("run eduplan");
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    if as_root && err.contains("setpriv") {
        panic!("cannot drop privileges here: {err}");
    }
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(stdout.contains("义务教育巩固率"), "{stdout}");
    assert!(!err.contains("损坏"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // The snapshot went away with the process.
    let left: Vec<_> = walk(tmp.path());
    assert!(
        left.iter()
            .all(|p| !p.to_string_lossy().contains("eduplan-view-")),
        "{left:?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_damaged_plan_is_named_as_the_users_file_never_the_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    bytes[len / 2..len / 2 + 4096].fill(0xAB);
    std::fs::write(&path, &bytes).expect("write");
    let err = PlanFile::read_only(&path).err().expect("refused");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(!text.contains("eduplan-view-"), "{text}");
}

#[test]
fn snapshots_left_by_killed_processes_are_cleared_but_live_ones_kept() {
    let folder = eduplan::storage::snapshot_folder();
    std::fs::create_dir_all(&folder).expect("folder");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    // A live view: its snapshot is held.
    let live = PlanFile::read_only(&path).expect("view");
    let live_snapshot = live.path().to_owned();
    // Leftovers of killed readers: copies nobody holds.
    let stale: Vec<PathBuf> = (0..5)
        .map(|i| {
            let p = folder.join(format!(
                "eduplan-view-999999-test{i}-{}.eduplan",
                std::process::id()
            ));
            std::fs::copy(&path, &p).expect("copy");
            p
        })
        .collect();
    eduplan::storage::remove_stale_snapshots(&folder, std::time::Duration::ZERO);
    for p in &stale {
        assert!(!p.exists(), "{} should be gone", p.display());
    }
    assert!(live_snapshot.exists(), "a snapshot in use is kept");
    assert_eq!(
        live.load().expect("still readable").indicators.len(),
        load(&path).indicators.len()
    );
    drop(live);
    assert!(
        !live_snapshot.exists(),
        "a view removes its snapshot when closed"
    );
}

#[test]
fn two_writers_started_at_the_same_instant_both_get_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let exe = env!("CARGO_BIN_EXE_eduplan");
    for round in 0..12 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = [
            ("义务教育巩固率", format!("99.{:02}", 10 + round)),
            ("学前三年毛入园率", format!("9{}.1", round % 10)),
        ]
        .into_iter()
        .map(|(name, value)| {
            let barrier = barrier.clone();
            let path = path.clone();
            std::thread::spawn(move || {
                barrier.wait();
                Command::new(exe)
                    .args([
                        "set",
                        s(&path),
                        "--indicator",
                        name,
                        "--year",
                        "2024",
                        "--value",
                        &value,
                    ])
                    .stdin(Stdio::null())
                    .output()
                    .expect("run")
            })
        })
        .collect();
        for h in handles {
            let out = h.join().expect("thread");
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let plan = load(&path);
    let value = |name: &str| {
        plan.indicators
            .iter()
            .find(|i| i.name == name)
            .and_then(|i| i.actual_value(2024))
    };
    assert_eq!(value("义务教育巩固率"), Some(99.21));
    assert_eq!(value("学前三年毛入园率"), Some(91.1));
}

#[test]
fn text_too_long_for_a_cell_is_refused_where_it_enters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let before = std::fs::read(&path).expect("read");
    let long = "长".repeat(32_768);
    let (code, _, err) = eduplan(&[
        "set",
        s(&path),
        "--indicator",
        "义务教育巩固率",
        "--year",
        "2024",
        "--value",
        "99.3",
        "--note",
        &long,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("最多5000字") && err.contains("32768字"),
        "{err}"
    );
    let plan = load(&path);
    let ind = plan
        .indicators
        .iter()
        .find(|i| i.name == "义务教育巩固率")
        .expect("ind");
    assert_ne!(
        ind.actual_value(2024),
        Some(99.3),
        "nothing of the refused step is kept"
    );
    drop(before);
}

/// A plan written by an older program, or by hand, can already hold such text: every output
/// still works, with the text cut in the output only.
#[test]
fn long_text_already_in_a_file_goes_out_cut_and_stays_whole_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let long = "很长的说明。".repeat(8_000); // 48,000 characters
    conn.execute("UPDATE plan SET remark = ?1", [&long])
        .expect("update");
    conn.execute("UPDATE task SET measures = ?1", [&long])
        .expect("update");
    drop(conn);

    let xlsx = dir.path().join("导出.xlsx");
    let (code, _, err) = eduplan(&["export", s(&path), "-o", s(&xlsx), "--year", "2024"]);
    assert_eq!(code, 0, "{err}");
    let template = dir.path().join("填报表.xlsx");
    let (code, _, err) = eduplan(&["template", s(&path), "-o", s(&template), "--year", "2024"]);
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("会议材料.pdf");
    let (code, _, err) = eduplan(&["meeting", s(&path), "-o", s(&pdf), "--year", "2024"]);
    assert_eq!(code, 0, "{err}");

    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("open export");
    let mut longest = 0;
    let mut cut = false;
    for name in book.sheet_names() {
        if let Ok(range) = book.worksheet_range(&name) {
            for c in range.used_cells() {
                if let calamine::Data::String(t) = c.2 {
                    longest = longest.max(t.chars().count());
                    cut |= t.ends_with("（已截断）");
                }
            }
        }
    }
    assert!(longest <= 5000, "{longest}");
    assert!(cut, "the cut is marked");
    assert_eq!(
        load(&path).info.remark.chars().count(),
        48_000,
        "the file keeps the whole text"
    );
}

#[test]
fn an_imported_note_too_long_is_a_problem_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let template = dir.path().join("填报表.xlsx");
    write_template(&plan, 2024, None, &template).expect("template");
    let returned = dir.path().join("交回.xlsx");
    common::book::resave(&template, &returned, |rows| {
        let r = rows
            .iter()
            .position(|r| r.iter().any(|c| common::book::text(c) == "义务教育巩固率"))
            .expect("row");
        rows[r][eduplan::exchange::fill_in::COL_VALUE as usize] = calamine::Data::Float(99.4);
        rows[r][eduplan::exchange::fill_in::COL_NOTE as usize] =
            calamine::Data::String("说明".repeat(3_000));
    });
    let preview = preview_import(&plan, &[returned], Some(2024));
    assert!(!preview.can_apply());
    assert!(
        preview.problems.iter().any(|p| p.contains("最多5000字")),
        "{:?}",
        preview.problems
    );
}

#[test]
fn a_returned_row_with_counts_and_the_value_cleared_takes_the_value_from_the_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let ind = plan
        .indicators
        .iter()
        .find(|i| i.computed_from_counts() && i.kind == IndicatorKind::Level)
        .expect("an indicator with counts");
    apply(
        &path,
        &[Edit::Set(
            Field::Actual(ind.id, 2024, ActualField::Value),
            Value::Num(88.0),
        )],
    );
    let plan = load(&path);
    let template = dir.path().join("填报表.xlsx");
    write_template(&plan, 2024, None, &template).expect("template");
    let returned = dir.path().join("交回.xlsx");
    let name = ind.name.clone();
    common::book::resave(&template, &returned, |rows| {
        let r = rows
            .iter()
            .position(|r| r.iter().any(|c| common::book::text(c) == name))
            .expect("row");
        use eduplan::exchange::fill_in::{COL_DEN, COL_NUM, COL_VALUE};
        rows[r][COL_VALUE as usize] = calamine::Data::Empty;
        rows[r][COL_NUM as usize] = calamine::Data::Float(4_650.0);
        rows[r][COL_DEN as usize] = calamine::Data::Float(5_000.0);
    });
    let preview = preview_import(&plan, &[returned], Some(2024));
    assert!(preview.can_apply(), "{:?}", preview.problems);
    PlanFile::open(&path)
        .expect("open")
        .apply(&preview.edits(), "导入")
        .expect("apply");
    let after = load(&path);
    let value = after.indicator(ind.id).and_then(|i| i.actual_value(2024));
    assert_eq!(
        value,
        Some(93.0),
        "the value follows the counts, the old 88 is gone"
    );
}

#[test]
fn error_cells_never_become_text_in_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let template = dir.path().join("填报表.xlsx");
    write_template(&plan, 2024, None, &template).expect("template");
    let returned = dir.path().join("交回.xlsx");
    common::book::resave(&template, &returned, |rows| {
        let r = rows
            .iter()
            .position(|r| r.iter().any(|c| common::book::text(c) == "义务教育巩固率"))
            .expect("row");
        use eduplan::exchange::fill_in::{COL_NOTE, COL_VALUE};
        rows[r][COL_VALUE as usize] = calamine::Data::Float(99.4);
        // The cached result of a failed formula, as WPS and LibreOffice save it.
        rows[r][COL_NOTE as usize] = calamine::Data::String("#DIV/0!".to_owned());
    });
    let preview = preview_import(&plan, &[returned], Some(2024));
    assert!(!preview.can_apply());
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("#DIV/0!") && p.contains("说明")),
        "{:?}",
        preview.problems
    );
    assert!(preview.changes.iter().all(|c| !c.new.contains('#')));
}

#[test]
fn a_unit_that_leads_only_tasks_gets_its_fill_in_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let plan = load(&path);
    let section = plan.tasks.first().map_or(SectionId(1), |t| t.section);
    apply(
        &path,
        &[Edit::AddTask {
            section,
            title: "校园安全隐患排查整治".to_owned(),
        }],
    );
    let plan = load(&path);
    let task: TaskId = plan
        .tasks
        .iter()
        .find(|t| t.title == "校园安全隐患排查整治")
        .expect("task")
        .id;
    apply(
        &path,
        &[Edit::Set(
            Field::Task(task, TaskField::LeadUnit),
            Value::text("安全科"),
        )],
    );
    let out = dir.path().join("安全科填报表.xlsx");
    let (code, _, err) = eduplan(&[
        "template",
        s(&path),
        "-o",
        s(&out),
        "--year",
        "2024",
        "--unit",
        "安全科",
    ]);
    assert_eq!(code, 0, "{err}");
    use calamine::{Reader, Xlsx, open_workbook};
    let book: Xlsx<_> = open_workbook(&out).expect("open");
    assert!(
        book.sheet_names().iter().any(|n| n.contains("任务")),
        "{:?}",
        book.sheet_names()
    );

    let (code, _, err) = eduplan(&[
        "template",
        s(&path),
        "-o",
        s(&out),
        "--year",
        "2024",
        "--unit",
        "不存在的科室",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("安全科"),
        "the refusal lists units that can report: {err}"
    );
}

#[test]
fn a_plan_text_error_names_the_field_and_benchmarks_need_no_numeric_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(common::FIXTURE).expect("fixture");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let first = json["sections"][0]["indicators"][0]
        .as_object_mut()
        .expect("indicator");
    first.remove("target");
    let broken = dir.path().join("缺目标.json");
    std::fs::write(&broken, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    let file = dir.path().join("x.eduplan");
    let (code, _, err) = eduplan(&["new", s(&file), "--from", s(&broken)]);
    assert_eq!(code, 1);
    assert!(err.contains("目标值（target）"), "{err}");

    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let first = json["sections"][0]["indicators"][0]
        .as_object_mut()
        .expect("indicator");
    first.remove("target_year");
    std::fs::write(&broken, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    let (code, _, err) = eduplan(&["new", s(&file), "--from", s(&broken)]);
    assert_eq!(code, 1);
    assert!(err.contains("缺少必填字段“target_year”"), "{err}");

    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let first = json["sections"][0]["indicators"][0]
        .as_object_mut()
        .expect("indicator");
    first.insert("kind".into(), "benchmark".into());
    first.insert("comparison".into(), "≥".into());
    first.remove("target");
    first.insert("benchmarks".into(), serde_json::json!({"2024": 90.0}));
    let ok = dir.path().join("对照基准.json");
    std::fs::write(&ok, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    let (code, _, err) = eduplan(&["new", s(&file), "--from", s(&ok)]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_closed_item_without_evidence_or_note_in_a_plan_text_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(common::FIXTURE).expect("fixture");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["version"] = 3.into();
    json["rectifications"] = serde_json::json!([{
        "source": "督导", "problem": "部分学校功能室不足", "unit": "计财科",
        "due": "2024-06-30", "closed": "2024-05-01"
    }]);
    let p = dir.path().join("整改.json");
    std::fs::write(&p, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    let file = dir.path().join("x.eduplan");
    let (code, _, err) = eduplan(&["new", s(&file), "--from", s(&p)]);
    assert_eq!(code, 1);
    assert!(err.contains("验收意见"), "{err}");
    assert!(!file.exists());
}
