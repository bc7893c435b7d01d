#!/usr/bin/env bash
# The three Word reports of the sample, read back as an office would: each is converted to PDF by
# LibreOffice (installed when missing), and every page must carry its "— N —" page number and
# the 附表 header must repeat on each page the table runs over. Run: scripts/check-docx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq "$2" >/dev/null 2>&1; }; }
need soffice libreoffice-writer
need pdftotext poppler-utils
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
  echo "$name: $pages pages, page numbers missing on $missing; 附表 over $table_pages pages, header on $headers"
  [ "$missing" -eq 0 ] && [ "$headers" -eq "$table_pages" ] || status=1
done
exit $status
