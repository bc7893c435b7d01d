//! A published plan as a PDF: the text layer of each page, in page order, with the lines of a
//! paragraph joined again. Read with `pdf-extract` (on `lopdf`), which maps CJK glyphs to text
//! through the fonts' ToUnicode tables; a PDF with no text layer (a scan) is said to be one.
//!
//! PDF files come from outside: the reader is third-party code, so a panic inside it is caught
//! and reported as a damaged file, never brought down on the officer. The reader unpacks every
//! compressed stream into memory, so before it runs the streams are unpacked once into
//! nothing, counting: a file that would unpack to more than a plan ever holds (a "zip bomb")
//! is refused in bounded memory and time.

use std::io::Read;

/// Fewer visible characters than this per page on average: the pages are images (a scan).
const MIN_CHARS_PER_PAGE: usize = 20;

/// Most one compressed stream, and all of them together, may unpack to. A 200-page plan with
/// its fonts unpacks to tens of megabytes.
const MAX_STREAM_UNPACKED: u64 = 64 * 1024 * 1024;
const MAX_ALL_UNPACKED: u64 = 256 * 1024 * 1024;

/// Why a PDF gave no text.
#[derive(Debug, PartialEq)]
pub enum PdfTextError {
    /// Not a PDF, or damaged: why, in words for the officer.
    Unreadable(String),
    /// Locked with a password.
    Encrypted,
    /// Its compressed contents unpack to more than any plan holds.
    UnpacksTooLarge,
    /// Pages without a text layer.
    Scanned { pages: usize },
}

/// Each page's lines with the lines of a paragraph joined again, each with the number (from
/// 1) of the page line it starts on.
pub fn pdf_pages(bytes: &[u8]) -> Result<Vec<Vec<(String, usize)>>, PdfTextError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(PdfTextError::Unreadable("文件开头不是PDF的标记".to_owned()));
    }
    check_unpacked_size(bytes)?;
    let damaged = || {
        if contains(bytes, b"/Encrypt") {
            PdfTextError::Encrypted
        } else {
            PdfTextError::Unreadable("文件已损坏或不完整，PDF结构无法解析".to_owned())
        }
    };
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| damaged())?
        .map_err(|_| damaged())?;
    let visible: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if pages.is_empty() || visible < MIN_CHARS_PER_PAGE * pages.len() {
        return Err(PdfTextError::Scanned { pages: pages.len() });
    }
    Ok(pages.iter().map(|page| join_lines(page)).collect())
}

/// Unpacks every stream that is zlib-compressed (FlateDecode) into nothing, counting, and
/// refuses the file when one stream or all together would unpack past the limits. Streams
/// that are not zlib data (images, encrypted streams) count as nothing.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), PdfTextError> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = find(bytes, at, b"stream") {
        let after = found + b"stream".len();
        at = after;
        if found >= 3 && &bytes[found - 3..found] == b"end" {
            continue;
        }
        let start = match bytes.get(after..after + 2) {
            Some([b'\r', b'\n']) => after + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => after + 1,
            _ => continue,
        };
        let end = find(bytes, start, b"endstream").unwrap_or(bytes.len());
        let mut decoder =
            flate2::read::ZlibDecoder::new(&bytes[start..end]).take(MAX_STREAM_UNPACKED + 1);
        let unpacked = count_read(&mut decoder);
        if unpacked > MAX_STREAM_UNPACKED {
            return Err(PdfTextError::UnpacksTooLarge);
        }
        total += unpacked;
        if total > MAX_ALL_UNPACKED {
            return Err(PdfTextError::UnpacksTooLarge);
        }
        at = end;
    }
    Ok(())
}

/// Bytes read until the end or the first error (a stream that is not zlib data stops at once).
fn count_read(reader: &mut impl Read) -> u64 {
    let mut buffer = [0u8; 64 * 1024];
    let mut total = 0u64;
    while let Ok(n) = reader.read(&mut buffer) {
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    total
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, 0, needle).is_some()
}

/// A line that ends a paragraph: sentence punctuation, or a short line (a heading, a table
/// cell, a page number) that does not reach the right margin.
fn ends_paragraph(line: &str, full_width: usize) -> bool {
    let t = line.trim_end();
    t.ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?'])
        || t.chars().count() + 3 < full_width
        || is_table_row(t)
}

