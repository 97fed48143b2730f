#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali status and quali deadlines, end to end.

Runs the real binary on the hand-computed scenarios of tests/data/pathway/ (each folder holds a
small repository, LISEZMOI.md with its reference date and the computation, expected.json) and
on examples/depot (reference date 2026-06-10, see its LISEZMOI.md). The iCalendar export is
read back with Debian's python3-icalendar, a real RFC 5545 parser.

Usage: test_status.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per failure and ends with "N passed, M failed"; exits 1 on any failure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta

try:
    import icalendar
except ImportError:
    # ctest's skip code (tests/CMakeLists.txt): the README's test command installs it and fails on a skip.
    print("SKIP: python3-icalendar is missing (apt-get install python3-icalendar)", flush=True)
    sys.exit(77)

TYPES = {"depot", "etape", "action-paa", "agrement", "seance", "ouverture-depot"}
STATUS_KEYS = ["organisme", "etat", "annee_cycle", "valide_jusqu_au", "prochaine_etape", "echeance",
               "seance_visee", "fenetre_depot", "candidature_deposee", "en_retard", "derogation"]


class Suite:
    def __init__(self, quali, source):
        self.quali = quali
        self.source = source
        self.passed = 0
        self.failed = 0

    def run(self, *args, cwd=None):
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="", NO_COLOR="1")
        return subprocess.run([self.quali, *args], capture_output=True, cwd=cwd, env=env, timeout=120)

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))

    def json_of(self, *args):
        r = self.run(*args)
        if r.returncode != 0:
            raise RuntimeError(f"quali {' '.join(args)} exited {r.returncode}: {r.stderr.decode()}")
        return json.loads(r.stdout)


def reference_date(folder):
    with open(os.path.join(folder, "LISEZMOI.md"), encoding="utf-8") as f:
        m = re.search(r"Date de référence\s*:\s*\**(\d{4}-\d{2}-\d{2})", f.read())
    return m.group(1)


def scenarios(t):
    root = os.path.join(t.source, "tests", "data", "pathway")
    names = sorted(n for n in os.listdir(root) if os.path.isdir(os.path.join(root, n)))
    t.check("at least five pathway scenarios", len(names) >= 5, str(names))
    for name in names:
        folder = os.path.join(root, name)
        as_of = reference_date(folder)
        with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        got = t.json_of("status", "--as-of", as_of, "--format", "json", "-C", folder)
        t.check(f"{name}: status JSON is the hand-computed one", got == expected,
                json.dumps(got, ensure_ascii=False))
        for item in got:
            t.check(f"{name}: keys of {item.get('organisme')}", list(item) == STATUS_KEYS, str(list(item)))
        # Each organisme's step shows in deadlines with the same date and lateness.
        dl = t.json_of("deadlines", "--as-of", as_of, "--format", "json", "-C", folder)
        for item in got:
            steps = [d for d in dl if d["type"] == "etape" and d["organisme"] == item["organisme"]]
            if item["echeance"] is None:
                t.check(f"{name}: no step deadline for {item['organisme']}", steps == [], str(steps))
            else:
                ok = len(steps) == 1 and steps[0]["date"] == item["echeance"] and \
                    (steps[0]["statut"] == "en-retard") == item["en_retard"]
                t.check(f"{name}: step deadline of {item['organisme']}", ok, str(steps))
        text = t.run("status", "--as-of", as_of, "-C", folder)
        t.check(f"{name}: text status exits 0", text.returncode == 0, text.stderr.decode())


def working_day_window(t):
    folder = os.path.join(t.source, "tests", "data", "pathway", "fenetre-jours-ouvres")
    dl = t.json_of("deadlines", "--as-of", "2026-04-01", "--format", "json", "-C", folder)
    depots = [d for d in dl if d["type"] == "depot"]
    t.check("working days: the filing deadline is the last working day before the session",
            len(depots) == 1 and depots[0]["date"] == "2026-05-13" and depots[0]["organisme"] is None, str(depots))
    t.check("working days: the description gives the window",
            depots and "du 21 avril au 13 mai 2026" in depots[0]["description"], str(depots))


