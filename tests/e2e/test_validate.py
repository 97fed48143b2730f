#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali validate end to end: every bad input gives its diagnostic at the right place.

Cases. tests/data/validate/_base is a small, complete, valid repository (valid on 2026-06-10).
Every other folder there is one case holding only an expect.json: how to derive the case from
_base (`write`, `write_bytes`, `edit`, `remove`, … — see lib.apply_patch), and the exact
diagnostics `quali validate --format json` must give (code, file, line, column, severity, and
optionally notes and fragments of the message or hint). Any other error or warning fails the
case, and so does a wrong exit code (with "strict": true, exit 1 is also required with
--strict). Cases that cannot live in git (a 50 MB file, FIFOs, symbolic links, 10,000-deep
nesting, unreadable files) are built in temporary folders by the functions below. The CLI
contract (JSON and GitHub formats, exit codes, --lang en, paths relative to the current
directory, no file written, no colours when piped, quali explain) has its own tests.

Every run of quali must finish within 2 s, under a 1 GiB address-space limit (lib.run_quali).

Golden outputs. tests/golden/validate/ holds the full output of a few representative cases.
A mismatch writes the output beside the approved file as NAME.received and fails; when the
change is intended, read the diff and approve by renaming it (tests/golden/README.md).

Usage: test_validate.py --quali BINARY --source SOURCE_DIR [TEST…]
(TEST: run only the tests whose name contains it).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import Failure, TempRepo, check, run_quali  # noqa: E402

AS_OF = "2026-06-10"
ORG = "organismes/habitat-test/"


