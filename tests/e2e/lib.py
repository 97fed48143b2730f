# SPDX-License-Identifier: EUPL-1.2
"""Shared helpers of quali's end-to-end suites (standard library only).

- run_quali(): runs the binary with a timeout, a memory limit and a time budget, and fails the
  test when it is killed, crashes or is too slow;
- derive(): copies a base repository into a temporary folder and applies a patch (files written,
  edited, removed…) described as JSON, so that each test case folder stays tiny;
- compare_diagnostics(): the exact set of diagnostics expected (code, file, line, column,
  severity, and optionally notes, message and hint fragments) against quali's JSON output;
- Golden: compares an output with tests/golden/<suite>/<name>; a mismatch writes
  <name>.received and fails (a person approves by renaming it);
- Suite: named test functions, `ok NAME` / `FAIL NAME: reason` / `SKIP NAME: reason` per test,
  and the final line `N passed, M failed` (exit status 1 when M > 0, else 77 when a test was
  skipped for a missing optional tool — ctest's skip code — else 0); require() skips a test.
"""
import argparse
import atexit
import json
import os
import resource
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import traceback

MAX_SECONDS = 2.0           # each run of quali must finish within this
TIMEOUT_SECONDS = 10        # after this it is killed (and the test fails)
MEMORY_LIMIT = 1 << 30      # address-space limit of each run (1 GiB)

# Under AddressSanitizer (scripts/sanitize.sh) the binary is several times slower and reserves
# terabytes of address space: stretch the time limits and leave memory to ASan's own checks.
SANITIZED = bool(os.environ.get("QUALI_SANITIZED"))
if SANITIZED:
    MAX_SECONDS *= 10
    TIMEOUT_SECONDS *= 10


# quali's result cache (outside a git repository: $XDG_CACHE_HOME/quali/): one folder for each
# suite's process, removed at its end, so that the runs of a suite share their cache as a
# person's do, and the machine's own cache is left alone.
CACHE_HOME = tempfile.mkdtemp(prefix="quali-e2e-cache-")
atexit.register(shutil.rmtree, CACHE_HOME, ignore_errors=True)


class Failure(Exception):
    """A failed check: its text is the reason printed after FAIL."""


def check(condition, reason):
    if not condition:
        raise Failure(reason)


def _limit_memory():
    if SANITIZED:
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class Run:
    """One finished run of quali."""

    def __init__(self, args, cwd, code, stdout, stderr, seconds):
        self.args, self.cwd, self.code = args, cwd, code
        self.stdout, self.stderr, self.seconds = stdout, stderr, seconds

    def describe(self):
        return f"`quali {' '.join(self.args)}` in {self.cwd}"

    def json(self):
        """The single JSON object of --format json; fails the test if stdout is anything else."""
        try:
            value = json.loads(self.stdout)
        except json.JSONDecodeError as e:
            raise Failure(f"{self.describe()}: stdout is not one JSON document ({e}): "
                          f"{self.stdout[:300]!r} stderr {self.stderr[:300]!r}")
        check(isinstance(value, dict), f"{self.describe()}: JSON output is not an object")
        return value


# Every code quali printed during this process, for the "documented codes" check.
codes_seen = set()


