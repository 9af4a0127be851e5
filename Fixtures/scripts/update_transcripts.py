#!/usr/bin/env python3
"""Re-run the `$ ivreg …` transcripts in the documentation and rewrite their output.

Every ```console block in README.md and Documentation/**/*.md holds `$ ivreg …` lines,
each followed by what it prints (standard output, then standard error).
`Tests/IVRegCLITests/DocumentationExamplesTests.swift` runs them and fails when the
printed text differs; after a deliberate change of output, run

    swift build && python3 Fixtures/scripts/update_transcripts.py

from the package root and review the diff. `--plot x.svg` files go to a scratch
directory. Needs only Python 3's standard library.
"""
import glob, os, shlex, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.join(root, ".build", "debug", "ivreg")


def run(command):
    scratch = tempfile.mkdtemp()
    words = shlex.split(command)[1:]
    args = [os.path.join(scratch, w) if w.endswith(".svg") else w for w in words]
    done = subprocess.run([binary] + args, cwd=root, capture_output=True, text=True)
    return (done.stdout + done.stderr).replace(scratch + "/", "").rstrip("\n")


def update(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i, changed = [], 0, False
    while i < len(lines):
        out.append(lines[i])
        if lines[i] != "```console":
            i += 1
            continue
        i += 1
        block = []
        while i < len(lines) and lines[i] != "```":
            block.append(lines[i])
            i += 1
        rewritten = []
        for line in block:
            if line.startswith("$ ivreg"):
                rewritten += [line] + run(line[2:]).split("\n")
        if rewritten != block:
            changed = True
        out += rewritten
    if changed:
        open(path, "w", encoding="utf-8").write("\n".join(out))
        print("updated", os.path.relpath(path, root))


if __name__ == "__main__":
    if not os.path.exists(binary):
        sys.exit("build first: swift build")
    files = [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "Documentation", "**", "*.md"), recursive=True))
    for f in files:
        update(f)
