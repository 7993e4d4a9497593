#!/usr/bin/env bash
# Installs what the Linux interop tests need, idempotently: socat (apt) and python3. Does nothing
# when both are in place. One line per step.
set -euo pipefail

step() { printf 'setup-linux: %-14s %s\n' "$1" "$2"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v socat >/dev/null || need+=(socat)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -eq 0 ]; then
  step "apt packages" "present (socat, python3)"
else
  step "apt packages" "installing ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  step "apt packages" "installed ${need[*]}"
fi
