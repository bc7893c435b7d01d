//! Tasks as dated commitments and the 整改台账: the state rules at their boundaries, worked by
//! hand, and what the file and the command line keep.

use crate::common;

use std::process::Command;

use eduplan::domain::commitments::{
    CloseRefusal, RectificationState, TaskState, check_close, deadline_from_wording,
    open_items_by_month, rectification_state, task_state,
};
use eduplan::domain::edit::{Edit, Field, RectificationField, TaskField, Value};
use eduplan::domain::{
    Date, ProgressEntry, Rectification, RectificationId, SectionId, Task, TaskId,
};
use eduplan::storage::PlanFile;
use jiff::civil::date;

fn task_due(deadline: Date) -> Task {
    let mut t = Task::new(TaskId(1), SectionId(1), "制定布局调整规划");
    t.deadline = "2024年6月底".into();
    t.deadline_date = Some(deadline);
    t
}

#[test]
fn a_task_is_judged_against_its_deadline_at_the_boundaries() {
    let due = date(2024, 6, 30);
    let t = task_due(due);
    // Due today is not yet late; the day after is.
    assert_eq!(task_state(&t, date(2024, 6, 30), 30), TaskState::DueSoon);
    assert_eq!(task_state(&t, date(2024, 7, 1), 30), TaskState::Overdue);
    // 临期: due within 30 days (inclusive), not before.
    assert_eq!(task_state(&t, date(2024, 5, 31), 30), TaskState::DueSoon);
    assert_eq!(task_state(&t, date(2024, 5, 30), 30), TaskState::NotStarted);
    // A report makes it 推进中 while not close to the deadline.
    let mut reported = t.clone();
    reported.progress.insert(2024, "已起草初稿".into());
    assert_eq!(
        task_state(&reported, date(2024, 3, 1), 30),
        TaskState::InProgress
    );
    // Done on time, done late.
    let mut done = t.clone();
    done.completed_date = Some(date(2024, 6, 30));
    assert_eq!(task_state(&done, date(2024, 12, 31), 30), TaskState::Done);
    done.completed_date = Some(date(2024, 7, 1));
    assert_eq!(
        task_state(&done, date(2024, 12, 31), 30),
        TaskState::DoneLate
    );
    // No date at all: never overdue.
    let mut open = t.clone();
    open.deadline_date = None;
    assert_eq!(
        task_state(&open, date(2030, 1, 1), 30),
        TaskState::NotStarted
    );
    assert_eq!(
        deadline_from_wording("2022年9月前"),
        Some(date(2022, 9, 30))
    );
}

fn item(due: Option<Date>) -> Rectification {
    let mut r = Rectification::new(RectificationId(1), "部分学校生均教学仪器设备值不达标");
    r.due = due;
    r.batch_date = Some(date(2023, 10, 16));
    r
}

#[test]
fn a_rectification_item_is_open_in_progress_overdue_or_closed() {
    let mut r = item(Some(date(2024, 6, 30)));
    assert_eq!(
        rectification_state(&r, date(2024, 1, 1)),
        RectificationState::Open
    );
    r.progress.push(ProgressEntry {
        date: date(2024, 3, 1),
        text: "完成缺口核定".into(),
    });
    assert_eq!(
        rectification_state(&r, date(2024, 3, 1)),
        RectificationState::InProgress
    );
    assert_eq!(
        rectification_state(&r, date(2024, 6, 30)),
        RectificationState::InProgress
    );
    assert_eq!(
        rectification_state(&r, date(2024, 7, 1)),
        RectificationState::Overdue
    );
    // 销号 needs evidence or a written acceptance note.
    assert_eq!(check_close(&r, 0), Err(CloseRefusal::NoEvidence));
    assert_eq!(check_close(&r, 1), Ok(()));
    r.closed_note = "8所学校全部达标，附验收单".into();
    assert_eq!(check_close(&r, 0), Ok(()));
    r.closed = Some(date(2024, 7, 5));
    assert_eq!(
        rectification_state(&r, date(2024, 7, 5)),
        RectificationState::Closed
    );
    assert_eq!(check_close(&r, 1), Err(CloseRefusal::AlreadyClosed));
    // 动态清零: open at the end of each month until it closes.
    let curve = open_items_by_month(std::slice::from_ref(&r), date(2024, 8, 15));
    assert_eq!(curve.first(), Some(&(date(2023, 10, 31), 1)));
    assert_eq!(
        curve
            .iter()
            .find(|(d, _)| *d == date(2024, 6, 30))
            .map(|c| c.1),
        Some(1)
    );
    assert_eq!(curve.last(), Some(&(date(2024, 8, 15), 0)));
}

