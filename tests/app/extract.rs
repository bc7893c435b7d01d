//! Targets read from a plan's own text: reading .txt, .docx and .pdf into blocks and the
//! targets found in them. The fixture texts of tests/fixtures/extract are scored strictly (name,
//! value and unit) in crates/eduplan-exchange/tests/extract_corpus.rs.

use std::path::{Path, PathBuf};

use eduplan::domain::extract::{Block, Proposal, extract_targets};
use eduplan::exchange::plan_document::{decode_text, read_plan_document, text_blocks};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

#[test]
fn gb18030_text_reads_like_utf8() {
    let utf8 = "三、主要目标\n到2025年，学前三年毛入园率达到92%以上。\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(utf8);
    assert_eq!(decode_text(&gb), utf8);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("规划.txt");
    std::fs::write(&path, &gb).expect("write");
    let proposals = extract_targets(&read_plan_document(&path).expect("read"));
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].name, "学前三年毛入园率");
    assert_eq!(proposals[0].value, 92.0);
    assert_eq!(proposals[0].year, Some(2025));
}

/// A minimal Word document: a heading in style 1, a paragraph and a 主要指标表.
fn write_docx(path: &Path) {
    use std::io::Write;
    let para = |style: Option<&str>, text: &str| {
        let ppr = style.map_or(String::new(), |s| {
            format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
        });
        format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    };
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", para(None, text));
    let row = |cells: &[&str]| {
        format!(
            "<w:tr>{}</w:tr>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let body = [
        para(Some("1"), "主要目标"),
        para(None, "到2025年，普惠性幼儿园覆盖率达到90%。"),
        para(Some("1"), "主要指标"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(&["指标", "2020年", "2025年", "属性"]),
            row(&["高中阶段毛入学率（%）", "91.3", "&gt;95", "预期性"]),
            row(&["九年义务教育巩固率（%）", "98.6", "≥99", "约束性"]),
        ),
    ]
    .concat();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("entry");
    zip.write_all(xml.as_bytes()).expect("xml");
    zip.finish().expect("finish");
}

#[test]
fn a_docx_with_a_table_gives_its_rows_as_targets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("规划.docx");
    write_docx(&path);
    let blocks = read_plan_document(&path).expect("read");
    assert!(matches!(&blocks[0], Block::Heading(1, t) if t == "主要目标"));
    let p = extract_targets(&blocks);
    let got: Vec<(String, f64, &str, Option<f64>)> = p
        .iter()
        .map(|p| (p.name.clone(), p.value, p.comparison.symbol(), p.base_value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("普惠性幼儿园覆盖率".to_owned(), 90.0, "≥", None),
            ("高中阶段毛入学率".to_owned(), 95.0, ">", Some(91.3)),
            ("九年义务教育巩固率".to_owned(), 99.0, "≥", Some(98.6)),
        ]
    );
    assert_eq!(p[2].attribute, eduplan::domain::Attribute::Binding);
    assert_eq!(p[1].chapter, vec!["主要指标".to_owned()]);
}

#[test]
fn a_file_that_is_not_a_plan_text_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("旧文档.doc");
    std::fs::write(&doc, b"\xD0\xCF\x11\xE0 old word").expect("write");
    let err = read_plan_document(&doc).expect_err("refused").to_string();
    assert!(err.contains("另存为 .docx"), "{err}");
    let broken = dir.path().join("坏的.docx");
    std::fs::write(&broken, b"not a zip").expect("write");
    let err = read_plan_document(&broken)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("不是有效的Word文档"), "{err}");
}

#[test]
fn a_docx_that_unpacks_to_gigabytes_is_refused_in_bounded_memory() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let bomb = dir.path().join("方案.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("create"));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true),
    )
    .expect("entry");
    // 100 MB of spaces inside one paragraph: a few hundred kB packed.
    zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
        .expect("xml");
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..100 {
        zip.write_all(&spaces).expect("xml");
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .expect("xml");
    zip.finish().expect("finish");
    assert!(std::fs::metadata(&bomb).expect("size").len() < 2 * 1024 * 1024);
    let err = read_plan_document(&bomb).expect_err("refused").to_string();
    assert!(err.contains("正文部分过大"), "{err}");
}

