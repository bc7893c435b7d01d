#!/usr/bin/env python3
"""Read EduPlan's Word reports with python-docx, as another program would.

For each .docx given: it opens, the page is A4 with the GB/T 9704 margins, the named styles
(公文标题, 一级标题, 二级标题, 三级标题, 公文正文, 表格标题, 表格文字) exist and are used, the
body paragraphs are in 公文正文, and every table's first row repeats as a header. Prints one line
per file; exits 1 on the first file that fails, naming what is wrong.
"""
import sys

import docx
from docx.oxml.ns import qn

STYLES = ["公文标题", "一级标题", "二级标题", "三级标题", "公文正文", "表格标题", "表格文字"]
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def check(path):
    d = docx.Document(path)
    s = d.sections[0]
    if abs(s.page_width.mm - 210) > 0.5 or abs(s.page_height.mm - 297) > 0.5:
        return f"page {s.page_width.mm:.0f}×{s.page_height.mm:.0f} mm, not A4"
    for side, mm in MARGINS_MM.items():
        got = getattr(s, f"{side}_margin").mm
        if abs(got - mm) > 0.5:
            return f"{side} margin {got:.1f} mm, not {mm}"
    names = {st.name for st in d.styles}
    missing = [n for n in STYLES if n not in names]
    if missing:
        return "styles missing: " + "、".join(missing)
    used = {p.style.name for p in d.paragraphs if p.text.strip()}
    for n in ["公文标题", "一级标题", "公文正文"]:
        if n not in used:
            return f"no paragraph in {n}"
    stray = [p.text[:20] for p in d.paragraphs if p.text.strip() and p.style.name not in STYLES]
    if stray:
        return f"{len(stray)} paragraphs outside the named styles, e.g. {stray[0]!r}"
    if not d.tables:
        return "no table (附表)"
    for t in d.tables:
        trPr = t.rows[0]._tr.trPr
        if trPr is None or trPr.find(qn("w:tblHeader")) is None:
            return "a table's header row does not repeat"
    cells = sum(len(r.cells) for t in d.tables for r in t.rows)
    headings = sum(1 for p in d.paragraphs if p.style.name.endswith("标题"))
    print(f"{path}: {len(d.paragraphs)} paragraphs, {headings} headings, "
          f"{len(d.tables)} tables ({cells} cells) — read by python-docx")
    return None


def main():
    for path in sys.argv[1:]:
        problem = check(path)
        if problem:
            print(f"{path}: {problem}")
            sys.exit(1)


if __name__ == "__main__":
    main()
