//! The plan file: edits and history, undo, bad files, locking, crashes, upgrades.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use eduplan::domain::edit::{ActualField, Edit, Field, IndicatorField, Value};
use eduplan::domain::{Status, evaluate};
use eduplan::storage::{PlanFile, StorageError, create_old_version_for_tests, current_version};

fn set_value(name: &str, year: i32, value: f64) -> impl Fn(&eduplan::domain::Plan) -> Edit {
    let name = name.to_owned();
    move |plan| {
        let id = plan.indicator_by_name(&name).expect("indicator").id;
        Edit::Set(
            Field::Actual(id, year, ActualField::Value),
            Value::Num(value),
        )
    }
}

#[test]
fn the_sample_plan_round_trips_through_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let plan = PlanFile::open(&path).expect("open").load().expect("load");
    let text = common::sample_plan();
    assert_eq!(plan.indicators.len(), text.indicators.len());
    assert!(plan.indicators.len() >= 30);
    assert_eq!(plan.info, text.info);
    let ind = plan
        .indicator_by_name("学前三年毛入园率")
        .expect("indicator");
    assert_eq!(ind.target_text, "90%以上");
    assert_eq!(ind.actuals[&2021].numerator, Some(3528.0));
    assert!(!plan.uid.is_empty());
}

#[test]
fn every_edit_is_in_the_file_and_the_history_and_can_be_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let batch = pf
        .apply(&[set_value("义务教育巩固率", 2024, 99.4)(&plan)], "录入")
        .expect("apply")
        .expect("changed");
    drop(pf);

    // A new process would see it: reopen.
    let mut pf = PlanFile::open(&path).expect("reopen");
    let plan = pf.load().expect("load");
    let ind = plan.indicator_by_name("义务教育巩固率").expect("indicator");
    assert_eq!(ind.actual_value(2024), Some(99.4));
    assert_eq!(evaluate(ind, &plan.info, 2024).status, Status::OnTrack);
    let history = pf.history(Some(ind.id), 10).expect("history");
    assert_eq!(history[0].label, "义务教育巩固率·2024年实际值");
    assert_eq!(
        (history[0].old.as_str(), history[0].new.as_str()),
        ("98.6", "99.4")
    );

    let undo = pf.revert(batch, "撤销").expect("undo");
    let plan = pf.load().expect("load");
    assert_eq!(
        plan.indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(98.6)
    );
    pf.revert(undo, "重做").expect("redo");
    let plan = pf.load().expect("load");
    assert_eq!(
        plan.indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(99.4)
    );
    assert_eq!(
        pf.history(None, 10).expect("history").len(),
        3,
        "edit, undo and redo are all recorded"
    );
}

#[test]
fn deleting_an_indicator_and_undoing_brings_back_its_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let before = plan
        .indicator_by_name("区级骨干教师培养")
        .expect("indicator")
        .clone();
    let batch = pf
        .apply(&[Edit::DeleteIndicator(before.id)], "删除")
        .expect("delete")
        .expect("changed");
    assert!(
        pf.load()
            .expect("load")
            .indicator_by_name("区级骨干教师培养")
            .is_none()
    );
    pf.revert(batch, "撤销").expect("undo");
    let after = pf.load().expect("load");
    assert_eq!(after.indicator(before.id), Some(&before));

    // A whole section with its contents.
    let chapter = after.child_sections(None)[2].id;
    let count = after.indicators.len();
    let batch = pf
        .apply(&[Edit::DeleteSection(chapter)], "删除")
        .expect("delete section")
        .expect("changed");
    let gone = pf.load().expect("load");
    assert!(gone.indicators.len() < count);
    pf.revert(batch, "撤销").expect("undo");
    assert_eq!(pf.load().expect("load"), after);
}

#[test]
fn adding_and_renaming_are_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let section = plan.child_sections(None)[0].id;
    pf.apply(
        &[Edit::AddIndicator {
            section,
            name: "高中阶段毛入学率".into(),
        }],
        "新增",
    )
    .expect("add");
    let plan = pf.load().expect("load");
    let id = plan
        .indicator_by_name("高中阶段毛入学率")
        .expect("added")
        .id;
    pf.apply(
        &[Edit::Set(
            Field::Indicator(id, IndicatorField::Name),
            Value::text("高中阶段教育毛入学率"),
        )],
        "改名",
    )
    .expect("rename");
    let plan = pf.load().expect("load");
    assert!(plan.indicator_by_name("高中阶段教育毛入学率").is_some());
    let h = pf.history(Some(id), 10).expect("history");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].new, "高中阶段教育毛入学率");
}

