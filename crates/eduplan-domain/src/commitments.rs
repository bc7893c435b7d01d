//! Dated commitments: a task's deadline read from the plan's wording, and the state of tasks
//! and 整改 items against today (or a chosen 评估日期).

use jiff::civil::Date;

use crate::codes::coded_enum;
pub use crate::model::{DEFAULT_DUE_SOON_DAYS, RectificationSource};
use crate::model::{Rectification, Task, TaskStatus};
use crate::rules::Light;

coded_enum! {
    /// A task's state, derived from its dates and reports (never stored).
    pub enum TaskState {
        NotStarted = ("not_started", "未开始"),
        InProgress = ("in_progress", "推进中"),
        DueSoon = ("due_soon", "临期"),
        Overdue = ("overdue", "逾期"),
        Done = ("done", "已完成"),
        DoneLate = ("done_late", "已完成（逾期）"),
    }
}

impl TaskState {
    pub fn light(self) -> Light {
        match self {
            TaskState::Done | TaskState::InProgress => Light::Green,
            TaskState::DueSoon | TaskState::DoneLate => Light::Yellow,
            TaskState::Overdue => Light::Red,
            TaskState::NotStarted => Light::Grey,
        }
    }
    pub fn is_done(self) -> bool {
        matches!(self, TaskState::Done | TaskState::DoneLate)
    }
}

fn last_day_of_month(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(|d| d.last_of_month())
}

/// The date a deadline's wording names, at the end of the period it names: 2025年底 → 2025-12-31,
/// 2022年9月前 → 2022-09-30, 2023年6月底 → 2023-06-30, 2024年上半年 → 2024-06-30, 2024年第三季度 →
/// 2024-09-30, 2021—2023年 → 2023-12-31, 2022年9月15日前 → 2022-09-15. Ongoing wordings (长期,
/// 持续推进, 每年) name no date.
pub fn deadline_from_wording(text: &str) -> Option<Date> {
    let text = crate::text::fold_width(text);
    let chars: Vec<char> = text.chars().collect();
    // The last year mentioned: 2021—2023年 is due at the end of 2023.
    let mut found: Option<(usize, i16)> = None;
    let mut i = 0;
    while i + 4 <= chars.len() {
        let s: String = chars[i..i + 4].iter().collect();
        let boundary = (i == 0 || !chars[i - 1].is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit());
        if boundary
            && s.chars().all(|c| c.is_ascii_digit())
            && let Ok(y) = s.parse::<i16>()
            && (1990..=2100).contains(&y)
        {
            found = Some((i + 4, y));
            i += 4;
            continue;
        }
        i += 1;
    }
    let (after, year) = found?;
    let rest: String = chars[after..].iter().collect();
    let rest = rest.trim_start_matches('年');
    let number_then = |s: &str, unit: char| -> Option<(i8, usize)> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || !s[digits.len()..].starts_with(unit) {
            return None;
        }
        digits
            .parse()
            .ok()
            .map(|n| (n, digits.len() + unit.len_utf8()))
    };
    if let Some((month, used)) = number_then(rest, '月') {
        if let Some((day, _)) = number_then(&rest[used..], '日') {
            return Date::new(year, month, day).ok();
        }
        return last_day_of_month(year, month);
    }
    let quarter = [
        ("第一季度", 3),
        ("一季度", 3),
        ("第二季度", 6),
        ("二季度", 6),
        ("第三季度", 9),
        ("三季度", 9),
        ("第四季度", 12),
        ("四季度", 12),
    ];
    for (word, month) in quarter {
        if rest.starts_with(word) {
            return last_day_of_month(year, month);
        }
    }
    if rest.starts_with("上半年") || rest.starts_with("春季") {
        return last_day_of_month(year, 6);
    }
    Date::new(year, 12, 31).ok()
}

/// The latest progress a task reports, with its period ("2024年", "2024年第二季度"): a
/// quarter's report is newer than its own year's summary only when that year has none.
pub fn latest_progress(task: &Task) -> Option<(String, &str)> {
    let year = task
        .progress
        .iter()
        .rev()
        .find(|(_, t)| !t.trim().is_empty())
        .map(|(y, t)| (*y, t.as_str()));
    let quarter = task
        .quarterly
        .iter()
        .rev()
        .find(|(_, t)| !t.trim().is_empty())
        .map(|(q, t)| (*q, t.as_str()));
    match (year, quarter) {
        (Some((y, text)), Some((q, _))) if y >= q.year() => Some((format!("{y}年"), text)),
        (_, Some((q, text))) => Some((format!("{}年{}", q.year(), q.label()), text)),
        (Some((y, text)), None) => Some((format!("{y}年"), text)),
        (None, None) => None,
    }
}

