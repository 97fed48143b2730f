#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes a valid quali repository of N organismes, deterministically, for benchmarks.

Same N and seed, same bytes. Realistic sizes: an evaluation framework of 50 criteria, three
audits per organisme (a diagnostic HQS® and two verifications, 50 results each), a 20-action
PAA, 30 residences, a concertation event per step, three candidatures, seven committee
sessions from 2023 to 2026 (the last one planned), and the proof files the dossiers cite.
The repository validates with no diagnostic at its reference date (REFERENCE_DATE below):

    python3 bench/gen.py 600 /tmp/depot-600
    build/quali validate /tmp/depot-600 --as-of 2026-06-10

Standard library only.
"""
import argparse
import datetime as dt
import os
import random
import shutil
import sys

REFERENCE_DATE = "2026-06-10"

# The committee's sessions: six held, the last one planned (its decisions are not taken yet).
SESSIONS = ["2023-06-15", "2023-11-16", "2024-06-20", "2024-11-21", "2025-06-19", "2025-11-20", "2026-06-18"]

SEATS = [
    ("ush", "USH", "Bernard Lemaire", "president"),
    ("federation-oph", "federation", "Catherine Vidal", "vice-president"),
    ("federation-esh", "federation", "Philippe Garnier", None),
    ("federation-coop", "federation", "Isabelle Perrin", None),
    ("procivis", "federation", "Jean-Marc Colin", None),
    ("associations-regionales", "associations-regionales", "François Girard", None),
    ("ministere-logement", "ministere-logement", "Anne-Sophie Leclerc", None),
    ("caisse-des-depots", "caisse-des-depots", "Marie Chevalier", None),
    ("assurance-retraite", "assurance-retraite", "Patricia Renaud", None),
    ("locataires-cnl", "locataires", "Gérard Aubert", None),
    ("locataires-clcv", "locataires", "Monique Guérin", None),
    ("locataires-csf", "locataires", "Yves Carpentier", None),
    ("locataires-afoc", "locataires", "Christian Dumont", None),
    ("locataires-cgl", "locataires", "Simone Legrand", None),
]

THEMES = [
    "Accueil et traitement des demandes", "Réclamations techniques", "Propreté et entretien des parties communes",
    "Entrée dans le logement", "Vie dans le logement et charges", "Départ du locataire",
    "Tranquillité résidentielle", "Concertation locative", "Accompagnement social", "Pilotage de la qualité",
]
WORDS = ["délais", "suivi", "information", "contrôle", "prestataires", "halls", "ascenseurs", "charges",
         "voisinage", "médiation", "enquête", "réclamations", "courriers", "visites", "état des lieux",
         "propreté", "sécurité", "éclairage", "encombrants", "gardiens"]
CITIES = ["Angers", "Nantes", "Rennes", "Lyon", "Lille", "Metz", "Nancy", "Dijon", "Tours", "Limoges", "Brest",
          "Caen", "Rouen", "Amiens", "Reims", "Nîmes", "Pau", "Bayonne", "Grenoble", "Annecy", "Valence",
          "Saint-Étienne", "Clermont-Ferrand", "Besançon", "Mulhouse", "Perpignan", "Toulon", "Orléans"]
REGIONS = ["Pays de la Loire", "Bretagne", "Auvergne-Rhône-Alpes", "Hauts-de-France", "Grand Est",
           "Bourgogne-Franche-Comté", "Centre-Val de Loire", "Nouvelle-Aquitaine", "Normandie", "Occitanie",
           "Provence-Alpes-Côte d'Azur", "Île-de-France"]
FIRST = ["Claire", "Paul", "Sophie", "Marc", "Jeanne", "Louis", "Nadia", "Karim", "Élodie", "Hugo", "Inès",
         "Julien", "Léa", "Mathieu", "Chloé", "Thomas", "Aïcha", "Olivier", "Camille", "Rémi"]
LAST = ["Martin", "Bernard", "Durand", "Lefèvre", "Moreau", "Girard", "Roux", "Fontaine", "Chevalier",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Morel", "Mercier", "Dupont"]
FAMILIES = [("OPH", "federation-oph"), ("ESH", "federation-esh"), ("COOP", "federation-coop"), ("SEM", "aucune")]
CRITERIA_PER_THEME = 5
ACTIONS = 20
RESIDENCES = 30
ALERTS = 5


def day(s):
    return dt.date.fromisoformat(s)


def iso(d):
    return d.isoformat()


def siren(rng):
    """Nine digits with a valid Luhn check digit."""
    digits = [rng.randrange(10) for _ in range(8)]
    for check in range(10):
        total = 0
        for i, v in enumerate(reversed(digits + [check])):
            if i % 2 == 1:
                v = v * 2 - 9 if v * 2 > 9 else v * 2
            total += v
        if total % 10 == 0:
            return "".join(map(str, digits + [check]))
    raise AssertionError


def slugify(text):
    table = str.maketrans("àâäéèêëîïôöùûüçÉÎ'’ ", "aaaeeeeiioouuucei---")
    out = text.lower().translate(table)
    return "".join(c for c in out if c.isalnum() or c == "-").strip("-")


def quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng, n=6):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def minimum_days(logements):
    for limit, days in ((5000, 3), (15000, 4), (30000, 5)):
        if logements <= limit:
            return days
    return 6


class Writer:
    def __init__(self, root):
        self.root = root
        self.files = 0

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        self.files += 1

    def proof(self, folder, name):
        self.write(f"{folder}/preuves/{name}", f"Document d'exemple — {name}\n")
        return f"preuves/{name}"


def write_common(w, auditors):
    w.write("quali.yaml", """# Règles du label : les valeurs par défaut de quali, explicitées.
