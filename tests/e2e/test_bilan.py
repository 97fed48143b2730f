#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali bilan and quali export against figures counted by hand (tests/data/bilan/LISEZMOI.md).

- the bilan's JSON equals tests/data/bilan/depot-2025/expected.json (2025, as of 2025-12-31),
  and a year in progress stops at the reference date;
- every export table read back with Python's csv module equals the JSON export, cell for cell;
  no cell starts with = + - @ tab or CR unless neutralised by a leading apostrophe; --excel
  has the byte-order mark and ';';
- the HTML bilan, loaded in headless Chromium, has its three <svg> charts drawn with <rect>
  and <text>, no <script>, no http: anywhere; Markdown and HTML are the same bytes run after run;
- usage errors exit 2 with one line, and -o never replaces a file without --force.
"""
import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Suite, TempRepo, arguments, check, require, run_quali  # noqa: E402

args = arguments(__doc__.splitlines()[0])
QUALI, SOURCE = args.quali, args.source
DATA = os.path.join(SOURCE, "tests", "data", "bilan")
REPO = os.path.join(DATA, "depot-2025")
TABLES = ["organismes", "actions", "decisions", "audits", "echeances"]
RISKY = ("=", "+", "-", "@", "\t", "\r")
suite = Suite()


def quali_ok(argv, cwd=DATA):
    run = run_quali(QUALI, argv, cwd)
    check(run.code == 0, f"{run.describe()}: exit {run.code}, stderr {run.stderr.strip()!r}")
    return run


def bilan_json(repo=REPO, year="2025", as_of="2025-12-31"):
    run = quali_ok(["bilan", year, "-C", repo, "--as-of", as_of, "--format", "json"])
    return run.json()


def differences(want, got, path="$"):
    """The paths where two JSON values differ (exact types: 5 is not "5")."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for k in sorted(set(want) | set(got)):
            if k not in got:
                out.append(f"{path}.{k}: missing")
            elif k not in want:
                out.append(f"{path}.{k}: unexpected {got[k]!r}")
            else:
                out += differences(want[k], got[k], f"{path}.{k}")
        return out
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{path}: {len(got)} items, expected {len(want)}: {got!r}"]
        out = []
        for i, (a, b) in enumerate(zip(want, got)):
            out += differences(a, b, f"{path}[{i}]")
        return out
    if type(want) is not type(got) or want != got:
        return [f"{path}: {got!r}, expected {want!r}"]
    return []


@suite.test
def test_bilan_json_equals_the_hand_count():
    with open(os.path.join(REPO, "expected.json"), encoding="utf-8") as f:
        want = json.load(f)
    problems = differences(want, bilan_json())
    check(not problems, "\n    " + "\n    ".join(problems))


@suite.test
def test_key_figures_of_2025():
    # The headline counts of LISEZMOI.md, spelt out so that a change in expected.json shows here.
    j = bilan_json()
    check(j["organismes"]["par_etat"] == {"engage": 1, "admissible": 1, "labellise": 2, "expire": 1,
                                          "retire": 1, "refuse": 1}, j["organismes"]["par_etat"])
    check(j["organismes"]["logements_label_valide"] == 5500, "dwellings under a valid label")
    check(j["mouvements"] == {"engagements": 1, "admissibilites": 1, "labellisations": 1, "maintiens": 0,
                              "renouvellements": 1, "retraits": 1, "expirations": 1}, j["mouvements"])
    check(j["comite"]["seances_tenues"] == 2 and j["comite"]["dossiers_examines"] == 5, j["comite"])
    check(j["depots"]["en_retard"] == 1 and j["depots"]["anticipes"] == 1, j["depots"])
    check(j["durees"]["depot_decision"] == {"nombre": 5, "mediane": 10, "min": 0, "max": 19, "q1": 5, "q3": 17},
          j["durees"]["depot_decision"])
    check(j["themes"]["plus_faibles"] == ["T1", "T3", "T2"], j["themes"]["plus_faibles"])
    check([(p["critere"], p["organisme"]) for p in j["themes"]["points_forts"]] ==
          [("T1.1", "beta-logis"), ("T1.2", "eta-residences"), ("T3.1", "delta-habitat")], "strong points")
    paa = {k: v for k, v in j["actions_paa"].items() if k != "liste_en_retard"}
    check(paa == {"dues": 6, "realisees": 2, "en_retard": 2, "ouvertes": 1, "abandonnees": 1}, paa)
    check([q["organisme"] for q in j["qualite_donnees"]["liste"]] == ["alpha-habitat", "delta-habitat", "theta-avenir"],
          j["qualite_donnees"])


