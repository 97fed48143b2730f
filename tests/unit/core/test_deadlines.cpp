// SPDX-License-Identifier: EUPL-1.2
// The deadline list: what it holds, in which order, and what stays the same when a date moves.
#include "quali/core/deadlines.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

Session held(const char* date, const char* slug, DecisionKind kind, const char* derogation = nullptr)
{
    Session s;
    s.date = d(date);
    s.held = true;
    Decision dec;
    dec.organisme.value = slug;
    dec.kind = kind;
    if (derogation != nullptr) dec.derogation = Derogation{"report", {d(derogation), {}}, {}};
    s.decisions.push_back(dec);
    return s;
}

Session planned(const char* date)
{
    Session s;
    s.date = d(date);
    s.lieu = "Paris";
    return s;
}

Action action(const char* id, const char* echeance, ActionState etat)
{
    Action a;
    a.id.value = id;
    a.titre = "Action " + std::string(id);
    a.echeance.value = d(echeance);
    a.etat = etat;
    return a;
}

Organisme organisme(const char* slug, const char* engagement)
{
    Organisme o;
    o.slug = slug;
    o.nom = slug;
    o.engagement.value = d(engagement);
    return o;
}

// Two organismes, a planned session, a PAA, two auditors: the example repository in small.
Model sample()
{
    Model m;
    Organisme a = organisme("alpha", "2026-01-15");
    a.paa = Paa{};
    a.paa->actions = {action("A01", "2026-05-31", ActionState::en_cours),
                      action("A02", "2026-09-30", ActionState::prevue),
                      action("A03", "2026-04-30", ActionState::realisee),
                      action("A04", "2026-04-30", ActionState::abandonnee)};
    m.organismes.push_back(a);
    m.organismes.push_back(organisme("beta", "2024-01-10"));
    m.sessions = {held("2024-11-21", "beta", DecisionKind::admissible), planned("2026-06-18")};

    Auditor jeanne;
    jeanne.id = "jeanne";
    jeanne.nom = "Jeanne";
    jeanne.statut = AuditorStatus::actif;
    jeanne.agrements = {Approval{{d("2022-06-16"), {}}, {d("2025-06-15"), {}}, {}, {}},
                        Approval{{d("2025-06-19"), {}}, {d("2028-06-18"), {}}, {}, {}}};
    Auditor marc;
    marc.id = "marc";
    marc.nom = "Marc";
    marc.statut = AuditorStatus::retire;
    marc.agrements = {Approval{{d("2021-06-17"), {}}, {d("2024-06-16"), {}}, {}, {}}};
    m.auditors = {jeanne, marc};
    return m;
}

std::string summary(const std::vector<Deadline>& list)
{
    std::string out;
    for (const Deadline& x : list)
        out += iso(x.date) + " " + std::string(to_string(x.type)) + " " +
               (x.organisme.empty() ? "-" : x.organisme) + " " + std::string(to_string(x.statut)) + "\n";
    return out;
}

} // namespace