version: 1
regles:
  fenetre_depot_jours: 15
  decompte: calendaire
  zone_feries: metropole
  preparation_mois: 12
  attribution_mois: 12
  validite_label_mois: 36
  periodicite_verification_mois: 12
  cotation_situation_complexe: 3
  quorum: 0.5
  calibrage_audit:
    - { logements_max: 5000, jours: 3 }
    - { logements_max: 15000, jours: 4 }
    - { logements_max: 30000, jours: 5 }
    - { jours: 6 }
referent:
  nom: Hélène Roussel
  fonction: Référente Label Quali'Hlm
  courriel: helene.roussel@ush.example
""")
    lines = ['version: "2024"', "titre: Cadre d'évaluation de banc d'essai", "themes:"]
    for t, title in enumerate(THEMES, 1):
        lines += [f"  - id: T{t}", f"    titre: {title}", "    criteres:"]
        for c in range(1, CRITERIA_PER_THEME + 1):
            lines += [f"      - id: T{t}.{c}", f"        titre: {title} — critère {c}",
                      f"        description: Exigence {c} du thème « {title} »."]
    w.write("referentiel/cadre-evaluation.yaml", "\n".join(lines) + "\n")
    lines = ["sieges:"]
    for sid, college, name, role in SEATS:
        lines += [f"  - id: {sid}", f"    college: {college}",
                  "    titulaire: { nom: " + name + (f", role: {role}" if role else "") + " }",
                  "    suppleant: { nom: Suppléant " + name.split()[-1] + " }"]
    w.write("comite/membres.yaml", "\n".join(lines) + "\n")
    for aid, name in auditors:
        w.write(f"auditeurs/{aid}.yaml", f"""nom: {name}
cabinet: Cabinet {name.split()[-1]} Qualité
courriel: {aid}@audit.example
statut: actif
agrements:
  - {{ debut: 2020-01-06, fin: 2023-01-05 }}
  - {{ debut: 2023-01-06, fin: 2029-12-31, seance: 2023-06-15 }}
