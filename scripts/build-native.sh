#!/usr/bin/env bash
# Builds the plain Win32 peers of the interop tests (native/*.c) with mingw-w64 into
# build/native/*.exe. Idempotent: a program is rebuilt only when a source or native/common.h is
# newer than it. Installs nothing: scripts/setup-windows.sh installs gcc-mingw-w64-x86-64.
#   CC_MINGW (default x86_64-w64-mingw32-gcc)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cc=${CC_MINGW:-x86_64-w64-mingw32-gcc}
out=$root/build/native
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-native: $cc not found; install it with scripts/setup-windows.sh (apt package gcc-mingw-w64-x86-64)" >&2
  exit 1
fi
mkdir -p "$out"
built=0
for src in "$root"/native/*.c; do
  exe=$out/$(basename "${src%.c}").exe
  if [ -f "$exe" ] && [ "$exe" -nt "$src" ] && [ "$exe" -nt "$root/native/common.h" ] && [ "$exe" -nt "$0" ]; then
    continue
  fi
  "$cc" -O2 -Wall -Wextra -Werror -std=c11 -municode -static -s -o "$exe.tmp" "$src"
  mv -f "$exe.tmp" "$exe"
  echo "build-native: built ${exe#"$root"/}"
  built=$((built + 1))
done
[ "$built" -gt 0 ] || echo "build-native: up to date ($out)"
