#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali feries, end to end: every zone, every year 1900-2200, against a public reference.

The reference is Debian's python3-holidays (France and its subdivisions). It and quali
disagree on a few days, on purpose: quali follows the law (Code du travail L3133-1, L3134-13,
L3422-2, loi n° 83-550 and its decrees) and the government's list (data.gouv.fr « Jours fériés
en France »). Each such difference is listed below with its reason, as a rule about dates;
any other difference fails. The exceptions were established against python3-holidays 0.10.1
(Debian 12). Also checks the text and JSON output and the errors for a bad year or zone.

Usage: test_feries.py --quali PATH_TO_BINARY --source SOURCE_DIR
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

try:
    import holidays
except ImportError:
    # ctest's skip code (tests/CMakeLists.txt): the README's test command installs it and fails on a skip.
    print("SKIP: python3-holidays is missing (apt-get install python3-holidays)", flush=True)
    sys.exit(77)

FIRST_YEAR, LAST_YEAR = 1900, 2200

# quali's zone -> (subdivision code of recent python-holidays, province name of 0.10.x)
ZONES = {
    "metropole": (None, "Métropole"),
    "alsace-moselle": ("GES", "Alsace-Moselle"),
    "guadeloupe": ("GP", "Guadeloupe"),
    "martinique": ("MQ", "Martinique"),
    "guyane": ("GY", "Guyane"),
    "la-reunion": ("RE", "La Réunion"),
    "mayotte": ("YT", "Mayotte"),
    "saint-barthelemy": ("BL", "Saint-Barthélémy"),
    "saint-martin": ("MF", "Saint-Martin"),
}

# The reference's own abolition day by zone (0.10.1 has it for every year, La Réunion from 1981).
REFERENCE_ABOLITION = {
    "guadeloupe": (5, 27),
    "martinique": (5, 22),
    "guyane": (6, 10),
    "mayotte": (4, 27),
    "saint-barthelemy": (10, 9),
    "saint-martin": (5, 27),
}


