//! The one full-width fold every text reader in the domain shares, and the small char-slice
//! helpers the extractor scans with.
//!
//! Pure string functions: must not depend on any other domain module.

/// Full-width digits and signs to ASCII, so one scanner reads both (`９０％` → `90%`).
/// Chinese punctuation (，。：) is kept: it separates clauses.
pub fn fold_width(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '＞' => '>',
        '＜' => '<',
        '＝' => '=',
        '．' => '.',
        '＋' => '+',
        '\u{3000}' | '\u{a0}' => ' ',
        _ => c,
    }
}

/// A name as people compare names: full width folded, punctuation and quotes of either width
/// made one, spaces dropped (“十四五”规划 and "十四五"规划 are the same name).
pub fn name_key(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'' => '"',
            '、' | '·' | '•' => '、',
            '—' | '－' | '–' => '-',
            '～' => '~',
            _ => c,
        })
        .collect()
}

/// Whether `word` starts at `chars[i]`.
pub fn contains_at(chars: &[char], i: usize, word: &str) -> bool {
    for (k, w) in (i..).zip(word.chars()) {
        if chars.get(k) != Some(&w) {
            return false;
        }
    }
    true
}

/// The first position in `from..to` where `word` starts.
pub fn find_word(chars: &[char], from: usize, to: usize, word: &str) -> Option<usize> {
    (from..to).find(|&i| contains_at(chars, i, word))
}

/// `chars[a..b]` as a string, clamped to the slice.
pub fn text_of(chars: &[char], a: usize, b: usize) -> String {
    let b = b.min(chars.len());
    chars[a.min(b)..b].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_signs_fold() {
        assert_eq!(
            fold_width("达到９０．５％，不低于＞３"),
            "达到90.5%，不低于>3"
        );
    }

    #[test]
    fn names_compare_across_punctuation_widths() {
        assert_eq!(
            name_key("“双减” （课后服务）"),
            name_key("\"双减\"(课后服务)")
        );
    }
}
