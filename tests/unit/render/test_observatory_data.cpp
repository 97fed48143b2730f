// SPDX-License-Identifier: EUPL-1.2
// The observatory's page data: strong points grouped by theme and criterion, alert points
// counted in words, and no organisme named on the public site.
#include "quali/render/observatory.hpp"

#include <doctest/doctest.h>

using namespace quali;
using core::Date;

namespace {

Date d(const char* text)
{
    return *core::parse_iso_date(text);
}

core::Result result(const char* criterion, core::Evaluation e, const char* finding)
{
    core::Result r;
    r.critere.value = criterion;
    r.evaluation = e;
    r.constat = finding;
    return r;
}

core::Model model()
{
    core::Model m;
    m.framework.themes = {{"T1", "Accueil", {{"T1.1", "Accueil physique", "T1", {}}, {"T1.2", "Courriers", "T1", {}}}, {}},
                          {"T2", "Propreté", {{"T2.1", "Halls", "T2", {}}}, {}}};
    for (const char* slug : {"alpha", "beta"}) {
        core::Organisme o;
        o.slug = slug;
        o.nom = std::string("Habitat ") + slug;
        core::Audit a;
        a.file = std::string("organismes/") + slug + "/audits/2025-03-03-verification.yaml";
        a.debut.value = d("2025-03-03");
        a.type = core::AuditType::verification;
        a.resultats = {result("T1.1", core::Evaluation::point_fort, "Accueil <b>soigné</b>"),
                       result("T2.1", core::Evaluation::point_d_alerte, "Halls sales")};
        o.audits.push_back(a);
        m.organismes.push_back(o);
    }
    m.index();
    return m;
}

} // namespace

TEST_SUITE("render::observatory")
{
    TEST_CASE("the main page lists each theme's criteria with their count and the link to their page")
    {
        const core::Model m = model();
        const auto tree = render::observatory_tree(m, core::build_observatory(m, d("2026-01-01")), true);
        REQUIRE(tree["themes"].size() == 1);
        CHECK(tree["themes"][0]["titre"] == "Accueil");
        REQUIRE(tree["themes"][0]["criteres"].size() == 1);
        const auto& c = tree["themes"][0]["criteres"][0];
        CHECK(c["critere"] == "T1.1");
        CHECK(c["nombre_texte"] == "2 points forts");
        CHECK(c["lien"] == "observatoire/T1.1.html");
        CHECK(!c.contains("points_forts")); // on the criterion's page only
        CHECK(tree["resume"] == "2 points forts relevés dans 2 audits jusqu'au 1er janvier 2026.");
        REQUIRE(tree["alertes"].size() == 1);
        CHECK(tree["alertes"][0]["texte"] == "2 constats chez 2 organismes");
    }

    TEST_CASE("a criterion's page gives each strong point with its organisme and audit")
    {
        const core::Model m = model();
        const core::Observatory o = core::build_observatory(m, d("2026-01-01"));
        int pages = 0;
        render::for_each_criterion(o.themes.points_forts, [&](std::size_t begin, std::size_t end) {
            ++pages;
            const auto tree = render::observatory_criterion_tree(m, o, begin, end, true);
            CHECK(tree["critere"] == "T1.1");
            CHECK(tree["theme_titre"] == "Accueil");
            CHECK(tree["nombre_texte"] == "2 points forts");
            REQUIRE(tree["points_forts"].size() == 2);
            const auto& p = tree["points_forts"][0];
            CHECK(p["nom"] == "Habitat alpha");
            CHECK(p["lien"] == "../organismes/alpha.html"); // from observatoire/
            CHECK(p["audit_fichier"] == "organismes/alpha/audits/2025-03-03-verification.yaml");
            CHECK(p["type_texte"] == "audit de vérification");
            CHECK(p["constat"] == "Accueil <b>soigné</b>"); // escaped by the template
            CHECK(tree["points_forts"][1]["nom"] == "Habitat beta");
        });
        CHECK(pages == 1);
    }

    TEST_CASE("the criteria's runs: one per criterion, in order, none for no strong point")
    {
        core::StrongPoints points;
        for (std::size_t i = 0; i < 5; ++i) {
            core::StrongPoint p;
            p.theme = i < 3 ? "T1" : "T2";
            p.critere = i < 2 ? "T1.1" : i < 3 ? "T1.2" : "T2.1";
            points.push_back(p);
        }
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        const auto each = [&](std::size_t begin, std::size_t end) { runs.emplace_back(begin, end); };
        render::for_each_criterion(points, each);
        CHECK(runs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}, {2, 3}, {3, 5}});
        runs.clear();
        render::for_each_criterion(core::StrongPoints(), each);
        CHECK(runs.empty());
    }

    TEST_CASE("the public observatory names no organisme and no audit file")
    {
        const core::Model m = model();
        const core::Observatory o = core::build_observatory(m, d("2026-01-01"));
        CHECK(render::observatory_tree(m, o, false).dump().find("alpha") == std::string::npos);
        render::for_each_criterion(o.themes.points_forts, [&](std::size_t begin, std::size_t end) {
            const auto tree = render::observatory_criterion_tree(m, o, begin, end, false);
            const auto& p = tree["points_forts"][0];
            CHECK(p["nom"].is_null());
            CHECK(p["organisme"].is_null());
            CHECK(p["audit_fichier"].is_null());
            CHECK(p["lien"].is_null());
            CHECK(p["constat"] == "Accueil <b>soigné</b>");
            CHECK(tree.dump().find("alpha") == std::string::npos);
        });
    }
}
