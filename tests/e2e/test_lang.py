#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali speaks one language at a time: English that is English, French that is French.

Runs `quali --help`, every command's --help (and quali new's subcommands), a representative
run of each command on examples/depot (--as-of 2026-06-10) and bad inputs (a path that does not
exist, a bad option value, an unknown option), with --lang en and in French. What a person reads
— the help, the messages on stderr, the text tables — must hold no French word from a list under
--lang en, and no English word from another list in French. Paths, quoted values, option names,
codes, command names and the repository's own names are legitimately French and are removed
before the words are compared; the documents (agenda, sheets, letters, bilan, exports) stay
French by design and are not compared. Each French form of CLI11's errors, which quali
translates from CLI11's English wording, is checked exactly, so that a CLI11 upgrade that
changes a wording fails here instead of silently going English.

Usage: test_lang.py --quali PATH_TO_BINARY --source SOURCE_DIR [TEST...]
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Suite, TempRepo, arguments, check, listed_subcommands, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
EXAMPLE = os.path.join(ARGS.source, "examples", "depot")
AS_OF = ["--as-of", "2026-06-10"]
suite = Suite()

# Words that betray French in English output, and English in French output (whole words).
FRENCH = ["le", "la", "les", "des", "du", "une", "est", "sont", "pas", "avec", "sans", "dans", "pour", "et",
          "ou", "fichier", "fichiers", "dossier", "dossiers", "erreur", "erreurs", "avertissement", "attention",
          "aucun", "aucune", "séance", "échéance", "échéances", "dépôt", "inconnu", "inconnue", "invalide",
          "obligatoire", "défaut", "écrit", "écrite", "écrits", "Utilisation", "Arguments", "Sous-commandes",
          "ORGANISME", "ÉTAT", "DÉPÔT", "ÉCHÉANCE", "REMARQUE", "TEXTE", "ENTIER", "NOMBRE", "OBLIGATOIRE"]
ENGLISH = ["the", "of", "to", "is", "are", "and", "or", "not", "with", "without", "file", "files",
           "folder", "must", "error", "errors", "warning", "unknown", "expected", "required", "default",
           "written", "Usage", "Options:", "Subcommands", "Positionals", "TEXT", "FLOAT", "INT", "UINT",
           "REQUIRED", "Print", "help", "exit", "Exit", "ORGANISATION", "STATE", "DEADLINE", "NOTE", "OVERDUE"]

# Names of the example repository (organismes, auditors, seats): French by nature.
NAMES = set()
for sub in ("organismes", "auditeurs"):
    for entry in os.listdir(os.path.join(EXAMPLE, sub)):
        NAMES.add(entry.removesuffix(".yaml"))


def strip(text):
    """What is left to read as prose: quoted values, paths, options, codes, command lines and
    the repository's own names removed."""
    text = re.sub(r"«[^»]*»|\"[^\"\n]*\"|`[^`\n]*`|\{[^}\n]*\}|\([^()\n]*/[^()\n]*\)", " ", text)
    text = re.sub(r"quali(?: --?[\w-]+(?:[ =][\w.-]+)?)* [a-z][a-z-]*", " ", text)  # commands
    text = re.sub(r"(?m)^  [a-z][a-z-]*(?= {2,}| *$)", " ", text)  # the names in a list of subcommands
    words = []
    for token in re.split(r"(\s+)", text):
        bare = token.strip(",;.:()[]!?")
        if ("/" in bare or bare.startswith("-") or re.fullmatch(r"Q\d{3}|[\w.-]+\.\w{2,8}|\d[\d-]*", bare)
                or bare in NAMES or "_" in bare):
            words.append(" ")
        else:
            words.append(token)
    return "".join(words)


def offending(text, vocabulary):
    prose = strip(text)
    found = []
    for word in vocabulary:
        pattern = re.escape(word) if word.endswith(":") else rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])"
        if re.search(pattern, prose):
            found.append(word)
    return found


def check_language(run, english, what, streams=("stdout", "stderr")):
    for stream in streams:
        text = getattr(run, stream)
        bad = offending(text, FRENCH if english else ENGLISH)
        lang = "English" if english else "French"
        check(not bad, f"{what} ({lang}, {stream}): {bad} in {strip(text)[:1500]!r}")


def quali(args, english, cwd=EXAMPLE):
    return run_quali(QUALI, (["--lang", "en"] if english else []) + list(args), cwd)


