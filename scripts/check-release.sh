#!/usr/bin/env bash
# Checks the release build, offline, up to the upload to Maven Central (RELEASING.md):
#  1. copies the working tree (tracked and new files, as git sees them) twice, to build/release/a
#     and build/release/b, and runs the documented command in each:
#       mvn -P release verify -DskipTests
#     a without a signing key (signing must be skipped: no .asc files), b with a throwaway key
#     made here in a private GNUPGHOME (every file signed, every signature verified); b also runs
#     in another time zone and locale, which must not show in the output. Both run with umask
#     022: the Javadoc jar (and the Maven descriptor of the sources jar) keep the file modes the
#     build finds on disk;
#  2. stages each published module's files into the Maven repository layout
#     (scripts/lib/central.py stage) and checks them against Central's rules (central.py check);
#  3. compares the two builds byte for byte: every published file, signatures aside, identical;
#  4. writes the upload bundle, build/release/central-bundle.zip (from build b).
# The tests do not run here (test-all runs them); spotless neither. Ends with "release: PASSED"
# or "release: FAILED (...)"; exits non-zero on any gap.
#   --release   also refuse SNAPSHOT versions (run this before an upload)
#   --key FPR   sign build b with this key of the caller's GNUPGHOME instead of a throwaway one
#               (then the bundle is the one to upload)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root" || exit 1
source "$here/java-home.sh" || exit 1
umask 0022

release_mode=() key=""
while [ $# -gt 0 ]; do
  case "$1" in
    --release) release_mode=(--release) ;;
    --key) key=$2; shift ;;
    *) echo "usage: $0 [--release] [--key FINGERPRINT]" >&2; exit 2 ;;
  esac
  shift
done
out=$root/build/release
say() { echo "release: $*"; }
fail() { say "FAILED ($*)"; exit 1; }
central() { python3 "$here/lib/central.py" "$@"; }

command -v gpg >/dev/null 2>&1 || fail "gpg is not installed (apt package gnupg)"
rm -rf "$out"
mkdir -p "$out"
gnupg_tmp=""
cleanup() {
  if [ -n "$gnupg_tmp" ]; then
    GNUPGHOME=$gnupg_tmp gpgconf --kill all >/dev/null 2>&1 || true
    rm -rf "$gnupg_tmp"
  fi
}
trap cleanup EXIT
if [ -z "$key" ]; then
  gnupg_tmp=$(mktemp -d)
  export GNUPGHOME=$gnupg_tmp
  gpg --batch --quiet --passphrase '' --quick-gen-key "npipe4j release check <check@npipe4j.invalid>" \
    ed25519 sign 1d >/dev/null 2>&1 || fail "could not make a throwaway signing key"
  key=$(gpg --batch --list-secret-keys --with-colons 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }')
  say "signing build b with a throwaway key ($key)"
fi

# 1. Two builds from two copies.
for copy in a b; do
  mkdir -p "$out/$copy"
  git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$out/$copy" \
    || fail "could not copy the working tree to $out/$copy"
done
build() { # build COPY MAVEN-ARGS...: in a subshell, with the environment the caller set
  local copy=$1 start
  shift
  start=$(date +%s)
  (cd "$out/$copy" && mvn -B -ntp -P release verify -DskipTests -Dspotless.check.skip=true "$@") \
    >"$out/$copy.log" 2>&1 || { grep -E '^\[ERROR\]' "$out/$copy.log" | head -20; fail "mvn -P release verify failed in $copy: $out/$copy.log"; }
  say "built $copy in $(($(date +%s) - start))s: mvn -P release verify -DskipTests $*"
}
build a
(TZ=Pacific/Chatham LC_ALL=C.UTF-8 build b "-Dgpg.keyname=$key") || exit 1

# 2. Stage and check.
for copy in a b; do
  mapfile -t targets < <(find "$out/$copy" -mindepth 2 -maxdepth 2 -type d -name target | LC_ALL=C sort)
  central stage "$out/$copy-staged" "${targets[@]}" >/dev/null || fail "nothing to stage in build $copy"
done
check_a=$(central check "$out/a-staged" "${release_mode[@]}") || { echo "$check_a"; fail "build a breaks Central's rules"; }
check_b=$(central check "$out/b-staged" "${release_mode[@]}" --signed) || { echo "$check_b"; fail "build b breaks Central's rules"; }
say "unsigned build: ${check_a##*$'\n'}"
say "signed build:   ${check_b##*$'\n'}"
mapfile -t published < <(cd "$out/b-staged" && find . -name '*.pom' -printf '%h\n' | sed 's|^\./||' | LC_ALL=C sort)
say "published: ${published[*]}"
for module in dev/npipe4j/npipe4j/ dev/npipe4j/npipe4j-bom/ dev/npipe4j/npipe4j-netty/; do
  printf '%s\n' "${published[@]}" | grep -q "^$module" || fail "$module is not among the published modules"
done

# 3. Byte for byte.
differ=0 same=0
while read -r f; do
  if cmp -s "$out/a-staged/$f" "$out/b-staged/$f"; then
    same=$((same + 1))
  else
    say "differs between the two builds: $f"
    differ=$((differ + 1))
  fi
done < <(cd "$out/b-staged" && find . -type f ! -name '*.asc' | sed 's|^\./||' | LC_ALL=C sort)
only_a=$(cd "$out/a-staged" && find . -type f | sed 's|^\./||' | while read -r f; do [ -e "$out/b-staged/$f" ] || echo "$f"; done)
[ -z "$only_a" ] || fail "files only in build a: $only_a"
[ "$differ" -eq 0 ] || fail "$differ files differ between two builds of the same tree"
say "reproducible: $same files byte-identical in two builds from two directories"

# 4. The bundle.
central zip "$out/b-staged" "$out/central-bundle.zip" >/dev/null || fail "could not write the bundle"
say "bundle: ${out#"$root"/}/central-bundle.zip ($(find "$out/b-staged" -type f | wc -l) files)"
say "PASSED"
