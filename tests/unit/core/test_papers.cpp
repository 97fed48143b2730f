// SPDX-License-Identifier: EUPL-1.2
// The committee papers' decisions, made in core (papers.cpp): the instruction sheet's next
// steps and their lateness, the letter's sentence and remark, the dossier's error codes.
#include "quali/core/instruction.hpp"
#include "quali/core/vocabulary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
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

    TEST_CASE("the letter's sentence names the decision and, for a refusal, refers back to the request")
    {
        Decision decision;
        Letter l;
        l.decision = &decision;
        decision.kind = DecisionKind::labellise;
        CHECK(letter_phrase(l, Lang::fr) == "Il a attribué le label Quali'Hlm à votre organisme.");
        decision.kind = DecisionKind::refuse;
        l.demande = Request::admissibilite;
        CHECK(letter_phrase(l, Lang::fr) == "Il n'a pas donné une suite favorable à cette demande.");
        CHECK(letter_phrase(l, Lang::en) == "It did not grant that request.");
        l.demande.reset();
        decision.kind = DecisionKind::ajourne;
        CHECK(letter_phrase(l, Lang::fr) == "Il a ajourné sa décision sur votre demande.");
    }

    TEST_CASE("an adjourned request is named once, elided, and referred back to")
    {
        Decision decision;
        decision.kind = DecisionKind::ajourne;
        Letter l;
        l.decision = &decision;
        l.demande = Request::admissibilite;
        CHECK(of_request(Lang::fr, *l.demande) == "d'admissibilité");
        CHECK(letter_phrase(l, Lang::fr) == "Il a ajourné sa décision sur cette demande.");
        CHECK(letter_phrase(l, Lang::fr).find("de admissibilité") == std::string::npos);
        CHECK(letter_phrase(l, Lang::en) == "It deferred its decision on that request.");
    }

    TEST_CASE("the salutation follows the contact's civilite, else Madame, Monsieur")
    {
        Organisme o;
        Salutation s = letter_salutation(o, Lang::fr);
        CHECK(s.destinataire == "la direction");
        CHECK(s.attention == "À l'attention de la direction");
        CHECK(s.appel == "Madame, Monsieur,");
        CHECK(s.formule.find("d'agréer, Madame, Monsieur, l'expression") != std::string::npos);
        o.contact_nom = "Claire Martin";
        s = letter_salutation(o, Lang::fr);
        CHECK(s.destinataire == "Claire Martin");
        CHECK(s.attention == "À l'attention de Claire Martin");
        CHECK(s.appel == "Madame, Monsieur,");
        CHECK(letter_salutation(o, Lang::en).appel == "Dear Sir or Madam,");
        o.contact_civilite = Civilite::madame;
        s = letter_salutation(o, Lang::fr);
        CHECK(s.destinataire == "Madame Claire Martin");
        CHECK(s.attention == "À l'attention de Madame Claire Martin");
        CHECK(s.appel == "Madame,");
        CHECK(s.formule == "Je reste à votre disposition pour tout complément et vous prie d'agréer, Madame, "
                           "l'expression de mes salutations distinguées.");
        CHECK(letter_salutation(o, Lang::en).appel == "Dear Ms Martin,");
        o.contact_nom = "Éric Petit";
        o.contact_civilite.reset();
        CHECK(letter_salutation(o, Lang::fr).attention == "À l'attention d'Éric Petit");
        CHECK(letter_salutation(o, Lang::en).attention == "For the attention of Éric Petit");
        o.contact_nom = "Jean-Pierre de La Tour";
        o.contact_civilite = Civilite::monsieur;
        CHECK(letter_salutation(o, Lang::fr).appel == "Monsieur,");
        CHECK(letter_salutation(o, Lang::fr).formule.find("d'agréer, Monsieur, l'expression") !=
              std::string::npos);
        CHECK(letter_salutation(o, Lang::en).appel == "Dear Mr de La Tour,");
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

namespace {

// A letter of the session of 2025-11-20, written on 2025-11-24, whose next step is due on
// `echeance`, in a repository holding sessions on those dates (15-day filing windows).
struct LetterCase {
    Model model;
    Letter letter;

    LetterCase(std::optional<Date> echeance, std::vector<const char*> sessions)
    {
        for (const char* day : std::vector<const char*>{"2025-06-19", "2025-11-20"})
            model.sessions.push_back(session_on(day));
        for (const char* day : sessions)
            model.sessions.push_back(session_on(day));
        // By date, as the model keeps them.
        std::sort(model.sessions.begin(), model.sessions.end(),
                  [](const Session& a, const Session& b) { return a.date < b.date; });
        letter.seance = d("2025-11-20");
        letter.calcul = d("2025-11-21");
        letter.date_courrier = d("2025-11-24");
        letter.suite.etat = PathwayState::admissible;
        letter.suite.prochaine_etape = Request::labellisation;
        letter.suite.echeance = echeance;
        letter.seances = letter_sessions(model, letter);
    }

    static Session session_on(const char* day)
    {
        Session s;
        s.date = d(day);
        return s;
    }

    std::vector<Date> dates() const
    {
        std::vector<Date> out;
        for (const LetterSession& s : letter.seances)
            out.push_back(s.seance);
        return out;
    }
};

} // namespace

TEST_SUITE("core::papers")
{
    TEST_CASE("a letter with no session on file says the dates will be announced")
    {
        const LetterCase c(d("2026-11-20"), {});
        CHECK(c.letter.seances.empty());
        CHECK(letter_sessions_intro(c.letter, Lang::fr) ==
              "Les dates des séances du comité vous seront communiquées ultérieurement.");
        CHECK(letter_sessions_intro(c.letter, Lang::en) ==
              "You will be told the dates of the committee sessions later.");
    }

    TEST_CASE("a letter offers the one session on file before the deadline, with its filing window")
    {
        const LetterCase c(d("2026-11-20"), {"2026-06-18"});
        REQUIRE(c.dates() == std::vector<Date>{d("2026-06-18")});
        CHECK(c.letter.seances[0].depot.opens == d("2026-06-03"));
        CHECK(c.letter.seances[0].depot.closes == d("2026-06-17"));
        CHECK(letter_sessions_intro(c.letter, Lang::fr) ==
              "Une séance du comité est prévue d'ici cette échéance :");
        CHECK(letter_session_text(c.letter.seances[0], Lang::fr) ==
              "séance du 18 juin 2026, dépôt du 3 juin au 17 juin 2026");
        CHECK(letter_session_text(c.letter.seances[0], Lang::en) ==
              "session of 18 June 2026, filing from 3 June to 17 June 2026");
    }

    TEST_CASE(
        "a session after the deadline is never offered: the labellisation due in 2028 is not aimed at 2026")
    {
        const LetterCase after(d("2026-03-31"), {"2026-06-18"});
        CHECK(after.letter.seances.empty());
        CHECK(letter_sessions_intro(after.letter, Lang::fr) ==
              "Les dates des séances du comité vous seront communiquées ultérieurement.");
        // Due in March 2028: the sessions of 2026 and 2027 are possible, none is « the » target.
        const LetterCase far(d("2028-03-15"), {"2026-06-18", "2027-06-17", "2028-06-15"});
        CHECK(far.dates() == std::vector<Date>{d("2026-06-18"), d("2027-06-17")});
    }

    TEST_CASE("several sessions before the deadline are offered by date, never a past one")
    {
        const LetterCase c(d("2026-11-20"),
                           {"2026-11-19", "2025-11-27", "2026-06-18", "2026-11-20", "2026-12-10"});
        // 2025-11-27: its window (12 to 26 November) is still open on the letter's date.
        CHECK(c.dates() ==
              std::vector<Date>{d("2025-11-27"), d("2026-06-18"), d("2026-11-19"), d("2026-11-20")});
        CHECK(letter_sessions_intro(c.letter, Lang::fr) ==
              "4 séances du comité sont prévues d'ici cette échéance :");
        CHECK(letter_session_text(c.letter.seances[0], Lang::fr) ==
              "séance du 27 novembre 2025, dépôt du 12 novembre au 26 novembre 2025");
    }

    TEST_CASE("a session whose filing window closed before the letter's date is past for the letter")
    {
        LetterCase c(d("2026-11-20"), {"2026-06-18", "2026-11-19"});
        c.letter.date_courrier = d("2026-06-18"); // the June window closed on 2026-06-17
        const std::vector<LetterSession> ahead = letter_sessions(c.model, c.letter);
        REQUIRE(ahead.size() == 1);
        CHECK(ahead[0].seance == d("2026-11-19"));
    }

    TEST_CASE(
        "a window spanning two years names both years; without a deadline the next sessions are offered")
    {
        const LetterCase c(std::nullopt, {"2026-01-08"});
        REQUIRE(c.letter.seances.size() == 1);
        CHECK(letter_session_text(c.letter.seances[0], Lang::fr) ==
              "séance du 8 janvier 2026, dépôt du 24 décembre 2025 au 7 janvier 2026");
        CHECK(letter_sessions_intro(c.letter, Lang::fr) == "Prochaine séance du comité :");
    }

    TEST_CASE("a deadline already passed on the letter's date is said, and no session is offered")
    {
        LetterCase c(d("2025-11-22"), {"2026-06-18"});
        CHECK(c.letter.seances.empty());
        CHECK(letter_sessions_intro(c.letter, Lang::fr).starts_with("Cette échéance est dépassée"));
    }

    TEST_CASE("a letter without next step offers no session and no sentence")
    {
        LetterCase c(std::nullopt, {"2026-06-18"});
        c.letter.suite.prochaine_etape.reset();
        CHECK(letter_sessions(c.model, c.letter).empty());
        CHECK(letter_sessions_intro(c.letter, Lang::fr).empty());
    }
}