#[test]
fn setting_a_value_to_what_it_already_is_records_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let same = set_value("义务教育巩固率", 2024, 98.6)(&plan);
    assert_eq!(pf.apply(&[same], "录入").expect("apply"), None);
    assert!(pf.history(None, 10).expect("history").is_empty());
}

#[test]
fn a_value_of_the_wrong_shape_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let id = plan.indicators[0].id;
    let edits = [
        Edit::Set(Field::Actual(id, 2021, ActualField::Value), Value::Num(1.0)),
        Edit::Set(
            Field::Actual(id, 2022, ActualField::Value),
            Value::text("九十"),
        ),
    ];
    assert!(pf.apply(&edits, "录入").is_err());
    assert_eq!(
        pf.load().expect("load"),
        plan,
        "the batch is all or nothing"
    );
}

fn assert_refused(path: &Path, expect: impl Fn(&StorageError) -> bool, words: &str) {
    let before = std::fs::read(path).expect("read");
    let err = PlanFile::open(path).err().expect("must be refused");
    let message = err.to_string();
    assert!(expect(&err), "{err:?}");
    assert!(message.contains(words), "{message}");
    assert_eq!(
        std::fs::read(path).expect("read"),
        before,
        "file changed: {message}"
    );
}

#[test]
fn a_file_that_is_not_a_plan_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("说明.eduplan");
    std::fs::write(&text, "这不是规划文件").expect("write");
    assert_refused(
        &text,
        |e| matches!(e, StorageError::NotAPlan(_)),
        "不是EduPlan规划文件",
    );

    let empty = dir.path().join("空.eduplan");
    std::fs::write(&empty, b"").expect("write");
    assert_refused(
        &empty,
        |e| matches!(e, StorageError::NotAPlan(_)),
        "不是EduPlan规划文件",
    );

    let foreign = dir.path().join("别的数据库.eduplan");
    let conn = rusqlite::Connection::open(&foreign).expect("sqlite");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("sql");
    drop(conn);
    assert_refused(
        &foreign,
        |e| matches!(e, StorageError::NotAPlan(_)),
        "不是EduPlan规划文件",
    );

    let missing = dir.path().join("不存在.eduplan");
    assert!(matches!(
        PlanFile::open(&missing),
        Err(StorageError::NotFound(_))
    ));
    assert!(!missing.exists());
}

#[test]
fn a_damaged_or_truncated_plan_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let bytes = std::fs::read(&path).expect("read");

    let truncated = dir.path().join("截断.eduplan");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2 + 100]).expect("write");
    assert_refused(
        &truncated,
        |e| matches!(e, StorageError::Damaged(..)),
        "已损坏或不完整",
    );

    let page_cut = dir.path().join("少页.eduplan");
    std::fs::write(&page_cut, &bytes[..bytes.len() - 4096]).expect("write");
    assert_refused(
        &page_cut,
        |e| matches!(e, StorageError::Damaged(..)),
        "已损坏或不完整",
    );

    let scribbled = dir.path().join("损坏.eduplan");
    let mut damaged = bytes.clone();
    for b in &mut damaged[4096 * 3..4096 * 5] {
        *b = 0xA5;
    }
    std::fs::write(&scribbled, &damaged).expect("write");
    assert_refused(
        &scribbled,
        |e| matches!(e, StorageError::Damaged(..)),
        "已损坏或不完整",
    );
}

#[test]
fn a_plan_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.pragma_update(None, "user_version", current_version() + 1)
        .expect("pragma");
    drop(conn);
    assert_refused(&path, |e| matches!(e, StorageError::Newer(..)), "更新版本");
}

