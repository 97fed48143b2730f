#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali validate's forge reports end to end: --format gitlab and --format sarif.

No Debian package carries GitLab's Code Quality schema or SARIF 2.1.0's JSON Schema
(python3-sarif-python-om ships Python classes, not the schema), so the reports are checked
field by field against what GitLab and GitHub code scanning read: GitLab's description,
check_name, fingerprint, severity, location.path, location.lines.begin; SARIF's $schema,
version, one run, tool.driver (name, version, rules with the text of quali explain), results
(ruleId, ruleIndex, level, message, locations, partialFingerprints).

Repositories are derived from tests/data/rules/_base (valid on 2026-06-10) with lib.TempRepo.
The fingerprints must not change between two runs, nor when lines are added above the
diagnostic; they differ from one diagnostic to another, identical twins included.

Usage: test_forge.py --quali BINARY --source SOURCE_DIR [TEST…]
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import Failure, TempRepo, check, run_quali  # noqa: E402

AS_OF = "2026-06-10"
PAA = "organismes/habitat-test/paa.yaml"
ORGANISME = "organismes/habitat-test/organisme.yaml"
AUDIT = "organismes/habitat-test/audits/2024-03-04-diagnostic-hqs.yaml"
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}

# T2.2 no longer addressed: one Q310 error on the diagnosis audit, with a note on the PAA.
Q310 = {"edit": [{"file": PAA, "replace": "    traite: { points_alerte: [T2.2] }\n", "with": ""}]}
# Two unknown criteria (one with quotes and French quotation marks) and a field to fill in.
HOSTILE = {"edit": [
    {"file": PAA, "replace": "points_alerte: [T1.2]", "with": 'points_alerte: [T1.2, "T1.9 \\"é«", T1.8]'},
    {"file": ORGANISME, "replace": "region: Pays de la Loire", "with": "region: À COMPLÉTER"},
]}


def parse(run, kind):
    try:
        value = json.loads(run.stdout)
    except json.JSONDecodeError as e:
        raise Failure(f"{run.describe()}: not JSON ({e}): {run.stdout[:300]!r}")
    check(isinstance(value, kind), f"{run.describe()}: a {kind.__name__} expected, got {type(value).__name__}")
    return value


