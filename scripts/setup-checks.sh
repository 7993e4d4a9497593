#!/usr/bin/env bash
# Installs the tools scripts/test-scripts.sh needs, idempotently: shellcheck and bats (apt). Does
# nothing when both are there. One line per step.
set -euo pipefail

step() { printf 'setup-checks: %-22s %s\n' "$1" "$2"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
command -v bats >/dev/null 2>&1 || need+=(bats)
if [ ${#need[@]} -eq 0 ]; then
  step "apt packages" "present (shellcheck $(shellcheck --version | sed -n 's/^version: //p'), $(bats --version))"
else
  step "apt packages" "installing ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  step "apt packages" "installed ${need[*]}"
fi
