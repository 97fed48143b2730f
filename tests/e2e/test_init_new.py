#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali init and quali new, end to end, as a new user would try them.

A fresh repository, then each kind of file quali new creates: what it writes validates (no
error), except the fields the user must fill, which hold « À COMPLÉTER » and are reported as
the warning Q016 — never as a type, format or rule error — and listed by quali new itself.

Usage: test_init_new.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per test and ends with "N passed, M failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Suite, TempRepo, arguments, check, run_quali, snapshot, snapshot_changes  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
RULES = ["fenetre_depot_jours", "decompte", "zone_feries", "preparation_mois", "attribution_mois",
         "validite_label_mois", "periodicite_verification_mois", "cotation_situation_complexe", "quorum",
         "calibrage_audit"]
suite = Suite()


def quali(repo, *args, code=0):
    run = run_quali(QUALI, list(args), repo)
    check(run.code == code, f"{run.describe()}: exit {run.code} (expected {code}); stdout {run.stdout!r} "
                            f"stderr {run.stderr!r}")
    return run


def validate(repo, *args):
    run = run_quali(QUALI, ["validate", "--format", "json", *args], repo)
    check(run.code in (0, 1), f"validate: exit {run.code} {run.stderr}")
    return run, run.json()["diagnostics"]


def only_fields_to_fill(diagnostics, where=""):
    others = [d for d in diagnostics if d["code"] != "Q016" and d["file"].startswith(where)]
    check(not others, "diagnostics other than Q016: " + "; ".join(
        f"{d['file']}:{d['line']}: {d['code']} {d['message']}" for d in others))
    check(all(d["severity"] == "warning" for d in diagnostics if d["code"] == "Q016"), "Q016 is not a warning")


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8") as f:
        return f.read()


def new_repo(work, *extra):
    repo = os.path.join(work, "depot")
    run_quali(QUALI, ["init", repo, *extra], work)
    return repo


@suite.test
def test_init_lays_out_a_repository_for_the_referent():
    with TempRepo() as work:
        run = quali(work, "init", "depot")
        repo = os.path.join(work, "depot")
        for rel in ["quali.yaml", "referentiel/cadre-evaluation.yaml", "comite/membres.yaml", "comite/seances",
                    "auditeurs/prenom-nom.yaml.exemple", "organismes", "README.md", ".gitattributes"]:
            check(os.path.exists(os.path.join(repo, rel)), f"{rel} missing; stdout {run.stdout}")
        rules = read(repo, "quali.yaml")
        for rule in RULES:
            check(re.search(rf"^#\s+{rule}:", rules, re.M), f"rule {rule} not listed in a comment")
        check("version: 1" in rules and "15" in rules and "0.5" in rules, rules)
        readme = read(repo, "README.md")
        check("Dépôt Quali'Hlm" in readme and "quali validate" in readme and "À COMPLÉTER" in readme, readme)
        check("eol=lf" in read(repo, ".gitattributes"), ".gitattributes without eol=lf")
        example = read(repo, "auditeurs/prenom-nom.yaml.exemple")
        check(example.count("#") > 10 and "agrements:" in example, example)
        check("Ensuite" in run.stdout and "quali new organisme" in run.stdout, run.stdout)


@suite.test
def test_init_with_git_installs_an_executable_pre_commit_hook():
    with TempRepo() as work:
        repo = new_repo(work)
        hook = os.path.join(repo, ".git", "hooks", "pre-commit")
        check(os.path.isdir(os.path.join(repo, ".git")), "no git repository")
        check(os.stat(hook).st_mode & stat.S_IXUSR, "the hook is not executable")
        text = read(repo, ".git/hooks/pre-commit")
        check(text.startswith("#!/bin/sh") and "validate --staged" in text, text)
        check(QUALI in text, f"the hook does not call {QUALI}")


