#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali sign and the checks of the auditor's sign-off (Q397 to Q405), end to end.

Signs the candidature of rhone-saone-logis for the session of 2026-06-18 in a copy of
examples/depot (reference date 2026-06-10), then edits, deletes and tampers with what it
covers; then records the session's decisions, in real git repositories, to check that the
signed versions stay in git. The OpenSSH signature cases use the real ssh-keygen
(openssh-client), the git cases the real git.

Usage: test_sign.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per test and ends with "N passed, M failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Failure, Suite, TempRepo, arguments, check, require, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
EXAMPLE = os.path.join(ARGS.source, "examples", "depot")
SLUG = "rhone-saone-logis"
FOLDER = f"organismes/{SLUG}"
VISA = f"{FOLDER}/candidatures/2026-06-18.visa.yaml"
AS_OF = ["--as-of", "2026-06-10"]
SIGN = ["sign", SLUG, "--candidature", "2026-06-18", "--auditeur", "sophie-moreau", "--date", "2026-06-03"]
GIT_ENV = {"GIT_AUTHOR_NAME": "Référent", "GIT_AUTHOR_EMAIL": "referent@exemple.fr",
           "GIT_COMMITTER_NAME": "Référent", "GIT_COMMITTER_EMAIL": "referent@exemple.fr",
           "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"}
SESSION = "comite/seances/2026-06-18.yaml"
DECISIONS = ("presents: [ush, federation-oph, federation-esh, federation-coop, procivis, associations-regionales,\n"
             "           ministere-logement, caisse-des-depots, locataires-cnl, locataires-clcv, locataires-csf,\n"
             "           locataires-cgl]\n"
             "decisions:\n"
             "  - organisme: rhone-saone-logis\n"
             "    decision: labellise\n"
             "    votes: { pour: 12, contre: 0, abstention: 0 }\n")
AFTER = ["--as-of", "2026-06-19"]
suite = Suite()


def diagnostics(repo, *extra, env=None):
    as_of = [] if "--as-of" in extra else AS_OF
    run = run_quali(QUALI, ["validate", ".", "--format", "json", *as_of, *extra], repo, env=env)
    check(run.code in (0, 1), f"validate exited {run.code}: {run.stderr}")
    return run.json()["diagnostics"]


def keyed(ds):
    return sorted((d["file"], d["line"], d["column"], d["code"]) for d in ds)


def new_ones(before, after):
    b = keyed(before)
    return [d for d in after if (d["file"], d["line"], d["column"], d["code"]) not in b]


def sign(repo, *extra):
    run = run_quali(QUALI, SIGN + list(extra), repo)
    check(run.code == 0, f"quali sign exited {run.code}: {run.stderr}")
    return run


def git(repo, *args):
    env = dict(os.environ)
    env.pop("GIT_INDEX_FILE", None)
    env.update(GIT_ENV)
    env["HOME"] = os.path.dirname(repo)  # no personal configuration
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, timeout=60)
    if proc.returncode != 0:
        raise Failure(f"git {' '.join(args)} exited {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8", "replace")


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def need_git():
    require(shutil.which("git") is not None, "git is missing (apt-get install git)")


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8") as f:
        return f.read()


def write(repo, rel, text):
    with open(os.path.join(repo, rel), "w", encoding="utf-8") as f:
        f.write(text)


def edit_visa(repo, old, new, count=1):
    text = read(repo, VISA)
    check(text.count(old) >= 1, f"{old!r} not in the visa:\n{text}")
    write(repo, VISA, text.replace(old, new, count))


def blobs_of(text):
    """{chemin: git_blob} of a visa's text."""
    return dict(re.findall(r'chemin: "([^"]+)", sha256: [0-9a-f]{64}, git_blob: ([0-9a-f]{40})', text))


def append(repo, rel, text):
    with open(os.path.join(repo, rel), "a", encoding="utf-8") as f:
        f.write(text)


