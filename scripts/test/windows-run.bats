#!/usr/bin/env bats
# scripts/lib/windows-run.sh: the text processing of the Windows test run.

setup() {
  # shellcheck source=../lib/windows-run.sh
  source "$BATS_TEST_DIRNAME/../lib/windows-run.sh"
}

@test "packages: every directory holding class files, dotted, sorted, once" {
  d=$BATS_TEST_TMPDIR
  mkdir -p "$d/a/dev/npipe4j/internal/unix" "$d/a/dev/npipe4j/empty" "$d/b/dev/npipe4j/windows"
  touch "$d/a/module-info.class" "$d/a/dev/npipe4j/A.class" "$d/a/dev/npipe4j/A\$1.class" \
    "$d/a/dev/npipe4j/internal/unix/U.class" "$d/b/dev/npipe4j/T.class" \
    "$d/b/dev/npipe4j/windows/W.class" "$d/b/dev/npipe4j/windows/notes.txt"
  run npipe4j_packages "$d/a" "$d/b" "$d/missing"
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '%s\n' dev.npipe4j dev.npipe4j.internal.unix dev.npipe4j.windows)" ]
}

@test "security providers: the given one first, the JDK's list renumbered after it" {
  f=$BATS_TEST_TMPDIR/java.security
  cat >"$f" <<'CONF'
# a comment about security.provider.1=Nope
security.provider.1=SUN
security.provider.2=SunRsaSign
#security.provider.3=Commented
security.provider.3=SunEC
securerandom.source=file:/dev/random
security.provider.10=SunMSCAPI
CONF
  run npipe4j_security_providers my.First "$f"
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '%s\n' security.provider.1=my.First security.provider.2=SUN \
    security.provider.3=SunRsaSign security.provider.4=SunEC security.provider.11=SunMSCAPI)" ]
}

summary_box() { # summary_box FOUND SUCCESSFUL FAILED SKIPPED ABORTED CONTAINERS-FAILED
  cat <<LOG
Test run finished after 1753 ms
[         5 containers found      ]
[         0 containers skipped    ]
[         5 containers started    ]
[         0 containers aborted    ]
[         5 containers successful ]
[         $6 containers failed     ]
[       $1 tests found           ]
[         $4 tests skipped         ]
[       $1 tests started         ]
[         $5 tests aborted         ]
[       $2 tests successful      ]
[         $3 tests failed          ]
LOG
}

@test "counts: passed, failed (tests and containers), skipped (skipped and aborted), found" {
  log=$BATS_TEST_TMPDIR/console.log
  summary_box 235 178 2 3 52 1 >"$log"
  run npipe4j_launcher_counts "$log"
  [ "$output" = "178 3 55 235" ]
}

@test "counts: a clean run" {
  log=$BATS_TEST_TMPDIR/console.log
  { echo "├─ ModulePathTest ✔"; summary_box 9 8 0 0 1 0; } >"$log"
  run npipe4j_launcher_counts "$log"
  [ "$output" = "8 0 1 9" ]
}

@test "counts: a JVM that died before the summary is a failure, with the check marks it printed" {
  log=$BATS_TEST_TMPDIR/console.log
  printf '%s\n' "├─ RawPipeTest ✔" "│  ├─ a() ✔" "│  ├─ b() ✔" "│  ├─ c() ✘ boom" >"$log"
  run npipe4j_launcher_counts "$log"
  [ "$output" = "3 1 0 0" ]
}

@test "counts: a died JVM that listed its failures keeps their number" {
  log=$BATS_TEST_TMPDIR/console.log
  printf '%s\n' "│  ├─ a() ✔" "Failures (4):" "  JUnit Jupiter:X:a()" >"$log"
  run npipe4j_launcher_counts "$log"
  [ "$output" = "1 4 0 0" ]
}

@test "counts: an empty log counts as one failure and nothing found" {
  log=$BATS_TEST_TMPDIR/console.log
  : >"$log"
  run npipe4j_launcher_counts "$log"
  [ "$output" = "0 1 0 0" ]
}