/// A row of a table the text layer gives as one line: two or more figures standing apart
/// (学前教育毛入园率 79.6  85  >95, 81（基本均衡） 95（基本均衡）) and no sentence punctuation.
/// Such a line is never run on into the next, nor the line before it into it.
fn is_table_row(line: &str) -> bool {
    let figure = |token: &str| {
        let t = token.trim_start_matches(['>', '<', '≥', '≤', '＞', '＜']);
        let digits = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | '％'))
            .count();
        let rest: String = t.chars().skip(digits).collect();
        t.starts_with(|c: char| c.is_ascii_digit())
            && (rest.is_empty() || rest.starts_with(['（', '(']))
    };
    !line.contains(['，', '。', '；', ','])
        && line.split_whitespace().filter(|t| figure(t)).count() >= 2
}

/// A line that starts something new: a heading's numbering.
fn starts_heading(line: &str) -> bool {
    let t = line.trim_start();
    let first = t.chars().next().unwrap_or(' ');
    t.starts_with('第')
        || t.starts_with('（')
        || t.starts_with('(')
        || "一二三四五六七八九十".contains(first) && t.chars().nth(1) == Some('、')
        || first.is_ascii_digit()
            && t.chars()
                .nth(1)
                .is_some_and(|c| matches!(c, '.' | '、' | '．'))
}

/// Join the lines a PDF broke a paragraph into: a line as long as the page's longest lines
/// and not ending a sentence runs on into the next, unless that one starts a heading. Each
/// joined line comes with the number of the page line it starts on.
fn join_lines(page: &str) -> Vec<(String, usize)> {
    // Lines are counted as the page shows them: blank lines of the text layer are not lines.
    let lines: Vec<(usize, &str)> = page
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    join_numbered(&lines)
}

/// Text copied out of a PDF into a .txt file, its lines broken at the margin: most of its long
/// lines as long as each other and ending inside a sentence.
pub(crate) fn broken_at_the_margin(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 12)
        .collect();
    if lines.len() < 5 {
        return false;
    }
    let mut widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    widths.sort_unstable();
    let full = widths[widths.len() * 3 / 4];
    let at_margin: Vec<&&str> = lines
        .iter()
        .filter(|l| l.chars().count() + 3 >= full && l.chars().count() <= full + 3)
        .collect();
    let run_on = at_margin.iter().filter(|l| !ends_paragraph(l, 0)).count();
    full <= 60 && at_margin.len() * 2 >= lines.len() && run_on * 3 >= at_margin.len() * 2
}

/// The lines of a .txt file broken at the margin joined again, each with its line number in
/// the file.
pub(crate) fn join_text_lines(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    join_numbered(&lines)
}

fn join_numbered(lines: &[(usize, &str)]) -> Vec<(String, usize)> {
    let full_width = {
        let mut widths: Vec<usize> = lines
            .iter()
            .map(|(_, l)| l.trim().chars().count())
            .collect();
        widths.sort_unstable();
        // The width most body lines reach: the upper quartile.
        widths.get(widths.len() * 3 / 4).copied().unwrap_or(0)
    };
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for (i, (number, line)) in lines.iter().enumerate() {
        let (text, _) = current.get_or_insert_with(|| (String::new(), *number));
        text.push_str(line.trim());
        let next = lines.get(i + 1);
        let run_on = !ends_paragraph(line, full_width)
            && next.is_some_and(|(_, n)| !starts_heading(n) && !is_table_row(n));
        if !run_on {
            out.extend(current.take());
        }
    }
    out.extend(current);
    for (line, _) in &mut out {
        *line = if is_table_row(line) {
            // Its cells stay apart; only a year's 年 is closed up (2017 年 → 2017年).
            line.replace(" 年", "年")
        } else {
            close_cjk_spacing(line)
        };
    }
    out
}