@suite.test
def test_sign_writes_a_visa_with_every_piece_and_nothing_else_changes():
    with TempRepo(EXAMPLE) as repo:
        before = diagnostics(repo)
        run = sign(repo)
        check("Visa écrit" in run.stdout and VISA in run.stdout, run.stdout)
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            text = f.read()
        for piece in ["candidatures/2026-06-18.yaml", "preuves/lettre-candidature-2026-06.pdf",
                      "audits/2026-04-13-verification.yaml", "paa.yaml", "concertation.yaml"]:
            check(f'chemin: "{piece}", sha256: ' in text, f"{piece} missing from the visa:\n{text}")
        check("seance: 2026-06-18" in text and "auditeur: sophie-moreau" in text and "date: 2026-06-03" in text, text)
        after = diagnostics(repo)
        check(keyed(after) == keyed(before), f"the visa changed the diagnostics: {new_ones(before, after)}")


@suite.test
def test_a_piece_edited_after_the_visa_is_reported_with_its_file_named():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        before = diagnostics(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# une ligne ajoutée après le visa\n")
        found = new_ones(before, diagnostics(repo))
        check(len(found) == 1, f"expected one new diagnostic, got {found}")
        d = found[0]
        check(d["code"] == "Q397" and d["severity"] == "error", str(d))
        check(d["file"] == f"{FOLDER}/paa.yaml" and d["line"] == 1, str(d))
        check("paa.yaml" in d["message"] and "sophie-moreau" in d["message"], d["message"])
        check(any(n["file"] == VISA for n in d.get("notes", [])), f"no note at the visa: {d}")
        text = run_quali(QUALI, ["validate", ".", *AS_OF, "--no-color"], repo)
        check(text.code == 1, f"exit {text.code}")
        check(f"{FOLDER}/paa.yaml:1:1: erreur[Q397]: pièce modifiée après le visa" in text.stdout, text.stdout)


@suite.test
def test_a_binary_piece_and_the_candidature_itself_are_covered():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        before = diagnostics(repo)
        with open(os.path.join(repo, FOLDER, "preuves/lettre-candidature-2026-06.pdf"), "ab") as f:
            f.write(b"\x00")
        append(repo, f"{FOLDER}/candidatures/2026-06-18.yaml", "# modifiée\n")
        files = sorted(d["file"] for d in new_ones(before, diagnostics(repo)) if d["code"] == "Q397")
        check(files == [f"{FOLDER}/candidatures/2026-06-18.yaml", f"{FOLDER}/preuves/lettre-candidature-2026-06.pdf"],
              str(files))


@suite.test
def test_a_deleted_piece_is_reported_on_the_visa_line_that_names_it():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        os.remove(os.path.join(repo, FOLDER, "concertation.yaml"))
        q397 = [d for d in diagnostics(repo) if d["code"] == "Q397"]
        check(len(q397) == 1 and q397[0]["file"] == VISA and "concertation.yaml" in q397[0]["message"], str(q397))
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            line = f.read().splitlines()[q397[0]["line"] - 1]
        check("concertation.yaml" in line, line)


@suite.test
def test_until_the_decisions_are_recorded_a_changed_piece_is_reported_even_after_the_session_day():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# après le comité\n")
        check([d for d in diagnostics(repo) if d["code"] == "Q397"], "no Q397 on the session's eve")
        check([d for d in diagnostics(repo, *AFTER) if d["code"] == "Q397"],
              "no Q397 the day after a session whose decisions are not recorded")


def in_git_with_decisions(repo):
    """Signs, commits, then records the session's decisions: the visa's session is decided."""
    need_git()
    sign(repo)
    git(repo, "init", "-q")
    signed = commit(repo, "Visa")
    append(repo, SESSION, DECISIONS)
    commit(repo, "Décisions du comité")
    return signed


@suite.test
def test_sign_records_each_pieces_git_blob_id_as_git_hash_object_computes_it():
    need_git()
    with TempRepo(EXAMPLE) as repo:
        # An empty piece too: git's well-known empty blob.
        write(repo, f"{FOLDER}/preuves/lettre-candidature-2026-06.pdf", "")
        sign(repo)
        blobs = blobs_of(read(repo, VISA))
        check(len(blobs) == 5, f"expected 5 blob ids, got {blobs}")
        for chemin, blob in blobs.items():
            expected = subprocess.run(["git", "hash-object", "--no-filters", os.path.join(repo, FOLDER, chemin)],
                                      capture_output=True, text=True, check=True).stdout.strip()
            check(blob == expected, f"{chemin}: {blob} != git hash-object {expected}")
        check(blobs["preuves/lettre-candidature-2026-06.pdf"] == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
              str(blobs))


@suite.test
def test_an_older_visa_without_blob_ids_gets_a_warning_that_suggests_signing_again():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        write(repo, VISA, re.sub(r", git_blob: [0-9a-f]{40}", "", read(repo, VISA)))
        found = [d for d in diagnostics(repo) if d["file"] == VISA]
        check([(d["code"], d["severity"]) for d in found] == [("Q403", "warning")], str(found))
        check("--force" in found[0]["hint"], found[0]["hint"])
        check(run_quali(QUALI, ["validate", ".", *AS_OF], repo).code == 0, "an older visa is an error")


@suite.test
def test_a_visa_by_another_auditor_than_the_named_one_is_refused_and_reported():
    with TempRepo(EXAMPLE) as repo:
        other = ["sign", SLUG, "--candidature", "2026-06-18", "--auditeur", "jeanne-durand", "--date", "2026-06-03"]
        run = run_quali(QUALI, other, repo)
        check(run.code == 2 and "sophie-moreau" in run.stderr and "validation_auditeur" in run.stderr,
              f"{run.code} {run.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa was written anyway")
        sign(repo)
        edit_visa(repo, "auditeur: sophie-moreau", "auditeur: jeanne-durand")
        found = [d for d in diagnostics(repo) if d["code"] in ("Q400", "Q401", "Q402", "Q302")]
        check([(d["file"], d["code"]) for d in found] == [(VISA, "Q400")], str(found))
        check(read(repo, VISA).splitlines()[found[0]["line"] - 1] == "auditeur: jeanne-durand", str(found[0]))
        check(any(n["file"] == f"{FOLDER}/candidatures/2026-06-18.yaml" for n in found[0]["notes"]), str(found[0]))


@suite.test
def test_a_visa_by_an_auditor_not_approved_on_its_date_is_refused_and_reported():
    with TempRepo(EXAMPLE) as repo:
        # Sophie Moreau's approval starts on 2023-06-15.
        early = SIGN[:-1] + ["2023-06-14"]
        run = run_quali(QUALI, early, repo)
        check(run.code == 2 and "agrément" in run.stderr and "2023-06-14" in run.stderr, f"{run.code} {run.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa was written anyway")
        sign(repo)
        edit_visa(repo, "date: 2026-06-03", "date: 2023-06-14")
        found = [d for d in diagnostics(repo) if d["code"] in ("Q400", "Q401", "Q402")]
        check([(d["file"], d["code"], d["severity"]) for d in found] == [(VISA, "Q401", "error")], str(found))
        check("2023-06-14" in found[0]["message"], found[0]["message"])
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        write(repo, "auditeurs/sophie-moreau.yaml", read(repo, "auditeurs/sophie-moreau.yaml")
              .replace("statut: actif", "statut: suspendu"))
        run = run_quali(QUALI, SIGN + ["--force"], repo)
        check(run.code == 2, f"{run.code} {run.stderr}")
        check("Q401" in {d["code"] for d in diagnostics(repo) if d["file"] == VISA}, "no Q401 for a suspended auditor")


@suite.test
def test_a_visa_dated_after_the_filing_is_refused_and_reported():
    with TempRepo(EXAMPLE) as repo:
        late = SIGN[:-1] + ["2026-06-09"]  # filed on 2026-06-08
        run = run_quali(QUALI, late, repo)
        check(run.code == 2 and "2026-06-08" in run.stderr, f"{run.code} {run.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa was written anyway")
        on_time = run_quali(QUALI, SIGN[:-1] + ["2026-06-08"], repo)  # the filing day itself is fine
        check(on_time.code == 0, f"{on_time.code} {on_time.stderr}")
        edit_visa(repo, "date: 2026-06-08", "date: 2026-06-09")
        found = [d for d in diagnostics(repo) if d["code"] in ("Q400", "Q401", "Q402")]
        check([(d["file"], d["code"]) for d in found] == [(VISA, "Q402")], str(found))
        check(found[0]["notes"] and found[0]["notes"][0]["file"] == f"{FOLDER}/candidatures/2026-06-18.yaml",
              str(found[0]))


@suite.test
def test_after_the_decisions_the_living_files_move_on_while_the_signed_blobs_stay_in_git():
    with TempRepo(EXAMPLE) as repo:
        signed = in_git_with_decisions(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# le PAA vit après le comité\n")
        commit(repo, "PAA après le comité")
        found = [d for d in diagnostics(repo, *AFTER) if d["file"] == VISA or d["code"].startswith("Q40")
                 or d["code"] == "Q397"]
        check(found == [], f"the visa was reported after the decisions: {found}")
        # The pre-commit hook's view agrees.
        staged = run_quali(QUALI, ["validate", "--staged", "--format", "json", *AFTER], repo)
        check(not [d for d in staged.json()["diagnostics"] if d["code"] in ("Q397", "Q404")], staged.stdout)
        # The instruction sheet names the commit that holds the signed version.
        sheet = run_quali(QUALI, ["dossier", SLUG, *AFTER, "--format", "json"], repo)
        check(sheet.code == 0, sheet.stderr)
        visas = sheet.json()["visas"]
        check(len(visas) == 1 and visas[0]["decisions_enregistrees"] and visas[0]["auditeur"] == "sophie-moreau",
              str(visas))
        pieces = {p["chemin"]: p for p in visas[0]["pieces"]}
        check(pieces["paa.yaml"]["etat"] == "modifiee" and pieces["paa.yaml"]["commit"] == signed, str(pieces))
        check(pieces["concertation.yaml"]["etat"] == "inchangee" and pieces["concertation.yaml"]["commit"] is None,
              str(pieces))
        md = run_quali(QUALI, ["dossier", SLUG, *AFTER], repo)
        check(f"paa.yaml : modifiée depuis le visa — version visée dans le commit {signed[:12]}" in md.stdout,
              md.stdout)


@suite.test
def test_a_signed_blob_missing_from_git_is_an_error_after_the_decisions():
    with TempRepo(EXAMPLE) as repo:
        in_git_with_decisions(repo)
        paa_blob = blobs_of(read(repo, VISA))["paa.yaml"]
        edit_visa(repo, paa_blob, "0123456789abcdef0123456789abcdef01234567")
        commit(repo, "Visa abîmé")
        found = [d for d in diagnostics(repo, *AFTER) if d["code"] == "Q404"]
        check(len(found) == 1 and found[0]["file"] == VISA and found[0]["severity"] == "error"
              and "paa.yaml" in found[0]["message"], str(found))
        line = read(repo, VISA).splitlines()[found[0]["line"] - 1]
        check("paa.yaml" in line, line)
        staged = run_quali(QUALI, ["validate", "--staged", "--format", "json", *AFTER], repo)
        check([d["code"] for d in staged.json()["diagnostics"] if d["code"] == "Q404"] == ["Q404"], staged.stdout)


@suite.test
def test_one_git_cat_file_process_answers_for_every_signed_blob():
    with TempRepo(EXAMPLE) as repo:
        in_git_with_decisions(repo)
        work = os.path.dirname(repo)
        bin_dir, log = os.path.join(work, "bin"), os.path.join(work, "git.log")
        os.makedirs(bin_dir)
        real = shutil.which("git")
        with open(os.path.join(bin_dir, "git"), "w", encoding="utf-8") as f:
            f.write(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n')
        os.chmod(os.path.join(bin_dir, "git"), 0o755)
        env = {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
        ds = diagnostics(repo, *AFTER, env=env)
        check(not [d for d in ds if d["code"] in ("Q404", "Q405")], str(ds))
        with open(log, encoding="utf-8") as f:
            calls = [line for line in f.read().splitlines() if "cat-file" in line]
        check(len(calls) == 1, f"expected one git cat-file for the 5 blobs, got {calls}")


@suite.test
def test_after_the_decisions_outside_git_the_signed_versions_cannot_be_checked_and_it_says_so():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        append(repo, SESSION, DECISIONS)
        found = [d for d in diagnostics(repo, *AFTER) if d["file"] == VISA]
        check([(d["code"], d["severity"]) for d in found] == [("Q405", "warning")], str(found))


@suite.test
def test_sign_refuses_to_overwrite_without_force_and_renews_with_it():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            first = f.read()
        again = run_quali(QUALI, SIGN, repo)
        check(again.code == 2 and "--force" in again.stderr, f"{again.code} {again.stderr}")
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            check(f.read() == first, "the visa was changed without --force")
        append(repo, f"{FOLDER}/paa.yaml", "# changement voulu\n")
        check([d for d in diagnostics(repo) if d["code"] == "Q397"], "no Q397 before the new visa")
        sign(repo, "--force")
        check(not [d for d in diagnostics(repo) if d["code"] == "Q397"], "Q397 after the new visa")


@suite.test
def test_sign_refuses_a_missing_piece_an_unknown_auditor_and_an_unknown_candidature():
    with TempRepo(EXAMPLE) as repo:
        os.remove(os.path.join(repo, FOLDER, "preuves/lettre-candidature-2026-06.pdf"))
        run = run_quali(QUALI, SIGN, repo)
        check(run.code == 2 and "lettre-candidature-2026-06.pdf" in run.stderr, f"{run.code} {run.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa was written anyway")
    with TempRepo(EXAMPLE) as repo:
        run = run_quali(QUALI, ["sign", SLUG, "--candidature", "2026-06-18", "--auditeur", "inconnu"], repo)
        check(run.code == 2 and "auditeurs/inconnu.yaml" in run.stderr, f"{run.code} {run.stderr}")
        run = run_quali(QUALI, ["sign", SLUG, "--candidature", "2026-07-01", "--auditeur", "sophie-moreau"], repo)
        check(run.code == 2 and "2026-07-01" in run.stderr, f"{run.code} {run.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa was written anyway")


@suite.test
def test_a_hand_made_visa_is_checked_against_its_schema():
    with TempRepo(EXAMPLE, {"write": {VISA: "version: 1\nseance: 2026-06-18\nauditeur: sophie-moreau\n"
                                            "date: 2026-06-03\ncandidature: { chemin: candidatures/2026-06-18.yaml, "
                                            "sha256: pas-une-empreinte }\npieces: []\nsignataire: moi\n"}}) as repo:
        codes = sorted((d["line"], d["code"]) for d in diagnostics(repo) if d["file"] == VISA)
        check((5, "Q105") in codes and (7, "Q103") in codes, str(codes))


def have_ssh_keygen():
    return shutil.which("ssh-keygen") is not None


def keypair(folder, name):
    key = os.path.join(folder, name)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key], check=True)
    with open(key + ".pub", encoding="utf-8") as f:
        return key, f.read().strip()


def declare_key(repo, public):
    append(repo, "auditeurs/sophie-moreau.yaml", f'cle_publique: "{public}"\n')


@suite.test
def test_an_openssh_signed_visa_is_verified_with_the_auditors_declared_key():
    require(have_ssh_keygen(), "ssh-keygen is missing (apt-get install openssh-client)")
    with TempRepo(EXAMPLE) as repo:
        work = os.path.dirname(repo)
        key, public = keypair(work, "sophie")
        other, _ = keypair(work, "autre")
        declare_key(repo, public)
        before = diagnostics(repo)
        unsigned = run_quali(QUALI, SIGN, repo)
        check(unsigned.code == 2 and "--cle" in unsigned.stderr, f"{unsigned.code} {unsigned.stderr}")
        wrong = run_quali(QUALI, SIGN + ["--cle", other], repo)
        check(wrong.code == 2 and "ne correspond pas" in wrong.stderr, f"{wrong.code} {wrong.stderr}")
        check(not os.path.exists(os.path.join(repo, VISA)), "a visa signed with another key was written")
        sign(repo, "--cle", key)
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            check("-----BEGIN SSH SIGNATURE-----" in f.read(), "no signature block")
        check(keyed(diagnostics(repo)) == keyed(before), "a valid signature was reported")

        # The record changed after its signature: the signature no longer matches it.
        with open(os.path.join(repo, VISA), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(repo, VISA), "w", encoding="utf-8") as f:
            f.write(text.replace("date: 2026-06-03", "date: 2026-06-04"))
        q398 = [d for d in diagnostics(repo) if d["code"] == "Q398"]
        check(len(q398) == 1 and q398[0]["file"] == VISA and q398[0]["severity"] == "error", str(q398))

        # Without ssh-keygen on the machine: a warning, never a silent pass.
        with open(os.path.join(repo, VISA), "w", encoding="utf-8") as f:
            f.write(text)
        q399 = [d for d in diagnostics(repo, env={"PATH": "/nonexistent"}) if d["code"] in ("Q398", "Q399")]
        check(len(q399) == 1 and q399[0]["code"] == "Q399" and q399[0]["severity"] == "warning"
              and "openssh-client" in q399[0]["message"], str(q399))


@suite.test
def test_an_older_signed_visa_without_blob_ids_keeps_a_valid_signature():
    require(have_ssh_keygen(), "ssh-keygen is missing (apt-get install openssh-client)")
    with TempRepo(EXAMPLE) as repo:
        work = os.path.dirname(repo)
        key, public = keypair(work, "sophie")
        sign(repo)
        declare_key(repo, public)
        # The visa as an older quali wrote it: no blob ids, signed over the text without them.
        text = re.sub(r", git_blob: [0-9a-f]{40}", "", read(repo, VISA))
        entries = re.findall(r'chemin: "([^"]+)", sha256: ([0-9a-f]{64})', text)
        canonical = f"quali-visa 1\norganisme {SLUG}\nseance 2026-06-18\nauditeur sophie-moreau\ndate 2026-06-03\n"
        canonical += f"candidature {entries[0][1]} {entries[0][0]}\n"
        canonical += "".join(f"piece {sha} {chemin}\n" for chemin, sha in entries[1:])
        message = os.path.join(work, "visa.txt")
        with open(message, "w", encoding="utf-8") as f:
            f.write(canonical)
        subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", key, "-n", "quali-visa", message], check=True,
                       capture_output=True)
        with open(message + ".sig", encoding="utf-8") as f:
            block = "".join("  " + line for line in f.read().splitlines(keepends=True))
        write(repo, VISA, text + "signature: |\n" + block)
        found = [(d["code"], d["severity"]) for d in diagnostics(repo) if d["file"] == VISA]
        check(found == [("Q403", "warning")], f"an older signed visa: {found}")


@suite.test
def test_an_unsigned_visa_of_an_auditor_with_a_key_is_an_error():
    require(have_ssh_keygen(), "ssh-keygen is missing (apt-get install openssh-client)")
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        _, public = keypair(os.path.dirname(repo), "sophie")
        declare_key(repo, public)
        q398 = [d for d in diagnostics(repo) if d["code"] == "Q398"]
        check(len(q398) == 1 and "non signé" in q398[0]["message"], str(q398))


def papers(repo, *as_of):
    """The agenda's dossier of SLUG and the instruction sheet's candidature for 2026-06-18 (JSON),
    and both documents in Markdown."""
    as_of = list(as_of) or AS_OF
    agenda = run_quali(QUALI, ["agenda", "2026-06-18", *as_of, "--format", "json"], repo)
    sheet = run_quali(QUALI, ["dossier", SLUG, *as_of, "--format", "json"], repo)
    agenda_md = run_quali(QUALI, ["agenda", "2026-06-18", *as_of], repo)
    sheet_md = run_quali(QUALI, ["dossier", SLUG, *as_of], repo)
    for run in (agenda, sheet, agenda_md, sheet_md):
        check(run.code == 0, run.stderr)
    filed = [d for g in agenda.json()["groupes"] for d in g["dossiers"] if d["organisme"] == SLUG]
    cands = [c for c in sheet.json()["candidatures"] if c["seance"] == "2026-06-18"]
    check(len(filed) == 1 and len(cands) == 1, f"{filed} {cands}")
    return filed[0], cands[0], agenda_md.stdout, sheet_md.stdout


def states(entry):
    return {p["chemin"]: p["etat"] for p in entry["etat_pieces"]}


@suite.test
def test_the_papers_show_a_verified_signature_and_then_an_invalid_one():
    require(have_ssh_keygen(), "ssh-keygen is missing (apt-get install openssh-client)")
    with TempRepo(EXAMPLE) as repo:
        key, public = keypair(os.path.dirname(repo), "sophie")
        declare_key(repo, public)
        sign(repo, "--cle", key)
        filed, cand, agenda_md, sheet_md = papers(repo)
        for entry in (filed, cand):
            visa = entry["visa"]
            check(visa["auditeur"] == "sophie-moreau" and visa["auditeur_nom"] == "Sophie Moreau"
                  and visa["date"] == "2026-06-03" and visa["signature"] == "verifiee", str(visa))
            check(entry["etat_pieces"][0]["chemin"] == "candidatures/2026-06-18.yaml", str(entry["etat_pieces"]))
            check(set(states(entry).values()) == {"presente"} and all(p["visee"] for p in entry["etat_pieces"])
                  and not any(p["en_defaut"] for p in entry["etat_pieces"]), str(entry["etat_pieces"]))
        check("| Visa de l'auditeur | Sophie Moreau, le 3 juin 2026 ; signature vérifiée |" in agenda_md, agenda_md)
        check("paa.yaml : inchangée depuis le visa ;" in agenda_md, agenda_md)
        check("visa de Sophie Moreau du 3 juin 2026, signature vérifiée." in sheet_md, sheet_md)
        html = run_quali(QUALI, ["agenda", "2026-06-18", *AS_OF, "--format", "html"], repo)
        check("Sophie Moreau, le 3 juin 2026 ; signature vérifiée" in html.stdout, html.stdout)
        # The record changed after its signature: the papers say the signature is invalid.
        edit_visa(repo, "date: 2026-06-03", "date: 2026-06-04")
        filed, cand, agenda_md, _ = papers(repo)
        check(filed["visa"]["signature"] == "invalide" and cand["visa"]["signature"] == "invalide",
              f"{filed['visa']} {cand['visa']}")
        check("signature invalide" in agenda_md, agenda_md)


@suite.test
def test_the_papers_show_a_piece_changed_and_a_piece_deleted_since_an_unsigned_visa():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# modifié après le visa\n")
        os.remove(os.path.join(repo, FOLDER, "concertation.yaml"))
        filed, cand, agenda_md, sheet_md = papers(repo)
        for entry in (filed, cand):
            found = states(entry)
            check(found["paa.yaml"] == "modifiee" and found["concertation.yaml"] == "absente"
                  and found["audits/2026-04-13-verification.yaml"] == "presente", str(found))
            check(entry["visa"]["signature"] == "non-signee", str(entry["visa"]))
            check([p["chemin"] for p in entry["etat_pieces"] if p["en_defaut"]] == ["paa.yaml", "concertation.yaml"],
                  str(entry["etat_pieces"]))
        check("paa.yaml : modifiée depuis le visa ; concertation.yaml : absente ou illisible |" in agenda_md, agenda_md)
        check("signature absente (visa non signé)" in agenda_md, agenda_md)
        check("- paa.yaml : modifiée depuis le visa\n- concertation.yaml : absente ou illisible" in sheet_md, sheet_md)
        # The readiness speaks too: the concertation is a required piece.
        check(any(p["piece"] == "concertation" for p in filed["pieces_manquantes"]), str(filed["pieces_manquantes"]))


@suite.test
def test_after_the_decisions_the_agenda_names_the_commit_of_a_changed_piece():
    with TempRepo(EXAMPLE) as repo:
        signed = in_git_with_decisions(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# le PAA vit après le comité\n")
        commit(repo, "PAA après le comité")
        filed, cand, agenda_md, _ = papers(repo, *AFTER)
        paa = [p for p in filed["etat_pieces"] if p["chemin"] == "paa.yaml"][0]
        check(paa["etat"] == "modifiee" and paa["commit"] == signed and not paa["en_defaut"], str(paa))
        check(filed["visa"]["decisions_enregistrees"] and cand["visa"]["decisions_enregistrees"], str(filed["visa"]))
        check(f"paa.yaml : modifiée depuis le visa (version visée dans le commit {signed[:12]})" in agenda_md,
              agenda_md)


@suite.test
def test_a_dossier_without_a_visa_says_so_in_the_papers():
    with TempRepo(EXAMPLE) as repo:
        os.remove(os.path.join(repo, FOLDER, "paa.yaml"))
        filed, cand, agenda_md, sheet_md = papers(repo)
        check(filed["visa"] is None and cand["visa"] is None, f"{filed['visa']} {cand['visa']}")
        check(states(filed)["paa.yaml"] == "absente" and not filed["etat_pieces"][3]["visee"], str(filed))
        check("| Visa de l'auditeur | Aucun visa de l'auditeur. |" in agenda_md, agenda_md)
        check("**Séance du 18 juin 2026** : Aucun visa de l'auditeur." in sheet_md and "- paa.yaml : absente" in sheet_md,
              sheet_md)
        check("Aucun visa.\n" not in sheet_md, sheet_md)


@suite.test
def test_explain_documents_the_sign_off_codes():
    for code in ("Q016", "Q397", "Q398", "Q399", "Q400", "Q401", "Q402", "Q403", "Q404", "Q405"):
        run = run_quali(QUALI, ["explain", code], ARGS.source)
        check(run.code == 0 and code in run.stdout, f"explain {code}: {run.code} {run.stderr}")


sys.exit(suite.run(ARGS.tests))