#[test]
fn rectification_items_and_task_dates_are_kept_in_the_file_and_undo_reopens_a_closing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    assert_eq!(
        plan.rectifications.len(),
        15,
        "the sample's illustrative 整改台账"
    );
    let task = plan
        .tasks
        .iter()
        .find(|t| t.title.starts_with("制定完善龙潭区布局调整规划"))
        .expect("task");
    assert_eq!(task.deadline_date, Some(date(2022, 12, 31)));
    assert_eq!(task.completed_date, Some(date(2023, 3, 15)));
    assert_eq!(
        task_state(task, date(2024, 12, 31), 30),
        TaskState::DoneLate
    );

    let open = plan
        .rectifications
        .iter()
        .find(|r| r.closed.is_none())
        .expect("an open item")
        .clone();
    let close = [
        Edit::Set(
            Field::Rectification(open.id, RectificationField::ClosedNote),
            Value::text("现场复核通过"),
        ),
        Edit::Set(
            Field::Rectification(open.id, RectificationField::Closed),
            Value::text("2024-11-30"),
        ),
    ];
    let batch = pf.apply(&close, "销号").expect("close").expect("batch");
    let closed = pf.load().expect("load");
    let r = closed
        .rectifications
        .iter()
        .find(|r| r.id == open.id)
        .expect("item");
    assert_eq!(r.closed, Some(date(2024, 11, 30)));
    assert_eq!(
        rectification_state(r, date(2024, 12, 1)),
        RectificationState::Closed
    );
    // Reopening is an edit like any other (with its reason as a progress entry), kept in history.
    pf.apply(
        &[
            Edit::Set(
                Field::Rectification(open.id, RectificationField::Closed),
                Value::Null,
            ),
            Edit::Set(
                Field::RectificationProgress(open.id, date(2024, 12, 2)),
                Value::text("重新打开：复查发现仍有2所学校未达标"),
            ),
        ],
        "重新打开",
    )
    .expect("reopen");
    let reopened = pf.load().expect("load");
    let r = reopened
        .rectifications
        .iter()
        .find(|r| r.id == open.id)
        .expect("item");
    assert_eq!(r.closed, None);
    assert!(r.progress.iter().any(|p| p.text.starts_with("重新打开")));
    let history = pf.history(None, 50).expect("history");
    assert!(
        history.iter().any(|h| h.action == "重新打开"),
        "{history:?}"
    );
    // Undoing the closing takes back its acceptance note too.
    pf.revert(batch, "撤销").expect("undo");
    let undone = pf.load().expect("load");
    let r = undone
        .rectifications
        .iter()
        .find(|r| r.id == open.id)
        .expect("item");
    assert_eq!(
        (r.closed, r.closed_note.as_str()),
        (None, open.closed_note.as_str())
    );

    // A wrong date is refused and changes nothing.
    let bad = pf.apply(
        &[Edit::Set(
            Field::Task(task.id, TaskField::DeadlineDate),
            Value::text("2024年6月"),
        )],
        "修改",
    );
    assert!(bad.is_err());
    assert_eq!(pf.load().expect("load").tasks, reopened.tasks);
}

