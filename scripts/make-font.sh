#!/usr/bin/env bash
# Re-make the embedded CJK font: Noto Sans CJK SC (Debian's fonts-noto-cjk, SIL OFL 1.1)
# cut down to every character of GB 2312 (6,763 hanzi and its symbols), ASCII, common
# Chinese punctuation and the symbols the program draws (●▲■○ ≥ ≤ ㎡ ←→).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  apt-get update -qq && apt-get install -y -qq fonts-noto-cjk
fi
command -v pyftsubset >/dev/null || pip install -q fonttools
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
out = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
out.update(chr(c) for c in range(0x20, 0x7F))
out.update("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·％＋－×÷＝≥≤≠±°℃㎡●▲■○◆★☆√✓✗←→↑↓⇧⌘▶▼▸▾…·・￥")
out.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(out)))
print(len(out), "characters", file=sys.stderr)
PY
# Face 2 of the collection is Noto Sans CJK SC (the Simplified Chinese face).
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file="$chars" --layout-features='*' --no-hinting --desubroutinize \
  --name-IDs='*' --output-file=assets/fonts/NotoSansSC-GB2312.otf
rm -f "$chars"
cp /usr/share/doc/fonts-noto-cjk/copyright assets/fonts/NotoSansCJK-LICENSE.txt
ls -l assets/fonts
