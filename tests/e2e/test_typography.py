#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Every text a person reads, as a person reads it (DOMAIN §5.6): real plurals, elision,
labels instead of enumeration codes, no stray space before a closing bracket.

Renders every document and text output of examples/depot (agenda and procès-verbal of every
session, the instruction sheet of every organisme, the letters of every held session, the
bilans, every page of quali site and of its public site, status, deadlines, diff, export, the
help of every command, validate's messages on broken dossiers) and fails on:
- « (s) », « (e) », « (es) »: a plural left to the reader;
- an enumeration code of the repository format in running text (`federation-oph`, `prevue`,
  `ajourne`…): JSON, CSV values and file paths are machine text and are not read; help texts
  and validate's messages name the values to type, so only the other checks apply to them;
- a missed elision (« de admissibilité », « de Azur », « que il »);
- a space before « ) » or after « ( ».
The checker itself is tested first on sentences with each defect, so that it cannot pass
by finding nothing.

Usage: test_typography.py --quali BINARY --source SOURCE_DIR [TEST…]
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import Failure, TempRepo, check, require  # noqa: E402

AS_OF = "2026-06-10"

# Enumeration codes of the repository format that are not French words as written (a label
# would have its accents, its spaces or its capital): seen in running text, a code leaked.
# Codes that are also words (information, association, conforme, admissible, suivi, locale…)
# cannot be told apart from the word and are left out.
CODES = [
    # federation, college, role
    "federation-oph", "federation-esh", "federation-coop", "procivis", "federation",
    "associations-regionales", "ministere-logement", "caisse-des-depots", "assurance-retraite",
    "president", "vice-president",
    # zones of public holidays
    "metropole", "alsace-moselle", "la-reunion",
    # audit types, evaluations
    "diagnostic-hqs", "diagnostic-hqs-renouvellement", "verification", "mise-en-oeuvre",
    "point-fort", "point-d-alerte", "non-evalue",
    # action states, steps, instances
    "prevue", "en-cours", "realisee", "abandonnee", "paa", "conseil-administration",
    # requests and decisions
    "admissibilite", "labellise", "renouvele", "ajourne", "refuse", "retire",
    # quali's own state codes shown in JSON
    "a-l-heure", "en-retard", "anticipe", "non-signee", "non-verifiee", "inchangee", "modifiee",
]
CODE_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(c) for c in sorted(CODES, key=len, reverse=True))
                     + r")(?![\w-])")
PLURAL_RE = re.compile(r"\w\((?:s|e|es|x)\)")
ELISION_RE = re.compile(r"(?<![\w'’-])(de|que|le|la|ne|se|je|me|ce|jusque|lorsque|puisque)\s+"
                        r"(?=[aeiouyàâäéèêëîïôöûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒ])")
SPACE_RE = re.compile(r"\S[ \t\u00a0\u202f]+\)|\([ \t\u00a0\u202f]+\S")
PATH_RE = re.compile(r"\S*/\S*|\S+\.(?:yaml|yml|pdf|md|html|ics|csv|json|txt|mustache)\b|\]\([^)]*\)")

ALL = ("plural", "code", "elision", "space")


def findings(text, checks=ALL, french=True):
    """The defects of a text, as (rule, excerpt) pairs."""
    found = []

    def scan(rule, regex, subject):
        for m in regex.finditer(subject):
            start = max(0, m.start() - 40)
            found.append((rule, subject[start:m.end() + 40].replace("\n", "⏎")))

    if "plural" in checks:
        scan("« (s) »", PLURAL_RE, text)
    if "space" in checks:
        scan("espace avant « ) » ou après « ( »", SPACE_RE, text)
    prose = PATH_RE.sub(" ", text)
    if "code" in checks:
        scan("code d'énumération", CODE_RE, prose)
    if "elision" in checks and french:
        scan("élision manquée", ELISION_RE, prose)
    return found