@suite.test
def test_init_no_git_makes_no_git_repository():
    with TempRepo() as work:
        repo = new_repo(work, "--no-git")
        check(not os.path.exists(os.path.join(repo, ".git")), ".git created with --no-git")
        check(os.path.exists(os.path.join(repo, "quali.yaml")), "no quali.yaml")


@suite.test
def test_init_refuses_a_folder_that_is_not_empty_and_touches_nothing():
    with TempRepo(None, {"write": {"notes.txt": "à garder\n"}}) as repo:
        before = snapshot(repo)
        run = quali(repo, "init", ".", code=2)
        check("n'est pas vide" in run.stderr, run.stderr)
        check(snapshot_changes(before, snapshot(repo)) == [], "init changed a non-empty folder")


@suite.test
def test_a_fresh_repository_with_a_new_organisme_needs_only_its_engagement_concertation():
    with TempRepo() as work:
        repo = new_repo(work)
        run = quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--logements", "18450")
        check("organismes/habitat-loire/organisme.yaml" in run.stdout, run.stdout)
        # The organisme is engaged: an absent concertation.yaml is judged as an empty one (Q320).
        text = quali(repo, "validate", code=1)
        check("1 erreur" in text.stdout, text.stdout)
        run, ds = validate(repo)
        check(run.code == 1, f"exit {run.code}")
        errors = [(d["code"], d["file"]) for d in ds if d["severity"] == "error"]
        check(errors == [("Q320", "organismes/habitat-loire/concertation.yaml")], str(errors))
        only_fields_to_fill([d for d in ds if d["severity"] != "error"])
        fields = {d["message"] for d in ds if d["file"] == "organismes/habitat-loire/organisme.yaml"}
        for field in ["siren", "famille", "federation", "region", "contact.nom", "contact.courriel"]:
            check(f"champ à compléter : {field}" in fields, f"{field} not reported: {fields}")
        check(not any("nom" == m.split(" : ")[-1] or "logements" in m for m in fields), f"given values reported: {fields}")


@suite.test
def test_new_lists_exactly_the_fields_validate_reports():
    with TempRepo() as work:
        repo = new_repo(work)
        run = quali(repo, "new", "organisme", "logis-sud")
        listed = set(re.findall(r"organisme\.yaml:(\d+): champ à compléter : (\S+)", run.stdout))
        _, ds = validate(repo)
        reported = {(str(d["line"]), d["message"].split(" : ")[1]) for d in ds
                    if d["file"] == "organismes/logis-sud/organisme.yaml"}
        check(listed and listed == reported, f"new listed {sorted(listed)}, validate reported {sorted(reported)}")


@suite.test
def test_placeholders_are_warnings_not_type_format_or_luhn_errors():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "sans-rien")
        _, ds = validate(repo)
        mine = [d for d in ds if d["file"] == "organismes/sans-rien/organisme.yaml"]
        check({d["code"] for d in mine} == {"Q016"}, str(mine))
        check(any(d["message"].endswith("siren") for d in mine) and any(d["message"].endswith("logements") for d in mine),
              str(mine))


@suite.test
def test_a_given_siren_is_written_and_checked():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "habitat-loire", "--siren", "123456782", "--famille", "OPH")
        text = read(repo, "organismes/habitat-loire/organisme.yaml")
        check('siren: "123456782"' in text and "federation: federation-oph" in text, text)
        _, ds = validate(repo)
        check(not any(d["message"].endswith("siren") for d in ds), "siren still reported")
        bad = quali(repo, "new", "organisme", "autre", "--siren", "123456789", code=2)
        check("Luhn" in bad.stderr, bad.stderr)
        check(not os.path.exists(os.path.join(repo, "organismes/autre")), "a file was written for a bad SIREN")


@suite.test
def test_new_never_overwrites_a_file():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire")
        first = read(repo, "organismes/habitat-loire/organisme.yaml")
        again = quali(repo, "new", "organisme", "habitat-loire", "--nom", "Autre nom", code=2)
        check("existe déjà" in again.stderr, again.stderr)
        check(read(repo, "organismes/habitat-loire/organisme.yaml") == first, "the file was overwritten")
        quali(repo, "new", "seance", "2026-12-10")
        quali(repo, "new", "seance", "2026-12-10", code=2)


