//! What the extraction modules' tests share: blocks in, (name, value) pairs out.

use super::{Block, extract_targets};

/// The (name, value) of each target found in these paragraphs, in order.
pub(super) fn found_in(paragraphs: &[&str]) -> Vec<(String, f64)> {
    let blocks: Vec<Block> = paragraphs
        .iter()
        .map(|b| Block::Paragraph((*b).into()))
        .collect();
    extract_targets(&blocks)
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect()
}

pub(super) fn pairs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect()
}