@suite.test
def test_a_year_in_progress_stops_at_the_reference_date():
    j = bilan_json(as_of="2025-06-30")
    check(j["periode"] == {"debut": "2025-01-01", "fin": "2025-06-30", "complete": False}, j["periode"])
    check(j["comite"]["seances_tenues"] == 1, "one session held by 2025-06-30")
    check(j["comite"]["seances_prevues"] == ["2025-10-16"], j["comite"]["seances_prevues"])
    check(j["organismes"]["par_etat"]["labellise"] == 3, "epsilon is still labelled on 2025-06-30")
    check(j["mouvements"]["retraits"] == 0 and j["mouvements"]["expirations"] == 1, j["mouvements"])
    check(j["actions_paa"]["en_retard"] == 0 and j["actions_paa"]["ouvertes"] == 3, j["actions_paa"])
    # Data quality is read as of the reference date too: beta's event of 2025-09-25 and the
    # October filings of beta and eta are then in the future (Q323, Q357, Q358), as is theta's
    # engagement (Q354).
    check([q["organisme"] for q in j["qualite_donnees"]["liste"]] ==
          ["alpha-habitat", "beta-logis", "delta-habitat", "eta-residences", "theta-avenir"], j["qualite_donnees"])


def export(table, fmt="csv", excel=False, repo=REPO):
    argv = ["export", "--table", table, "-C", repo, "--as-of", "2025-12-31", "--format", fmt]
    if excel:
        argv.append("--excel")
    run = run_quali(QUALI, argv, DATA)
    check(run.code == 0, f"{run.describe()}: exit {run.code}, stderr {run.stderr.strip()!r}")
    return run