@suite.test
def test_every_field_of_a_template_has_a_french_comment():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "habitat-loire")
        for line in read(repo, "organismes/habitat-loire/organisme.yaml").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                check(" # " in line, f"field without a comment: {line!r}")


@suite.test
def test_a_whole_dossier_created_with_new_names_each_missing_piece():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "auditeur", "jeanne-durand", "--nom", "Jeanne Durand", "--cabinet", "Durand Conseil",
              "--debut", "2025-01-01")
        quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--logements", "18450",
              "--famille", "OPH", "--region", "Pays de la Loire", "--siren", "123456782", "--contact", "Claire Martin",
              "--courriel", "c.martin@habitat-loire.fr", "--engagement", "2025-02-15")
        audit = quali(repo, "new", "audit", "habitat-loire", "--auditeur", "jeanne-durand", "--debut", "2026-03-16")
        path = "organismes/habitat-loire/audits/2026-03-16-diagnostic-hqs.yaml"
        check(path in audit.stdout, audit.stdout)
        text = read(repo, path)
        check("jours: 5" in text, "18 450 dwellings: 5 days by the default calibration\n" + text)
        framework = read(repo, "referentiel/cadre-evaluation.yaml")
        criteria = re.findall(r"- id: (T\d+\.\d+)", framework)
        check(criteria and all(f'critere: "{c}"' in text for c in criteria), "a criterion of the framework is missing")
        quali(repo, "new", "seance", "2026-06-18", "--lieu", "Paris")
        quali(repo, "new", "candidature", "habitat-loire", "--seance", "2026-06-18", "--decision", "admissibilite",
              "--depot", "2026-06-10", "--auditeur", "jeanne-durand")
        cand = read(repo, "organismes/habitat-loire/candidatures/2026-06-18.yaml")
        check(f'- "audits/2026-03-16-diagnostic-hqs.yaml"' in cand, cand)
        check("du 2026-06-03 au 2026-06-17" in cand, "the filing window is not given\n" + cand)
        # Issue 12: no signed audit, no PAA, no concertation, no autodiagnostic is never « Aucun
        # problème »: each missing piece is an error on the candidature, with what to add.
        run, ds = validate(repo, "--as-of", "2026-06-10")
        check(run.code == 1, "exit " + str(run.code))
        cand_path = "organismes/habitat-loire/candidatures/2026-06-18.yaml"
        pieces = sorted(d["code"] for d in ds if d["file"] == cand_path and d["severity"] == "error")
        check(pieces == ["Q374", "Q375", "Q376", "Q377"], str(pieces))
        check(all(d.get("hint") for d in ds if d["file"] == cand_path), "a missing piece without its aide")
        only_fields_to_fill([d for d in ds if d["severity"] != "error"])
        errors = sorted((d["code"], d["file"], d["line"]) for d in ds if d["severity"] == "error")
        agenda = run_quali(QUALI, ["agenda", "2026-06-18", "--as-of", "2026-06-10", "--format", "json"], repo).json()
        check([x["organisme"] for x in agenda["sections"]["incomplet"]] == ["habitat-loire"], "not incomplete")
        # A concertation.yaml with one event never makes the dossier worse than no file at all.
        os.makedirs(os.path.join(repo, "organismes/habitat-loire/preuves"))
        with open(os.path.join(repo, "organismes/habitat-loire/preuves/ccl-2025-03-01.pdf"), "w") as f:
            f.write("compte rendu\n")
        with open(os.path.join(repo, "organismes/habitat-loire/concertation.yaml"), "w") as f:
            f.write("evenements:\n  - { date: 2025-03-01, etape: engagement, instance: CCL, nature: information,\n"
                    "      preuve: preuves/ccl-2025-03-01.pdf }\n")
        run, ds = validate(repo, "--as-of", "2026-06-10")
        started = sorted((d["code"], d["file"], d["line"]) for d in ds if d["severity"] == "error")
        check(len(started) < len(errors), f"{len(started)} errors with one event, {len(errors)} without the file")
        check({c for c, _, _ in started} <= {c for c, _, _ in errors}, f"new codes: {started} vs {errors}")


