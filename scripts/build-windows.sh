#!/usr/bin/env bash
# Build eduplan.exe for Windows (x86_64-pc-windows-gnu) on Debian: installs the rustup
# target and mingw-w64 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! command -v x86_64-w64-mingw32-windres >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
fi
rustup target add x86_64-pc-windows-gnu
cargo build --release --target x86_64-pc-windows-gnu
exe=target/x86_64-pc-windows-gnu/release/eduplan.exe
size=$(stat -c %s "$exe")
echo "built $exe ($((size / 1024 / 1024)) MB)"
[ "$size" -le $((25 * 1024 * 1024)) ] || { echo "eduplan.exe is larger than 25 MB"; exit 1; }