def build(args):
    quali, source = args.quali, args.source
    cases_dir = os.path.join(source, "tests", "data", "validate")
    base = os.path.join(cases_dir, "_base")
    golden = lib.Golden(source, "validate")
    suite = lib.Suite()
    test = suite.test

    def case_spec(name):
        with open(os.path.join(cases_dir, name, "expect.json"), encoding="utf-8") as f:
            return json.load(f)

    def case_repo(name):
        """A TempRepo for a case of tests/data/validate."""
        return TempRepo(base, case_spec(name))

    def expect_only(repo, expected, strict_too=False):
        return lib.assert_diagnostics(quali, repo, expected, ["--as-of", AS_OF], strict_too)

    def d(code, file, line, column, severity="error"):
        return {"code": code, "file": file, "line": line, "column": column, "severity": severity}

    # -----------------------------------------------------------------------------------------
    # Valid repositories

    @test
    def test_base_is_valid():
        run, got = lib.validate_json(quali, base, ["--as-of", AS_OF])
        check(got == [] and run.code == 0,
              f"_base must give no diagnostic: exit {run.code}, " + "; ".join(lib.show(g) for g in got))

    @test
    def test_examples_depot_is_valid():
        run = run_quali(quali, ["validate", "examples/depot", "--as-of", AS_OF, "--format", "json"], source)
        got = run.json().get("diagnostics", [])
        check(run.code == 0 and got == [],
              f"examples/depot: exit {run.code}, {len(got)} diagnostic(s): "
              + "; ".join(lib.show(g) for g in got[:10]) + (" …" if len(got) > 10 else ""))

    # -----------------------------------------------------------------------------------------
    # One case per folder of tests/data/validate

    names = sorted(n for n in os.listdir(cases_dir)
                   if not n.startswith(("_", ".")) and os.path.isfile(os.path.join(cases_dir, n, "expect.json")))
    for name in names:
        def run_case(name=name):
            spec = case_spec(name)
            with TempRepo(base, spec) as repo:
                lib.assert_diagnostics(quali, repo, spec["expect"],
                                       ["--as-of", spec.get("as_of", AS_OF)] + spec.get("args", []),
                                       strict_too=spec.get("strict", False))
        suite.add(f"case/{name}", run_case)

    # -----------------------------------------------------------------------------------------
    # Hostile and generated inputs, built at run time

    @test
    def test_q007_file_of_50_mb():
        with TempRepo(base) as repo:
            path = os.path.join(repo, ORG, "audits", "2025-11-03-verification.yaml")
            line = "# " + "x" * 97 + "\n"
            with open(path, "w", encoding="ascii") as f:
                for _ in range(50):
                    f.write(line * (1024 * 1024 // len(line) + 1))
            check(os.path.getsize(path) >= 50 * 1024 * 1024, "the generated file is smaller than 50 MB")
            expect_only(repo, [d("Q007", ORG + "audits/2025-11-03-verification.yaml", 1, 1)])

    @test
    def test_q008_nesting_10000_deep_brackets():
        # The root mapping is level 1, "date:"'s value level 2: the 65th level is the 64th "[",
        # at column 7 + 63.
        with TempRepo(base, {"write": {ORG + "autodiagnostic.yaml": "date: " + "[" * 10000 + "]" * 10000 + "\n"}}) as repo:
            expect_only(repo, [d("Q008", ORG + "autodiagnostic.yaml", 1, 70)])

    @test
    def test_q008_nesting_10000_deep_dashes():
        # "- - - … x": the 65th list starts at the 65th dash, column 2 × 64 + 1.
        with TempRepo(base, {"write": {ORG + "paa.yaml": "- " * 10000 + "x\n"}}) as repo:
            expect_only(repo, [d("Q008", ORG + "paa.yaml", 1, 129)])

    @test
    def test_q008_nesting_10000_deep_mappings():
        # {a: {a: … }}: the root mapping, then "date:"'s value; the 65th level is the 64th "{",
        # each "{a: " four columns wide.
        text = "date: " + "{a: " * 10000 + "1" + "}" * 10000 + "\n"
        with TempRepo(base, {"write": {ORG + "autodiagnostic.yaml": text}}) as repo:
            expect_only(repo, [d("Q008", ORG + "autodiagnostic.yaml", 1, 7 + 4 * 63)])

    @test
    def test_q010_folder_named_organisme_yaml():
        # One defect, one diagnostic: the folder is reported, not also "organisme folder
        # without organisme.yaml" (Q015), whose hint — create organisme.yaml — would be wrong.
        with TempRepo(base) as repo:
            path = os.path.join(repo, ORG, "organisme.yaml")
            os.remove(path)
            os.mkdir(path)
            expect_only(repo, [d("Q010", ORG + "organisme.yaml", 1, 1)])

    @test
    def test_q010_folder_named_like_an_audit():
        with TempRepo(base) as repo:
            os.mkdir(os.path.join(repo, ORG, "audits", "2025-11-03-verification.yaml"))
            expect_only(repo, [d("Q010", ORG + "audits/2025-11-03-verification.yaml", 1, 1)])

    @test
    def test_q010_fifo_named_yaml():
        # Reading a FIFO would block forever: quali must not open it (the 10 s time-out catches a hang).
        with TempRepo(base) as repo:
            os.mkfifo(os.path.join(repo, ORG, "audits", "x.yaml"))
            expect_only(repo, [d("Q010", ORG + "audits/x.yaml", 1, 1)])

    @test
    def test_q010_dangling_symlink():
        with TempRepo(base) as repo:
            os.symlink("nulle-part.yaml", os.path.join(repo, ORG, "audits", "x.yaml"))
            expect_only(repo, [d("Q010", ORG + "audits/x.yaml", 1, 1)])

    @test
    def test_q010_looping_symlinks():
        with TempRepo(base) as repo:
            os.symlink("b.yaml", os.path.join(repo, ORG, "audits", "a.yaml"))
            os.symlink("a.yaml", os.path.join(repo, ORG, "audits", "b.yaml"))
            expect_only(repo, [d("Q010", ORG + "audits/a.yaml", 1, 1), d("Q010", ORG + "audits/b.yaml", 1, 1)])

    @test
    def test_q010_symlink_leaving_the_repository():
        with TempRepo(base) as repo:
            outside = os.path.join(os.path.dirname(repo), "secret.yaml")
            with open(outside, "w", encoding="utf-8") as f:
                f.write("type: diagnostic-hqs\n")
            os.symlink(outside, os.path.join(repo, ORG, "audits", "2025-11-03-verification.yaml"))
            expect_only(repo, [d("Q010", ORG + "audits/2025-11-03-verification.yaml", 1, 1)])

    @test
    def test_q010_unreadable_file():
        if os.geteuid() == 0:
            return "skipped: running as root, chmod does not stop reading (FIFO and links cover Q010)"
        with TempRepo(base) as repo:
            os.chmod(os.path.join(repo, ORG, "paa.yaml"), 0)
            expect_only(repo, [d("Q010", ORG + "paa.yaml", 1, 1)])

    @test
    def test_directory_symlink_loop_is_not_followed():
        # Not followed, and said (Q018): a folder is never skipped without a word.
        with TempRepo(base) as repo:
            os.symlink("..", os.path.join(repo, ORG, "audits", "boucle"))
            expect_only(repo, [d("Q018", ORG + "audits/boucle", 1, 1, "warning")])

    # -----------------------------------------------------------------------------------------
    # Never silent: what the walk does not read is reported (Q018)

    @test
    def test_q018_symlink_to_a_folder_in_organismes():
        with TempRepo(base) as repo:
            elsewhere = os.path.join(os.path.dirname(repo), "ailleurs")
            lib.copy_tree(os.path.join(repo, ORG), elsewhere)
            os.symlink(elsewhere, os.path.join(repo, "organismes", "ailleurs"))
            got = expect_only(repo, [d("Q018", "organismes/ailleurs", 1, 1, "warning")])
            check("dossier" in got[0]["message"] and got[0].get("hint"), f"message {got[0]}")

    @test
    def test_q018_stray_file_in_organismes():
        with TempRepo(base, {"write": {"organismes/notes.txt": "à trier\n", "organismes/.gitkeep": "",
                                       "LISEZMOI.md": "# Dépôt\n"}}) as repo:
            got = expect_only(repo, [d("Q018", "organismes/notes.txt", 1, 1, "warning")])
            check("dossier d'organisme" in got[0]["message"], f"message {got[0]['message']!r}")

    @test
    def test_q018_symlink_to_a_file_in_organismes():
        with TempRepo(base, {"write": {"notes.txt": "à trier\n"}}) as repo:
            os.symlink("../notes.txt", os.path.join(repo, "organismes", "notes"))
            expect_only(repo, [d("Q018", "organismes/notes", 1, 1, "warning")])

    @test
    def test_q018_fifos():
        with TempRepo(base) as repo:
            os.mkfifo(os.path.join(repo, "organismes", "tube"))
            os.mkfifo(os.path.join(repo, ORG, "tube"))
            expect_only(repo, [d("Q018", "organismes/tube", 1, 1, "warning"),
                               d("Q018", ORG + "tube", 1, 1, "warning")])

    @test
    def test_q018_hidden_folders():
        # .git anywhere and the tools' hidden folders at the root are their own business; a
        # hidden folder elsewhere may hide the user's files: said.
        patch = {"write": {ORG + ".brouillons/paa.yaml": "actions: []\n", ".foo/x.yaml": "a: 1\n",
                           ".github/workflows/ci.yaml": "on: push\n", ORG + ".git/HEAD": "ref\n",
                           "organismes/.cache/x.yaml": "a: 1\n"}}
        with TempRepo(base, patch) as repo:
            expect_only(repo, [d("Q018", ORG + ".brouillons", 1, 1, "warning"),
                               d("Q018", "organismes/.cache", 1, 1, "warning")])

    @test
    def test_q018_folder_too_deep():
        with TempRepo(base, {"write": {ORG + "a/b/c/d/e/f/x.yaml": "a: 1\n"}}) as repo:
            expect_only(repo, [d("Q018", ORG + "a/b/c/d/e/f", 1, 1, "warning")])

    @test
    def test_q018_in_lang_en():
        with TempRepo(base, {"write": {"organismes/notes.txt": "x\n"}}) as repo:
            run = run_quali(quali, ["--lang", "en", "validate", ".", "--as-of", AS_OF], repo)
            check("organismes/notes.txt:1:1: warning[Q018]:" in run.stdout and "not read" in run.stdout,
                  f"output {run.stdout!r}")

    # -----------------------------------------------------------------------------------------
    # Noise control: --ignore and quali.yaml diagnostics.ignorer silence warnings only (Q019)

    TWO_WARNINGS = {"write": {"notes.yaml": "a: 1\n", "organismes/notes.txt": "x\n"}}  # Q011, Q018

    @test
    def test_ignore_silences_warnings():
        with TempRepo(base, TWO_WARNINGS) as repo:
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q011,q018", "--format", "json"],
                            repo)
            out = run.json()
            check(run.code == 0 and out["diagnostics"] == [], f"exit {run.code}, {out['diagnostics']}")
            check(out["summary"]["silenced"] == 2 and out["summary"]["warnings"] == 0, f"summary {out['summary']}")
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q011", "--ignore", "Q018"], repo)
            check(run.code == 0 and run.stdout == "Aucun problème (12 fichiers vérifiés, 2 avertissements masqués).\n",
                  f"text {run.stdout!r}")
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q018", "--strict"], repo)
            check(run.code == 1 and "[Q011]" in run.stdout and "[Q018]" not in run.stdout
                  and "1 avertissement masqué)" in run.stdout, f"strict, one left: {run.code} {run.stdout!r}")
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q011,Q018", "--strict"], repo)
            check(run.code == 0, f"--strict fails on silenced warnings: {run.stdout!r}")
            run = run_quali(quali, ["--lang", "en", "validate", ".", "--as-of", AS_OF, "--ignore", "Q011"], repo)
            check("(12 files checked, 1 warning silenced)" in run.stdout, f"English {run.stdout!r}")
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q011", "--format", "github"], repo)
            check(run.code == 0 and "Q011" not in run.stdout and "Q018" in run.stdout, f"github {run.stdout!r}")

    @test
    def test_ignore_never_hides_an_error():
        patch = {"edit": [{"file": ORG + "organisme.yaml", "replace": "logements:", "with": "logement:"}]}
        with TempRepo(base, patch) as repo:
            with open(os.path.join(repo, ORG, "organisme.yaml"), encoding="utf-8") as f:
                line = f.read().split("logement:")[0].count("\n") + 1
            run, got = lib.validate_json(quali, repo, ["--as-of", AS_OF, "--ignore", "Q103,Q999"])
            problems = lib.compare_diagnostics([
                d("Q103", ORG + "organisme.yaml", line, 1),
                {"code": "Q019", "file": "--ignore", "line": 0, "column": 0, "severity": "warning",
                 "message_contains": ["Q103", "code d'erreur"]},
                {"code": "Q019", "file": "--ignore", "line": 0, "column": 0, "severity": "warning",
                 "message_contains": ["Q999", "inconnu"]}], got)
            check(not problems and run.code == 1, f"exit {run.code}: {problems}")
            check(run.json()["summary"]["silenced"] == 0, f"summary {run.json()['summary']}")
            run = run_quali(quali, ["validate", ".", "--as-of", AS_OF, "--ignore", "Q103"], repo)
            check(run.code == 1 and "--ignore: avertissement[Q019]:" in run.stdout, f"text {run.stdout!r}")

    @test
    def test_quali_yaml_ignorer():
        patch = dict(TWO_WARNINGS)
        patch["edit"] = [{"file": "quali.yaml", "replace": "version: 1\n",
                          "with": "version: 1\ndiagnostics:\n  ignorer: [Q011, Q360]\n"}]
        with TempRepo(base, patch) as repo:
            run, got = lib.validate_json(quali, repo, ["--as-of", AS_OF, "--ignore", "Q018"])
            problems = lib.compare_diagnostics([
                {"code": "Q019", "file": "quali.yaml", "line": 5, "column": 19, "severity": "warning",
                 "message_contains": ["Q360"]}], got)
            check(not problems and run.code == 0 and run.json()["summary"]["silenced"] == 2,
                  f"exit {run.code}: {problems} {run.stdout[-200:]!r}")

    @test
    def test_q205_proof_through_symlink_leaving_the_folder():
        with TempRepo(base, {"edit": [{"file": ORG + "paa.yaml", "replace": "preuves: [preuves/a02-bilan.pdf]",
                                       "with": "preuves: [preuves/lien.pdf]"}]}) as repo:
            outside = os.path.join(os.path.dirname(repo), "dehors.pdf")
            with open(outside, "w", encoding="utf-8") as f:
                f.write("hors du dépôt\n")
            os.symlink(outside, os.path.join(repo, ORG, "preuves", "lien.pdf"))
            expect_only(repo, [d("Q205", ORG + "paa.yaml", 16, 15)])

    @test
    def test_proof_through_symlink_inside_the_folder_is_accepted():
        with TempRepo(base, {"edit": [{"file": ORG + "paa.yaml", "replace": "preuves: [preuves/a02-bilan.pdf]",
                                       "with": "preuves: [preuves/lien.pdf]"}]}) as repo:
            os.symlink("a02-bilan.pdf", os.path.join(repo, ORG, "preuves", "lien.pdf"))
            expect_only(repo, [])

    # -----------------------------------------------------------------------------------------
    # The command-line contract

    DUPLICATE = "q002-cle-en-double"

    @test
    def test_json_is_exactly_one_object():
        patch = case_spec(DUPLICATE)
        patch = dict(patch, write={ORG + "concertations.yaml": "evenements: []\n"})
        with TempRepo(base, patch) as repo:
            run = run_quali(quali, ["validate", "--as-of", AS_OF, "--format", "json"], repo)
            check(run.code == 1, f"exit {run.code}, expected 1")
            check(run.stderr == "", f"stderr not empty: {run.stderr!r}")
            out = run.json()  # json.loads: anything after the object fails ("Extra data")
            check(list(out) == ["diagnostics", "summary"], f"top-level keys {list(out)}")
            diags = out["diagnostics"]
            check(isinstance(diags, list), "diagnostics is not a list")
            allowed = {"file", "line", "column", "severity", "code", "message", "hint", "notes"}
            for g in diags:
                check(set(g) >= {"file", "line", "column", "severity", "code", "message"} and set(g) <= allowed,
                      f"diagnostic keys {sorted(g)}")
                check(isinstance(g["file"], str) and isinstance(g["line"], int) and isinstance(g["column"], int),
                      f"types of file/line/column in {g}")
                check(g["severity"] in ("error", "warning"), f"severity {g['severity']!r}")
                check(re.fullmatch(r"Q\d{3}", g["code"]) is not None, f"code {g['code']!r}")
                check(isinstance(g["message"], str) and g["message"], f"empty message in {g}")
                for n in g.get("notes", []):
                    check(set(n) == {"file", "line", "column", "message"}, f"note keys {sorted(n)}")
            got = sorted((g["code"], g["severity"]) for g in diags)
            check(got == [("Q002", "error"), ("Q011", "warning")], f"diagnostics {got}")
            check(out["summary"] == {"files": 12, "errors": 1, "warnings": 1, "silenced": 0},
                  f"summary {out['summary']}")
        run = run_quali(quali, ["validate", "--as-of", AS_OF, "--format", "json"], base)
        check(run.json() == {"diagnostics": [], "summary": {"files": 11, "errors": 0, "warnings": 0, "silenced": 0}},
              f"valid repository: {run.stdout!r}")
        # A lone organisation folder: the text output adds a line on the rules not checked; the
        # JSON output stays one object.
        with TempRepo(os.path.join(base, "organismes", "habitat-test"), name="habitat-test") as lone:
            run = run_quali(quali, ["validate", "--as-of", AS_OF, "--format", "json"], lone)
            check(run.json() == {"diagnostics": [], "summary": {"files": 6, "errors": 0, "warnings": 0,
                                                                "silenced": 0}},
                  f"lone organisation folder: {run.stdout!r}")

    @test
    def test_github_format():
        patch = dict(case_spec(DUPLICATE), write={ORG + "concertations.yaml": "evenements: []\n"})
        with TempRepo(base, patch) as repo:
            run = run_quali(quali, ["validate", "--as-of", AS_OF, "--format", "github"], repo)
            check(run.code == 1, f"exit {run.code}, expected 1")
            lines = run.stdout.splitlines()
            check(len(lines) == 2, f"expected 2 lines (one per diagnostic), got {lines}")
            for line in lines:
                check(re.match(r"::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=quali Q\d{3}::\S", line),
                      f"not a GitHub workflow command: {line!r}")
            check(any(l.startswith(f"::error file={ORG}organisme.yaml,line=8,col=1,title=quali Q002::") for l in lines),
                  f"no ::error line for the duplicate key: {lines}")
            check(any(l.startswith(f"::warning file={ORG}concertations.yaml,line=1,col=1,") for l in lines),
                  f"no ::warning line for the unknown place: {lines}")

    @test
    def test_exit_codes():
        check(run_quali(quali, ["validate", "--as-of", AS_OF], base).code == 0, "valid repository: exit not 0")
        with case_repo(DUPLICATE) as repo:
            check(run_quali(quali, ["validate", "--as-of", AS_OF], repo).code == 1, "an error: exit not 1")
        with case_repo("q011-emplacement-inconnu") as repo:
            check(run_quali(quali, ["validate", "--as-of", AS_OF], repo).code == 0, "only a warning: exit not 0")
            check(run_quali(quali, ["validate", "--as-of", AS_OF, "--strict"], repo).code == 1,
                  "only a warning, --strict: exit not 1")

        def one_clear_line(run, words, what):
            check(run.code == 2, f"{what}: exit {run.code}, expected 2")
            check(run.stdout == "", f"{what}: stdout not empty: {run.stdout!r}")
            lines = run.stderr.splitlines()
            check(len(lines) == 1, f"{what}: stderr should be one line, got {lines}")
            for w in words:
                check(w in lines[0], f"{what}: {lines[0]!r} does not mention {w!r}")

        one_clear_line(run_quali(quali, ["validate", "nulle-part"], base), ["nulle-part"], "missing path")
        one_clear_line(run_quali(quali, ["validate", "organismes/absent/paa.yaml"], base),
                       ["organismes/absent/paa.yaml"], "missing file in a repository")
        with TempRepo() as empty:
            one_clear_line(run_quali(quali, ["validate"], empty), ["quali.yaml"], "current folder in no repository")
            one_clear_line(run_quali(quali, ["validate", empty], os.path.dirname(empty)), [empty],
                           "folder in no repository")
            one_clear_line(run_quali(quali, ["validate", "--format", "json"], empty), ["quali.yaml"],
                           "no repository, JSON format")
        check(run_quali(quali, ["validate", "--format", "xml"], base).code == 2, "unknown format: exit not 2")

        # Command-line mistakes: exit 2, in the user's language, naming what was wrong.
        def usage_error(args, words, what, env=None):
            run = run_quali(quali, args, base, env=env)
            check(run.code == 2, f"{what}: exit {run.code}, expected 2")
            check(run.stdout == "", f"{what}: stdout not empty: {run.stdout!r}")
            first = run.stderr.splitlines()[0] if run.stderr else ""
            for w in words:
                check(w in first, f"{what}: {first!r} does not mention {w!r}")

        usage_error(["validate", "--bogus"], ["erreur", "argument inattendu", "--bogus"], "unknown option")
        usage_error(["frobnicate"], ["commande inconnue", "frobnicate"], "unknown command")
        usage_error([], ["une commande est attendue"], "no command")
        usage_error(["validate", "--format", "xml"], ["--format", "« xml »", "{text,json,github,gitlab,sarif}"], "bad choice")
        usage_error(["validate", "--as-of"], ["--as-of", "valeur manquante"], "missing value")
        usage_error(["validate", "--staged", "--changed"], ["--staged", "--changed", "s'excluent"], "exclusive")
        usage_error(["--lang", "en", "frobnicate"], ["error", "unknown command", "frobnicate"], "unknown command, en")
        usage_error(["validate", "--bogus"], ["error", "not expected", "--bogus"], "unknown option, en",
                    env={"LANG": "en_GB.UTF-8"})

    @test
    def test_lang_en():
        with case_repo(DUPLICATE) as repo:
            run = run_quali(quali, ["--lang", "en", "validate", "--as-of", AS_OF], repo)
            check(run.code == 1, f"exit {run.code}")
            want = [f"{ORG}organisme.yaml:8:1: error[Q002]: duplicate key \"logements\" in this mapping: "
                    "only the first one is read",
                    "help: merge the two values or remove one of the keys",
                    f"note: {ORG}organisme.yaml:7:1: first definition of \"logements\""]
            got = run.stdout.splitlines()
            check(got[:3] == want, f"English output:\n{run.stdout}expected:\n" + "\n".join(want))
            check(len(got) == 4 and got[3].startswith("1 error, ") and got[3].endswith("in 1 file (11 files checked)."),
                  f"English summary {got[3:]}")
            by_locale = run_quali(quali, ["validate", "--as-of", AS_OF], repo, env={"LANG": "en_US.UTF-8"})
            check("error[Q002]: duplicate key" in by_locale.stdout, f"LANG=en_US.UTF-8: {by_locale.stdout!r}")
            french = run_quali(quali, ["validate", "--as-of", AS_OF], repo)
            check("erreur[Q002]: clé « logements » en double" in french.stdout, f"French output: {french.stdout!r}")
        run = run_quali(quali, ["--lang", "en", "validate", "nulle-part"], base)
        check(run.stderr.startswith("quali: error: no such path: nulle-part"), f"English stderr {run.stderr!r}")

    @test
    def test_lang_en_summary_plurals():
        # English puts zero in the plural: "0 warnings", "0 errors" (French keeps "0 avertissement").
        with case_repo(DUPLICATE) as repo:
            run = run_quali(quali, ["--lang", "en", "validate", "--as-of", AS_OF], repo)
            last = run.stdout.splitlines()[-1]
            check(last == "1 error, 0 warnings in 1 file (11 files checked).", f"summary {last!r}")
        with case_repo("q011-emplacement-inconnu") as repo:
            run = run_quali(quali, ["--lang", "en", "validate", "--as-of", AS_OF], repo)
            last = run.stdout.splitlines()[-1]
            check(last == "0 errors, 1 warning in 1 file (12 files checked).", f"summary {last!r}")
            run = run_quali(quali, ["validate", "--as-of", AS_OF], repo)
            last = run.stdout.splitlines()[-1]
            check(last == "0 erreur, 1 avertissement dans 1 fichier (12 fichiers vérifiés).", f"résumé {last!r}")

    @test
    def test_lang_en_in_every_case():
        # French guillemets « » only appear in French messages.
        bad = []
        for name in names:
            with case_repo(name) as repo:
                run = run_quali(quali, ["--lang", "en", "validate", "--as-of", AS_OF, "--format", "json"], repo)
                for g in run.json()["diagnostics"]:
                    for text in [g["message"], g.get("hint", "")] + [n["message"] for n in g.get("notes", [])]:
                        if "«" in text or "»" in text:
                            bad.append(f"{name}: {g['code']} {text!r}")
        check(not bad, "French text with --lang en:\n    " + "\n    ".join(bad))

    @test
    def test_paths_relative_to_current_directory():
        with case_repo(DUPLICATE) as repo:
            parent = os.path.dirname(repo)
            name = os.path.basename(repo)
            runs = [  # (cwd, arguments, the path the file must be shown as)
                (repo, ["."], f"{ORG}organisme.yaml"),
                (repo, [], f"{ORG}organisme.yaml"),
                (parent, [name], f"{name}/{ORG}organisme.yaml"),
                (parent, [f"{name}/{ORG}organisme.yaml"], f"{name}/{ORG}organisme.yaml"),
                (os.path.join(repo, "comite"), [".."], f"../{ORG}organisme.yaml"),
                (os.path.join(repo, ORG, "audits"), [".."], "../organisme.yaml"),
                (parent, [repo], f"{name}/{ORG}organisme.yaml"),
            ]
            for cwd, paths, shown in runs:
                where = f"from {os.path.relpath(cwd, parent)}/ with {paths}"
                run = run_quali(quali, ["validate"] + paths + ["--as-of", AS_OF, "--format", "json"], cwd)
                got = run.json()["diagnostics"]
                check(len(got) == 1, f"{where}: {len(got)} diagnostics, expected 1: {got}")
                check(got[0]["file"] == shown, f"{where}: file {got[0]['file']!r}, expected {shown!r}")
                notes = [n["file"] for n in got[0].get("notes", [])]
                check(notes == [shown], f"{where}: note files {notes}, expected [{shown!r}]")
                text = run_quali(quali, ["validate"] + paths + ["--as-of", AS_OF], cwd)
                check(text.stdout.startswith(f"{shown}:8:1: erreur[Q002]"), f"{where}: text {text.stdout[:120]!r}")

    @test
    def test_no_path_means_the_whole_repository():
        # docs/cli.md: without CHEMIN, "le dépôt qui contient le dossier courant" — the whole
        # repository, from any of its sub-folders, paths shown relative to the current folder.
        with case_repo(DUPLICATE) as repo:
            for sub, shown in ((".", f"{ORG}organisme.yaml"), ("comite", f"../{ORG}organisme.yaml"),
                               (ORG + "audits", "../organisme.yaml")):
                run = run_quali(quali, ["validate", "--as-of", AS_OF, "--format", "json"], os.path.join(repo, sub))
                out = run.json()
                got = [g["file"] for g in out["diagnostics"]]
                check(got == [shown] and run.code == 1,
                      f"from {sub}/ without a path: exit {run.code}, diagnostics in {got}, expected [{shown!r}]")
                check(out["summary"]["files"] == 11, f"from {sub}/ without a path: {out['summary']['files']} "
                                                     "files checked, expected the 11 of the repository")

    @test
    def test_validate_writes_nothing():
        for name in ["q002-cle-en-double", "q011-emplacement-inconnu", "q001-fichier-tronque"]:
            with case_repo(name) as repo:
                parent = os.path.dirname(repo)
                before = lib.snapshot(parent)
                for cwd, argv in [(repo, ["validate"]), (repo, ["validate", ".", "--format", "json"]),
                                  (repo, ["validate", "--format", "github", "--strict"]),
                                  (parent, ["validate", os.path.basename(repo)]),
                                  (os.path.join(repo, ORG), ["validate", "paa.yaml"]),
                                  (repo, ["--lang", "en", "validate", "-q"])]:
                    run_quali(quali, argv + ["--as-of", AS_OF], cwd)
                changes = lib.snapshot_changes(before, lib.snapshot(parent))
                check(not changes, f"{name}: validate changed files: {changes}")

    @test
    def test_no_colours_when_not_a_terminal():
        loud = {"TERM": "xterm-256color", "CLICOLOR_FORCE": "1", "FORCE_COLOR": "1", "COLORTERM": "truecolor"}
        with case_repo(DUPLICATE) as repo:
            for argv in (["validate"], ["validate", "--format", "github"], ["validate", "nulle-part"]):
                run = run_quali(quali, argv + ["--as-of", AS_OF], repo, env=loud)
                check("\x1b" not in run.stdout and "\x1b" not in run.stderr,
                      f"escape sequences with stdout piped: {run.describe()}: {run.stdout!r} {run.stderr!r}")
            tty = lib.run_quali_tty(quali, ["validate", "--as-of", AS_OF], repo)
            check("\x1b[" in tty.stdout, f"no colour on a terminal (so this test proves nothing): {tty.stdout!r}")
            for argv, env in ((["--no-color", "validate"], None), (["validate"], {"NO_COLOR": "1"})):
                tty = lib.run_quali_tty(quali, argv + ["--as-of", AS_OF], repo, env=env)
                check("\x1b" not in tty.stdout, f"colours on a terminal with {argv} {env}: {tty.stdout!r}")

    @test
    def test_output_is_deterministic():
        with case_repo("q204-actions-en-double") as repo:
            with open(os.path.join(repo, ORG, "concertations.yaml"), "w", encoding="utf-8") as f:
                f.write("evenements: []\n")
            outputs = {run_quali(quali, ["validate", "--as-of", AS_OF, "--format", fmt], repo).stdout
                       for fmt in ("json",) * 3}
            check(len(outputs) == 1, "three runs gave different outputs")

    def codes_md(name="codes.md"):
        with open(os.path.join(source, "docs", name), encoding="utf-8") as f:
            return f.read()

    def section(doc, code):
        m = re.search(rf"^## {code}\b.*?(?=^#{{1,2}} |\Z)", doc, re.S | re.M)
        return m.group(0).rstrip("\n") + "\n" if m else None

    # (language options, reference page, heading of Q002, a word of the unknown-code error)
    explain_languages = [([], "codes.md", "## Q002 — clé en double\n", "inconnu"),
                         (["--lang", "en"], "codes.en.md", "## Q002 — duplicate key\n", "unknown")]

    @test
    def test_explain():
        for lang, page, heading, unknown_word in explain_languages:
            doc = codes_md(page)
            run = run_quali(quali, lang + ["explain", "Q002"], source)
            check(run.code == 0, f"{lang} explain Q002: exit {run.code}, stderr {run.stderr!r}")
            check(run.stdout.startswith(heading), f"{lang} explain Q002: {run.stdout[:80]!r}")
            check(run.stdout == section(doc, "Q002"), f"explain Q002 is not the section of docs/{page}: {run.stdout!r}")
            check(run_quali(quali, lang + ["explain", "q002"], source).stdout == run.stdout,
                  f"{lang} explain q002 (lower case) differs")
            for unknown in ("Q999", "Q00", "XYZ"):
                bad = run_quali(quali, lang + ["explain", unknown], source)
                check(bad.code == 2, f"{lang} explain {unknown}: exit {bad.code}, expected 2")
                check(bad.stdout == "", f"{lang} explain {unknown}: stdout {bad.stdout!r}")
                check(len(bad.stderr.splitlines()) == 1 and unknown in bad.stderr and unknown_word in bad.stderr,
                      f"{lang} explain {unknown}: stderr should be one line naming it: {bad.stderr!r}")

    @test
    def test_explain_in_english_is_english():
        """The English page of Q002 is not the French one, and has none of its words."""
        en = run_quali(quali, ["--lang", "en", "explain", "Q002"], source).stdout
        fr = run_quali(quali, ["explain", "Q002"], source).stdout
        check(en != fr, "explain Q002 prints the same page in both languages")
        check("Severity: error." in en and "Gravité" not in en, f"--lang en explain Q002: {en!r}")
        check("Gravité : erreur." in fr and "Severity" not in fr, f"explain Q002: {fr!r}")

    @test
    def test_explain_every_documented_code():
        for lang, page, _, _ in explain_languages:
            doc = codes_md(page)
            missing = []
            for code in re.findall(r"^## (Q\d{3})\b", doc, re.M):
                run = run_quali(quali, lang + ["explain", code], source)
                if run.code != 0 or run.stdout != section(doc, code):
                    missing.append(f"{code} (exit {run.code})")
            check(not missing, f"quali {' '.join(lang)} explain does not print the section of: {', '.join(missing)}")

    @test
    def test_codes_en_md_has_the_sections_of_codes_md():
        """docs/codes.en.md is the English of docs/codes.md: the same '## ' sections, codes in the
        same order, and no section left in French."""
        fr, en = codes_md(), codes_md("codes.en.md")
        fr_codes = re.findall(r"^## (Q\d{3})\b", fr, re.M)
        en_codes = re.findall(r"^## (Q\d{3})\b", en, re.M)
        check(fr_codes == en_codes, f"codes of codes.md and codes.en.md differ: "
              f"only in French {sorted(set(fr_codes) - set(en_codes))}, "
              f"only in English {sorted(set(en_codes) - set(fr_codes))}, or not in the same order")
        check(len(re.findall(r"^## ", fr, re.M)) == len(re.findall(r"^## ", en, re.M)),
              "codes.md and codes.en.md do not have the same number of '## ' sections")
        french = [c for c in en_codes if "Gravité" in section(en, c) or "Correction :" in section(en, c)]
        check(not french, f"sections of codes.en.md still in French: {french}")
        no_severity = [c for c in en_codes if not section(en, c).split("\n", 2)[2].startswith("Severity: ")]
        check(not no_severity, f"sections of codes.en.md that do not start with 'Severity: ': {no_severity}")

    # -----------------------------------------------------------------------------------------
    # Golden outputs (tests/golden/validate/); cwd is the case's root, so paths are stable.

    goldens = [  # (golden file, case or None for _base, arguments before --as-of)
        ("base.txt", None, ["validate"]),
        ("q001-syntaxe-deux-points.txt", "q001-syntaxe-deux-points", ["validate"]),
        ("q002-cle-en-double.txt", "q002-cle-en-double", ["validate"]),
        ("q002-cle-en-double.json", "q002-cle-en-double", ["validate", "--format", "json"]),
        ("q002-cle-en-double.github.txt", "q002-cle-en-double", ["validate", "--format", "github"]),
        ("q103-cle-inconnue.txt", "q103-cle-inconnue", ["validate"]),
        ("q104-valeur-non-autorisee.txt", "q104-valeur-non-autorisee", ["validate"]),
        ("q204-actions-en-double.txt", "q204-actions-en-double", ["validate"]),
        ("q011-emplacement-inconnu.txt", "q011-emplacement-inconnu", ["validate"]),
        ("q011-emplacement-inconnu.en.txt", "q011-emplacement-inconnu", ["--lang", "en", "validate"]),
    ]
    for file, case, argv in goldens:
        def run_golden(file=file, case=case, argv=argv):
            with TempRepo(base, case_spec(case) if case else None) as repo:
                run = run_quali(quali, argv + ["--as-of", AS_OF], repo)
                golden.check(file, run.stdout)
        suite.add(f"golden/{file}", run_golden)

    # -----------------------------------------------------------------------------------------

    @test
    def test_every_code_emitted_is_documented():
        """Every code the program's sources can emit, and every code this run has seen (when
        the test runs with the others), has its section in docs/codes.md: the test does not
        depend on which tests ran before it."""
        documented = set(re.findall(r"^## (Q\d{3})\b", codes_md(), re.M))
        documented_en = set(re.findall(r"^## (Q\d{3})\b", codes_md("codes.en.md"), re.M))
        emitted = set()
        for folder, _, names in os.walk(os.path.join(source, "src")):
            for name in names:
                if name.endswith((".cpp", ".hpp")):
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        emitted |= set(re.findall(r'"(Q\d{3})"', f.read()))
        check(len(emitted) > 50, f"only {len(emitted)} codes found in src/")
        undocumented = sorted(c for c in emitted | lib.codes_seen if c not in documented)
        check(not undocumented, f"codes without a '## CODE' section in docs/codes.md: {undocumented}")
        undocumented_en = sorted(c for c in emitted | lib.codes_seen if c not in documented_en)
        check(not undocumented_en, f"codes without a '## CODE' section in docs/codes.en.md: {undocumented_en}")
        return f"{len(emitted)} codes in the sources, {len(lib.codes_seen)} seen"

    return suite


def main():
    args = lib.arguments(__doc__.splitlines()[0])
    return build(args).run(args.tests)


if __name__ == "__main__":
    sys.exit(main())