@suite.test
def test_the_issue_example_of_a_candidature():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--logements", "18450")
        run = quali(repo, "new", "candidature", "habitat-loire", "--seance", "2026-06-18", "--decision", "labellisation")
        check("organismes/habitat-loire/candidatures/2026-06-18.yaml" in run.stdout, run.stdout)
        check("Q370" in run.stderr and "quali new seance 2026-06-18" in run.stderr,
              "no warning about the missing session: " + run.stderr)
        text = read(repo, "organismes/habitat-loire/candidatures/2026-06-18.yaml")
        check("decision_demandee: labellisation" in text and "seance: 2026-06-18" in text, text)


@suite.test
def test_new_outside_a_repository_says_how_to_make_one():
    with TempRepo() as work:
        run = quali(work, "new", "organisme", "x", code=2)
        check("quali init" in run.stderr, run.stderr)


@suite.test
def test_new_refuses_bad_ids_and_unknown_references():
    with TempRepo() as work:
        repo = new_repo(work)
        check("invalide" in quali(repo, "new", "organisme", "Habitat_Loire", code=2).stderr, "bad slug accepted")
        quali(repo, "new", "organisme", "habitat-loire")
        run = quali(repo, "new", "audit", "habitat-loire", "--auditeur", "inconnu", code=2)
        check("quali new auditeur inconnu" in run.stderr, run.stderr)
        run = quali(repo, "new", "audit", "autre", "--auditeur", "inconnu", code=2)
        check("quali new organisme autre" in run.stderr, run.stderr)
        check(not os.path.exists(os.path.join(repo, "organismes/habitat-loire/audits")), "an audit was written")


@suite.test
def test_new_auditeur_takes_a_public_key_file():
    with TempRepo() as work:
        repo = new_repo(work)
        pub = os.path.join(work, "cle.pub")
        with open(pub, "w", encoding="utf-8") as f:
            f.write("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq5Ro2nQK8XdOvZ6mVw1sJrHxLkUqFcYbT9e j@d.fr\n")
        quali(repo, "new", "auditeur", "jeanne-durand", "--nom", "Jeanne Durand", "--cabinet", "DC", "--cle-publique", pub)
        check('cle_publique: "ssh-ed25519 AAAA' in read(repo, "auditeurs/jeanne-durand.yaml"), "key not written")
        _, ds = validate(repo)
        check(not [d for d in ds if d["file"] == "auditeurs/jeanne-durand.yaml"], str(ds))
        quali(repo, "new", "auditeur", "paul", "--cle-publique", "pas une clé", code=2)


@suite.test
def test_messages_in_english_on_request():
    with TempRepo() as work:
        repo = new_repo(work)
        run = quali(repo, "--lang", "en", "new", "organisme", "habitat-loire")
        check("Created: organismes/habitat-loire/organisme.yaml" in run.stdout and "field to fill in" in run.stdout,
              run.stdout)


def example_copy(work):
    """A copy of the example repository, to author files into."""
    repo = os.path.join(work, "depot")
    shutil.copytree(os.path.join(ARGS.source, "examples", "depot"), repo)
    return repo


@suite.test
def test_init_refuses_a_folder_inside_an_existing_repository():
    with TempRepo() as work:
        repo = new_repo(work)
        before = snapshot(repo)
        for inner in ["sous-depot", "organismes/nouveau/depot"]:
            run = quali(repo, "init", inner, code=2)
            check("à l'intérieur du dépôt quali" in run.stderr and "quali new organisme" in run.stderr, run.stderr)
        check(snapshot(repo) == before, "init wrote inside the existing repository")
        run = quali(repo, "--lang", "en", "init", "x", code=2)
        check("inside the quali repository" in run.stderr, run.stderr)


