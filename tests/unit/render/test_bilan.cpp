// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan's outputs (render/bilan.hpp) on a core::Bilan written by hand: the JSON keeps
// every figure under its stable key, the template's tree lays the same figures out with their
// French labels, and the HTML document carries its charts.
#include "quali/render/bilan.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali;
using J = nlohmann::ordered_json;

namespace {

core::Date d(const char* text)
{
    return *core::parse_iso_date(text);
}

// Two organismes (one labelled in year 2 of its cycle, one engaged), one held session, one
// late filing, durations, two themes and an audit by a named auditor.
struct Fixture {
    core::Model model;
    core::Session session;
    core::Bilan b;

    Fixture()
    {
        core::Organisme a, e;
        a.slug = "alpha";
        a.nom = "Alpha Habitat";
        a.logements = 18450;
        e.slug = "beta";
        model.organismes = {a, e};
        core::Auditor au;
        au.id = "dupont";
        au.nom = "Claire Dupont";
        model.auditors = {au};
        session.lieu = "Paris";

        b.annee = 2025;
        b.debut = d("2025-01-01");
        b.fin = d("2025-12-31");
        b.as_of = d("2026-01-15");
        core::Pathway labelled;
        labelled.etat = core::PathwayState::labellise;
        labelled.annee_cycle = 2;
        labelled.valide_jusqu_au = d("2027-06-18");
        b.organismes = {{&model.organismes[0], labelled}, {&model.organismes[1], core::Pathway{}}};
        b.par_etat[0] = 1; // engage
        b.par_etat[2] = 1; // labellise
        b.logements_label_valide = 18450;
        b.mouvements[3] = 1; // maintien
        b.chronologie = {{d("2025-06-19"), core::Movement::maintien, "alpha"}};
        b.seances = {{&session, d("2025-06-19"), 1, 1, 7}};
        b.decisions[2] = 1; // maintenu
        b.depots.deposes = 2;
        b.depots.a_l_heure = 1;
        b.depots.en_retard = 1;
        b.depots.hors_fenetre = {{"beta", d("2025-06-19"), d("2025-06-19"), true}};
        b.durees.depot_decision = core::duration_stats({10, 15});
        b.themes.audits = 1;
        b.themes.par_theme = {{"T1", "Accueil", 2, 1, 0, 0}, {"T2", "Cadre de vie", 0, 1, 3, 1}};
        b.themes.faibles = {"T2"};
        b.themes.points_forts.push_back({"alpha", d("2025-03-03"), core::AuditType::verification, "C1", "Écoute", "T1",
                                         "bien", "organismes/alpha/audits/2025-03-03-verification.yaml"});
        b.actions.dues = 4;
        b.actions.realisees = 2;
        b.actions.abandonnees = 1;
        b.actions.en_retard = 1;
        b.actions.liste_en_retard = {{"alpha", "A1", "Relancer", d("2025-05-31"), std::nullopt}};
        b.audits_par_auditeur = {{"dupont", 1, 0, 1, 0, 2.5}, {"", 2, 2, 0, 0, 3}};
    }
};

} // namespace

