#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali agenda, quali dossier, quali notify and quali pv, end to end.

Runs the real binary on the hand-computed scenarios of tests/data/agenda/ (each folder: a small
repository, LISEZMOI.md with the computation, expected.json with the section membership and the
letters' next-step dates) and on examples/depot (reference date 2026-06-10). The procès-verbal of
2025-11-20 is compared with its approved output (tests/golden/agenda/).

Usage: test_agenda.py --quali PATH_TO_BINARY --source SOURCE_DIR [TEST_NAME…]
Prints `ok NAME` or `FAIL NAME: reason` per test, then "N passed, M failed"; exits 1 on failure.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import (Failure, Golden, Suite, TempRepo, agenda_disagreements, arguments, check, run_quali, snapshot,  # noqa: E402
                 snapshot_changes)

args = arguments(__doc__)
QUALI, SOURCE = args.quali, args.source
DATA = os.path.join(SOURCE, "tests", "data", "agenda")
EXAMPLE = os.path.join(SOURCE, "examples", "depot")
JUIN = os.path.join(DATA, "seance-de-juin")
suite = Suite()


def scenarios():
    return sorted(n for n in os.listdir(DATA) if os.path.isdir(os.path.join(DATA, n)))


def expected_of(name):
    with open(os.path.join(DATA, name, "expected.json"), encoding="utf-8") as f:
        return json.load(f)


def ok(run):
    check(run.code == 0, f"{run.describe()}: exit {run.code}, stderr {run.stderr.strip()!r}")
    return run


def agenda_json(repo, seance, as_of, cwd=None):
    run = ok(run_quali(QUALI, ["agenda", seance, "-C", repo, "--as-of", as_of, "--format", "json"], cwd or repo))
    return run.json()


def membership(agenda):
    groups = {g["demande"]: [d["organisme"] for d in g["dossiers"]] for g in agenda["groupes"]}
    sections = {k: [x["organisme"] for x in v] for k, v in agenda["sections"].items()}
    return groups, sections


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


# --- the agenda ------------------------------------------------------------------------------


@suite.test
def test_scenarios_give_the_hand_computed_sections():
    names = scenarios()
    check(len(names) >= 2, f"at least two scenarios expected, got {names}")
    problems = []
    for name in names:
        exp = expected_of(name)["agenda"]
        got = agenda_json(os.path.join(DATA, name), exp["seance"], exp["as_of"])
        groups, sections = membership(got)
        if groups != exp["groupes"]:
            problems.append(f"{name}: groups {groups}, expected {exp['groupes']}")
        if sections != exp["sections"]:
            problems.append(f"{name}: sections {sections}, expected {exp['sections']}")
        window = [got["seance"]["fenetre_depot"]["ouverture"], got["seance"]["fenetre_depot"]["fermeture"]]
        if window != exp["fenetre_depot"]:
            problems.append(f"{name}: window {window}, expected {exp['fenetre_depot']}")
        totals = got["totaux"]
        for key in ("a_l_heure", "en_retard", "anticipe", "incomplet", "attendu_non_depose"):
            if totals[key] != len(exp["sections"][key]):
                problems.append(f"{name}: totaux.{key} = {totals[key]}")
    check(not problems, "\n    " + "\n    ".join(problems))


@suite.test
def test_incomplets_agree_with_validate():
    problems = agenda_disagreements(QUALI, EXAMPLE, "2026-06-10")
    for name in scenarios():
        as_of = expected_of(name)["agenda"]["as_of"]
        problems += [f"{name}: {p}" for p in agenda_disagreements(QUALI, os.path.join(DATA, name), as_of)]
    check(not problems, "\n    " + "\n    ".join(problems))


@suite.test
def test_every_filed_dossier_carries_its_instruction_summary():
    got = agenda_json(JUIN, "2026-06-18", "2026-06-18")  # the morning of the session: every filing is past
    dossiers = {d["organisme"]: d for g in got["groupes"] for d in g["dossiers"]}
    delta = dossiers["delta-habitat"]
    check(delta["incomplet"] is True and delta["validation"]["erreurs_dossier"] >= 1, f"delta: {delta['validation']}")
    check(any(d["code"] == "Q302" for d in delta["validation"]["diagnostics"]), "delta lacks its Q302 error")
    check(delta["candidature"]["validation_auditeur"]["date"] == "2026-06-12", str(delta["candidature"]))
    check(delta["parcours"]["prochaine_etape"] == "labellisation" and delta["parcours"]["echeance"] == "2026-11-20",
          str(delta["parcours"]))
    check([d["decision"] for d in delta["decisions_anterieures"]] == ["admissible"], str(delta["decisions_anterieures"]))
    bravo = dossiers["bravo-logis"]
    check(bravo["statut_depot"] == "en-retard" and bravo["incomplet"] is False, f"bravo: {bravo['statut_depot']}")
    check(any(d["code"] == "Q360" for d in bravo["validation"]["diagnostics"]), "bravo's Q360 is in its validation")
    alpha = dossiers["alpha-habitat"]
    check(alpha["validation"]["erreurs"] == 0 and alpha["statut_depot"] == "a-l-heure", str(alpha["validation"]))
    seats = got["seance"]["sieges"]
    check([s["id"] for s in seats] == ["ush", "federation-oph", "locataires-cnl"], str(seats))
    check(seats[0]["titulaire"]["nom"] == "Bernard Lemaire" and seats[0]["suppleant"]["nom"] == "Nadia Benali",
          str(seats[0]))
    check(got["seance"]["seance_suivante"] == "2026-11-19", str(got["seance"]))
    expected = {e["organisme"]: e for e in got["sections"]["attendu_non_depose"]}
    check(expected["india-habitat"]["parcours"]["en_retard"] is True, "india is late")
    check(expected["juliet-habitat"]["autre_candidature"]["seance"] == "2026-11-19", "juliet filed for november")
    check(expected["kilo-habitat"]["parcours"]["echeance"] == "2026-06-30", "kilo's derogation")


@suite.test
def test_example_repository_agenda():
    got = agenda_json(EXAMPLE, "2026-06-18", "2026-06-10")
    groups, sections = membership(got)
    check(groups == {"labellisation": ["rhone-saone-logis"], "renouvellement": ["meuse-moselle-habitat"]}, str(groups))
    check(sections["a_l_heure"] == ["meuse-moselle-habitat", "rhone-saone-logis"], str(sections))
    check(sections["en_retard"] == [] and sections["anticipe"] == [] and sections["incomplet"] == [], str(sections))
    check(sections["attendu_non_depose"] == ["coop-habitat-garonne", "habitat-loire", "logis-trois-vallees"],
          str(sections))
    check(len(got["seance"]["sieges"]) == 14, "the 14 seats of comite/membres.yaml are convened")
    check(got["referent"]["nom"] == "Hélène Roussel", str(got["referent"]))


@suite.test
def test_output_is_deterministic_and_independent_of_the_current_folder():
    outputs = set()
    for fmt in ("md", "html", "json"):
        a = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", JUIN, "--as-of", "2026-06-10", "--format", fmt], JUIN))
        b = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", JUIN, "--as-of", "2026-06-10", "--format", fmt], "/"))
        check(a.stdout == b.stdout, f"--format {fmt}: output depends on the current folder")
        outputs.add(a.stdout)
    check(len(outputs) == 3, "md, html and json differ")


@suite.test
def test_markdown_escapes_table_characters():
    hostile = "Alpha | Habitat *gras* _x_ <b>y</b> [lien](z) `code` # \\ &amp;"
    patch = {"edit": [{"file": "organismes/alpha-habitat/organisme.yaml", "replace": "nom: Alpha Habitat",
                       "with": "nom: " + json.dumps(hostile)}]}
    with TempRepo(JUIN, patch) as repo:
        md = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10"], repo)).stdout
        want = "Alpha \\| Habitat \\*gras\\* \\_x\\_ \\<b\\>y\\</b\\> \\[lien\\](z) \\`code\\` \\# \\\\ \\&amp;"
        check(want in md, f"escaped name {want!r} not in the Markdown")
        check("<b>" not in md and "| Habitat" not in md.replace("\\| Habitat", ""), "raw markup leaked")
        # Every table keeps the same number of cells on each row.
        problems = []
        table = None
        for line in md.splitlines():
            if not line.startswith("|"):
                table = None
                continue
            cells = len(re.findall(r"(?<!\\)\|", line))
            if table is None:
                table = cells
            elif cells != table:
                problems.append(f"{cells} cells instead of {table}: {line}")
        check(not problems, "\n    " + "\n    ".join(problems))
        dossier = ok(run_quali(QUALI, ["dossier", "alpha-habitat", "-C", repo, "--as-of", "2026-06-10"], repo)).stdout
        check(want in dossier, "the dossier escapes the name too")


@suite.test
def test_unknown_session_is_refused_with_the_nearest_dates():
    run = run_quali(QUALI, ["agenda", "2026-06-17", "-C", JUIN], JUIN)
    check(run.code == 2, f"exit {run.code}")
    lines = run.stderr.strip().splitlines()
    check(len(lines) == 1 and "2026-06-18" in lines[0] and "comite/seances/2026-06-17.yaml" in lines[0], run.stderr)
    run = run_quali(QUALI, ["agenda", "juin", "-C", JUIN], JUIN)
    check(run.code == 2 and "AAAA-MM-JJ" in run.stderr, run.stderr)
    run = run_quali(QUALI, ["notify", "2026-06-19", "-C", JUIN], JUIN)
    check(run.code == 2 and "2026-06-18" in run.stderr, run.stderr)


@suite.test
def test_output_file_is_never_replaced_without_force():
    with TempRepo(JUIN) as repo:
        out = os.path.join(repo, "..", "agenda.html")
        ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10", "--format", "html",
                             "-o", out], repo))
        with open(out, "w", encoding="utf-8") as f:
            f.write("mine")
        run = run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10", "-o", out], repo)
        check(run.code == 2 and "--force" in run.stderr, f"exit {run.code}: {run.stderr}")
        check(read(out) == "mine", "the file was modified")
        ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10", "-o", out, "--force"], repo))
        check(read(out).startswith("# Comité de labellisation"), "--force did not replace the file")


