// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/schema_check.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace quali;
using core::FileKind;
using core::Position;

namespace {

struct Checked {
    io::ParsedYaml parsed;
    std::vector<core::Diagnostic> diagnostics;
};

// A fake file system: the listed paths exist, everything else is missing.
class FakePaths final : public core::PathOracle {
public:
    std::map<std::string, core::PathStatus, std::less<>> known;
    core::PathStatus status(std::string_view path) const override
    {
        const auto it = known.find(path);
        return it == known.end() ? core::PathStatus::missing : it->second;
    }
};

Checked check(FileKind kind, std::string_view text, const core::PathOracle* paths = nullptr,
              core::Lang lang = core::Lang::fr)
{
    Checked c{io::parse_yaml(text, lang), {}};
    REQUIRE(c.parsed.tree->root() != nullptr);
    c.diagnostics = core::check_document(kind, *c.parsed.tree->root(), paths, lang);
    return c;
}

const core::Diagnostic* find(const Checked& c, std::string_view code)
{
    const auto it = std::find_if(c.diagnostics.begin(), c.diagnostics.end(),
                                 [&](const core::Diagnostic& d) { return d.code == code; });
    return it == c.diagnostics.end() ? nullptr : &*it;
}

constexpr std::string_view organisme = R"(nom: Habitat Loire
siren: "123456782"
famille: OPH
federation: federation-oph
region: Pays de la Loire
logements: 18450
contact: { nom: Claire Martin, fonction: Responsable qualité, courriel: c.martin@habitat-loire.fr }
engagement: { date: 2024-02-15, instance: conseil d'administration, appui_conseil_ush: true }
)";

std::string replace(std::string text, std::string_view from, std::string_view to)
{
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_SUITE("core::schema_check")
{
    TEST_CASE("DOMAIN.md's organisme example is valid")
    {
        CHECK(check(FileKind::organisme, organisme).diagnostics.empty());
    }

    TEST_CASE("an unknown key is placed on the key and suggests the closest one")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "region:", "regoin:"));
        const auto* d = find(c, "Q103");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{5, 1});
        CHECK(d->hint.find("« region »") != std::string::npos);
    }

    TEST_CASE("a misspelt required key is one diagnostic: the unknown key, naming the key meant")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "logements:", "logement:"));
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics[0].code == "Q103");
        CHECK(c.diagnostics[0].pos == Position{6, 1});
        CHECK(c.diagnostics[0].hint.find("« logements »") != std::string::npos);
        // Nested: the required date of the engagement, misspelt inside its block.
        const auto e = check(FileKind::organisme, replace(std::string(organisme), "{ date:", "{ dtae:"));
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].code == "Q103");
        CHECK(e.diagnostics[0].hint.find("« date »") != std::string::npos);
    }

    TEST_CASE("a required key missing beside an unrelated unknown key is still reported")
    {
        const auto c = check(FileKind::organisme,
                             replace(std::string(organisme), "logements: 18450\n", "remarque: x\n"));
        CHECK(find(c, "Q102") != nullptr);
        CHECK(find(c, "Q103") != nullptr);
    }

    TEST_CASE("a value outside an enumeration lists the allowed values")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "famille: OPH", "famille: HLM"));
        const auto* d = find(c, "Q104");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{3, 10});
        CHECK(d->hint.find("OPH, ESH, COOP, SEM, autre") != std::string::npos);
    }

    TEST_CASE("a missing required key is reported on its mapping")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "logements: 18450\n", ""));
        const auto* d = find(c, "Q102");
        REQUIRE(d != nullptr);
        CHECK(d->message.find("logements") != std::string::npos);
        CHECK(d->pos == Position{1, 1});
    }

    TEST_CASE("an unquoted SIREN is a type error with a hint to quote it")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "\"123456782\"", "123456782"));
        const auto* d = find(c, "Q101");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{2, 8});
        CHECK(d->hint.find("guillemets") != std::string::npos);
    }

    TEST_CASE("counts must be positive")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "18450", "0"));
        const auto* d = find(c, "Q106");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{6, 12});
    }

    TEST_CASE("impossible dates are caught, quoted or not")
    {
        auto c = check(FileKind::organisme, replace(std::string(organisme), "2024-02-15", "2025-02-30"));
        REQUIRE(find(c, "Q201") != nullptr);
        c = check(FileKind::organisme, replace(std::string(organisme), "2024-02-15", "\"2025-13-01\""));
        REQUIRE(find(c, "Q201") != nullptr);
        CHECK(find(c, "Q201")->pos.line == 8);
    }

    TEST_CASE("a real date outside 1900 to 2200 is Q207, not Q201")
    {
        for (const std::string date : {"0000-01-01", "\"2201-01-01\""}) {
            CAPTURE(date);
            const auto c = check(FileKind::organisme, replace(std::string(organisme), "2024-02-15", date));
            REQUIRE(find(c, "Q207") != nullptr);
            CHECK(find(c, "Q207")->pos.line == 8);
            CHECK(find(c, "Q201") == nullptr);
        }
        const auto c =
            check(FileKind::organisme, replace(std::string(organisme), "2024-02-15", "2200-12-31"));
        CHECK(find(c, "Q207") == nullptr);
    }

    TEST_CASE("the SIREN's Luhn checksum is verified")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "123456782", "123456789"));
        const auto* d = find(c, "Q202");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{2, 8});
    }

    TEST_CASE("a malformed e-mail address is reported")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "c.martin@habitat-loire.fr", "c.martin.habitat-loire.fr"));
        CHECK(find(c, "Q203") != nullptr);
    }

    TEST_CASE("duplicate ids within a file point at the first use")
    {
        const auto c = check(FileKind::referentiel, R"(version: "2024"
themes:
  - id: T1
    titre: Accueil
    criteres:
      - { id: T1.1, titre: Accueil physique }
  - id: T2
    titre: Réclamations
    criteres:
      - { id: T1.1, titre: Doublon }
)");
        const auto* d = find(c, "Q204");
        REQUIRE(d != nullptr);
        CHECK(d->pos == Position{10, 15});
        REQUIRE(d->notes.size() == 1);
        CHECK(d->notes[0].pos == Position{6, 15});
    }

    TEST_CASE("proof paths must stay inside the organisme folder and exist")
    {
        FakePaths paths;
        paths.known["preuves/ok.pdf"] = core::PathStatus::file;
        paths.known["preuves/lien.pdf"] = core::PathStatus::outside;
        const auto c = check(FileKind::concertation, R"(evenements:
  - { date: 2024-09-12, etape: paa, instance: CCL, nature: association, preuve: preuves/ok.pdf }
  - { date: 2024-09-12, etape: paa, instance: CCL, nature: association, preuve: ../x/cr.pdf }
  - { date: 2024-09-12, etape: paa, instance: CCL, nature: association, preuve: /etc/passwd }
  - { date: 2024-09-12, etape: paa, instance: CCL, nature: association, preuve: preuves/lien.pdf }
  - { date: 2024-09-12, etape: paa, instance: CCL, nature: association, preuve: preuves/absente.pdf }
)",
                             &paths);
        std::vector<std::pair<std::string, int>> got;
        for (const auto& d : c.diagnostics) got.emplace_back(d.code, d.pos.line);
        const std::vector<std::pair<std::string, int>> expected{{"Q205", 3}, {"Q205", 4}, {"Q205", 5}, {"Q206", 6}};
        CHECK(got == expected);
    }

    TEST_CASE("messages follow the language")
    {
        const auto c = check(FileKind::organisme, replace(std::string(organisme), "region:", "regoin:"), nullptr,
                             core::Lang::en);
        REQUIRE(find(c, "Q103") != nullptr);
        CHECK(find(c, "Q103")->message == "unknown key \"regoin\"");
    }
}

