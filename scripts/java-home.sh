# shellcheck shell=bash
# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 22 or newer with javac.
# An explicit JAVA_HOME wins when it is new enough; otherwise the newest JDK under /usr/lib/jvm
# (NPIPE4J_JVM_DIR names another directory of JDKs).
npipe4j_java_feature() { # prints the feature release of the JDK at $1, or 0
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "${v:-0}"
}
npipe4j_pick_jdk() {
  local best="" best_v=0 d v
  for d in ${JAVA_HOME:+"$JAVA_HOME"} "${NPIPE4J_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(npipe4j_java_feature "$d")
    if [ "$v" -ge 22 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
    # an explicit, new-enough JAVA_HOME is used as is
    if [ -n "${JAVA_HOME:-}" ] && [ "$d" = "$JAVA_HOME" ] && [ "$v" -ge 22 ] 2>/dev/null; then break; fi
  done
  if [ -z "$best" ]; then
    echo "npipe4j: no JDK 22 or newer with javac found (JAVA_HOME=${JAVA_HOME:-unset}, ${NPIPE4J_JVM_DIR:-/usr/lib/jvm})." >&2
    echo "npipe4j: install one (for example Temurin 25) and point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
npipe4j_pick_jdk