fn eduplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_eduplan"))
        .args(args)
        .output()
        .expect("run eduplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn tasks_and_rectification_commands_judge_against_the_given_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let file = path.to_str().expect("utf-8");
    let (code, out, err) = eduplan(&["tasks", file, "--date", "2024-12-31", "--format", "tsv"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "任务\t牵头单位\t完成时限\t状态\t最新进展");
    let row = |prefix: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .expect("row")
    };
    assert_eq!(row("探索建立教师绩效考核制度")[3], "逾期");
    assert_eq!(
        row("制定完善龙潭区布局调整规划")[3],
        "已完成（逾期） 2023-03-15"
    );
    assert_eq!(row("推进2所公办幼儿园的新建工程")[3], "临期");
    assert_eq!(
        row("推进2所公办幼儿园的新建工程")[2],
        "2024年底（2024-12-31）"
    );
    let (_, out, _) = eduplan(&[
        "tasks",
        file,
        "--date",
        "2024-12-31",
        "--unit",
        "人事科",
        "--format",
        "tsv",
    ]);
    assert!(
        out.lines()
            .skip(1)
            .all(|l| l.split('\t').nth(1) == Some("人事科")),
        "{out}"
    );

    let (code, out, _) = eduplan(&["rectification", file, "--date", "2024-12-31"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "截至2024-12-31：共15项，未整改0项，整改中2项，逾期5项，已销号8项；尚未销号7项。"
        ),
        "{out}"
    );
    let (code, _, err) = eduplan(&["rectification", file, "--date", "2024年12月31日"]);
    assert_eq!(code, 2, "a usage error");
    assert!(err.contains("2024-06-30"), "{err}");
}

#[test]
fn evidence_files_live_in_the_plan_through_undo_save_as_and_export() {
    use eduplan::domain::{EvidenceOwner, MAX_EVIDENCE_BYTES};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let mut pf = PlanFile::open(&path).expect("open");
    let plan = pf.load().expect("load");
    let item = plan
        .rectifications
        .iter()
        .find(|r| r.closed.is_none())
        .expect("open item")
        .id;
    let owner = EvidenceOwner::Rectification(item);
    let scan: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let add = Edit::AddEvidence {
        owner,
        name: "验收单.pdf".into(),
        added: date(2024, 6, 25),
        data: scan.clone(),
    };
    let batch = pf
        .apply(&[add], "添加佐证材料")
        .expect("add")
        .expect("batch");
    let plan = pf.load().expect("load");
    let files = plan.evidence_of(owner);
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].name.as_str(), files[0].size),
        ("验收单.pdf", 200_000)
    );
    assert_eq!(pf.evidence_data(files[0].id).expect("bytes"), scan);
    let id = files[0].id;

    // 另存为 copies it; the exported workbook names it in 佐证材料.
    let copy = dir.path().join("副本.eduplan");
    pf.save_copy(&copy).expect("save as");
    let other = PlanFile::read_only(&copy).expect("copy");
    assert_eq!(other.load().expect("load").evidence_of(owner).len(), 1);
    assert_eq!(other.evidence_data(id).expect("bytes"), scan);
    let book = dir.path().join("导出.xlsx");
    eduplan::exchange::xlsx_export::export_workbook(&plan, 2024, date(2024, 12, 31), &book)
        .expect("export");
    assert_eq!(pf.evidence_data(id).expect("still there"), scan);

    // Undo takes it away, redo brings it back with its bytes.
    let undo = pf.revert(batch, "撤销").expect("undo");
    assert!(pf.load().expect("load").evidence_of(owner).is_empty());
    pf.revert(undo, "重做").expect("redo");
    assert_eq!(pf.load().expect("load").evidence_of(owner).len(), 1);
    assert_eq!(pf.evidence_data(id).expect("bytes"), scan);

    // Removing is undoable too.
    let removal = pf
        .apply(
            &[Edit::Set(Field::EvidenceRemoved(id), Value::flag(true))],
            "移除",
        )
        .expect("remove")
        .expect("batch");
    assert!(pf.load().expect("load").evidence_of(owner).is_empty());
    pf.revert(removal, "撤销").expect("undo");
    assert_eq!(pf.load().expect("load").evidence_of(owner).len(), 1);

    // A file over 20 MB is refused with a message and changes nothing.
    let big = Edit::AddEvidence {
        owner,
        name: "录像.mp4".into(),
        added: date(2024, 6, 25),
        data: vec![0; MAX_EVIDENCE_BYTES as usize + 1],
    };
    let err = pf
        .apply(&[big], "添加佐证材料")
        .expect_err("refused")
        .to_string();
    assert!(err.contains("超过佐证材料的上限20 MB"), "{err}");
    assert_eq!(pf.load().expect("load").evidence.len(), 1);

    // With a file attached, 销号 needs no written note.
    let plan = pf.load().expect("load");
    let item = plan
        .rectifications
        .iter()
        .find(|r| {
            Some(r.id)
                == match owner {
                    EvidenceOwner::Rectification(id) => Some(id),
                    _ => None,
                }
        })
        .expect("item");
    assert!(item.closed_note.is_empty());
    assert_eq!(check_close(item, plan.evidence_of(owner).len()), Ok(()));
}

