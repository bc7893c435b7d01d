//! Several targets in one sentence: names listed before one value or before as many values.
//!
//! - A和B分别达到95%和85%: as many values as names, paired in order (a run of twice as many, 2015年
//!   …分别达到…；2020年分别达到…, goes through the list again).
//! - A和B均达到95%以上 / A、B达到95%: one value shared by two names, when each listed part is a
//!   measure of its own (…率, …比例, …数).
//! - 小学、初中差异系数 / 骨干教师数小学、初中: a list of 学段 before or after the measure, one name
//!   per 学段.

use super::Proposal;

/// 学段 a list may give a measure for.
pub(super) const STAGES: &[&str] = &[
    "普通高中",
    "义务教育",
    "中小学",
    "小学",
    "初中",
    "高中",
    "幼儿园",
    "中职",
    "学前",
    "中等职业教育",
    "高等教育",
];
/// How a name that is a measure of its own ends.
const MEASURE_ENDS: &[&str] = &[
    "率",
    "比例",
    "占比",
    "数",
    "系数",
    "年限",
    "覆盖面",
    "标准",
    "经费",
];

/// The names a listed name stands for, and whether each is a whole indicator name (so that one
/// value may be shared among them).
fn list_parts(name: &str) -> Option<(Vec<String>, bool)> {
    // 争创现代化小学和初中20所: 学段 after a verb's object are the object, not a list of targets.
    let acts = super::targets::ACTION_VERBS
        .iter()
        .any(|v| name.starts_with(v));
    let after = if acts { None } else { stages_after(name) };
    if let Some(parts) = stages_before(name).or(after) {
        return Some((parts, true));
    }
    let parts = shared_scope(split_list(name));
    if parts.len() < 2 {
        return None;
    }
    let whole = parts
        .iter()
        .all(|p| p.chars().count() >= 3 && MEASURE_ENDS.iter().any(|e| p.ends_with(e)));
    Some((parts, whole))
}

/// 小学入学率、稳固率、毕业率: the scope before the first measure (小学) is every listed measure's
/// when the others are bare measures as long as the first one's own.
fn shared_scope(mut parts: Vec<String>) -> Vec<String> {
    let Some(first) = parts.first().cloned() else {
        return parts;
    };
    let bare = |p: &String| {
        let n = p.chars().count();
        (2..=4).contains(&n) && MEASURE_ENDS.iter().any(|e| p.ends_with(e))
    };
    let Some(n) = parts.get(1).filter(|p| bare(p)).map(|p| p.chars().count()) else {
        return parts;
    };
    let first_chars: Vec<char> = first.chars().collect();
    if first_chars.len() <= n || !parts[1..].iter().all(bare) {
        return parts;
    }
    let scope: String = first_chars[..first_chars.len() - n].iter().collect();
    // (少数民族义务教育的巩固率和毕业率: a scope may be as long as a 学段 and a group.)
    if scope.chars().count() > 10 {
        return parts;
    }
    for p in &mut parts[1..] {
        *p = format!("{scope}{p}");
    }
    parts
}