/// What a task reports for `year`: the year's progress, or else the latest quarter of that
/// year with its label ("第二季度：…").
pub fn progress_in_year(task: &Task, year: i32) -> String {
    if let Some(text) = task.progress.get(&year).filter(|t| !t.trim().is_empty()) {
        return text.clone();
    }
    crate::model::Quarter::of_year(year)
        .iter()
        .rev()
        .find_map(|q| {
            task.quarterly
                .get(q)
                .filter(|t| !t.trim().is_empty())
                .map(|t| format!("{}：{t}", q.label()))
        })
        .unwrap_or_default()
}

/// Counts of 整改 items by state, in the order of `RectificationState::ALL`.
pub fn count_by_state(items: &[Rectification], today: Date) -> Vec<(RectificationState, usize)> {
    RectificationState::ALL
        .iter()
        .map(|s| {
            (
                *s,
                items
                    .iter()
                    .filter(|i| rectification_state(i, today) == *s)
                    .count(),
            )
        })
        .collect()
}

/// A task's state on `today`.
pub fn task_state(task: &Task, today: Date, due_soon_days: i64) -> TaskState {
    let deadline = task.deadline_date;
    match task.completed_date {
        Some(done) if done <= today => {
            return match deadline {
                Some(d) if done > d => TaskState::DoneLate,
                _ => TaskState::Done,
            };
        }
        // Completed after the day judged: on that day it was still open.
        Some(_) => {}
        None if task.status == TaskStatus::Done => return TaskState::Done,
        None => {}
    }
    if let Some(d) = deadline {
        if today > d {
            return TaskState::Overdue;
        }
        if days_between(today, d) <= due_soon_days {
            return TaskState::DueSoon;
        }
    }
    let reported = task
        .progress
        .values()
        .chain(task.quarterly.values())
        .any(|t| !t.trim().is_empty());
    if reported || matches!(task.status, TaskStatus::InProgress | TaskStatus::Late) {
        TaskState::InProgress
    } else {
        TaskState::NotStarted
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

coded_enum! {
    /// A 整改 item's state, derived from its dates (never stored).
    pub enum RectificationState {
        Open = ("open", "未整改"),
        InProgress = ("in_progress", "整改中"),
        Overdue = ("overdue", "逾期"),
        Closed = ("closed", "已销号"),
    }
}

impl RectificationState {
    pub fn light(self) -> Light {
        match self {
            RectificationState::Closed => Light::Green,
            RectificationState::InProgress => Light::Yellow,
            RectificationState::Open => Light::Grey,
            RectificationState::Overdue => Light::Red,
        }
    }
}

pub fn rectification_state(item: &Rectification, today: Date) -> RectificationState {
    if item.closed.is_some_and(|c| c <= today) {
        return RectificationState::Closed;
    }
    if item.due.is_some_and(|d| today > d) {
        return RectificationState::Overdue;
    }
    if item.progress.iter().any(|p| p.date <= today) {
        RectificationState::InProgress
    } else {
        RectificationState::Open
    }
}

/// Why an item cannot be closed (销号) yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseRefusal {
    /// Neither an evidence file nor a written acceptance note.
    NoEvidence,
    AlreadyClosed,
}

/// 销号 needs at least one evidence file or a written acceptance note.
pub fn check_close(item: &Rectification, evidence_files: usize) -> Result<(), CloseRefusal> {
    if item.closed.is_some() {
        return Err(CloseRefusal::AlreadyClosed);
    }
    if evidence_files == 0 && item.closed_note.trim().is_empty() {
        return Err(CloseRefusal::NoEvidence);
    }
    Ok(())
}

/// Open items at the end of each month from the first item's batch date to `today`: the
/// 动态清零 curve.
pub fn open_items_by_month(items: &[Rectification], today: Date) -> Vec<(Date, usize)> {
    let Some(start) = items.iter().filter_map(|i| i.batch_date.or(i.due)).min() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut month = start.first_of_month();
    while month <= today {
        let end = month.last_of_month().min(today);
        let open = items
            .iter()
            .filter(|i| i.batch_date.is_none_or(|b| b <= end))
            .filter(|i| i.closed.is_none_or(|c| c > end))
            .count();
        out.push((end, open));
        match month.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn deadlines_are_read_at_the_end_of_the_period_named() {
        for (text, want) in [
            ("2025年底", Some(date(2025, 12, 31))),
            ("2022年9月前", Some(date(2022, 9, 30))),
            ("2023年6月底前", Some(date(2023, 6, 30))),
            ("2024年上半年", Some(date(2024, 6, 30))),
            ("2024年第三季度", Some(date(2024, 9, 30))),
            ("2021—2023年", Some(date(2023, 12, 31))),
            ("2022年9月15日前", Some(date(2022, 9, 15))),
            ("2024年2月", Some(date(2024, 2, 29))),
            ("２０２３年", Some(date(2023, 12, 31))),
            ("长期坚持", None),
            ("每年", None),
        ] {
            assert_eq!(deadline_from_wording(text), want, "{text}");
        }
    }
}
