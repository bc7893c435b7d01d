//! A name cleaned of what is not the indicator: list marks, the time a sentence opens with,
//! filler words, asides in brackets, a distributive scope (每个乡镇), how often (每五年).

use super::numbers::{is_cn_digit, year_at};

pub(super) const LEADING_NOISE: &[&str] = &[
    "■",
    "辖区内",
    "助力",
    "拟",
    "落实",
    "按照",
    "今年",
    "明年",
    "年内",
    "本年",
    "涉及",
    "陆续",
    "包括",
    "推动",
    "促进",
    "该市",
    "该县",
    "该区",
    "本市",
    "本县",
    "本区",
    "分别",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "其中",
    "同时",
    "并且",
    "并",
    "且",
    "使",
    "让",
    "力争",
    "确保",
    "争取",
    "保证",
    "全区",
    "全国",
    "全省",
    "全县",
    "全市",
    "全旗",
    "我区",
    "我县",
    "我市",
    "将",
    "要",
    "进一步",
    "逐步",
    "在",
    "到",
    "至",
    "约",
    "共",
    "计划",
    "预计",
    "基本",
    "努力",
    "再",
    "以及",
    "和",
    "及",
    "其余",
    "以",
    "对",
    "为",
    "把",
    "由",
    "从",
    "向",
    "给",
    "达到",
    "实现",
    "保障",
    "完成",
];
/// Words that begin with a character LEADING_NOISE would strip (从业人员, 在校生, 对口帮扶).
const NOUNS_WITH_A_NOISE_HEAD: &[&str] = &[
    "从业",
    "在校",
    "在园",
    "在编",
    "在岗",
    "在读",
    "在职",
    "到岗",
    "对口",
    "以上",
    "保障性",
];
pub(super) const TRAILING_NOISE: &[&str] = &[
    "全年任务目标数是",
    "重点民生实事项目",
    "民生实事项目",
    "任务目标数是",
    "目标数是",
    "目标值是",
    "目标值为",
    "共计",
    "合计",
    "总计",
    "还有",
    "接近",
    "近",
    "陆续",
    "年均",
    "比上年",
    "较上年",
    "同比",
    "每年",
    "要",
    "将",
    "均",
    "都",
    "全部",
    "基本",
    "稳定",
    "持续",
    "逐步",
    "进一步",
    "分别",
    "累计",
    "共",
    "约",
    "的",
    "总数",
    "力争",
    "确保",
    "达",
    "年均",
    "每年",
    "以上",
    "等",
];

/// Vowels with a tone mark: pinyin, never part of a Chinese plan's own words.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || TONED.contains(c) || c == 'ü'
}