/// A problem list as an inspection sends it: a title, then a header naming the columns its own way.
fn write_problem_list(path: &std::path::Path, third_due: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2024年义务教育优质均衡督导反馈问题清单")
        .expect("title");
    for (c, h) in [
        "序号",
        "存在问题",
        "整改措施",
        "责任部门",
        "责任人",
        "完成时限",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("header");
    }
    let rows = [
        (
            "乡镇学校音乐教师不足",
            "招聘音乐教师5名",
            "人事科",
            "人事科科长",
        ),
        (
            "部分农村小学生均教学仪器设备值低于省定标准",
            "已在台账",
            "装备中心",
            "",
        ),
        (
            "教学点网络带宽不足",
            "升级到百兆",
            "电教中心",
            "电教中心主任",
        ),
    ];
    for (i, (p, m, u, person)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).expect("n");
        ws.write_string(r, 1, *p).expect("p");
        ws.write_string(r, 2, *m).expect("m");
        ws.write_string(r, 3, *u).expect("u");
        ws.write_string(r, 4, *person).expect("person");
    }
    let date = ExcelDateTime::from_ymd(2024, 8, 31).expect("date");
    ws.write_datetime_with_format(3, 5, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .expect("date cell");
    ws.write_string(4, 5, "2024年6月底").expect("wording");
    ws.write_string(5, 5, third_due).expect("third");
    wb.save(path).expect("save");
}

#[test]
fn a_problem_list_is_read_by_its_headers_previewed_and_written_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let file = path.to_str().expect("utf-8");
    let list = dir.path().join("问题清单.xlsx");
    write_problem_list(&list, "尽快");
    let list_arg = list.to_str().expect("utf-8");
    let (code, out, err) = eduplan(&[
        "rectification",
        "import",
        file,
        list_arg,
        "--batch",
        "2024年督导反馈",
        "--yes",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("第6行整改时限“尽快”无法识别"), "{err}");
    assert_eq!(
        PlanFile::read_only(&path)
            .expect("open")
            .load()
            .expect("load")
            .rectifications
            .len(),
        15,
        "nothing written while a row is wrong"
    );

    write_problem_list(&list, "2024-12-31");
    let (code, out, err) = eduplan(&[
        "rectification",
        "import",
        file,
        list_arg,
        "--batch",
        "2024年督导反馈",
        "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已在台账中的1项不重复导入"), "{out}");
    assert!(out.contains("已把2项问题写入整改台账"), "{out}");
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    assert_eq!(plan.rectifications.len(), 17);
    let music = plan
        .rectifications
        .iter()
        .find(|r| r.problem == "乡镇学校音乐教师不足")
        .expect("item");
    assert_eq!(music.due, Some(date(2024, 8, 31)), "an Excel date cell");
    assert_eq!(
        (music.unit.as_str(), music.batch.as_str()),
        ("人事科", "2024年督导反馈")
    );
    let net = plan
        .rectifications
        .iter()
        .find(|r| r.problem == "教学点网络带宽不足")
        .expect("item");
    assert_eq!(net.due, Some(date(2024, 12, 31)));
    // Not a workbook at all: a clear message.
    std::fs::write(dir.path().join("假.xlsx"), "不是表格").expect("write");
    let fake = dir.path().join("假.xlsx");
    let (code, _, err) = eduplan(&[
        "rectification",
        "import",
        file,
        fake.to_str().expect("p"),
        "--yes",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("不是Excel工作簿"), "{err}");
}

#[test]
fn a_units_fill_in_workbook_carries_its_tasks_progress_completion_and_status() {
    use calamine::Data;
    use common::book::resave_all;
    use eduplan::exchange::import::preview_import;
    use eduplan::exchange::template::write_template;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let template = dir.path().join("人事科.xlsx");
    write_template(&plan, 2024, Some("人事科"), &template).expect("template");
    let title = "探索建立教师绩效考核制度";
    let fill = |done: &'static str| {
        move |sheet: &str, rows: &mut Vec<Vec<Data>>| {
            if sheet != "任务填报" {
                return;
            }
            let r = rows
                .iter()
                .position(|row| row.get(2).is_some_and(|c| *c == title))
                .expect("the task's row");
            rows[r][4] = Data::String("绩效考核办法已印发".into());
            rows[r][5] = Data::String(done.into());
            rows[r][6] = Data::String("已完成".into());
        }
    };
    let returned = dir.path().join("人事科交回.xlsx");
    resave_all(&template, &returned, fill("下个月"));
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("完成日期“下个月”无法识别")),
        "{:?}",
        preview.problems
    );
    assert!(!preview.can_apply());

    resave_all(&template, &returned, fill("2024-11-30"));
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
    let whats: Vec<&str> = preview
        .changes
        .iter()
        .filter(|c| c.name == title)
        .map(|c| c.what)
        .collect();
    assert_eq!(whats, ["进展", "完成日期", "完成状态"]);
    let mut pf = PlanFile::open(&path).expect("open");
    pf.apply(&preview.edits(), "导入填报表").expect("apply");
    let after = pf.load().expect("load");
    let task = after.tasks.iter().find(|t| t.title == title).expect("task");
    assert_eq!(task.completed_date, Some(date(2024, 11, 30)));
    assert_eq!(
        task.progress.get(&2024).map(String::as_str),
        Some("绩效考核办法已印发")
    );
    assert_eq!(
        task_state(task, date(2024, 12, 31), 30),
        TaskState::DoneLate,
        "due end of 2023"
    );
}

