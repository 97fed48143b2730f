// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/visa_checks.hpp"

#include "quali/core/candidature_pieces.hpp"
#include "quali/core/vocabulary.hpp"

#include "quali/core/model_builder.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>

using namespace quali;

namespace {

core::Date day(std::string_view iso)
{
    const auto d = core::parse_iso_date(iso);
    REQUIRE(d.has_value());
    return *d;
}

// A small repository held in memory: parsed files, a model, and "disk" digests.
struct Fixture {
    std::vector<io::ParsedYaml> parsed;
    std::vector<core::ModelInput> inputs;
    std::map<std::string, std::string> digests;  // path -> sha256 the callback answers

    void add(const std::string& path, std::string_view text)
    {
        parsed.push_back(io::parse_yaml(text, core::Lang::fr));
        REQUIRE(parsed.back().tree->root() != nullptr);
        const auto placement = core::classify_repository_path(path);
        REQUIRE(placement.has_value());
        inputs.push_back({path, *placement, parsed.back().tree->root()});
    }

    core::Model model() const { return core::build_model(inputs, ""); }

    core::FileDigest digest() const
    {
        return [this](const std::string& path) -> std::optional<std::string> {
            const auto it = digests.find(path);
            if (it == digests.end()) return std::nullopt;
            return it->second;
        };
    }
};

const std::string sha_a(64, 'a');
const std::string sha_b(64, 'b');
const std::string sha_c(64, 'c');

const std::string blob_a(40, '1');
const std::string blob_b(40, '2');
const std::string blob_c(40, '3');

std::string visa_text(const std::string& signature = {}, bool blobs = true)
{
    const auto blob = [&](const std::string& id) { return blobs ? ", git_blob: " + id : std::string(); };
    std::string t = "version: 1\nseance: 2026-06-18\nauditeur: jeanne-durand\ndate: 2026-06-03\n"
                    "candidature: { chemin: candidatures/2026-06-18.yaml, sha256: " + sha_a + blob(blob_a) + " }\n"
                    "pieces:\n  - { chemin: paa.yaml, sha256: " + sha_b + blob(blob_b) + " }\n"
                    "  - { chemin: preuves/lettre.pdf, sha256: " + sha_c + blob(blob_c) + " }\n";
    if (!signature.empty()) t += "signature: |\n  " + signature + "\n";
    return t;
}

const char* const visa_path = "organismes/habitat-loire/candidatures/2026-06-18.visa.yaml";

Fixture unchanged(const std::string& signature = {}, const std::string& key = {}, bool blobs = true)
{
    Fixture f;
    f.add("auditeurs/jeanne-durand.yaml", "nom: Jeanne Durand\ncabinet: DC\nstatut: actif\n"
                                          "agrements: [ { debut: 2025-01-01, fin: 2027-12-31 } ]\n" +
                                              (key.empty() ? std::string() : "cle_publique: \"" + key + "\"\n"));
    f.add(visa_path, visa_text(signature, blobs));
    f.digests = {{"organismes/habitat-loire/candidatures/2026-06-18.yaml", sha_a},
                 {"organismes/habitat-loire/paa.yaml", sha_b},
                 {"organismes/habitat-loire/preuves/lettre.pdf", sha_c}};
    return f;
}

core::SignatureVerifier verifier(core::SignatureVerdict verdict, std::string* seen_message = nullptr)
{
    return [verdict, seen_message](const std::string&, const std::string&, const std::string&, const std::string& message) {
        if (seen_message != nullptr) *seen_message = message;
        return core::SignatureCheck{verdict, "détail"};
    };
}

} // namespace

