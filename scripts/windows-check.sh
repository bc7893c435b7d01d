#!/usr/bin/env bash
# Run the Windows build under Wine: a screenshot of the GUI on the sample plan (the Chinese UI
# must show), and the command-line export of the sample plan, whose workbook is then checked.
#   scripts/windows-check.sh [--tests] [OUT_DIR]     (installs Wine and Xvfb if missing)
# With --tests it also builds the test suites for Windows and runs them under Wine (file
# locking, a killed process, Chinese paths, exporting over a workbook that is held open).
set -euo pipefail
cd "$(dirname "$0")/.."
run_tests=false
if [ "${1:-}" = "--tests" ]; then run_tests=true; shift; fi
out=${1:-target/windows-check}; mkdir -p "$out"
tools=$(cd ../shared/tools 2>/dev/null && pwd || true)
exe=target/x86_64-pc-windows-gnu/release/eduplan.exe
[ -f "$exe" ] || scripts/build-windows.sh
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
for p in wine:wine Xvfb:xvfb import:imagemagick; do
  command -v "${p%%:*}" >/dev/null || { $SUDO apt-get update -qq; $SUDO apt-get install -y -qq "${p#*:}"; }
done
export WINEPREFIX=${WINEPREFIX:-/tmp/wineprefix-eduplan} WINEDEBUG=-all
if [ -n "$tools" ] && [ -x "$tools/wine-prep.sh" ]; then "$tools/wine-prep.sh"; else wineboot -i >/dev/null 2>&1 || true; fi

# 1. The command line under Wine: a plan in a folder with Chinese characters and a space.
work="$WINEPREFIX/drive_c/users/Public/Documents/龙潭 教育局"
mkdir -p "$work"
cp sample_plans/longtan-14th-five-year-education-plan.json "$work/sample.json"
rm -f "$work/龙潭区 十四五规划.eduplan" "$work/龙潭区 2024年监测.xlsx"
wine "$exe" new "C:\\users\\Public\\Documents\\龙潭 教育局\\龙潭区 十四五规划.eduplan" --from "C:\\users\\Public\\Documents\\龙潭 教育局\\sample.json"
wine "$exe" export "C:\\users\\Public\\Documents\\龙潭 教育局\\龙潭区 十四五规划.eduplan" -o "C:\\users\\Public\\Documents\\龙潭 教育局\\龙潭区 2024年监测.xlsx" --year 2024
cp "$work/龙潭区 2024年监测.xlsx" "$out/windows-export.xlsx"
python3 - "$out/windows-export.xlsx" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
wb = z.read("xl/workbook.xml").decode()
sheets = re.findall(r'<sheet name="([^"]+)"', wb)
assert sheets == ["主要指标表", "指标监测表", "重点任务台账", "图表"], sheets
strings = z.read("xl/sharedStrings.xml").decode()
for word in ["学前三年毛入园率", "提前实现", "预警", "填报单位：龙潭区教育局"]:
    assert word in strings, word
charts = [n for n in names if n.startswith("xl/charts/chart")]
assert len(charts) >= 3, charts
print("workbook written by eduplan.exe under Wine: sheets", sheets, "charts", len(charts))
PY

# 2. The GUI under Wine, on the sample plan.
shot="$out/windows-gui.png"
if [ -n "$tools" ] && [ -x "$tools/gui-shot.sh" ]; then
  "$tools/gui-shot.sh" "$shot" "${WAIT:-25}" -- "$exe" || true  # it stops the program on its way out
else
  disp=:97; Xvfb $disp -screen 0 1366x768x24 >/dev/null 2>&1 & x=$!; sleep 2
  DISPLAY=$disp wine "$exe" >/dev/null 2>&1 & app=$!; sleep "${WAIT:-25}"
  DISPLAY=$disp import -window root "$shot"; kill $app $x 2>/dev/null || true
fi
[ -s "$shot" ] || { echo "no screenshot was taken"; exit 1; }
echo "screenshot: $shot (look at it: the Chinese UI must show)"

if $run_tests; then
  cargo test --target x86_64-pc-windows-gnu --test app --no-run
  exe=$(ls -t target/x86_64-pc-windows-gnu/debug/deps/app-*.exe | head -1)
  for t in storage:: rules:: xlsx::; do
    echo "== $t under Wine"
    wine "$exe" --test-threads=1 "$t"
  done
fi