def run_quali(quali, args, cwd, env=None, max_seconds=MAX_SECONDS):
    """Runs quali ARGS in cwd (stdin empty, stdout and stderr captured as text).

    Fails the test when quali is killed (time-out, signal, memory limit), exits with a code
    other than 0, 1 or 2, or takes longer than max_seconds."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):  # French unless a test asks otherwise
        full_env.pop(name, None)
    full_env["XDG_CACHE_HOME"] = CACHE_HOME
    if env:
        full_env.update(env)
    start = time.monotonic()
    try:
        proc = subprocess.run([quali] + list(args), cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=TIMEOUT_SECONDS, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        raise Failure(f"`quali {' '.join(args)}` killed after {TIMEOUT_SECONDS} s (hang?)")
    seconds = time.monotonic() - start
    run = Run(list(args), cwd, proc.returncode, proc.stdout.decode("utf-8", "replace"),
              proc.stderr.decode("utf-8", "replace"), seconds)
    check(proc.returncode >= 0, f"{run.describe()}: killed by signal {-proc.returncode} "
                                f"(crash or memory limit); stderr {run.stderr[-300:]!r}")
    check(proc.returncode in (0, 1, 2), f"{run.describe()}: exit code {proc.returncode} "
                                        f"(internal error?); stderr {run.stderr[-300:]!r}")
    check(seconds <= max_seconds, f"{run.describe()}: took {seconds:.2f} s (limit {max_seconds} s)")
    if "--format" in args and "json" in args and proc.returncode in (0, 1):
        try:
            for d in json.loads(run.stdout).get("diagnostics", []):
                codes_seen.add(d.get("code"))
        except (json.JSONDecodeError, AttributeError):
            pass
    return run


def run_quali_tty(quali, args, cwd, env=None, max_seconds=MAX_SECONDS):
    """Runs quali with its stdout on a pseudo-terminal (as in an interactive shell); returns a
    Run whose stdout is what the terminal received (line ends as \\r\\n)."""
    import pty
    import select
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        full_env.pop(name, None)
    full_env["TERM"] = "xterm-256color"
    full_env["XDG_CACHE_HOME"] = CACHE_HOME
    if env:
        full_env.update(env)
    master, slave = pty.openpty()
    start = time.monotonic()
    proc = subprocess.Popen([quali] + list(args), cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=subprocess.PIPE, preexec_fn=_limit_memory)
    os.close(slave)
    out = b""
    try:
        while True:
            if time.monotonic() - start > TIMEOUT_SECONDS:
                proc.kill()
                raise Failure(f"`quali {' '.join(args)}` on a terminal killed after {TIMEOUT_SECONDS} s")
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal is closed once the process has exited
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                # Exited: what it wrote after the last select may still wait in the terminal.
                if not select.select([master], [], [], 0)[0]:
                    break
        proc.wait(timeout=TIMEOUT_SECONDS)
    finally:
        os.close(master)
    seconds = time.monotonic() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    run = Run(list(args), cwd, proc.returncode, out.decode("utf-8", "replace"), stderr, seconds)
    check(proc.returncode in (0, 1, 2), f"{run.describe()} on a terminal: exit code {proc.returncode}")
    check(seconds <= max_seconds, f"{run.describe()} on a terminal: took {seconds:.2f} s")
    return run


# ---------------------------------------------------------------------------------------------
# Repositories derived from a base


def copy_tree(src, dst):
    """Copies a folder (symbolic links kept as links)."""
    shutil.copytree(src, dst, symlinks=True)


def _inside(repo, rel):
    path = os.path.normpath(os.path.join(repo, rel))
    if os.path.commonpath([path, repo]) != repo:
        raise ValueError(f"patch path {rel!r} leaves the repository")
    return path


def apply_patch(repo, spec):
    """Applies a patch to a copied repository, in this order:

    remove: [path…]                      files or folders deleted
    rename: [[from, to]…]
    copy: [[from, to]…]
    mkdir: [path…]
    write: {path: text}                  written as UTF-8 (use \\ufeff for a BOM, \\r\\n for CRLF)
    write_bytes: {path: text}            written as Latin-1: each character is one byte (\\u00e9 is
                                         the byte 0xE9, \\u0000 a NUL byte)
    edit: [{file, replace, with}…]       replace must occur exactly once in file
    """
    repo = os.path.realpath(repo)
    for rel in spec.get("remove", []):
        path = _inside(repo, rel)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    for src, dst in spec.get("rename", []):
        os.makedirs(os.path.dirname(_inside(repo, dst)), exist_ok=True)
        os.replace(_inside(repo, src), _inside(repo, dst))
    for src, dst in spec.get("copy", []):
        os.makedirs(os.path.dirname(_inside(repo, dst)), exist_ok=True)
        shutil.copyfile(_inside(repo, src), _inside(repo, dst))
    for rel in spec.get("mkdir", []):
        os.makedirs(_inside(repo, rel), exist_ok=True)
    for key, encoding in (("write", "utf-8"), ("write_bytes", "latin-1")):
        for rel, text in spec.get(key, {}).items():
            path = _inside(repo, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(text.encode(encoding))
    for e in spec.get("edit", []):
        path = _inside(repo, e["file"])
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        n = text.count(e["replace"])
        if n != 1:
            raise ValueError(f"{e['file']} holds {n} times {e['replace']!r} (exactly 1 expected)")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text.replace(e["replace"], e["with"]))


def chromium_dom(chromium, path):
    """The DOM headless Chromium built for the file (--dump-dom), and what it logged (stderr).
    Raises Failure when Chromium fails or does not finish."""
    profile = tempfile.mkdtemp(prefix="quali-chromium-")
    try:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--enable-logging=stderr", "--user-data-dir=" + profile, "--dump-dom",
             "file://" + os.path.abspath(path)],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=120,
            # Lowest priority: the other suites, run in parallel by ctest, time quali's runs.
            preexec_fn=lambda: os.nice(19))
    except subprocess.TimeoutExpired:
        raise Failure(f"chromium did not finish on {path}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = proc.stdout.decode("utf-8", "replace")
    check(proc.returncode == 0 and "<html" in out, f"chromium exit {proc.returncode}: {proc.stderr[-400:]!r}")
    return out, proc.stderr.decode("utf-8", "replace")


def chromium_screenshot(chromium, path, png):
    """Has headless Chromium draw the file into png (1024 x 1400 pixels); Failure when it cannot."""
    profile = tempfile.mkdtemp(prefix="quali-chromium-")
    try:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--hide-scrollbars", "--window-size=1024,1400",
             "--user-data-dir=" + profile, "--screenshot=" + png, "file://" + os.path.abspath(path)],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=120, preexec_fn=lambda: os.nice(19))
    except subprocess.TimeoutExpired:
        raise Failure(f"chromium did not finish drawing {path}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    check(proc.returncode == 0 and os.path.exists(png), f"chromium exit {proc.returncode}: {proc.stderr[-400:]!r}")


def png_is_blank(png):
    """True when a PNG of Chromium's looks like a blank page: its decompressed image data (each
    row filtered by PNG's predictors) holds a handful of byte values at most, where text, lines
    and antialiasing give dozens. Standard library only."""
    import struct
    import zlib
    with open(png, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG")
    pos, idat = 8, b""
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) <= 16


class TempRepo:
    """`with TempRepo(base, patch) as repo:` a temporary copy of base (or an empty folder when
    base is None) with the patch applied; repo is its real (symlink-free) absolute path. The
    whole temporary folder (repo's parent, also usable for files outside it) is deleted after."""

    def __init__(self, base=None, patch=None, name="repo"):
        self.base, self.patch, self.name = base, patch or {}, name

    def __enter__(self):
        self.work = os.path.realpath(tempfile.mkdtemp(prefix="quali-e2e-"))
        repo = os.path.join(self.work, self.name)
        if self.base is None:
            os.makedirs(repo)
        else:
            copy_tree(self.base, repo)
        apply_patch(repo, self.patch)
        return repo

    def __exit__(self, *exc):
        # Undo what hostile tests may have done (unreadable modes) before deleting.
        for dirpath, dirnames, filenames in os.walk(self.work):
            for n in dirnames:
                p = os.path.join(dirpath, n)
                if not os.path.islink(p):
                    os.chmod(p, 0o755)
        shutil.rmtree(self.work, ignore_errors=True)
        return False


def snapshot(folder):
    """Every entry under folder: {relative path: (kind, size, mtime_ns, mode)}."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            kind = "link" if stat.S_ISLNK(st.st_mode) else "dir" if stat.S_ISDIR(st.st_mode) else "file"
            out[os.path.relpath(p, folder)] = (kind, st.st_size if kind == "file" else 0,
                                               st.st_mtime_ns if kind != "dir" else 0, st.st_mode)
    return out


def snapshot_changes(before, after):
    changes = []
    for p in sorted(set(before) | set(after)):
        if p not in before:
            changes.append(f"created {p}")
        elif p not in after:
            changes.append(f"deleted {p}")
        elif before[p] != after[p]:
            changes.append(f"modified {p}")
    return changes


# ---------------------------------------------------------------------------------------------
# Diagnostics


def diag_key(d):
    return (d["file"], d["line"], d["column"], d["code"], d["severity"])


def show(d):
    return f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}] {d.get('message', '')}".rstrip()


def compare_diagnostics(expected, got):
    """Differences between the expected diagnostics and quali's, as lines of text.

    Each expected item has code, file, line, column and severity (all compared exactly), and
    optionally: notes [{file, line, column}] (each must be among the diagnostic's notes),
    message (exact), message_contains / hint_contains (fragments that must appear),
    message_excludes (fragments that must not). Any diagnostic of quali not
    expected is reported too."""
    problems = []
    actual = sorted(got, key=diag_key)
    for d in sorted(expected, key=diag_key):
        match = [g for g in actual if diag_key(g) == diag_key(d)]
        if not match:
            near = [g for g in actual if g["code"] == d["code"]]
            problems.append("missing    " + show(d) + (f" (got {'; '.join(show(g) for g in near)})" if near else ""))
            continue
        g = match[0]
        actual.remove(g)
        if "message" in d and d["message"] != g["message"]:
            problems.append(f"message {g['message']!r}, expected {d['message']!r} on " + show(d))
        for frag in d.get("message_contains", []):
            if frag not in g["message"]:
                problems.append(f"message {g['message']!r} lacks {frag!r} on " + show(d))
        for frag in d.get("message_excludes", []):
            if frag in g["message"]:
                problems.append(f"message {g['message']!r} holds {frag!r} on " + show(d))
        for frag in d.get("hint_contains", []):
            if frag not in g.get("hint", ""):
                problems.append(f"hint {g.get('hint', '')!r} lacks {frag!r} on " + show(d))
        for n in d.get("notes", []):
            if not any(m["file"] == n["file"] and m["line"] == n["line"] and
                       ("column" not in n or m["column"] == n["column"]) for m in g.get("notes", [])):
                problems.append(f"missing note {n['file']}:{n['line']}:{n.get('column', '?')} on {show(g)} "
                                f"(notes: {[(m['file'], m['line'], m['column']) for m in g.get('notes', [])]})")
    problems += ["unexpected " + show(g) for g in actual]
    return problems


def expected_exit(expected, strict=False):
    if any(d["severity"] == "error" for d in expected):
        return 1
    if strict and expected:
        return 1
    return 0


def validate_json(quali, folder, args=(), cwd=None):
    """Runs `quali validate . --format json ARGS` in folder; returns (run, diagnostics)."""
    run = run_quali(quali, ["validate", "."] + list(args) + ["--format", "json"], cwd or folder)
    check(run.code in (0, 1), f"{run.describe()}: exit {run.code}, stderr {run.stderr.strip()!r}")
    out = run.json()
    return run, out.get("diagnostics", [])


def assert_diagnostics(quali, folder, expected, args=(), strict_too=False):
    """quali validate gives exactly the expected diagnostics, and the matching exit code (and,
    with strict_too, exit 1 with --strict when there is any diagnostic)."""
    run, got = validate_json(quali, folder, args)
    problems = compare_diagnostics(expected, got)
    if run.code != expected_exit(expected):
        problems.append(f"exit code {run.code}, expected {expected_exit(expected)}")
    if strict_too:
        strict = run_quali(quali, ["validate", ".", "--strict"] + list(args), folder)
        if strict.code != expected_exit(expected, strict=True):
            problems.append(f"exit code with --strict {strict.code}, expected {expected_exit(expected, True)}")
    if problems:
        raise Failure("\n    " + "\n    ".join(problems))
    return got


def agenda_disagreements(quali, folder, as_of):
    """Where the agenda's « Incomplets » and quali validate disagree, as lines of text (empty when
    they agree). For each session of comite/seances/ with a filed candidature, a dossier is
    incomplete exactly when validate gives an error in its organisme's folder other than the
    filing window's (Q360, Q361) — a missing required piece (Q374–Q377) is one — and each such
    piece error on its candidature is among the dossier's pieces_manquantes, with its code.
    Sessions the agenda refuses (an unreadable session file) are left out. The one assertion
    the agenda and the rules suites share."""
    def run(args):
        return subprocess.run([quali] + args, cwd=folder, capture_output=True, text=True, timeout=120)

    v = run(["validate", ".", "--as-of", as_of, "--format", "json"])
    diagnostics = json.loads(v.stdout)["diagnostics"]
    errors_of = {}
    for d in diagnostics:
        parts = d["file"].split("/")
        if d["severity"] == "error" and len(parts) > 2 and parts[0] == "organismes" and d["code"] not in ("Q360", "Q361"):
            errors_of.setdefault(parts[1], []).append(d)
    seances = os.path.join(folder, "comite", "seances")
    problems = []
    for name in sorted(os.listdir(seances)) if os.path.isdir(seances) else []:
        seance = name[:-5]
        if not name.endswith(".yaml") or not any(
                os.path.isfile(os.path.join(folder, "organismes", o, "candidatures", name))
                for o in os.listdir(os.path.join(folder, "organismes"))):
            continue
        a = run(["agenda", seance, "--as-of", as_of, "--format", "json"])
        if a.returncode != 0:
            continue
        agenda = json.loads(a.stdout)
        filed = {d["organisme"]: d for g in agenda["groupes"] for d in g["dossiers"]}
        incomplete = {x["organisme"] for x in agenda["sections"]["incomplet"]}
        for slug, dossier in sorted(filed.items()):
            errors = errors_of.get(slug, [])
            if (slug in incomplete) != bool(errors):
                problems.append(f"{seance}: {slug} is {'' if slug in incomplete else 'not '}incomplete in the agenda "
                                f"but validate gives {len(errors)} dossier error(s): {[e['code'] for e in errors]} "
                                f"(pieces: {[p['message'] for p in dossier['pieces_manquantes']]})")
            if dossier["incomplet"] != (slug in incomplete):
                problems.append(f"{seance}: {slug}: incomplet {dossier['incomplet']} outside the section's word")
            codes = {p["code"] for p in dossier["pieces_manquantes"] if not p["deja_signale"]}
            for e in errors:
                if e["code"] in ("Q374", "Q375", "Q376", "Q377") and \
                        e["file"] == f"organismes/{slug}/candidatures/{seance}.yaml" and e["code"] not in codes:
                    problems.append(f"{seance}: {slug}: validate's {e['code']} is not among the agenda's pieces")
            for c in codes:
                if not any(e["code"] == c and e["file"].endswith(f"/candidatures/{seance}.yaml") for e in errors):
                    problems.append(f"{seance}: {slug}: the agenda's piece {c} is not reported by validate")
    return problems


# ---------------------------------------------------------------------------------------------
# Golden files


class Golden:
    """Approved outputs under tests/golden/<suite>/, as Catch2's approvals: check() compares; on
    a mismatch (or a missing file) it writes the output beside the approved one as
    NAME.received and fails. A person approves by renaming NAME.received to NAME after reading
    the diff; nothing approves by itself, so a run that wrote a .received file never passes."""

    def __init__(self, source, suite):
        self.dir = os.path.join(source, "tests", "golden", suite)

    def check(self, name, text):
        path = os.path.join(self.dir, name)
        received = path + ".received"
        want = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                want = f.read()
        if want == text:
            if os.path.exists(received):
                os.remove(received)  # a former mismatch, now resolved
            return
        os.makedirs(self.dir, exist_ok=True)
        with open(received, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        if want is None:
            raise Failure(f"no approved output {path}: the output is in {received}; read it, then approve with "
                          f"mv {received} {path}")
        import difflib
        diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                            f"golden/{name}", "received", n=1))
        raise Failure(f"output differs from {path}; written to {received} (approve, if the change is "
                      f"intended, with mv {received} {path}):\n{diff}")


# ---------------------------------------------------------------------------------------------
# Suite


def arguments(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quali", required=True, help="the quali binary")
    parser.add_argument("--source", required=True, help="the source tree (tests/, docs/, examples/)")
    parser.add_argument("tests", nargs="*", help="only the tests whose name contains one of these")
    if extra:
        extra(parser)
    args = parser.parse_args()
    args.quali = os.path.abspath(args.quali)
    args.source = os.path.abspath(args.source)
    return args


class Skipped(Exception):
    """A test that cannot run here: an optional tool (a browser, a parser) is missing."""


def require(ok, what):
    """Skips the test unless ok; what names the missing tool and how to install it."""
    if not ok:
        raise Skipped(what)


SKIP_CODE = 77  # ctest's SKIP_RETURN_CODE (tests/CMakeLists.txt): the suite did not run whole


class Suite:
    """Named test functions, run in order of registration. Exit status: 1 when a test failed,
    else 77 when one was skipped (an optional tool is missing: ctest shows the suite as
    skipped, and the README's test command, which installs every tool, fails on a skip), else 0."""

    def __init__(self):
        self.tests = []

    def add(self, name, fn):
        self.tests.append((name, fn))

    def test(self, fn):
        """Decorator: registers fn under its name (without a leading test_)."""
        name = fn.__name__[5:] if fn.__name__.startswith("test_") else fn.__name__
        self.add(name, fn)
        return fn

    def run(self, only=()):
        passed = failed = skipped = 0
        for name, fn in self.tests:
            if only and not any(o in name for o in only):
                continue
            try:
                note = fn()
                passed += 1
                print(f"ok   {name}" + (f" ({note})" if isinstance(note, str) and note else ""), flush=True)
            except Skipped as e:
                skipped += 1
                print(f"SKIP {name}: {e}", flush=True)
            except Failure as e:
                failed += 1
                print(f"FAIL {name}: {e}", flush=True)
            except Exception as e:  # a broken test is a failed test, reported with the others
                failed += 1
                print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
                traceback.print_exc(file=sys.stdout)
        print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""), flush=True)
        return 1 if failed else SKIP_CODE if skipped else 0


def count_of(n, one, many):
    """« 1 défaut », « 3 défauts »: the count with its noun agreed (French: 0 and 1 are singular)."""
    return f"{n} {one if n < 2 else many}"


def listed_subcommands(help_text):
    """The subcommand names a `--help` page lists, in French or English."""
    names, inside = [], False
    for line in help_text.splitlines():
        if re.match(r"^(Subcommands|Sous-commandes|SOUS-COMMANDES)\s*:", line):
            inside = True
        elif inside:
            m = re.match(r"^  ([a-z][a-z-]*)\s", line)
            if not m:
                break
            names.append(m.group(1))
    return names