/// A、B、C和D or A和B: split at 、, and the last part again at 和 / 与 / 及 (not 及以上).
fn split_list(name: &str) -> Vec<String> {
    let mut parts: Vec<String> = name
        .split(['、', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let Some(last) = parts.pop() else {
        return parts;
    };
    let protected = last.replace("及以上", "\u{1}");
    parts.extend(
        protected
            .split(['和', '与', '及'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.replace('\u{1}', "及以上")),
    );
    parts
}

/// The stage that `s` starts with, longest first.
fn stage_prefix(s: &str) -> Option<&'static str> {
    STAGES.iter().copied().find(|st| s.starts_with(st))
}

/// 小学、初中、普通高中专任教师中研究生学历比例 → 小学专任教师中…, 初中…, 普通高中…;
/// 城区小学、初中平均班额 → 城区小学平均班额, 城区初中平均班额.
fn stages_before(name: &str) -> Option<Vec<String>> {
    // 城区小学、初中平均班额: a short scope before the list stays with each.
    let scope_len = STAGES
        .iter()
        .filter_map(|st| name.find(st))
        .min()
        .filter(|&at| name[..at].chars().count() <= 4)?;
    let (scope, listed) = name.split_at(scope_len);
    let mut stages = Vec::new();
    let mut rest = listed;
    while let Some(st) = stage_prefix(rest) {
        stages.push(st);
        rest = &rest[st.len()..];
        match rest.chars().next() {
            Some(c @ ('、' | '和' | '及' | '与')) => rest = &rest[c.len_utf8()..],
            _ => break,
        }
    }
    (stages.len() >= 2 && rest.chars().count() >= 2 && stage_prefix(rest).is_none()).then(|| {
        stages
            .iter()
            .map(|st| format!("{scope}{st}{rest}"))
            .collect()
    })
}

/// 每百名学生拥有县级以上骨干教师数小学、初中 → …数（小学）, …数（初中）.
fn stages_after(name: &str) -> Option<Vec<String>> {
    let mut stages = Vec::new();
    let mut stem = name;
    loop {
        let st = STAGES.iter().copied().find(|st| stem.ends_with(st))?;
        stages.push(st);
        stem = &stem[..stem.len() - st.len()];
        match stem.chars().last() {
            Some(c @ ('、' | '和' | '及' | '与')) => stem = &stem[..stem.len() - c.len_utf8()],
            _ => break,
        }
    }
    stages.reverse();
    (stages.len() >= 2 && stem.chars().count() >= 2)
        .then(|| stages.iter().map(|st| format!("{stem}（{st}）")).collect())
}

/// Whether one value holds for each listed name: a rate or share does (小学、初中巩固率均达到
/// 100%); a count given once for several 学段 is their total (普通高中和中等职业教育在校生规模
/// 达到200万人), unless the sentence says each (均 / 都 / 各).
fn shared_by_each(p: &Proposal) -> bool {
    // 均达到 / 各建: the word stands just before the figure (各地开展… elsewhere in the sentence
    // says nothing of this count).
    let near: String = p
        .sentence
        .chars()
        .skip(p.span.0.saturating_sub(8))
        .take(p.span.1 - p.span.0.saturating_sub(8))
        .collect();
    super::numbers::is_rate_unit(&p.unit)
        || near.contains('均')
        || near.contains('都')
        || near.contains('各')
}

/// Whether the words of a proposal's name stand after its number in the sentence.
fn listed_after_the_number(p: &Proposal) -> bool {
    let after: String = p.sentence.chars().skip(p.span.1).collect();
    let before: String = p.sentence.chars().take(p.span.0).collect();
    let head: String = p.name.chars().take(2).collect();
    after.contains(&head) && !before.contains(&head)
}

/// The proposals of one sentence (from `first` on) with their listed names given out: paired in
/// order where the values are as many (`respectively`: the sentence says 分别), or one proposal per
/// name where one value is shared.
/// `respectively` is where the proposals of the clause saying 分别 start, if one does: a run
/// before it is not paired.
pub(super) fn give_out_listed_names(
    out: &mut Vec<Proposal>,
    first: usize,
    respectively: Option<usize>,
) {
    let mut i = first;
    while i < out.len() {
        let name = out[i].name.clone();
        let run = out[i..].iter().take_while(|p| p.name == name).count();
        let Some((parts, whole)) = list_parts(&name) else {
            i += run;
            continue;
        };
        // 提升12所中小学、幼儿园基础设施: a list after the number is what one count counts.
        if run == 1 && listed_after_the_number(&out[i]) {
            i += 1;
            continue;
        }
        let paired = respectively.is_some_and(|r| i + run > r);
        if run > 1 && paired && run.is_multiple_of(parts.len()) {
            for (p, part) in out[i..i + run].iter_mut().zip(parts.iter().cycle()) {
                p.name.clone_from(part);
            }
            i += run;
        } else if run == 1 && whole && shared_by_each(&out[i]) {
            let shared = out.remove(i);
            let n = parts.len();
            for (k, part) in parts.into_iter().enumerate() {
                out.insert(
                    i + k,
                    Proposal {
                        name: part,
                        ..shared.clone()
                    },
                );
            }
            i += n;
        } else {
            i += run;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{found_in, pairs};

    fn found(text: &str) -> Vec<(String, f64)> {
        found_in(&["二、发展目标", text])
    }

    #[test]
    fn two_rates_with_one_value_are_two_targets() {
        assert_eq!(
            found("到2025年，适龄残疾儿童入学率和送教上门覆盖率均达到95%以上。"),
            pairs(&[("适龄残疾儿童入学率", 95.0), ("送教上门覆盖率", 95.0)])
        );
        assert_eq!(
            found("到2025年，义务教育巩固率、高中阶段毛入学率达到98%。"),
            pairs(&[("义务教育巩固率", 98.0), ("高中阶段毛入学率", 98.0)])
        );
    }

    #[test]
    fn stages_listed_before_or_after_a_measure_name_one_target_each() {
        assert_eq!(
            found("小学、初中校际综合差异系数分别控制在0.45、0.40以内。"),
            pairs(&[
                ("小学校际综合差异系数", 0.45),
                ("初中校际综合差异系数", 0.40)
            ])
        );
        assert_eq!(
            found("城区小学、初中平均班额分别控制在42人、48人以内。"),
            pairs(&[("城区小学平均班额", 42.0), ("城区初中平均班额", 48.0)])
        );
        assert_eq!(
            found("每百名学生拥有市级骨干教师数小学、初中均达到1.2人以上。"),
            pairs(&[
                ("每百名学生拥有市级骨干教师数（小学）", 1.2),
                ("每百名学生拥有市级骨干教师数（初中）", 1.2)
            ])
        );
    }

    #[test]
    fn a_list_inside_one_name_is_not_split() {
        assert_eq!(
            found(
                "到2025年，建设足球、篮球特色学校6所，每百名学生拥有体育、艺术专任教师数达到1人。"
            ),
            pairs(&[
                ("建设足球、篮球特色学校", 6.0),
                ("每百名学生拥有体育、艺术专任教师数", 1.0)
            ])
        );
    }

    #[test]
    fn a_scope_before_a_list_of_measures_is_each_ones() {
        assert_eq!(
            found(
                "到2025年，县城小学入学率、巩固率、合格率均保持100%；乡镇初中入学率、巩固率分别为99%、98.5%。"
            ),
            pairs(&[
                ("县城小学入学率", 100.0),
                ("县城小学巩固率", 100.0),
                ("县城小学合格率", 100.0),
                ("乡镇初中入学率", 99.0),
                ("乡镇初中巩固率", 98.5)
            ])
        );
    }

    #[test]
    fn a_bare_measure_after_a_scoped_one_shares_the_scope_and_a_later_respectively_pairs_nothing_before_it()
     {
        assert_eq!(
            found(
                "到2025年，3-6周岁流动儿童、留守儿童入园率95%以上，巩固率90%以上，农村教师培训率、校长培训率分别为100%、95%。"
            ),
            pairs(&[
                ("3-6周岁流动儿童、留守儿童入园率", 95.0),
                ("3-6周岁流动儿童、留守儿童巩固率", 90.0),
                ("农村教师培训率", 100.0),
                ("校长培训率", 95.0)
            ])
        );
    }
}
