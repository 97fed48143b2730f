#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali validate and the label's rules, end to end: one defect, exactly its diagnostics.

tests/data/rules/_base is a small valid repository. Every other folder there is one case: its
expect.json says how to derive it from _base (text edits, files copied, renamed or removed),
the reference date, and the diagnostics `quali validate --format json` must give — code,
file, line, column and severity, the message, the hint (aide) and the file and line of each note
when listed. Any other
error or warning fails the case. Also checked: _base and examples/depot give no diagnostic at
all, and a case with "standalone" validates that organisme folder alone, out of any repository.

Usage: test_rules.py --quali PATH_TO_BINARY --source SOURCE_DIR [CASE...]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from lib import agenda_disagreements, run_quali_tty

DEFAULT_AS_OF = "2026-06-10"


def derive(base, case, spec, work):
    """Copies _base into work/repo and applies the case's changes; returns the folder to validate."""
    repo = os.path.join(work, "repo")
    shutil.copytree(base, repo)
    for src, dst in spec.get("copy", []):
        shutil.copyfile(os.path.join(repo, src), os.path.join(repo, dst))
    for src, dst in spec.get("rename", []):
        os.replace(os.path.join(repo, src), os.path.join(repo, dst))
    for path in spec.get("remove", []):
        os.remove(os.path.join(repo, path))
    for path, text in spec.get("add", {}).items():
        os.makedirs(os.path.dirname(os.path.join(repo, path)), exist_ok=True)
        with open(os.path.join(repo, path), "w", encoding="utf-8") as f:
            f.write(text)
    for e in spec.get("edit", []):
        path = os.path.join(repo, e["file"])
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if text.count(e["replace"]) != 1:
            raise ValueError(f"{case}: {e['file']} holds {text.count(e['replace'])} times {e['replace']!r}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(e["replace"], e["with"]))
    if "standalone" in spec:
        # A lone organisation folder: moved out of the repository.
        lone = os.path.join(work, spec["standalone"])
        shutil.move(os.path.join(repo, "organismes", spec["standalone"]), lone)
        return lone
    return repo


def validate(quali, folder, as_of):
    """Runs quali validate in folder; returns (exit code, diagnostics)."""
    run = subprocess.run([quali, "validate", ".", "--as-of", as_of, "--format", "json"], cwd=folder,
                         capture_output=True, text=True, timeout=120)
    try:
        out = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise ValueError(f"exit {run.returncode}, no JSON output: {run.stdout[:300]} {run.stderr[:300]}")
    return run.returncode, out["diagnostics"]


def key(d):
    return (d["file"], d["line"], d["column"], d["code"], d["severity"])


def show(d):
    return f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]" + (
        f" {d['message']}" if "message" in d else "")


def compare(expected, got):
    """The differences between the expected and the actual diagnostics, as lines of text."""
    problems = []
    wanted = sorted(expected, key=key)
    actual = sorted(got, key=key)
    for d in wanted:
        match = [g for g in actual if key(g) == key(d)]
        if not match:
            problems.append("missing    " + show(d))
            continue
        g = match[0]
        actual.remove(g)
        if "message" in d and d["message"] != g["message"]:
            problems.append(f"message    {g['message']!r}, expected {d['message']!r} on " + show(d))
        if "hint" in d and d["hint"] != g.get("hint", ""):
            problems.append(f"hint       {g.get('hint', '')!r}, expected {d['hint']!r} on " + show(d))
        for n in d.get("notes", []):
            if not any(m["file"] == n["file"] and m["line"] == n["line"] for m in g.get("notes", [])):
                problems.append(f"missing note {n['file']}:{n['line']} on " + show(g))
    problems += ["unexpected " + show(g) for g in actual]
    return problems


def run_case(quali, base, cases_dir, name):
    with open(os.path.join(cases_dir, name, "expect.json"), encoding="utf-8") as f:
        spec = json.load(f)
    with tempfile.TemporaryDirectory(prefix=f"quali-rules-{name}-") as work:
        folder = derive(base, name, spec, work)
        code, got = validate(quali, folder, spec.get("as_of", DEFAULT_AS_OF))
        text_problems = check_text(quali, folder, spec.get("as_of", DEFAULT_AS_OF), spec["expect"])
        # The agenda's « Incomplets » agrees with validate (repository cases: they have sessions).
        if "standalone" not in spec:
            text_problems += agenda_disagreements(quali, folder, spec.get("as_of", DEFAULT_AS_OF))
    problems = compare(spec["expect"], got) + text_problems
    errors = any(d["severity"] == "error" for d in spec["expect"])
    if code != (1 if errors else 0):
        problems.append(f"exit code {code}, expected {1 if errors else 0}")
    return problems


