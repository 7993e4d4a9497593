#!/usr/bin/env bash
# Builds the peers of the interop tests into build/native: the plain Win32 programs (native/*.c)
# with mingw-w64, and the go-winio program (native/go) with Go, cross-compiled with GOOS=windows,
# plus bcryptprimitives.dll, the stand-in for the ProcessPrng that Go 1.22+ needs and Wine 8 lacks
# (scripts/test-windows.sh puts it in the prefix's system32, where the Go runtime looks).
# Idempotent: a program is rebuilt only when one of its sources is newer than it. Installs
# nothing: scripts/setup-windows.sh installs gcc-mingw-w64-x86-64; Go comes with the machine, and
# go-winio from the Go module proxy.
#   CC_MINGW (default x86_64-w64-mingw32-gcc), GO (default go)
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

# newer_than TARGET SOURCE...: true if TARGET is missing or older than a source or this script.
newer_than() {
  local target=$1 src
  shift
  [ -f "$target" ] || return 0
  for src in "$@" "$0"; do [ "$src" -nt "$target" ] && return 0; done
  return 1
}
shim_src=$root/bench/c/bcryptprimitives_shim.c
if newer_than "$out/bcryptprimitives.dll" "$shim_src"; then
  "$cc" -O2 -shared -o "$out/bcryptprimitives.dll.tmp" "$shim_src" -ladvapi32
  mv -f "$out/bcryptprimitives.dll.tmp" "$out/bcryptprimitives.dll"
  echo "build-native: built build/native/bcryptprimitives.dll"
  built=$((built + 1))
fi
go=${GO:-go}
if ! command -v "$go" >/dev/null 2>&1; then
  echo "build-native: $go not found: the go-winio peer (native/go) needs a Go toolchain" >&2
  exit 1
fi
if newer_than "$out/winio-peer.exe" "$root"/native/go/*.go "$root/native/go/go.mod" "$root/native/go/go.sum"; then
  (cd "$root/native/go" && GOFLAGS=-mod=mod GOOS=windows GOARCH=amd64 "$go" build -o "$out/winio-peer.exe.tmp" .)
  mv -f "$out/winio-peer.exe.tmp" "$out/winio-peer.exe"
  echo "build-native: built build/native/winio-peer.exe"
  built=$((built + 1))
fi
[ "$built" -gt 0 ] || echo "build-native: up to date ($out)"