#[test]
fn a_plan_from_an_older_version_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("旧版.eduplan");
    create_old_version_for_tests(
        &path,
        1,
        "INSERT INTO plan (id, uid, name, base_year, first_year, last_year) VALUES (1, 'u1', '旧规划', 2020, 2021, 2025);
         INSERT INTO section (id, title) VALUES (1, '发展目标');
         INSERT INTO indicator (id, section_id, name, unit, attribute, kind, comparison, base_value, target_value, target_year)
             VALUES (1, 1, '学前三年毛入园率', '%', '预期性', 'level', '≥', 85, 90, 2025);
         INSERT INTO actual (indicator_id, year, value) VALUES (1, 2021, 86.5);",
    )
    .expect("old file");
    let old_bytes = std::fs::read(&path).expect("read");
    let pf = PlanFile::open(&path).expect("upgrade");
    let upgrade = pf.upgrade().expect("was upgraded").clone();
    assert_eq!(upgrade.from_version, 1);
    let plan = pf.load().expect("load");
    assert_eq!(plan.info.name, "旧规划");
    assert_eq!(
        plan.info.yellow_tolerance_pp, 10.0,
        "new setting gets its default"
    );
    assert_eq!(plan.indicators[0].actual_value(2021), Some(86.5));
    drop(pf);
    assert_eq!(
        std::fs::read(&upgrade.backup).expect("backup"),
        old_bytes,
        "backup is the old file as it was"
    );
    assert!(PlanFile::open(&path).expect("reopen").upgrade().is_none());
}

/// Runs as a child process when the parent test asks for it (see `child`); ignored in a
/// normal run, where it would check nothing.
#[test]
#[ignore = "a child process of the locking and kill tests, started by them"]
fn child_helper() {
    let role = std::env::var("EDUPLAN_TEST_CHILD").expect("started by a parent test");
    let path = std::env::var("EDUPLAN_TEST_FILE").expect("file");
    let mut pf = PlanFile::open(Path::new(&path)).expect("child open");
    let mut out = std::io::stdout().lock();
    match role.as_str() {
        "hold" => {
            writeln!(out, "ready").expect("stdout");
            out.flush().expect("flush");
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
        "edit" => {
            let plan = pf.load().expect("load");
            let id = plan.indicators[0].id;
            for i in 0..100_000 {
                let edit = Edit::Set(
                    Field::Actual(id, 2021, ActualField::Note),
                    Value::Text(format!("第{i}次")),
                );
                pf.apply(&[edit], "录入").expect("apply");
                writeln!(out, "done {i}").expect("stdout");
                out.flush().expect("flush");
            }
        }
        _ => {}
    }
}

fn child(role: &str, path: &Path) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--exact",
            "storage::child_helper",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("EDUPLAN_TEST_CHILD", role)
        .env("EDUPLAN_TEST_FILE", path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    (child, stdout)
}

#[test]
fn a_plan_open_in_another_copy_is_refused_until_that_copy_dies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let (mut holder, mut out) = child("hold", &path);
    let mut line = String::new();
    while !line.contains("ready") {
        line.clear();
        assert!(
            out.read_line(&mut line).expect("read") > 0,
            "child ended early"
        );
    }
    assert_refused(
        &path,
        |e| matches!(e, StorageError::InUse(_)),
        "已在另一个EduPlan窗口中打开",
    );
    holder.kill().expect("kill");
    holder.wait().expect("wait");
    let pf = PlanFile::open(&path).expect("a killed copy leaves no lock behind");
    assert!(pf.integrity_ok().expect("check"));
}

/// "done 12" (libtest may print its own words before it on the first line).
fn done_number(line: &str) -> Option<u32> {
    let at = line.find("done ")?;
    line[at + 5..].trim().parse().ok()
}

#[test]
fn a_killed_process_loses_no_edit_it_reported_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let (mut editor, out) = child("edit", &path);
    let mut reported = Vec::new();
    let mut lines = out.lines();
    for line in lines.by_ref() {
        let line = line.expect("line");
        if let Some(n) = done_number(&line) {
            reported.push(n);
            if reported.len() == 150 {
                editor.kill().expect("SIGKILL");
                break;
            }
        }
    }
    // Whatever was written to the pipe before the kill was reported as done too.
    for line in lines {
        if let Some(n) = done_number(&line.expect("line")) {
            reported.push(n);
        }
    }
    editor.wait().expect("wait");
    let last = *reported.last().expect("some edits");

    let pf = PlanFile::open(&path).expect("opens normally after a kill");
    assert!(pf.integrity_ok().expect("integrity_check"));
    let plan = pf.load().expect("load");
    let note = &plan.indicators[0].actuals[&2021].note;
    let stored: u32 = note
        .trim_start_matches('第')
        .trim_end_matches('次')
        .parse()
        .expect("note");
    assert!(
        stored >= last,
        "edit {last} was reported done but the file has {stored}"
    );
    let history = pf
        .history(plan.indicators.first().map(|i| i.id), 100_000)
        .expect("history");
    for n in &reported {
        let text = format!("第{n}次");
        assert!(
            history.iter().any(|h| h.new == text),
            "edit {n} missing from history"
        );
    }
}

