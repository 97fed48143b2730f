#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""ctest bench.smoke: the benchmark's generator still writes a valid repository.

Generates N = 5 organismes with bench/gen.py in a temporary folder and checks that
`quali validate --as-of <reference date>` gives no diagnostic at all and exit code 0, that the
same seed gives the same bytes, and that quali status reads it.
Usage: smoke.py --quali PATH_TO_BINARY --source SOURCE_DIR
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile


def digest(root):
    h = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quali", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    gen = os.path.join(args.source, "bench", "gen.py")
    problems = []
    with tempfile.TemporaryDirectory(prefix="quali-bench-smoke-") as work:
        a, b = os.path.join(work, "a"), os.path.join(work, "b")
        for out in (a, b):
            subprocess.run([sys.executable, gen, "5", out], check=True, stdout=subprocess.DEVNULL)
        if digest(a) != digest(b):
            problems.append("gen.py is not deterministic: two runs differ")
        sys.path.insert(0, os.path.dirname(gen))
        import gen as generator  # noqa: E402  (for its reference date)
        run = subprocess.run([args.quali, "validate", a, "--as-of", generator.REFERENCE_DATE, "--format", "json"],
                             capture_output=True, text=True, timeout=120)
        diags = json.loads(run.stdout)["diagnostics"] if run.stdout.strip() else ["no output: " + run.stderr]
        if run.returncode != 0 or diags:
            problems.append(f"validate: exit {run.returncode}, {len(diags)} diagnostics: {diags[:5]}")
        status = subprocess.run([args.quali, "status", "-C", a, "--as-of", generator.REFERENCE_DATE],
                                capture_output=True, text=True, timeout=120)
        if status.returncode != 0 or status.stdout.count("\n") < 6:
            problems.append(f"status: exit {status.returncode}: {status.stdout[:300]} {status.stderr[:300]}")
    for p in problems:
        print("FAIL", p)
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