EXAMPLE = {
    # slug: (etat, annee_cycle, valide_jusqu_au, prochaine_etape, echeance, derogation seance)
    "azur-provence-immobilier": ("retire", None, None, None, None, None),
    "coop-habitat-garonne": ("labellise", 1, "2028-11-19", "maintien", "2026-11-20", None),
    "habitat-loire": ("engage", None, None, "admissibilite", "2027-01-15", None),
    "logis-trois-vallees": ("labellise", 2, "2027-06-19", "maintien", "2026-09-30", "2025-06-19"),
    "meuse-moselle-habitat": ("labellise", 3, "2026-11-15", "renouvellement", "2026-11-15", None),
    "rhone-saone-logis": ("admissible", None, None, "labellisation", "2026-11-20", None),
}


def example_status(t):
    depot = os.path.join(t.source, "examples", "depot")
    got = t.json_of("status", "--as-of", "2026-06-10", "--format", "json", "-C", depot)
    t.check("example: every organisme, by slug", [g["organisme"] for g in got] == sorted(EXAMPLE),
            str([g["organisme"] for g in got]))
    for g in got:
        want = EXAMPLE.get(g["organisme"])
        if want is None:
            continue
        seance = g["derogation"]["seance"] if g["derogation"] else None
        have = (g["etat"], g["annee_cycle"], g["valide_jusqu_au"], g["prochaine_etape"], g["echeance"], seance)
        t.check(f"example: {g['organisme']}", have == want, f"{have} != {want}")
        t.check(f"example: {g['organisme']} is not late", g["en_retard"] is False)
        if g["prochaine_etape"]:
            t.check(f"example: {g['organisme']} aims for the June session",
                    g["seance_visee"] == "2026-06-18" and
                    g["fenetre_depot"] == {"ouverture": "2026-06-03", "fermeture": "2026-06-17"}, str(g))

    filed = {g["organisme"]: g["candidature_deposee"] for g in got}
    t.check("example: the candidatures filed for the targeted session, with their date, null otherwise",
            filed == {"azur-provence-immobilier": None, "coop-habitat-garonne": None, "habitat-loire": None,
                      "logis-trois-vallees": None, "meuse-moselle-habitat": "2026-06-05",
                      "rhone-saone-logis": "2026-06-08"}, str(filed))
    before = t.json_of("status", "rhone-saone-logis", "--as-of", "2026-06-07", "--format", "json", "-C", depot)
    t.check("example: a candidature filed after the reference date is not filed yet",
            before and before[0]["candidature_deposee"] is None, str(before))

    one = t.json_of("status", "logis-trois-vallees", "--as-of", "2026-06-10", "--format", "json", "-C", depot)
    t.check("example: a slug selects one organisme", [o["organisme"] for o in one] == ["logis-trois-vallees"])
    t.check("example: the derogation is reported whole",
            one and one[0]["derogation"] == {"echeance": "2026-09-30", "objet": "audit de vérification reporté",
                                             "seance": "2025-06-19"}, str(one))

    bad = t.run("status", "habitat-lore", "--as-of", "2026-06-10", "-C", depot)
    err = bad.stderr.decode().strip().splitlines()
    t.check("unknown slug: exit 2, one line, a suggestion, nothing on stdout",
            bad.returncode == 2 and len(err) == 1 and "habitat-loire" in err[0] and bad.stdout == b"",
            f"{bad.returncode} {err}")

    cwd = os.path.join(depot, "organismes", "habitat-loire")
    walked = t.run("status", "--as-of", "2026-06-10", "--format", "json", cwd=cwd)
    t.check("without -C the repository is found walking up",
            walked.returncode == 0 and len(json.loads(walked.stdout or b"[]")) == 6, walked.stderr.decode())

    text = t.run("status", "--as-of", "2026-06-10", "-C", depot).stdout.decode()
    lines = text.splitlines()
    col = lines[0].find("ÉTAT")
    rows = lines[1:7]
    t.check("text: French headers", lines[0].startswith("ORGANISME") and "ÉCHÉANCE" in lines[0], lines[0])
    t.check("text: one aligned line per organisme",
            len(rows) == 6 and all(r[col - 2:col] == "  " and r[col] != " " for r in rows), "\n".join(rows))
    en = t.run("--lang", "en", "status", "--as-of", "2026-06-10", "-C", depot).stdout.decode()
    t.check("text: English with --lang en", en.startswith("ORGANISATION") and "NEXT STEP" in en, en[:200])

    def cell(lines, slug, header):
        start = lines[0].find(header)
        row = next(line for line in lines if line.startswith(slug + " "))
        return row[start:].split("  ")[0].strip()
    t.check("text: the candidature column gives the filing date",
            cell(lines, "rhone-saone-logis", "CANDIDATURE") == "2026-06-08" and
            cell(lines, "meuse-moselle-habitat", "CANDIDATURE") == "2026-06-05", text)
    t.check("text: « non déposée » when the targeted session has no candidature, « — » without a session",
            cell(lines, "habitat-loire", "CANDIDATURE") == "non déposée" and
            cell(lines, "azur-provence-immobilier", "CANDIDATURE") == "—", text)
    en_lines = en.splitlines()
    t.check("text: « not filed » in English",
            cell(en_lines, "habitat-loire", "APPLICATION") == "not filed" and
            cell(en_lines, "rhone-saone-logis", "APPLICATION") == "2026-06-08", en)


