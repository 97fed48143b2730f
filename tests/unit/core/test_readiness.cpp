// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/model_builder.hpp"
#include "quali/core/readiness.hpp"
#include "quali/io/builtin.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace quali;

namespace {

namespace fs = std::filesystem;

const std::string oj = "organismes/office-jeune/";
const std::string ht = "organismes/habitat-test/";

// tests/data/rules/_base in memory, changed file by file, then modelled.
struct Base {
    std::map<std::string, std::string> files;
    std::vector<io::ParsedYaml> parsed;
    core::Model model;

    Base()
    {
        const fs::path dir = fs::path(QUALI_SOURCE_DIR) / "tests/data/rules/_base";
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.is_regular_file()) {
                std::ifstream in(e.path(), std::ios::binary);
                std::ostringstream s;
                s << in.rdbuf();
                files[e.path().lexically_relative(dir).generic_string()] = s.str();
            }
    }

    Base& edit(const std::string& path, std::string_view from, std::string_view to)
    {
        std::string& text = files.at(path);
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, path << ": " << from);
        text.replace(at, from.size(), to);
        return *this;
    }

    Base& remove(const std::string& path)
    {
        REQUIRE(files.erase(path) == 1);
        return *this;
    }

    // The pieces missing from one organisme's candidature for a session.
    core::Readiness pieces(const std::string& slug, std::string_view session,
                           const std::vector<std::string>& unreadable = {})
    {
        parsed.clear();
        parsed.reserve(files.size());
        std::vector<core::ModelInput> inputs;
        inputs.push_back({"", core::Placement{core::FileKind::referentiel, {}}, &io::builtin_framework()});
        for (const auto& [path, text] : files) {
            const auto placement = core::classify_repository_path(path);
            if (!placement || std::find(unreadable.begin(), unreadable.end(), path) != unreadable.end()) continue;
            parsed.push_back(io::parse_yaml(text, core::Lang::fr));
            inputs.push_back({path, *placement, parsed.back().tree->root()});
        }
        model = core::build_model(inputs, "");
        const core::Organisme* o = model.organisme(slug);
        REQUIRE(o != nullptr);
        const core::Candidature* c = o->candidature_for(*core::parse_iso_date(session));
        REQUIRE(c != nullptr);
        return core::readiness(model, *o, *c, *core::parse_iso_date("2026-06-10"), core::Lang::fr, unreadable);
    }
};

