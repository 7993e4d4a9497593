#!/usr/bin/env python3
"""Maven Central's publishing rules, applied to files before any upload.

  central.py stage OUT TARGET_DIR...   copy each published module's files (those the release
                                       build wrote checksums for, with their checksums and
                                       signatures) from its target/ into OUT in the Maven
                                       repository layout, as the Central Portal's bundle holds them
  central.py check DIR [--release] [--signed]
                                       check every component under DIR against the rules below;
                                       --release: no SNAPSHOT versions; --signed: every file has
                                       an .asc signature that gpg verifies
  central.py zip DIR ZIP               the upload bundle: DIR's files in a zip, sorted, fixed times

The rules (https://central.sonatype.org/publish/requirements/): a POM with coordinates, name,
description, url, a license (name and url), a developer and scm (connection, developerConnection,
url), and no parent (it is not published); for packaging other than pom a jar, -sources.jar and
-javadoc.jar; .md5 and .sha1 files, correct, for every file but signatures; .asc signatures.
This project adds: a CycloneDX SBOM (-cyclonedx.json and .xml) naming the component, the license
in the jar, a source file for every top-level class, Javadoc with an index.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
DIGESTS = {".md5": "md5", ".sha1": "sha1", ".sha256": "sha256", ".sha512": "sha512"}
REQUIRED_DIGESTS = (".md5", ".sha1")


def is_checksum(name):
    return os.path.splitext(name)[1] in DIGESTS


def pom_coordinates(pom):
    root = ET.parse(pom).getroot()
    return [root.findtext("m:" + k, namespaces=NS) for k in ("groupId", "artifactId", "version")]


def stage(out, targets):
    staged = 0
    for target in targets:
        for name in sorted(os.listdir(target)):
            if not name.endswith(".pom.md5"):
                continue
            group, artifact, version = pom_coordinates(os.path.join(target, name[: -len(".md5")]))
            dest = os.path.join(out, *group.split("."), artifact, version)
            os.makedirs(dest, exist_ok=True)
            base = artifact + "-" + version
            published = [f[: -len(".md5")] for f in os.listdir(target) if f.endswith(".md5")]
            for f in sorted(os.listdir(target)):
                if f.startswith(base) and any(f == p or f.startswith(p + ".") for p in published):
                    shutil.copy2(os.path.join(target, f), dest)
                    staged += 1
    print(f"staged {staged} files from {len(targets)} target directories into {out}")
    return 0 if staged else 1


class Checker:
    def __init__(self, release, signed):
        self.release, self.signed, self.failures, self.files = release, signed, [], 0

    def fail(self, where, what):
        self.failures.append(f"FAIL {where}: {what}")

    def component(self, directory, group, artifact, version):
        where = f"{group}:{artifact}:{version}"
        base = os.path.join(directory, f"{artifact}-{version}")
        pom = base + ".pom"
        if not os.path.isfile(pom):
            return self.fail(where, f"no {artifact}-{version}.pom")
        packaging = self.pom(where, pom, (group, artifact, version))
        if packaging != "pom":
            for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
                if not os.path.isfile(base + suffix):
                    self.fail(where, f"no {artifact}-{version}{suffix}")
            if all(os.path.isfile(base + s) for s in (".jar", "-sources.jar", "-javadoc.jar")):
                self.jars(where, base)
            self.sbom(where, base, group, artifact, version)
        for name in sorted(os.listdir(directory)):
            if is_checksum(name) or name.endswith(".asc"):
                continue
            self.files += 1
            self.digests(where, os.path.join(directory, name))
            if self.signed:
                self.signature(where, os.path.join(directory, name))
            elif os.path.exists(os.path.join(directory, name + ".asc")):
                self.fail(where, f"{name}.asc present in a build without a key")
        return None

    def pom(self, where, pom, coordinates):
        try:
            root = ET.parse(pom).getroot()
        except ET.ParseError as e:
            self.fail(where, f"POM is not well-formed XML: {e}")
            return None
        text = lambda path: (root.findtext(path, namespaces=NS) or "").strip()
        if tuple(text("m:" + k) for k in ("groupId", "artifactId", "version")) != coordinates:
            self.fail(where, "POM coordinates differ from its place in the repository layout")
        if root.find("m:parent", NS) is not None:
            self.fail(where, "POM has a parent, which is not published (flatten it)")
        for element in ("name", "description", "url"):
            if not text("m:" + element):
                self.fail(where, f"POM has no <{element}>")
        if not text("m:url").startswith("https://"):
            self.fail(where, "POM <url> is not an https URL")
        licenses = root.findall("m:licenses/m:license", NS)
        if not licenses or not all(l.findtext("m:name", namespaces=NS) and l.findtext("m:url", namespaces=NS) for l in licenses):
            self.fail(where, "POM has no license with a name and a url")
        developers = root.findall("m:developers/m:developer", NS)
        if not developers or not all(d.findtext("m:id", namespaces=NS) or d.findtext("m:name", namespaces=NS) for d in developers):
            self.fail(where, "POM has no developer with an id or a name")
        for element in ("connection", "developerConnection", "url"):
            if not text("m:scm/m:" + element):
                self.fail(where, f"POM has no <scm><{element}>")
        for element in ("connection", "developerConnection"):
            if text("m:scm/m:" + element) and not text("m:scm/m:" + element).startswith("scm:"):
                self.fail(where, f"POM <scm><{element}> does not start with scm:")
        versions = [coordinates[2]] + [
            d.findtext("m:version", default="", namespaces=NS)
            for d in root.iter("{%s}dependency" % NS["m"])
        ]
        if self.release and any(v.endswith("-SNAPSHOT") for v in versions):
            self.fail(where, "a SNAPSHOT version in a release (set the release version first)")
        for dep in root.findall("m:dependencies/m:dependency", NS):
            name = dep.findtext("m:artifactId", namespaces=NS)
            if not dep.findtext("m:version", namespaces=NS):
                self.fail(where, f"dependency {name} has no version")
            if dep.findtext("m:scope", namespaces=NS) == "system":
                self.fail(where, f"dependency {name} has system scope")
        return text("m:packaging") or "jar"

    def jars(self, where, base):
        try:
            with zipfile.ZipFile(base + ".jar") as jar, zipfile.ZipFile(base + "-sources.jar") as src, zipfile.ZipFile(base + "-javadoc.jar") as doc:
                classes = {n[: -len(".class")] for n in jar.namelist() if n.endswith(".class") and "$" not in n and not n.startswith("META-INF/")}
                sources = {n[: -len(".java")] for n in src.namelist() if n.endswith(".java")}
                if not classes:
                    self.fail(where, "the jar holds no classes")
                missing = sorted(classes - sources)
                if missing:
                    self.fail(where, f"no source for {len(missing)} classes, e.g. {missing[0]}")
                if "META-INF/LICENSE" not in jar.namelist():
                    self.fail(where, "the jar has no META-INF/LICENSE")
                if "index.html" not in doc.namelist():
                    self.fail(where, "the Javadoc jar has no index.html")
        except zipfile.BadZipFile as e:
            self.fail(where, f"not a valid jar: {e}")

    def sbom(self, where, base, group, artifact, version):
        for suffix in ("-cyclonedx.json", "-cyclonedx.xml"):
            if not os.path.isfile(base + suffix):
                self.fail(where, f"no SBOM {artifact}-{version}{suffix}")
        if not os.path.isfile(base + "-cyclonedx.json"):
            return
        try:
            with open(base + "-cyclonedx.json", encoding="utf-8") as f:
                bom = json.load(f)
        except ValueError as e:
            return self.fail(where, f"SBOM is not JSON: {e}")
        purl = bom.get("metadata", {}).get("component", {}).get("purl", "")
        if bom.get("bomFormat") != "CycloneDX" or not purl.startswith(f"pkg:maven/{group}/{artifact}@{version}"):
            self.fail(where, f"SBOM does not describe {group}:{artifact}:{version} (purl {purl!r})")
        return None

    def digests(self, where, path):
        data = open(path, "rb").read()
        name = os.path.basename(path)
        for ext, algorithm in DIGESTS.items():
            if not os.path.exists(path + ext):
                if ext in REQUIRED_DIGESTS:
                    self.fail(where, f"no {name}{ext}")
                continue
            words = open(path + ext, encoding="ascii", errors="replace").read().split()
            if not words or words[0].lower() != hashlib.new(algorithm, data).hexdigest():
                self.fail(where, f"{name}{ext} does not match the file")

    def signature(self, where, path):
        name = os.path.basename(path)
        if not os.path.exists(path + ".asc"):
            return self.fail(where, f"no signature {name}.asc")
        result = subprocess.run(["gpg", "--batch", "--verify", path + ".asc", path], capture_output=True, text=True)
        if result.returncode != 0:
            self.fail(where, f"{name}.asc does not verify: {result.stderr.strip().splitlines()[-1:]}")
        return None


def check(root, release, signed):
    checker = Checker(release, signed)
    components = 0
    for directory, _, files in sorted(os.walk(root)):
        poms = [f for f in files if f.endswith(".pom")]
        if not poms:
            continue
        rel = os.path.relpath(directory, root).split(os.sep)
        if len(rel) < 3:
            checker.fail(directory, "not in the groupId/artifactId/version layout")
            continue
        components += 1
        checker.component(directory, ".".join(rel[:-2]), rel[-2], rel[-1])
    if components == 0:
        checker.fail(root, "no component (no .pom) found")
    for line in checker.failures:
        print(line)
    mode = ("release" if release else "snapshot allowed") + (", signed" if signed else ", unsigned")
    print(f"central rules: {components} components, {checker.files} files, {len(checker.failures)} failures ({mode})")
    return 1 if checker.failures else 0


def make_zip(root, out):
    names = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            info = zipfile.ZipInfo(name.replace(os.sep, "/"), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(root, name), "rb") as f:
                z.writestr(info, f.read())
    print(f"bundle {out}: {len(names)} files")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "stage":
        return stage(argv[2], argv[3:])
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2], "--release" in argv[3:], "--signed" in argv[3:])
    if len(argv) == 4 and argv[1] == "zip":
        return make_zip(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