TEST_SUITE("core::visa_checks")
{
    TEST_CASE("a visa file is classified as its own kind, next to the candidature it covers")
    {
        const auto p = core::classify_repository_path(visa_path);
        REQUIRE(p.has_value());
        CHECK(p->kind == core::FileKind::visa);
        CHECK(p->organisme == "habitat-loire");
        CHECK(core::classify_repository_path("organismes/habitat-loire/candidatures/2026-06-18.yaml")->kind ==
              core::FileKind::candidature);
        CHECK(core::classify_organisme_path("candidatures/2026-06-18.visa.yaml")->kind == core::FileKind::visa);
        CHECK(core::kind_name(core::FileKind::visa) == "visa");
    }

    TEST_CASE("the model reads the visa's fields as written")
    {
        const Fixture f = unchanged();
        const core::Model m = f.model();
        const core::Organisme* o = m.organisme("habitat-loire");
        REQUIRE(o != nullptr);
        REQUIRE(o->visas.size() == 1);
        const core::Visa& v = o->visas.front();
        CHECK(v.file == visa_path);
        CHECK(v.seance.value == "2026-06-18");
        CHECK(v.auditeur.value == "jeanne-durand");
        REQUIRE(v.candidature.has_value());
        CHECK(v.candidature->chemin.value == "candidatures/2026-06-18.yaml");
        REQUIRE(v.pieces.size() == 2);
        CHECK(v.pieces[1].sha256 == sha_c);
        CHECK_FALSE(v.signature.has_value());
    }

    TEST_CASE("nothing is reported while every file has the fingerprint the visa recorded")
    {
        const Fixture f = unchanged();
        CHECK(core::check_visas(f.model(), day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid),
                                core::Lang::fr)
                  .empty());
    }

    TEST_CASE("a piece changed after the visa is reported on that piece, with a note at the visa")
    {
        Fixture f = unchanged();
        f.digests["organismes/habitat-loire/paa.yaml"] = std::string(64, 'd');
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q397");
        CHECK(ds[0].severity == core::Severity::error);
        CHECK(ds[0].file == "organismes/habitat-loire/paa.yaml");
        CHECK(ds[0].message.find("jeanne-durand") != std::string::npos);
        REQUIRE(ds[0].notes.size() == 1);
        CHECK(ds[0].notes[0].file == visa_path);
        CHECK(ds[0].notes[0].pos.line == 7);
    }

    TEST_CASE("a piece removed since the visa is reported on the visa line that names it")
    {
        Fixture f = unchanged();
        f.digests.erase("organismes/habitat-loire/preuves/lettre.pdf");
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q397");
        CHECK(ds[0].file == visa_path);
        CHECK(ds[0].pos.line == 8);
        CHECK(ds[0].message.find("preuves/lettre.pdf") != std::string::npos);
    }

    TEST_CASE("until the session's decisions are recorded the pieces must match, whatever the date")
    {
        Fixture f = unchanged();
        f.digests.clear();
        f.add("comite/seances/2026-06-18.yaml", "date: 2026-06-18\nlieu: Paris\n");
        CHECK_FALSE(core::check_visas(f.model(), day("2026-06-19"), f.digest(),
                                      verifier(core::SignatureVerdict::valid), core::Lang::fr)
                        .empty());
    }

    TEST_CASE("once the decisions are recorded the pieces may move on, but each signed blob must be in git")
    {
        Fixture f = unchanged();
        f.digests.clear();  // every living file has moved on
        f.add("comite/seances/2026-06-18.yaml",
              "date: 2026-06-18\nlieu: Paris\npresents: [ush]\ndecisions:\n  - { organisme: habitat-loire, "
              "decision: labellise, votes: { pour: 1, contre: 0, abstention: 0 } }\n");
        const core::Model m = f.model();
        std::vector<std::vector<std::string>> asked;
        const auto lookup = [&](std::set<std::string> present) {
            return [&asked, present](const std::vector<std::string>& ids) -> std::optional<std::set<std::string>> {
                asked.push_back(ids);
                return present;
            };
        };
        const auto valid = verifier(core::SignatureVerdict::valid);
        CHECK(core::check_visas(m, day("2026-06-19"), f.digest(), valid, core::Lang::fr,
                                lookup({blob_a, blob_b, blob_c}))
                  .empty());
        REQUIRE(asked.size() == 1);  // one question for every blob of the repository
        CHECK(asked[0] == std::vector<std::string>{blob_a, blob_b, blob_c});

        const auto missing = core::check_visas(m, day("2026-06-19"), f.digest(), valid, core::Lang::fr,
                                               lookup({blob_a, blob_c}));
        REQUIRE(missing.size() == 1);
        CHECK(missing[0].code == "Q404");
        CHECK(missing[0].severity == core::Severity::error);
        CHECK(missing[0].file == visa_path);
        CHECK(missing[0].pos.line == 7);
        CHECK(missing[0].message.find("paa.yaml") != std::string::npos);

        // A malformed id is the schema's (Q105): it is not asked of git, nor reported again.
        Fixture malformed;
        std::string text = visa_text();
        text.replace(text.find(blob_b), 40, "pas-un-blob");
        malformed.add(visa_path, text);
        malformed.add("comite/seances/2026-06-18.yaml",
                      "date: 2026-06-18\nlieu: Paris\npresents: [ush]\ndecisions:\n  - { organisme: habitat-loire, "
                      "decision: labellise, votes: { pour: 1, contre: 0, abstention: 0 } }\n");
        asked.clear();
        CHECK(core::check_visas(malformed.model(), day("2026-06-19"), f.digest(), valid, core::Lang::fr,
                                lookup({blob_a, blob_c}))
                  .empty());
        REQUIRE(asked.size() == 1);
        CHECK(asked[0] == std::vector<std::string>{blob_a, blob_c});

        const auto no_git = core::check_visas(m, day("2026-06-19"), f.digest(), valid, core::Lang::fr,
                                              [](const std::vector<std::string>&) {
                                                  return std::optional<std::set<std::string>>();
                                              });
        REQUIRE(no_git.size() == 1);
        CHECK(no_git[0].code == "Q405");
        CHECK(no_git[0].severity == core::Severity::warning);
    }

    TEST_CASE("a visa without blob ids warns while it can be renewed, and says nothing once decided")
    {
        Fixture f = unchanged({}, {}, false);
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q403");
        CHECK(ds[0].severity == core::Severity::warning);
        CHECK(ds[0].hint.find("--force") != std::string::npos);
        f.add("comite/seances/2026-06-18.yaml",
              "date: 2026-06-18\nlieu: Paris\npresents: [ush]\ndecisions:\n  - { organisme: habitat-loire, "
              "decision: labellise, votes: { pour: 1, contre: 0, abstention: 0 } }\n");
        int calls = 0;
        CHECK(core::check_visas(f.model(), day("2026-06-19"), f.digest(), verifier(core::SignatureVerdict::valid),
                                core::Lang::fr,
                                [&](const std::vector<std::string>&) {
                                    ++calls;
                                    return std::optional<std::set<std::string>>();
                                })
                  .empty());
        CHECK(calls == 0);
    }

    TEST_CASE("the visa is the named auditor's, approved that day, on or before the filing")
    {
        const std::string candidature = "seance: 2026-06-18\ndecision_demandee: labellisation\ndepot: 2026-06-08\n"
                                        "pieces: [paa.yaml]\nvalidation_auditeur: { auditeur: AUDITEUR, date: 2026-06-03 }\n";
        const auto with = [&](const std::string& auditeur, const std::string& statut, const std::string& depot) {
            Fixture f = unchanged();
            std::string c = candidature;
            c.replace(c.find("AUDITEUR"), 8, auditeur);
            c.replace(c.find("2026-06-08"), 10, depot);
            f.add("organismes/habitat-loire/candidatures/2026-06-18.yaml", c);
            f.add("auditeurs/paul-martin.yaml", "nom: Paul Martin\ncabinet: PM\nstatut: " + statut +
                                                    "\nagrements: [ { debut: 2020-01-01, fin: 2030-12-31 } ]\n");
            return core::check_visas(f.model(), day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid),
                                     core::Lang::fr);
        };
        CHECK(with("jeanne-durand", "actif", "2026-06-08").empty());
        CHECK(with("jeanne-durand", "actif", "2026-06-03").empty());  // the same day is on time

        const auto other = with("paul-martin", "actif", "2026-06-08");
        REQUIRE(other.size() == 1);
        CHECK(other[0].code == "Q400");
        CHECK(other[0].pos.line == 3);  // the visa's auditeur line
        CHECK(other[0].message.find("paul-martin") != std::string::npos);
        REQUIRE(other[0].notes.size() == 1);
        CHECK(other[0].notes[0].file == "organismes/habitat-loire/candidatures/2026-06-18.yaml");

        // Another auditor and after the filing: two defects, two diagnostics.
        const auto both = with("paul-martin", "actif", "2026-06-02");
        REQUIRE(both.size() == 2);
        CHECK(both[0].code == "Q400");
        CHECK(both[1].code == "Q402");

        const auto late = with("jeanne-durand", "actif", "2026-06-02");
        REQUIRE(late.size() == 1);
        CHECK(late[0].code == "Q402");
        CHECK(late[0].pos.line == 4);  // the visa's date line

        Fixture f = unchanged();
        f.add("auditeurs/jeanne-durand.yaml", "nom: Jeanne Durand\ncabinet: DC\nstatut: actif\n"
                                              "agrements: [ { debut: 2026-06-04, fin: 2027-12-31 } ]\n");
        f.inputs.erase(f.inputs.begin());  // the first auditor file, replaced
        const auto unapproved = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                                  verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(unapproved.size() == 1);
        CHECK(unapproved[0].code == "Q401");
        CHECK(unapproved[0].message.find("agrément") != std::string::npos);
    }

    TEST_CASE("an auditor who is not active may not sign off, and an unknown one is left to Q302")
    {
        Fixture f = unchanged();
        f.add("auditeurs/jeanne-durand.yaml", "nom: Jeanne Durand\ncabinet: DC\nstatut: suspendu\n"
                                              "agrements: [ { debut: 2025-01-01, fin: 2027-12-31 } ]\n");
        f.inputs.erase(f.inputs.begin());
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q401");
        CHECK(ds[0].message.find("pas actif") != std::string::npos);

        Fixture unknown = unchanged();
        unknown.inputs.erase(unknown.inputs.begin());  // no auditor file at all
        CHECK(core::check_visas(unknown.model(), day("2026-06-10"), unknown.digest(),
                                verifier(core::SignatureVerdict::valid), core::Lang::fr)
                  .empty());
    }

    TEST_CASE("the papers show each piece unchanged or changed, and where a changed one's signed version is")
    {
        Fixture f = unchanged("-----BEGIN SSH SIGNATURE-----", "ssh-ed25519 AAAAC3Nza cle");
        f.digests["organismes/habitat-loire/paa.yaml"] = std::string(64, 'd');
        f.digests.erase("organismes/habitat-loire/preuves/lettre.pdf");
        const core::Model m = f.model();
        std::vector<std::vector<std::string>> asked;
        const auto reports = core::visa_reports(
            m, *m.organisme("habitat-loire"), day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid),
            [&](const std::vector<std::string>& ids) {
                asked.push_back(ids);
                return std::map<std::string, std::string>{{blob_b, std::string(40, 'f')}};
            });
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].signature == core::VisaSignatureState::verified);
        CHECK_FALSE(reports[0].decided);
        REQUIRE(reports[0].pieces.size() == 3);
        CHECK(reports[0].pieces[0].etat == core::VisaPieceState::unchanged);
        CHECK(reports[0].pieces[1].etat == core::VisaPieceState::changed);
        CHECK(reports[0].pieces[1].commit == std::string(40, 'f'));
        CHECK(reports[0].pieces[2].etat == core::VisaPieceState::missing);
        CHECK(reports[0].pieces[2].commit.empty());
        REQUIRE(asked.size() == 1);
        CHECK(asked[0] == std::vector<std::string>{blob_b, blob_c});
        CHECK(core::to_string(core::VisaPieceState::changed) == "modifiee");
    }

    TEST_CASE("a candidature's pieces are present, changed since its session's visa, or missing")
    {
        Fixture f = unchanged("-----BEGIN SSH SIGNATURE-----", "ssh-ed25519 AAAAC3Nza cle");
        f.add("organismes/habitat-loire/candidatures/2026-06-18.yaml",
              "seance: 2026-06-18\ndecision_demandee: admissibilite\ndepot: 2026-06-08\n"
              "pieces: [paa.yaml, preuves/lettre.pdf, concertation.yaml, ../ailleurs.pdf]\n");
        f.digests["organismes/habitat-loire/paa.yaml"] = std::string(64, 'd');
        f.digests["organismes/habitat-loire/concertation.yaml"] = std::string(64, 'e');
        f.digests["ailleurs.pdf"] = std::string(64, 'e');
        const core::Model m = f.model();
        const core::Organisme& o = *m.organisme("habitat-loire");
        const core::VisaCallbacks io{
            f.digest(), verifier(core::SignatureVerdict::invalid), {}, [](const std::vector<std::string>&) {
                return std::map<std::string, std::string>{{blob_b, std::string(40, 'f')}};
            }};
        const auto reports = core::visa_reports(m, o, day("2026-06-10"), io);
        REQUIRE(o.candidatures.size() == 1);
        const core::CandidaturePieces c = core::candidature_pieces(o, o.candidatures[0], reports, io.digest);
        REQUIRE(c.visa.has_value());
        CHECK(c.visa->signature == core::VisaSignatureState::invalid);
        REQUIRE(c.pieces.size() == 5);
        CHECK(c.pieces[0].chemin == "candidatures/2026-06-18.yaml");
        CHECK(c.pieces[0].etat == core::PieceState::present);
        CHECK(c.pieces[0].visee);
        CHECK(c.pieces[1].etat == core::PieceState::changed);
        CHECK(c.pieces[1].commit == std::string(40, 'f'));
        CHECK(c.pieces[2].etat == core::PieceState::present);
        // Not covered by the visa: judged on disk alone; a path leaving the folder is never read.
        CHECK(c.pieces[3].etat == core::PieceState::present);
        CHECK_FALSE(c.pieces[3].visee);
        CHECK(c.pieces[4].etat == core::PieceState::missing);
        // Until the session's decisions, what changed or went missing is what validate reports.
        CHECK_FALSE(c.pieces[0].en_defaut);
        CHECK(c.pieces[1].en_defaut);
        CHECK_FALSE(c.pieces[3].en_defaut);
        CHECK(c.pieces[4].en_defaut);
        CHECK(core::to_string(core::PieceState::changed) == "modifiee");
        CHECK(core::label(core::Lang::fr, core::PieceState::present) == "présente");
        CHECK(core::label(core::Lang::en, core::PieceState::missing) == "absent or unreadable");
    }

    TEST_CASE("a candidature with no visa for its session has none, its pieces judged on disk")
    {
        Fixture f = unchanged();
        f.add("organismes/habitat-loire/candidatures/2026-10-15.yaml",
              "seance: 2026-10-15\ndecision_demandee: admissibilite\ndepot: 2026-09-20\npieces: [paa.yaml, "
              "absent.pdf]\n");
        const core::Model m = f.model();
        const core::Organisme& o = *m.organisme("habitat-loire");
        const auto reports = core::visa_reports(m, o, day("2026-06-10"), f.digest(), {}, {});
        const core::CandidaturePieces c = core::candidature_pieces(o, o.candidatures[0], reports, f.digest());
        CHECK_FALSE(c.visa.has_value());
        REQUIRE(c.pieces.size() == 3);
        CHECK(c.pieces[0].etat == core::PieceState::missing); // no digest given for the candidature itself
        CHECK(c.pieces[1].etat == core::PieceState::present);
        CHECK(c.pieces[2].etat == core::PieceState::missing);
    }

    TEST_CASE("the signed text names the organisme and every field, pieces in the record's order")
    {
        const Fixture f = unchanged();
        const core::Model m = f.model();
        const std::string text = core::canonical_visa_text("habitat-loire", m.organismes.front().visas.front());
        CHECK(text == "quali-visa 1\norganisme habitat-loire\nseance 2026-06-18\nauditeur jeanne-durand\n"
                      "date 2026-06-03\ncandidature " + sha_a + " candidatures/2026-06-18.yaml\ngit-blob " + blob_a +
                      "\npiece " + sha_b + " paa.yaml\ngit-blob " + blob_b + "\npiece " + sha_c +
                      " preuves/lettre.pdf\ngit-blob " + blob_c + "\n");
        CHECK(core::canonical_visa_text("autre", m.organismes.front().visas.front()) != text);
    }

    TEST_CASE("an older visa without blob ids keeps the text it was signed over")
    {
        const Fixture f = unchanged({}, {}, false);
        const core::Model m = f.model();
        CHECK(core::canonical_visa_text("habitat-loire", m.organismes.front().visas.front()) ==
              "quali-visa 1\norganisme habitat-loire\nseance 2026-06-18\nauditeur jeanne-durand\n"
              "date 2026-06-03\ncandidature " + sha_a + " candidatures/2026-06-18.yaml\n"
              "piece " + sha_b + " paa.yaml\npiece " + sha_c + " preuves/lettre.pdf\n");
    }

    TEST_CASE("a signature is verified with the auditor's declared key over the canonical text")
    {
        const Fixture f = unchanged("-----BEGIN SSH SIGNATURE-----", "ssh-ed25519 AAAAC3Nza cle");
        const core::Model m = f.model();
        std::string message;
        CHECK(core::check_visas(m, day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid, &message),
                                core::Lang::fr)
                  .empty());
        CHECK(message == core::canonical_visa_text("habitat-loire", m.organismes.front().visas.front()));

        const auto invalid = core::check_visas(m, day("2026-06-10"), f.digest(),
                                               verifier(core::SignatureVerdict::invalid), core::Lang::fr);
        REQUIRE(invalid.size() == 1);
        CHECK(invalid[0].code == "Q398");
        CHECK(invalid[0].severity == core::Severity::error);

        const auto unavailable = core::check_visas(m, day("2026-06-10"), f.digest(),
                                                   verifier(core::SignatureVerdict::unavailable), core::Lang::fr);
        REQUIRE(unavailable.size() == 1);
        CHECK(unavailable[0].code == "Q399");
        CHECK(unavailable[0].severity == core::Severity::warning);
    }

    TEST_CASE("a signature without a declared key is a warning; no signature with a declared key an error")
    {
        const Fixture no_key = unchanged("-----BEGIN SSH SIGNATURE-----");
        const auto w = core::check_visas(no_key.model(), day("2026-06-10"), no_key.digest(),
                                         verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(w.size() == 1);
        CHECK(w[0].code == "Q399");

        const Fixture unsigned_visa = unchanged({}, "ssh-ed25519 AAAAC3Nza cle");
        const auto e = core::check_visas(unsigned_visa.model(), day("2026-06-10"), unsigned_visa.digest(),
                                         verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "Q398");
        CHECK(e[0].severity == core::Severity::error);
    }
}