#[test]
fn a_quarterly_table_brings_one_quarters_progress_and_the_plan_keeps_it_apart_from_the_year() {
    use calamine::{Data, Reader};
    use common::book::resave_all;
    use eduplan::domain::Quarter;
    use eduplan::domain::commitments::{latest_progress, progress_in_year};
    use eduplan::exchange::import::preview_import;
    use eduplan::exchange::template::write_template_for_quarter;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let template = dir.path().join("人事科第二季度.xlsx");
    assert!(write_template_for_quarter(&plan, 2025, Some("人事科"), Some(5), &template).is_err());
    assert!(!template.exists());
    write_template_for_quarter(&plan, 2025, Some("人事科"), Some(2), &template).expect("template");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&template).expect("open");
    let sheet = book.worksheet_range("任务填报").expect("tasks sheet");
    assert_eq!(
        common::book::text(&common::book::cell(&sheet, 2, 4)),
        "2025年第二季度形象进度"
    );
    assert!(common::book::text(&common::book::cell(&sheet, 0, 0)).contains("2025年第二季度"));

    let title = "探索建立教师绩效考核制度";
    let returned = dir.path().join("人事科交回.xlsx");
    resave_all(
        &template,
        &returned,
        |sheet: &str, rows: &mut Vec<Vec<Data>>| {
            if sheet == "任务填报" {
                let r = rows
                    .iter()
                    .position(|row| row.get(2).is_some_and(|c| *c == title))
                    .expect("the task's row");
                rows[r][4] = Data::String("考核方案已征求意见".into());
            }
        },
    );
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2025));
    assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
    let change = preview
        .changes
        .iter()
        .find(|c| c.name == title)
        .expect("the task's change");
    assert_eq!(change.what, "第二季度形象进度");
    let mut pf = PlanFile::open(&path).expect("open");
    let batch = pf
        .apply(&preview.edits(), "导入填报表")
        .expect("apply")
        .expect("a change");
    let after = pf.load().expect("load");
    let task = after.tasks.iter().find(|t| t.title == title).expect("task");
    let q2 = Quarter::new(2025, 2).expect("quarter");
    assert_eq!(
        task.quarterly.get(&q2).map(String::as_str),
        Some("考核方案已征求意见")
    );
    assert_eq!(
        task.progress.get(&2025),
        plan.tasks
            .iter()
            .find(|t| t.title == title)
            .expect("before")
            .progress
            .get(&2025),
        "the year's own progress is untouched"
    );
    if !task.progress.contains_key(&2025) {
        assert_eq!(progress_in_year(task, 2025), "第二季度：考核方案已征求意见");
        assert_eq!(
            latest_progress(task).map(|(p, t)| (p, t.to_owned())),
            Some(("2025年第二季度".to_owned(), "考核方案已征求意见".to_owned()))
        );
    }
    // Undo takes it out again.
    pf.revert(batch, "撤销").expect("undo");
    let undone = pf.load().expect("load");
    let task = undone
        .tasks
        .iter()
        .find(|t| t.title == title)
        .expect("task");
    assert!(task.quarterly.is_empty());
}

