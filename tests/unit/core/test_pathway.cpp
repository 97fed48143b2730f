// SPDX-License-Identifier: EUPL-1.2
// The pathway engine against deadlines computed by hand from DOMAIN.md §1 (default rules:
// preparation 12 months, attribution 12, validity 36, verification every 12, window 15 days).
#include "quali/core/pathway.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

std::string show(std::optional<Date> date)
{
    return date ? iso(*date) : "null";
}

// A small repository built in code: one organisme, sessions added in any order.
struct Repo {
    Model model;

    explicit Repo(const char* engagement = "2023-01-10")
    {
        Organisme o;
        o.slug = "org";
        o.nom = "Organisme";
        if (engagement != nullptr) o.engagement.value = d(engagement);
        model.organismes.push_back(o);
    }

    Repo& decide(const char* session, DecisionKind kind, const char* derogation = nullptr,
                 const char* objet = "objet")
    {
        Session* s = find(session);
        s->held = true;
        Decision dec;
        dec.organisme.value = "org";
        dec.kind = kind;
        if (derogation != nullptr) dec.derogation = Derogation{objet, {d(derogation), {}}, {}};
        s->decisions.push_back(dec);
        return *this;
    }

    Repo& plan(const char* session)
    {
        find(session);
        return *this;
    }

    Pathway at(const char* as_of) const { return pathway(model, model.organismes.front(), d(as_of)); }

  private:
    Session* find(const char* date)
    {
        for (Session& s : model.sessions)
            if (s.date == d(date)) return &s;
        Session s;
        s.date = d(date);
        s.file = std::string("comite/seances/") + date + ".yaml";
        model.sessions.push_back(s);
        std::sort(model.sessions.begin(), model.sessions.end(),
                  [](const Session& a, const Session& b) { return a.date < b.date; });
        return find(date);
    }
};

} // namespace