def sort_key(d):
    return (d["date"], d["type"], d["organisme"] or "", d["description"])


def example_deadlines(t):
    depot = os.path.join(t.source, "examples", "depot")
    dl = t.json_of("deadlines", "--as-of", "2026-06-10", "--format", "json", "-C", depot)
    t.check("deadlines: keys", all(list(d) == ["date", "type", "organisme", "description", "statut"] for d in dl))
    t.check("deadlines: sorted by date, type, organisme, description", dl == sorted(dl, key=sort_key))
    t.check("deadlines: known types", {d["type"] for d in dl} <= TYPES, str({d["type"] for d in dl}))
    # The June window opened on 2026-06-03: an opening passed is no longer listed (docs/cli.md).
    t.check("deadlines: every type present in the example but the opening passed",
            {d["type"] for d in dl} == TYPES - {"ouverture-depot"}, str({d["type"] for d in dl}))
    t.check("deadlines: statut follows the date",
            all(d["statut"] == ("en-retard" if d["date"] < "2026-06-10" else "a-venir") for d in dl))
    depots = [d for d in dl if d["type"] == "depot"]
    t.check("deadlines: one filing deadline for the planned session",
            len(depots) == 1 and depots[0]["date"] == "2026-06-17" and depots[0]["organisme"] is None, str(depots))
    t.check("deadlines: no withdrawn organisme, no retired auditor",
            all(d["organisme"] != "azur-provence-immobilier" and "Marc Bernard" not in d["description"] for d in dl))
    t.check("deadlines: no done or abandoned PAA action",
            not any(d["type"] == "action-paa" and "A07" in d["description"] and d["organisme"] == "habitat-loire"
                    for d in dl))

    within = t.json_of("deadlines", "--as-of", "2026-06-10", "--within", "30", "--format", "json", "-C", depot)
    t.check("--within 30 keeps what is due by 2026-07-10",
            within == [d for d in dl if d["date"] <= "2026-07-10"], json.dumps(within, ensure_ascii=False))
    late = t.json_of("deadlines", "--as-of", "2026-12-01", "--within", "0", "--format", "json", "-C", depot)
    t.check("--within keeps every overdue deadline",
            late and all(d["statut"] == "en-retard" or d["date"] == "2026-12-01" for d in late) and
            any(d["type"] == "etape" and d["organisme"] == "logis-trois-vallees" for d in late), str(late))
    neg = t.run("deadlines", "--within", "-3", "-C", depot)
    t.check("--within refuses a negative count", neg.returncode == 2)