TEST_SUITE("core::deadlines")
{
    TEST_CASE("every kind of deadline is listed by date, overdue ones flagged")
    {
        const auto list = deadlines(sample(), d("2026-06-10"), std::nullopt, Lang::fr);
        CHECK(summary(list) == "2025-11-21 etape beta en-retard\n"
                               "2026-05-31 action-paa alpha en-retard\n"
                               "2026-06-17 depot - a-venir\n"
                               "2026-06-18 seance - a-venir\n"
                               "2026-09-30 action-paa alpha a-venir\n"
                               "2027-01-15 etape alpha a-venir\n"
                               "2028-06-18 agrement - a-venir\n");
    }

    TEST_CASE("a planned session, and its window's opening while ahead, are events with the session's place")
    {
        const auto before = deadlines(sample(), d("2026-05-01"), std::nullopt, Lang::fr);
        std::vector<const Deadline*> events;
        for (const Deadline& x : before)
            if (x.type == DeadlineType::seance || x.type == DeadlineType::ouverture_depot ||
                x.type == DeadlineType::depot)
                events.push_back(&x);
        REQUIRE(events.size() == 3);
        CHECK(iso(events[0]->date) == "2026-06-03");
        CHECK(events[0]->type == DeadlineType::ouverture_depot);
        CHECK(events[0]->titre == "Ouverture du dépôt des dossiers — séance du 18 juin 2026");
        CHECK(events[1]->titre == "Clôture du dépôt des dossiers — séance du 18 juin 2026");
        CHECK(iso(events[2]->date) == "2026-06-18");
        CHECK(events[2]->titre == "Comité de labellisation Quali'Hlm");
        CHECK(events[2]->description == "Séance du comité de labellisation Quali'Hlm du 18 juin 2026 (Paris)");
        std::set<std::string> keys;
        for (const Deadline* x : events) {
            CHECK(x->lieu == "Paris");
            keys.insert(x->cle);
        }
        CHECK(keys ==
              std::set<std::string>{"depot|2026-06-18", "ouverture-depot|2026-06-18", "seance|2026-06-18"});
        CHECK(to_string(DeadlineType::ouverture_depot) == "ouverture-depot");
        // Once the window is open, its opening is no longer ahead; a held session is no event.
        const auto open = deadlines(sample(), d("2026-06-03"), std::nullopt, Lang::fr);
        CHECK(std::count_if(open.begin(), open.end(),
                            [](const Deadline& x) { return x.type == DeadlineType::ouverture_depot; }) == 1);
        const auto after = deadlines(sample(), d("2026-06-04"), std::nullopt, Lang::fr);
        CHECK(std::none_of(after.begin(), after.end(),
                           [](const Deadline& x) { return x.type == DeadlineType::ouverture_depot; }));
        CHECK(std::none_of(before.begin(), before.end(), [](const Deadline& x) {
            return x.type == DeadlineType::seance && iso(x.date) == "2024-11-21";
        }));
    }

    TEST_CASE("the filing deadline is the last day of the window and says both ends")
    {
        const auto list = deadlines(sample(), d("2026-06-10"), 10, Lang::fr);
        const auto it = std::find_if(list.begin(), list.end(),
                                     [](const Deadline& x) { return x.type == DeadlineType::depot; });
        REQUIRE(it != list.end());
        CHECK(iso(it->date) == "2026-06-17");
        CHECK(it->description.find("du 3 juin au 17 juin 2026") != std::string::npos);
        CHECK(it->description.find("18 juin 2026") != std::string::npos);
    }

    TEST_CASE("within keeps what falls due in the next days and everything overdue")
    {
        const auto list = deadlines(sample(), d("2026-06-10"), 7, Lang::fr);
        CHECK(summary(list) == "2025-11-21 etape beta en-retard\n"
                               "2026-05-31 action-paa alpha en-retard\n"
                               "2026-06-17 depot - a-venir\n");
        CHECK(deadlines(sample(), d("2026-06-10"), 6, Lang::fr).size() == 2);
        CHECK(deadlines(sample(), d("2026-06-10"), 0, Lang::fr).size() == 2);
    }

    TEST_CASE("a deadline due today is still upcoming")
    {
        const auto list = deadlines(sample(), d("2026-05-31"), 0, Lang::fr);
        REQUIRE(list.size() == 2);
        CHECK(iso(list[1].date) == "2026-05-31");
        CHECK(list[1].statut == DeadlineStatus::a_venir);
    }

    TEST_CASE("same-day deadlines are ordered by type, then organisme")
    {
        Model m = sample();
        m.organismes[1].paa = Paa{};
        m.organismes[1].paa->actions = {action("B1", "2026-09-30", ActionState::prevue)};
        m.organismes[0].paa->actions.push_back(action("A09", "2026-09-30", ActionState::prevue));
        Auditor paul;
        paul.id = "paul";
        paul.statut = AuditorStatus::actif;
        paul.agrements = {Approval{{d("2023-10-01"), {}}, {d("2026-09-30"), {}}, {}, {}}};
        m.auditors.push_back(paul);
        std::string same_day;
        for (const Deadline& x : deadlines(m, d("2026-06-10"), std::nullopt, Lang::fr))
            if (iso(x.date) == "2026-09-30")
                same_day += std::string(to_string(x.type)) + ":" + x.organisme + ":" +
                            x.description.substr(0, 20) + "|";
        CHECK(same_day == "action-paa:alpha:alpha : action A02 d|action-paa:alpha:alpha : action A09 d|"
                          "action-paa:beta:beta : action B1 du |agrement::Fin de l'agrément d|");
    }

    TEST_CASE("a moved deadline keeps its key, another deadline has another")
    {
        Model before = sample();
        Model after = sample();
        after.sessions.insert(after.sessions.begin() + 1,
                              held("2025-06-19", "beta", DecisionKind::ajourne, "2026-11-30"));
        const auto a = deadlines(before, d("2026-06-10"), std::nullopt, Lang::fr);
        const auto b = deadlines(after, d("2026-06-10"), std::nullopt, Lang::fr);
        const auto step_of = [](const std::vector<Deadline>& l) {
            return *std::find_if(l.begin(), l.end(), [](const Deadline& x) {
                return x.type == DeadlineType::etape && x.organisme == "beta";
            });
        };
        CHECK(iso(step_of(a).date) == "2025-11-21");
        CHECK(iso(step_of(b).date) == "2026-11-30");
        CHECK(step_of(a).cle == step_of(b).cle);
        std::set<std::string> keys;
        for (const Deadline& x : a)
            keys.insert(x.cle);
        CHECK(keys.size() == a.size());
    }

    TEST_CASE("done actions, retired auditors and replaced approvals are not deadlines")
    {
        const auto list = deadlines(sample(), d("2026-06-10"), std::nullopt, Lang::fr);
        for (const Deadline& x : list) {
            CHECK(x.description.find("A03") == std::string::npos);
            CHECK(x.description.find("A04") == std::string::npos);
            CHECK(x.description.find("Marc") == std::string::npos);
            CHECK(iso(x.date) != "2025-06-15");
        }
    }

    TEST_CASE("an ended approval not renewed stays listed as overdue")
    {
        Model m = sample();
        m.auditors[0].agrements.pop_back();
        const auto list = deadlines(m, d("2026-06-10"), 0, Lang::fr);
        CHECK(std::any_of(list.begin(), list.end(), [](const Deadline& x) {
            return x.type == DeadlineType::agrement && iso(x.date) == "2025-06-15" &&
                   x.statut == DeadlineStatus::en_retard;
        }));
    }

    TEST_CASE("a withdrawn organisme has no step and its action plan is no longer followed")
    {
        Model m = sample();
        m.sessions.insert(m.sessions.begin() + 1, held("2026-03-19", "alpha", DecisionKind::retire));
        for (const Deadline& x : deadlines(m, d("2026-06-10"), std::nullopt, Lang::fr))
            CHECK(x.organisme != "alpha");
    }

    TEST_CASE("descriptions are written in the chosen language")
    {
        const auto fr = deadlines(sample(), d("2026-06-10"), std::nullopt, Lang::fr);
        const auto en = deadlines(sample(), d("2026-06-10"), std::nullopt, Lang::en);
        CHECK(fr.front().description ==
              "beta : décision de labellisation à obtenir du comité au plus tard le "
              "21 novembre 2025 ; séance visée : 18 juin 2026, dépôt du 3 juin au 17 juin 2026");
        CHECK(en.front().description ==
              "beta: labelling decision to be obtained from the committee by 21 November 2025; "
              "target session: 18 June 2026, filing from 3 June to 17 June 2026");
        CHECK(fr.front().cle == en.front().cle);
    }

    TEST_CASE("a working-day count is said in the filing deadline")
    {
        Model m = sample();
        m.rules.decompte = Counting::working;
        const auto list = deadlines(m, d("2026-06-10"), 7, Lang::fr);
        const auto it = std::find_if(list.begin(), list.end(),
                                     [](const Deadline& x) { return x.type == DeadlineType::depot; });
        REQUIRE(it != list.end());
        // 15 working days before Thursday 18 June 2026: three weeks back, to Thursday 28 May.
        CHECK(it->description.find("du 28 mai au 17 juin 2026") != std::string::npos);
        CHECK(it->description.find("jours ouvrés") != std::string::npos);
    }
}