/// Text layers put a space between Chinese and figures ("到 2025 年，达到 92%以上") where the
/// typesetter spaced them: gone again, so the text reads as typed. Spaces between two Latin
/// words stay.
fn close_cjk_spacing(line: &str) -> String {
    let cjk = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' && i > 0 && i + 1 < chars.len() {
            let (before, after) = (chars[i - 1], chars[i + 1]);
            if cjk(before) || cjk(after) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_copied_out_of_a_pdf_is_joined_and_a_typed_one_is_not() {
        let copied = "一、主要目标\n\n到2024年，全市学前三年毛入园率达到98%，普\n惠性幼儿园覆盖率达到89%，公办幼儿园在\n园幼儿占比达到58%，义务教育巩固率保持\n在99%以上，随迁子女在公办学校就读比\n例达到90%以上，特色学校达到250所。\n";
        assert!(broken_at_the_margin(copied));
        let joined = join_text_lines(copied);
        assert_eq!(joined[0], ("一、主要目标".to_owned(), 1));
        assert!(
            joined[1].0.contains("普惠性幼儿园覆盖率达到89%"),
            "{joined:?}"
        );
        assert_eq!(joined[1].1, 3);
        let typed = "到2024年，全市学前三年毛入园率达到98%。\n普惠性幼儿园覆盖率达到89%。\n公办幼儿园在园幼儿占比达到58%。\n义务教育巩固率保持在99%以上。\n特色学校达到250所。\n";
        assert!(!broken_at_the_margin(typed));
    }

    #[test]
    fn a_paragraph_broken_at_the_margin_is_joined_and_headings_stay_apart() {
        let page = "一、发展目标\n到2025年，全区学前三年毛入园率达到92%以\n上，义务教育巩固率保持在99%以上，新建\n公办幼儿园3所。\n\n（一）师资\n";
        let lines = join_lines(page);
        assert_eq!(
            lines,
            [
                ("一、发展目标".to_owned(), 1),
                (
                    "到2025年，全区学前三年毛入园率达到92%以上，义务教育巩固率保持在99%以上，新建公办幼儿园3所。".to_owned(),
                    2
                ),
                ("（一）师资".to_owned(), 5),
            ]
        );
        let table = "指标 2017 年 2020 年 2035 年\n域内义务教育均衡县（市、区）的比例 81（基本均衡） 95（基本均衡） 95（基本均衡）\n高中阶段教育毛入学率 88.3  90  97\n从 2020 年的 85% 提高到 2025 年的 90%，新建\n幼儿园3所。";
        let rows: Vec<String> = join_lines(table).into_iter().map(|(l, _)| l).collect();
        assert_eq!(
            rows,
            [
                "指标 2017年 2020年 2035年",
                "域内义务教育均衡县（市、区）的比例 81（基本均衡） 95（基本均衡） 95（基本均衡）",
                "高中阶段教育毛入学率 88.3  90  97",
                "从2020年的85%提高到2025年的90%，新建幼儿园3所。",
            ]
        );
        assert_eq!(
            close_cjk_spacing("到 2025 年，达到 92%以上，Level 3 课程"),
            "到2025年，达到92%以上，Level 3课程"
        );
    }

    /// A one-page PDF whose content is `streams` copies of one zlib stream of `unpacked` zeros.
    fn pdf_with_streams(unpacked: usize, streams: usize) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..unpacked / zeros.len() {
            encoder.write_all(&zeros).expect("compress");
        }
        let packed = encoder.finish().expect("compress");
        let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
        for n in 0..streams {
            pdf.extend(
                format!(
                    "{} 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
                    n + 3,
                    packed.len()
                )
                .bytes(),
            );
            pdf.extend(&packed);
            pdf.extend(b"\nendstream\nendobj\n");
        }
        pdf.extend(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_pdf_that_unpacks_past_any_plan_is_refused_before_it_is_read() {
        // One stream past its limit; many streams past the limit together.
        for pdf in [
            pdf_with_streams(65 * 1024 * 1024, 1),
            pdf_with_streams(60 * 1024 * 1024, 5),
        ] {
            assert!(
                pdf.len() < 2 * 1024 * 1024,
                "a small file: {} bytes",
                pdf.len()
            );
            assert_eq!(pdf_pages(&pdf), Err(PdfTextError::UnpacksTooLarge));
        }
        // What a plan holds passes the check (and is then read as it is).
        assert_eq!(
            check_unpacked_size(&pdf_with_streams(8 * 1024 * 1024, 4)),
            Ok(())
        );
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_refused() {
        assert!(matches!(
            pdf_pages(b"PK\x03\x04 not a pdf"),
            Err(PdfTextError::Unreadable(_))
        ));
        assert!(matches!(
            pdf_pages(b"%PDF-1.7\n garbage"),
            Err(PdfTextError::Unreadable(_))
        ));
    }
}