TEST_SUITE("render::bilan")
{
    TEST_CASE("the JSON keeps every figure under its stable key")
    {
        const Fixture f;
        const J j = render::bilan_json(f.model, f.b);
        CHECK(j["annee"] == 2025);
        CHECK(j["periode"]["fin"] == "2025-12-31");
        CHECK(j["organismes"]["total"] == 2);
        CHECK(j["organismes"]["par_etat"]["labellise"] == 1);
        CHECK(j["organismes"]["liste"][0]["etat"] == "labellise");
        CHECK(j["organismes"]["liste"][0]["valide_jusqu_au"] == "2027-06-18");
        CHECK(j["mouvements"]["maintiens"] == 1);
        CHECK(j["chronologie"][0]["mouvement"] == "maintien");
        CHECK(j["comite"]["decisions"]["maintenu"] == 1);
        CHECK(j["depots"]["hors_fenetre"][0]["statut"] == "en-retard");
        CHECK(j["durees"]["depot_decision"]["mediane"] == 12.5); // a decimal where one is needed
        CHECK(j["durees"]["depot_decision"]["min"] == 10);
        CHECK(j["actions_paa"]["liste_en_retard"][0]["etat"].is_null()); // unknown state
        CHECK(j["auditeurs"]["audits"] == 3);
        CHECK(j["auditeurs"]["par_auditeur"][0]["nom"] == "Claire Dupont");
        CHECK(j["auditeurs"]["par_auditeur"][1]["nom"] == ""); // no auditor named
        CHECK(j["auditeurs"]["par_auditeur"][0]["jours"] == 2.5);
        CHECK(j["auditeurs"]["par_auditeur"][1]["jours"] == 3);
        CHECK(j["auditeurs"]["par_auditeur"][1]["jours"].is_number_integer());
    }

    TEST_CASE("the template's tree gives the same figures with their French labels and shares")
    {
        const Fixture f;
        const J t = render::bilan_tree(f.model, f.b);
        CHECK(t["fin_texte"] == "31 décembre 2025");
        CHECK(t["chiffres"][2]["valeur"] == "18\u202f450");
        CHECK(t["etats"][0]["libelle"] == "Engagés (cycle préparatoire)");
        CHECK(t["etats"][2]["libelle"] == "Labellisés (label valide)");
        CHECK(t["etats"][2]["part"] == "50\u202f%");
        CHECK(t["organismes"][0]["etat_texte"] == "labellisé (année 2 du cycle)");
        CHECK(t["organismes"][1]["nom"] == "beta"); // no name: the slug
        CHECK(t["organismes"][1]["valide_jusqu_au_texte"] == "");
        CHECK(t["mouvements"][3]["libelle"] == "Maintiens");
        CHECK(t["chronologie"][0]["libelle"] == "maintien du label");
        CHECK(t["decisions"][2]["libelle"] == "Label maintenu");
        CHECK(t["seances"][0]["lieu"] == "Paris");
        CHECK(t["depots"]["part_a_l_heure"] == "50\u202f%");
        CHECK(t["depots"]["hors_fenetre"][0]["statut_texte"] == "en retard");
        CHECK(t["durees"][3]["mediane"] == "12,5 j");
        CHECK(t["durees"][3]["etendue"] == "10 – 15 j");
        CHECK(t["durees"][0]["mediane"] == "—"); // no duration
        CHECK(t["themes"][1]["taux_alerte"] == "75\u202f%");
        CHECK(t["hors_cadre"].is_null());
        CHECK(t["themes_faibles"][0]["titre"] == "Cadre de vie");
        CHECK(t["points_forts"][0]["type_texte"] == "audit de vérification");
        CHECK(t["points_forts"][0]["theme_titre"] == "Accueil");
        CHECK(t["actions"]["part_realisees"] == "67\u202f%"); // 2 of the 3 not abandoned
        CHECK(t["actions"]["liste_en_retard"][0]["etat_texte"] == "état inconnu");
        CHECK(t["auditeurs"][1]["nom"] == "(auditeur non renseigné)");
        CHECK(t["auditeurs"][0]["jours"] == "2,5");
        CHECK(t["audits_total"] == 3);
    }

    TEST_CASE("results on a criterion outside the framework get a row of their own")
    {
        Fixture f;
        f.b.themes.hors_cadre.non_evalues = 1;
        const J t = render::bilan_tree(f.model, f.b);
        REQUIRE(t["hors_cadre"].is_object());
        CHECK(t["hors_cadre"]["non_evalues"] == 1);
        CHECK(render::bilan_json(f.model, f.b)["themes"]["hors_cadre"]["non_evalues"] == 1);
    }

    TEST_CASE("the document renders the template; in HTML each chart marker becomes its SVG")
    {
        const Fixture f;
        const std::string md = render::bilan_document("# Bilan {{annee}} — {{etats.2.libelle}}\n", f.model,
                                                      f.b, render::DocumentFormat::markdown);
        CHECK(md.starts_with("# Bilan 2025"));
        const std::string html = render::bilan_document("<p>{{annee}}</p><!--quali:graphique-entonnoir-->",
                                                        f.model, f.b, render::DocumentFormat::html);
        CHECK(html.find("<!--quali:graphique") == std::string::npos);
        CHECK(html.find("<svg") != std::string::npos);
        // Markdown keeps the marker as written: charts are HTML only.
        CHECK(render::bilan_document("<!--quali:graphique-themes-->", f.model, f.b,
                                     render::DocumentFormat::markdown)
                  .find("<svg") == std::string::npos);
        CHECK(render::bilan_chart(f.model, f.b, "inconnu").empty());
    }
}
