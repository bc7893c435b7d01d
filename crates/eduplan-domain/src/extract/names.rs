//! What a number measures: the clause's subject, cleaned of list marks, time adverbials and
//! filler words.

use super::clean::{clean_name, is_cjk};
use super::numbers::{is_cn_digit, year_at};
use super::targets::{
    ACTION_VERBS, CUE_WORDS, GENERIC_VERBS, MentionContext, Verbs, WEAK_VERBS, action_verb_in,
    cue_start, ends_clause,
};
use crate::text::{contains_at, find_word, text_of};

/// What a clause talks about: the words before its first cue (毛入园率 in 毛入园率达到90%).
pub(super) fn clause_subject(chars: &[char], a: usize, b: usize, mask: &[bool]) -> String {
    const STOPS: &[&str] = &[
        "≥",
        "≤",
        ">",
        "<",
        "=",
        "达到",
        "保持",
        "稳定在",
        "不低于",
        "不少于",
        "不高于",
        "不超过",
        "控制在",
        "提高到",
        "提升到",
        "提高至",
        "提升至",
        "下降",
        "降低",
        "降至",
        "减少",
        "提高",
        "提升",
        "增长",
        "增加到",
        "分别",
    ];
    // 达 / 为 / 在 are cues only right before the number (达标率 and 在校生 are names).
    const SHORT_STOPS: &[&str] = &[
        "达", "为", "在", "约", "较", "超过", "超", "高于", "低于", "小于", "大于",
    ];
    // The subject ends at the last cue before the first number (达到资源配置…的学校比例达到60%).
    // A year (2015年…分别达到90%) is the clause's time, not its first number.
    let first_digit = (a..b)
        .find(|&i| {
            let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
            let time_or_age = (year_at(chars, i).is_some() && chars.get(i + 4) == Some(&'年'))
                || is_age(chars, i);
            starts && !mask[i] && !time_or_age
        })
        .unwrap_or(b);
    let mut end = first_digit;
    let mut stop_end = None;
    for i in (a..first_digit).filter(|&i| !mask[i]) {
        if let Some(w) = STOPS.iter().find(|w| contains_at(chars, i, w))
            && i > a
        {
            end = i;
            stop_end = Some(i + w.chars().count());
        }
        let short_before_number = SHORT_STOPS.iter().any(|w| {
            let next = i + w.chars().count();
            contains_at(chars, i, w)
                && chars.get(next).is_some_and(|c| c.is_ascii_digit())
                && !(year_at(chars, next).is_some() && chars.get(next + 4) == Some(&'年'))
        });
        // 保持在99%: 在 belongs to the cue before it.
        if short_before_number && stop_end.is_none_or(|e| i > e) {
            end = i;
            break;
        }
        // 优良率较2020年提高5个百分点: the base of a change ends the subject.
        // (占比2024年底达到30%: 比 of 占比 compares nothing.)
        if i > a
            && matches!(chars[i], '较' | '比')
            && !(chars[i] == '比' && chars[i - 1] == '占')
            && compares_with_a_time(chars, i + 1)
        {
            end = i;
            break;
        }
    }
    clean_name(&text_of(chars, a, end))
}

/// 3-6周岁 / 36周岁 (a copy that lost its hyphen) at `i`: an age in a name, not a figure.
fn is_age(chars: &[char], i: usize) -> bool {
    let end = (i..chars.len())
        .find(|&j| !(chars[j].is_ascii_digit() || "-—~～至".contains(chars[j])))
        .unwrap_or(chars.len());
    contains_at(chars, end, "周岁") || contains_at(chars, end, "岁")
}

/// 2020年 / 上年 / 去年 right at `i`: the time a change is measured from.
fn compares_with_a_time(chars: &[char], i: usize) -> bool {
    (year_at(chars, i).is_some() && chars.get(i + 4) == Some(&'年'))
        || contains_at(chars, i, "上年")
        || contains_at(chars, i, "去年")
}

/// What naming a mention came to.
pub(super) enum Naming {
    Named(String),
    /// Nothing near the number names it: the clause's or the sentence's subject does.
    FromContext,
    /// 80%的 with nothing after it: not a target.
    NotATarget,
}

