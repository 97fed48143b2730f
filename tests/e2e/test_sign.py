#!/usr/bin/env python3
"""quali sign and the checks of the auditor's sign-off (Q397, Q398, Q399), end to end.

Signs the candidature of rhone-saone-logis for the session of 2026-06-18 in a copy of
examples/depot (reference date 2026-06-10), then edits, deletes and tampers with what it
covers. The OpenSSH signature cases use the real ssh-keygen (openssh-client).

Usage: test_sign.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per test and ends with "N passed, M failed"; exits 1 on any failure.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Failure, Suite, TempRepo, arguments, check, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
EXAMPLE = os.path.join(ARGS.source, "examples", "depot")
SLUG = "rhone-saone-logis"
FOLDER = f"organismes/{SLUG}"
VISA = f"{FOLDER}/candidatures/2026-06-18.visa.yaml"
AS_OF = ["--as-of", "2026-06-10"]
SIGN = ["sign", SLUG, "--candidature", "2026-06-18", "--auditeur", "sophie-moreau", "--date", "2026-06-03"]
suite = Suite()


def diagnostics(repo, *extra, env=None):
    run = run_quali(QUALI, ["validate", ".", "--format", "json", *AS_OF, *extra], repo, env=env)
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
def test_once_the_session_is_past_the_visa_is_no_longer_checked():
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        append(repo, f"{FOLDER}/paa.yaml", "# après le comité\n")
        run = run_quali(QUALI, ["validate", ".", "--format", "json", "--as-of", "2026-06-19"], repo)
        check(not [d for d in run.json()["diagnostics"] if d["code"] == "Q397"], "Q397 after the session")
        check([d for d in diagnostics(repo) if d["code"] == "Q397"], "no Q397 on the session's eve")


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
    if not have_ssh_keygen():
        raise Failure("ssh-keygen is missing (apt-get install openssh-client)")
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
def test_an_unsigned_visa_of_an_auditor_with_a_key_is_an_error():
    if not have_ssh_keygen():
        raise Failure("ssh-keygen is missing (apt-get install openssh-client)")
    with TempRepo(EXAMPLE) as repo:
        sign(repo)
        _, public = keypair(os.path.dirname(repo), "sophie")
        declare_key(repo, public)
        q398 = [d for d in diagnostics(repo) if d["code"] == "Q398"]
        check(len(q398) == 1 and "non signé" in q398[0]["message"], str(q398))


@suite.test
def test_explain_documents_the_sign_off_codes():
    for code in ("Q016", "Q397", "Q398", "Q399"):
        run = run_quali(QUALI, ["explain", code], ARGS.source)
        check(run.code == 0 and code in run.stdout, f"explain {code}: {run.code} {run.stderr}")


sys.exit(suite.run(ARGS.tests))