""")


def organisme(w, rng, index, auditors, criteria, decisions):
    """Writes one organisme's folder; appends its decisions to decisions[session]."""
    city = CITIES[index % len(CITIES)]
    family, federation = FAMILIES[index % len(FAMILIES)]
    name = f"{['Habitat', 'Logis', 'Foyer', 'Résidences'][index % 4]} {city} {index:05d}"
    slug = slugify(name)
    folder = f"organismes/{slug}"
    logements = rng.randrange(1200, 42000)
    auditor = auditors[index % len(auditors)][0]
    # Where it starts in the pathway: admissible at SESSIONS[k], labelled at k+1, kept at k+2;
    # k = 4 files for the planned session (a maintien, not decided yet).
    k = index % 5
    s_adm, s_lab, s_main = (day(SESSIONS[k + i]) for i in range(3))
    engagement = s_adm - dt.timedelta(days=300 + rng.randrange(30))
    events = []  # (date, etape, instance, nature, objet)

    def proof_event(d, etape, instance, nature, objet):
        events.append((d, etape, instance, nature, objet))

    proof_event(engagement + dt.timedelta(days=12), "engagement", "CCL", "information",
                "Présentation de l'engagement dans le label")

    # Self-diagnosis: 30 residences, six of them complex situations (cotation >= 3).
    residences = []
    for r in range(RESIDENCES):
        cot = 3 + rng.randrange(3) if r % 5 == 0 else rng.randrange(3)
        residences.append((f"R-{r + 1:03d}", f"Résidence {LAST[r % len(LAST)]} {r + 1}", cot))
    complex_ids = [rid for rid, _, cot in residences if cot >= 3]
    lines = [f"date: {iso(engagement + dt.timedelta(days=30))}", "residences:"]
    for rid, rname, cot in residences:
        motifs = "" if cot < 3 else f", motifs: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]"
        lines.append(f"  - {{ id: {rid}, nom: {rname}, commune: {city}, logements: {rng.randrange(20, 600)}, "
                     f"cotation: {cot}{motifs} }}")
    w.write(f"{folder}/autodiagnostic.yaml", "\n".join(lines) + "\n")

    # Audits: the diagnostic before admissibility, a verification before each later session.
    alerts = sorted(rng.sample(criteria, ALERTS))
    audits = []

    def audit(kind, start, days, with_alerts):
        fin = start + dt.timedelta(days=days - 1)
        signature = fin + dt.timedelta(days=7 + rng.randrange(5))
        rel = f"audits/{iso(start)}-{kind}.yaml"
        lines = [f"type: {kind}", f"auditeur: {auditor}", "plan:", f"  debut: {iso(start)}", f"  fin: {iso(fin)}",
                 f"  jours: {days}", "  entretiens:"]
        for i in range(days):
            lines.append(f"    - {{ date: {iso(start + dt.timedelta(days=i))}, partie_prenante: "
                         f"{rng.choice(['direction générale', 'représentants des locataires', 'gardiens', 'prestataires', 'agences'])} }}")
        lines.append("  visites:")
        for rid in rng.sample([r[0] for r in residences], 4):
            lines.append(f"    - {{ date: {iso(start + dt.timedelta(days=rng.randrange(days)))}, residence: {rid}, "
                         f"logements_visites: {1 + rng.randrange(4)} }}")
        lines.append("resultats:")
        for c in criteria:
            if with_alerts and c in alerts:
                lines.append(f"  - {{ critere: {c}, evaluation: point-d-alerte,")
                lines.append(f"      constat: {quoted(sentence(rng, 9))} }}")
            else:
                ev = "point-fort" if rng.random() < 0.1 else "conforme"
                lines.append(f"  - {{ critere: {c}, evaluation: {ev} }}")
        lines += [f"synthese: {quoted(sentence(rng, 14))}",
                  f"signature: {{ date: {iso(signature)}, auditeur: {auditor} }}"]
        w.write(f"{folder}/{rel}", "\n".join(lines) + "\n")
        audits.append((rel, start, signature))
        return rel, start, signature

    diag = audit("diagnostic-hqs", engagement + dt.timedelta(days=45), minimum_days(logements), True)
    proof_event(diag[1] - dt.timedelta(days=6), "diagnostic", "CCL", "information", "Plan de l'audit HQS®")
    verifs = [audit("verification", s - dt.timedelta(days=75), 2, False) for s in (s_lab, s_main)]
    for v in verifs:
        proof_event(v[1] - dt.timedelta(days=6), "verification", "CCL", "information", "Audit de vérification")
    paa_date = diag[2] + dt.timedelta(days=20)
    proof_event(paa_date, "paa", "CCL", "association", "Co-construction du PAA")
    proof_event(paa_date + dt.timedelta(days=9), "paa", "associations", "association", "Atelier PAA")

    # PAA: 20 actions; the alert points and the complex situations are each treated by one.
    lines = [f"mise_a_jour: {iso(paa_date)}", "actions:"]
    for a in range(ACTIONS):
        aid = f"A{a + 1:02d}"
        treats = []
        if a < ALERTS:
            treats.append(f"points_alerte: [{alerts[a]}]")
        if ALERTS <= a < ALERTS + len(complex_ids):
            treats.append(f"situations: [{complex_ids[a - ALERTS]}]")
        done = a % 3 == 2
        lines += [f"  - id: {aid}", f"    titre: {sentence(rng, 7)}"]
        if treats:
            lines.append("    traite: { " + ", ".join(treats) + " }")
        lines += [f"    portee: {'locale' if a % 4 == 1 else 'transversale'}",
                  f"    pilote: Direction {rng.choice(['de la proximité', 'du patrimoine', 'de la clientèle'])}"]
        if done:
            lines += [f"    echeance: {iso(paa_date + dt.timedelta(days=120 + 10 * a))}", "    etat: realisee",
                      f"    preuves: [{w.proof(folder, f'{aid.lower()}-preuve.pdf')}]"]
        else:
            lines += [f"    echeance: {iso(day(REFERENCE_DATE) + dt.timedelta(days=60 + 10 * a))}",
                      f"    etat: {'en-cours' if a % 2 else 'prevue'}"]
    w.write(f"{folder}/paa.yaml", "\n".join(lines) + "\n")

    # Candidatures: admissibility, labellisation, maintien; each filed a week before its session,
    # validated by the auditor after the audit it covers, announced to the tenants before.
    for session, request, answer, covered in ((s_adm, "admissibilite", "admissible", diag),
                                              (s_lab, "labellisation", "labellise", verifs[0]),
                                              (s_main, "maintien", "maintenu", verifs[1])):
        depot = session - dt.timedelta(days=8)
        letter = w.proof(folder, f"lettre-candidature-{iso(session)}.pdf")
        proof_event(depot - dt.timedelta(days=3), "candidature", "CCL", "information", "Information sur la candidature")
        w.write(f"{folder}/candidatures/{iso(session)}.yaml", f"""seance: {iso(session)}
decision_demandee: {request}
depot: {iso(depot)}
pieces: [{letter}, {covered[0]}, paa.yaml]
validation_auditeur: {{ auditeur: {auditor}, date: {iso(depot - dt.timedelta(days=2))} }}
""")
        if iso(session) != SESSIONS[-1]:
            decisions.setdefault(iso(session), []).append((slug, answer))

    lines = ["evenements:"]
    for d, etape, instance, nature, objet in sorted(events):
        p = w.proof(folder, f"{etape}-{iso(d)}.pdf")
        lines.append(f"  - {{ date: {iso(d)}, etape: {etape}, instance: {instance}, nature: {nature},")
        lines.append(f"      objet: {quoted(objet)}, preuve: {p} }}")
    w.write(f"{folder}/concertation.yaml", "\n".join(lines) + "\n")

    first, last = FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)]
    w.write(f"{folder}/organisme.yaml", f"""nom: {name}
siren: "{siren(rng)}"
famille: {family}
federation: {federation}
region: {REGIONS[index % len(REGIONS)]}
logements: {logements}
contact:
  nom: {first} {last}
  fonction: Responsable qualité
  courriel: {slugify(first)}.{slugify(last)}@{slug}.example
engagement: {{ date: {iso(engagement)}, instance: conseil d'administration, appui_conseil_ush: {str(index % 2 == 0).lower()} }}
""")


