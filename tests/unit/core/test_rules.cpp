// SPDX-License-Identifier: EUPL-1.2
#include "repo.hpp"

#include "quali/core/rules.hpp"
#include "quali/core/value_checks.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace quali;
using core::Date;

namespace doctest {
template <> struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v)
    {
        std::string s = "{";
        for (const std::string& x : v)
            s += (s.size() > 1 ? ", " : "") + x;
        return (s + "}").c_str();
    }
};
} // namespace doctest

namespace {

namespace fs = std::filesystem;
using testing::day;
using testing::read_file;
using testing::Repo;

// "Q301 organismes/x/paa.yaml:7" for each diagnostic, to compare whole reports at once.
std::vector<std::string> found(const core::RuleReport& r)
{
    std::vector<std::string> out;
    for (const core::Diagnostic& d : r.diagnostics)
        out.push_back(d.code + " " + d.file + ":" + std::to_string(d.pos.line));
    return out;
}

std::vector<std::string> codes(const core::RuleReport& r)
{
    std::vector<std::string> out;
    for (const core::Diagnostic& d : r.diagnostics)
        out.push_back(d.code);
    return out;
}

using Codes = std::vector<std::string>;

const std::string ht = "organismes/habitat-test/";
const std::string oj = "organismes/office-jeune/";

} // namespace