TEST_SUITE("core::pathway")
{
    TEST_CASE("an engaged organisme must be admitted within twelve months of its engagement")
    {
        const Pathway p = Repo("2026-01-15").at("2026-06-10");
        CHECK(p.etat == PathwayState::engage);
        CHECK(p.prochaine_etape == Request::admissibilite);
        CHECK(show(p.echeance) == "2027-01-15");
        CHECK_FALSE(p.en_retard);
        CHECK_FALSE(p.annee_cycle);
        CHECK_FALSE(p.valide_jusqu_au);
        CHECK_FALSE(p.derogation);
        CHECK(p.cle_etape == "admissibilite");
    }

    TEST_CASE("a deadline on a day the target month lacks falls on the month's last day")
    {
        CHECK(show(Repo("2024-02-29").at("2024-06-01").echeance) == "2025-02-28");
    }

    TEST_CASE("without an engagement date the next step has no deadline")
    {
        const Pathway p = Repo(nullptr).at("2026-06-10");
        CHECK(p.etat == PathwayState::engage);
        CHECK(p.prochaine_etape == Request::admissibilite);
        CHECK_FALSE(p.echeance);
        CHECK_FALSE(p.en_retard);
    }

    TEST_CASE("an organisme past its deadline is late only the day after")
    {
        Repo r("2025-03-10");
        CHECK_FALSE(r.at("2026-03-10").en_retard);
        CHECK(r.at("2026-03-11").en_retard);
    }

    TEST_CASE("an admissible organisme must be labelled within twelve months and is late after")
    {
        Repo r;
        r.decide("2024-11-21", DecisionKind::admissible).plan("2026-06-18");
        const Pathway p = r.at("2026-01-10");
        CHECK(p.etat == PathwayState::admissible);
        CHECK(show(p.depuis) == "2024-11-21");
        CHECK(p.prochaine_etape == Request::labellisation);
        CHECK(show(p.echeance) == "2025-11-21");
        CHECK(p.en_retard);
        // No planned session before the deadline: the first planned one.
        CHECK(show(p.seance_visee) == "2026-06-18");
        REQUIRE(p.fenetre_depot);
        CHECK(iso(p.fenetre_depot->opens) == "2026-06-03");
        CHECK(iso(p.fenetre_depot->closes) == "2026-06-17");
    }

    TEST_CASE("a label is valid 36 months minus a day and its cycle years start on anniversaries")
    {
        Repo r;
        r.decide("2023-06-15", DecisionKind::admissible).decide("2023-11-16", DecisionKind::labellise);
        CHECK(show(r.at("2023-11-16").valide_jusqu_au) == "2026-11-15");
        CHECK(r.at("2023-11-16").annee_cycle == 1);
        CHECK(r.at("2024-11-15").annee_cycle == 1);
        CHECK(r.at("2024-11-16").annee_cycle == 2);
        CHECK(r.at("2025-11-15").annee_cycle == 2);
        CHECK(r.at("2025-11-16").annee_cycle == 3);
        CHECK(r.at("2026-11-15").annee_cycle == 3);
    }

    TEST_CASE("maintiens are due at 12 and 24 months, then the renewal before the end of validity")
    {
        Repo r;
        r.decide("2023-11-16", DecisionKind::labellise);
        Pathway p = r.at("2024-01-01");
        CHECK(p.prochaine_etape == Request::maintien);
        CHECK(show(p.echeance) == "2024-11-16");
        CHECK(p.cle_etape == "maintien-1.1");

        r.decide("2024-11-14", DecisionKind::maintenu);
        p = r.at("2025-01-01");
        CHECK(p.prochaine_etape == Request::maintien);
        CHECK(show(p.echeance) == "2025-11-16");
        CHECK(p.cle_etape == "maintien-1.2");

        r.decide("2025-11-13", DecisionKind::maintenu);
        p = r.at("2026-01-01");
        CHECK(p.prochaine_etape == Request::renouvellement);
        CHECK(show(p.echeance) == "2026-11-15");
        CHECK(p.cle_etape == "renouvellement-1");
        CHECK(p.etat == PathwayState::labellise);
    }

    TEST_CASE("a label without renewal expires the day after its last day of validity")
    {
        Repo r;
        r.decide("2022-06-16", DecisionKind::labellise)
            .decide("2023-06-15", DecisionKind::maintenu)
            .decide("2024-06-13", DecisionKind::maintenu);
        CHECK(r.at("2025-06-15").etat == PathwayState::labellise);
        const Pathway p = r.at("2025-06-16");
        CHECK(p.etat == PathwayState::expire);
        CHECK(show(p.valide_jusqu_au) == "2025-06-15");
        CHECK_FALSE(p.annee_cycle);
        CHECK_FALSE(p.prochaine_etape);
        CHECK_FALSE(p.echeance);
        CHECK_FALSE(p.en_retard);
        CHECK_FALSE(p.seance_visee);
    }

    TEST_CASE("a renewal starts a new three-year cycle from its decision")
    {
        Repo r;
        r.decide("2023-11-16", DecisionKind::labellise)
            .decide("2024-11-21", DecisionKind::maintenu)
            .decide("2025-11-20", DecisionKind::maintenu)
            .decide("2026-06-18", DecisionKind::renouvele);
        const Pathway p = r.at("2026-12-01");
        CHECK(p.etat == PathwayState::labellise);
        CHECK(p.annee_cycle == 1);
        CHECK(show(p.valide_jusqu_au) == "2029-06-17");
        CHECK(p.prochaine_etape == Request::maintien);
        CHECK(show(p.echeance) == "2027-06-18");
        CHECK(p.cle_etape == "maintien-2.1");
    }

    TEST_CASE("a derogation replaces the next deadline and names the session that granted it")
    {
        Repo r;
        r.decide("2023-06-15", DecisionKind::admissible, "2024-06-30", "passage au comité de juin 2024");
        const Pathway p = r.at("2024-06-20");
        CHECK(show(p.echeance) == "2024-06-30"); // instead of 2024-06-15
        CHECK_FALSE(p.en_retard);
        REQUIRE(p.derogation);
        CHECK(iso(p.derogation->echeance) == "2024-06-30");
        CHECK(p.derogation->objet == "passage au comité de juin 2024");
        CHECK(iso(p.derogation->seance) == "2023-06-15");
    }

    TEST_CASE("the next granting decision ends a derogation")
    {
        Repo r;
        r.decide("2023-06-15", DecisionKind::admissible, "2024-06-30")
            .decide("2024-06-20", DecisionKind::labellise);
        const Pathway p = r.at("2024-07-01");
        CHECK_FALSE(p.derogation);
        CHECK(show(p.echeance) == "2025-06-20");
    }

    TEST_CASE("a derogation on a maintien moves the deadline but not the end of validity")
    {
        Repo r;
        r.decide("2024-06-20", DecisionKind::labellise)
            .decide("2025-06-19", DecisionKind::maintenu, "2026-09-30", "audit de vérification reporté");
        const Pathway p = r.at("2026-06-10");
        CHECK(p.etat == PathwayState::labellise);
        CHECK(p.annee_cycle == 2);
        CHECK(show(p.valide_jusqu_au) == "2027-06-19");
        CHECK(p.prochaine_etape == Request::maintien);
        CHECK(show(p.echeance) == "2026-09-30"); // instead of 2026-06-20
        REQUIRE(p.derogation);
        CHECK(iso(p.derogation->seance) == "2025-06-19");
    }

    TEST_CASE("an adjournment keeps the step, its deadline and any derogation")
    {
        Repo r;
        r.decide("2024-11-21", DecisionKind::admissible).decide("2025-06-19", DecisionKind::ajourne);
        Pathway p = r.at("2025-07-01");
        CHECK(p.etat == PathwayState::admissible);
        CHECK(p.prochaine_etape == Request::labellisation);
        CHECK(show(p.echeance) == "2025-11-21");

        r.decide("2025-11-20", DecisionKind::suivi, "2026-06-30");
        r.decide("2026-01-15", DecisionKind::ajourne);
        p = r.at("2026-02-01");
        CHECK(show(p.echeance) == "2026-06-30");
        REQUIRE(p.derogation);
        CHECK(iso(p.derogation->seance) == "2025-11-20");
    }

    TEST_CASE("a refusal leaves the same step to request again, without a deadline")
    {
        Repo r;
        r.decide("2024-11-21", DecisionKind::admissible).decide("2025-06-19", DecisionKind::refuse);
        const Pathway p = r.at("2026-06-10");
        CHECK(p.etat == PathwayState::refuse);
        CHECK(p.prochaine_etape == Request::labellisation);
        CHECK_FALSE(p.echeance);
        CHECK_FALSE(p.en_retard);
        CHECK_FALSE(p.valide_jusqu_au);
        CHECK(p.cle_etape == "labellisation");
    }

    TEST_CASE("a withdrawal ends the label at once and leaves no next step")
    {
        Repo r;
        r.plan("2026-06-18");
        r.decide("2024-06-20", DecisionKind::labellise).decide("2025-06-19", DecisionKind::retire);
        const Pathway p = r.at("2026-06-10");
        CHECK(p.etat == PathwayState::retire);
        CHECK(show(p.depuis) == "2025-06-19");
        CHECK_FALSE(p.valide_jusqu_au);
        CHECK_FALSE(p.annee_cycle);
        CHECK_FALSE(p.prochaine_etape);
        CHECK_FALSE(p.seance_visee);
        CHECK_FALSE(p.fenetre_depot);
    }

    TEST_CASE("an engagement dated after a withdrawal starts a new pathway")
    {
        Repo r("2025-09-01");
        r.decide("2023-06-15", DecisionKind::admissible)
            .decide("2024-06-20", DecisionKind::labellise)
            .decide("2025-06-19", DecisionKind::retire);
        const Pathway p = r.at("2026-01-01");
        CHECK(p.etat == PathwayState::engage);
        CHECK(show(p.echeance) == "2026-09-01");
    }

    TEST_CASE("an expired label with a renewal derogation still running waits for the renewal")
    {
        Repo r;
        r.decide("2022-06-16", DecisionKind::labellise)
            .decide("2023-06-15", DecisionKind::maintenu)
            .decide("2024-06-13", DecisionKind::maintenu, "2025-07-10",
                    "renouvellement au comité de juillet");
        Pathway p = r.at("2025-07-01");
        CHECK(p.etat == PathwayState::expire);
        CHECK(show(p.valide_jusqu_au) == "2025-06-15");
        CHECK(p.prochaine_etape == Request::renouvellement);
        CHECK(show(p.echeance) == "2025-07-10");
        CHECK(p.derogation);
        p = r.at("2025-07-11");
        CHECK(p.etat == PathwayState::expire);
        CHECK_FALSE(p.prochaine_etape);
        CHECK_FALSE(p.derogation);
    }

    TEST_CASE("only sessions held by the reference date count")
    {
        Repo r;
        r.decide("2024-11-21", DecisionKind::admissible).decide("2025-11-20", DecisionKind::labellise);
        const Pathway before = r.at("2025-11-19");
        CHECK(before.etat == PathwayState::admissible);
        CHECK(show(before.seance_visee) == "2025-11-20"); // still ahead on that day
        CHECK(r.at("2025-11-20").etat == PathwayState::labellise);
    }

    TEST_CASE("the target session is the latest planned one that is not late, else the first")
    {
        Repo r;
        r.decide("2025-11-20", DecisionKind::admissible)
            .plan("2026-06-18")
            .plan("2026-11-19")
            .plan("2027-06-17");
        CHECK(show(r.at("2026-06-10").seance_visee) == "2026-11-19"); // deadline 2026-11-20
        Repo late;
        late.decide("2024-11-21", DecisionKind::admissible).plan("2026-06-18").plan("2026-11-19");
        CHECK(show(late.at("2026-06-10").seance_visee) == "2026-06-18");
        CHECK(show(late.at("2026-06-19").seance_visee) == "2026-11-19");
    }

    TEST_CASE("a session on the reference day without decisions is still the one to aim for")
    {
        Repo r("2026-01-15");
        r.plan("2026-06-18");
        CHECK(show(r.at("2026-06-18").seance_visee) == "2026-06-18");
        CHECK_FALSE(r.at("2026-06-19").seance_visee);
    }

    TEST_CASE("a working-day window skips weekends and the holidays of May")
    {
        Repo r("2026-01-15");
        r.model.rules.decompte = Counting::working;
        r.plan("2026-05-15"); // Friday after Ascension (14 May); 1 and 8 May are Fridays
        const Pathway p = r.at("2026-03-01");
        REQUIRE(p.fenetre_depot);
        CHECK(iso(p.fenetre_depot->opens) == "2026-04-21");
        CHECK(iso(p.fenetre_depot->closes) == "2026-05-13"); // the last working day before the session
    }

    TEST_CASE("the rules of quali.yaml drive every duration")
    {
        Repo r("2026-01-15");
        r.model.rules.preparation_mois = 18;
        r.model.rules.fenetre_depot_jours = 10;
        r.plan("2026-06-18");
        const Pathway p = r.at("2026-02-01");
        CHECK(show(p.echeance) == "2027-07-15");
        REQUIRE(p.fenetre_depot);
        CHECK(iso(p.fenetre_depot->opens) == "2026-06-08");

        Repo l;
        l.model.rules.validite_label_mois = 48;
        l.decide("2024-01-10", DecisionKind::labellise);
        CHECK(show(l.at("2024-02-01").valide_jusqu_au) == "2028-01-09");
        CHECK(l.at("2027-01-10").annee_cycle == 4);
    }

    TEST_CASE("another organisme's decisions do not move this one")
    {
        Repo r("2026-01-15");
        r.decide("2026-03-01", DecisionKind::admissible);
        r.model.sessions.front().decisions.front().organisme.value = "autre";
        CHECK(r.at("2026-06-10").etat == PathwayState::engage);
    }
}
