// SPDX-License-Identifier: EUPL-1.2
// The marker « À COMPLÉTER » of quali init / quali new templates (Q016), in value_checks.cpp.
#include "quali/core/value_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace quali;

namespace {

std::vector<core::Diagnostic> check(core::FileKind kind, std::string_view text)
{
    const io::ParsedYaml parsed = io::parse_yaml(text, core::Lang::fr);
    REQUIRE(parsed.tree->root() != nullptr);
    return core::check_document(kind, *parsed.tree->root(), nullptr, core::Lang::fr);
}

std::vector<std::string> codes(const std::vector<core::Diagnostic>& ds)
{
    std::vector<std::string> out;
    for (const core::Diagnostic& d : ds) out.push_back(d.code + "@" + std::to_string(d.pos.line));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_SUITE("core::value_checks (fields to fill)")
{
    TEST_CASE("a marked field is one warning, never a type, enumeration, format or Luhn error")
    {
        const auto ds = check(core::FileKind::organisme,
                              "nom: À COMPLÉTER\nsiren: À COMPLÉTER\nfamille: À COMPLÉTER\nfederation: aucune\n"
                              "region: À COMPLÉTER\nlogements: À COMPLÉTER\n"
                              "contact: { nom: À COMPLÉTER, courriel: À COMPLÉTER }\n"
                              "engagement: { date: 2025-02-15, instance: CA }\n");
        CHECK(codes(ds) == std::vector<std::string>{"Q016@1", "Q016@2", "Q016@3", "Q016@5", "Q016@6", "Q016@7",
                                                    "Q016@7"});
        CHECK(std::all_of(ds.begin(), ds.end(), [](const core::Diagnostic& d) { return d.severity == core::Severity::warning; }));
    }

    TEST_CASE("the message names the field by its path in the file")
    {
        const auto ds = check(core::FileKind::membres,
                              "sieges:\n  - { id: ush, college: USH, titulaire: { nom: Jo }, suppleant: { nom: À COMPLÉTER } }\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].message == "champ à compléter : sieges[].suppleant.nom");
        CHECK(ds[0].hint.find("À COMPLÉTER") != std::string::npos);
    }

    TEST_CASE("other errors of the same file are still reported")
    {
        const auto ds = check(core::FileKind::organisme,
                              "nom: À COMPLÉTER\nsiren: \"123456789\"\nfamille: OPH\nfederation: aucune\n"
                              "region: R\nlogements: 0\nengagement: { date: 2025-02-30, instance: CA }\n");
        CHECK(codes(ds) == std::vector<std::string>{"Q016@1", "Q106@6", "Q201@7", "Q202@2"});
    }

    TEST_CASE("a marked piece of a candidature is to fill, not a missing file")
    {
        const auto ds = check(core::FileKind::candidature,
                              "seance: 2026-06-18\ndecision_demandee: admissibilite\ndepot: 2026-06-10\npieces:\n"
                              "  - À COMPLÉTER\n");
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q016");
        CHECK(ds[0].message == "champ à compléter : pieces[]");
    }
}
