#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""One defect, one diagnostic: a single key typo gives exactly one diagnostic, Q103, at the typo.

Each case copies examples/depot (free of diagnostics on 2026-06-10), misspells one key of one
file kind (lib.TempRepo with an `edit` patch) and runs `quali validate --format json`: the
only diagnostic must be Q103 (« clé inconnue », with its « vouliez-vous dire » naming the key
meant), on the typo's line and column — never also Q102 for the key now missing, nor a rule
(Q3xx) that would have read the misspelt value.

Usage: test_typos.py --quali BINARY --source SOURCE_DIR [TEST…]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import Failure, TempRepo  # noqa: E402

AS_OF = "2026-06-10"
GAR = "organismes/coop-habitat-garonne/"
AZU = "organismes/azur-provence-immobilier/"

# (name, file, text to replace, replacement, the misspelt key, the key meant)
TYPOS = [
    ("organisme_logements", GAR + "organisme.yaml", "logements: 3180", "logement: 3180", "logement", "logements"),
    ("organisme_engagement_date", GAR + "organisme.yaml", "engagement: { date:", "engagement: { dat:", "dat", "date"),
    ("organisme_siren", GAR + "organisme.yaml", 'siren: "393167523"', 'sirne: "393167523"', "sirne", "siren"),
    ("autodiagnostic_residences", GAR + "autodiagnostic.yaml", "residences:", "residence:", "residence",
     "residences"),
    ("autodiagnostic_cotation", GAR + "autodiagnostic.yaml", "logements: 96, cotation: 3",
     "logements: 96, cotaton: 3", "cotaton", "cotation"),
    ("audit_resultats", GAR + "audits/2024-03-11-diagnostic-hqs.yaml", "resultats:", "resultat:", "resultat",
     "resultats"),
    ("audit_evaluation", GAR + "audits/2024-03-11-diagnostic-hqs.yaml", "T2.2, evaluation: point-d-alerte",
     "T2.2, evalution: point-d-alerte", "evalution", "evaluation"),
    ("audit_critere", GAR + "audits/2024-03-11-diagnostic-hqs.yaml", "{ critere: T2.2,", "{ critre: T2.2,",
     "critre", "critere"),
    ("audit_plan_debut", GAR + "audits/2024-03-11-diagnostic-hqs.yaml", "debut: 2024-03-11", "debu: 2024-03-11",
     "debu", "debut"),
    ("audit_signature", GAR + "audits/2024-03-11-diagnostic-hqs.yaml", "signature: {", "signatur: {",
     "signatur", "signature"),
    ("paa_actions", GAR + "paa.yaml", "actions:", "action:", "action", "actions"),
    ("paa_points_alerte", GAR + "paa.yaml", "traite: { points_alerte: [T5.1] }",
     "traite: { point_alerte: [T5.1] }", "point_alerte", "points_alerte"),
    ("paa_echeance", GAR + "paa.yaml", "echeance: 2024-12-31", "echance: 2024-12-31", "echance", "echeance"),
    ("paa_etat", GAR + "paa.yaml", "echeance: 2024-12-31\n    etat:", "echeance: 2024-12-31\n    eta:", "eta",
     "etat"),
    ("concertation_evenements", GAR + "concertation.yaml", "evenements:", "evenement:", "evenement",
     "evenements"),
    ("concertation_etape", GAR + "concertation.yaml", "2023-12-14, etape:", "2023-12-14, etap:", "etap", "etape"),
    ("concertation_preuve", GAR + "concertation.yaml", "preuve: preuves/ccl-2023-12-14.pdf",
     "preuv: preuves/ccl-2023-12-14.pdf", "preuv", "preuve"),
    ("candidature_decision_demandee", GAR + "candidatures/2025-11-20.yaml", "decision_demandee:",
     "decision_demande:", "decision_demande", "decision_demandee"),
    ("candidature_depot", GAR + "candidatures/2025-11-20.yaml", "depot:", "depos:", "depos", "depot"),
    ("candidature_validation_auditeur", GAR + "candidatures/2025-11-20.yaml", "validation_auditeur:",
     "validation_auditeurs:", "validation_auditeurs", "validation_auditeur"),
    ("auditeur_agrements", "auditeurs/jeanne-durand.yaml", "agrements:", "agrement:", "agrement", "agrements"),
    ("seance_decisions", "comite/seances/2025-11-20.yaml", "decisions:", "decision:", "decision", "decisions"),
    ("seance_votes", "comite/seances/2025-11-20.yaml", "votes: { pour: 11", "vote: { pour: 11", "vote", "votes"),
    ("membres_sieges", "comite/membres.yaml", "sieges:", "siege:", "siege", "sieges"),
    ("quali_regles", "quali.yaml", "regles:", "regle:", "regle", "regles"),
    ("quali_quorum", "quali.yaml", "quorum: 0.5", "quorom: 0.5", "quorom", "quorum"),
]


def position(text, replace, key):
    """Line and column (1-based) of the misspelt key in text, inside the replaced part."""
    start = text.index(replace)
    at = start + replace.index(key)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def build(args):
    quali, source = args.quali, args.source
    base = os.path.join(source, "examples", "depot")
    suite = lib.Suite()

    @suite.test
    def test_examples_depot_is_clean():
        run, got = lib.validate_json(quali, base, ["--as-of", AS_OF])
        lib.check(run.code == 0 and got == [], "examples/depot: " + "; ".join(lib.show(g) for g in got))

    for name, file, replace, with_, typo, meant in TYPOS:
        def run_case(file=file, replace=replace, with_=with_, typo=typo, meant=meant):
            with open(os.path.join(base, file), encoding="utf-8") as f:
                text = f.read()
            if text.count(replace) != 1:
                raise Failure(f"{file} holds {text.count(replace)} times {replace!r}")
            line, column = position(text.replace(replace, with_), with_, typo)
            with TempRepo(base, {"edit": [{"file": file, "replace": replace, "with": with_}]}) as repo:
                lib.assert_diagnostics(quali, repo, [{
                    "code": "Q103", "file": file, "line": line, "column": column, "severity": "error",
                    "message_contains": [f"« {typo} »"], "hint_contains": [f"« {meant} »"]}],
                    ["--as-of", AS_OF])
        suite.add(f"typo/{name}", run_case)
    return suite


def main():
    args = lib.arguments(__doc__.splitlines()[0])
    return build(args).run(args.tests)


if __name__ == "__main__":
    sys.exit(main())
