#!/usr/bin/env bash
# A real spreadsheet program confirms the exported workbook: LibreOffice Calc (headless)
# opens it and writes every sheet as CSV; the values are checked against the sample plan.
#   scripts/check-xlsx-libreoffice.sh [path/to/eduplan]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq libreoffice-calc-nogui || $SUDO apt-get install -y -qq libreoffice-calc
fi
bin=${1:-}
if [ -z "$bin" ]; then cargo build --release --quiet; bin=target/release/eduplan; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" new "$tmp/龙潭 规划.eduplan" --from sample_plans/longtan-14th-five-year-education-plan.json >/dev/null
"$bin" export "$tmp/龙潭 规划.eduplan" -o "$tmp/book.xlsx" --year 2024
# Filter options: comma, double quote, UTF-8, from row 1, …, cells as shown, sheet -1 = every sheet to its own file.
timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo" \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
  --outdir "$tmp" "$tmp/book.xlsx" >/dev/null 2>&1
ls "$tmp"/book-*.csv >/dev/null || { echo "LibreOffice did not produce CSV files"; exit 1; }
python3 - "$tmp" <<'PY'
import csv, glob, os, sys
d = sys.argv[1]
sheets = {os.path.basename(p)[5:-4]: list(csv.reader(open(p, encoding="utf-8"))) for p in glob.glob(d + "/book-*.csv")}
failures = []
def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond: failures.append(what)
check(set(sheets) == {"主要指标表", "指标监测表", "重点任务台账", "图表"}, f"four sheets: {sorted(sheets)}")
main, mon, tasks = sheets.get("主要指标表", []), sheets.get("指标监测表", []), sheets.get("重点任务台账", [])
def row(sheet, name, col=2):
    return next((r for r in sheet if len(r) > col and r[col] == name), None)
r = row(main, "学前三年毛入园率")
check(r is not None and r[4] == "87.5" and r[5] == "90%以上" and r[6] == "预期性", f"主要指标表 学前三年毛入园率: {r}")
check(main[2][:4] == ["序号", "类别", "指标", "单位"], f"主要指标表 header: {main[2][:4] if len(main) > 2 else None}")
r = row(mon, "义务教育巩固率")
check(r is not None and r[9] == "98.6" and r[13] == "滞后" and "黄灯" in r[14], f"指标监测表 义务教育巩固率: {r and r[5:15]}")
r = row(mon, "学前三年毛入园率")
check(r is not None and r[10] == "90%以上" and r[11] == "148.0" and r[13] == "提前实现", f"指标监测表 target shown as the plan words it, progress: {r and r[9:14]}")
r = row(mon, "新建公办幼儿园")
check(r is not None and "红灯" in r[14] and "预警" in r[14], f"指标监测表 预警: {r and r[14]}")
r = row(mon, "校本管理机制改革试点学校")
check(r is not None and r[9] == "" and r[13] == "未填报", f"指标监测表 missing year stays blank: {r and r[9:14]}")
check(not any(c.startswith("#") or c.startswith("Err:") for s in sheets.values() for r in s for c in r), "no cell shows an error")
r = row(tasks, "实施“嘉树工程”")
check(r is not None and r[8] == "滞后", f"重点任务台账 嘉树工程: {r and r[8]}")
sys.exit(1 if failures else 0)
PY
echo "LibreOffice Calc read the workbook and every value checked out."