@suite.test
def test_new_paa_prepares_one_action_per_alert_point_and_complex_situation():
    with TempRepo() as work:
        repo = example_copy(work)
        os.remove(os.path.join(repo, "organismes/habitat-loire/paa.yaml"))
        run = quali(repo, "new", "paa", "habitat-loire")
        check("Créé : organismes/habitat-loire/paa.yaml" in run.stdout, run.stdout)
        text = read(repo, "organismes/habitat-loire/paa.yaml")
        audit = read(repo, "organismes/habitat-loire/audits/2026-03-16-diagnostic-hqs.yaml")
        alerts = re.findall(r"critere: (T\d+\.\d+), evaluation: point-d-alerte", audit)
        check(len(alerts) == 5, f"the example diagnostic has 5 alert points, found {alerts}")
        for a in alerts:
            check(f"points_alerte: [{a}] }}" in text, f"no action for alert point {a}\n{text}")
        for r in ["R-007", "R-012", "R-030", "R-045"]:
            check(f"situations: [{r}] }}" in text, f"no action for complex situation {r}\n{text}")
        check("situations: [R-003]" not in text, "R-003 (rated 2) is no complex situation")
        check(len(re.findall(r"^  - id: A\d\d$", text, re.M)) == 9, text)
        check("5 points d'alerte" in text and "4 situations complexes" in text, text)
        _, ds = validate(repo, "organismes/habitat-loire", "--as-of", "2026-06-10")
        only_fields_to_fill([d for d in ds if d["file"].endswith("paa.yaml")])
        check(not [d for d in ds if d["severity"] == "error"], "errors: " + str(ds))
        again = quali(repo, "new", "paa", "habitat-loire", code=2)
        check("existe déjà" in again.stderr, again.stderr)
        check(read(repo, "organismes/habitat-loire/paa.yaml") == text, "the file was overwritten")


@suite.test
def test_new_paa_without_diagnostic_writes_one_action_to_fill():
    with TempRepo() as work:
        repo = new_repo(work)
        quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--logements", "1200")
        quali(repo, "new", "paa", "habitat-loire")
        text = read(repo, "organismes/habitat-loire/paa.yaml")
        check(len(re.findall(r"^  - id: A\d\d$", text, re.M)) == 1 and "Ni diagnostic" in text, text)
        _, ds = validate(repo)
        only_fields_to_fill([d for d in ds if d["file"].endswith("paa.yaml")])


@suite.test
def test_new_concertation_and_autodiagnostic_write_commented_templates():
    with TempRepo() as work:
        repo = example_copy(work)
        folder = "organismes/habitat-loire"
        for name in ["concertation", "autodiagnostic"]:
            again = quali(repo, "new", name, "habitat-loire", code=2)
            check("existe déjà" in again.stderr, f"{name}: {again.stderr}")
            os.remove(os.path.join(repo, folder, name + ".yaml"))
            run = quali(repo, "new", name, "habitat-loire")
            check(f"{folder}/{name}.yaml" in run.stdout and "À compléter" in run.stdout, run.stdout)
            text = read(repo, f"{folder}/{name}.yaml")
            for line in text.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    check(" # " in line, f"{name}: field without a comment: {line!r}")
        steps = re.findall(r"^    etape: (\w+)", read(repo, f"{folder}/concertation.yaml"), re.M)
        check(steps == ["engagement", "diagnostic", "paa"], f"steps reached by habitat-loire: {steps}")
        # Dated today (the autodiagnostic): validated as of today.
        _, ds = validate(repo, folder)
        for name in ["concertation", "autodiagnostic"]:
            only_fields_to_fill([d for d in ds if d["file"].endswith(name + ".yaml")])


sys.exit(suite.run(ARGS.tests))
