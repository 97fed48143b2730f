#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali and git, end to end, in real git repositories: the pre-commit hook of quali init,
validate --staged (the index, not the working files), validate --changed[=REV], quali diff,
init --hook, and the pre-commit framework's hook definitions.

Usage: test_git.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per test and ends with "N passed, M failed"; exits 1 on any failure.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Failure, Suite, TempRepo, arguments, check, require, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
EXAMPLE = os.path.join(ARGS.source, "examples", "depot")
GIT_ENV = {"GIT_AUTHOR_NAME": "Référent", "GIT_AUTHOR_EMAIL": "referent@exemple.fr",
           "GIT_COMMITTER_NAME": "Référent", "GIT_COMMITTER_EMAIL": "referent@exemple.fr",
           "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"}
suite = Suite()


def git(repo, *args, ok=True):
    env = dict(os.environ)
    env.pop("GIT_INDEX_FILE", None)
    env.update(GIT_ENV)
    env["HOME"] = os.path.dirname(repo)  # no personal configuration (hooksPath, signing…)
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, timeout=60)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    if ok and proc.returncode != 0:
        raise Failure(f"git {' '.join(args)} exited {proc.returncode}: {out}")
    return proc.returncode, out


def write(repo, rel, text):
    path = os.path.join(repo, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def edit(repo, rel, old, new):
    with open(os.path.join(repo, rel), encoding="utf-8") as f:
        text = f.read()
    check(text.count(old) == 1, f"{rel} holds {text.count(old)} times {old!r}")
    write(repo, rel, text.replace(old, new))


def commits(repo):
    code, out = git(repo, "rev-list", "--count", "HEAD", ok=False)
    return int(out.strip()) if code == 0 else 0


def quali(repo, *args, code=0):
    run = run_quali(QUALI, list(args), repo)
    check(run.code == code, f"{run.describe()}: exit {run.code} (expected {code}); {run.stdout[-800:]} {run.stderr}")
    return run


def fresh(work):
    """A repository made by quali init, with one organisme, committed."""
    repo = os.path.join(work, "depot")
    quali(work, "init", repo)
    quali(repo, "new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--famille", "OPH",
          "--logements", "18450", "--engagement", "2025-02-15")
    # An engaged organisme informs its tenants: without concertation.yaml, Q320 (issue 12).
    folder = os.path.join(repo, "organismes", "habitat-loire")
    os.makedirs(os.path.join(folder, "preuves"))
    with open(os.path.join(folder, "preuves", "ccl-2025-03-04.pdf"), "w", encoding="utf-8") as f:
        f.write("compte rendu\n")
    with open(os.path.join(folder, "concertation.yaml"), "w", encoding="utf-8") as f:
        f.write("evenements:\n  - { date: 2025-03-04, etape: engagement, instance: CCL, nature: information,\n"
                "      preuve: preuves/ccl-2025-03-04.pdf }\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Premier organisme")
    return repo


def example_repo(repo):
    """The example repository under git, one commit."""
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Exemple")


def codes(run):
    return {(d["file"], d["code"]) for d in run.json()["diagnostics"]}


@suite.test
def test_the_hook_lets_a_valid_commit_through_and_refuses_an_invalid_one():
    require(shutil.which("git") is not None, "git is missing (apt-get install git)")
    with TempRepo() as work:
        repo = fresh(work)
        check(commits(repo) == 1, "the first commit (warnings only) was refused")
        edit(repo, "organismes/habitat-loire/organisme.yaml", "famille: OPH", "famille: HLM")
        git(repo, "add", "-A")
        code, out = git(repo, "commit", "-q", "-m", "Famille fausse", ok=False)
        check(code != 0, "the commit with an error went through:\n" + out)
        check("organismes/habitat-loire/organisme.yaml" in out and "Q104" in out, out)
        check("commit refusé" in out, out)
        check(commits(repo) == 1, "a commit was made")
        edit(repo, "organismes/habitat-loire/organisme.yaml", "famille: HLM", "famille: OPH")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", "Corrigé")
        check(commits(repo) == 2, "the corrected commit was refused")


@suite.test
def test_the_hook_checks_the_staged_copy_not_the_working_file():
    with TempRepo() as work:
        repo = fresh(work)
        path = "organismes/habitat-loire/organisme.yaml"
        # Staged broken, working copy fixed: refused.
        edit(repo, path, "logements: 18450", "logements: beaucoup")
        git(repo, "add", path)
        edit(repo, path, "logements: beaucoup", "logements: 18450")
        check(quali(repo, "validate", code=0), "")
        run = run_quali(QUALI, ["validate", "--staged", "--format", "json"], repo)
        check(run.code == 1 and (path, "Q101") in codes(run), run.stdout)
        code, out = git(repo, "commit", "-q", "-m", "x", ok=False)
        check(code != 0 and "Q101" in out, out)
        # Staged fixed, working copy broken: accepted.
        git(repo, "add", path)
        edit(repo, path, "logements: 18450", "logements: beaucoup")
        quali(repo, "validate", code=1)
        quali(repo, "validate", "--staged", code=0)


@suite.test
def test_staged_ignores_untracked_files_and_wants_staged_proofs():
    with TempRepo() as work:
        repo = fresh(work)
        write(repo, "organismes/brouillon/organisme.yaml", "nom: [\n")
        quali(repo, "validate", code=1)
        quali(repo, "validate", "--staged", code=0)
        os.remove(os.path.join(repo, "organismes/brouillon/organisme.yaml"))
        os.rmdir(os.path.join(repo, "organismes/brouillon"))
        write(repo, "organismes/habitat-loire/concertation.yaml",
              "evenements:\n  - { date: 2025-02-10, etape: engagement, instance: CCL, nature: information,\n"
              "      preuve: preuves/ccl-2025-02-10.pdf }\n")
        write(repo, "organismes/habitat-loire/preuves/ccl-2025-02-10.pdf", "%PDF-1.4\n")
        git(repo, "add", "organismes/habitat-loire/concertation.yaml")
        quali(repo, "validate", code=0)
        run = run_quali(QUALI, ["validate", "--staged", "--format", "json"], repo)
        check(run.code == 1 and ("organismes/habitat-loire/concertation.yaml", "Q206") in codes(run),
              "a proof not staged was accepted: " + run.stdout)
        git(repo, "add", "organismes/habitat-loire/preuves/ccl-2025-02-10.pdf")
        quali(repo, "validate", "--staged", code=0)


@suite.test
def test_staged_says_what_it_does_not_read():
    # The index walk, like the folder walk, reports a stray file in organismes/ (Q018).
    with TempRepo() as work:
        repo = fresh(work)
        write(repo, "organismes/notes.txt", "à trier\n")
        write(repo, "organismes/habitat-loire/.brouillons/paa.yaml", "actions: []\n")
        git(repo, "add", "-A")
        run = run_quali(QUALI, ["validate", "--staged", "--format", "json"], repo)
        check({("organismes/notes.txt", "Q018"), ("organismes/habitat-loire/.brouillons", "Q018")} <= codes(run),
              run.stdout)


@suite.test
def test_editing_a_signed_piece_is_refused_at_commit_with_the_file_named():
    with TempRepo(EXAMPLE) as repo:
        example_repo(repo)
        quali(repo, "sign", "rhone-saone-logis", "--candidature", "2026-06-18", "--auditeur", "sophie-moreau",
              "--date", "2026-06-03")
        git(repo, "add", "-A")
        before = run_quali(QUALI, ["validate", "--staged", "--format", "json", "--as-of", "2026-06-10"], repo)
        check(not [c for c in codes(before) if c[1] == "Q397"], "Q397 right after the visa")
        with open(os.path.join(repo, "organismes/rhone-saone-logis/paa.yaml"), "a", encoding="utf-8") as f:
            f.write("# modifié après le visa\n")
        git(repo, "add", "-A")
        after = run_quali(QUALI, ["validate", "--staged", "--format", "json", "--as-of", "2026-06-10"], repo)
        check(("organismes/rhone-saone-logis/paa.yaml", "Q397") in codes(after), after.stdout)


@suite.test
def test_a_hook_that_cannot_find_quali_refuses_and_says_so():
    with TempRepo() as work:
        repo = fresh(work)
        hook = os.path.join(repo, ".git/hooks/pre-commit")
        with open(hook, encoding="utf-8") as f:
            text = f.read()
        with open(hook, "w", encoding="utf-8") as f:
            f.write(text.replace(QUALI, "/nulle/part/quali"))
        env_path = os.environ.get("PATH", "")
        os.environ["PATH"] = "/usr/bin:/bin"
        try:
            if shutil.which("quali"):
                return "skipped: quali is installed in /usr/bin"
            code, out = git(repo, "commit", "-q", "--allow-empty", "-m", "x", ok=False)
        finally:
            os.environ["PATH"] = env_path
        check(code != 0 and "introuvable" in out and "--no-verify" in out, out)


@suite.test
def test_changed_reports_only_the_organismes_touched_since_a_revision():
    with TempRepo(EXAMPLE) as repo:
        example_repo(repo)
        quali(repo, "validate", "--changed", "--as-of", "2026-06-10")
        nothing = quali(repo, "validate", "--changed")
        check("Aucun changement depuis HEAD" in nothing.stdout, nothing.stdout)
        edit(repo, "organismes/habitat-loire/organisme.yaml", "logements: 18450", "logements: 0")
        run = run_quali(QUALI, ["validate", "--changed", "--format", "json", "--as-of", "2026-06-10"], repo)
        files = {d["file"] for d in run.json()["diagnostics"]}
        check(run.code == 1 and files and all(f.startswith("organismes/habitat-loire/") for f in files), str(files))
        git(repo, "commit", "-q", "-a", "-m", "logements", "--no-verify")
        check(not run_quali(QUALI, ["validate", "--changed", "--format", "json"], repo).json()["diagnostics"],
              "changes since HEAD after the commit")
        again = run_quali(QUALI, ["validate", "--changed=HEAD~1", "--format", "json", "--as-of", "2026-06-10"], repo)
        check({d["file"] for d in again.json()["diagnostics"]} == files, "--changed=HEAD~1 differs")
        bad = quali(repo, "validate", "--changed=pas-une-revision", code=2)
        check("pas-une-revision" in bad.stderr, bad.stderr)


@suite.test
def test_diff_says_per_dossier_what_changed():
    with TempRepo(EXAMPLE) as repo:
        example_repo(repo)
        with open(os.path.join(repo, "organismes/habitat-loire/paa.yaml"), encoding="utf-8") as f:
            paa = f.read()
        write(repo, "organismes/habitat-loire/paa.yaml", paa.replace("etat: en-cours", "etat: realisee", 1))
        os.remove(os.path.join(repo, "organismes/habitat-loire/preuves/ccl-2026-01-27.pdf"))
        write(repo, "organismes/habitat-loire/preuves/nouvelle.pdf", "%PDF-1.4\n")
        with open(os.path.join(repo, "comite/seances/2026-06-18.yaml"), "a", encoding="utf-8") as f:
            f.write("presents: [ush, federation-oph]\ndecisions:\n"
                    "  - { organisme: rhone-saone-logis, decision: labellise, votes: { pour: 2, contre: 0, abstention: 0 } }\n")
        run = quali(repo, "diff", "HEAD", "--format", "json")
        out = json.loads(run.stdout)
        check(out["depuis"] == "HEAD" and out["commit"], str(out)[:200])
        by = {d["dossier"]: d for d in out["dossiers"]}
        check(list(by) == ["organismes/habitat-loire", "organismes/rhone-saone-logis", "comite"], str(list(by)))
        hl = by["organismes/habitat-loire"]
        changes = {f["chemin"]: f["changement"] for f in hl["fichiers"]}
        check(changes == {"organismes/habitat-loire/paa.yaml": "modifie",
                          "organismes/habitat-loire/preuves/ccl-2026-01-27.pdf": "supprime",
                          "organismes/habitat-loire/preuves/nouvelle.pdf": "ajoute"}, str(changes))
        check(hl["nom"] == "Habitat Loire" and hl["actions"] == [{"id": "A01", "avant": "en-cours", "apres": "realisee"}],
              str(hl["actions"]))
        check(by["organismes/rhone-saone-logis"]["decisions"] ==
              [{"seance": "2026-06-18", "decision": "labellise", "fichier": "comite/seances/2026-06-18.yaml"}],
              str(by["organismes/rhone-saone-logis"]))
        text = quali(repo, "diff", "HEAD").stdout
        check("organismes/habitat-loire — Habitat Loire" in text and "A01 : en cours → réalisée" in text
              and "séance du 2026-06-18 : labellisé" in text, text)
        md = quali(repo, "diff", "HEAD", "--format", "md").stdout
        check(md.startswith("# Changements depuis HEAD") and "| `paa.yaml` | modifié |" in md, md)
        bad = quali(repo, "diff", "v9", code=2)
        check("v9" in bad.stderr, bad.stderr)


@suite.test
def test_init_hook_installs_the_hook_in_a_clone_and_never_overwrites_one():
    with TempRepo() as work:
        repo = fresh(work)
        clone = os.path.join(work, "clone")
        git(work, "clone", "-q", repo, clone)
        check(not os.path.exists(os.path.join(clone, ".git/hooks/pre-commit")), "a hook came with the clone")
        run = quali(clone, "init", "--hook")
        check(os.access(os.path.join(clone, ".git/hooks/pre-commit"), os.X_OK), run.stdout)
        quali(clone, "init", "--hook", code=2)


@suite.test
def test_init_inside_a_git_repository_makes_no_nested_repository():
    with TempRepo() as work:
        git(work, "init", "-q")
        run = quali(work, "init", "depot")
        check(not os.path.exists(os.path.join(work, "depot/.git")), "nested .git")
        check("quali init --hook" in run.stdout, run.stdout)


@suite.test
def test_the_pre_commit_framework_hook_runs_validate_staged():
    with open(os.path.join(ARGS.source, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
        text = f.read()
    check("- id: quali-validate\n" in text and "entry: quali validate --staged\n" in text
          and "language: system" in text and "pass_filenames: false" in text, text)


sys.exit(suite.run(ARGS.tests))