# --- the instruction sheet -----------------------------------------------------------------


@suite.test
def test_dossier_sheet():
    run = ok(run_quali(QUALI, ["dossier", "logis-trois-vallees", "-C", EXAMPLE, "--as-of", "2026-06-10",
                               "--format", "json"], EXAMPLE))
    got = run.json()
    check(got["parcours"]["echeance"] == "2026-09-30" and got["parcours"]["derogation"] is not None, str(got["parcours"]))
    check([d["seance"] for d in got["decisions"]] == ["2023-06-15", "2024-06-20", "2025-06-19"], str(got["decisions"]))
    check(len(got["audits"]) == 3 and len(got["paa"]["liste"]) == 7, "audits and PAA actions")
    check(got["paa"]["points_alerte_total"] == got["paa"]["points_alerte_traites"], str(got["paa"]))
    check(got["evenements"] == sorted(got["evenements"], key=lambda e: e["date"]), "timeline sorted by date")
    check(any(n["date"] == "2026-09-30" for n in got["prochaines_etapes"]), str(got["prochaines_etapes"]))
    md = ok(run_quali(QUALI, ["dossier", "logis-trois-vallees", "-C", EXAMPLE, "--as-of", "2026-06-10"], EXAMPLE))
    for heading in ("## Parcours de labellisation", "## Audits", "## Plan d'actions d'amélioration (PAA)",
                    "## Concertation avec les représentants des locataires", "## Validation", "## Prochaines étapes"):
        check(heading in md.stdout, f"missing {heading!r}")
    check("| A06 | Régulariser les charges 2024 et 2025" in md.stdout, "PAA table row")
    run = run_quali(QUALI, ["dossier", "logis-trois-valees", "-C", EXAMPLE], EXAMPLE)
    check(run.code == 2 and "logis-trois-vallees" in run.stderr, f"did-you-mean: {run.stderr}")
    far = run_quali(QUALI, ["dossier", "zzz", "-C", EXAMPLE], EXAMPLE)
    check(far.code == 2 and "organismes du dépôt : azur-provence-immobilier, " in far.stderr,
          f"a small repository's slugs are listed: {far.stderr}")