/// A name from the clause's subject, the sentence's last subject, or the words before the number.
pub(super) fn context_name(cx: &MentionContext) -> Option<String> {
    let before = clean_name(&cx.text(cx.a, cue_start(cx.chars, cx.a, cx.m.start)));
    [cx.subject, cx.last_subject, before.as_str()]
        .into_iter()
        .find(|s| s.chars().count() >= 2)
        .map(str::to_owned)
}

/// What is measured. A rate is named by its subject; a count names its object before the number
/// (培养区级骨干教师400人) or after it (建设3-5所足球、冰雪特色校).
pub(super) fn target_name(cx: &MentionContext, verbs: &Verbs) -> Naming {
    let after_text = cx.after_text();
    // …占比达到30%的任务 / 的目标: the figure the sentence sets, named by its subject.
    let names_the_target = ["任务", "目标", "要求"].iter().any(|w| {
        after_text
            .strip_prefix('的')
            .is_some_and(|r| r.starts_with(w))
    });
    if cx.is_percent() && after_text.starts_with('的') && !names_the_target {
        let rest = clean_name(&after_text['的'.len_utf8()..]);
        return if rest.is_empty() {
            Naming::NotATarget
        } else {
            Naming::Named(share_name(&rest))
        };
    }
    // 100%初中学校创建成… / 全市85%左右县（市、区）创建成…: a share opening its clause (after
    // a mere scope), those who do it after it.
    if cx.is_percent() && cx.m.unit == "%" && clean_name(&cx.before_text()).is_empty() {
        let rest = clean_name(after_text.trim_start_matches("左右"));
        let chars: Vec<char> = rest.chars().collect();
        let acts = (2..chars.len()).any(|i| ACTION_VERBS.iter().any(|v| contains_at(&chars, i, v)));
        if acts && !rest.starts_with("以上") {
            return Naming::Named(share_name(&rest));
        }
    }
    // 镇（街道）中心幼儿园100%达到省示范幼儿园标准: those counted before the share, what they
    // do after it.
    const SHARE_PREDICATES: &[&str] = &["达到", "通过", "实现", "具备", "建成", "纳入"];
    if cx.is_percent()
        && cx.m.unit == "%"
        && SHARE_PREDICATES.iter().any(|p| after_text.starts_with(p))
        && !after_text.chars().any(|c| c.is_ascii_digit())
    {
        let counted = clean_name(&cx.before_text());
        let done = after_text
            .trim_end_matches(|c: char| c.is_whitespace() || "，,。；;、".contains(c))
            .to_owned();
        if counted.chars().count() >= 2 && done.chars().count() >= 4 {
            return Naming::Named(format!("{done}的{counted}"));
        }
    }
    if cx.is_percent() {
        return Naming::Named(rate_name(cx, &after_text));
    }
    if let Some(name) = count_of_those_who_do(cx, &after_text) {
        return Naming::Named(name);
    }
    let (object_before, verb_for_object) = object_before_number(cx, verbs);
    // 农村学前教育推进工程5个 / 教师周转宿舍建设专项22项: a project's title holds a verb; the
    // whole title is the name.
    const PROJECT_HEADS: &[&str] = &["专项", "工程", "工程专项", "项目", "专项工程"];
    if ends_clause(&after_text)
        && PROJECT_HEADS.contains(&object_before.as_str())
        && let Some((verb_at, _)) = verbs.before
    {
        let start = cx.a.max(cx.prev_end);
        let title = clean_name(&super::headings::strip_list_mark(
            &cx.text(start, cx.m.start),
        ));
        let before_verb = clean_name(&cx.text(start, verb_at));
        if before_verb.chars().count() >= 2 && title.chars().count() <= 30 {
            return Naming::Named(title);
        }
    }
    if ends_clause(&after_text) && !object_before.is_empty() {
        // 培养区级骨干教师400人 → 培养区级骨干教师
        return Naming::Named(format!("{verb_for_object}{object_before}"));
    }
    // 改扩建5所、配建3所: a count named by its verb alone, when nothing stands before the verb.
    if ends_clause(&after_text)
        && verbs.before.is_some_and(|(i, v)| {
            i + v.chars().count() == cx.m.start
                && clean_name(&cx.text(cx.a.max(cx.prev_end), i))
                    .trim_matches(|c: char| c == '、' || c.is_whitespace())
                    .is_empty()
        })
        && !verb_for_object.is_empty()
    {
        return Naming::Named(verb_for_object);
    }
    if let Some(rest) = after_text.strip_prefix('的') {
        // 共360学时的全员培训任务 → 全员培训任务
        let named = clean_name(rest);
        return if named.chars().count() < 2 {
            Naming::FromContext
        } else {
            Naming::Named(named)
        };
    }
    // 对8所农村小学、5所初中运动场地进行改造: what 对 takes is counted, and the verb before it
    // is not theirs.
    let before = cx.before_text();
    // 为不少于2.5万名困难妇女提供免费检查: those served are counted by what they are given.
    let served = before
        .rfind('为')
        .is_some_and(|i| before[i + '为'.len_utf8()..].chars().count() <= 4);
    if served {
        let rest = cx.text(cx.m.end, cx.b);
        if let Some(at) = rest.find("提供") {
            let given = clean_name(&rest[at + "提供".len()..]);
            if (2..=20).contains(&given.chars().count()) {
                return Naming::Named(given);
            }
        }
    }
    if let Some((name, _)) = dui_object(cx) {
        return Naming::Named(name);
    }
    object_after_number(cx, verbs)
}