class Text(html.parser.HTMLParser):
    """The text of an HTML page as a reader sees it (no script, no style, no attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("p", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "br", "div"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(page):
    parser = Text()
    parser.feed(page)
    return "".join(parser.parts)


def read(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return html_text(text) if path.endswith(".html") else text


def sessions(repo):
    """(date, held) for each session file of the repository."""
    out = []
    for name in sorted(os.listdir(os.path.join(repo, "comite/seances"))):
        with open(os.path.join(repo, "comite/seances", name), encoding="utf-8") as f:
            out.append((name[:-5], re.search(r"^decisions:", f.read(), re.M) is not None))
    return out


def organismes(repo):
    return sorted(os.listdir(os.path.join(repo, "organismes")))


class Outputs:
    """Runs quali in a copy of the examples and collects what it prints and writes, each text with
    the checks it gets and whether it is French (elision is checked in French only)."""

    def __init__(self, quali, repo):
        self.quali, self.repo, self.items = quali, repo, []

    def run(self, what, args, checks=ALL, french=True, codes=(0,)):
        run = lib.run_quali(self.quali, args, self.repo)
        check(run.code in codes, f"{what}: {run.describe()}")
        self.items.append((what, run.stdout + run.stderr, checks, french))
        return run

    def file(self, what, path, checks=ALL):
        self.items.append((what, read(path), checks, True))

    def page(self, name, args):
        """Runs a document command with -o NAME beside the repository; reads its messages and
        the page (its text only, for HTML)."""
        path = os.path.join(self.repo, "..", name)
        self.run(" ".join(args), args + ["-o", path])
        self.file(name, path)

    def defects(self):
        out = []
        for what, text, checks, french in self.items:
            out += [f"{what}: {rule}: …{excerpt}…" for rule, excerpt in findings(text, checks, french)]
        return out


def assert_clean(outputs):
    defects = outputs.defects()
    shown = int(os.environ.get("QUALI_TYPO_MAX", "60"))
    check(not defects, f"{lib.count_of(len(defects), 'défaut', 'défauts')} :\n  " + "\n  ".join(defects[:shown]))
    return f"{len(outputs.items)} textes lus"


def examples():
    return TempRepo(os.path.join(ARGS.source, "examples/depot"))


# ---------------------------------------------------------------------------------------------

SUITE = lib.Suite()


@SUITE.test
def test_the_checker_finds_each_defect_and_passes_clean_french():
    bad = {
        "« (s) »": "Il reste 1 point(s) d'alerte et 3 action(s) prévue(s).",
        "code d'énumération": "Organisme : ESH, federation-oph ; A01 : prevue → realisee ; **ajourne**.",
        "élision manquée": "votre demande de admissibilité ; le dossier de Azur Provence ; que il",
        "espace avant « ) » ou après « ( »": "(non traités : T2.1 ) et ( T2.2)",
    }
    for rule, text in bad.items():
        got = {r for r, _ in findings(text)}
        check(rule in got, f"{rule} not found in {text!r}: {got}")
    counts = {r: sum(1 for x, _ in findings(t) if x == r) for r, t in bad.items()}
    check(counts == {"« (s) »": 3, "code d'énumération": 4, "élision manquée": 3,
                     "espace avant « ) » ou après « ( »": 2}, f"counts {counts}")
    clean = ("Votre demande d'admissibilité ; 1 point d'alerte (non traité : T2.1) ; audit de "
             "vérification ; Fédération des offices publics de l'habitat ; voir "
             "organismes/habitat-loire/paa.yaml et preuves/federation-oph.pdf ; le 1er juin ; de Habitat.")
    check(not findings(clean), f"clean text flagged: {findings(clean)}")
    check(not findings("Ajourné : prevue", checks=("plural", "space", "elision")), "code checked when not asked")


@SUITE.test
def test_the_committee_papers():
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for day, held in sessions(repo):
            for fmt in ("md", "html"):
                out.page(f"agenda-{day}.{fmt}", ["agenda", day, "--as-of", AS_OF, "--format", fmt])
                if held:
                    out.page(f"pv-{day}.{fmt}", ["pv", day, "--format", fmt])
            if held:
                letters = os.path.join(repo, "..", f"lettres-{day}")
                out.run(f"notify {day}", ["notify", day, "--as-of", AS_OF, "-o", letters])
                for name in sorted(os.listdir(letters)):
                    out.file(f"notify {day} {name}", os.path.join(letters, name))
        for slug in organismes(repo):
            for fmt in ("md", "html"):
                out.page(f"dossier-{slug}.{fmt}", ["dossier", slug, "--as-of", AS_OF, "--format", fmt])
        return assert_clean(out)


@SUITE.test
def test_the_bilans():
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for year in ("2023", "2024", "2025", "2026"):
            for fmt in ("md", "html"):
                out.page(f"bilan-{year}.{fmt}", ["bilan", year, "--as-of", AS_OF, "--format", fmt])
        return assert_clean(out)


@SUITE.test
def test_the_site():
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for name, extra in (("site", []), ("site-public", ["--public"])):
            folder = os.path.join(repo, "..", name)
            out.run(" ".join(["site", *extra]), ["site", "--as-of", AS_OF, "-o", folder, *extra])
            for dirpath, _, filenames in os.walk(folder):
                for n in sorted(filenames):
                    if n.endswith(".html"):
                        out.file(f"{name}/{os.path.relpath(os.path.join(dirpath, n), folder)}", os.path.join(dirpath, n))
        return assert_clean(out)


@SUITE.test
def test_status_deadlines_and_export():
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for lang in ("fr", "en"):
            french = lang == "fr"
            out.run(f"status {lang}", ["--lang", lang, "status", "--as-of", AS_OF], french=french)
            out.run(f"deadlines {lang}", ["--lang", lang, "deadlines", "--as-of", AS_OF], french=french)
            out.run(f"validate {lang}", ["--lang", lang, "validate", "--as-of", AS_OF], french=french)
        for table in ("organismes", "actions", "decisions", "audits", "echeances"):
            # CSV values are codes by contract; the check is on what a person reads in a cell.
            out.run(f"export {table}", ["export", "--table", table, "--as-of", AS_OF],
                    checks=("plural", "space"))
        return assert_clean(out)


@SUITE.test
def test_diff_between_two_commits():
    require(shutil.which("git") is not None, "git is missing (apt-get install git)")
    with examples() as repo:
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t")

        def git(*args):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)

        git("init", "-q")
        git("add", "-A")
        git("commit", "-q", "-m", "Exemple")
        paa = os.path.join(repo, "organismes/rhone-saone-logis/paa.yaml")
        with open(paa, encoding="utf-8") as f:
            text = f.read()
        changed = text.replace("etat: prevue", "etat: realisee", 1).replace("etat: en-cours", "etat: abandonnee", 1)
        check(changed != text, "the example PAA has no planned action to change")
        with open(paa, "w", encoding="utf-8") as f:
            f.write(changed)
        out = Outputs(ARGS.quali, repo)
        out.run("diff text", ["diff", "HEAD"])
        out.run("diff md", ["diff", "HEAD", "--format", "md"])
        check("A06" in out.items[0][1], f"diff does not show the changed action: {out.items[0][1]}")
        return assert_clean(out)


@SUITE.test
def test_help_of_every_command():
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for lang in ("fr", "en"):
            helps = out.run(f"--help {lang}", ["--lang", lang, "--help"], checks=("plural", "space", "elision"),
                            french=lang == "fr").stdout
            for name in lib.listed_subcommands(helps):
                out.run(f"{name} --help {lang}", ["--lang", lang, name, "--help"],
                        checks=("plural", "space", "elision"), french=lang == "fr")
        return assert_clean(out)


@SUITE.test
def test_validate_messages_on_broken_dossiers():
    """validate's messages name the values to type (codes are their subject), so plurals,
    elision and brackets only; run on every broken dossier of tests/data/rules and
    tests/data/validate (each case's patch of its _base, as test_rules builds them)."""
    with examples() as repo:
        out = Outputs(ARGS.quali, repo)
        for suite in ("rules", "validate"):
            base = os.path.join(ARGS.source, "tests/data", suite)
            for case in sorted(os.listdir(base)):
                path = os.path.join(base, case, "expect.json")
                if case.startswith("_") or not os.path.exists(path):
                    continue
                with open(path, encoding="utf-8") as f:
                    spec = json.load(f)
                if "standalone" in spec:
                    continue
                with TempRepo(os.path.join(base, "_base"), spec) as broken:
                    out.run(f"validate {suite}/{case}",
                            ["validate", broken, "--as-of", spec.get("as_of", AS_OF)],
                            checks=("plural", "space", "elision"), codes=(0, 1, 2))
        check(len(out.items) > 100, f"only {len(out.items)} broken dossiers found")
        return assert_clean(out)


if __name__ == "__main__":
    ARGS = lib.arguments(__doc__.splitlines()[0])
    sys.exit(SUITE.run(ARGS.tests))