#[test]
fn a_text_of_fifty_megabytes_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("网页另存.txt");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(50 * 1024 * 1024).expect("size");
    let err = read_plan_document(&big).expect_err("refused").to_string();
    assert!(err.contains("超过 20 MB"), "{err}");
}

#[test]
fn pipe_and_tab_tables_become_rows() {
    let blocks = text_blocks("| 指标 | 2025年 |\n|---|---|\n指标\t2020年\t2025年\n正文一段。");
    assert_eq!(blocks.len(), 3);
    assert!(matches!(&blocks[0], Block::Row(c) if c.len() == 2));
    assert!(matches!(&blocks[1], Block::Row(c) if c.len() == 3));
    assert!(matches!(&blocks[2], Block::Paragraph(_)));
}

#[test]
fn a_paragraph_without_full_stops_keeps_every_target_however_long() {
    // Sixty different targets joined by commas only: one "sentence" of over 1,500 characters,
    // read in pieces at its clause breaks (so that a megabyte of it costs linear time).
    let mut text = String::from("到2025年，");
    for i in 0..60 {
        text.push_str(&format!("第{i}类学校心理健康教育覆盖率达到{}%，", 40 + i));
    }
    let blocks = text_blocks(&text);
    let found = extract_targets(&blocks);
    for i in 0..60 {
        let value = f64::from(40 + i);
        assert!(
            found
                .iter()
                .any(|p| (p.value - value).abs() < 1e-9 && p.year == Some(2025)),
            "the target {value}% of 2025 is found: {} proposals",
            found.len()
        );
    }
}

#[test]
fn each_target_is_placed_on_its_line_and_page() {
    use eduplan::exchange::plan_document::{Place, read_plan_document_placed};
    for (file, name, place) in [
        ("longtan.txt", "学前三年毛入园率", Place::Line(38)),
        (
            "qingshan-county-plan.txt",
            "九年义务教育巩固率",
            Place::Line(21),
        ),
        (
            "qingshan-county-plan.pdf",
            "九年义务教育巩固率",
            Place::PageLine(1, 29),
        ),
    ] {
        let document = read_plan_document_placed(&fixtures().join(file)).expect("document");
        let proposals = extract_targets(&document.blocks);
        let places = document.places_of(&proposals);
        assert_eq!(places.len(), proposals.len());
        assert!(
            places.iter().all(Option::is_some),
            "{file}: every target placed"
        );
        let at = proposals
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("{file}: {name}"));
        assert_eq!(places[at], Some(place), "{file}: {name}");
    }
    // Places only move forward through a document read in order.
    let document =
        read_plan_document_placed(&fixtures().join("qingshan-county-plan.pdf")).expect("pdf");
    let places: Vec<Place> = document
        .places_of(&extract_targets(&document.blocks))
        .into_iter()
        .flatten()
        .collect();
    assert!(
        places.windows(2).all(|w| match (w[0], w[1]) {
            (Place::PageLine(p0, l0), Place::PageLine(p1, l1)) => (p0, l0) <= (p1, l1),
            _ => false,
        }),
        "{places:?}"
    );
}

