# shellcheck shell=bash
# Sourced by scripts/test-scripts.sh (and its bats tests): the verdict on a bats run.

# npipe4j_tap_summary RC TAP FILES: prints the closing line of scripts/test-scripts.sh for a bats
# run that exited with RC and wrote the TAP file TAP, shellcheck having passed on FILES files.
# Returns 1 when the run failed: a non-zero exit, any "not ok" line, or no test at all.
npipe4j_tap_summary() {
  local rc=$1 tap=$2 files=$3 passed failed
  passed=$(grep -c '^ok ' "$tap" || true)
  failed=$(grep -c '^not ok ' "$tap" || true)
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    echo "Scripts: FAILED ($failed of $((passed + failed)) bats tests failed)"
    return 1
  fi
  echo "Scripts: shellcheck clean on $files files, $passed bats tests passed"
}