@suite.test
def test_an_unknown_slug_in_a_large_repository_is_told_without_the_whole_list():
    with TempRepo() as empty:
        repo = os.path.join(os.path.dirname(empty), "bench-30")
        subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen.py"), "30", repo], check=True,
                       stdout=subprocess.DEVNULL)
        run = run_quali(QUALI, ["dossier", "zzz", "-C", repo], repo)
        check(run.code == 2, f"exit {run.code}")
        check(run.stderr.count("\n") <= 2 and "30 organismes dans le dépôt : quali status les liste" in run.stderr,
              f"the message: {run.stderr!r}")


# --- the letters -----------------------------------------------------------------------------


def letter_paths(folder, seance, slugs):
    return [os.path.join(folder, f"{seance}-{s}.{ext}") for s in slugs for ext in ("md", "html")]


@suite.test
def test_letters_give_the_next_step_dates():
    exp = expected_of("seance-de-juin")["notify"]
    with TempRepo(JUIN) as repo:
        session = os.path.join(repo, "comite", "seances", exp["seance"] + ".yaml")
        before = read_bytes(session)
        run = ok(run_quali(QUALI, ["notify", exp["seance"], "-C", repo, "--as-of", "2025-11-24"], repo))
        folder = os.path.join(repo, "courriers")
        names = sorted(os.listdir(folder))
        want = sorted(os.path.basename(p) for p in letter_paths(folder, exp["seance"], exp["lettres"]))
        check(names == want, f"letters {names}, expected {want}")
        check(len(run.stdout.strip().splitlines()) == len(want), f"stdout lists the files: {run.stdout!r}")
        check(read_bytes(session) == before, "the session file was modified")
        for slug, letter in exp["lettres"].items():
            md = read(os.path.join(folder, f"{exp['seance']}-{slug}.md"))
            html = read(os.path.join(folder, f"{exp['seance']}-{slug}.html"))
            check("20 novembre 2025" in md and "24 novembre 2025" in md, f"{slug}: session or letter date")
            for text in letter["textes"]:
                check(text in md, f"{slug}: {text!r} not in the Markdown letter")
                check(text.replace("'", "&#39;") in html, f"{slug}: {text!r} not in the HTML letter")
            if letter["echeance"] is None:
                check("Prochaine étape du parcours" not in md, f"{slug}: no next step expected")
                check("est à déposer" not in md, f"{slug}: no filing sentence without a next step")
            else:
                iso_words = letter["textes"][0]
                check(f"au plus tard le {iso_words}" in md, f"{slug}: deadline sentence")
            # Every session on file up to the deadline, with its window, and no other one.
            offered = [line[2:] for line in md.splitlines() if line.startswith("- séance du ")]
            check(offered == letter["seances"], f"{slug}: sessions {offered}, expected {letter['seances']}")
            for text in letter["seances"]:
                check(f"<li>{text}</li>" in html, f"{slug}: {text!r} not in the HTML letter")
            check("visée" not in md, f"{slug}: the letter names no target session")