def export_bytes(table, excel=False, repo=REPO):
    """The raw bytes of a CSV export (written with -o, so that no text decoding touches them)."""
    work = tempfile.mkdtemp(prefix="quali-e2e-csv-")
    try:
        out = os.path.join(work, f"{table}.csv")
        argv = ["export", "--table", table, "-C", repo, "--as-of", "2025-12-31", "-o", out]
        if excel:
            argv.append("--excel")
        quali_ok(argv)
        with open(out, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def unneutralised(cell):
    return cell[1:] if cell[:1] == "'" and cell[1:2] in RISKY else cell


def check_csv_matches_json(table, repo=REPO):
    raw = export_bytes(table, repo=repo)
    check(not raw.startswith(b"\xef\xbb\xbf"), f"{table}: plain CSV has no byte-order mark")
    text = raw.decode("utf-8")
    check(text.endswith("\r\n"), f"{table}: records end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    records = json.loads(export(table, "json", repo=repo).stdout)
    check(isinstance(records, list), f"{table}: the JSON export is a list")
    header, body = rows[0], rows[1:]
    check(len(body) == len(records), f"{table}: {len(body)} CSV rows, {len(records)} JSON rows")
    for i, (row, record) in enumerate(zip(body, records)):
        check(list(record) == header, f"{table}: JSON keys {list(record)} differ from the CSV header {header}")
        check(len(row) == len(header), f"{table} row {i + 1}: {len(row)} cells for {len(header)} columns")
        for name, cell in zip(header, row):
            check(not (cell[:1] in RISKY and not _plain_number(cell)),
                  f"{table} row {i + 1} {name}: formula-like cell {cell!r}")
            check(unneutralised(cell) == record[name],
                  f"{table} row {i + 1} {name}: CSV {cell!r}, JSON {record[name]!r}")
    return header, body


def _plain_number(cell):
    body = cell[1:] if cell.startswith("-") else cell
    return body.replace(".", "", 1).isdigit()


@suite.test
def test_every_table_reads_back_to_the_json_values():
    counts = {}
    for table in TABLES:
        header, body = check_csv_matches_json(table)
        counts[table] = len(body)
    check(counts["organismes"] == 8, counts)
    check(counts["actions"] == 11, counts)
    check(counts["audits"] == 8, counts)
    check(counts["decisions"] == 17, counts)
    return ", ".join(f"{t} {n}" for t, n in counts.items())


@suite.test
def test_hostile_cells_are_neutralised_and_quoted():
    patch = {"edit": [
        {"file": "organismes/alpha-habitat/organisme.yaml", "replace": "nom: Alpha Habitat",
         "with": "nom: \"=HYPERLINK(\\\"x\\\"), dit \\\"Alpha\\\"\""},
        {"file": "organismes/alpha-habitat/organisme.yaml", "replace": "region: Occitanie",
         "with": "region: \"+33 Occitanie; sud\""},
        {"file": "organismes/alpha-habitat/paa.yaml", "replace": "titre: Charte d'accueil,",
         "with": "titre: \"@SOMME(A1:A9)\\nsur deux lignes\","},
        {"file": "organismes/alpha-habitat/paa.yaml", "replace": "pilote: Qualité, echeance: 2025-12-31",
         "with": "pilote: \"\\tTabulation\", echeance: 2025-12-31"},
        {"file": "organismes/beta-logis/organisme.yaml", "replace": "nom: Beta Logis",
         "with": "nom: \"-Beta\\rLogis\""},
    ]}
    with TempRepo(REPO, patch) as repo:
        for table in ("organismes", "actions"):
            check_csv_matches_json(table, repo=repo)
        raw = export_bytes("organismes", repo=repo).decode("utf-8")
        check("\"'=HYPERLINK(\"\"x\"\"), dit \"\"Alpha\"\"\"" in raw, f"quoted, doubled, neutralised: {raw[:400]!r}")
        check("\"'+33 Occitanie; sud\"" not in raw and "'+33 Occitanie; sud" in raw, "';' needs no quotes with ','")
        check("\"'-Beta\rLogis\"" in raw, "a CR inside a cell is quoted")
        actions = export_bytes("actions", repo=repo).decode("utf-8")
        check("\"'@SOMME(A1:A9)\nsur deux lignes\"" in actions, f"multi-line cell: {actions[:600]!r}")
        check("'\tTabulation" in actions, "a leading tab is neutralised")
        excel = export_bytes("organismes", excel=True, repo=repo).decode("utf-8")
        check("\"'+33 Occitanie; sud\"" in excel, "with ';' as separator the cell is quoted")


@suite.test
def test_excel_dialect_has_the_bom_and_semicolons():
    raw = export_bytes("audits", excel=True)
    check(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark")
    text = raw[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    check(rows[0][:3] == ["organisme", "audit", "type"], rows[0])
    records = json.loads(export("audits", "json").stdout)
    for row, record in zip(rows[1:], records):
        check(row == [record[k] for k in rows[0]], f"{row} != {record}")
    run = run_quali(QUALI, ["export", "--table", "audits", "-C", REPO, "--format", "json", "--excel"], DATA)
    check(run.code == 2 and "--excel" in run.stderr, f"--excel with json: exit {run.code} {run.stderr!r}")


class Dom(html.parser.HTMLParser):
    """Counts the elements of a page and the children of each <svg>."""

    def __init__(self):
        super().__init__()
        self.stack, self.svgs, self.tags = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "svg":
            self.svgs.append({"rect": 0, "text": 0, "attrs": dict(attrs)})
        elif self.svgs and "svg" in self.stack and tag in ("rect", "text"):
            self.svgs[-1][tag] += 1
        if tag not in ("rect", "line", "meta"):  # void or self-closed in the dumped DOM
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def chromium(*argv, timeout=120):
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    require(os.path.exists(browser), "chromium is not installed (apt-get install -y chromium)")
    profile = tempfile.mkdtemp(prefix="quali-e2e-chromium-")
    try:
        proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                               "--no-first-run", "--disable-background-networking", "--disable-component-update",
                               "--disable-sync", f"--user-data-dir={profile}"] + list(argv),
                              capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    check(proc.returncode == 0, f"chromium exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-400:]}")
    return proc.stdout.decode("utf-8", "replace")


@suite.test
def test_html_renders_its_charts_in_chromium():
    work = tempfile.mkdtemp(prefix="quali-e2e-html-")
    try:
        page = os.path.join(work, "bilan.html")
        quali_ok(["bilan", "2025", "-C", REPO, "--as-of", "2025-12-31", "--format", "html", "-o", page])
        with open(page, encoding="utf-8") as f:
            source = f.read()
        check("<script" not in source.lower(), "no script in the page")
        check("http:" not in source and "https:" not in source, "no URL in the page")
        check('<html lang="fr">' in source, "lang=fr")
        check("<th" in source, "tables have header cells")
        dom = Dom()
        dom.feed(chromium("--dump-dom", "file://" + page))
        check(dom.tags.get("script", 0) == 0, "no <script> in the rendered DOM")
        check(len(dom.svgs) == 3, f"{len(dom.svgs)} <svg> elements, expected 3")
        for svg in dom.svgs:
            check(svg["rect"] > 0 and svg["text"] > 0, f"an <svg> without rect or text children: {svg}")
        shot = os.path.join(work, "bilan.png")
        chromium("--window-size=1000,3000", f"--screenshot={shot}", "file://" + page)
        with open(shot, "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", "the screenshot is a PNG")
        check(os.path.getsize(shot) > 20000, "the screenshot is not blank")
    finally:
        shutil.rmtree(work, ignore_errors=True)


@suite.test
def test_documents_are_deterministic_and_markdown_has_the_sections():
    for fmt in ("md", "html", "json"):
        argv = ["bilan", "2025", "-C", REPO, "--as-of", "2025-12-31", "--format", fmt]
        first, second = quali_ok(argv).stdout, quali_ok(argv).stdout
        check(first == second, f"{fmt}: two runs differ")
    md = quali_ok(["bilan", "2025", "-C", REPO, "--as-of", "2025-12-31"]).stdout
    for heading in ("# Label Quali'Hlm — mini-bilan 2025", "## 1. Les organismes", "## 3. Le comité",
                    "## 5. Points forts et points d'alerte", "## 9. Qualité des données"):
        check(heading in md, f"missing {heading!r}")
    check("| Delta Habitat | 1 | 0 |" in md, "data quality row of delta-habitat")


@suite.test
def test_usage_errors_exit_2_and_files_are_never_replaced():
    for argv, fragment in ((["bilan", "20x5", "-C", REPO], "année invalide"),
                           (["bilan", "2025", "-C", REPO, "--as-of", "2024-12-31"], "avant l'année"),
                           (["export", "--table", "organisme", "-C", REPO], "table inconnue")):
        run = run_quali(QUALI, argv, DATA)
        check(run.code == 2, f"{run.describe()}: exit {run.code}, expected 2")
        check(fragment in run.stderr and run.stderr.count("\n") == 1, f"{run.describe()}: stderr {run.stderr!r}")
    with TempRepo(os.path.join(REPO, "organismes", "zeta-foyer")) as lone:
        run = run_quali(QUALI, ["bilan", "2025", "-C", lone, "--as-of", "2025-12-31"], DATA)
        check(run.code == 2 and "dépôt" in run.stderr, f"a lone organisation folder: exit {run.code} {run.stderr!r}")
    with TempRepo(None) as work:
        out = os.path.join(work, "bilan.json")
        with open(out, "w", encoding="utf-8") as f:
            f.write("à garder")
        run = run_quali(QUALI, ["bilan", "2025", "-C", REPO, "--as-of", "2025-12-31", "--format", "json", "-o", out], DATA)
        check(run.code == 2 and "--force" in run.stderr, f"exit {run.code}, stderr {run.stderr!r}")
        with open(out, encoding="utf-8") as f:
            check(f.read() == "à garder", "the existing file is intact")
        quali_ok(["bilan", "2025", "-C", REPO, "--as-of", "2025-12-31", "--format", "json", "-o", out, "--force"])
        with open(out, encoding="utf-8") as f:
            check(json.load(f)["annee"] == 2025, "replaced with --force")
        csv_out = os.path.join(work, "t.csv")
        quali_ok(["export", "--table", "actions", "-C", REPO, "-o", csv_out])
        run = run_quali(QUALI, ["export", "--table", "actions", "-C", REPO, "-o", csv_out], DATA)
        check(run.code == 2, f"export over an existing file: exit {run.code}")


@suite.test
def test_example_repository_bilan_of_2025():
    j = bilan_json(os.path.join(SOURCE, "examples", "depot"), "2025", "2026-06-10")
    check(j["comite"]["seances_tenues"] == 2 and j["comite"]["dossiers_examines"] == 5, j["comite"])
    check(j["mouvements"]["retraits"] == 1 and j["mouvements"]["labellisations"] == 1, j["mouvements"])
    check(j["qualite_donnees"]["organismes_en_erreur"] == 0, j["qualite_donnees"])


sys.exit(suite.run(args.tests))
