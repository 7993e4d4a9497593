# shellcheck shell=bash
# Sourced by scripts/test-windows.sh: the parts of the Windows test run that are pure text
# processing, kept here so that scripts/test/*.bats can test them without Wine.

# npipe4j_packages DIR...: the Java packages that have class files under the class directories,
# one per line, sorted and unique (dev/npipe4j/internal -> dev.npipe4j.internal).
npipe4j_packages() {
  local dir
  for dir in "$@"; do
    [ -d "$dir" ] || continue
    (cd "$dir" && find . -name '*.class' ! -name module-info.class -printf '%h\n')
  done | sed -e 's|^\./||' -e 's|/|.|g' | grep -v '^\.$' | LC_ALL=C sort -u
}

# npipe4j_security_providers FIRST JAVA_SECURITY: a java.security override that puts the provider
# class FIRST in position 1 and renumbers the JDK's own list (read from JAVA_SECURITY) after it.
npipe4j_security_providers() {
  local first=$1 file=$2 n p
  echo "security.provider.1=$first"
  sed -n 's/^security\.provider\.\([0-9][0-9]*\)=\(.*\)$/\1 \2/p' "$file" \
    | while read -r n p; do echo "security.provider.$((n + 1))=$p"; done
}

# npipe4j_launcher_counts LOG: "PASSED FAILED SKIPPED FOUND" from the JUnit console launcher's
# output. When the launcher died before its summary box (a JVM crash, a timeout), FAILED is at
# least 1 and PASSED is the number of check marks in the tree printed so far (containers
# included: a rough figure for a run that failed anyway).
npipe4j_launcher_counts() {
  local log=$1 passed failed skipped found
  _npipe4j_box() { # _npipe4j_box LABEL: the number in the summary line "[   N LABEL ]"
    local n
    n=$(sed -n "s/^\[ *\([0-9][0-9]*\) $1 *\]$/\1/p" "$log" | tail -n1)
    echo "${n:-0}"
  }
  passed=$(_npipe4j_box 'tests successful')
  failed=$(($(_npipe4j_box 'tests failed') + $(_npipe4j_box 'containers failed')))
  skipped=$(($(_npipe4j_box 'tests skipped') + $(_npipe4j_box 'tests aborted')))
  found=$(_npipe4j_box 'tests found')
  if ! grep -q '^Test run finished after' "$log"; then
    failed=$(sed -n 's/^Failures (\([0-9]*\)):$/\1/p' "$log" | tail -n1)
    failed=$((${failed:-0} > 0 ? ${failed:-0} : 1))
    passed=$(grep -c ' ✔$' "$log" || true)
  fi
  echo "$passed $failed $skipped $found"
}
