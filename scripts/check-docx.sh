#!/usr/bin/env bash
# The three Word reports of the sample, read back as an office would: python-docx opens each
# (scripts/read-docx.py: page, margins, named styles, repeating header), then LibreOffice
# (installed when missing) converts it to PDF, where every page must carry its "— N —" page
# number, the body must sit on the 22-line grid (line pitch 28.95 pt, at most 22 lines a page,
# pages filled to 22) and the 附表 header must repeat on each page the table runs over.
# Run: scripts/check-docx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq "$2" >/dev/null 2>&1; }; }
need soffice libreoffice-writer
need pdftotext poppler-utils
python3 -c "import docx" 2>/dev/null || pip install -q python-docx
cargo build -q
bin=target/debug/eduplan
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" new "$dir/plan.eduplan" --from sample_plans/longtan-14th-five-year-education-plan.json >/dev/null
status=0
# kind, year, file name, the start of the 附表 header row (序号, 指标) as the PDF text has it
for spec in "annual 2024 年度监测报告 序号指标" "midterm 2023 中期评估报告 序号指标" "final 2025 总结评估报告 序号指标"; do
  set -- $spec
  kind=$1 year=$2 name=$3 header=$4
  "$bin" report "$dir/plan.eduplan" --kind "$kind" --year "$year" -o "$dir/$name.docx" >/dev/null
  python3 scripts/read-docx.py "$dir/$name.docx" || status=1
  timeout 180 soffice --headless --norestore -env:UserInstallation="file://$dir/lo" \
    --convert-to pdf --outdir "$dir" "$dir/$name.docx" >/dev/null 2>&1
  pdf="$dir/$name.pdf"
  [ -s "$pdf" ] || { echo "$name: LibreOffice could not read it"; status=1; continue; }
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  missing=0
  for p in $(seq 1 "$pages"); do
    pdftotext -f "$p" -l "$p" -layout "$pdf" - | grep -Eq "—[[:space:]]*$p[[:space:]]*—" || missing=$((missing + 1))
  done
  # Pages of the 附表 (after its page break) each start with the header row again.
  # LibreOffice spaces out the character grid: allow blanks between the characters.
  spaced() { sed 's/./&[[:space:]]*/g' <<<"$1"; }
  first=$(for p in $(seq 1 "$pages"); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | grep -Eq "^$(spaced 附表)"; then echo "$p"; break; fi
  done || true)
  table_pages=$((pages - ${first:-$pages} + 1))
  headers=0
  for p in $(seq "${first:-$pages}" "$pages"); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | tr -d ' \n' | grep -q "$header"; then headers=$((headers + 1)); fi
  done
  # The body's lines per page, on the pages before the 附表 (the footer's page number left out).
  pdftotext -bbox-layout -l "$(( ${first:-$pages} - 1 ))" "$pdf" "$dir/lines.html"
  grid=$(python3 - "$dir/lines.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
pages = re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S)
counts, off_grid = [], 0
for n, (height, body) in enumerate(pages, 1):
    tops = sorted(float(y) for y in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"', body))
    footer = float(height) - 35 / 25.4 * 72  # below the text block: the page number
    lines = []
    for y in tops:
        if y < footer and (not lines or y - lines[-1] > 3):
            lines.append(y)
    counts.append(len(lines))
    if n > 1:  # the first page holds the larger title
        off_grid += sum(1 for a, b in zip(lines, lines[1:]) if abs(b - a - 28.95) > 0.6)
full = sum(1 for c in counts[1:] if c == 22)
# Short pages are a heading kept with its text or a paragraph not split to leave one line.
ok = max(counts, default=0) <= 22 and off_grid == 0 and full > 0
print(f"{'ok' if ok else 'FAIL'} lines a page {counts}, {full} full pages of 22, {off_grid} lines off the 28.95 pt pitch")
PY
)
  echo "$name: $pages pages, page numbers missing on $missing; 附表 over $table_pages pages, header on $headers; $grid"
  [ "$missing" -eq 0 ] && [ "$headers" -eq "$table_pages" ] && [[ "$grid" == ok* ]] || status=1
done
exit $status