def commands(args=()):
    """The subcommands that `quali ARGS --help` lists."""
    run = quali(list(args) + ["--help"], True)
    names = listed_subcommands(run.stdout)
    check(names, f"no subcommand in `quali {' '.join(args)} --help`: {run.stdout[:500]!r}")
    return names


def every_help():
    yield []
    for name in commands():
        yield [name]
    for name in commands(["new"]):
        yield ["new", name]


def every_help_in(english):
    for args in every_help():
        run = quali(args + ["--help"], english)
        what = f"quali {'--lang en ' if english else ''}{' '.join(args)} --help"
        check(run.code == 0, f"{what} exited {run.code}")
        check_language(run, english, what)
        heading = "Usage: " if english else "Utilisation : "
        check(heading in run.stdout, f"{what}: no {heading!r}")


@suite.test
def test_every_help_is_english_with_lang_en():
    every_help_in(True)


@suite.test
def test_every_help_is_french_by_default():
    every_help_in(False)


@suite.test
def test_an_english_locale_gives_english_help():
    run = run_quali(QUALI, ["status", "--help"], EXAMPLE, env={"LANG": "en_GB.UTF-8"})
    check(run.stdout.startswith("Where each organisation stands"), run.stdout[:200])
    check_language(run, True, "LANG=en_GB quali status --help")


@suite.test
def test_the_documents_help_says_they_stay_french():
    for name in ("agenda", "dossier", "notify", "pv", "bilan", "export", "site"):
        run = quali([name, "--help"], True)
        check("French" in run.stdout and "committee" in run.stdout,
              f"quali --lang en {name} --help does not say its documents stay French")


@suite.test
def test_version_help_and_type_names_follow_the_language():
    fr = quali(["--help"], False).stdout
    check("Afficher la version" in fr and "LANGUE:{fr,en}" in fr, fr[:600])
    en = quali(["--help"], True).stdout
    check("Print the version" in en and "Usage: quali" in en and "Subcommands:" in en, en[:600])
    jours = quali(["new", "audit", "--help"], False).stdout
    check(re.search(r"--jours NOMBRE\b", jours), jours)


# Representative runs: (arguments, what of stdout is quali's own text for a person: "all", "table"
# (its header line and what follows the table: the rows hold the repository's data) or "none").
def runs(repo, out):
    return [
        (["validate", *AS_OF], "all"),
        (["status", *AS_OF], "table"),
        (["deadlines", *AS_OF, "--within", "30"], "table"),
        (["feries", "2026"], "none"),  # the holidays' official names are French
        (["agenda", "2026-06-18", *AS_OF, "-o", os.path.join(out, "agenda.md")], "all"),
        (["dossier", "rhone-saone-logis", *AS_OF, "-o", os.path.join(out, "dossier.md")], "all"),
        (["bilan", "2025", *AS_OF, "-o", os.path.join(out, "bilan.md")], "all"),
        (["export", "--table", "organismes", *AS_OF, "-o", os.path.join(out, "organismes.csv")], "all"),
        (["notify", "2025-11-20", "--as-of", "2025-11-21", "-o", os.path.join(out, "courriers")], "all"),
        (["new", "seance", "2027-01-14", "--lieu", "Paris"], "none"),
        (["new", "organisme", "nouvel-office", "--nom", "Nouvel office", "--famille", "OPH"], "none"),
        (["sign", "rhone-saone-logis", "--candidature", "2026-06-18", "--auditeur", "sophie-moreau", "--date",
          "2026-06-03"], "all"),
        (["init", os.path.join(out, "neuf"), "--no-git"], "none"),
    ]


def representative(english):
    with TempRepo(EXAMPLE) as repo:
        out = os.path.join(os.path.dirname(repo), "sortie")
        os.makedirs(out)
        for args, shown in runs(repo, out):
            run = quali(args, english, repo)
            check(run.code in (0, 1), f"quali {' '.join(args)} exited {run.code}: {run.stderr}")
            if shown == "table":
                lines = run.stdout.split("\n")
                rest = lines.index("") if "" in lines else len(lines)
                run.stdout = "\n".join(lines[:1] + lines[rest:])
            # quali new and init print the files' own French lines (what is left to fill in).
            check_language(run, english, f"quali {' '.join(args)}",
                           ("stdout", "stderr") if shown != "none" else ("stderr",))


@suite.test
def test_representative_runs_in_english():
    representative(True)


@suite.test
def test_representative_runs_in_french():
    representative(False)


