#!/usr/bin/env bash
# Checks the project's shell scripts: shellcheck on every script (scripts/, scripts/lib/, the bats
# tests in scripts/test/, ./npipe and .ci/run), then the bats tests of the scripts' logic
# (scripts/test/*.bats). Installs both tools first (scripts/setup-checks.sh). Ends with
#   Scripts: shellcheck clean on N files, N bats tests passed
# or a FAILED line, and exits non-zero on any finding or failing test.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.." || exit 1
bash scripts/setup-checks.sh || { echo "Scripts: FAILED (setup-checks.sh)"; exit 1; }

mapfile -t files < <(npipe4j_scripts() {
  find scripts -type f \( -name '*.sh' -o -name '*.bats' \)
  printf '%s\n' scripts/test-all npipe .ci/run
}; npipe4j_scripts | LC_ALL=C sort)
if ! shellcheck "${files[@]}"; then
  echo "Scripts: FAILED (shellcheck findings above)"
  exit 1
fi
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
bats --tap scripts/test | tee "$tap"
rc=${PIPESTATUS[0]}
# shellcheck source=lib/tap.sh
source scripts/lib/tap.sh
npipe4j_tap_summary "$rc" "$tap" "${#files[@]}"
