//! A plan copied in traditional characters (a converted news page, a Hong Kong mirror) is read
//! as if it were simplified, since the rules match simplified words (达到, 以来, 将, 学校);
//! its proposals are then given back in the characters the text uses, so a name reads as
//! written.
//!
//! The fold is char for char and keeps each character's UTF-8 length, so char positions (a
//! proposal's span) and byte offsets mean the same in the folded and the original text.

use std::collections::HashMap;

use super::{Block, Proposal};

/// Below this share of Chinese characters that differ when folded, a text is simplified with a
/// few traditional characters in names or quotes, and it is read as written.
const TRADITIONAL_SHARE: f64 = 0.05;

pub(super) struct Folded {
    pub blocks: Vec<Block>,
    /// Simplified character → the traditional one the text uses most for it.
    back: HashMap<char, char>,
}

impl Folded {
    /// The blocks in simplified characters, when the text is written in traditional ones.
    pub fn from_traditional(blocks: &[Block]) -> Option<Folded> {
        let mut counts: HashMap<(char, char), usize> = HashMap::new();
        let mut chinese = 0usize;
        let mut changed = 0usize;
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|block| {
                let mut fold = |text: &String| {
                    let simplified = fold_text(text);
                    for (t, s) in text.chars().zip(simplified.chars()) {
                        if is_chinese(t) {
                            chinese += 1;
                        }
                        if t != s {
                            changed += 1;
                            *counts.entry((s, t)).or_default() += 1;
                        }
                    }
                    simplified
                };
                match block {
                    Block::Paragraph(text) => Block::Paragraph(fold(text)),
                    Block::Heading(level, text) => Block::Heading(*level, fold(text)),
                    Block::Row(cells) => Block::Row(cells.iter().map(&mut fold).collect()),
                }
            })
            .collect();
        if chinese == 0 || (changed as f64) < TRADITIONAL_SHARE * chinese as f64 {
            return None;
        }
        let mut most: HashMap<char, (char, usize)> = HashMap::new();
        for ((s, t), n) in counts {
            let best = most.entry(s).or_insert((t, 0));
            if n > best.1 || (n == best.1 && t < best.0) {
                *best = (t, n);
            }
        }
        let back = most.into_iter().map(|(s, (t, _))| (s, t)).collect();
        Some(Folded { blocks, back })
    }

    /// Proposals read on the folded text, in the text's own characters.
    pub fn restore(&self, proposals: Vec<Proposal>) -> Vec<Proposal> {
        proposals
            .into_iter()
            .map(|p| Proposal {
                name: self.unfold(&p.name),
                chapter: p.chapter.iter().map(|c| self.unfold(c)).collect(),
                sentence: self.unfold(&p.sentence),
                target_text: self.unfold(&p.target_text),
                unit: self.unfold(&p.unit),
                ..p
            })
            .collect()
    }

    fn unfold(&self, text: &str) -> String {
        text.chars()
            .map(|c| self.back.get(&c).copied().unwrap_or(c))
            .collect()
    }
}

/// Each traditional character replaced by its simplified form where both have the same UTF-8
/// length (every common one does); anything else kept.
fn fold_text(text: &str) -> String {
    let simplified = fast2s::convert(text);
    if simplified.len() == text.len() && simplified.chars().count() == text.chars().count() {
        return simplified;
    }
    text.chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            let folded = fast2s::convert(c.encode_utf8(&mut buf));
            let mut chars = folded.chars();
            match (chars.next(), chars.next()) {
                (Some(f), None) if f.len_utf8() == c.len_utf8() => f,
                _ => c,
            }
        })
        .collect()
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::super::extract_targets;
    use super::*;

    fn paragraph(text: &str) -> Vec<Block> {
        vec![Block::Paragraph(text.to_owned())]
    }

    #[test]
    fn a_traditional_text_is_read_like_a_simplified_one_and_named_as_written() {
        let found = extract_targets(&paragraph(
            "到2025年，全市學前三年毛入園率保持在99%以上，特需兒童學前三年入園率達90%以上。",
        ));
        let names: Vec<(&str, f64)> = found.iter().map(|p| (p.name.as_str(), p.value)).collect();
        assert_eq!(
            names,
            [("學前三年毛入園率", 99.0), ("特需兒童學前三年入園率", 90.0)]
        );
        assert!(found[0].sentence.starts_with("到2025年，全市學前三年"));
        assert_eq!(found[1].year, Some(2025));
    }

    #[test]
    fn a_look_back_in_traditional_characters_is_no_target() {
        let found = extract_targets(&paragraph(
            "“十三五”規劃實施以來，新建續建幼兒園14所，義務教育鞏固率99.11%。",
        ));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_simplified_text_with_a_traditional_name_is_left_as_written() {
        let blocks = paragraph(
            "到2025年，全区学前三年毛入园率达到95%以上，新建“育才書院”等幼儿园3所，义务教育巩固率达到99%。",
        );
        assert!(Folded::from_traditional(&blocks).is_none());
    }

    #[test]
    fn folding_keeps_every_position() {
        let text = "納入教聯體建設的義務教育學校達10%";
        let folded = fold_text(text);
        assert_eq!(folded, "纳入教联体建设的义务教育学校达10%");
        assert_eq!(folded.len(), text.len());
    }
}