def yaml_files(folder):
    """The YAML files quali reads in folder: hidden, proof, template and build folders left out."""
    count = 0
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("preuves", "modeles", "build")]
        count += sum(1 for f in files if f.endswith(".yaml") and not f.startswith("."))
    return count


def check_text(quali, folder, as_of, expected):
    """The text report: each diagnostic shows its source line (validate releases the bytes of
    most files while it reads, and reads a session again for its line), and the summary
    counts every YAML file, not only those kept for a diagnostic."""
    run = run_quali_tty(quali, ["--no-color", "validate", ".", "--as-of", as_of], folder)
    out = run.stdout.replace("\r\n", "\n").splitlines()
    problems = []
    for d in expected:
        if d["line"] <= 0:
            continue
        with open(os.path.join(folder, d["file"]), encoding="utf-8") as f:
            source = f.read().splitlines()[d["line"] - 1]
        if not source.strip() or len(source) >= 400:
            continue
        heading = f"{d['file']}:{d['line']}:{d['column']}:"
        at = [i for i, line in enumerate(out) if line.startswith(heading) and f"[{d['code']}]" in line]
        shown = any(i + 1 < len(out) and out[i + 1].endswith("| " + source) for i in at)
        if not shown:
            problems.append(f"text report: no source line under {heading} {d['code']}")
    want = f"({yaml_files(folder)} fichiers vérifiés)"
    if not any(line.endswith(want + ".") for line in out):
        problems.append(f"text report: no summary ending with {want!r}")
    return problems


def run_plain(quali, folder, as_of):
    """A folder that must give no diagnostic at all, validated as it is."""
    code, got = validate(quali, folder, as_of)
    problems = compare([], got)
    problems += agenda_disagreements(quali, folder, as_of)
    if code != 0:
        problems.append(f"exit code {code}, expected 0")
    return problems


# An absent paa.yaml, concertation.yaml or autodiagnostic.yaml is judged as an empty one: each
# pair of cases expects the same diagnostics (code and file; an absent file has no line).
ABSENT_AS_EMPTY = [("q375-autodiagnostic-absent", "q375-autodiagnostic-vide-comme-absent"),
                   ("q376-paa-absent", "q376-paa-vide-comme-absent"),
                   ("q377-concertation-absente", "q377-concertation-vide-comme-absente")]


def absent_as_empty(cases_dir):
    problems = []
    for absent, empty in ABSENT_AS_EMPTY:
        expected = []
        for name in (absent, empty):
            with open(os.path.join(cases_dir, name, "expect.json"), encoding="utf-8") as f:
                expected.append(sorted((d["code"], d["file"]) for d in json.load(f)["expect"]))
        if expected[0] != expected[1]:
            problems.append(f"{absent} expects {expected[0]}, {empty} {expected[1]}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quali", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("cases", nargs="*", help="only these cases (folder names)")
    args = parser.parse_args()
    quali = os.path.abspath(args.quali)
    cases_dir = os.path.join(args.source, "tests", "data", "rules")
    base = os.path.join(cases_dir, "_base")
    names = args.cases or sorted(n for n in os.listdir(cases_dir)
                                 if n != "_base" and os.path.isfile(os.path.join(cases_dir, n, "expect.json")))

    jobs = {"_base": lambda: run_plain(quali, base, DEFAULT_AS_OF)}
    if not args.cases:
        depot = os.path.join(args.source, "examples", "depot")
        jobs["examples/depot"] = lambda: run_plain(quali, depot, "2026-06-10")
    for n in names:
        jobs[n] = lambda n=n: run_case(quali, base, cases_dir, n)
    if not args.cases:
        jobs["absent-comme-vide"] = lambda: absent_as_empty(cases_dir)

    def guarded(job):
        try:
            return job()
        except Exception as e:  # a broken case is a failed case, reported with the others
            return [f"{type(e).__name__}: {e}"]

    with ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1))) as pool:
        results = dict(zip(jobs, pool.map(guarded, jobs.values())))
    passed = failed = 0
    for name, problems in results.items():
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
