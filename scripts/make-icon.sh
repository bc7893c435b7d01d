#!/usr/bin/env bash
# Re-make the program icon (assets/icon-256.png, assets/eduplan.ico) with ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v convert >/dev/null || { apt-get update -qq && apt-get install -y -qq imagemagick; }
font=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
[ -f "$font" ] || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk; }
convert -size 256x256 xc:none -fill '#1f5fa8' -draw 'roundrectangle 8,8 247,247 44,44' \
  -fill '#ffffff' -font "$font" -pointsize 150 -gravity center -annotate +0-6 '规' \
  -fill '#ffc83d' -draw 'rectangle 60,206 196,220' assets/icon-256.png
convert assets/icon-256.png -define icon:auto-resize=256,64,48,32,16 assets/eduplan.ico
ls -l assets/icon-256.png assets/eduplan.ico