/// 对8所农村小学、5所初中运动场地进行改造 / 对全县35所学校运动场进行塑化: what 对 takes is
/// counted, and the verb before it is not theirs; a short verb after 进行 is what is done to
/// them (对151名培训者进行培训 → 培训培训者). Returns the name and whether 进行 names the act.
pub(super) fn dui_object(cx: &MentionContext) -> Option<(String, bool)> {
    let before = cx.before_text();
    let listed = &before[before.rfind('对')? + '对'.len_utf8()..];
    let scope =
        listed.chars().count() <= 4 && (listed.starts_with('全') || listed.starts_with('各'));
    if !(listed.trim().is_empty() || listed.ends_with('、') || scope)
        || listed.chars().count() > 20
        || ACTION_VERBS.iter().any(|v| listed.contains(v))
    {
        return None;
    }
    let rest = cx.text(cx.m.end, cx.b);
    let end = ["、", "进行", "实施", "开展", "和"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let object = clean_name(&rest[..end]);
    let done = rest[end..]
        .strip_prefix("进行")
        .map(|v| v.trim_end_matches(|c: char| "，,。；;".contains(c)))
        .filter(|v| (1..=2).contains(&v.chars().count()));
    (object.chars().count() >= 2).then(|| match done {
        Some(verb) => (format!("{verb}{object}"), true),
        None => (object, false),
    })
}

/// Counting units of schools and places, whose count may open a clause.
const SCHOOL_UNITS: &[&str] = &["所", "个", "家", "座"];
/// Predicates of what counted schools achieve.
const ACHIEVED: &[&str] = &[
    "达到",
    "通过",
    "实现",
    "具备",
    "建成",
    "纳入",
    "创建成",
    "成为",
];

/// A count of schools named by what they do:
/// - 20所学校实现寄宿制、封闭式管理 / 支持100所小学在主要项目上达到新颁办学标准: the count
///   opens its clause (after a verb of support at most), those counted and their predicate after;
/// - 初中2所、小学6所达到省定一类标准: counts by 学段, the predicate after the last of them.
pub(super) fn count_of_those_who_do(cx: &MentionContext, after_text: &str) -> Option<String> {
    if !SCHOOL_UNITS.contains(&cx.m.unit.as_str()) {
        return None;
    }
    let before = clean_name(&cx.text(cx.a.max(cx.prev_end), cx.m.start));
    let before = before.trim_start_matches(['、', '和']);
    let opens = [
        "", "支持", "推动", "使", "让", "确保", "力争", "争取", "引导", "鼓励",
    ]
    .contains(&before);
    if opens {
        let rest = clean_name(after_text);
        let chars: Vec<char> = rest.chars().collect();
        let at = (2..chars.len()).find(|&i| ACHIEVED.iter().any(|p| contains_at(&chars, i, p)))?;
        if rest.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        // 小学在主要项目上达到…: the place of the predicate goes with it.
        let at = (1..at)
            .rev()
            .find(|&i| chars[i] == '在' && chars[at - 1] == '上')
            .unwrap_or(at);
        // 40个区县要实现…: a modal verb before the predicate is not those counted.
        let counted = text_of(&chars, 0, at);
        let counted = counted.trim_end_matches(['要', '将', '应', '须']);
        return (counted.chars().count() >= 2)
            .then(|| format!("{}的{counted}", text_of(&chars, at, chars.len())));
    }
    let stage_alone =
        super::lists::STAGES.contains(&before) || ["学校", "中小学", "幼儿园"].contains(&before);
    if !stage_alone {
        return None;
    }
    let tail = cx.text(cx.m.end, cx.b);
    let last_digit = tail.rfind(|c: char| c.is_ascii_digit());
    let rest = match last_digit {
        Some(i) if tail.starts_with(['、', '和']) => tail[i + 1..]
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim_start_matches(['所', '个', '家', '座']),
        Some(_) => return None,
        None => tail.as_str(),
    };
    let rest = rest.trim_end_matches(|c: char| c.is_whitespace() || "，,。；;".contains(c));
    (ACHIEVED.iter().any(|p| rest.starts_with(p)) && rest.chars().count() >= 4)
        .then(|| format!("{rest}的{before}"))
}

/// 85%的义务教育学校通过省级评估 → 通过省级评估的义务教育学校: the share is named by those who
/// do what the sentence says; without such a verb, 教师队伍 → 教师队伍的比例.
fn share_name(rest: &str) -> String {
    const PREDICATES: &[&str] = &[
        "通过", "达到", "具有", "具备", "能", "会", "有", "参加", "参与", "接受", "获得", "实现",
        "取得", "掌握", "建成", "完成", "纳入", "进入", "加入",
    ];
    let chars: Vec<char> = rest.chars().collect();
    let split = (2..chars.len()).find(|&i| {
        PREDICATES
            .iter()
            .chain(ACTION_VERBS)
            .any(|p| contains_at(&chars, i, p))
    });
    // 85%的幼儿园基本达到…: an adverb before the predicate is part of it.
    let split = split.map(|mut i| {
        while let Some(adverb) = ["基本", "全部", "普遍", "均", "都", "全"]
            .iter()
            .find(|a| i >= 2 + a.chars().count() && contains_at(&chars, i - a.chars().count(), a))
        {
            i -= adverb.chars().count();
        }
        i
    });
    // 70%的乡镇以下学校10M以上宽带接入: with no verb, those counted end with their head noun.
    const HEADS: &[&str] = &[
        "学校",
        "幼儿园",
        "教学班",
        "班级",
        "学生",
        "教师",
        "高校",
        "院校",
    ];
    let split = split.or_else(|| {
        HEADS
            .iter()
            .filter_map(|h| rest.find(h).map(|at| rest[..at + h.len()].chars().count()))
            .filter(|&end| end >= 2 && end + 2 <= chars.len())
            .min()
    });
    match split {
        Some(i) => format!(
            "{}的{}",
            text_of(&chars, i, chars.len()),
            text_of(&chars, 0, i)
        ),
        None => format!("{rest}的比例"),
    }
}

/// A rate's subject (or the sentence's), with a short predicate after the number made a rate
/// (教师学历100%合格 → 教师学历合格率).
fn rate_name(cx: &MentionContext, after_text: &str) -> String {
    // 毛入园率达99%以上、普惠性幼儿园覆盖率达85%以上: an item of a 、 list with its own cue
    // names its own measure.
    if cx.prev_end > cx.a {
        let raw = cx.text(cx.prev_end, cue_start(cx.chars, cx.prev_end, cx.m.start));
        let item = ["以上", "以下", "以内", "左右"]
            .iter()
            .fold(raw.as_str(), |r, w| r.trim_start_matches(w))
            .starts_with('、');
        let local = clean_name(&raw);
        if item
            && local.chars().count() >= 3
            && ["率", "比例", "占比", "比重", "系数"]
                .iter()
                .any(|e| local.ends_with(e))
        {
            return local.to_owned();
        }
    }
    let mut s = if cx.subject.is_empty() {
        cx.last_subject.to_owned()
    } else {
        cx.subject.to_owned()
    };
    let tail = clean_name(after_text);
    let predicate = !tail.is_empty()
        && !after_text.trim_start().starts_with('的')
        && !["左右", "以上", "以下", "以内"].contains(&tail.as_str())
        && tail.chars().count() <= 3
        && !tail.chars().any(|c| "、，不高低于达均".contains(c));
    if predicate && !s.ends_with('率') && !s.ends_with("比例") {
        s = format!("{s}{tail}");
        if !s.ends_with('率') {
            s.push('率');
        }
    }
    without_place_name(s)
}

/// 济宁市学前教育毛入学率 → 学前教育毛入学率: the city or county a plan is written for, named
/// before a rate, is not part of the measure (a scope such as 东部城市 or 市区 is).
fn without_place_name(name: String) -> String {
    let chars: Vec<char> = name.chars().collect();
    let cjk = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    let place = (3..=4).find(|&n| {
        chars.len() >= n + 4
            && matches!(chars[n - 1], '市' | '县')
            && chars[..n - 1].iter().all(cjk)
            && !matches!(chars[n - 2], '城' | '全' | '各' | '本' | '该' | '我')
    });
    match place {
        Some(n) if name.ends_with('率') || name.ends_with("比例") => {
            text_of(&chars, n, chars.len())
        }
        _ => name,
    }
}

/// The words between the verb (or the previous number) and this number, and the verb that
/// counts them.
fn object_before_number(cx: &MentionContext, verbs: &Verbs) -> (String, String) {
    // A clause with its own comparison (不少于80名) does not borrow the sentence's verb.
    let clause_has_cue = CUE_WORDS
        .iter()
        .any(|w| find_word(cx.chars, cx.a, cx.b, w).is_some());
    let (object_start, verb) = match verbs.before {
        // 完成加固校舍3万平方米 / 开展脑卒中高危人群筛查4000人: what is done is the object's
        // own verb.
        Some((i, v)) if COMPLETING.contains(&v) || v == "开展" => {
            (i + v.chars().count(), String::new())
        }
        Some((i, v)) => (
            i + v.chars().count(),
            format!(
                "{}{}",
                ratio_base(cx.chars, cx.a, i),
                full_verb(cx.chars, cx.a, i, v)
            ),
        ),
        None if clause_has_cue => (cx.a, String::new()),
        // 开展…结对帮扶，结对学校58所: a generic verb before names nothing after it.
        // 建设保育用房3050平方米，塑胶运动场地2800平方米: an area is named by what it measures.
        None if cx.m.unit.ends_with("平方米") => (cx.a, String::new()),
        None => (
            cx.a,
            cx.inherited_verb
                .filter(|v| !GENERIC_VERBS.contains(v))
                .unwrap_or_default()
                .to_owned(),
        ),
    };
    let object_start = object_start.max(cx.prev_end);
    let object = clean_name(&cx.text(object_start, cue_start(cx.chars, object_start, cx.m.start)));
    // 新（迁）建学校12所 / 规划总投资 / 撤并学校11所、续建学校26所: an object with its own
    // building verb, or an investment, borrows no verb from an earlier item or clause.
    let borrowed = verbs.before.is_none_or(|(i, _)| i < cx.prev_end);
    let measure_word = [
        "占地",
        "占地面积",
        "建筑面积",
        "面积",
        "投资",
        "计划投资",
        "总投资",
        "班级数",
    ]
    .contains(&object.as_str())
        || ["投资", "资金", "经费", "拨款"]
            .iter()
            .any(|w| object.ends_with(w));
    let money = cx.is_money();
    let verb = if borrowed && (object.contains('建') || measure_word || money) {
        String::new()
    } else {
        verb
    };
    (object, verb)
}

/// 每千名学生配备…: the base of a ratio before the verb is part of the name.
fn ratio_base(chars: &[char], a: usize, verb: usize) -> String {
    let before = clean_name(&text_of(chars, a, verb));
    let mut it = before.chars();
    let ratio = it.next() == Some('每')
        && it
            .next()
            .is_some_and(|c| is_cn_digit(c) || c.is_ascii_digit())
        && before.chars().count() <= 8;
    if ratio { before } else { String::new() }
}

/// Verbs that only say a thing gets done; the words after them name it (完成加固校舍 → 加固校舍).
const COMPLETING: &[&str] = &["完成"];

/// The verb at `i` as the plan words it: with the verbs listed before it (新建、改扩建) and a
/// 新 before it (新招录, not 重新).
pub(super) fn full_verb(chars: &[char], a: usize, i: usize, v: &str) -> String {
    // The length of the longest action verb ending at `end` (and none before `a`).
    let verb_ending_at = |end: usize, building: bool| {
        ACTION_VERBS
            .iter()
            .filter(|w| !building || w.contains('建'))
            .map(|w| w.chars().count())
            .filter(|&n| {
                end >= a + n && ACTION_VERBS.contains(&text_of(chars, end - n, end).as_str())
            })
            .filter(|&n| !building || text_of(chars, end - n, end).contains('建'))
            .max()
    };
    let mut start = i;
    loop {
        // 新建改扩建: a building verb right before this one (培育打造 and 完成新建 are not one
        // verb).
        if v.contains('建')
            && let Some(n) = verb_ending_at(start, true)
        {
            start -= n;
            continue;
        }
        if start <= a || !matches!(chars[start - 1], '、' | '或') {
            break;
        }
        // 新、改扩建: 新建 shortened before a list mark.
        if chars[start - 1] == '、' && start >= a + 2 && chars[start - 2] == '新' {
            start -= 2;
            continue;
        }
        // 新建、改扩建 / 新建或改建: verbs listed or joined by 或 are one.
        match verb_ending_at(start - 1, false) {
            Some(n) => start -= n + 1,
            None => break,
        }
    }
    // 标准化改造: a manner ending in 化 right before the verb is part of it.
    if start >= a + 3
        && chars[start - 1] == '化'
        && chars[start - 3..start].iter().all(|c| is_cjk(*c))
    {
        start -= 3;
    }
    if start > a
        && chars[start - 1] == '新'
        && !v.starts_with('新')
        && (start < 2 || chars[start - 2] != '重')
    {
        start -= 1;
    }
    format!("{}{v}", text_of(chars, start, i))
}

/// 建设3-5所足球、冰雪特色校 → 建设足球、冰雪特色校: the object after the number, with the verb
/// that acts on it.
fn object_after_number(cx: &MentionContext, verbs: &Verbs) -> Naming {
    let range_end = cx.next_start.min(cx.b);
    if verbs.before.is_none()
        && let Some(name) = listed_count_name(cx)
    {
        return Naming::Named(name);
    }
    let verb_after_last = action_verb_in(cx.chars, cx.m.end, range_end, cx.mask, true);
    // 完成18所学校的旱厕改造: what is done to the things counted names the count.
    let whole_after = cx.text(cx.m.end, range_end);
    if let Some((_, done)) = whole_after.split_once('的')
        && let Some((i, v)) = verb_after_last
        && cx.text(i + v.chars().count(), range_end).trim().is_empty()
        && done.chars().count() > v.chars().count() + 1
        && !done.contains(['、', '，'])
    {
        return Naming::Named(clean_name(done));
    }
    let obj_end = verb_after_last.map_or(range_end, |(i, _)| range_end.min(i));
    let mut object = cx.text(cx.m.end, obj_end);
    for cut in [
        "以及", "的", "和", "及", "与", "进行", "在", "作为", "给予", "开展", "…", "...",
    ] {
        // 普及员 / 涉及: 及 inside a word is no conjunction.
        // 合格的乡镇成人文化技术学校: a short word before 的 describes the object; 学校和幼儿园
        // is one object unless another count or act follows 和.
        let in_word = |i: usize| {
            (cut == "及" && object[..i].ends_with(['普', '涉', '波', '触', '顾']))
                || (cut == "的" && object[..i].chars().count() <= 2)
                || (matches!(cut, "和" | "与") && {
                    let after: Vec<char> = object[i + cut.len()..].chars().collect();
                    !after.iter().any(char::is_ascii_digit)
                        && !(0..after.len())
                            .any(|k| ACTION_VERBS.iter().any(|v| contains_at(&after, k, v)))
                        && after.len() <= 6
                })
        };
        if let Some(i) = object.find(cut)
            && i > 0
            && !in_word(i)
        {
            object.truncate(i);
        }
    }
    // 建设8所学校、实现…全覆盖: a 、 before another verb ends the object.
    let object_chars: Vec<char> = object.chars().collect();
    if let Some(k) = object_chars.iter().position(|&c| c == '、')
        && (ACTION_VERBS.iter().chain(["实现"].iter()))
            .any(|v| contains_at(&object_chars, k + 1, v))
    {
        object = text_of(&object_chars, 0, k);
    }
    let object = clean_name(&object);
    if object.is_empty() {
        // 省级培训260人次 / 分别达到2000元、2500元: named by what precedes.
        return Naming::FromContext;
    }
    // A generic verb before (实施 / 推进) names less than the one after (改造).
    let after_in_clause = action_verb_in(cx.chars, cx.m.end, cx.b, cx.mask, false).map(|(_, v)| v);
    let after = verb_after_last.map(|(_, v)| v).or(after_in_clause);
    Naming::Named(match (verbs.before, after) {
        // 将提供约2万个学位: with nothing after to say what is done, the generic verb does.
        (Some((i, v)), None) if GENERIC_VERBS.contains(&v) && !COMPLETING.contains(&v) => {
            format!("{}{object}", full_verb(cx.chars, cx.a, i, v))
        }
        // 推进18个社区“宝宝屋”扩优提质: the verb closing the clause says what is pushed on.
        (Some((_, v)), Some(after))
            if WEAK_VERBS.contains(&v)
                && verb_after_last.is_some_and(|(i, w)| {
                    cx.text(i + w.chars().count(), range_end).trim().is_empty()
                }) =>
        {
            format!("{v}{}{after}", cx.text(cx.m.end, obj_end).trim())
        }
        (Some((_, v)), Some(after)) if WEAK_VERBS.contains(&v) => format!("{after}{object}"),
        (Some((_, v)), after) if GENERIC_VERBS.contains(&v) => {
            format!("{object}{}", after.unwrap_or_default())
        }
        // 选派100名城区骨干教师到农村学校支教: where they go and what they do there.
        (Some((i, v)), Some(after))
            if object.contains('到')
                && verb_after_last.is_some_and(|(j, w)| {
                    cx.text(j + w.chars().count(), range_end).trim().is_empty()
                }) =>
        {
            format!("{}{object}{after}", full_verb(cx.chars, cx.a, i, v))
        }
        (Some((i, v)), _) => format!("{}{object}", full_verb(cx.chars, cx.a, i, v)),
        (None, Some(v)) => format!("{v}{object}"),
        // …，2所市级示范学校: an item going on from the clause before takes its verb.
        (None, None) => match cx.inherited_verb {
            Some(v) if cx.before_text().trim().is_empty() => format!("{v}{object}"),
            _ => object,
        },
    })
}

/// 凉州区祁连路小学、…等5所学校建设项目竣工: a count that sums up the names listed before it,
/// named by what is said of them after it.
pub(super) fn listed_count_name(cx: &MentionContext) -> Option<String> {
    let before = cx.before_text();
    let sums_up = before.contains('、') || before.trim_end().ends_with('等');
    if !sums_up || cx.is_percent() {
        return None;
    }
    object_then_predicate(&cx.text(cx.m.end, cx.next_start.min(cx.b)))
}

/// 5所学校建设项目竣工并交付使用 → 竣工并交付使用的学校建设项目: with no verb before the number
/// and names listed before it, the object after it ends at its head (…项目 / …学校) and what
/// follows is said of it.
fn object_then_predicate(after: &str) -> Option<String> {
    const HEADS: &[&str] = &["项目", "学校", "幼儿园", "小学", "中学"];
    let after = after.trim_end_matches(|c: char| c.is_whitespace() || "。；;，,".contains(c));
    let (at, head) = HEADS
        .iter()
        .filter_map(|h| after.rfind(h).map(|i| (i, *h)))
        .max_by_key(|(i, _)| *i)?;
    let object = &after[..at + head.len()];
    let predicate = &after[at + head.len()..];
    let words = predicate.chars().count();
    let plain = predicate
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    (object.chars().count() >= 2
        && (3..=12).contains(&words)
        && plain
        && !ACTION_VERBS.contains(&predicate)
        && !predicate.starts_with(['的', '和', '及', '等']))
    .then(|| format!("{predicate}的{object}"))
}

/// 生均公用经费标准小学不低于720元、初中不低于940元: the second names only its 学段, which
/// replaces the 学段 at the end of the subject. 小学均不高于0.50、初中均不高于0.45: the words since
/// the last number name the 学段.
pub(super) fn with_stage(cx: &MentionContext, name: String) -> String {
    const STAGES: &[&str] = &["小学", "初中", "高中", "幼儿园", "中职", "学前"];
    let local = if cx.prev_end > cx.a {
        clean_name(&cx.text(cx.prev_end, cue_start(cx.chars, cx.prev_end, cx.m.start)))
    } else {
        String::new()
    };
    let stage_word = STAGES
        .iter()
        .find(|s| name == **s || (cx.is_percent() && local == **s));
    let name = match stage_word {
        Some(stage) => STAGES
            .iter()
            .find_map(|other| cx.subject.strip_suffix(other).filter(|_| other != stage))
            .map_or(name.clone(), |stem| format!("{stem}{stage}")),
        None => name,
    };
    name.trim().to_owned()
}

/// A scope alone (县(市)达到30%, 初中不超过90分钟, 其中农村学校不少于70名; `under_it`: the clause
/// opens with 其中) stands for the measure
/// named just before it under another scope (市区学前第四年幼儿入园率): the same measure, with this
/// scope.
pub(super) fn scoped_like(name: &str, previous: &str, under_it: bool) -> Option<String> {
    // 其中公办园达到70%: a short name under 其中 is a part of the measure before it.
    let part = is_scope(name) || (under_it && name.chars().count() <= 4);
    let acts = ACTION_VERBS.iter().any(|v| name.starts_with(v));
    if !part || acts || previous.chars().count() < 3 {
        return None;
    }
    let chars: Vec<char> = previous.chars().collect();
    // 学前三年入园率 keeps its 学段 for 东部地区; 小学入学率 gives it up for 初中.
    let stem = (2..=5)
        .find(|&n| {
            let head = text_of(&chars, 0, n);
            n + 2 < chars.len() && is_scope(&head) && (!is_stage(&head) || is_stage(name))
        })
        .unwrap_or(0);
    Some(format!("{name}{}", text_of(&chars, stem, chars.len())))
}

fn is_stage(s: &str) -> bool {
    super::lists::STAGES.contains(&s)
}

/// 市区 / 县(市) / 东部地区 / 农村 / 初中 / 三至六年级: where a figure holds, not what it measures.
pub(super) fn is_scope(s: &str) -> bool {
    let n = s.chars().count();
    (2..=5).contains(&n)
        && (["区", "市", "县", "镇", "村", "）", ")", "年级"]
            .iter()
            .any(|e| s.ends_with(e))
            || ["城市", "农村", "城镇", "乡村", "农村学校", "城区学校"].contains(&s)
            || is_stage(s))
}