# Bad inputs: every command on a path that does not exist, with a bad value, an unknown option.
BAD = [
    ["validate", "/nonexistent/quali"],
    ["status", "-C", "/nonexistent/quali"],
    ["deadlines", "-C", "/nonexistent/quali"],
    ["agenda", "2026-06-18", "-C", "/nonexistent/quali"],
    ["dossier", "rhone-saone-logis", "-C", "/nonexistent/quali"],
    ["notify", "2025-11-20", "-C", "/nonexistent/quali"],
    ["bilan", "2025", "-C", "/nonexistent/quali"],
    ["export", "--table", "actions", "-C", "/nonexistent/quali"],
    ["sign", "x", "--candidature", "2026-06-18", "--auditeur", "y", "-C", "/nonexistent/quali"],
    ["diff", "HEAD", "-C", "/nonexistent/quali"],
    ["new", "seance", "2027-01-14", "-C", "/nonexistent/quali"],
    ["new", "paa", "rhone-saone-logis", "-C", "/nonexistent/quali"],
    ["status", "--as-of", "2026-02-30"],
    ["status", "inconnu-du-depot", *AS_OF],
    ["dossier", "inconnu-du-depot", *AS_OF],
    ["agenda", "2031-01-01", *AS_OF],
    ["bilan", "20x5"],
    ["feries", "1800"],
    ["export", "--table", "chaises"],
    ["deadlines", "--within", "-3"],
    ["explain", "Q999"],
    ["init", EXAMPLE],
    ["diff", "no-such-revision"],
    ["frobnicate"],
    ["new"],
]


def bad_inputs(english):
    for args in BAD + [[name, "--bogus"] for name in commands()] + [[name, "--format", "xml"] for name in
                                                                   ("validate", "status", "deadlines", "agenda",
                                                                    "dossier", "bilan", "export", "feries")]:
        run = quali(args, english)
        check(run.code in (1, 2), f"quali {' '.join(args)} exited {run.code}")
        check(run.stderr.strip(), f"quali {' '.join(args)}: nothing on stderr")
        check_language(run, english, f"quali {' '.join(args)}")


@suite.test
def test_bad_inputs_in_english():
    bad_inputs(True)


@suite.test
def test_bad_inputs_in_french():
    bad_inputs(False)


@suite.test
def test_a_template_error_follows_the_language():
    with TempRepo(EXAMPLE, {"write": {"modeles/agenda.md.mustache": "{{> entete}}\n"}}) as repo:
        en = quali(["agenda", "2026-06-18", *AS_OF], True, repo)
        check(en.code == 2 and "template modeles/agenda.md.mustache: partial templates" in en.stderr, en.stderr)
        check_language(en, True, "quali --lang en agenda with a partial in the template", ("stderr",))
        fr = quali(["agenda", "2026-06-18", *AS_OF], False, repo)
        check(fr.code == 2 and "modèle modeles/agenda.md.mustache : les modèles partiels" in fr.stderr, fr.stderr)


# Each French form of CLI11's errors (commands/help.cpp), exactly, and CLI11's own English.
CLI11_FORMS = [
    (["validate", "--bogus"], "argument inattendu : --bogus", "The following argument was not expected: --bogus"),
    (["explain", "Q002", "x", "y"], "arguments inattendus : ", "The following arguments were not expected: "),
    (["explain"], "CODE est obligatoire", "CODE is required"),
    (["status", "--format"], "--format : valeur manquante", "--format: 1 required FORMAT:{text,json} missing"),
    (["status", "--format", "xml"], "--format : « xml » n'est pas une valeur permise {text,json}",
     "--format: xml not in {text,json}"),
    (["deadlines", "--within", "abc"], "--within : « abc » n'est pas une valeur valide",
     "Could not convert: --within = abc"),
    (["validate", "--staged", "--changed"], "--staged et --changed s'excluent", "--staged excludes --changed"),
    (["init"], "DOSSIER est obligatoire", "FOLDER is required"),
]


@suite.test
def test_each_cli11_error_form_is_translated_in_french():
    for args, french, english in CLI11_FORMS:
        fr = quali(args, False)
        check(fr.code == 2 and f"quali: erreur: {french}" in fr.stderr,
              f"quali {' '.join(args)}: expected « {french} » (has CLI11 changed its wording?), got {fr.stderr!r}")
        en = quali(args, True)
        check(en.code == 2 and f"quali: error: {english}" in en.stderr,
              f"quali --lang en {' '.join(args)}: expected {english!r}, got {en.stderr!r}")


sys.exit(suite.run(ARGS.tests))