TEST_SUITE("core::value_checks")
{
    TEST_CASE("Luhn accepts real SIRENs and rejects typos")
    {
        CHECK(core::luhn_valid("123456782"));
        CHECK(core::luhn_valid("552100554"));   // a well-known published SIREN
        CHECK_FALSE(core::luhn_valid("552100555"));
        CHECK_FALSE(core::luhn_valid(""));
    }

    TEST_CASE("paths that leave the folder are recognised lexically")
    {
        CHECK_FALSE(core::path_leaves_folder("preuves/a.pdf"));
        CHECK_FALSE(core::path_leaves_folder("preuves/../paa.yaml"));
        CHECK(core::path_leaves_folder("../a.pdf"));
        CHECK(core::path_leaves_folder("preuves/../../a.pdf"));
        CHECK(core::path_leaves_folder("/etc/passwd"));
        CHECK(core::path_leaves_folder("C:\\x"));
        CHECK(core::path_leaves_folder("~/x"));
    }

    TEST_CASE("e-mail shape")
    {
        CHECK(core::plausible_email("c.martin@habitat-loire.fr"));
        CHECK_FALSE(core::plausible_email("c.martin@habitat-loire"));
        CHECK_FALSE(core::plausible_email("@x.fr"));
        CHECK_FALSE(core::plausible_email("a b@x.fr"));
        CHECK_FALSE(core::plausible_email("a@@x.fr"));
    }

    TEST_CASE("edit distance suggests plausible typos only")
    {
        CHECK(core::edit_distance("regoin", "region") == 2);
        CHECK(core::closest("regoin", {"nom", "region", "siren"}) == "region");
        CHECK_FALSE(core::closest("zzzzzz", {"nom", "region"}).has_value());
    }
}