# India Habitat asked for its admissibility at the session of 2025-11-20, which adjourned it;
# its contact is addressed as Monsieur. Its deadline (2025-01-10) had passed already.
ADJOURNED = {
    "write": {"organismes/india-habitat/candidatures/2025-11-20.yaml":
              "seance: 2025-11-20\ndecision_demandee: admissibilite\ndepot: 2025-11-10\npieces: [organisme.yaml]\n"},
    "edit": [{"file": "comite/seances/2025-11-20.yaml", "replace": "decisions:\n",
              "with": "decisions:\n  - organisme: india-habitat\n    decision: ajourne\n"},
             {"file": "organismes/india-habitat/organisme.yaml", "replace": "contact: { nom:",
              "with": "contact: { civilite: Monsieur, nom:"}],
}


@suite.test
def test_adjourned_admissibility_letter_is_elided_and_addressed_by_civilite():
    with TempRepo(JUIN, ADJOURNED) as repo:
        ok(run_quali(QUALI, ["notify", "2025-11-20", "-C", repo, "--as-of", "2025-11-24"], repo))
        folder = os.path.join(repo, "courriers")
        md = read(os.path.join(folder, "2025-11-20-india-habitat.md"))
        html = read(os.path.join(folder, "2025-11-20-india-habitat.html"))
        check("de admissibilité" not in md and "de admissibilité" not in html, "« de admissibilité » is back")
        check(md.count("d'admissibilité") == 1, "the request is named once, then referred back to")
        check("votre demande d'admissibilité. Il a ajourné sa décision sur cette demande." in md, "adjournment sentence")
        check("\nMonsieur,\n" in md and "<p>Monsieur,</p>" in html, "opens on « Monsieur, »")
        check("À l'attention de Monsieur Camille Martin, Responsable qualité" in md, "address block")
        check("vous prie d'agréer, Monsieur, l'expression" in md, "the closing agrees with the salutation")
        check("Madame" not in md, "no « Madame » for a Monsieur")
        check("Cette échéance est dépassée" in md and "- séance du" not in md, "a passed deadline offers no session")
        other = read(os.path.join(folder, "2025-11-20-delta-habitat.md"))
        check("\nMadame, Monsieur,\n" in other and "d'agréer, Madame, Monsieur, l'expression" in other,
              "without civilite: « Madame, Monsieur, »")
        run = run_quali(QUALI, ["validate", repo, "--as-of", "2026-06-18", "--format", "json"], repo)
        check("civilite" not in run.stdout, "civilite: Monsieur is valid")
    wrong = {"edit": [{"file": "organismes/india-habitat/organisme.yaml", "replace": "contact: { nom:",
                       "with": "contact: { civilite: Mademoiselle, nom:"}]}
    with TempRepo(JUIN, wrong) as repo:
        run = run_quali(QUALI, ["validate", repo, "--as-of", "2026-06-18"], repo)
        check(run.code != 0 and "Q104" in run.stdout and "civilite" in run.stdout, f"{run.code}: {run.stdout}")


