#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Hostile input: whatever the files hold, quali answers with a clear diagnostic, never crashes.

Each case derives a repository from tests/data/rules/_base (a small valid one) in a temporary
folder, plants one hostile thing in it, and runs `quali validate --format json` under a CPU-time
limit, a wall-clock guard and an address-space limit (all set below; the address-space limit
is lifted, and the time limits multiplied, for a sanitizer build). It asserts the exit code, the expected
diagnostic codes (at the expected file and line where that is meaningful), that no signal
killed the process, that "erreur interne" never appears, and that nothing in the repository
changed (paths, sizes, modification times and SHA-256 of every entry, links not followed).
The read-only commands (status, deadlines in text, JSON and iCalendar, and agenda and bilan
when the binary has them) then run on the same repository: no crash, no internal error,
the same limits, nothing changed.

Usage: test_hostile.py --quali PATH_TO_BINARY --source SOURCE_DIR [CASE...]
Standard library only. Last line: "N passed, M failed".
"""
import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

AS_OF = "2026-06-10"
TIME_LIMIT_S = 2.0             # CPU seconds (user + system) per command, on the normal build
WALL_LIMIT_S = 30.0            # a hang guard: the machine may be busy with other builds
MEMORY_LIMIT = 1 << 30         # 1 GiB of address space per command (not under a sanitizer)
SANITIZED_TIME_FACTOR = 8      # an ASan/UBSan build is that much slower at most
ORG = "organismes/habitat-test"
PAA = f"{ORG}/paa.yaml"
IDENTITY = f"{ORG}/organisme.yaml"
CONCERTATION = f"{ORG}/concertation.yaml"
AUDIT = f"{ORG}/audits/2024-03-04-diagnostic-hqs.yaml"
CANDIDATURE = f"{ORG}/candidatures/2025-11-27.yaml"
SESSION = "comite/seances/2025-11-27.yaml"

CASES = {}


def case(name):
    def register(f):
        CASES[name] = f
        return f
    return register


# --- building the repositories ---------------------------------------------------------------

def read(repo, rel):
    with open(os.path.join(repo, rel), "rb") as f:
        return f.read()


def write(repo, rel, data):
    path = os.path.join(repo, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def replace(repo, rel, old, new):
    text = read(repo, rel).decode("utf-8")
    if text.count(old) != 1:
        raise ValueError(f"{rel} holds {text.count(old)} times {old!r}")
    write(repo, rel, text.replace(old, new))


def yaml_quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


# Free-text fields (no enumeration, no pattern) and where the base has them.
TEXT_FIELDS = re.compile(r"(\b(?:nom|titre|objet|lieu|pilote|constat|synthese|commune|region|fonction|"
                         r"partie_prenante|cabinet|motif|libelle|organisation)\s*:\s*)([^,}\n#]+)")


def inject_everywhere(repo, payload):
    """Puts payload in every free-text field of every YAML file; returns how many fields."""
    count = 0
    for folder, _, files in os.walk(repo):
        for name in files:
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text, n = TEXT_FIELDS.subn(lambda m: m.group(1) + yaml_quoted(payload), text)
            count += n
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return count


# --- the cases: each plants its hostile thing and says what it expects ---------------------------
# Expectation: {"exit": code or set, "codes": {code: [file or (file, line), …]}, "absent": [codes]}

@case("alias-bomb")
def _(repo):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for c in "bcdefghij":
        lines.append(f"{c}: &{c} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
        prev = c
    write(repo, PAA, "\n".join(lines) + "\n")
    return {"exit": 1, "codes": {"Q009": [PAA]}}


@case("alias-bomb-in-mappings")
def _(repo):
    lines = ["base: &a0 { k: v, l: w }"]
    for i in range(1, 40):
        lines.append(f"n{i}: &a{i} {{ x: *a{i - 1}, y: *a{i - 1} }}")
    write(repo, PAA, "\n".join(lines) + "\n")
    return {"exit": 1, "codes": {"Q009": [PAA]}}


@case("deep-nesting-flow")
def _(repo):
    write(repo, IDENTITY, "nom: " + "[" * 100000 + "]" * 100000 + "\n")
    return {"exit": 1, "codes": {"Q008": [IDENTITY]}}


@case("deep-nesting-blocks")
def _(repo):
    write(repo, IDENTITY, "".join(" " * i + "k:\n" for i in range(2000)))  # 2 MB, under Q007
    return {"exit": 1, "codes": {"Q008": [IDENTITY]}}


@case("large-document-is-no-alias-bomb")
def _(repo):
    # 15,000 residences, 165,000 nodes without a single alias: under the 200,000-node budget
    # (nested nodes were once counted at every level, which made this a "bomb").
    rows = "".join(f"  - {{ id: R-{i}, nom: Résidence {i}, commune: Angers, logements: 10, cotation: 0 }}\n"
                   for i in range(3, 15003))
    write(repo, f"{ORG}/autodiagnostic.yaml", "date: 2024-02-01\nresidences:\n"
          "  - { id: R-1, nom: Les Hauts, commune: Angers, logements: 240, cotation: 4 }\n"
          "  - { id: R-2, nom: Le Bourg, commune: Trélazé, logements: 96, cotation: 1 }\n" + rows)
    return {"exit": 0, "codes": {}}


@case("huge-file")
def _(repo):
    write(repo, PAA, "# " + "x" * (9 * 1024 * 1024) + "\nactions: []\n")
    return {"exit": 1, "codes": {"Q007": [(PAA, 1)]}}


@case("huge-scalar")
def _(repo):
    replace(repo, IDENTITY, "nom: Habitat Test", "nom: " + "Habitat " * (512 * 1024))
    return {"exit": 0, "codes": {}}


@case("many-small-nodes")
def _(repo):
    # 150,000 list items: under the node budget, must stay fast.
    write(repo, f"{ORG}/autodiagnostic.yaml", "date: 2024-02-01\nresidences:\n"
          "  - { id: R-1, nom: Les Hauts, commune: Angers, logements: 240, cotation: 4,\n"
          "      motifs: [" + ", ".join("m" for _ in range(150000)) + "] }\n"
          "  - { id: R-2, nom: Le Bourg, commune: Trélazé, logements: 96, cotation: 1 }\n")
    return {"exit": 0, "codes": {}}


@case("binary-bytes")
def _(repo):
    write(repo, PAA, bytes(range(256)) * 64)
    return {"exit": 1, "codes": {"Q006": [(PAA, 1)]}}


@case("pdf-renamed-yaml")
def _(repo):
    write(repo, f"{ORG}/candidatures/2026-06-18.yaml", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nstream\n\x00\x01\x02")
    return {"exit": 1, "codes": {"Q006": [f"{ORG}/candidatures/2026-06-18.yaml"]}}


@case("invalid-utf8")
def _(repo):
    data = read(repo, IDENTITY).replace("région".encode(), b"r\xe9gion").replace(
        b"region: Pays de la Loire", b"region: Pays de la Loire \xe9")
    write(repo, IDENTITY, data)
    return {"exit": 1, "codes": {"Q006": [(IDENTITY, 6)]}}


@case("overlong-utf8-and-surrogates")
def _(repo):
    data = read(repo, IDENTITY).replace(b"region: Pays de la Loire", b"region: \xc0\xaf \xed\xa0\x80")
    write(repo, IDENTITY, data)
    return {"exit": 1, "codes": {"Q006": [(IDENTITY, 6)]}}


@case("nul-bytes")
def _(repo):
    data = read(repo, CONCERTATION)
    write(repo, CONCERTATION, data[:40] + b"\x00" + data[40:])
    return {"exit": 1, "codes": {"Q006": [(CONCERTATION, data[:40].count(b"\n") + 1)]}}


@case("bom")
def _(repo):
    for rel in (IDENTITY, PAA, SESSION):
        write(repo, rel, b"\xef\xbb\xbf" + read(repo, rel))
    return {"exit": 0, "codes": {}}


@case("crlf")
def _(repo):
    for folder, _, files in os.walk(os.path.join(repo, ORG)):
        for name in files:
            if name.endswith(".yaml"):
                rel = os.path.relpath(os.path.join(folder, name), repo)
                write(repo, rel, read(repo, rel).replace(b"\n", b"\r\n"))
    return {"exit": 0, "codes": {}}


@case("lone-cr-line-ends")
def _(repo):
    write(repo, PAA, read(repo, PAA).replace(b"\n", b"\r"))
    return {"exit": 1, "codes": {}, "any_of": ["Q001", "Q101", "Q102", "Q103"]}


@case("tabs")
def _(repo):
    replace(repo, PAA, "  - id: A02\n", "  - id: A02\n\t")
    return {"exit": 1, "codes": {"Q001": [PAA]}}


@case("duplicate-keys")
def _(repo):
    replace(repo, IDENTITY, "logements: 4000\n", "logements: 4000\nlogements: 5000\n")
    return {"exit": 1, "codes": {"Q002": [(IDENTITY, 8)]}}


@case("tag-python-object")
def _(repo):
    replace(repo, IDENTITY, "nom: Habitat Test", "nom: !!python/object/apply:os.system ['rm -rf /']")
    return {"exit": 1, "codes": {"Q012": [(IDENTITY, 2)]}}


@case("tag-custom")
def _(repo):
    replace(repo, PAA, "    pilote: Direction du patrimoine", "    pilote: !perso Direction du patrimoine")
    return {"exit": 1, "codes": {"Q012": [PAA]}}


@case("tag-on-mapping-and-sequence")
def _(repo):
    replace(repo, PAA, "actions:", "actions: !!set")
    return {"exit": 1, "codes": {"Q012": [(PAA, 1)]}}


@case("merge-keys")
def _(repo):
    replace(repo, PAA, "actions:\n", "defaut: &d { pilote: Direction du patrimoine, etat: prevue }\nactions:\n")
    return {"exit": 1, "codes": {"Q103": [(PAA, 1)]}}


@case("merge-keys-valid")
def _(repo):
    replace(repo, PAA, "  - id: A03\n", "  - <<: { echeance: 2099-01-01 }\n    id: A03\n")
    return {"exit": 0, "codes": {}}


@case("anchors-across-documents")
def _(repo):
    write(repo, PAA, read(repo, PAA) + b"---\nautre: *nulle\n")
    return {"exit": 1, "codes": {}, "any_of": ["Q005", "Q001"]}


@case("multi-documents")
def _(repo):
    write(repo, SESSION, read(repo, SESSION) + b"---\ndate: 2025-11-28\nlieu: Lyon\n")
    return {"exit": 1, "codes": {"Q005": [SESSION]}}


@case("empty-file")
def _(repo):
    write(repo, PAA, b"")
    return {"exit": 1, "codes": {"Q004": [(PAA, 1)]}}


@case("whitespace-only")
def _(repo):
    write(repo, PAA, b" \n\t\n   \r\n")
    return {"exit": 1, "codes": {"Q004": [(PAA, 1)]}}


@case("comments-only")
def _(repo):
    write(repo, PAA, b"# rien\n   # du tout\n")
    return {"exit": 1, "codes": {"Q004": [PAA]}}


@case("conflict-markers")
def _(repo):
    replace(repo, IDENTITY, "logements: 4000\n", "<<<<<<< HEAD\nlogements: 4000\n=======\nlogements: 4100\n>>>>>>> x\n")
    return {"exit": 1, "codes": {"Q003": [(IDENTITY, 7)]}}


@case("directory-named-like-a-file")
def _(repo):
    os.remove(os.path.join(repo, PAA))
    os.makedirs(os.path.join(repo, PAA, "dedans"))
    write(repo, f"{PAA}/dedans/x.yaml", "a: 1\n")
    return {"exit": 1, "codes": {"Q010": [PAA]}}


@case("file-named-like-a-directory")
def _(repo):
    shutil.rmtree(os.path.join(repo, ORG, "preuves"))
    write(repo, f"{ORG}/preuves", "pas un dossier\n")
    return {"exit": 1, "codes": {"Q206": [PAA, CONCERTATION]}}


@case("seances-is-a-file")
def _(repo):
    shutil.rmtree(os.path.join(repo, "comite", "seances"))
    write(repo, "comite/seances", "date: 2025-11-27\n")
    return {"exit": 1, "codes": {"Q370": [CANDIDATURE]}}


@case("symlink-loop")
def _(repo):
    os.remove(os.path.join(repo, PAA))
    os.symlink("paa.yaml", os.path.join(repo, PAA))
    return {"exit": 1, "codes": {"Q010": [PAA]}}


@case("symlink-loop-between-two")
def _(repo):
    os.remove(os.path.join(repo, PAA))
    os.symlink("b.yaml", os.path.join(repo, PAA))
    os.symlink("paa.yaml", os.path.join(repo, ORG, "b.yaml"))
    return {"exit": 1, "codes": {"Q010": [PAA]}}


@case("symlink-directory-loop")
def _(repo):
    os.symlink("..", os.path.join(repo, ORG, "boucle"))
    os.symlink(".", os.path.join(repo, "comite", "seances", "ici"))
    return {"exit": 0, "codes": {}}


@case("symlink-leaving-repository")
def _(repo):
    os.remove(os.path.join(repo, IDENTITY))
    os.symlink("/etc/passwd", os.path.join(repo, IDENTITY))
    return {"exit": 1, "codes": {"Q010": [IDENTITY]}}


@case("symlink-to-device")
def _(repo):
    os.remove(os.path.join(repo, PAA))
    os.symlink("/dev/zero", os.path.join(repo, PAA))
    return {"exit": 1, "codes": {"Q010": [PAA]}}


@case("proof-symlink-leaving")
def _(repo):
    os.remove(os.path.join(repo, ORG, "preuves", "a01-charte.pdf"))
    os.symlink("/etc/hostname", os.path.join(repo, ORG, "preuves", "a01-charte.pdf"))
    return {"exit": 1, "codes": {"Q205": [PAA]}}


@case("proof-folder-symlink-leaving")
def _(repo):
    outside = os.path.join(os.path.dirname(repo), "ailleurs")
    shutil.move(os.path.join(repo, ORG, "preuves"), outside)
    os.symlink(outside, os.path.join(repo, ORG, "preuves"))
    return {"exit": 1, "codes": {"Q205": [PAA, CONCERTATION]}}


@case("fifo-named-yaml")
def _(repo):
    os.mkfifo(os.path.join(repo, ORG, "candidatures", "2026-06-18.yaml"))
    return {"exit": 1, "codes": {"Q010": [f"{ORG}/candidatures/2026-06-18.yaml"]}}


@case("unreadable-file")
def _(repo):
    os.chmod(os.path.join(repo, PAA), 0)
    if os.geteuid() == 0:
        return {"exit": 0, "codes": {}}  # root reads it anyway
    return {"exit": 1, "codes": {"Q010": [PAA]}}


@case("unreadable-folder")
def _(repo):
    os.chmod(os.path.join(repo, ORG, "audits"), 0)
    if os.geteuid() == 0:
        return {"exit": 0, "codes": {}}
    return {"exit": 1, "codes": {}, "any_of": ["Q010"]}


@case("path-traversal-proof")
def _(repo):
    replace(repo, CONCERTATION, "preuve: preuves/ccl-2024-01-23.pdf", "preuve: ../../../../etc/passwd")
    return {"exit": 1, "codes": {"Q205": [(CONCERTATION, 2)]}}


@case("path-traversal-absolute-proofs")
def _(repo):
    replace(repo, PAA, "preuves: [preuves/a01-charte.pdf]", "preuves: [/etc/passwd, 'C:\\Windows\\win.ini', ~/x]")
    return {"exit": 1, "codes": {"Q205": [(PAA, 8)]}}


@case("path-traversal-pieces")
def _(repo):
    replace(repo, CANDIDATURE, "pieces: [audits/2025-10-06-verification.yaml,",
            "pieces: [../office-jeune/paa.yaml, preuves/../../../quali.yaml, audits/2025-10-06-verification.yaml,")
    return {"exit": 1, "codes": {"Q205": [(CANDIDATURE, 4)]}}


@case("path-traversal-ids")
def _(repo):
    replace(repo, AUDIT, "auditeur: jeanne-durand\nplan", "auditeur: ../../etc/passwd\nplan")
    replace(repo, SESSION, "organisme: habitat-test", "organisme: ../habitat-test")
    replace(repo, PAA, "situations: [R-1]", "situations: [../../R-1]")
    return {"exit": 1, "codes": {"Q105": [(AUDIT, 3), SESSION], "Q303": [PAA]}}


@case("names-with-spaces-and-accents")
def _(repo):
    os.rename(os.path.join(repo, "organismes", "office-jeune"), os.path.join(repo, "organismes", "Office Jeûne à Évry"))
    os.rename(os.path.join(repo, ORG, "preuves", "a01-charte.pdf"), os.path.join(repo, ORG, "preuves", "a01 charte été.pdf"))
    replace(repo, PAA, "preuves: [preuves/a01-charte.pdf]", "preuves: [preuves/a01 charte été.pdf]")
    # The folder is read under its name (a warning: no decision can name it); the proof with
    # spaces and accents is found.
    return {"exit": 0, "codes": {"Q017": ["organismes/Office Jeûne à Évry"]}}


@case("dates-year-0000")
def _(repo):
    replace(repo, IDENTITY, "engagement: { date: 2024-01-15", "engagement: { date: 0000-01-01")
    replace(repo, CONCERTATION, "date: 2024-01-23", "date: 0000-02-29")
    # Real days of the proleptic calendar, outside 1900-2200: Q207, not Q201; the dates are
    # then absent from the model, so no rule compares them.
    return {"exit": 1, "codes": {"Q207": [(IDENTITY, 9), (CONCERTATION, 2)]}, "absent": ["Q201", "Q353", "Q354"]}


@case("dates-year-9999")
def _(repo):
    replace(repo, CONCERTATION, "date: 2025-09-30", "date: 9999-12-31")
    replace(repo, PAA, "echeance: 2027-06-30", "echeance: 9999-12-31")
    replace(repo, IDENTITY, "engagement: { date: 2024-01-15", "engagement: { date: 9999-12-31")
    return {"exit": 1, "codes": {"Q207": [(CONCERTATION, 6), PAA, (IDENTITY, 9)]},
            "absent": ["Q201", "Q323", "Q353", "Q354"]}


@case("dates-just-outside-the-range")
def _(repo):
    replace(repo, IDENTITY, "engagement: { date: 2024-01-15", "engagement: { date: 1899-12-31")
    replace(repo, AUDIT, "signature: { date: 2024-03-20", "signature: { date: '2201-01-01'")
    replace(repo, CANDIDATURE, "depot: 2025-11-17", "depot: 2201-01-01")
    return {"exit": 1, "codes": {"Q207": [(IDENTITY, 9), AUDIT, CANDIDATURE]},
            "absent": ["Q201", "Q352", "Q353", "Q354", "Q356", "Q357", "Q360"]}


@case("dates-impossible")
def _(repo):
    replace(repo, CONCERTATION, "date: 2025-09-30", "date: 2025-02-30")
    replace(repo, PAA, "echeance: 2027-06-30", "echeance: '2023-02-29'")
    return {"exit": 1, "codes": {"Q201": [(CONCERTATION, 6), PAA]}}


@case("numbers-out-of-range")
def _(repo):
    replace(repo, IDENTITY, "logements: 4000", "logements: 99999999999999999999999999")
    replace(repo, SESSION, "pour: 3", "pour: -2147483649")
    replace(repo, f"{ORG}/autodiagnostic.yaml", "cotation: 4", "cotation: 1e400")
    replace(repo, AUDIT, "jours: 3", "jours: .nan")
    return {"exit": 1, "codes": {}, "any_of": ["Q101", "Q106"], "files": [IDENTITY, SESSION, AUDIT]}


@case("numbers-huge-votes")
def _(repo):
    replace(repo, SESSION, "pour: 3", "pour: 2147483647")
    replace(repo, SESSION, "abstention: 1", "abstention: 2147483647")
    return {"exit": 1, "codes": {"Q391": [SESSION]}}


def payload_case(name, payload):
    @case(name)
    def _(repo):
        n = inject_everywhere(repo, payload)
        if n < 20:
            raise ValueError(f"only {n} text fields received the payload")
        # And once where a message repeats it: an unknown key.
        replace(repo, PAA, "actions:\n", f"{yaml_quoted(payload)}: 1\nactions:\n")
        return {"exit": 1, "codes": {"Q103": [(PAA, 1)]}, "payload": payload}


payload_case("payload-html", "<script>alert('x')</script><img src=x onerror=alert(1)> &amp; </td></tr>")
payload_case("payload-markdown", "# Titre\n| a | b |\n|---|---|\n[lien](javascript:alert(1)) **gras** `code` ```")
payload_case("payload-csv", "=HYPERLINK(\"http://x\";\"y\"),\"a\";b\n+cmd|' /C calc'!A0,@SUM(1+1)")
payload_case("payload-icalendar", "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:faux;DTSTART:20260101\r\nEND:VCALENDAR")
payload_case("payload-terminal-escapes", "\u001b[31mrouge\u001b]0;titre\u0007 \u202eàl'envers \u200b")


# --- running -----------------------------------------------------------------------------------

def snapshot(root):
    """Every entry under root, links not followed: path -> (type, size, mtime, sha256)."""
    out = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            digest = None
            if stat.S_ISREG(st.st_mode):
                try:
                    with open(path, "rb") as f:
                        digest = hashlib.sha256(f.read()).hexdigest()
                except OSError:
                    digest = "unreadable"
            elif stat.S_ISLNK(st.st_mode):
                digest = os.readlink(path)
            out[os.path.relpath(path, root)] = (stat.S_IFMT(st.st_mode), st.st_size if not stat.S_ISDIR(st.st_mode) else 0,
                                                st.st_mtime_ns, digest)
    return out


def is_sanitized(binary):
    if os.environ.get("QUALI_SANITIZED"):  # set by scripts/sanitize.sh
        return True
    with open(binary, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"__ubsan_handle" in data


def run(cmd, cwd, limit_s, sanitized):
    """Runs cmd under the limits: (exit code or None when killed for time, stdout, stderr, CPU s).

    Time is the child's own CPU time (user + system, from wait4), which other builds running
    on the machine do not inflate; the wall clock only guards against a hang."""
    def limits():
        if not sanitized:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=limits)
        hung = threading.Event()

        def kill():
            hung.set()
            p.kill()
        timer = threading.Timer(WALL_LIMIT_S * (SANITIZED_TIME_FACTOR if sanitized else 1), kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return (None if hung.is_set() else p.returncode), out.read(), err.read(), cpu


def check_common(label, code, out, err, took, limit_s, problems, allowed=(0, 1)):
    if code is None:
        problems.append(f"{label}: still running after the wall-clock guard (killed)")
        return False
    if code < 0:
        problems.append(f"{label}: killed by signal {-code}")
    elif code not in allowed:
        problems.append(f"{label}: exit code {code} — {err.decode('utf-8', 'replace')[:300]}")
    for stream in (out, err):
        text = stream.decode("utf-8", "replace")
        if "erreur interne" in text or "internal error" in text or "AddressSanitizer" in text or "runtime error:" in text:
            problems.append(f"{label}: {text.strip()[:400]}")
    if took > limit_s:
        problems.append(f"{label}: took {took:.2f} s of CPU (limit {limit_s} s)")
    return True


def run_case(quali, base, name, sanitized, extra_commands):
    limit_s = TIME_LIMIT_S * (SANITIZED_TIME_FACTOR if sanitized else 1)
    problems = []
    with tempfile.TemporaryDirectory(prefix=f"quali-hostile-{name}-") as work:
        repo = os.path.join(work, "depot")
        shutil.copytree(base, repo, symlinks=True)
        expect = CASES[name](repo)
        before = snapshot(repo)
        code, out, err, took = run([quali, "validate", ".", "--as-of", AS_OF, "--format", "json"], repo, limit_s,
                                   sanitized)
        if check_common("validate", code, out, err, took, limit_s, problems, allowed=(0, 1, 2)):
            wanted = expect["exit"] if isinstance(expect["exit"], set) else {expect["exit"]}
            if code not in wanted:
                problems.append(f"validate: exit code {code}, expected {sorted(wanted)}")
            try:
                diags = json.loads(out)["diagnostics"]
            except (json.JSONDecodeError, KeyError) as e:
                problems.append(f"validate: no JSON output ({e}): {out[:200]!r} {err[:200]!r}")
                diags = []
            for d in diags:
                if not d.get("message") or not re.fullmatch(r"Q\d{3}", d.get("code", "")):
                    problems.append(f"validate: unclear diagnostic {d}")
            for code_, places in expect["codes"].items():
                for place in places:
                    file, line = place if isinstance(place, tuple) else (place, None)
                    if not any(d["code"] == code_ and d["file"] == file and (line is None or d["line"] == line)
                               for d in diags):
                        got = sorted({(d["code"], d["file"], d["line"]) for d in diags})[:12]
                        problems.append(f"validate: missing {code_} at {file}{':' + str(line) if line else ''}; got {got}")
            if "any_of" in expect and not any(d["code"] in expect["any_of"] for d in diags):
                problems.append(f"validate: none of {expect['any_of']} in {sorted({d['code'] for d in diags})}")
            for code_ in expect.get("absent", []):
                if any(d["code"] == code_ for d in diags):
                    problems.append(f"validate: unexpected {code_}")
            for file in expect.get("files", []):
                if not any(d["file"] == file for d in diags):
                    problems.append(f"validate: no diagnostic on {file}")
            for folder in expect.get("clean", []):
                bad = [d for d in diags if d["file"].startswith(folder + "/")]
                if bad:
                    problems.append(f"validate: unexpected diagnostics in {folder}: {bad[:3]}")
            if "payload" in expect:
                # The payload reaches the JSON output intact, and the text output holds it on one line.
                if not any(expect["payload"] in d["message"] for d in diags):
                    problems.append("validate: the payload is not quoted intact in the JSON message")
        commands = [("validate (texte)", ["validate", ".", "--as-of", AS_OF]),
                    ("status", ["status", "--as-of", AS_OF]),
                    ("status --format json", ["status", "--as-of", AS_OF, "--format", "json"]),
                    ("deadlines", ["deadlines", "--as-of", AS_OF]),
                    ("deadlines --format ics", ["deadlines", "--as-of", AS_OF, "--format", "ics"])]
        commands += extra_commands
        for label, args in commands:
            code, out, err, took = run([quali] + args, repo, limit_s, sanitized)
            if not check_common(label, code, out, err, took, limit_s, problems, allowed=(0, 1, 2)):
                continue
            if "json" in label and code == 0:
                try:
                    json.loads(out)
                except json.JSONDecodeError as e:
                    problems.append(f"{label}: invalid JSON ({e})")
            if "ics" in label and code == 0:
                text = out.decode("utf-8", "replace")
                begins = len(re.findall(r"^BEGIN:VEVENT\r?$", text, re.M))
                ends = len(re.findall(r"^END:VEVENT\r?$", text, re.M))
                if begins != ends or len(re.findall(r"^END:VCALENDAR\r?$", text, re.M)) != 1:
                    problems.append(f"{label}: broken iCalendar structure ({begins} BEGIN, {ends} END)")
                if "\nSUMMARY:faux" in text.replace("\r", ""):
                    problems.append(f"{label}: injected iCalendar property")
            if label == "validate (texte)" and "payload" in expect:
                # No raw line break or escape character from the file may reach the terminal.
                if "\x1b" in out.decode("utf-8", "replace"):
                    problems.append(f"{label}: a raw escape character reaches the terminal")
        after = snapshot(repo)
        if after != before:
            changed = sorted(set(before.items()) ^ set(after.items()))[:5]
            problems.append(f"the repository changed: {changed}")
        # Let the temporary folder be removed even where a case took rights away.
        for folder, dirs, _ in os.walk(repo):
            for d in dirs:
                try:
                    os.chmod(os.path.join(folder, d), 0o755)
                except OSError:
                    pass
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quali", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("cases", nargs="*", help="only these cases")
    args = parser.parse_args()
    quali = os.path.abspath(args.quali)
    base = os.path.join(args.source, "tests", "data", "rules", "_base")
    sanitized = is_sanitized(quali)
    listing = subprocess.run([quali, "--help"], capture_output=True, text=True).stdout
    extra = []
    if re.search(r"^\s+agenda\s", listing, re.M):
        extra.append(("agenda", ["agenda", "2026-06-18", "--as-of", AS_OF]))
    if re.search(r"^\s+bilan\s", listing, re.M):
        extra.append(("bilan", ["bilan", "--as-of", AS_OF]))
    names = args.cases or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown cases: {unknown}")

    def guarded(name):
        try:
            return run_case(quali, base, name, sanitized, extra)
        except Exception as e:  # a broken case is a failed case
            return [f"{type(e).__name__}: {e}"]

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        results = dict(zip(names, pool.map(guarded, names)))
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
