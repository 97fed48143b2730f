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
    TEST_CASE("strong points are grouped by theme and criterion, each with its organisme and audit")
    {
        const core::Model m = model();
        const auto tree = render::observatory_tree(m, core::build_observatory(m, d("2026-01-01")), true);
        REQUIRE(tree["themes"].size() == 1);
        CHECK(tree["themes"][0]["titre"] == "Accueil");
        REQUIRE(tree["themes"][0]["criteres"].size() == 1);
        const auto& c = tree["themes"][0]["criteres"][0];
        CHECK(c["critere"] == "T1.1");
        CHECK(c["nombre_texte"] == "2 points forts");
        CHECK(c["points_forts"][0]["nom"] == "Habitat alpha");
        CHECK(c["points_forts"][0]["audit_fichier"] == "organismes/alpha/audits/2025-03-03-verification.yaml");
        CHECK(c["points_forts"][0]["type_texte"] == "audit de vérification");
        CHECK(c["points_forts"][0]["constat"] == "Accueil <b>soigné</b>"); // escaped by the template
        CHECK(tree["resume"] == "2 points forts relevés dans 2 audits jusqu'au 1er janvier 2026.");
        REQUIRE(tree["alertes"].size() == 1);
        CHECK(tree["alertes"][0]["texte"] == "2 constats chez 2 organismes");
    }

    TEST_CASE("the public observatory names no organisme and no audit file")
    {
        const core::Model m = model();
        const auto tree = render::observatory_tree(m, core::build_observatory(m, d("2026-01-01")), false);
        const auto& p = tree["themes"][0]["criteres"][0]["points_forts"][0];
        CHECK(p["nom"].is_null());
        CHECK(p["organisme"].is_null());
        CHECK(p["audit_fichier"].is_null());
        CHECK(p["constat"] == "Accueil <b>soigné</b>");
        CHECK(tree.dump().find("alpha") == std::string::npos);
    }
}