#[test]
fn save_as_writes_a_complete_copy_under_a_chinese_name_with_spaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    pf.apply(&[set_value("义务教育巩固率", 2024, 99.0)(&plan)], "录入")
        .expect("apply");
    let copy = dir
        .path()
        .join("张三 的 文档")
        .join("龙潭区 十四五规划（副本）.eduplan");
    std::fs::create_dir_all(copy.parent().expect("parent")).expect("mkdir");
    pf.save_copy(&copy).expect("save as");
    drop(pf);
    let copied = PlanFile::open(&copy)
        .expect("open copy")
        .load()
        .expect("load copy");
    assert_eq!(
        copied
            .indicator_by_name("义务教育巩固率")
            .and_then(|i| i.actual_value(2024)),
        Some(99.0)
    );
    let leftovers: Vec<_> = std::fs::read_dir(copy.parent().expect("parent"))
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().ends_with(".saving"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn old_release_copy(dir: &tempfile::TempDir, fixture: &str) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let to = dir.path().join("旧版 规划.eduplan");
    std::fs::copy(from, &to).expect("copy fixture");
    to
}

/// A file written by the previous release (made by tests/fixtures/make-old-plans.py, not by
/// this code): words as codes, history in the old format.
#[test]
fn a_file_from_the_previous_release_upgrades_and_its_history_still_undoes() {
    use eduplan::domain::{Attribute, Comparison, TaskStatus};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = old_release_copy(&dir, "old-release-v2.eduplan");
    let original = std::fs::read(&path).expect("read");

    let mut pf = PlanFile::open(&path).expect("upgrades");
    let up = pf.upgrade().expect("upgraded").clone();
    assert_eq!(up.from_version, 2);
    assert_eq!(
        std::fs::read(&up.backup).expect("backup"),
        original,
        "backup first"
    );
    let plan = pf.load().expect("load");
    let rate = plan.indicator_by_name("义务教育巩固率").expect("indicator");
    assert_eq!(rate.attribute, Attribute::Binding);
    assert_eq!(rate.comparison, Comparison::AtLeast);
    assert_eq!(rate.actual_value(2023), Some(98.7));
    assert_eq!(plan.tasks[0].status, TaskStatus::InProgress);
    assert_eq!(plan.info.yellow_tolerance_pp, 15.0);
    assert_eq!(
        plan.info.ahead_margin_pp, 5.0,
        "new settings get their defaults"
    );

    // Both old history rows read, and undoing them works on the upgraded file.
    let history = pf.history(None, 10).expect("history");
    assert!(
        history
            .iter()
            .any(|h| h.label == "义务教育巩固率·属性" && h.old == "预期性")
    );
    pf.revert(eduplan::storage::BatchId(2), "撤销")
        .expect("undo a value");
    pf.revert(eduplan::storage::BatchId(1), "撤销")
        .expect("undo a word");
    let plan = pf.load().expect("load");
    let rate = plan.indicator_by_name("义务教育巩固率").expect("indicator");
    assert_eq!(rate.actual_value(2023), Some(98.9));
    assert_eq!(rate.attribute, Attribute::Expected);
    assert!(pf.integrity_ok().expect("check"));
}

#[test]
fn a_failed_upgrade_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = old_release_copy(&dir, "old-release-v2-dangling-value.eduplan");
    let original = std::fs::read(&path).expect("read");
    let err = PlanFile::open(&path).err().expect("refused");
    assert!(err.to_string().contains("升级"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), original);
    // Reading it for a report does not touch it either.
    assert!(PlanFile::read_only(&path).is_err());
    assert_eq!(std::fs::read(&path).expect("read"), original);
}

#[test]
fn status_reads_an_old_file_without_upgrading_it_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = old_release_copy(&dir, "old-release-v2.eduplan");
    let original = std::fs::read(&path).expect("read");
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(["status", path.to_str().expect("utf-8"), "--year", "2023"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("义务教育巩固率") && stdout.contains("旧版"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        original,
        "not upgraded"
    );
    let backups = std::fs::read_dir(dir.path()).expect("ls").count();
    assert_eq!(backups, 1, "no backup made either");
}

#[test]
fn a_wrong_value_for_a_coded_field_is_refused_in_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::fixture_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let id = plan.indicators[0].id;
    let err = pf
        .apply(
            &[Edit::Set(
                Field::Indicator(id, IndicatorField::Attribute),
                Value::text("约束性"), // a word, not the code
            )],
            "修改",
        )
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("属性") && !message.contains("damaged"),
        "{message}"
    );
    assert_eq!(pf.load().expect("load"), plan);
}