def build(args):
    quali, source = args.quali, args.source
    base = os.path.join(source, "tests", "data", "rules", "_base")
    suite = lib.Suite()
    test = suite.test

    def validate(repo, fmt, *extra, cwd=None):
        return run_quali(quali, ["validate", "--as-of", AS_OF, "--format", fmt, *extra], cwd or repo)

    def gitlab(repo, *extra, cwd=None, code=1):
        run = validate(repo, "gitlab", *extra, cwd=cwd)
        check(run.code == code, f"{run.describe()}: exit {run.code}, expected {code}: {run.stderr[:300]}")
        return parse(run, list)

    def sarif(repo, *extra, code=1):
        run = validate(repo, "sarif", *extra)
        check(run.code == code, f"{run.describe()}: exit {run.code}, expected {code}: {run.stderr[:300]}")
        return parse(run, dict)

    def prepend(repo, rel, text):
        path = os.path.join(repo, rel)
        with open(path, encoding="utf-8") as f:
            content = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + content)

    def explain(code, *extra):
        run = run_quali(quali, ["explain", code, *extra], source)
        check(run.code == 0, f"{run.describe()}: exit {run.code}")
        return run.stdout

    @test
    def test_gitlab_every_field():
        with TempRepo(base, Q310) as repo:
            report = gitlab(repo)
            check(len(report) == 1, f"one issue expected: {report}")
            issue = report[0]
            check(issue.get("check_name") == "Q310", f"check_name: {issue}")
            check(issue.get("description") ==
                  "point d'alerte T2.2 non traité : aucune action du PAA (hors abandonnées) ne le cite",
                  f"description: {issue.get('description')!r}")
            check(issue.get("severity") == "critical", f"an error is critical: {issue}")
            check(issue.get("location", {}).get("path") == AUDIT, f"location.path: {issue}")
            check(issue["location"].get("lines", {}).get("begin") == 15, f"location.lines.begin: {issue}")
            fp = issue.get("fingerprint", "")
            check(len(fp) == 64 and all(c in "0123456789abcdef" for c in fp), f"fingerprint: {fp!r}")
            check(os.path.isfile(os.path.join(repo, issue["location"]["path"])), "the path names a file")

    @test
    def test_gitlab_paths_as_validate_prints_them():
        # Run from the folder above: the paths start with the repository's folder, as in the
        # text output, so that they are relative to where the forge's job runs.
        with TempRepo(base, Q310) as repo:
            parent = os.path.dirname(repo)
            report = gitlab(repo, os.path.basename(repo), cwd=parent)
            path = report[0]["location"]["path"]
            check(path == os.path.basename(repo) + "/" + AUDIT, f"location.path: {path}")
            check(os.path.isfile(os.path.join(parent, path)), f"{path} is not a file from {parent}")

    @test
    def test_warnings_are_minor_and_exit_as_the_other_formats():
        patch = {"edit": [HOSTILE["edit"][1]]}
        with TempRepo(base, patch) as repo:
            report = gitlab(repo, code=0)
            check([i["severity"] for i in report] == ["minor"], f"one minor issue expected: {report}")
            check(report[0]["check_name"] == "Q016", f"{report}")
            gitlab(repo, "--strict", code=1)
            log = sarif(repo, code=0)
            check([r["level"] for r in log["runs"][0]["results"]] == ["warning"], "SARIF level warning")
            for fmt in ("gitlab", "sarif"):
                silenced = validate(repo, fmt, "--ignore", "Q016")
                check(silenced.code == 0, f"{silenced.describe()}: exit {silenced.code}")
            check(parse(validate(repo, "gitlab", "--ignore", "Q016"), list) == [], "--ignore silences Q016")

    @test
    def test_fingerprints_stable_across_runs_and_line_shifts():
        with TempRepo(base, HOSTILE) as repo:
            first_run = validate(repo, "gitlab")
            again = validate(repo, "gitlab")
            check(first_run.stdout == again.stdout, "two runs give different reports")
            first = {(i["check_name"], i["description"]): i for i in parse(first_run, list)}
            sarif_first = [r["partialFingerprints"]["quali/v1"] for r in sarif(repo)["runs"][0]["results"]]
            # Lines added above each diagnostic, and an unrelated line elsewhere in the file.
            prepend(repo, PAA, "# Revu en comité le 2026-05-02\n\n# (sans changement)\n")
            prepend(repo, ORGANISME, "\n\n# fiche de l'organisme\n")
            with open(os.path.join(repo, PAA), "a", encoding="utf-8") as f:
                f.write("# fin du PAA\n")
            shifted = {(i["check_name"], i["description"]): i for i in gitlab(repo)}
            check(shifted.keys() == first.keys(), f"other issues after the shift: {sorted(shifted)}")
            for key, issue in first.items():
                moved = shifted[key]
                check(moved["location"]["lines"]["begin"] > issue["location"]["lines"]["begin"],
                      f"{key}: the line did not move ({issue['location']} → {moved['location']})")
                check(moved["fingerprint"] == issue["fingerprint"], f"{key}: fingerprint changed with the line")
            sarif_shifted = [r["partialFingerprints"]["quali/v1"] for r in sarif(repo)["runs"][0]["results"]]
            check(sarif_shifted == sarif_first, "SARIF fingerprints changed with the lines")
            check(sorted(sarif_first) == sorted(i["fingerprint"] for i in first.values()),
                  "SARIF and GitLab fingerprints differ")

    @test
    def test_fingerprints_distinct_even_for_twins():
        # The same warning, same message, same line text, twice in one file.
        with TempRepo(base) as repo:
            path = os.path.join(repo, PAA)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            check(text.count("pilote: Direction de la clientèle") == 2, "the base changed: two such pilotes expected")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("pilote: Direction de la clientèle", "pilote: À COMPLÉTER"))
            report = gitlab(repo, code=0)
            check(len(report) == 2, f"two Q016 expected: {report}")
            check(report[0]["description"] == report[1]["description"], "the twins' messages differ")
            check(report[0]["fingerprint"] != report[1]["fingerprint"], "twins share a fingerprint")
        with TempRepo(base, HOSTILE) as repo:
            fps = [i["fingerprint"] for i in gitlab(repo)]
            check(len(fps) == 3 and len(set(fps)) == 3, f"three distinct fingerprints expected: {fps}")

    @test
    def test_every_result_has_a_place():
        # GitHub rejects a whole SARIF upload when one result has no location: a diagnostic with
        # no file (here Q019 on --ignore) is shown on the repository's quali.yaml, line 1.
        with TempRepo(base, Q310) as repo:
            parent = os.path.dirname(repo)
            name = os.path.basename(repo)
            report = gitlab(repo, name, "--ignore", "Q999", cwd=parent)
            q019 = [i for i in report if i["check_name"] == "Q019"]
            check(len(q019) == 1, f"one Q019 expected: {report}")
            check(q019[0]["location"] == {"path": f"{name}/quali.yaml", "lines": {"begin": 1}}, f"{q019[0]}")
            run = run_quali(quali, ["validate", name, "--as-of", AS_OF, "--format", "sarif", "--ignore", "Q999"],
                            parent)
            results = parse(run, dict)["runs"][0]["results"]
            check(len(results) == 2, f"two results expected: {results}")
            for r in results:
                places = r.get("locations", [])
                check(len(places) == 1, f"{r['ruleId']}: {places}")
                where = places[0]["physicalLocation"]
                check(os.path.exists(os.path.join(parent, where["artifactLocation"]["uri"])), f"{where}")
                check(where["region"]["startLine"] >= 1, f"{where}")

    @test
    def test_clean_repository():
        with TempRepo(base) as repo:
            run = validate(repo, "gitlab")
            check(run.code == 0 and run.stdout == "[]\n", f"{run.describe()}: {run.code} {run.stdout!r}")
            log = sarif(repo, code=0)
            check(log["runs"][0]["results"] == [], "results expected empty")
            check(log["runs"][0]["tool"]["driver"]["rules"] == [], "no rule expected when nothing is found")

    @test
    def test_sarif_every_field():
        with TempRepo(base, Q310) as repo:
            log = sarif(repo)
            check(log.get("version") == "2.1.0", f"version: {log.get('version')}")
            check("sarif-2.1.0" in log.get("$schema", ""), f"$schema: {log.get('$schema')}")
            check(len(log.get("runs", [])) == 1, "exactly one run")
            run = log["runs"][0]
            driver = run["tool"]["driver"]
            check(driver.get("name") == "quali", f"driver.name: {driver.get('name')}")
            version = run_quali(quali, ["--version"], repo).stdout.split()[-1]
            check(driver.get("version") == version, f"driver.version {driver.get('version')} ≠ {version}")
            check([r["id"] for r in driver["rules"]] == ["Q310"], f"rules: {driver['rules']}")
            rule = driver["rules"][0]
            check(rule["shortDescription"]["text"] == "point d'alerte non traité", f"title: {rule}")
            check(rule["help"]["text"] == explain("Q310"), "help.text is not quali explain's text")
            check(rule["fullDescription"]["text"].startswith("Gravité : erreur."), f"{rule['fullDescription']}")
            check(rule["defaultConfiguration"]["level"] == "error", f"{rule}")
            check(len(run["results"]) == 1, f"one result expected: {run['results']}")
            result = run["results"][0]
            check(result["ruleId"] == "Q310" and result["ruleIndex"] == 0, f"{result}")
            check(result["level"] == "error", f"level: {result['level']}")
            check(result["message"]["text"].startswith("point d'alerte T2.2 non traité"), f"{result['message']}")
            where = result["locations"][0]["physicalLocation"]
            check(where["artifactLocation"]["uri"] == AUDIT, f"uri: {where}")
            check(where["region"] == {"startLine": 15, "startColumn": 16}, f"region: {where['region']}")
            related = result.get("relatedLocations", [])
            check(len(related) == 1 and related[0]["physicalLocation"]["artifactLocation"]["uri"] == PAA,
                  f"the note on the PAA: {related}")
            fp = result["partialFingerprints"]["quali/v1"]
            check(fp == gitlab(repo)[0]["fingerprint"], "SARIF and GitLab fingerprints differ")

    @test
    def test_english():
        with TempRepo(base, Q310) as repo:
            issue = gitlab(repo, "--lang", "en")[0]
            check(issue["description"] ==
                  "alert point T2.2 is not addressed: no PAA action (other than abandoned ones) cites it",
                  f"description: {issue['description']!r}")
            log = sarif(repo, "--lang", "en")
            rule = log["runs"][0]["tool"]["driver"]["rules"][0]
            check(rule["shortDescription"]["text"] == "alert point not addressed", f"{rule['shortDescription']}")
            check(rule["help"]["text"] == explain("Q310", "--lang", "en"), "help.text is not explain's English")
            check(log["runs"][0]["results"][0]["message"]["text"].startswith("alert point T2.2"), "message")

    @test
    def test_hostile_messages_stay_valid_json():
        with TempRepo(base, HOSTILE) as repo:
            report = gitlab(repo)
            texts = [i["description"] for i in report]
            check('critère « T1.9 "é« » inconnu du cadre d\'évaluation' in texts, f"descriptions: {texts}")
            for issue in report:
                check(issue["severity"] in GITLAB_SEVERITIES, f"severity: {issue['severity']}")
            log = sarif(repo)
            messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
            check(any('« T1.9 "é« »' in m for m in messages), f"messages: {messages}")
            check(any("Aide : vouliez-vous dire « T1.1 » ?" in m for m in messages), f"the hint: {messages}")
        # A folder name with a space and accents: percent-encoded in SARIF's URI, as is in GitLab.
        renamed = {"rename": [["organismes/habitat-test", "organismes/hé llo"]],
                   "edit": [{**Q310["edit"][0], "file": "organismes/hé llo/paa.yaml"}]}
        with TempRepo(base, renamed) as repo:
            run = validate(repo, "gitlab")
            for issue in parse(run, list):
                check(os.path.exists(os.path.join(repo, issue["location"]["path"])),
                      f"{issue['location']['path']} does not exist")
            uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in sarif(repo)["runs"][0]["results"] if "locations" in r]
            mine = [u for u in uris if u.startswith("organismes/h")]
            check(mine and all(u.startswith("organismes/h%C3%A9%20llo") for u in mine), f"uris: {uris}")

    return suite


if __name__ == "__main__":
    ARGS = lib.arguments(__doc__.splitlines()[0])
    sys.exit(build(ARGS).run(ARGS.tests))