// "Q374 signale_par message" for each missing piece.
std::vector<std::string> described(const core::Readiness& r)
{
    std::vector<std::string> out;
    for (const core::MissingPiece& p : r.manquantes)
        out.push_back(p.code + (p.signale_par.empty() ? "" : " (" + p.signale_par + ")") + " " + p.message);
    return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST_SUITE("core::readiness")
{
    TEST_CASE("the candidatures of the base repository are complete")
    {
        Base b;
        CHECK(b.pieces("office-jeune", "2026-06-18").complete());
        CHECK(b.pieces("habitat-test", "2024-11-21").complete());
        CHECK(b.pieces("habitat-test", "2025-11-27").complete());
    }

    TEST_CASE("an absent file is a missing piece, reported by its own code")
    {
        Base b;
        b.remove(oj + "autodiagnostic.yaml").remove(oj + "paa.yaml");
        // Cited among the candidature's pieces, their absence is Q206's already.
        CHECK(described(b.pieces("office-jeune", "2026-06-18")) ==
              Lines{"Q375 (Q206) pas d'autodiagnostic (autodiagnostic.yaml absent)",
                    "Q376 (Q206) pas de PAA (paa.yaml absent)"});
        b.edit(oj + "candidatures/2026-06-18.yaml", "pieces: [autodiagnostic.yaml, ", "pieces: [");
        b.edit(oj + "candidatures/2026-06-18.yaml", ", paa.yaml", "");
        const core::Readiness r = b.pieces("office-jeune", "2026-06-18");
        CHECK(described(r) == Lines{"Q375 pas d'autodiagnostic (autodiagnostic.yaml absent)",
                                    "Q376 pas de PAA (paa.yaml absent)"});
        CHECK(r.manquantes[0].file == oj + "autodiagnostic.yaml");
        CHECK_FALSE(r.manquantes[0].aide.empty());
    }

    TEST_CASE("an unreadable file is a missing piece already reported with the file")
    {
        Base b;
        const core::Readiness r = b.pieces("office-jeune", "2026-06-18", {oj + "paa.yaml"});
        CHECK(described(r) == Lines{"Q376 (fichier) PAA illisible"});
    }

    TEST_CASE("an empty plan is judged as an absent one, and an untreated alert point is Q310's")
    {
        Base b;
        b.edit(oj + "paa.yaml", "points_alerte: [T1.3], ", "");
        CHECK(described(b.pieces("office-jeune", "2026-06-18")) ==
              Lines{"Q376 (Q310) le PAA ne traite pas le point d'alerte T1.3"});
    }

    TEST_CASE("the audit must be signed on or before the filing")
    {
        Base b;
        b.edit(oj + "audits/2025-09-15-diagnostic-hqs.yaml", "signature: { date: 2025-10-03",
               "signature: { date: 2026-06-08");
        CHECK(described(b.pieces("office-jeune", "2026-06-18")) ==
              Lines{"Q374 audits/2025-09-15-diagnostic-hqs.yaml (diagnostic HQS®) est signé le 2026-06-08, après "
                    "le dépôt du 2026-06-05"});
    }

    TEST_CASE("the audit must follow the previous decision of the pathway")
    {
        Base b;
        b.edit("quali.yaml", "  quorum: 0.5\n",
               "  quorum: 0.5\n  pieces_requises:\n    labellisation: { audit: diagnostic-hqs }\n");
        CHECK(described(b.pieces("habitat-test", "2025-11-27")) ==
              Lines{"Q374 audits/2024-03-04-diagnostic-hqs.yaml (diagnostic HQS®, du 2024-03-04) n'est pas "
                    "postérieur à la décision d'admissibilité du 2024-11-21"});
    }

    TEST_CASE("quali.yaml replaces the entry of one request and keeps the others")
    {
        Base b;
        b.edit("quali.yaml", "  quorum: 0.5\n",
               "  quorum: 0.5\n  pieces_requises:\n    labellisation: { concertation: [engagement] }\n");
        b.pieces("habitat-test", "2025-11-27");
        const core::RequiredPieces& l = b.model.rules.pieces_for(core::Request::labellisation);
        CHECK_FALSE(l.audit.has_value());
        CHECK_FALSE(l.paa);
        CHECK(l.concertation == std::vector<core::Step>{core::Step::engagement});
        const core::RequiredPieces& a = b.model.rules.pieces_for(core::Request::admissibilite);
        CHECK(a.audit == core::AuditType::diagnostic);
        CHECK(a.concertation.size() == 4);
    }

    TEST_CASE("an entry of quali.yaml that failed its schema keeps the default")
    {
        Base b;
        b.edit("quali.yaml", "  quorum: 0.5\n",
               "  quorum: 0.5\n  pieces_requises:\n    admissibilite: { audti: verification }\n"
               "    maintien: { paa: oui }\n");
        b.pieces("office-jeune", "2026-06-18");
        CHECK(b.model.rules.pieces_for(core::Request::admissibilite).audit == core::AuditType::diagnostic);
        CHECK(b.model.rules.pieces_for(core::Request::maintien).paa);
        CHECK(b.model.rules.pieces_for(core::Request::maintien).concertation.size() == 2);
    }

    TEST_CASE("an auditor not approved at the audit's dates is Q330's")
    {
        Base b;
        b.edit(oj + "audits/2025-09-15-diagnostic-hqs.yaml", "auditeur: jeanne-durand\n", "auditeur: marc-bernard\n");
        CHECK(described(b.pieces("office-jeune", "2026-06-18")) ==
              Lines{"Q374 (Q330) l'auditeur de audits/2025-09-15-diagnostic-hqs.yaml (diagnostic HQS®) n'est pas "
                    "agréé à ses dates"});
    }

    TEST_CASE("a concertation step needs an event with proof on or before the filing")
    {
        Base b;
        b.edit(oj + "concertation.yaml", "{ date: 2025-09-09, etape: diagnostic", "{ date: 2026-06-08, etape: diagnostic");
        CHECK(described(b.pieces("office-jeune", "2026-06-18")) ==
              Lines{"Q377 aucun événement de concertation « diagnostic » daté au plus tard du dépôt (2026-06-05) : "
                    "le premier est du 2026-06-08"});
        Base without;
        without.remove(oj + "concertation.yaml");
        const core::Readiness r = without.pieces("office-jeune", "2026-06-18");
        REQUIRE(r.manquantes.size() == 4); // every step reached: Q320 speaks
        for (const core::MissingPiece& p : r.manquantes) CHECK(p.signale_par == "Q320");
    }
}
