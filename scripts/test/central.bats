#!/usr/bin/env bats
# scripts/lib/central.py: Maven Central's rules on a staged bundle, and the staging itself.

central() { python3 "$BATS_TEST_DIRNAME/../lib/central.py" "$@"; }

# pom FILE [PACKAGING] [EXTRA-XML]: a POM for dev.example:demo:1.0 with all of Central's metadata
pom() {
  cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.example</groupId>
  <artifactId>demo</artifactId>
  <version>${VERSION:-1.0}</version>
  <packaging>${2:-jar}</packaging>
  <name>demo</name>
  <description>A demo.</description>
  <url>https://example.dev/demo</url>
  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
  <developers><developer><id>dev</id></developer></developers>
  <scm>
    <connection>scm:git:https://example.dev/demo.git</connection>
    <developerConnection>scm:git:ssh://git@example.dev/demo.git</developerConnection>
    <url>https://example.dev/demo</url>
  </scm>
  ${3:-}
</project>
XML
}

# zipfile FILE ENTRY...: a zip holding the named (empty) entries
zipfile() {
  python3 - "$@" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name in sys.argv[2:]:
        z.writestr(name, "")
PY
}

digests() { # digests FILE...: .md5 and .sha1 beside each file
  local f
  for f in "$@"; do
    md5sum "$f" | cut -d' ' -f1 >"$f.md5"
    sha1sum "$f" | cut -d' ' -f1 >"$f.sha1"
  done
}

setup() {
  bundle=$BATS_TEST_TMPDIR/bundle
  dir=$bundle/dev/example/demo/${VERSION:-1.0}
  mkdir -p "$dir"
  base=$dir/demo-${VERSION:-1.0}
  pom "$base.pom"
  zipfile "$base.jar" META-INF/LICENSE module-info.class dev/example/Demo.class "dev/example/Demo\$1.class"
  zipfile "$base-sources.jar" module-info.java dev/example/Demo.java
  zipfile "$base-javadoc.jar" index.html
  printf '{"bomFormat":"CycloneDX","metadata":{"component":{"purl":"pkg:maven/dev.example/demo@%s?type=jar"}}}\n' \
    "${VERSION:-1.0}" >"$base-cyclonedx.json"
  echo '<bom/>' >"$base-cyclonedx.xml"
  digests "$base.pom" "$base.jar" "$base-sources.jar" "$base-javadoc.jar" "$base-cyclonedx.json" "$base-cyclonedx.xml"
}

@test "a complete component passes" {
  run central check "$bundle"
  [ "$status" -eq 0 ]
  [[ "$output" == *"1 components, 6 files, 0 failures"* ]]
}

@test "each missing piece of POM metadata is named" {
  for element in name description url; do
    sed -i "s|<$element>[^<]*</$element>||" "$base.pom"
  done
  sed -i -e 's|<licenses>.*</licenses>||' -e 's|<developers>.*</developers>||' "$base.pom"
  digests "$base.pom"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"POM has no <name>"* ]]
  [[ "$output" == *"POM has no <description>"* ]]
  [[ "$output" == *"POM has no <url>"* ]]
  [[ "$output" == *"no license with a name and a url"* ]]
  [[ "$output" == *"no developer"* ]]
}

@test "scm without a developerConnection, or not in scm: form, fails" {
  sed -i -e '/developerConnection/d' -e 's|<connection>scm:git:|<connection>|' "$base.pom"
  digests "$base.pom"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"no <scm><developerConnection>"* ]]
  [[ "$output" == *"<scm><connection> does not start with scm:"* ]]
}

@test "a POM with an unpublished parent fails" {
  pom "$base.pom" jar '<parent><groupId>dev.example</groupId><artifactId>parent</artifactId><version>1.0</version></parent>'
  digests "$base.pom"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"POM has a parent"* ]]
}

@test "a jar without sources or Javadoc fails; a pom-packaged component needs neither" {
  rm "$base-sources.jar"* "$base-javadoc.jar"*
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"no demo-1.0-sources.jar"* ]]
  [[ "$output" == *"no demo-1.0-javadoc.jar"* ]]
  rm "$base.jar"* "$base-cyclonedx."*
  pom "$base.pom" pom
  digests "$base.pom"
  run central check "$bundle"
  [ "$status" -eq 0 ]
}

