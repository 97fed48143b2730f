// SPDX-License-Identifier: EUPL-1.2
// The domain's predicates, decided once (predicates.hpp): an action with an unknown state is
// open and due everywhere; an abandoned one treats nothing.
#include "quali/core/predicates.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

Action action(std::optional<ActionState> etat, const char* echeance = nullptr)
{
    Action a;
    a.id.value = "A1";
    a.etat = etat;
    if (echeance != nullptr) a.echeance.value = d(echeance);
    return a;
}

} // namespace

TEST_SUITE("core::predicates")
{
    TEST_CASE("an action is open unless done or abandoned, and an unknown state is open")
    {
        CHECK(is_open(action(ActionState::prevue)));
        CHECK(is_open(action(ActionState::en_cours)));
        CHECK(is_open(action(std::nullopt)));
        CHECK_FALSE(is_open(action(ActionState::realisee)));
        CHECK_FALSE(is_open(action(ActionState::abandonnee)));
    }

    TEST_CASE("an open action is late the day after its deadline, whatever its state is known or not")
    {
        const Date today = d("2026-03-10");
        CHECK(is_late(action(std::nullopt, "2026-03-09"), today));
        CHECK(is_late(action(ActionState::en_cours, "2026-03-09"), today));
        CHECK_FALSE(is_late(action(ActionState::prevue, "2026-03-10"), today)); // due today: not yet late
        CHECK_FALSE(is_late(action(ActionState::realisee, "2025-01-01"), today));
        CHECK_FALSE(is_late(action(ActionState::abandonnee, "2025-01-01"), today));
        CHECK_FALSE(is_late(action(ActionState::prevue), today)); // no deadline
    }

    TEST_CASE("only an abandoned action stops counting for the plan; an unknown state still treats")
    {
        CHECK(is_live(action(ActionState::realisee)));
        CHECK(is_live(action(std::nullopt)));
        CHECK_FALSE(is_live(action(ActionState::abandonnee)));

        Paa paa;
        Action unknown = action(std::nullopt);
        unknown.points_alerte.push_back({"C1", {}});
        Action abandoned = action(ActionState::abandonnee);
        abandoned.points_alerte.push_back({"C2", {}});
        abandoned.situations.push_back({"R1", {}});
        paa.actions = {unknown, abandoned};
        CHECK(treats(paa, &Action::points_alerte, "C1"));
        CHECK_FALSE(treats(paa, &Action::points_alerte, "C2"));
        CHECK_FALSE(treats(paa, &Action::situations, "R1"));
        CHECK_FALSE(treats(paa, &Action::situations, "C1")); // the other list
    }

    TEST_CASE("an alert point is a point-d-alerte result on a named criterion")
    {
        Result r;
        r.critere.value = "C1";
        r.evaluation = Evaluation::point_d_alerte;
        CHECK(is_alert(r));
        r.evaluation = Evaluation::point_fort;
        CHECK_FALSE(is_alert(r));
        r.evaluation = Evaluation::point_d_alerte;
        r.critere.value.clear();
        CHECK_FALSE(is_alert(r));
    }

    TEST_CASE("the candidature for the targeted session is filed on its date, not before, and none without a "
              "target")
    {
        Organisme o;
        Candidature c;
        c.seance.value = d("2026-06-18");
        c.depot.value = d("2026-06-08");
        o.candidatures.push_back(c);
        Pathway p;
        CHECK(filed_for_target(o, p, d("2026-06-10")) == nullptr);
        p.seance_visee = d("2026-06-18");
        CHECK(filed_for_target(o, p, d("2026-06-10")) == &o.candidatures[0]);
        CHECK(filed_for_target(o, p, d("2026-06-08")) == &o.candidatures[0]);
        CHECK(filed_for_target(o, p, d("2026-06-07")) == nullptr);
        o.candidatures[0].depot.value.reset(); // unreadable date: filed all the same
        CHECK(filed_for_target(o, p, d("2026-06-07")) == &o.candidatures[0]);
        p.seance_visee = d("2026-10-15");
        CHECK(filed_for_target(o, p, d("2026-06-10")) == nullptr);
    }
}
