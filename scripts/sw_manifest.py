"""Trunk post-build hook: writes the build's file list into the staged
sw.js, so the service worker caches exactly the files of this build.

The version is a hash of every file's name and contents, so any change to
any file (hashed by Trunk or not) makes a new sw.js, which browsers then
install as a new version. Files whose names carry Trunk's content hash are
listed again as `hashed`: the worker serves those cache-first. It must run
after the hooks that rewrite staged files (see Trunk.toml)."""

import hashlib
import json
import os
import re
import sys

stage = os.environ["TRUNK_STAGING_DIR"]
worker = os.path.join(stage, "sw.js")
# Trunk's content hash: a dash and 16 hex digits before the extension(s).
HASHED = re.compile(r"-[0-9a-f]{16}(_bg)?\.[A-Za-z0-9.]+$")

files = []
for folder, _, names in os.walk(stage):
    for name in names:
        path = os.path.relpath(os.path.join(folder, name), stage).replace(os.sep, "/")
        if path != "sw.js":
            files.append(path)
files.sort()

digest = hashlib.sha256()
for path in files:
    with open(os.path.join(stage, path), "rb") as f:
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(f.read()).digest())

build = {
    "version": digest.hexdigest()[:16],
    "files": files,
    "hashed": [path for path in files if HASHED.search(path)],
}

with open(worker, encoding="utf-8") as f:
    script = f.read()
line = re.compile(r"const BUILD\s*=\s*\{[^{}]*\}\s*;")
if len(line.findall(script)) != 1:
    sys.exit("sw.js has no single `const BUILD = …;` line to fill in")
script = line.sub(lambda _: "const BUILD = %s;" % json.dumps(build, separators=(",", ":")), script)
with open(worker, "w", encoding="utf-8") as f:
    f.write(script)
print("sw_manifest: %d files, %d hashed, version %s" % (len(files), len(build["hashed"]), build["version"]))
