"""Trunk post-build hook: gives each worker's files a content hash in their
names and tells the page the loader's name.

A page open across a deployment starts its workers from the files of its
own build, which the service worker keeps cache-first under their hashed
names, rather than from a newer build whose messages it may not read.
Trunk hashes the app's files but not a worker's, so this renames
`<name>.js`, `<name>_bg.wasm` and the loader `<name>-worker.js` with one
hash of all three, and writes the loader's name into index.html as
`<meta name="switchyard-worker-<name>">`, where the app reads it. It must
run before sw_manifest.py (see Trunk.toml)."""

import hashlib
import os
import re
import sys

stage = os.environ["TRUNK_STAGING_DIR"]
WORKERS = ["monitor", "reports"]


def read(name):
    with open(os.path.join(stage, name), "rb") as f:
        return f.read()


def write(name, data):
    with open(os.path.join(stage, name), "wb") as f:
        f.write(data)


def rename(name):
    """Renames one worker's files; returns its hashed loader's name."""
    glue, wasm, loader = f"{name}.js", f"{name}_bg.wasm", f"{name}-worker.js"
    digest = hashlib.sha256()
    for part in (glue, wasm, loader):
        digest.update(hashlib.sha256(read(part)).digest())
    tag = digest.hexdigest()[:16]
    hashed = {glue: f"{name}-{tag}.js", wasm: f"{name}-{tag}_bg.wasm"}
    text = read(loader).decode("utf-8")
    for old, new in hashed.items():
        quoted = f'"{old}"'
        if text.count(quoted) != 1:
            sys.exit(f"{loader} does not name {old} exactly once")
        text = text.replace(quoted, f'"{new}"')
    for old, new in hashed.items():
        os.replace(os.path.join(stage, old), os.path.join(stage, new))
    hashed_loader = f"{name}-worker-{tag}.js"
    write(hashed_loader, text.encode("utf-8"))
    os.remove(os.path.join(stage, loader))
    return hashed_loader


page = read("index.html").decode("utf-8")
metas = "".join(
    f'<meta name="switchyard-worker-{name}" content="{rename(name)}" />' for name in WORKERS
)
if len(re.findall(r"</head>", page)) != 1:
    sys.exit("index.html has no single </head> to write the workers' names before")
write("index.html", page.replace("</head>", metas + "</head>").encode("utf-8"))
print("hash_workers: %s" % ", ".join(WORKERS))
