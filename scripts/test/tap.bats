#!/usr/bin/env bats
# scripts/lib/tap.sh: the verdict of scripts/test-scripts.sh on a bats run.

setup() {
  # shellcheck source=../lib/tap.sh
  source "$BATS_TEST_DIRNAME/../lib/tap.sh"
  tap=$BATS_TEST_TMPDIR/run.tap
}

@test "every test passed: the counts, and success" {
  printf '1..3\nok 1 a\nok 2 b\nok 3 c # skip not here\n' >"$tap"
  run npipe4j_tap_summary 0 "$tap" 7
  [ "$status" -eq 0 ]
  [ "$output" = "Scripts: shellcheck clean on 7 files, 3 bats tests passed" ]
}

@test "a failed test fails the run, whatever the exit code said" {
  printf '1..2\nok 1 a\nnot ok 2 b\n# (in test file x.bats, line 3)\n' >"$tap"
  run npipe4j_tap_summary 0 "$tap" 7
  [ "$status" -eq 1 ]
  [ "$output" = "Scripts: FAILED (1 of 2 bats tests failed)" ]
}

@test "no test at all is a failure, not a pass" {
  printf '1..0\n' >"$tap"
  run npipe4j_tap_summary 0 "$tap" 7
  [ "$status" -eq 1 ]
  [ "$output" = "Scripts: FAILED (0 of 0 bats tests failed)" ]
}

@test "a non-zero exit fails the run even when every listed test passed" {
  printf '1..2\nok 1 a\n' >"$tap"
  run npipe4j_tap_summary 1 "$tap" 7
  [ "$status" -eq 1 ]
}

@test "only lines that start a TAP result count: comments and output do not" {
  printf '1..1\nok 1 a\n# ok 2 in a comment\n#   not ok in the output\n' >"$tap"
  run npipe4j_tap_summary 0 "$tap" 7
  [ "$status" -eq 0 ]
  [ "$output" = "Scripts: shellcheck clean on 7 files, 1 bats tests passed" ]
}