def ics_checks(t):
    depot = os.path.join(t.source, "examples", "depot")
    runs = {}
    for as_of in ("2026-06-10", "2026-06-12"):
        r = t.run("deadlines", "--as-of", as_of, "--format", "ics", "-C", depot)
        t.check(f"ics {as_of}: exit 0", r.returncode == 0, r.stderr.decode())
        runs[as_of] = r.stdout
    raw = runs["2026-06-10"]
    again = t.run("deadlines", "--as-of", "2026-06-10", "--format", "ics", "-C", depot).stdout
    t.check("ics: the same date gives the same bytes", raw == again)
    t.check("ics: CRLF line ends only", raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"))
    physical = raw.split(b"\r\n")[:-1]
    t.check("ics: no line longer than 75 octets", all(len(l) <= 75 for l in physical),
            str(max(len(l) for l in physical)))
    try:
        for line in physical:
            line.decode("utf-8")  # a character split by folding would not decode
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    t.check("ics: UTF-8, no character split across folded lines", utf8)

    uids = {}
    for as_of, data in runs.items():
        cal = icalendar.Calendar.from_ical(data)
        t.check(f"ics {as_of}: calendar properties",
                str(cal.get("VERSION")) == "2.0" and str(cal.get("PRODID")) == "-//quali//Quali'Hlm//FR" and
                str(cal.get("CALSCALE")) == "GREGORIAN" and str(cal.get("METHOD")) == "PUBLISH" and
                cal.get("X-WR-CALNAME") is not None)
        events = list(cal.walk("VEVENT"))
        t.check(f"ics {as_of}: events", len(events) > 0)
        stamp = date.fromisoformat(as_of)
        ids = []
        for ev in events:
            missing = [k for k in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION") if ev.get(k) is None]
            if missing:
                t.check(f"ics {as_of}: event has every property", False, str(missing))
                continue
            start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
            ok = type(start) is date and type(end) is date and end == start + timedelta(days=1)
            t.check(f"ics {as_of}: all-day event, DTEND the next day", ok, f"{start} {end}")
            ds = ev.decoded("DTSTAMP")
            t.check(f"ics {as_of}: DTSTAMP is the reference date at midnight UTC",
                    ds.date() == stamp and ds.hour == 0 and ds.utcoffset() == timedelta(0), str(ds))
            ids.append(str(ev.get("UID")))
        t.check(f"ics {as_of}: no duplicate UID", len(ids) == len(set(ids)))
        uids[as_of] = set(ids)
    t.check("ics: same UIDs across runs with different --as-of", uids["2026-06-10"] == uids["2026-06-12"])

    # Escaped text decodes back to the JSON descriptions (commas, semicolons, accents).
    dl = t.json_of("deadlines", "--as-of", "2026-06-10", "--format", "json", "-C", depot)
    cal = icalendar.Calendar.from_ical(raw)
    descriptions = sorted(str(ev.get("DESCRIPTION")) for ev in cal.walk("VEVENT"))
    t.check("ics: descriptions round-trip through escaping", descriptions == sorted(d["description"] for d in dl))

    # A deadline moved by a committee decision keeps its UID (re-import updates the event).
    folder = os.path.join(t.source, "tests", "data", "pathway", "admissible-en-retard")

    def step_events(as_of):
        c = icalendar.Calendar.from_ical(t.run("deadlines", "--as-of", as_of, "--format", "ics", "-C", folder).stdout)
        return {str(e.get("UID")): e.decoded("DTSTART") for e in c.walk("VEVENT")
                if e.get("CATEGORIES").to_ical() == b"etape"}
    before, after = step_events("2025-06-01"), step_events("2026-02-01")
    t.check("ics: a step event keeps its UID as the reference date moves", before.keys() == after.keys() and len(before) == 1,
            f"{before} {after}")


def session_events(t):
    """Each planned session: the session, the opening and the closing of its filing window."""
    depot = os.path.join(t.source, "examples", "depot")
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "depot")
        shutil.copytree(depot, repo)
        with open(os.path.join(repo, "comite", "seances", "2026-11-19.yaml"), "w", encoding="utf-8") as f:
            f.write("date: 2026-11-19\nlieu: Lyon, Cité internationale\n")

        def session_calendar(as_of):
            raw = t.run("deadlines", "--as-of", as_of, "--format", "ics", "-C", repo).stdout
            events = {}
            for ev in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
                kind = ev.get("CATEGORIES").to_ical().decode()
                if kind in ("seance", "ouverture-depot", "depot"):
                    events[(kind, ev.decoded("DTSTART").isoformat())] = ev
            return raw, events

        raw, events = session_calendar("2026-05-20")
        want = {("ouverture-depot", "2026-06-03"), ("depot", "2026-06-17"), ("seance", "2026-06-18"),
                ("ouverture-depot", "2026-11-04"), ("depot", "2026-11-18"), ("seance", "2026-11-19")}
        t.check("ics sessions: one session, one opening, one closing per planned session", set(events) == want,
                str(sorted(events)))
        all_uids = [str(e.get("UID")) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")]
        t.check("ics sessions: no duplicate UID", len(all_uids) == len(set(all_uids)), str(all_uids))
        june, nov = events.get(("seance", "2026-06-18")), events.get(("seance", "2026-11-19"))
        t.check("ics sessions: the session's summary and place",
                june is not None and str(june.get("SUMMARY")) == "Comité de labellisation Quali'Hlm" and
                str(june.get("LOCATION")) == "Paris, siège de l'USH" and
                nov is not None and str(nov.get("LOCATION")) == "Lyon, Cité internationale", str(june))
        opening = events.get(("ouverture-depot", "2026-06-03"))
        t.check("ics sessions: the opening's summary names the session",
                opening is not None and
                str(opening.get("SUMMARY")) == "Ouverture du dépôt des dossiers — séance du 18 juin 2026" and
                str(opening.get("LOCATION")) == "Paris, siège de l'USH", str(opening))
        again_raw, again = session_calendar("2026-05-20")
        later_raw, later = session_calendar("2026-05-27")
        t.check("ics sessions: the same bytes twice", raw == again_raw)
        uid = {k: str(e.get("UID")) for k, e in events.items()}
        t.check("ics sessions: UIDs stable as the reference date moves",
                {k: str(e.get("UID")) for k, e in later.items()} == uid, str(later))
        _, june10 = session_calendar("2026-06-10")
        t.check("ics sessions: an opening passed is left out, the closing and the session stay with their UIDs",
                set(june10) == want - {("ouverture-depot", "2026-06-03")} and
                all(str(e.get("UID")) == uid[k] for k, e in june10.items()), str(sorted(june10)))
        _, after = session_calendar("2026-06-19")
        t.check("ics sessions: a session past is no longer in the calendar",
                not any(k[1] <= "2026-06-18" for k in after), str(sorted(after)))
        dl = t.json_of("deadlines", "--as-of", "2026-05-20", "--within", "20", "--format", "json", "-C", repo)
        t.check("deadlines: the JSON carries the opening within --within, typed ouverture-depot",
                [d["date"] for d in dl if d["type"] in ("ouverture-depot", "seance", "depot")] == ["2026-06-03"] and
                all(d["statut"] == "a-venir" for d in dl if d["type"] == "ouverture-depot"), str(dl))
        text = t.run("deadlines", "--as-of", "2026-05-20", "-C", repo).stdout.decode()
        t.check("deadlines: the text names the session and the opening",
                "Séance du comité de labellisation Quali'Hlm du 19 novembre 2026 (Lyon, Cité internationale)" in text and
                "Ouverture du dépôt des dossiers pour le comité de labellisation du 18 juin 2026" in text, text)


def output_file(t):
    depot = os.path.join(t.source, "examples", "depot")
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "echeances.ics")
        r = t.run("deadlines", "--as-of", "2026-06-10", "--format", "ics", "-o", target, "-C", depot)
        t.check("-o writes the file", r.returncode == 0 and os.path.isfile(target), r.stderr.decode())
        with open(target, "rb") as f:
            first = f.read()
        t.check("-o writes the same bytes as stdout",
                first == t.run("deadlines", "--as-of", "2026-06-10", "--format", "ics", "-C", depot).stdout)
        mtime = os.stat(target).st_mtime_ns
        r = t.run("deadlines", "--as-of", "2026-07-01", "--format", "ics", "-o", target, "-C", depot)
        with open(target, "rb") as f:
            kept = f.read()
        t.check("-o refuses to overwrite without --force",
                r.returncode != 0 and kept == first and os.stat(target).st_mtime_ns == mtime and
                "--force" in r.stderr.decode(), f"{r.returncode} {r.stderr.decode()}")
        r = t.run("deadlines", "--as-of", "2026-07-01", "--format", "ics", "-o", target, "--force", "-C", depot)
        with open(target, "rb") as f:
            replaced = f.read()
        t.check("--force replaces the file", r.returncode == 0 and replaced != first and b"20260701T000000Z" in replaced)
        t.check("no temporary file is left behind", os.listdir(tmp) == ["echeances.ics"], str(os.listdir(tmp)))
        r = t.run("deadlines", "--format", "json", "-o", os.path.join(tmp, "absent", "x.json"), "-C", depot)
        t.check("-o into a missing folder fails cleanly", r.returncode == 2 and len(r.stderr.splitlines()) == 1,
                r.stderr.decode())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quali", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    t = Suite(os.path.abspath(args.quali), os.path.abspath(args.source))
    for part in (scenarios, working_day_window, example_status, example_deadlines, ics_checks, session_events, output_file):
        try:
            part(t)
        except Exception as e:  # one broken part must not hide the others
            t.check(part.__name__, False, f"{type(e).__name__}: {e}")
    print(f"{t.passed} passed, {t.failed} failed")
    sys.exit(1 if t.failed else 0)


if __name__ == "__main__":
    main()