def write_sessions(w, decisions):
    present = [s[0] for s in SEATS[:10]]
    for session in SESSIONS:
        lines = [f"date: {session}", "lieu: Paris, siège de l'USH", f"presents: [{', '.join(present)}]"]
        if session in decisions:
            lines.append("decisions:")
            for slug, answer in decisions[session]:
                lines += [f"  - organisme: {slug}", f"    decision: {answer}",
                          "    votes: { pour: 9, contre: 0, abstention: 1 }"]
        w.write(f"comite/seances/{session}.yaml", "\n".join(lines) + "\n")


def generate(n, root, seed):
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    w = Writer(root)
    rng = random.Random(seed)
    auditors = []
    for i in range(max(4, n // 8)):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        auditors.append((f"{slugify(name)}-{i:04d}", name))
    write_common(w, auditors)
    criteria = [f"T{t}.{c}" for t in range(1, len(THEMES) + 1) for c in range(1, CRITERIA_PER_THEME + 1)]
    decisions = {}
    for i in range(n):
        organisme(w, random.Random(f"{seed}/{i}"), i, auditors, criteria, decisions)
    write_sessions(w, decisions)
    return w.files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of organismes")
    parser.add_argument("out", help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", default="quali-bench-1")
    args = parser.parse_args()
    if args.n < 1:
        parser.error("n must be at least 1")
    files = generate(args.n, args.out, args.seed)
    print(f"{args.out}: {args.n} organismes, {files} fichiers, date de référence {REFERENCE_DATE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