def easter(year):
    """Anonymous Gregorian algorithm, written out here so the test does not trust quali's."""
    a, b, c = year % 19, year // 100, year % 100
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    l = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    m = (a + 11 * h + 22 * l) // 451
    n = h + l - 7 * m + 114
    return date(year, n // 31, n % 31 + 1)


def only_in_reference(zone, d):
    """Why the reference may list d for zone while quali does not, or None."""
    y = d.year
    if zone in ("guadeloupe", "martinique", "guyane") and d == easter(y) - timedelta(days=2):
        return "Vendredi saint outre-mer: custom or collective agreement, not in the Code du travail nor data.gouv.fr"
    if zone in ("guadeloupe", "martinique") and (d.month, d.day) == (7, 21):
        return "Fête Victor Schoelcher (21 July): not in the Code du travail nor data.gouv.fr"
    if zone in REFERENCE_ABOLITION and (d.month, d.day) == REFERENCE_ABOLITION[zone]:
        if y < 1983:
            return "abolition of slavery: a holiday since loi n° 83-550 of 1983 (data.gouv.fr)"
        if zone == "saint-barthelemy" and y < 2012:
            return "Saint-Barthélemy: 9 October only from décret n° 2012-553 (Guadeloupe's 27 May before)"
        if zone == "saint-martin" and y >= 2018:
            return "Saint-Martin: 28 May instead of 27 May since 2018 (data.gouv.fr)"
    return None


def only_in_quali(zone, d):
    """Why quali may list d for zone while the reference does not, or None."""
    y = d.year
    if zone == "saint-barthelemy" and 1983 <= y < 2012 and (d.month, d.day) == (5, 27):
        return "Saint-Barthélemy: Guadeloupe's 27 May until décret n° 2012-553"
    if zone == "saint-martin" and y >= 2018 and (d.month, d.day) == (5, 28):
        return "Saint-Martin: 28 May instead of 27 May since 2018 (data.gouv.fr)"
    return None


def reference_dates(zone, years):
    code, name = ZONES[zone]
    subdivisions = getattr(holidays.France, "subdivisions", None)
    if subdivisions is not None and (code is None or code in subdivisions):
        ref = holidays.France(years=years, subdiv=code) if code else holidays.France(years=years)
    else:
        ref = holidays.France(years=years, prov=name)
    by_year = {}
    for d in ref.keys():
        by_year.setdefault(d.year, set()).add(d)
    return by_year


class FakeRun:
    """The part of a finished run that compare_year reads: one year's JSON."""

    def __init__(self, stdout):
        self.returncode, self.stdout, self.stderr = 0, stdout, ""


class Suite:
    def __init__(self, quali, workdir):
        self.quali = quali
        self.workdir = workdir
        self.passed = 0
        self.failed = 0
        self.exceptions_used = {}

    def run(self, *args):
        return subprocess.run([self.quali, *args], cwd=self.workdir, capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, timeout=60)

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")

    def compare_year(self, zone, year, result, expected):
        what = f"feries {year} --zone {zone}"
        if result.returncode != 0:
            self.check(False, f"{what}: exit code {result.returncode}: {result.stderr.strip()}")
            return
        try:
            items = json.loads(result.stdout)
            got = [date.fromisoformat(item["date"]) for item in items]
            names_ok = all(isinstance(item["nom"], str) and item["nom"] for item in items)
            keys_ok = all(list(item.keys()) == ["date", "nom"] for item in items)
        except (ValueError, KeyError, TypeError) as e:
            self.check(False, f"{what}: bad JSON ({e})")
            return
        problems = []
        if got != sorted(got):
            problems.append("not sorted by date")
        if not names_ok or not keys_ok:
            problems.append('each entry must be exactly {"date", "nom"} with a name')
        if any(d.year != year for d in got):
            problems.append("a date outside the year")
        ours = set(got)
        for d in sorted(expected - ours):
            reason = only_in_reference(zone, d)
            if reason is None:
                problems.append(f"missing {d}")
            else:
                self.exceptions_used[reason] = self.exceptions_used.get(reason, 0) + 1
        for d in sorted(ours - expected):
            reason = only_in_quali(zone, d)
            if reason is None:
                problems.append(f"unexpected {d}")
            else:
                self.exceptions_used[reason] = self.exceptions_used.get(reason, 0) + 1
        self.check(not problems, f"{what}: {'; '.join(problems)}")

    def all_years(self):
        """Every year of every zone, one process per zone (quali feries FIRST --jusqu-a LAST)."""
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            results = list(pool.map(lambda zone: self.run("feries", str(FIRST_YEAR), "--jusqu-a", str(LAST_YEAR),
                                                          "--zone", zone, "--format", "json"), ZONES))
        for zone, result in zip(ZONES, results):
            reference = reference_dates(zone, years)
            if result.returncode != 0:
                self.check(False, f"feries --zone {zone} over {FIRST_YEAR}-{LAST_YEAR}: exit {result.returncode}: "
                                  f"{result.stderr.strip()}")
                continue
            try:
                items = json.loads(result.stdout)
            except ValueError as e:
                self.check(False, f"feries --zone {zone}: bad JSON ({e})")
                continue
            by_year = {year: [] for year in years}
            for item in items:
                try:
                    by_year.setdefault(date.fromisoformat(item["date"]).year, []).append(item)
                except (KeyError, TypeError, ValueError):
                    self.check(False, f"feries --zone {zone}: bad entry {item!r}")
            for year in years:
                self.compare_year(zone, year, FakeRun(json.dumps(by_year.get(year, []))), reference.get(year, set()))

    def range_is_the_years_one_by_one(self):
        """--jusqu-a gives exactly the years asked one by one, in order."""
        for zone, first, last in [("metropole", 2024, 2026), ("la-reunion", 1999, 2001), ("mayotte", 2200, 2200)]:
            joined = []
            for year in range(first, last + 1):
                joined += json.loads(self.run("feries", str(year), "--zone", zone, "--format", "json").stdout)
            r = self.run("feries", str(first), "--jusqu-a", str(last), "--zone", zone, "--format", "json")
            self.check(r.returncode == 0 and json.loads(r.stdout) == joined,
                       f"feries {first} --jusqu-a {last} --zone {zone} is the years one by one")
        for args, value in [(["2026", "--jusqu-a", "2025"], "2025"), (["2026", "--jusqu-a", "2201"], "2201"),
                            (["2026", "--jusqu-a", "x"], "x")]:
            r = self.run("feries", *args)
            self.check(r.returncode == 2 and value in r.stderr and r.stdout == "",
                       f"quali feries {' '.join(args)}: exit 2 naming {value!r}, got {r.returncode} {r.stderr!r}")

    def text_output(self):
        r = self.run("--lang", "fr", "feries", "2026")
        lines = r.stdout.splitlines()
        self.check(r.returncode == 0 and len(lines) == 11, "feries 2026: 11 lines, exit 0")
        self.check(lines[:1] == ["2026-01-01  jeudi     Jour de l'an"], f"feries 2026 first line: {lines[:1]}")
        self.check(lines[-1:] == ["2026-12-25  vendredi  Noël"], f"feries 2026 last line: {lines[-1:]}")
        columns = {line.index(name) for line, name in zip(lines, [
            "Jour de l'an", "Lundi de Pâques", "Fête du Travail", "Victoire 1945", "Ascension",
            "Lundi de Pentecôte", "Fête nationale", "Assomption", "Toussaint", "Armistice 1918",
            "Noël"])} if len(lines) == 11 else set()
        self.check(columns == {22}, f"feries 2026: names aligned in one column, got {columns}")
        r = self.run("--lang", "en", "feries", "2026", "--zone", "alsace-moselle")
        lines = r.stdout.splitlines()
        self.check(lines[:2] == ["2026-01-01  Thursday   Jour de l'an", "2026-04-03  Friday     Vendredi saint"],
                   f"feries 2026 in English keeps French names: {lines[:2]}")
        self.check(lines[-1:] == ["2026-12-26  Saturday   Saint-Étienne"], f"Alsace-Moselle 26 December: {lines[-1:]}")
        r = self.run("feries", "2025", "--zone", "martinique", "--format", "json")
        again = self.run("feries", "2025", "--zone", "martinique", "--format", "json")
        self.check(r.stdout == again.stdout and r.stdout.endswith("]\n") and r.stdout.startswith("[\n  {"),
                   "JSON output is deterministic, indented by 2 and ends with a newline")
        self.check({"date": "2025-05-22", "nom": "Abolition de l'esclavage"} in json.loads(r.stdout or "[]"),
                   "Martinique 2025: 22 May, Abolition de l'esclavage")

    def errors(self):
        cases = [(["feries", "1899"], "1899"), (["feries", "2201"], "2201"), (["feries", "abc"], "abc"),
                 (["feries", "20x6"], "20x6"), (["feries", "2026", "--zone", "paris"], "paris"),
                 (["feries", "2026", "--zone", "Metropole"], "Metropole")]
        for args, value in cases:
            r = self.run(*args)
            err = r.stderr.splitlines()
            # The message is one line; main may add its usual "--help" hint on a second line.
            one_line = len(err) == 1 or (len(err) == 2 and "--help" in err[1])
            self.check(r.returncode == 2 and r.stdout == "" and one_line and err[0].startswith("quali: ")
                       and value in err[0],
                       f"quali {' '.join(args)}: exit 2 and one line naming {value!r}, got {r.returncode} {err}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quali", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        suite = Suite(os.path.abspath(args.quali), workdir)
        suite.all_years()
        suite.range_is_the_years_one_by_one()
        suite.text_output()
        suite.errors()
    for reason, count in sorted(suite.exceptions_used.items()):
        print(f"documented difference, {count} day(s): {reason}")
    print(f"{suite.passed} passed, {suite.failed} failed")
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
