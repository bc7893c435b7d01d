//! `eduplan report`, run as a user would run it: every number in the report is the number
//! `eduplan status` prints for the year, and bad requests write nothing.

use crate::common;

use std::io::Read;
use std::process::Command;

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

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text inside the w:t elements of a piece of document.xml.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        if after[..open_end].ends_with('/')
            || !(after[4..].starts_with('>') || after[4..].starts_with(' '))
        {
            rest = &after[open_end + 1..];
            continue;
        }
        let body = &after[open_end + 1..];
        let close = body.find("</w:t>").expect("closed");
        out.push_str(&unescape(&body[..close]));
        rest = &body[close..];
    }
    out
}

fn document_xml(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("report")).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// The rows of the first table, as cell texts.
fn table_rows(xml: &str) -> Vec<Vec<String>> {
    let table = &xml[xml.find("<w:tbl>").expect("table")..xml.find("</w:tbl>").expect("end")];
    table
        .split("<w:tr>")
        .skip(1)
        .map(|row| row.split("<w:tc>").skip(1).map(text_of).collect())
        .collect()
}

fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>").map(text_of).collect()
}

#[test]
fn every_number_in_the_report_is_the_number_status_prints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::sample_file(&dir);
    let file = file.to_str().expect("utf-8");
    for year in ["2023", "2024"] {
        let out = dir.path().join(format!("报告{year}.docx"));
        let (code, stdout, err) = eduplan(&[
            "report",
            file,
            "--kind",
            "annual",
            "--year",
            year,
            "-o",
            out.to_str().expect("utf-8"),
            "--date",
            "2024-12-31",
        ]);
        assert_eq!(code, 0, "{err}");
        let xml = document_xml(&out);
        let placeholders = xml.matches("【请补充").count();
        assert!(
            stdout.contains(&format!("报告中有{placeholders}处【请补充】")),
            "{stdout}"
        );

        let (code, status, err) = eduplan(&["status", file, "--year", year, "--format", "tsv"]);
        assert_eq!(code, 0, "{err}");
        let status: Vec<Vec<&str>> = status
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect())
            .collect();
        let rows: Vec<Vec<String>> = table_rows(&xml)
            .into_iter()
            .filter(|r| r.len() == 9)
            .skip(1)
            .collect();
        assert_eq!(rows.len(), status.len(), "one 附表 row per indicator");
        let paras = paragraphs(&xml);
        // The 附表 goes by category, status by the plan's order: match the rows by name.
        let mut listed: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        let mut named: Vec<&str> = status.iter().map(|st| st[0]).collect();
        listed.sort_unstable();
        named.sort_unstable();
        assert_eq!(listed, named, "the same indicators");
        for row in &rows {
            // 附表: 序号 | 指标 | 单位 | 基期值 | 目标 | 当年 | 序时目标值 | 完成进度 | 评价
            // status: 指标 | 单位 | 基期值 | 目标 | 当年 | 完成进度 | 序时进度 | 评价 | 灯色 | …
            let st = status
                .iter()
                .find(|st| st[0] == row[1])
                .expect("status row");
            assert_eq!(row[2], st[1], "{}: unit", st[0]);
            assert_eq!(row[3], st[2], "{}: base", st[0]);
            assert_eq!(row[4], st[3], "{}: target", st[0]);
            assert_eq!(row[5], st[4], "{}: {year} value", st[0]);
            assert_eq!(row[7], st[5], "{}: 完成进度", st[0]);
            let symbol = st[8].chars().next().expect("light symbol");
            assert!(
                row[8].starts_with(&format!("{symbol}{}", st[7])),
                "{}: 评价 {} against {} {}",
                st[0],
                row[8],
                st[7],
                st[8]
            );
            assert_eq!(row[8].contains("预警"), st[8].contains("预警"), "{}", st[0]);
            // The sentence in 二、主要指标完成情况 quotes the same value and verdict.
            let sentence = paras
                .iter()
                .find(|p| p.contains(&format!(".{}：", st[0])))
                .unwrap_or_else(|| panic!("a sentence on {}", st[0]));
            if st[4] != "—" && !st[1].is_empty() {
                assert!(
                    sentence.contains(&format!("{}{}", st[4], st[1])),
                    "{sentence} / {st:?}"
                );
            }
            assert!(
                sentence.contains(&format!("评价为“{}”（{}）", st[7], st[8])),
                "{sentence}"
            );
            if st[5] != "—" {
                assert!(
                    sentence.contains(&format!("完成进度{}", st[5])),
                    "{sentence}"
                );
            }
        }
        // The count sentence adds up what status lists.
        let all = paras.join("\n");
        let total = status.len();
        assert!(
            all.contains(&format!("规划确定的{total}项主要指标中，{year}年")),
            "{all}"
        );
        for word in [
            "提前实现",
            "已实现",
            "快于预期",
            "基本符合预期",
            "滞后",
            "未实现",
            "未填报",
            "未到期",
            "无法评价",
        ] {
            let n = status.iter().filter(|s| s[7].starts_with(word)).count();
            if n > 0 {
                assert!(
                    all.contains(&format!("{n}项{word}")),
                    "{n}项{word} in {all}"
                );
            }
        }
    }
}