@suite.test
def test_letters_are_never_overwritten_without_force():
    exp = expected_of("seance-de-juin")["notify"]
    with TempRepo(JUIN) as repo:
        out = os.path.join(repo, "..", "lettres")
        ok(run_quali(QUALI, ["notify", exp["seance"], "-C", repo, "-o", out, "--as-of", "2025-11-24"], repo))
        files = letter_paths(out, exp["seance"], exp["lettres"])
        with open(files[2], "w", encoding="utf-8") as f:
            f.write("courrier corrigé à la main\n")
        os.remove(files[5])  # one letter missing: still nothing may be written
        contents = {p: read_bytes(p) for p in files if os.path.exists(p)}
        before = snapshot(out)
        run = run_quali(QUALI, ["notify", exp["seance"], "-C", repo, "-o", out, "--as-of", "2025-11-26"], repo)
        check(run.code == 2, f"exit {run.code}, expected 2")
        check(len(run.stderr.strip().splitlines()) == 1 and "existe déjà" in run.stderr and "--force" in run.stderr,
              f"stderr {run.stderr!r}")
        check(os.path.basename(files[0]) in run.stderr, f"the first existing file is named: {run.stderr!r}")
        changes = snapshot_changes(before, snapshot(out))
        check(not changes, f"files changed without --force: {changes}")
        check(all(read_bytes(p) == b for p, b in contents.items()), "a letter changed")
        ok(run_quali(QUALI, ["notify", exp["seance"], "-C", repo, "-o", out, "--as-of", "2025-11-26", "--force"], repo))
        check(all(os.path.exists(p) for p in files), "--force writes every letter")
        check("26 novembre 2025" in read(files[2]), "--force replaced the hand-edited letter")


@suite.test
def test_notify_refuses_a_session_without_decisions():
    with TempRepo(JUIN) as repo:
        run = run_quali(QUALI, ["notify", "2026-06-18", "-C", repo], repo)
        check(run.code == 2 and "décisions" in run.stderr, f"exit {run.code}: {run.stderr}")
        check(not os.path.exists(os.path.join(repo, "courriers")), "nothing written")


# --- the procès-verbal ------------------------------------------------------------------------


def held_sessions(repo):
    """The sessions of repo's comite/seances/ that have a decisions: key."""
    folder = os.path.join(repo, "comite", "seances")
    return sorted(n[:-5] for n in os.listdir(folder)
                  if n.endswith(".yaml") and re.search(r"^decisions:", read(os.path.join(folder, n)), re.M))