#[test]
fn schools_round_trip_and_a_deleted_school_comes_back_with_undo() {
    use eduplan::domain::edit::SchoolYearField;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let text = common::sample_plan();
    assert_eq!(
        plan.schools, text.schools,
        "every school and figure survives the file"
    );
    let school = plan.schools_in_order()[1].clone();

    let batch = pf
        .apply(
            &[Edit::Set(
                Field::SchoolYear(school.id, 2024, SchoolYearField::KeyTeachers),
                Value::Num(30.0),
            )],
            "录入",
        )
        .expect("apply")
        .expect("changed");
    let again = pf.load().expect("load");
    let figures = &again.school(school.id).expect("school").years[&2024];
    assert_eq!(figures.counts[1], Some(30.0));
    assert_eq!(
        figures.pupils_primary, school.years[&2024].pupils_primary,
        "the rest stays"
    );
    pf.revert(batch, "撤销").expect("undo");

    let batch = pf
        .apply(&[Edit::DeleteSchool(school.id)], "删除")
        .expect("apply")
        .expect("changed");
    assert!(pf.load().expect("load").school(school.id).is_none());
    pf.revert(batch, "撤销").expect("undo");
    assert_eq!(pf.load().expect("load").schools, plan.schools);
}

#[test]
fn targets_read_from_a_plan_text_become_indicators_under_their_chapters_in_one_undoable_step() {
    use eduplan::domain::drafting::outline_from_proposals;
    use eduplan::domain::extract::{Block, extract_targets};
    use eduplan::domain::library::Library;

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.eduplan");
    let mut empty = eduplan::domain::Plan::default();
    empty.info.name = "测试规划".into();
    empty.info.base_year = 2020;
    empty.info.first_year = 2021;
    empty.info.last_year = 2025;
    let mut pf = PlanFile::create(&path, &empty).expect("create");
    let blocks: Vec<Block> = [
        "青山县“十四五”教育发展规划",
        "二、主要目标",
        "（一）学前教育",
        "到2025年，学前三年毛入园率达到92%以上，新建公办幼儿园5所。",
        "（二）教师队伍",
        "5年内培养县级骨干教师300人。",
    ]
    .iter()
    .map(|t| Block::Paragraph((*t).to_owned()))
    .collect();
    let proposals = extract_targets(&blocks);
    assert_eq!(proposals.len(), 3, "{proposals:#?}");
    let plan = pf.load().expect("load");
    let outline = outline_from_proposals(&plan, &proposals, &Library::builtin());
    let batch = pf
        .apply(&[Edit::AddOutline(outline)], "从规划文本导入")
        .expect("apply")
        .expect("a batch");
    let plan = pf.load().expect("load");
    let headings: Vec<String> = plan.sections.iter().map(|s| s.heading()).collect();
    assert_eq!(
        headings,
        ["二、主要目标", "（一）学前教育", "（二）教师队伍"]
    );
    let rate = plan
        .indicators
        .iter()
        .find(|i| i.name == "学前三年毛入园率")
        .expect("rate");
    assert_eq!(rate.target_value, 92.0);
    assert_eq!(
        rate.library_code.as_deref(),
        Some("preschool_gross_enrolment")
    );
    assert!(
        rate.definition.contains("3-5岁"),
        "library definition carried: {}",
        rate.definition
    );
    assert!(rate.may_exceed_100);
    let section = plan
        .sections
        .iter()
        .find(|s| s.id == rate.section)
        .expect("section");
    assert_eq!(section.title, "学前教育");
    let quota = plan
        .indicators
        .iter()
        .find(|i| i.target_value == 300.0)
        .expect("quota");
    assert_eq!(quota.kind, eduplan::domain::IndicatorKind::Cumulative);
    assert_eq!(quota.unit, "人");

    pf.revert(batch, "撤销").expect("undo");
    let plan = pf.load().expect("load");
    assert!(
        plan.sections.is_empty() && plan.indicators.is_empty(),
        "one step undoes it all"
    );
}
