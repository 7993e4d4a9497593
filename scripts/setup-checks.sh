#!/usr/bin/env bash
# Installs the tools of the script and release checks, idempotently, from apt: shellcheck and bats
# (scripts/test-scripts.sh), gpg (scripts/check-release.sh signs with a throwaway key). Does nothing
# when all are there. One line per step.
set -euo pipefail

step() { printf 'setup-checks: %-22s %s\n' "$1" "$2"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
command -v bats >/dev/null 2>&1 || need+=(bats)
command -v gpg >/dev/null 2>&1 || need+=(gnupg)
if [ ${#need[@]} -eq 0 ]; then
  step "apt packages" "present (shellcheck $(shellcheck --version | sed -n 's/^version: //p'), $(bats --version), gpg $(gpg --version | sed -n '1s/.* //p'))"
else
  step "apt packages" "installing ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  step "apt packages" "installed ${need[*]}"
fi