@suite.test
def test_pv_of_every_held_session_of_the_examples_in_every_format():
    sessions = held_sessions(EXAMPLE)
    check(len(sessions) >= 6, f"held sessions of the examples: {sessions}")
    for seance in sessions:
        tree = ok(run_quali(QUALI, ["pv", seance, "-C", EXAMPLE, "--format", "json"], EXAMPLE)).json()
        text = read(os.path.join(EXAMPLE, "comite", "seances", seance + ".yaml"))
        decided = re.findall(r"^  - organisme: (\S+)", text.split("\ndecisions:")[1], re.M)
        check([d["organisme"] for d in tree["decisions"]] == decided, f"{seance}: decisions {tree['decisions']}")
        q = tree["quorum"]
        check(q["sieges"] == 14 and q["regle"] == 0.5 and q["atteint"] is True
              and q["sieges_presents"] == len([s for s in tree["sieges"] if s["present"]]), f"{seance}: {q}")
        check(tree["presidence"]["nom"] == "Bernard Lemaire", f"{seance}: chair {tree['presidence']}")
        md = ok(run_quali(QUALI, ["pv", seance, "-C", EXAMPLE], EXAMPLE)).stdout
        html = ok(run_quali(QUALI, ["pv", seance, "-C", EXAMPLE, "--format", "html"], EXAMPLE)).stdout
        for page in (md, html):
            check(f"{q['sieges_presents']} sièges présents sur 14" in page and "atteint" in page
                  and "non atteint" not in page.lower(),
                  f"{seance}: the quorum is not on the page")
            for d in tree["decisions"]:
                check(d["decision_texte"] in page and d["votes_texte"] in page, f"{seance}: {d['organisme']}")
        check(html.startswith("<!DOCTYPE html>") and "@page { size: A4" in html, f"{seance}: not a printable page")


@suite.test
def test_pv_names_who_sat_the_proposals_and_the_approvals():
    tree = ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", EXAMPLE, "--format", "json"], EXAMPLE)).json()
    sat = {s["id"]: (s["siege_par"], s["nom"]) for s in tree["presents"]}
    check(sat["caisse-des-depots"] == ("suppleant", "Karim Haddad"), str(sat))
    check(sat["ush"] == ("titulaire", "Bernard Lemaire"), str(sat))
    check(tree["totaux"]["suppleants"] == 2 and tree["totaux"]["absents"] == 2, str(tree["totaux"]))
    coop = next(d for d in tree["decisions"] if d["organisme"] == "coop-habitat-garonne")
    # The committee did not follow the référent: both show, and validate says nothing of it.
    check(coop["proposition"]["proposition"] == "ajourne" and coop["decision"] == "labellise"
          and coop["conforme_proposition"] is False, str(coop))
    check(coop["suite"]["prochaine_etape"] == "maintien" and coop["suite"]["echeance"] == "2026-11-20", str(coop))
    approvals = ok(run_quali(QUALI, ["pv", "2025-06-19", "-C", EXAMPLE, "--format", "json"], EXAMPLE)).json()
    check([(a["nom"], a["debut"], a["fin"]) for a in approvals["agrements"]]
          == [("Jeanne Durand", "2025-06-19", "2028-06-18")], str(approvals["agrements"]))
    check(tree["agrements"] == [], "no approval was decided on 2025-11-20")