#[test]
fn a_published_pdf_gives_the_targets_its_text_gives_and_a_scan_is_said_to_be_one() {
    // The same plan text printed to PDF (by LibreOffice): lines broken at the margin, spaces
    // between Chinese and digits, a page footer.
    let from_text = read_plan_document(&fixtures().join("qingshan-county-plan.txt")).expect("txt");
    let from_pdf = read_plan_document(&fixtures().join("qingshan-county-plan.pdf")).expect("pdf");
    let key = |p: &Proposal| (p.name.clone(), p.value.to_string(), p.year);
    let in_pdf: Vec<_> = extract_targets(&from_pdf).iter().map(key).collect();
    let in_text: Vec<_> = extract_targets(&from_text).iter().map(key).collect();
    for target in &in_text {
        assert!(
            in_pdf.contains(target),
            "{target:?} is found in the PDF too"
        );
    }
    assert!(
        in_pdf.len() <= in_text.len() + 2,
        "few extras: {} against {}",
        in_pdf.len(),
        in_text.len()
    );
    let err = read_plan_document(&fixtures().join("no-text-layer.pdf"))
        .expect_err("a page without text")
        .to_string();
    assert!(
        err.contains("没有可以读取的文字（像是扫描件或图片）"),
        "{err}"
    );
    // Locked with a password (Ghostscript, user password set): said so, in Chinese.
    let err = read_plan_document(&fixtures().join("password-protected.pdf"))
        .expect_err("encrypted")
        .to_string();
    assert!(err.contains("设有打开密码（已加密）"), "{err}");
    // Cut in half on its way through e-mail: damaged, said in words, not the reader's English.
    let whole = std::fs::read(fixtures().join("qingshan-county-plan.pdf")).expect("pdf");
    let cut = std::env::temp_dir().join(format!("eduplan-cut-{}.pdf", std::process::id()));
    std::fs::write(&cut, &whole[..whole.len() / 2]).expect("write");
    let err = read_plan_document(&cut).expect_err("damaged").to_string();
    let _ = std::fs::remove_file(&cut);
    assert!(err.contains("已损坏或不完整"), "{err}");
    let words = err
        .replace(&cut.display().to_string(), "")
        .replace("PDF", "");
    assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{err}");
    let not_pdf =
        std::env::temp_dir().join(format!("eduplan-not-a-pdf-{}.pdf", std::process::id()));
    std::fs::write(&not_pdf, b"PK\x03\x04 a zip named .pdf").expect("write");
    let err = read_plan_document(&not_pdf)
        .expect_err("not a pdf")
        .to_string();
    let _ = std::fs::remove_file(&not_pdf);
    assert!(err.contains("无法作为PDF读取"), "{err}");
}

#[test]
fn names_listed_before_respectively_each_take_their_own_value() {
    let blocks = text_blocks(
        "到2025年，学前三年毛入园率和普惠性幼儿园覆盖率分别达到95%和85%。\n\
         义务教育巩固率、高中阶段毛入学率、残疾儿童少年入学率分别达到99%、95%、97%。",
    );
    let found: Vec<(String, f64)> = extract_targets(&blocks)
        .into_iter()
        .map(|p| (p.name, p.value))
        .collect();
    assert_eq!(
        found,
        [
            ("学前三年毛入园率".to_owned(), 95.0),
            ("普惠性幼儿园覆盖率".to_owned(), 85.0),
            ("义务教育巩固率".to_owned(), 99.0),
            ("高中阶段毛入学率".to_owned(), 95.0),
            ("残疾儿童少年入学率".to_owned(), 97.0),
        ]
    );
}

#[test]
fn changes_on_last_year_are_targets_ahead_and_reports_looking_back() {
    let ahead = text_blocks(
        "到2025年，教育经费投入比上年提高3-5个百分点。\n到2025年，学生体质健康优良率增长10%以上。",
    );
    let found = extract_targets(&ahead);
    let kinds: Vec<(String, String, f64, Option<f64>)> = found
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.kind.label().to_owned(),
                p.value,
                p.stretch,
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "教育经费投入".to_owned(),
                "较基期变化".to_owned(),
                3.0,
                Some(5.0)
            ),
            (
                "学生体质健康优良率".to_owned(),
                "较基期变化".to_owned(),
                10.0,
                None
            ),
        ],
        "a range of points and a growth, neither a level"
    );
    let looking_back = text_blocks(
        "一、发展基础\n2020年，全区在校生比上年增加500人，学前三年毛入园率比上年提高2个百分点。",
    );
    assert!(
        extract_targets(&looking_back).is_empty(),
        "the past is not a target"
    );
}

#[test]
fn a_long_look_back_sentence_stays_in_the_past_to_its_end() {
    // One sentence of well over 200 characters reporting 2020: read in pieces, every piece
    // keeps the sentence's past.
    let mut text = String::from("“十三五”期间，全区教育事业稳步发展，");
    for i in 0..30 {
        text.push_str(&format!("第{i}学区新建校舍{}平方米，", 1000 + i));
    }
    text.push_str("学前三年毛入园率达到88%。");
    assert!(text.chars().count() > 400);
    let found = extract_targets(&text_blocks(&text));
    assert!(found.is_empty(), "{found:?}");
}
