#!/usr/bin/env bash
# Screenshots of every view at the screen sizes users have: 1024×600 (small laptop, projector
# with scaling), 1366×768 (the common office laptop) and 1920×1080 (a monitor).
#   scripts/screenshots.sh [OUT_DIR] [SIZE…]       (installs Xvfb, xdotool and ImageMagick if missing)
# Each size runs the debug build on the bundled sample in its own virtual display with a fresh
# settings folder (so it is a first start), sizes the window to the whole screen (there is no
# window manager to maximise it), then switches views with the program's keys:
#   总览 指标 任务 优质均衡 对标 整改, 帮助 (F1), the first indicator's details, and meeting mode
#   (opening page, a section chart, an indicator page, the page index, 只看章's first chart).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/screenshots}; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1024x600 1366x768 1920x1080)
mkdir -p "$out"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
for p in Xvfb:xvfb xdotool:xdotool import:imagemagick; do
  command -v "${p%%:*}" >/dev/null || { $SUDO apt-get update -qq; $SUDO apt-get install -y -qq "${p#*:}"; }
done
cargo build --quiet
app=$PWD/target/debug/eduplan

shoot() { # NAME KEYS… — type the keys (or click:X:Y, or wheel:N to scroll N steps down at the
  # middle of the screen), wait for the frame, save the screen
  local name=$1; shift
  for k in "$@"; do
    if [[ $k == click:* ]]; then
      local c=${k#click:}; xdotool mousemove "${c%:*}" "${c#*:}" click 1
    elif [[ $k == wheel:* ]]; then
      xdotool mousemove $((w / 2)) $((h / 2)) click --repeat "${k#wheel:}" --delay 80 5
    else
      xdotool key --clearmodifiers "$k"
    fi
    sleep 0.6
  done
  xdotool mousemove 0 0; sleep 1.2
  import -window root "$out/$size-$name.png"
}

for size in "${sizes[@]}"; do
  w=${size%x*}; h=${size#*x}
  display=":$((150 + RANDOM % 100))"
  Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
  xvfb=$!
  sleep 1.5
  home=$(mktemp -d)
  DISPLAY=$display HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
    "$app" >"$out/$size.log" 2>&1 &
  pid=$!
  export DISPLAY=$display
  window=""
  for _ in $(seq 40); do
    window=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | tail -1 || true)
    [ -n "$window" ] && break
    sleep 0.5
  done
  if [ -z "$window" ]; then echo "$size: the window did not appear (see $out/$size.log)"; kill $pid $xvfb 2>/dev/null; continue; fi
  sleep 2
  xdotool windowmove "$window" 0 0 windowsize "$window" "$w" "$h"
  sleep 1.5
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  shoot 0-first-start
  shoot 1-overview Escape ctrl+1
  shoot 2-indicators ctrl+2
  shoot 3-tasks ctrl+3
  shoot 4-balance ctrl+4
  shoot 4b-balance-chart wheel:12
  shoot 5-alignment ctrl+5
  shoot 6-rectification ctrl+6
  shoot 7-help F1
  # The first indicator's details: its name is the grid's first row, right of the outline
  # (which is collapsed below 1150 px).
  shoot 8-detail Escape ctrl+2 "click:$(( w < 1150 ? 60 : 300 )):176"
  shoot 9-meeting-opening Escape ctrl+1 F5
  shoot 10-meeting-section Right
  shoot 11-meeting-indicator Right
  shoot 12-meeting-index G
  shoot 13-meeting-chapters-only Escape C Home Right
  kill "$pid" 2>/dev/null || true; sleep 0.5; kill -9 "$pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
  echo "$size: $(ls "$out"/"$size"-*.png | wc -l) screenshots in $out"
done