#[test]
fn bad_requests_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = common::fixture_file(&dir);
    let plan_s = plan.to_str().expect("utf-8");
    let before = std::fs::read(&plan).expect("plan");
    let out = dir.path().join("报告.docx");
    let out_s = out.to_str().expect("utf-8");

    let (code, _, err) = eduplan(&["report", plan_s, "-o", plan_s]);
    assert_eq!(code, 1);
    assert!(err.contains(".docx"), "{err}");
    assert_eq!(
        std::fs::read(&plan).expect("plan"),
        before,
        "the plan is untouched"
    );

    let txt = dir.path().join("报告.txt");
    let (code, _, err) = eduplan(&["report", plan_s, "-o", txt.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("输出文件名必须以 .docx 结尾"), "{err}");
    assert!(!txt.exists());

    let (code, _, err) = eduplan(&["report", plan_s, "--year", "2030", "-o", out_s]);
    assert_eq!(code, 1);
    assert!(err.contains("2030年不在规划期2021-2025年内"), "{err}");
    assert!(!out.exists());

    let (code, _, err) = eduplan(&["report", plan_s, "--kind", "weekly", "-o", out_s]);
    assert_eq!(code, 2);
    assert!(err.contains("--kind 只能是"), "{err}");
    assert!(!out.exists());

    let (code, _, err) = eduplan(&["report", plan_s, "--fonts", "mac", "-o", out_s]);
    assert_eq!(code, 2);
    assert!(err.contains("--fonts 只能是"), "{err}");

    let nowhere = dir.path().join("没有这个文件夹").join("报告.docx");
    let (code, _, err) = eduplan(&["report", plan_s, "-o", nowhere.to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("文件夹不存在"), "{err}");

    let text = dir.path().join("空规划.json");
    std::fs::write(
        &text,
        r#"{"format":"eduplan-plan-text","version":2,"plan":{"name":"空规划","base_year":2020,"first_year":2021,"last_year":2025},"sections":[{"numbering":"一、","title":"发展目标"}]}"#,
    )
    .expect("text");
    let empty = dir.path().join("空规划.eduplan");
    let (code, _, err) = eduplan(&[
        "new",
        empty.to_str().expect("utf-8"),
        "--from",
        text.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = eduplan(&["report", empty.to_str().expect("utf-8"), "-o", out_s]);
    assert_eq!(code, 1);
    assert!(err.contains("规划中还没有指标"), "{err}");
    assert!(!out.exists());

    let (code, stdout, err) = eduplan(&["report", plan_s, "--year", "2023", "-o", out_s]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已生成年度监测报告"), "{stdout}");
    assert!(out.exists());
}

#[test]
fn the_final_report_judges_each_indicator_against_its_target_as_status_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("龙潭区.eduplan");
    let file_s = file.to_str().expect("utf-8");
    let (code, _, err) = eduplan(&["new", file_s, "--from", common::SAMPLE]);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("总结评估报告.docx");
    let (code, stdout, err) = eduplan(&[
        "report",
        file_s,
        "--kind",
        "final",
        "--year",
        "2025",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let xml = document_xml(&out);
    let paras = paragraphs(&xml);
    let all = paras.join("\n");
    assert_eq!(paras[0], "龙潭区教育事业发展“十四五”规划总结评估报告");
    for heading in [
        "一、总体情况",
        "二、主要指标完成情况",
        "三、重点任务和重大工程完成情况",
        "四、主要成效和经验做法",
        "五、存在的问题和未完成指标原因分析",
        "六、下一期规划的思路与建议",
        "附表1",
    ] {
        assert!(paras.iter().any(|p| p == heading), "{heading}: {all}");
    }
    assert!(
        !all.contains("年度监测"),
        "a close-out, not a yearly review: {all}"
    );
    assert!(all.contains("本报告为规划期末的总结评估"), "{all}");
    // The count sentence is the one `status` prints for the last year.
    let (_, status, _) = eduplan(&["status", file_s, "--year", "2025"]);
    let sentence = status
        .lines()
        .find(|l| l.starts_with("规划确定的"))
        .expect("count sentence");
    let counted = sentence.split("其中2项按").next().expect("sentence");
    assert!(all.contains(counted), "{counted}\n{all}");
    assert!(all.contains("学前三年毛入园率92%（预计）"), "{all}");
    // A reason recorded as the year's 说明 is quoted; one missing is a placeholder.
    assert!(
        all.contains("原因：学龄人口变化/生源减少；外出务工随迁子女转学增多"),
        "{all}"
    );
    assert!(
        all.contains("原因：2025年体质健康测试数据正在复核"),
        "without a recorded reason, the year's 说明: {all}"
    );
    assert!(
        all.contains("原因：【请补充：市级学科带头人未达到目标的原因】"),
        "{all}"
    );
    assert!(
        all.contains("建议将") && all.contains("省学科带头人"),
        "the carried indicators are named: {all}"
    );
    let placeholders = xml.matches("【请补充").count();
    assert!(
        stdout.contains(&format!("报告中有{placeholders}处【请补充】")),
        "{stdout}"
    );
    // 附表1: one row per indicator, its 完成情况 the one status prints.
    let (_, tsv, _) = eduplan(&["status", file_s, "--year", "2025", "--format", "tsv"]);
    let status_rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let rows: Vec<Vec<String>> = table_rows(&xml)
        .into_iter()
        .filter(|r| r.len() == 9)
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 33, "one row per indicator");
    for row in &rows {
        let st = status_rows
            .iter()
            .find(|st| st[0] == row[1])
            .unwrap_or_else(|| panic!("status row for {}", row[1]));
        let n = st.len();
        assert_eq!(row[8], st[n - 3], "{}: 完成情况", row[1]);
        assert_eq!(row[6], st[n - 2], "{}: 目标完成度", row[1]);
        assert_eq!(row[7], st[n - 1], "{}: 首次达标年份", row[1]);
    }
}