@suite.test
def test_pv_matches_its_approved_output():
    golden = Golden(SOURCE, "agenda")
    golden.check("pv-2025-11-20.md", ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", EXAMPLE], EXAMPLE)).stdout)
    golden.check("pv-2025-11-20.json",
                 ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", EXAMPLE, "--format", "json"], EXAMPLE)).stdout)


@suite.test
def test_pv_refuses_a_planned_or_unknown_session():
    run = run_quali(QUALI, ["pv", "2026-06-18", "-C", EXAMPLE], EXAMPLE)
    check(run.code == 2 and "n'a pas de décisions" in run.stderr and run.stdout == "", f"exit {run.code}: {run.stderr}")
    run = run_quali(QUALI, ["pv", "2031-01-01", "-C", EXAMPLE], EXAMPLE)
    check(run.code == 2 and "2026-06-18" in run.stderr, f"exit {run.code}: {run.stderr}")
    run = run_quali(QUALI, ["--lang", "en", "pv", "2026-06-18", "-C", EXAMPLE], EXAMPLE)
    check(run.code == 2 and "has no decisions" in run.stderr, f"exit {run.code}: {run.stderr}")


@suite.test
def test_pv_writes_a_file_and_never_replaces_one_without_force():
    with TempRepo(EXAMPLE) as repo:
        out = os.path.join(repo, "pv.html")
        run = ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", repo, "--format", "html", "-o", out], repo))
        check("3 décisions" in run.stderr and read(out).startswith("<!DOCTYPE html>"), run.stderr)
        run = run_quali(QUALI, ["pv", "2025-11-20", "-C", repo, "-o", out], repo)
        check(run.code == 2 and read(out).startswith("<!DOCTYPE html>"), f"exit {run.code}: {run.stderr}")
        ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", repo, "-o", out, "--force"], repo))
        check(read(out).startswith("# Procès-verbal"), "--force replaced the file")


@suite.test
def test_pv_template_can_be_replaced_by_the_repository():
    template = "{{seance.date}} {{quorum.sieges_presents}}/{{quorum.sieges}} {{#decisions}}{{organisme}} {{/decisions}}\n"
    with TempRepo(EXAMPLE, {"write": {"modeles/pv.md.mustache": template}}) as repo:
        run = ok(run_quali(QUALI, ["pv", "2025-11-20", "-C", repo], repo))
        check(run.stdout == "2025-11-20 12/14 rhone-saone-logis coop-habitat-garonne meuse-moselle-habitat \n",
              repr(run.stdout))


@suite.test
def test_agenda_shows_the_referents_proposal_or_says_there_is_none():
    tree = agenda_json(EXAMPLE, "2026-06-18", "2026-06-10")
    proposals = {d["organisme"]: d["proposition"] for g in tree["groupes"] for d in g["dossiers"]}
    check(proposals["rhone-saone-logis"]["proposition"] == "labellise"
          and proposals["rhone-saone-logis"]["avis"].startswith("Audit de vérification"), str(proposals))
    check(proposals["meuse-moselle-habitat"]["proposition_texte"] == "label renouvelé", str(proposals))
    md = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", EXAMPLE, "--as-of", "2026-06-10"], EXAMPLE)).stdout
    check("| Proposition du référent | labellisé — Audit de vérification" in md, "no proposal row in the agenda")
    juin = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", JUIN, "--as-of", "2026-06-10"], JUIN)).stdout
    check("| Proposition du référent | aucune proposition |" in juin, "no « aucune proposition » without proposals")


# --- templates -------------------------------------------------------------------------------


@suite.test
def test_repository_template_overrides_the_built_in_one():
    template = "Séance {{seance.date}} : {{#sections.en_retard}}{{organisme}}{{/sections.en_retard}}\n"
    with TempRepo(JUIN, {"write": {"modeles/agenda.md.mustache": template}}) as repo:
        run = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10"], repo))
        check(run.stdout == "Séance 2026-06-18 : bravo-logis\n", repr(run.stdout))
        html = ok(run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10", "--format", "html"],
                            repo))
        check(html.stdout.startswith("<!DOCTYPE html>"), "the HTML template is still the built-in one")


@suite.test
def test_templates_cannot_pull_in_files():
    for bad, why in (("{{> /etc/passwd}}", "partiels"), ("{{=<% %>=}}<%> x%>", "délimiteurs"),
                     ("{{#a}}" * 40 + "{{/a}}" * 40, "imbriquées"), ("{{#a}}", "syntaxe")):
        with TempRepo(JUIN, {"write": {"modeles/agenda.md.mustache": bad}}) as repo:
            run = run_quali(QUALI, ["agenda", "2026-06-18", "-C", repo, "--as-of", "2026-06-10"], repo)
            check(run.code == 2 and why in run.stderr and "modeles/agenda.md.mustache" in run.stderr,
                  f"{bad[:30]!r}: exit {run.code}, {run.stderr!r}")
            check("root:" not in run.stdout, "a file was read")
    with TempRepo(JUIN, {"write": {"modeles/lettre.md.mustache": "x" * (1 << 20) + "y"}}) as repo:
        run = run_quali(QUALI, ["notify", "2025-11-20", "-C", repo], repo)
        check(run.code == 2 and "1 Mio" in run.stderr, f"oversized template: {run.stderr!r}")
        check(not os.path.exists(os.path.join(repo, "courriers")), "nothing written")


sys.exit(suite.run(args.tests))