#[test]
fn quarterly_progress_in_a_plan_text_is_read_and_a_wrong_quarter_is_refused() {
    use eduplan::exchange::plan_text::parse_plan_text;
    let text = |q: &str| {
        format!(
            r#"{{"format": "eduplan-plan-text", "version": 3,
            "plan": {{"name": "测试规划", "base_year": 2020, "first_year": 2021, "last_year": 2025}},
            "sections": [{{"title": "重点任务", "tasks": [{{"title": "制定布局规划",
            "quarterly_progress": {{"{q}": "已完成调研"}}}}]}}]}}"#
        )
    };
    let plan = parse_plan_text(&text("2024Q3"), "测试").expect("parses");
    let task = &plan.tasks[0];
    let q3 = eduplan::domain::Quarter::new(2024, 3).expect("quarter");
    assert_eq!(
        task.quarterly.get(&q3).map(String::as_str),
        Some("已完成调研")
    );
    let err = parse_plan_text(&text("2024Q5"), "测试").expect_err("refused");
    assert!(err.to_string().contains("2024Q5"), "{err}");
}

#[test]
fn a_units_table_asks_for_progress_on_its_open_rectifications_and_brings_it_back_dated() {
    use calamine::{Data, Reader};
    use common::book::resave_all;
    use eduplan::exchange::import::preview_import;
    use eduplan::exchange::template::write_template;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = common::sample_file(&dir);
    let plan = PlanFile::read_only(&path)
        .expect("open")
        .load()
        .expect("load");
    let template = dir.path().join("人事科.xlsx");
    write_template(&plan, 2024, Some("人事科"), &template).expect("template");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&template).expect("open");
    let sheet = book.worksheet_range("整改填报").expect("the 整改 sheet");
    let problems: Vec<String> = (3..sheet.height() as u32)
        .map(|r| common::book::text(&common::book::cell(&sheet, r, 2)))
        .filter(|t| !t.is_empty())
        .collect();
    // Only the unit's open items: the closed 骨干教师 item is not asked about.
    assert_eq!(problems, ["体育艺术专任教师缺额，部分学校兼职授课"]);

    let returned = dir.path().join("人事科交回.xlsx");
    let fill = |date: &'static str, text: &'static str, swap: bool| {
        move |sheet: &str, rows: &mut Vec<Vec<Data>>| {
            if sheet == "整改填报" {
                rows[3][6] = Data::String(date.into());
                rows[3][7] = Data::String(text.into());
                if swap {
                    rows[3][2] = Data::String("校舍安全隐患整改不彻底".into());
                }
            }
        }
    };
    resave_all(&template, &returned, fill("", "已招聘体育教师3名", false));
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert!(
        preview.problems.iter().any(|p| p.contains("缺少进展日期")),
        "{:?}",
        preview.problems
    );
    assert!(!preview.can_apply());
    resave_all(
        &template,
        &returned,
        fill("2024-10-15", "已招聘体育教师3名", true),
    );
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.contains("表格可能被排序过")),
        "{:?}",
        preview.problems
    );

    resave_all(
        &template,
        &returned,
        fill("2024-10-15", "已招聘体育教师3名", false),
    );
    let preview = preview_import(&plan, std::slice::from_ref(&returned), Some(2024));
    assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
    let change = preview
        .changes
        .iter()
        .find(|c| c.what == "整改进展")
        .expect("the progress change");
    assert_eq!(change.new, "2024-10-15 已招聘体育教师3名");
    let mut pf = PlanFile::open(&path).expect("open");
    pf.apply(&preview.edits(), "导入填报表").expect("apply");
    let after = pf.load().expect("load");
    let item = after
        .rectifications
        .iter()
        .find(|r| r.problem == "体育艺术专任教师缺额，部分学校兼职授课")
        .expect("item");
    assert!(item.progress.contains(&ProgressEntry {
        date: date(2024, 10, 15),
        text: "已招聘体育教师3名".into()
    }));
    assert_eq!(item.closed, None, "a unit reports; the bureau closes");
    // The same table again changes nothing.
    let again = preview_import(&after, std::slice::from_ref(&returned), Some(2024));
    assert!(again.changes.iter().all(|c| c.what != "整改进展"));
}