TEST_SUITE("core::rules")
{
    TEST_CASE("the base repository of the rule tests follows every rule")
    {
        const core::RuleReport r = Repo::base().check();
        CHECK(found(r) == Codes{});
        CHECK(r.skipped.empty());
    }

    TEST_CASE("the example repository follows every rule as of its reference date")
    {
        const Repo depot = Repo::load(fs::path(QUALI_SOURCE_DIR) / "examples/depot");
        CHECK(found(depot.check("2026-06-10")) == Codes{});
    }

    TEST_CASE("every diagnostic names its place, in French or in English")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "paa.yaml", "points_alerte: [T1.2]", "points_alerte: [T1.2, T9.9]");
        const core::RuleReport fr = repo.check();
        REQUIRE(found(fr) == Codes{"Q301 " + ht + "paa.yaml:4"});
        CHECK(fr.diagnostics[0].pos.column == 37);
        CHECK(fr.diagnostics[0].message == "critère « T9.9 » inconnu du cadre d'évaluation");
        const core::RuleReport en = repo.check("2026-06-10", core::Lang::en);
        CHECK(en.diagnostics[0].message == "criterion \"T9.9\" is not in the assessment framework");
    }

    // --- 1. references ----------------------------------------------------------------------

    TEST_CASE("an unknown auditor is reported once, not also as an unapproved one")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "audits/2025-10-06-verification.yaml", "auditeur: jeanne-durand\nplan",
                  "auditeur: jeanne-durant\nplan");
        repo.edit(ht + "audits/2025-10-06-verification.yaml", "{ date: 2025-10-17, auditeur: jeanne-durand }",
                  "{ date: 2025-10-17, auditeur: jeanne-durant }");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q302 " + ht + "audits/2025-10-06-verification.yaml:2"});
        CHECK(r.diagnostics[0].hint == "vouliez-vous dire « jeanne-durand » ?");
    }

    TEST_CASE("a residence cited by the action plan or a visit must be in the self-diagnosis")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "paa.yaml", "situations: [R-10]", "situations: [R-10, R-12]");
        repo.edit(oj + "audits/2025-09-15-diagnostic-hqs.yaml", "residence: R-10", "residence: R-1O");
        CHECK(found(repo.check()) ==
              Codes{"Q303 " + oj + "audits/2025-09-15-diagnostic-hqs.yaml:9", "Q303 " + oj + "paa.yaml:4"});
    }

    TEST_CASE("an open action cites only alert points of the latest diagnostic or of the audits since")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "paa.yaml", "points_alerte: [T2.2]", "points_alerte: [T2.2, T1.1]");
        CHECK(found(repo.check()) == Codes{"Q304 " + ht + "paa.yaml:11"});
    }

    TEST_CASE("a closed action may cite an alert point of an earlier cycle")
    {
        Repo repo = Repo::base();
        // A renewal diagnostic where T1.2 is no longer an alert point: A01 (realisee) keeps citing it.
        repo.add(ht + "audits/2026-03-02-diagnostic-hqs-renouvellement.yaml",
                 "type: diagnostic-hqs-renouvellement\nauditeur: jeanne-durand\n"
                 "plan: { debut: 2026-03-02, fin: 2026-03-04, jours: 3 }\n"
                 "resultats:\n  - { critere: T1.1, evaluation: conforme }\n"
                 "  - { critere: T1.2, evaluation: conforme }\n"
                 "  - { critere: T1.3, evaluation: conforme }\n"
                 "  - { critere: T2.1, evaluation: point-d-alerte }\n"
                 "  - { critere: T2.2, evaluation: point-d-alerte }\n"
                 "signature: { date: 2026-03-20, auditeur: jeanne-durand }\n");
        repo.edit(
            ht + "concertation.yaml", "  - { date: 2025-11-12",
            "  - { date: 2026-02-17, etape: renouvellement, instance: CCL, nature: information, preuve: "
            "preuves/a01-charte.pdf }\n  - { date: 2025-11-12");
        CHECK(found(repo.check()) == Codes{});
        repo.edit(ht + "paa.yaml", "etat: realisee", "etat: en-cours");
        CHECK(found(repo.check()) == Codes{"Q304 " + ht + "paa.yaml:4", "Q395 " + ht + "paa.yaml:6"});
    }

    TEST_CASE("a seat or an organisme named by a session must exist")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2025-11-27.yaml", "locataires-cnl]", "locataires-cln]");
        repo.edit("comite/seances/2025-11-27.yaml", "organisme: habitat-test", "organisme: habitat-tset");
        CHECK(found(repo.check()) ==
              Codes{"Q305 comite/seances/2025-11-27.yaml:3", "Q306 comite/seances/2025-11-27.yaml:5"});
    }

    // --- 2, 3. treatment ----------------------------------------------------------------------

    TEST_CASE("an abandoned action treats nothing")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "paa.yaml", "etat: en-cours", "etat: abandonnee");
        CHECK(found(repo.check()) == Codes{"Q310 " + oj + "audits/2025-09-15-diagnostic-hqs.yaml:11",
                                           "Q311 " + oj + "autodiagnostic.yaml:3"});
    }

    // --- one defect, one diagnostic -----------------------------------------------------------

    TEST_CASE("a rule steps aside for an object that failed its schema")
    {
        // Each typo, read by a tolerant model, would look like a missing value to a rule; told
        // where the schema failed, the rule steps aside and the typo's Q103 stays alone.
        struct Typo {
            std::string file, from, to;
            Codes without_schema;
        };
        const std::vector<Typo> typos{
            {oj + "paa.yaml", "traite: { points_alerte:", "traite: { point_alerte:",
             {"Q310 " + oj + "audits/2025-09-15-diagnostic-hqs.yaml:11"}},
            {oj + "concertation.yaml", "information, preuve: preuves/ccl-2025-07-08.pdf",
             "information, preuv: preuves/ccl-2025-07-08.pdf", {"Q324 " + oj + "concertation.yaml:2"}},
            {oj + "candidatures/2026-06-18.yaml", "validation_auditeur:", "validation_auditeurs:",
             {"Q334 " + oj + "candidatures/2026-06-18.yaml:1"}},
        };
        for (const Typo& t : typos) {
            CAPTURE(t.to);
            Repo repo = Repo::base();
            repo.edit(t.file, t.from, t.to);
            CHECK(found(repo.check()) == t.without_schema);
            repo.schema = true;
            CHECK(found(repo.check()) == Codes{});
        }
    }

    TEST_CASE("the complex-situation threshold comes from quali.yaml")
    {
        Repo repo = Repo::base();
        repo.edit("quali.yaml", "cotation_situation_complexe: 3", "cotation_situation_complexe: 1");
        CHECK(found(repo.check()) == Codes{"Q311 " + ht + "autodiagnostic.yaml:4"});
    }

    // --- 4. concertation ----------------------------------------------------------------------

    TEST_CASE("an event for an earlier candidature does not cover a later one")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "concertation.yaml", "{ date: 2025-11-12, etape: candidature",
                  "{ date: 2025-11-12, etape: verification");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q322 " + ht + "candidatures/2025-11-27.yaml:3"});
        CHECK(r.diagnostics[0].message == "candidature déposée le 2025-11-17 sans événement de concertation "
                                          "« candidature » daté du 2024-11-13 au "
                                          "2025-11-17");
    }

    TEST_CASE("an event dated after the reference date is reported once")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "concertation.yaml", "{ date: 2026-06-02, etape: candidature",
                  "{ date: 2026-06-12, etape: candidature");
        CHECK(found(repo.check()) == Codes{"Q323 " + oj + "concertation.yaml:5"});
        // Seen after the session, the same repository is right.
        CHECK(found(repo.check("2026-06-20")) == Codes{"Q322 " + oj + "candidatures/2026-06-18.yaml:3"});
    }

    TEST_CASE("an absent concertation file is judged as an empty one, an unreadable one not at all")
    {
        Repo repo = Repo::base();
        repo.files.erase(oj + "concertation.yaml");
        const std::string steps = "Q320 " + oj + "concertation.yaml:";
        CHECK(found(repo.check()) == Codes{steps + "0", steps + "0", steps + "0", steps + "0"});
        repo.add(oj + "concertation.yaml", "evenements: []\n");
        CHECK(found(repo.check()) == Codes{steps + "1", steps + "1", steps + "1", steps + "1"});
        repo = Repo::base();
        CHECK(found(repo.check_unreadable({oj + "concertation.yaml"})) == Codes{}); // Q001 speaks
        repo = Repo::base();
        repo.edit(oj + "concertation.yaml", "etape: diagnostic,", "etape: diagnostik,"); // Q104
        CHECK(found(repo.check()) == Codes{});
    }

    // --- 5. auditors --------------------------------------------------------------------------

    TEST_CASE("an audit or a validation by an auditor without approval at its dates is an error")
    {
        Repo repo = Repo::base();
        repo.edit("auditeurs/jeanne-durand.yaml", "{ debut: 2023-06-15, fin: 2028-06-14 }",
                  "{ debut: 2023-06-15, fin: 2025-09-30 }");
        // The verification (October 2025) and the validations of November 2025 and June 2026.
        CHECK(found(repo.check()) == Codes{"Q330 " + ht + "audits/2025-10-06-verification.yaml:2",
                                           "Q331 " + ht + "candidatures/2025-11-27.yaml:5",
                                           "Q331 " + oj + "candidatures/2026-06-18.yaml:5"});
        repo.edit("auditeurs/jeanne-durand.yaml", "statut: actif", "statut: suspendu");
        CHECK(codes(repo.check()) == Codes{"Q330", "Q330", "Q331", "Q331", "Q330", "Q331"});
    }

    TEST_CASE("without audits in the pieces, a validation covers the audits since the previous candidature")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "candidatures/2025-11-27.yaml",
                  "pieces: [audits/2025-10-06-verification.yaml, paa.yaml, concertation.yaml]",
                  "pieces: [paa.yaml, concertation.yaml]");
        CHECK(found(repo.check()) == Codes{});
        repo.edit(ht + "candidatures/2025-11-27.yaml", "date: 2025-11-14", "date: 2025-10-16");
        CHECK(found(repo.check()) == Codes{"Q332 " + ht + "candidatures/2025-11-27.yaml:5"});
    }

    // --- 6. calibration -----------------------------------------------------------------------

    TEST_CASE("an under-calibrated diagnostic is a warning that gives the expected minimum")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "audits/2025-09-15-diagnostic-hqs.yaml", "jours: 5", "jours: 4.5");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q340 " + oj + "audits/2025-09-15-diagnostic-hqs.yaml:7"});
        CHECK(r.diagnostics[0].severity == core::Severity::warning);
        CHECK(r.diagnostics[0].message ==
              "audit prévu sur 4,5 jours, sous le calibrage : au moins 5 jours pour 16000 logements");
        repo.edit("quali.yaml", "quorum: 0.5",
                  "quorum: 0.5\n  calibrage_audit: [ { logements_max: 5000, jours: 3 }, { jours: 4 } ]");
        CHECK(found(repo.check()) == Codes{});
    }

    // --- 6. audits cover the framework ---------------------------------------------------------

    TEST_CASE("a signed diagnostic that rates 1 criterion of the framework gives one error naming the others")
    {
        Repo repo = Repo::base();
        const std::string audit = oj + "audits/2025-09-15-diagnostic-hqs.yaml";
        repo.edit(
            audit,
            "  - { critere: T2.1, evaluation: conforme }\n  - { critere: T1.1, evaluation: conforme }\n"
            "  - { critere: T1.2, evaluation: conforme }\n  - { critere: T2.2, evaluation: conforme }\n",
            "");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q341 " + audit + ":10"});
        CHECK(r.diagnostics[0].message ==
              "diagnostic HQS® incomplet : 4 critères du cadre d'évaluation sur 5 n'ont pas de résultat");
        CHECK(r.diagnostics[0].hint ==
              "ajoutez un résultat pour T1.1, T1.2, T2.1, T2.2 (non-evalue avec un motif si "
              "un critère n'a pas pu être évalué)");
        const core::RuleReport en = repo.check("2026-06-10", core::Lang::en);
        CHECK(en.diagnostics[0].message ==
              "incomplete HQS® diagnosis: 4 of the framework's 5 criteria have no result");
        // The same audit not signed yet is a draft: not judged, but the candidature waiting for it
        // is incomplete.
        repo.edit(audit, "signature: { date: 2025-10-03, auditeur: jeanne-durand }\n", "");
        CHECK(found(repo.check()) == Codes{"Q374 " + oj + "candidatures/2026-06-18.yaml:2"});
    }

    TEST_CASE("an unknown criterion in a diagnostic gives Q301, not also a missing criterion")
    {
        Repo repo = Repo::base();
        const std::string audit = oj + "audits/2025-09-15-diagnostic-hqs.yaml";
        repo.edit(audit, "{ critere: T1.1, evaluation: conforme }",
                  "{ critere: T1.9, evaluation: conforme }");
        CHECK(codes(repo.check()) == Codes{"Q301"});
    }

    TEST_CASE("a criterion not rated needs a motif, and too many of them are a warning")
    {
        Repo repo = Repo::base();
        const std::string audit = oj + "audits/2025-09-15-diagnostic-hqs.yaml";
        repo.edit(audit, "{ critere: T2.1, evaluation: conforme }",
                  "{ critere: T2.1, evaluation: non-evalue }");
        core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q343 " + audit + ":10", "Q342 " + audit + ":12"});
        CHECK(r.diagnostics[0].message ==
              "1 critère sur 5 non évalué (20 %), au-delà du maximum de 10 % (regles.non_evalue_max)");
        CHECK(r.diagnostics[0].severity == core::Severity::warning);
        CHECK(r.diagnostics[1].message == "critère T2.1 non évalué sans motif");
        CHECK(repo.check("2026-06-10", core::Lang::en).diagnostics[0].message ==
              "1 of 5 criteria not rated (20%), beyond the maximum of 10% (regles.non_evalue_max)");
        // A motif, and quali.yaml's non_evalue_max at 0.2: the share is not beyond it.
        repo.edit(audit, "evaluation: non-evalue }",
                  "evaluation: non-evalue, motif: Données indisponibles }");
        repo.edit("quali.yaml", "  quorum: 0.5\n", "  quorum: 0.5\n  non_evalue_max: 0.2\n");
        CHECK(found(repo.check()) == Codes{});
    }

    // regles.pieces_requises of a repository whose labellisation rests on an implementation audit.
    const std::string implementation_audit_required =
        "  pieces_requises:\n    labellisation: { audit: mise-en-oeuvre, autodiagnostic: true, paa: true,\n"
        "                     concertation: [verification, candidature] }\n";

    TEST_CASE("a verification or implementation audit rates every alert point of the diagnostic before it")
    {
        Repo repo = Repo::base();
        const std::string verification = ht + "audits/2025-10-06-verification.yaml";
        repo.edit(verification, "  - { critere: T1.2, evaluation: conforme }\n", "");
        repo.edit(verification, "{ critere: T2.2, evaluation: conforme }",
                  "{ critere: T2.2, evaluation: non-evalue, motif: x }");
        core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q344 " + verification + ":7"});
        CHECK(r.diagnostics[0].message ==
              "audit de vérification sans évaluation de 2 points d'alerte du diagnostic "
              "HQS® du 2024-03-04 : T1.2, T2.2");
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].file == ht + "audits/2024-03-04-diagnostic-hqs.yaml");
        // The repository asks for an implementation audit for the labellisation.
        repo.edit("quali.yaml", "  quorum: 0.5\n", "  quorum: 0.5\n" + implementation_audit_required);
        repo.edit(verification, "type: verification", "type: mise-en-oeuvre");
        r = repo.check();
        REQUIRE(found(r) == Codes{"Q344 " + verification + ":7"});
        CHECK(r.diagnostics[0].message.starts_with(
            "audit de mise en œuvre du PAA sans évaluation de 2 points"));
        // An unreadable evaluation in an audit of the organisme: which alert points were raised is uncertain.
        repo.edit(ht + "audits/2024-03-04-diagnostic-hqs.yaml", "{ critere: T1.1, evaluation: conforme }",
                  "{ critere: T1.1, evaluation: conformé }");
        CHECK(codes(repo.check()) == Codes{});
    }

    TEST_CASE("an implementation audit is a verification step of the concertation")
    {
        core::Audit a;
        a.type = core::AuditType::mise_en_oeuvre;
        CHECK(a.is_verification());
        CHECK_FALSE(a.is_diagnostic());
        CHECK(core::parse_audit_type("mise-en-oeuvre") == core::AuditType::mise_en_oeuvre);
        CHECK(core::to_string(core::AuditType::mise_en_oeuvre) == "mise-en-oeuvre");
        Repo repo = Repo::base();
        repo.edit(ht + "concertation.yaml", "etape: verification", "etape: diagnostic");
        repo.edit("quali.yaml", "  quorum: 0.5\n", "  quorum: 0.5\n" + implementation_audit_required);
        repo.edit(ht + "audits/2025-10-06-verification.yaml", "type: verification", "type: mise-en-oeuvre");
        CHECK(codes(repo.check()) == Codes{"Q320"});
    }

    // --- 7. dates after the reference date -------------------------------------------------

    TEST_CASE("each kind of fact dated after the reference date has its code, and no other rule repeats it")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "organisme.yaml", "engagement: { date: 2025-07-01", "engagement: { date: 2026-07-01");
        repo.edit(oj + "autodiagnostic.yaml", "date: 2025-08-20", "date: 2026-08-20");
        repo.edit(oj + "audits/2025-09-15-diagnostic-hqs.yaml", "signature: { date: 2025-10-03",
                  "signature: { date: 2026-10-03");
        repo.edit(oj + "candidatures/2026-06-18.yaml", "depot: 2026-06-05", "depot: 2026-06-25");
        repo.edit(oj + "candidatures/2026-06-18.yaml", "date: 2026-06-01 }", "date: 2026-06-30 }");
        repo.add(oj + "candidatures/2026-06-18.visa.yaml",
                 "version: 1\nseance: 2026-06-18\nauditeur: jeanne-durand\ndate: 2026-06-30\n"
                 "candidature: { chemin: candidatures/2026-06-18.yaml, sha256: "
                 "0000000000000000000000000000000000000000000000000000000000000000 }\npieces: []\n");
        repo.edit("comite/seances/2026-06-18.yaml", "lieu: Paris\n",
                  "lieu: Paris\npresents: [ush, federation-oph, federation-esh, locataires-cnl]\ndecisions:\n"
                  "  - organisme: office-jeune\n    decision: admissible\n    votes: { pour: 4, contre: 0, "
                  "abstention: 0 }\n");
        const core::RuleReport r = repo.check();
        CHECK(found(r) == Codes{"Q393 comite/seances/2026-06-18.yaml:2",
                                "Q356 " + oj + "audits/2025-09-15-diagnostic-hqs.yaml:16",
                                "Q355 " + oj + "autodiagnostic.yaml:1",
                                "Q359 " + oj + "candidatures/2026-06-18.visa.yaml:4",
                                "Q357 " + oj + "candidatures/2026-06-18.yaml:3",
                                "Q358 " + oj + "candidatures/2026-06-18.yaml:5",
                                "Q354 " + oj + "organisme.yaml:8"});
        CHECK(r.diagnostics[0].message ==
              "séance du 2026-06-18 avec des décisions, après la date de référence 2026-06-10");
        // As of a later day, every fact is in the past: the only defects left are the order of the
        // dates (the diagnostic signed after the filing also leaves the candidature incomplete).
        CHECK(codes(repo.check("2026-12-31")) == Codes{"Q374", "Q360", "Q332", "Q333", "Q353"});
    }

    TEST_CASE("plans may lie ahead: an unsigned audit, an event without proof, a session without decisions")
    {
        Repo repo = Repo::base();
        repo.add(ht + "audits/2026-09-14-verification.yaml",
                 "type: verification\nauditeur: jeanne-durand\nplan: { debut: 2026-09-14, fin: 2026-09-15, "
                 "jours: 2 }\n"
                 "resultats:\n  - { critere: T2.1, evaluation: non-evalue }\n");
        repo.edit(oj + "concertation.yaml", "  - { date: 2026-06-02",
                  "  - { date: 2026-09-15, etape: paa, instance: CCL, nature: information }\n  - { date: "
                  "2026-06-02");
        CHECK(found(repo.check()) == Codes{});
        // The same event in the past needs its proof (Q324); with a proof in the future, it is Q323.
        const core::RuleReport later = repo.check("2026-09-20");
        CHECK(std::any_of(later.diagnostics.begin(), later.diagnostics.end(),
                          [](const core::Diagnostic& d) { return d.code == "Q324" && d.pos.line == 5; }));
        repo.edit(oj + "concertation.yaml", "nature: information }\n",
                  "nature: information, preuve: preuves/ccl-2025-07-08.pdf }\n");
        CHECK(codes(repo.check()) == Codes{"Q323"});
    }

    // --- 8. filing window ---------------------------------------------------------------------

    TEST_CASE("the filing window counts calendar days, or working days with the zone's holidays")
    {
        Repo repo = Repo::base();
        // 2025-11-06: 21 calendar days before the session of 2025-11-27, but only 14 working days
        // (11 November is a public holiday).
        repo.edit(ht + "candidatures/2025-11-27.yaml", "depot: 2025-11-17", "depot: 2025-11-06");
        repo.edit(ht + "candidatures/2025-11-27.yaml", "date: 2025-11-14", "date: 2025-11-05");
        repo.edit(ht + "concertation.yaml", "{ date: 2025-11-12,", "{ date: 2025-11-04,");
        const core::RuleReport calendar = repo.check();
        REQUIRE(found(calendar) == Codes{"Q361 " + ht + "candidatures/2025-11-27.yaml:3"});
        CHECK(calendar.diagnostics[0].message == "dépôt anticipé le 2025-11-06 pour la séance du 2025-11-27 "
                                                 ": la fenêtre de dépôt (15 jours) va du "
                                                 "2025-11-12 au 2025-11-26");
        repo.edit("quali.yaml", "decompte: calendaire", "decompte: ouvre");
        CHECK(found(repo.check()) == Codes{});
        core::Rules rules;
        rules.decompte = core::Counting::working;
        CHECK(core::filing_window(rules, day("2025-11-27")) ==
              core::Window{day("2025-11-05"), day("2025-11-26")});
    }

    TEST_CASE("a filing on the session day is late and the message gives the window")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "candidatures/2024-11-21.yaml", "depot: 2024-11-12", "depot: 2024-11-21");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q360 " + ht + "candidatures/2024-11-21.yaml:3"});
        CHECK(
            r.diagnostics[0].message ==
            "dépôt tardif le 2024-11-21 pour la séance du 2024-11-21 : la fenêtre de dépôt (15 jours) va du "
            "2024-11-06 au 2024-11-20");
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].file == "comite/seances/2024-11-21.yaml");
    }

    TEST_CASE("an early filing does not also report the dates that follow it")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "candidatures/2026-06-18.yaml", "depot: 2026-06-05", "depot: 2026-05-20");
        CHECK(codes(repo.check()) == Codes{"Q361"});
    }

    // --- 9. sessions --------------------------------------------------------------------------

    TEST_CASE("a candidature for a session that does not exist gives Q370 only")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "candidatures/2026-06-18.yaml", "seance: 2026-06-18", "seance: 2026-06-25");
        CHECK(found(repo.check()) == Codes{"Q370 " + oj + "candidatures/2026-06-18.yaml:1"});
    }

    TEST_CASE("a second candidature for the same session is reported on the misnamed one")
    {
        Repo repo = Repo::base();
        repo.add(oj + "candidatures/2026-06-18-bis.yaml", repo.files[oj + "candidatures/2026-06-18.yaml"]);
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q371 " + oj + "candidatures/2026-06-18-bis.yaml:1"});
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].file == oj + "candidatures/2026-06-18.yaml");
    }

    // --- 10. decisions and the pathway --------------------------------------------------------

    TEST_CASE("a derogation moves the labellisation deadline")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2024-11-21.yaml", "echeance: 2025-11-30", "echeance: 2025-11-26");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q382 comite/seances/2025-11-27.yaml:6"});
        CHECK(r.diagnostics[0].message ==
              "labellisation le 2025-11-27, après l'échéance du 2025-11-26 (admissibilité du 2024-11-21)");
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].file == "comite/seances/2024-11-21.yaml");
    }

    // Habitat Test, labelled on 2025-11-27, files for a maintien at a session of 2026-12-03.
    Repo with_maintien(std::string_view derogation)
    {
        Repo repo = Repo::base();
        repo.add("comite/seances/2026-12-03.yaml",
                 "date: 2026-12-03\nlieu: Paris\npresents: [ush, federation-oph, caisse-des-depots]\n"
                 "decisions:\n  - organisme: habitat-test\n    decision: maintenu\n"
                 "    votes: { pour: 3, contre: 0, abstention: 0 }\n");
        repo.add(ht + "audits/2026-10-05-verification.yaml",
                 "type: verification\nauditeur: jeanne-durand\nplan: { debut: 2026-10-05, fin: 2026-10-06, "
                 "jours: 2 }\n"
                 "resultats:\n  - { critere: T1.2, evaluation: conforme }\n"
                 "  - { critere: T2.1, evaluation: conforme }\n  - { critere: T2.2, evaluation: conforme }\n"
                 "signature: { date: 2026-10-16, auditeur: jeanne-durand }\n");
        repo.add(ht + "candidatures/2026-12-03.yaml",
                 "seance: 2026-12-03\ndecision_demandee: maintien\ndepot: 2026-11-24\n"
                 "pieces: [audits/2026-10-05-verification.yaml]\n"
                 "validation_auditeur: { auditeur: jeanne-durand, date: 2026-11-20 }\n");
        repo.edit(ht + "concertation.yaml", "  - { date: 2025-11-12",
                  "  - { date: 2026-11-18, etape: candidature, instance: CCL, nature: information, preuve: "
                  "preuves/a01-charte.pdf }\n  - { date: 2025-11-12");
        if (!derogation.empty())
            repo.edit("comite/seances/2025-11-27.yaml", "abstention: 1 }",
                      "abstention: 1 }\n    derogation: { objet: maintien reporté, echeance: " +
                          std::string(derogation) + " }");
        return repo;
    }

    TEST_CASE("a maintien is due every year of the label, unless a derogation moves it")
    {
        const core::RuleReport late = with_maintien("").check("2026-12-10");
        REQUIRE(found(late) == Codes{"Q382 comite/seances/2026-12-03.yaml:6"});
        CHECK(late.diagnostics[0].message.starts_with(
            "maintien le 2026-12-03, après l'échéance du 2026-11-27"));
        CHECK(found(with_maintien("2026-12-15").check("2026-12-10")) == Codes{});
    }

    TEST_CASE("a renewal needs a renewal diagnostic since the label")
    {
        Repo repo = with_maintien("2026-12-15");
        repo.edit("comite/seances/2026-12-03.yaml", "decision: maintenu", "decision: renouvele");
        repo.edit(ht + "candidatures/2026-12-03.yaml", "decision_demandee: maintien",
                  "decision_demandee: renouvellement");
        // The candidature lacks its renewal diagnostic and the renewal step's concertation.
        CHECK(found(repo.check("2026-12-10")) == Codes{"Q382 comite/seances/2026-12-03.yaml:6",
                                                       "Q374 " + ht + "candidatures/2026-12-03.yaml:2",
                                                       "Q377 " + ht + "candidatures/2026-12-03.yaml:2"});
        repo.edit(ht + "audits/2026-10-05-verification.yaml", "type: verification",
                  "type: diagnostic-hqs-renouvellement");
        repo.edit(ht + "audits/2026-10-05-verification.yaml", "jours: 2", "jours: 3");
        repo.edit(ht + "audits/2026-10-05-verification.yaml",
                  "T2.1, evaluation: conforme }\n  - { critere: T2.2, evaluation: conforme",
                  "T2.1, evaluation: point-d-alerte }\n  - { critere: T2.2, evaluation: point-d-alerte }\n"
                  "  - { critere: T1.1, evaluation: conforme }\n  - { critere: T1.3, evaluation: conforme");
        // The renewal step is reached: its concertation is due too.
        CHECK(found(repo.check("2026-12-10")) == Codes{"Q320 " + ht + "concertation.yaml:1"});
        repo.edit(
            ht + "concertation.yaml", "  - { date: 2025-11-12",
            "  - { date: 2026-09-15, etape: renouvellement, instance: CCL, nature: information, preuve: "
            "preuves/a01-charte.pdf }\n  - { date: 2025-11-12");
        CHECK(found(repo.check("2026-12-10")) == Codes{});
    }

    TEST_CASE("a decision must answer its candidature's request")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "candidatures/2025-11-27.yaml", "decision_demandee: labellisation",
                  "decision_demandee: maintien");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q381 comite/seances/2025-11-27.yaml:6"});
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].file == ht + "candidatures/2025-11-27.yaml");
    }

    TEST_CASE("only a labelled organisme can be withdrawn, and withdrawal needs no candidature")
    {
        Repo repo = Repo::base();
        repo.add("comite/seances/2026-01-15.yaml",
                 "date: 2026-01-15\nlieu: Paris\npresents: [ush, federation-esh, caisse-des-depots]\n"
                 "decisions:\n  - { organisme: habitat-test, decision: retire, votes: { pour: 3, contre: 0, "
                 "abstention: 0 } }\n"
                 "  - { organisme: office-jeune, decision: retire, votes: { pour: 3, contre: 0, abstention: "
                 "0 } }\n");
        CHECK(found(repo.check()) == Codes{"Q383 comite/seances/2026-01-15.yaml:6"});
    }

    // --- 11. committee ------------------------------------------------------------------------

    TEST_CASE("the quorum is strictly more than the share of seats")
    {
        Repo repo = Repo::base();
        repo.edit("quali.yaml", "quorum: 0.5", "quorum: 0.8");
        // 4 seats of 5 present: 0.8 is not strictly more than 0.8; votes are not checked again.
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q390 comite/seances/2025-11-27.yaml:3"});
        CHECK(r.diagnostics[0].message ==
              "quorum non atteint : 4 sièges présents sur 5, il en faut plus de 80 %");
    }

    TEST_CASE("a seat listed twice is present once")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2025-11-27.yaml", "[ush, federation-oph, federation-esh, locataires-cnl]",
                  "[ush, ush, federation-esh, federation-esh]");
        CHECK(found(repo.check()) == Codes{"Q390 comite/seances/2025-11-27.yaml:3"});
    }

    // --- the référent's proposals and the suppléants (DOMAIN.md §5.5) -------------------------

    TEST_CASE("a proposal names an organisme that filed for the session; the decision may differ from it")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2025-11-27.yaml", "decisions:",
                  "propositions:\n  - { organisme: habitat-test, proposition: ajourne, avis: PAA à revoir }\n"
                  "decisions:");
        CHECK(found(repo.check()) == Codes{});
        repo.edit("comite/seances/2026-06-18.yaml", "lieu: Paris",
                  "lieu: Paris\npropositions:\n  - { organisme: office-jeune, proposition: admissible }\n"
                  "  - { organisme: habitat-test, proposition: maintenu }");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q384 comite/seances/2026-06-18.yaml:6"});
        CHECK(r.diagnostics[0].message ==
              "proposition pour habitat-test, qui n'a pas de candidature pour la séance du 2026-06-18");
        CHECK(r.diagnostics[0].hint ==
              "candidature attendue : organismes/habitat-test/candidatures/2026-06-18.yaml");
    }

    TEST_CASE("two proposals for one organisme are reported on the second, an unknown organisme by Q306 only")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2026-06-18.yaml", "lieu: Paris",
                  "lieu: Paris\npropositions:\n  - { organisme: office-jeune, proposition: admissible }\n"
                  "  - { organisme: office-jeune, proposition: ajourne }\n"
                  "  - { organisme: office-vieux, proposition: ajourne }");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q385 comite/seances/2026-06-18.yaml:6", "Q306 comite/seances/2026-06-18.yaml:7"});
        REQUIRE(r.diagnostics[0].notes.size() == 1);
        CHECK(r.diagnostics[0].notes[0].pos.line == 5);
    }

    TEST_CASE("a seat sat by its suppléant is a seat present; an unknown one is Q305 only")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2025-11-27.yaml", "decisions:", "suppleants: [federation-esh]\ndecisions:");
        CHECK(found(repo.check()) == Codes{});
        repo.edit("comite/seances/2025-11-27.yaml", "suppleants: [federation-esh]",
                  "suppleants: [federation-esh, caisse-des-depots, caisse-des-depot]");
        const core::RuleReport r = repo.check();
        // Sorted by column: caisse-des-depots (Q394) comes before caisse-des-depot (Q305).
        REQUIRE(found(r) == Codes{"Q394 comite/seances/2025-11-27.yaml:4", "Q305 comite/seances/2025-11-27.yaml:4"});
        CHECK(r.diagnostics[0].message ==
              "siège « caisse-des-depots » représenté par son suppléant mais absent de presents");
    }

    TEST_CASE("the président's suppléant does not chair: the vice-président does, else Q392")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2025-11-27.yaml", "decisions:", "suppleants: [ush]\ndecisions:");
        CHECK(found(repo.check()) == Codes{});
        repo.edit("comite/seances/2025-11-27.yaml", "suppleants: [ush]", "suppleants: [ush, federation-oph]");
        const core::RuleReport r = repo.check();
        REQUIRE(found(r) == Codes{"Q392 comite/seances/2025-11-27.yaml:3"});
        CHECK(r.diagnostics[0].hint.find("par son suppléant") != std::string::npos);
    }

    // --- one defect, one diagnostic ----------------------------------------------------------

    TEST_CASE("a typo in an audit's alert point gives Q301 only")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "audits/2024-03-04-diagnostic-hqs.yaml", "critere: T2.2", "critere: T2.9");
        CHECK(codes(repo.check()) == Codes{"Q301"});
    }

    TEST_CASE("a typo in the plan's residence gives Q303 only")
    {
        Repo repo = Repo::base();
        repo.edit(oj + "paa.yaml", "situations: [R-10]", "situations: [R-01]");
        CHECK(codes(repo.check()) == Codes{"Q303"});
    }

    TEST_CASE("a typo in a decision's organisme does not break the order of the later decisions")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2024-11-21.yaml", "organisme: habitat-test", "organisme: habitat-tset");
        CHECK(found(repo.check()) == Codes{"Q306 comite/seances/2024-11-21.yaml:5"});
    }

    TEST_CASE("a decision answers the candidature named after its session, whatever its session field says")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "candidatures/2025-11-27.yaml", "seance: 2025-11-27", "seance: 2025-11-28");
        CHECK(found(repo.check()) == Codes{"Q370 " + ht + "candidatures/2025-11-27.yaml:1"});
    }

    TEST_CASE("values that could not be read are not judged")
    {
        Repo repo = Repo::base();
        repo.edit("comite/seances/2024-11-21.yaml", "decision: admissible", "decision: admissibel");
        repo.edit("auditeurs/jeanne-durand.yaml", "statut: actif", "statut: actf");
        repo.edit("comite/membres.yaml", "role: president", "role: presidnet");
        repo.edit("comite/membres.yaml", "role: vice-president", "role: vice-presidnet");
        CHECK(found(repo.check()) == Codes{});
    }

    TEST_CASE("a file that could not be read gives its own diagnostic only")
    {
        const Repo repo = Repo::base();
        // Left out of the model, each of these would make other files look wrong.
        CHECK(codes(core::check_rules(repo.model(core::Lang::fr, {ht + "candidatures/2025-11-27.yaml"}),
                                      day("2026-06-10"), core::Lang::fr)) == Codes{"Q380"});
        CHECK(found(repo.check_unreadable({ht + "candidatures/2025-11-27.yaml"})) == Codes{});
        CHECK(found(repo.check_unreadable({"comite/seances/2026-06-18.yaml"})) == Codes{});
        CHECK(found(repo.check_unreadable({"comite/seances/2024-11-21.yaml"})) == Codes{});
        CHECK(found(repo.check_unreadable({"auditeurs/jeanne-durand.yaml"})) == Codes{});
        CHECK(found(repo.check_unreadable({ht + "audits/2025-10-06-verification.yaml"})) == Codes{});
        CHECK(found(repo.check_unreadable({"referentiel/cadre-evaluation.yaml"})) == Codes{});
    }

    // --- standalone and independence ----------------------------------------------------------

    TEST_CASE("a lone organisme folder runs the rules it can and lists the ones it skips")
    {
        Repo lone = Repo::base().organisme("office-jeune");
        lone.edit("candidatures/2026-06-18.yaml", "auditeur: jeanne-durand", "auditeur: personne");
        const core::RuleReport r = lone.check();
        // Out of its repository, the framework is unknown: the coverage of a diagnostic is not judged.
        CHECK(found(r) == Codes{});
        CHECK(r.skipped == Codes{"Q302", "Q305", "Q306", "Q330", "Q331", "Q341", "Q343", "Q370", "Q373",
                                 "Q380", "Q381", "Q382", "Q383", "Q384", "Q385", "Q390", "Q391", "Q392", "Q393",
                                 "Q394"});
        lone.edit("candidatures/2026-06-18.yaml", "depot: 2026-06-05", "depot: 2026-06-18");
        CHECK(found(lone.check("2026-06-18")) == Codes{"Q360 candidatures/2026-06-18.yaml:3"});
    }

    TEST_CASE("one organisme's problems never hide another's")
    {
        Repo repo = Repo::base();
        repo.edit(ht + "paa.yaml", "    preuves: [preuves/a01-charte.pdf]\n", "");
        repo.edit(oj + "paa.yaml", "echeance: 2027-12-31", "echeance: 2026-05-31");
        CHECK(found(repo.check()) == Codes{"Q396 " + ht + "paa.yaml:7", "Q395 " + oj + "paa.yaml:6"});
    }

    // --- the documentation matches the program ------------------------------------------------

    TEST_CASE("every rule has its section in docs/codes.md and its row in docs/regles.md")
    {
        const std::string codes_md = read_file(fs::path(QUALI_SOURCE_DIR) / "docs/codes.md");
        std::istringstream regles_md(read_file(fs::path(QUALI_SOURCE_DIR) / "docs/regles.md"));
        // Each row of the rules table: | code | gravité | … | vérifiée hors dépôt (oui | non) |
        const std::regex row(R"(\| (Q3[0-9][0-9]) \| (erreur|avertissement) \|.*\| (oui|non) \|)");
        std::vector<std::string> documented, expected;
        for (std::string line; std::getline(regles_md, line);) {
            std::smatch m;
            if (std::regex_match(line, m, row))
                documented.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
        }
        for (const core::RuleInfo& rule : core::rule_catalogue()) {
            const std::string code(rule.code);
            const std::string severity = rule.severity == core::Severity::error ? "erreur" : "avertissement";
            expected.push_back(code + " " + severity + " " + (rule.needs_repository ? "non" : "oui"));
            CAPTURE(code);
            const auto section = codes_md.find("\n## " + code + " — ");
            REQUIRE(section != std::string::npos);
            CHECK(codes_md.find("Gravité : " + severity + ".", section) ==
                  codes_md.find("Gravité : ", section));
        }
        CHECK(documented == expected);
    }
}
