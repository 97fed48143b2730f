// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/file_kind.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

namespace {

Diagnostic at(std::string code, std::string file, Position pos)
{
    Diagnostic d;
    d.code = std::move(code);
    d.file = std::move(file);
    d.pos = pos;
    return d;
}

} // namespace

TEST_SUITE("core::file_kind")
{
    TEST_CASE("each place of the repository's layout has its kind, organisme files their slug")
    {
        CHECK(classify_repository_path("quali.yaml")->kind == FileKind::quali);
        CHECK(classify_repository_path("referentiel/cadre-evaluation.yaml")->kind == FileKind::referentiel);
        CHECK(classify_repository_path("comite/membres.yaml")->kind == FileKind::membres);
        CHECK(classify_repository_path("comite/seances/2025-06-19.yaml")->kind == FileKind::seance);
        CHECK(classify_repository_path("auditeurs/a-martin.yaml")->kind == FileKind::auditeur);
        const auto audit = classify_repository_path("organismes/oph-nord/audits/2024-05-10-diagnostic.yaml");
        REQUIRE(audit);
        CHECK(audit->kind == FileKind::audit);
        CHECK(audit->organisme == "oph-nord");
        CHECK(classify_repository_path("organismes/oph-nord/candidatures/2025-06-19.visa.yaml")->kind ==
              FileKind::visa);
        CHECK(classify_repository_path("organismes/oph-nord/candidatures/2025-06-19.yaml")->kind ==
              FileKind::candidature);
    }

    TEST_CASE("a place outside the layout has no kind")
    {
        CHECK_FALSE(classify_repository_path("quali.yaml.bak"));
        CHECK_FALSE(classify_repository_path("comite/seances/2025/06.yaml"));
        CHECK_FALSE(classify_repository_path("organismes/oph-nord/notes.yaml"));
        CHECK_FALSE(classify_repository_path("organismes/paa.yaml"));
        CHECK_FALSE(classify_repository_path("auditeurs/.yaml"));
        CHECK_FALSE(classify_organisme_path("organismes/x/paa.yaml"));
        CHECK(classify_organisme_path("paa.yaml")->kind == FileKind::paa);
        CHECK(classify_organisme_path("paa.yaml")->organisme.empty());
    }

    TEST_CASE("kind_name gives the schema's base name")
    {
        CHECK(kind_name(FileKind::autodiagnostic) == "autodiagnostic");
        CHECK(kind_name(FileKind::visa) == "visa");
    }

    TEST_CASE("slugs are lowercase unaccented letters, digits and hyphens, not starting with one")
    {
        CHECK(is_slug("office-habitat-evry"));
        CHECK(is_slug("oph93"));
        CHECK_FALSE(is_slug(""));
        CHECK_FALSE(is_slug("-oph"));
        CHECK_FALSE(is_slug("Oph"));
        CHECK_FALSE(is_slug("évry"));
        CHECK_FALSE(is_slug("oph_nord"));
    }

    TEST_CASE("organisme_folder_of names the folder a repository path lies in, or nothing")
    {
        CHECK(organisme_folder_of("organismes/oph-nord/paa.yaml") == "organismes/oph-nord");
        CHECK(organisme_folder_of("organismes/oph-nord/audits/a.yaml") == "organismes/oph-nord");
        CHECK(organisme_folder_of("organismes/oph-nord").empty());
        CHECK(organisme_folder_of("comite/membres.yaml").empty());
        CHECK(organisme_folder_of("organismesx/a/b.yaml").empty());
    }

    TEST_CASE("path_in_folder removes the folder's prefix and a leading ./, nothing else")
    {
        CHECK(path_in_folder("organismes/x", "organismes/x/audits/a.yaml") == "audits/a.yaml");
        CHECK(path_in_folder("organismes/x", "organismes/xy/audits/a.yaml") == "organismes/xy/audits/a.yaml");
        CHECK(path_in_folder("organismes/x", "./preuves/pv.pdf") == "preuves/pv.pdf");
        CHECK(path_in_folder("", "audits/a.yaml") == "audits/a.yaml");
        CHECK(path_in_folder("organismes/x", "organismes/x") == "organismes/x");
    }

    TEST_CASE("expected_names lists the names the layout expects beside a file")
    {
        CHECK(expected_names("organismes/x/pa.yaml", false).size() == 4);
        CHECK(expected_names("pa.yaml", true).size() == 4);
        CHECK(expected_names("qali.yaml", false) == std::vector<std::string>{"quali.yaml"});
        CHECK(expected_names("comite/membre.yaml", false) == std::vector<std::string>{"membres.yaml"});
        CHECK(expected_names("referentiel/cadre.yaml", false) ==
              std::vector<std::string>{"cadre-evaluation.yaml"});
        CHECK(expected_names("organismes/x/audits/sub/a.yaml", false).empty());
    }

    TEST_CASE("Q011 suggests the name a misspelt file probably meant, else lists the known places")
    {
        const Diagnostic near = unknown_place("organismes/x/organsime.yaml", false, Lang::fr);
        CHECK(near.code == "Q011");
        CHECK(near.severity == Severity::warning);
        CHECK(near.file == "organismes/x/organsime.yaml");
        CHECK(near.hint == "vouliez-vous dire « organisme.yaml » ?");
        const Diagnostic far = unknown_place("divers/notes.yaml", false, Lang::en);
        CHECK(far.message == "YAML file in an unknown place: it is not checked");
        CHECK(far.hint.starts_with("known places: quali.yaml"));
    }

    TEST_CASE("schema errors are Q101 to Q107; the type error is Q101")
    {
        CHECK(is_schema_error(at("Q101", "", {})));
        CHECK(is_schema_error(at("Q107", "", {})));
        CHECK_FALSE(is_schema_error(at("Q108", "", {})));
        CHECK_FALSE(is_schema_error(at("Q100", "", {})));
        CHECK_FALSE(is_schema_error(at("Q1011", "", {})));
        CHECK(is_type_error(at("Q101", "", {})));
        CHECK_FALSE(is_type_error(at("Q102", "", {})));
    }

    TEST_CASE("a stock rating or action plan with a type error is left out of the model, other files are not")
    {
        const std::vector<Diagnostic> typed{at("Q101", "paa.yaml", {3, 1})};
        CHECK(left_out_of_model(FileKind::paa, typed));
        CHECK(left_out_of_model(FileKind::autodiagnostic, typed));
        CHECK_FALSE(left_out_of_model(FileKind::audit, typed));
        CHECK_FALSE(
            left_out_of_model(FileKind::paa, std::vector<Diagnostic>{at("Q102", "paa.yaml", {3, 1})}));
    }

    TEST_CASE("the rules cannot read a file without tree, not a mapping, or with a type error")
    {
        Tree tree;
        Node& map = tree.add();
        map.kind = NodeKind::mapping;
        Node& scalar = tree.add();
        scalar.kind = NodeKind::scalar;
        CHECK(unreadable_by_rules(nullptr, {}));
        CHECK(unreadable_by_rules(&scalar, {}));
        CHECK_FALSE(unreadable_by_rules(&map, {}));
        CHECK(unreadable_by_rules(&map, std::vector<Diagnostic>{at("Q101", "a.yaml", {1, 1})}));
    }

    TEST_CASE("a value under an unsupported tag is reported once, as Q012")
    {
        std::vector<Diagnostic> document{at("Q101", "a.yaml", {2, 5}), at("Q104", "a.yaml", {3, 5})};
        drop_under_unsupported_tags(document, std::vector<Diagnostic>{at("Q012", "a.yaml", {2, 5})});
        REQUIRE(document.size() == 1);
        CHECK(document[0].code == "Q104");
    }

    TEST_CASE("a field left to fill silences the rules at its place in its file only")
    {
        FieldsToFill to_fill;
        to_fill.note("a.yaml",
                     std::vector<Diagnostic>{at("Q016", "a.yaml", {4, 12}), at("Q101", "a.yaml", {5, 1})});
        std::vector<Diagnostic> rules{at("Q301", "a.yaml", {4, 12}), at("Q302", "b.yaml", {4, 12}),
                                      at("Q303", "a.yaml", {5, 1})};
        to_fill.drop_from(rules);
        REQUIRE(rules.size() == 2);
        CHECK(rules[0].code == "Q302");
        CHECK(rules[1].code == "Q303");
    }
}