@test "a class without its source file fails" {
  zipfile "$base-sources.jar" module-info.java
  digests "$base-sources.jar"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"no source for 1 classes, e.g. dev/example/Demo"* ]]
}

@test "a missing or wrong checksum fails; .sha256 is optional but checked when present" {
  rm "$base.jar.sha1"
  echo 0123 >"$base-javadoc.jar.md5"
  echo 0123 >"$base.pom.sha256"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"no demo-1.0.jar.sha1"* ]]
  [[ "$output" == *"demo-1.0-javadoc.jar.md5 does not match"* ]]
  [[ "$output" == *"demo-1.0.pom.sha256 does not match"* ]]
}

@test "an SBOM for another component fails" {
  echo '{"bomFormat":"CycloneDX","metadata":{"component":{"purl":"pkg:maven/dev.example/other@1.0"}}}' >"$base-cyclonedx.json"
  digests "$base-cyclonedx.json"
  run central check "$bundle"
  [ "$status" -eq 1 ]
  [[ "$output" == *"SBOM does not describe dev.example:demo:1.0"* ]]
}

@test "SNAPSHOT versions pass a check but not a release check" {
  rm -rf "$bundle"
  VERSION=1.0-SNAPSHOT setup
  run central check "$bundle"
  [ "$status" -eq 0 ]
  run central check "$bundle" --release
  [ "$status" -eq 1 ]
  [[ "$output" == *"a SNAPSHOT version in a release"* ]]
}

@test "signed: every file needs a signature gpg verifies; unsigned: none may be there" {
  export GNUPGHOME=$BATS_TEST_TMPDIR/gnupg
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key "test <t@example.invalid>" ed25519 sign 1d 2>/dev/null
  run central check "$bundle" --signed
  [ "$status" -eq 1 ]
  [[ "$output" == *"no signature demo-1.0.jar.asc"* ]]
  for f in "$dir"/*; do
    case $f in *.md5 | *.sha1) ;; *) gpg --batch --quiet --armor --detach-sign "$f" 2>/dev/null ;; esac
  done
  run central check "$bundle" --signed
  [ "$status" -eq 0 ]
  echo tampered >>"$base.jar"
  run central check "$bundle" --signed
  [ "$status" -eq 1 ]
  [[ "$output" == *"demo-1.0.jar.asc does not verify"* ]]
  run central check "$bundle"
  [[ "$output" == *"demo-1.0.pom.asc present in a build without a key"* ]]
  gpgconf --kill all 2>/dev/null || true
}

@test "stage: only files with checksums, with their checksums and signatures, in the layout" {
  target=$BATS_TEST_TMPDIR/target
  mkdir -p "$target"
  cp "$dir"/* "$target/"
  touch "$target/demo-1.0-tests.jar" "$target/demo-1.0-tests.jar.asc" "$target/demo-1.0.jar.asc"
  run central stage "$BATS_TEST_TMPDIR/out" "$target"
  [ "$status" -eq 0 ]
  staged=$BATS_TEST_TMPDIR/out/dev/example/demo/1.0
  [ -f "$staged/demo-1.0.jar.asc" ]
  [ -f "$staged/demo-1.0.pom.sha1" ]
  [ ! -e "$staged/demo-1.0-tests.jar" ]
  [ ! -e "$staged/demo-1.0-tests.jar.asc" ]
  [ "$(find "$staged" -type f | wc -l)" -eq 19 ] # 6 files, 2 checksums each, 1 signature
}

@test "zip: the bundle holds the layout, sorted" {
  run central zip "$bundle" "$BATS_TEST_TMPDIR/b.zip"
  [ "$status" -eq 0 ]
  run python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$BATS_TEST_TMPDIR/b.zip"
  [ "${lines[0]}" = "dev/example/demo/1.0/demo-1.0-cyclonedx.json" ]
  [ "${#lines[@]}" -eq 18 ]
}
