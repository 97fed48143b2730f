// SPDX-License-Identifier: EUPL-1.2
// The instruction sheet's and the letter's data trees (render/dossier_data.cpp) lay out what
// core decided: the next steps and lateness, the letter's sentence, the labels of the codes.
#include "quali/render/templates.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali;
using J = nlohmann::ordered_json;

namespace {

core::Date d(const char* text)
{
    return *core::parse_iso_date(text);
}

core::Organisme organisme()
{
    core::Organisme o;
    o.slug = "alpha";
    o.nom = "Alpha Habitat";
    o.logements = 1200;
    core::Paa paa;
    core::Action a;
    a.id.value = "A1";
    a.titre = "Relancer";
    a.echeance.value = d("2026-01-31"); // state unreadable: open, and late on 1 March
    paa.actions.push_back(a);
    o.paa = paa;
    return o;
}

// A letter of the session of 2026-06-18 about `decision`, written on 2026-06-25.
core::Letter letter_of(const core::Organisme& o, const core::Decision& decision, const core::Session& session,
                       core::PathwayState etat, core::Request prochaine_etape)
{
    core::Letter l;
    l.organisme = &o;
    l.decision = &decision;
    l.session = &session;
    l.seance = d("2026-06-18");
    l.calcul = d("2026-06-19");
    l.date_courrier = d("2026-06-25");
    l.suite.etat = etat;
    l.suite.prochaine_etape = prochaine_etape;
    return l;
}

} // namespace

TEST_SUITE("render::dossier_data")
{
    TEST_CASE("an action whose state is unknown is shown as such, late, and among the next steps")
    {
        const core::Model model;
        const core::Organisme o = organisme();
        core::InstructionSheet s;
        s.organisme = &o;
        s.as_of = d("2026-03-01");
        s.prochaines_etapes = core::next_steps(o, s.parcours, s.as_of, core::Lang::fr);
        const J tree = render::dossier_tree(model, s);
        const J& action = tree["paa"]["liste"][0];
        CHECK(action["etat"].is_null());
        CHECK(action["etat_texte"] == "état inconnu");
        CHECK(action["en_retard"] == true);
        REQUIRE(tree["prochaines_etapes"].size() == 1);
        CHECK(tree["prochaines_etapes"][0]["libelle"] == "action A1 du PAA : Relancer");
        CHECK(tree["prochaines_etapes"][0]["date_texte"] == "31 janvier 2026");
        CHECK(tree["prochaines_etapes"][0]["en_retard"] == true);
        CHECK(tree["organisme"]["logements_texte"] == "1\u202f200");
    }

    TEST_CASE("the letter carries core's sentence, the request elided, and the remark on what follows")
    {
        const core::Model model;
        const core::Organisme o = organisme();
        core::Decision decision;
        decision.kind = core::DecisionKind::refuse;
        core::Session session;
        session.lieu = "Paris";
        core::Letter l =
            letter_of(o, decision, session, core::PathwayState::refuse, core::Request::admissibilite);
        l.demande = core::Request::admissibilite;
        const J tree = render::letter_tree(model, l, d("2026-06-25"));
        CHECK(tree["decision"]["decision_texte"] == "refusé");
        CHECK(tree["decision"]["demande_texte"] == "admissibilité");
        CHECK(tree["decision"]["demande_de_texte"] == "d'admissibilité");
        CHECK(tree["decision"]["phrase"] == "Il n'a pas donné une suite favorable à cette demande.");
        CHECK(tree["suite"]["etat_texte"] == "refusé");
        CHECK(tree["suite"]["remarque"] ==
              "Vous pouvez déposer une nouvelle candidature pour la même étape ; aucun délai ne court.");
        CHECK(tree["organisme"]["contact"].is_null());
        CHECK(tree["seance"]["lieu"] == "Paris");
        CHECK(tree["salutation"]["appel"] == "Madame, Monsieur,");
        CHECK(tree["salutation"]["destinataire"] == "la direction");
        // No session on file: the sentence that says so, and never a target session.
        CHECK(tree["suite"]["seances"] == J::array());
        CHECK(tree["suite"]["si_seances"] == false);
        CHECK(tree["suite"]["seances_intro"] ==
              "Les dates des séances du comité vous seront communiquées ultérieurement.");
        CHECK_FALSE(tree["suite"].contains("seance_visee"));
    }

    TEST_CASE("the letter lays out core's salutation and sessions, each with its filing window")
    {
        core::Model model;
        core::Session next;
        next.date = d("2026-11-19");
        model.sessions.push_back(next);
        core::Organisme o = organisme();
        o.contact_nom = "Claire Martin";
        o.contact_civilite = core::Civilite::madame;
        core::Decision decision;
        decision.kind = core::DecisionKind::admissible;
        core::Session session;
        core::Letter l =
            letter_of(o, decision, session, core::PathwayState::admissible, core::Request::labellisation);
        l.suite.echeance = d("2027-06-18");
        l.seances = core::letter_sessions(model, l);
        const J tree = render::letter_tree(model, l, d("2026-06-25"));
        CHECK(tree["organisme"]["contact"]["civilite"] == "Madame");
        CHECK(tree["salutation"]["destinataire"] == "Madame Claire Martin");
        CHECK(tree["salutation"]["appel"] == "Madame,");
        REQUIRE(tree["suite"]["seances"].size() == 1);
        CHECK(tree["suite"]["si_seances"] == true);
        CHECK(tree["suite"]["seances"][0]["date"] == "2026-11-19");
        CHECK(tree["suite"]["seances"][0]["depot"]["fermeture"] == "2026-11-18");
        CHECK(tree["suite"]["seances"][0]["texte"] ==
              "séance du 19 novembre 2026, dépôt du 4 novembre au 18 novembre 2026");
        CHECK(tree["suite"]["seances_intro"] == "Une séance du comité est prévue d'ici cette échéance :");
    }
}