pub(super) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Spaces a PDF copy leaves around figures inside a sentence (到 2024 年 / 不低于 95% / 1 所)
/// dropped, so the figure reads with its words. A headline, whose phrases only spaces set apart,
/// keeps them.
pub(super) fn without_spaces_around_figures(text: &str) -> std::borrow::Cow<'_, str> {
    let sentence = text.contains(['，', '。', '；', ',', ';']);
    if !sentence || !text.contains([' ', '\u{3000}']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let figure = |c: char| c.is_ascii_digit() || c == '%';
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\u{3000}' {
            let end = i + chars[i..]
                .iter()
                .take_while(|d| **d == ' ' || **d == '\u{3000}')
                .count();
            let before = i.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(end).copied();
            let joins = match (before, after) {
                (Some(b), Some(a)) => (is_cjk(b) && figure(a)) || (figure(b) && is_cjk(a)),
                _ => false,
            };
            if !joins {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// A copy's debris inside words, dropped: notes in brackets (`[繁体:園]`, `《繁体:辦》`, `(繁:學)`,
/// `{拼音:zhōng}`), pinyin in brackets (`學(xué)校`, `【ér】`) and bare pinyin after a character
/// (`古浪làng 县`). Characters are kept as written (traditional ones are not converted). One
/// pass; each bracket is looked into at most a few characters ahead.
pub(super) fn without_debris(text: &str) -> String {
    const NOTES: &[&str] = &[
        "繁体:",
        "繁体：",
        "繁:",
        "繁：",
        "拼音:",
        "拼音：",
        "pinyin:",
    ];
    const LOOK: usize = 16;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = match c {
            '[' => Some(']'),
            '《' => Some('》'),
            '(' => Some(')'),
            '（' => Some('）'),
            '{' => Some('}'),
            '【' => Some('】'),
            _ => None,
        };
        if let Some(close) = close
            && let Some(len) = chars[i + 1..].iter().take(LOOK).position(|&d| d == close)
        {
            let inner: String = chars[i + 1..i + 1 + len].iter().collect();
            let pinyin = !inner.is_empty()
                && inner.chars().all(is_pinyin_letter)
                && (inner.chars().any(|c| TONED.contains(c))
                    || i.checked_sub(1).is_some_and(|k| is_cjk(chars[k])));
            if pinyin || NOTES.iter().any(|n| inner.starts_with(n)) {
                i += len + 2;
                continue;
            }
        }
        // 新建幼儿园6所(其中公办4所,民办2所): a bracketed 其中 is a clause of its own, the
        // bracket dropped.
        if matches!(c, '(' | '（')
            && crate::text::contains_at(&chars, i + 1, "其中")
            && let Some(len) = chars[i + 1..]
                .iter()
                .take(LOOK * 4)
                .position(|&d| matches!(d, ')' | '）'))
        {
            out.push('，');
            out.extend(&chars[i + 1..i + 1 + len]);
            i += len + 2;
            continue;
        }
        // *新建改建1个市民球场、*1条市民健身步道: a bullet starts an item of its own.
        if matches!(c, '*' | '▶' | '●' | '◆')
            && (i == 0 || "、，,；;。 \t".contains(chars[i - 1]))
            && chars
                .get(i + 1)
                .is_some_and(|&d| is_cjk(d) || d.is_ascii_digit() || d == '“')
        {
            while out.ends_with(' ') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with(['、', '，', ',', '；', ';', '。']) {
                out.push('，');
            }
            i += 1;
            continue;
        }
        // Bare pinyin with a tone mark right after a character: 城chéng 关.
        if is_pinyin_letter(c) && i > 0 && is_cjk(chars[i - 1]) {
            let run = chars[i..]
                .iter()
                .take_while(|&&d| is_pinyin_letter(d))
                .count();
            let toned = chars[i..i + run].iter().any(|&d| TONED.contains(d));
            if toned {
                i += run;
                if chars.get(i) == Some(&' ') && chars.get(i + 1).is_some_and(|&d| is_cjk(d)) {
                    i += 1;
                }
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

pub(super) fn clean_name(s: &str) -> String {
    // ①… list marks, and the period a sentence opens with (“十四五”期间, 规划期内).
    let s = s.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    let s = match s.find("期间").or_else(|| s.find("期内")) {
        Some(i) if s[..i].chars().count() <= 8 => &s[i + "期间".len()..],
        _ => s,
    };
    // “新增城镇公办中小学学位3.2万个”项目总投资: a project named by its quoted title, figures
    // and all, is what the rest of the name belongs to.
    let s = match (s.strip_prefix('“'), s.find('”')) {
        (Some(_), Some(end))
            if s[..end].chars().any(|c| c.is_ascii_digit())
                && s[end + '”'.len_utf8()..].chars().count() >= 2 =>
        {
            &s[end + '”'.len_utf8()..]
        }
        _ => s,
    };
    // 力争把劳动年龄人口平均受教育年限提高到: what 把 takes is the name.
    let s = match s.find('把') {
        Some(i) if s[i + '把'.len_utf8()..].chars().count() >= 3 => &s[i + '把'.len_utf8()..],
        _ => s,
    };
    // 总体近视率在2018年的基础上每年降低: the base of a change ends the name.
    let s = match s.find('在') {
        Some(i) if i > 0 && s[i..].contains("基础上") => &s[..i],
        _ => s,
    };
    // 公办幼儿园所占比例由目前12%提高到: the name ends before where the change starts from.
    let s = ["由目前", "从目前", "由现在", "由当前"]
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .map_or(s, |i| &s[..i]);
    let s = after_the_cited_document(s);
    let s = without_asides(s);
    let s = without_distributive_scope(&s);
    let mut s = trim_unpaired(
        s.trim()
            .trim_matches(|c: char| c.is_whitespace() || "，,、：:；;".contains(c)),
    );
    // 到2025年 / 在2023年 / 2022年底前
    loop {
        let before = s.clone();
        for w in LEADING_NOISE {
            if NOUNS_WITH_A_NOISE_HEAD.iter().any(|n| s.starts_with(n)) {
                break;
            }
            if let Some(r) = s.strip_prefix(w) {
                s = r.to_owned();
            }
        }
        let chars: Vec<char> = s.chars().collect();
        if year_at(&chars, 0).is_some() {
            let skip = chars
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '年' | '底' | '前' | '末' | '内'))
                .count();
            s = chars[skip..].iter().collect();
        }
        for w in TRAILING_NOISE {
            if let Some(r) = s.strip_suffix(w) {
                s = r.to_owned();
            }
        }
        s = without_trailing_time(&s);
        s = without_frequency(&s);
        s = s
            .trim_matches(|c: char| c.is_whitespace() || "，,、：:；;".contains(c))
            .to_owned();
        if s == before {
            break;
        }
    }
    s
}

/// 根据《…的通知》鄂教财发[2023]49号下达支持学前教育发展补助资金: the document a figure is
/// given under, its number and 下达 are not the name; what follows them is.
fn after_the_cited_document(s: &str) -> &str {
    let Some(end) = s.rfind('》') else {
        return s;
    };
    let mut rest = &s[end + '》'.len_utf8()..];
    if let Some(at) = rest.find('号')
        && rest[..at].chars().count() <= 16
        && rest[..at].chars().any(|c| c.is_ascii_digit())
    {
        rest = &rest[at + '号'.len_utf8()..];
    }
    let rest = rest.strip_prefix("下达").unwrap_or(rest);
    if rest.chars().count() >= 2 { rest } else { s }
}

/// 每五年 / 每学期 at the end of a name: how often, not what (教师全员培训每五年 → 教师全员培训).
fn without_frequency(s: &str) -> String {
    if !s.contains('每') {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let Some(at) = chars.iter().rposition(|c| *c == '每') else {
        return s.to_owned();
    };
    let tail: String = chars[at + 1..].iter().collect();
    let counted = tail.trim_start_matches(|c: char| is_cn_digit(c) || c.is_ascii_digit());
    if ["年", "学期", "学年", "月", "周", "天"].contains(&counted) {
        chars[..at].iter().collect()
    } else {
        s.to_owned()
    }
}

/// Brackets that add an aside to a name ((不含教学点和乡村小规模学校)) are not part of it;
/// short ones that name a scope or a list (县(市), 新(改、扩)建) are.
fn without_asides(s: &str) -> String {
    if !s.contains(['(', '（']) {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '（' | '(')
            && let Some(len) = chars[i + 1..].iter().position(|c| matches!(c, '）' | ')'))
        {
            let inner: String = chars[i + 1..i + 1 + len].iter().collect();
            let aside = len >= 6
                || ["不含", "含", "包括", "包含", "其中"]
                    .iter()
                    .any(|w| inner.starts_with(w));
            if aside {
                i += len + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// 每个乡镇 / 每个县(市、区) before a name: the measure holds in each, it is not a scope of its
/// own (每千名学生 is part of a ratio and stays).
fn without_distributive_scope(s: &str) -> String {
    const PLACES: &[&str] = &["乡镇", "街道", "学区", "学校", "县", "区", "市", "镇", "村"];
    let Some(rest) = s.strip_prefix("每个").or_else(|| s.strip_prefix("每一个")) else {
        return s.to_owned();
    };
    let chars: Vec<char> = rest.chars().collect();
    let window = chars.len().min(8);
    let end = (1..=window)
        .rev()
        .find(|&n| {
            let head: String = chars[..n].iter().collect();
            PLACES.iter().any(|p| head.ends_with(p))
                || (head.ends_with(['）', ')']) && head.contains(['（', '(']))
        })
        .unwrap_or(0);
    if end == 0 {
        return s.to_owned();
    }
    let tail: String = chars[end..].iter().collect();
    tail.trim_start_matches(['都', '均', '要']).to_owned()
}

/// A name that ends in the time it is due (…公用经费标准在2016年前): the name alone.
fn without_trailing_time(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut end = chars.len();
    while end > 0 && matches!(chars[end - 1], '前' | '底' | '末' | '内') {
        end -= 1;
    }
    if end < 5 || chars[end - 1] != '年' || year_at(&chars, end - 5).is_none() {
        return s.to_owned();
    }
    let mut start = end - 5;
    if start > 0 && matches!(chars[start - 1], '在' | '到' | '于' | '至') {
        start -= 1;
    }
    chars[..start].iter().collect()
}

/// Brackets at either end that close nothing: 县(市) keeps its own.
fn trim_unpaired(s: &str) -> String {
    let mut s = s.to_owned();
    loop {
        let opens = s.matches(['（', '(']).count();
        let closes = s.matches(['）', ')']).count();
        let trimmed = if s.starts_with(['（', '(']) && opens > closes {
            s.chars().skip(1).collect()
        } else if s.ends_with(['）', ')']) && closes > opens {
            let mut t = s.clone();
            t.pop();
            t
        } else if s.starts_with(['（', '('])
            && s.ends_with(['）', ')'])
            && opens == 1
            && closes == 1
        {
            s.chars().skip(1).take(s.chars().count() - 2).collect()
        } else {
            break;
        };
        s = trimmed
            .trim_matches(|c: char| c.is_whitespace() || "，,、：:；;".contains(c))
            .to_owned();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{found_in, pairs};
    use super::super::{Block, extract_targets};
    use super::without_spaces_around_figures;

    fn found(text: &str) -> Vec<(String, f64)> {
        found_in(&["2024年教育工作要点", text])
    }

    #[test]
    fn spaces_around_figures_in_a_sentence_are_dropped() {
        assert_eq!(
            without_spaces_around_figures("到 2024 年力争实现供给率不低于 75%，获一等奖 1 所。"),
            "到2024年力争实现供给率不低于75%，获一等奖1所。"
        );
        let headline = "学前三年毛入园率达92% 普惠性幼儿园覆盖率超90%";
        assert_eq!(without_spaces_around_figures(headline), headline);
    }

    #[test]
    fn debris_inside_words_is_skipped_and_characters_stay_as_written() {
        assert_eq!(
            super::without_debris(
                "新建公辦(繁体:办)學(xué)校[繁体:園]2所，城qiáng 区{拼音:qū}幼儿【ér】园"
            ),
            "新建公辦學校2所，城区幼儿园"
        );
        // Brackets that are the plan's own stay.
        assert_eq!(
            super::without_debris("覆盖率(%)达到90%（含民办）"),
            "覆盖率(%)达到90%（含民办）"
        );
        assert_eq!(
            found("2024年新建標準化學(xué)校[繁体:校]3所。"),
            pairs(&[("新建標準化學校", 3.0)])
        );
    }

    #[test]
    fn a_figure_for_an_earlier_year_in_brackets_is_not_a_target() {
        let got = extract_targets(&[
            Block::Paragraph("2024年教育工作要点".into()),
            Block::Paragraph("到2026年，县域普惠性幼儿园覆盖率达到92%（2023年为87%），特殊教育学校在校生不少于400人(2021年：355人)。".into()),
        ]);
        let found: Vec<(String, f64, Option<i32>)> =
            got.into_iter().map(|p| (p.name, p.value, p.year)).collect();
        assert_eq!(
            found,
            [
                ("县域普惠性幼儿园覆盖率".to_owned(), 92.0, Some(2026)),
                ("特殊教育学校在校生".to_owned(), 400.0, Some(2026))
            ]
        );
    }

    #[test]
    fn a_scope_under_qizhong_is_a_part_of_the_total() {
        assert_eq!(
            found("新建、改扩建乡镇寄宿制学校12所，其中：东城区5所，西山县7所。"),
            pairs(&[
                ("新建、改扩建乡镇寄宿制学校", 12.0),
                ("新建、改扩建乡镇寄宿制学校（东城区）", 5.0),
                ("新建、改扩建乡镇寄宿制学校（西山县）", 7.0)
            ])
        );
    }

    #[test]
    fn a_count_keeps_its_verb_as_written_and_drops_a_mere_completion() {
        assert_eq!(
            found("在城区创办2所公办幼儿园，新建成幼儿园3所，完成加固校舍2.5万平方米。"),
            pairs(&[
                ("创办公办幼儿园", 2.0),
                ("新建成幼儿园", 3.0),
                ("加固校舍", 2.5)
            ])
        );
    }

    #[test]
    fn having_a_count_names_what_is_had() {
        assert_eq!(
            found("确保每个乡镇都建有一所公办中心幼儿园。"),
            pairs(&[("公办中心幼儿园", 1.0)])
        );
    }

    #[test]
    fn each_town_is_not_a_scope_but_a_ratio_base_is_part_of_the_name() {
        assert_eq!(
            found(
                "每个乡镇公办幼儿园在园幼儿占比达到60%以上，每千名学生配备心理健康教育专职教师不少于1名。"
            ),
            pairs(&[
                ("公办幼儿园在园幼儿占比", 60.0),
                ("每千名学生配备心理健康教育专职教师", 1.0)
            ])
        );
    }

    #[test]
    fn a_share_is_named_by_those_who_do_what_is_said() {
        assert_eq!(
            found("全县90%以上的义务教育学校（不含教学点）通过市级标准化评估。"),
            pairs(&[("通过市级标准化评估的义务教育学校", 90.0)])
        );
    }

    #[test]
    fn the_base_of_a_change_and_how_often_are_not_the_name() {
        assert_eq!(
            found("学生体质健康优良率较2023年提高3个百分点，教师全员培训每五年不少于360学时。"),
            pairs(&[("学生体质健康优良率", 3.0), ("教师全员培训", 360.0)])
        );
    }

    #[test]
    fn a_scope_alone_takes_the_measure_named_before_it() {
        assert_eq!(
            found("小学书面作业平均完成时间不超过60分钟，初中不超过90分钟。"),
            pairs(&[
                ("小学书面作业平均完成时间", 60.0),
                ("初中书面作业平均完成时间", 90.0)
            ])
        );
        assert_eq!(
            found("全年招聘教师150名，其中农村学校不少于90名。"),
            pairs(&[("招聘教师", 150.0), ("农村学校招聘教师", 90.0)])
        );
    }

    #[test]
    fn a_part_under_its_whole_takes_the_whole_measure() {
        assert_eq!(
            found(
                "幼儿园教师本科及以上学历比例达到60%，其中公办园达到70%。新建小学3所、新建示范区2个。"
            ),
            pairs(&[
                ("幼儿园教师本科及以上学历比例", 60.0),
                ("公办园幼儿园教师本科及以上学历比例", 70.0),
                ("新建小学", 3.0),
                ("新建示范区", 2.0)
            ])
        );
    }
}
