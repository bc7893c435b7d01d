#!/usr/bin/env bash
# Word reports read by real programs: python-docx opens every kind and finds the named styles;
# LibreOffice Writer (headless) converts each to PDF, and the PDF is checked: 22 lines on a
# full body page at a 28.95 pt pitch, "— N —" page numbers right on odd and left on even pages,
# and the 附表 of a plan with many indicators runs over three pages or more with its header row
# on each. One page of each report is rendered to PNG for a look.
#   scripts/check-docx.sh [path/to/eduplan] [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-noto-cjk
fi
python3 -c 'import docx' 2>/dev/null || pip install -q python-docx
bin=${1:-}
if [ -z "$bin" ]; then cargo build --quiet --bin eduplan; bin=${CARGO_TARGET_DIR:-target}/debug/eduplan; fi
out=${2:-$(mktemp -d)}
mkdir -p "$out"
# A plan with enough indicators for a 附表 of three pages or more, made from the sample's text.
python3 - "$out/many.json" <<'PY'
import json, sys
plan = json.load(open("sample_plans/longtan-14th-five-year-education-plan.json", encoding="utf-8"))
def walk(sections):
    for s in sections:
        yield s
        yield from walk(s.get("sections", []))
first = max(walk(plan["sections"]), key=lambda s: len(s.get("indicators", [])))
extra = []
for k in range(3):
    for ind in first["indicators"]:
        copy = dict(ind)
        copy["name"] = f'{ind["name"]}（第{k + 2}组）'
        extra.append(copy)
first["indicators"] = first["indicators"] + extra
json.dump(plan, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$bin" new "$out/龙潭.eduplan" --from sample_plans/longtan-14th-five-year-education-plan.json >/dev/null
"$bin" new "$out/多指标.eduplan" --from "$out/many.json" >/dev/null
"$bin" report "$out/龙潭.eduplan" --kind annual --year 2024 -o "$out/annual.docx"
"$bin" report "$out/龙潭.eduplan" --kind midterm --year 2023 -o "$out/midterm.docx" --fonts windows
"$bin" report "$out/龙潭.eduplan" --kind final --year 2025 -o "$out/final.docx"
"$bin" report "$out/多指标.eduplan" --kind annual --year 2024 -o "$out/many.docx"
for f in annual midterm final many; do
  timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$out/lo" \
    --convert-to pdf --outdir "$out" "$out/$f.docx" >/dev/null 2>&1
  [ -f "$out/$f.pdf" ] || { echo "FAIL LibreOffice did not convert $f.docx"; exit 1; }
  pdftotext -bbox "$out/$f.pdf" "$out/$f.bbox.html"
  pdftotext -layout "$out/$f.pdf" "$out/$f.txt"
  pdftoppm -r 50 -png -f 2 -l 2 "$out/$f.pdf" "$out/$f-page"
done
python3 - "$out" <<'PY'
import re, sys, html
import docx
out = sys.argv[1]
failures = []
def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)

MM = 72 / 25.4
TOP, BOTTOM = 37 * MM, (297 - 35) * MM

def pages(name):
    """Per page: its width and its text lines as (y, x_min, x_max, text), top to bottom."""
    text = open(f"{out}/{name}.bbox.html", encoding="utf-8").read()
    result = []
    for page in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', text, re.S):
        width, body = float(page[0]), page[1]
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
        lines = []
        for x0, y0, x1, y1, w in sorted(words, key=lambda w: (w[3], w[0])):
            if lines and abs(lines[-1][0] - y1) < 3:
                y, a, b, t = lines[-1]
                lines[-1] = (y, min(a, x0), max(b, x1), t + w)
            else:
                lines.append((y1, x0, x1, w))
        result.append((width, lines))
    return result

for name in ["annual", "midterm", "final", "many"]:
    d = docx.Document(f"{out}/{name}.docx")
    styles = {s.name for s in d.styles}
    check({"公文标题", "一级标题", "二级标题", "三级标题", "公文正文", "表格标题", "表格文字"} <= styles,
          f"{name}: python-docx reads the named styles")
    heads = [p.text for p in d.paragraphs if p.style.name == "一级标题"]
    check(len(heads) >= 5, f"{name}: python-docx finds the headings {heads}")
    check(len(d.tables) >= 1, f"{name}: python-docx reads the 附表")
    ps = pages(name)
    check(len(ps) >= 2, f"{name}: {len(ps)} pages")
    body_counts = []
    for n, (width, lines) in enumerate(ps, start=1):
        body = [l for l in lines if TOP - 20 <= l[0] <= BOTTOM + 2]
        foot = [l for l in lines if l[0] > BOTTOM + 2]
        label = foot[-1][3] if foot else ""
        check(label.replace(" ", "") == f"—{n}—", f"{name} p{n}: page number {label!r}")
        if foot:
            centre = (foot[-1][1] + foot[-1][2]) / 2
            side = "right" if centre > width / 2 else "left"
            check(side == ("right" if n % 2 else "left"), f"{name} p{n}: page number on the {side}")
        if not any("序号" in l[3] for l in body):
            body_counts.append((n, len(body), body))
    full = [c for c in body_counts if c[1] >= 22]
    check(all(c[1] <= 22 for c in body_counts), f"{name}: no body page has more than 22 lines {[c[1] for c in body_counts]}")
    if name != "final":
        check(len(full) >= 1, f"{name}: a full body page has 22 lines")
    for n, count, body in full[:1]:
        ys = [l[0] for l in body]
        pitches = [b - a for a, b in zip(ys, ys[1:])]
        check(all(abs(p - 28.95) < 0.6 for p in pitches), f"{name} p{n}: line pitch {min(pitches):.2f}-{max(pitches):.2f} pt")
    table_pages = [n for n, (w, lines) in enumerate(ps, start=1)
                   if any("序号" in l[3] and "评价" in l[3] for l in lines)]
    if name == "many":
        check(len(table_pages) >= 3, f"many: the 附表 runs over {len(table_pages)} pages, header on each")
        last = len(ps)
        check(table_pages == list(range(table_pages[0], last + 1)), f"many: header row on every table page {table_pages}")
print("PDFs and page images in", out)
sys.exit(1 if failures else 0)
PY
