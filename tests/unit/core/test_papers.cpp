// SPDX-License-Identifier: EUPL-1.2
// The committee papers' decisions, made in core (papers.cpp): the instruction sheet's next
// steps and their lateness, the letter's sentence and remark, the dossier's error codes.
#include "quali/core/instruction.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

Action action(const char* id, std::optional<ActionState> etat, const char* echeance)
{
    Action a;
    a.id.value = id;
    a.titre = std::string("titre ") + id;
    a.etat = etat;
    a.echeance.value = d(echeance);
    return a;
}

Organisme with_plan(std::vector<Action> actions)
{
    Organisme o;
    o.slug = "x";
    Paa paa;
    paa.actions = std::move(actions);
    o.paa = paa;
    return o;
}

Diagnostic diag(const char* code, Severity severity = Severity::error)
{
    Diagnostic x;
    x.code = code;
    x.severity = severity;
    return x;
}

} // namespace

TEST_SUITE("core::papers")
{
    TEST_CASE("next steps: the pathway's deadline, the filing window and session, the open actions, by date")
    {
        const Organisme o = with_plan({action("A2", ActionState::en_cours, "2026-09-30"),
                                       action("A1", ActionState::realisee, "2026-01-31"),
                                       action("A3", ActionState::abandonnee, "2026-02-28")});
        Pathway p;
        p.etat = PathwayState::admissible;
        p.prochaine_etape = Request::labellisation;
        p.echeance = d("2026-12-31");
        p.seance_visee = d("2026-11-19");
        p.fenetre_depot = Window{d("2026-10-20"), d("2026-11-04")};
        const std::vector<NextStep> next = next_steps(o, p, d("2026-03-01"), Lang::fr);
        REQUIRE(next.size() == 5);
        CHECK(next[0].libelle == "action A2 du PAA : titre A2");
        CHECK(next[1].libelle == "ouverture du dépôt pour la séance du 19 novembre 2026");
        CHECK(next[2].libelle == "clôture du dépôt pour la séance du 19 novembre 2026");
        CHECK(next[3].libelle == "séance du comité visée");
        CHECK(next[4].libelle == "échéance de l'étape « labellisation » (décision du comité au plus tard)");
        for (const NextStep& n : next)
            CHECK_FALSE(n.en_retard);
    }

    TEST_CASE("an action whose state is unknown is a next step, late once its deadline has passed")
    {
        const Organisme o = with_plan({action("A1", std::nullopt, "2026-02-28")});
        const std::vector<NextStep> next = next_steps(o, Pathway{}, d("2026-03-01"), Lang::fr);
        REQUIRE(next.size() == 1);
        CHECK(next[0].date == d("2026-02-28"));
        CHECK(next[0].en_retard);
        CHECK(next_steps(o, Pathway{}, d("2026-02-28"), Lang::en)[0].libelle == "PAA action A1: titre A1");
    }

    TEST_CASE("a withdrawn label has no next step from its plan")
    {
        const Organisme o = with_plan({action("A1", ActionState::prevue, "2026-02-28")});
        Pathway p;
        p.etat = PathwayState::retire;
        CHECK(next_steps(o, p, d("2026-03-01"), Lang::fr).empty());
    }

    TEST_CASE("a late pathway step is late on the sheet too")
    {
        Pathway p;
        p.prochaine_etape = Request::admissibilite;
        p.echeance = d("2026-01-31");
        p.en_retard = true;
        const std::vector<NextStep> next = next_steps(Organisme{}, p, d("2026-03-01"), Lang::fr);
        REQUIRE(next.size() == 1);
        CHECK(next[0].en_retard);
    }

    TEST_CASE("the letter's sentence names the decision and, for a refusal, the request, elided")
    {
        Decision decision;
        Letter l;
        l.decision = &decision;
        decision.kind = DecisionKind::labellise;
        CHECK(letter_phrase(l, Lang::fr) == "Il a attribué le label Quali'Hlm à votre organisme.");
        decision.kind = DecisionKind::refuse;
        l.demande = Request::admissibilite;
        CHECK(letter_phrase(l, Lang::fr) ==
              "Il n'a pas donné une suite favorable à votre demande d'admissibilité.");
        CHECK(letter_phrase(l, Lang::en) == "It did not grant your request for admissibility.");
        l.demande.reset();
        decision.kind = DecisionKind::ajourne;
        CHECK(letter_phrase(l, Lang::fr) == "Il a ajourné sa décision sur votre demande.");
    }

    TEST_CASE("the letter's remark: the end of the pathway, a new candidature, a session not yet fixed")
    {
        Letter l;
        l.suite.etat = PathwayState::retire;
        CHECK(letter_remark(l, Lang::fr).starts_with("Le parcours de labellisation prend fin."));
        l.suite.etat = PathwayState::refuse;
        l.suite.prochaine_etape = Request::admissibilite;
        CHECK(letter_remark(l, Lang::fr) ==
              "Vous pouvez déposer une nouvelle candidature pour la même étape ; aucun délai ne court.");
        l.suite.etat = PathwayState::admissible;
        l.suite.prochaine_etape = Request::labellisation;
        l.suite.echeance = d("2027-06-30");
        CHECK(letter_remark(l, Lang::fr) ==
              "Aucune séance du comité n'est encore fixée : sa date vous sera communiquée.");
        l.suite.seance_visee = d("2027-06-17");
        CHECK(letter_remark(l, Lang::fr).empty());
    }

    TEST_CASE("a dossier's error codes: errors only, once each, but the filing window's")
    {
        ValidationSummary v;
        v.diagnostics = {diag("Q302"), diag("Q360"), diag("Q310", Severity::warning),
                         diag("Q361"), diag("Q302"), diag("Q304")};
        CHECK(dossier_error_codes(v) == std::vector<std::string>{"Q302", "Q304"});
    }
}
