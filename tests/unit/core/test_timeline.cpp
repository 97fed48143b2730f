// SPDX-License-Identifier: EUPL-1.2
// The timeline of an organisme (quali site): one list by date from every dated fact.
#include "quali/core/timeline.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

} // namespace

TEST_SUITE("core::timeline")
{
    TEST_CASE("the engagement, audits, decisions, concertation, candidatures and visas come sorted by date")
    {
        Model m;
        Organisme o;
        o.slug = "alpha";
        o.file = "organismes/alpha/organisme.yaml";
        o.engagement.value = d("2023-01-10");
        Audit a;
        a.file = "organismes/alpha/audits/2023-05-02-verification.yaml";
        a.type = AuditType::verification;
        a.debut.value = d("2023-05-02");
        o.audits.push_back(a);
        Concertation c;
        c.file = "organismes/alpha/concertation.yaml";
        Event e;
        e.date.value = d("2023-03-01");
        e.etape = Step::diagnostic;
        e.objet = "Réunion du CCL";
        c.evenements.push_back(e);
        Event undated;
        undated.objet = "sans date";
        c.evenements.push_back(undated);
        o.concertation = c;
        Candidature k;
        k.file = "organismes/alpha/candidatures/2023-06-15.yaml";
        k.depot.value = d("2023-06-01");
        k.seance.value = d("2023-06-15");
        k.demande = Request::admissibilite;
        o.candidatures.push_back(k);
        Visa v;
        v.file = "organismes/alpha/visas/2023-06-15.yaml";
        v.date.value = "2023-06-02";
        o.visas.push_back(v);
        Session s;
        s.file = "comite/seances/2023-06-15.yaml";
        s.date = d("2023-06-15");
        Decision yes, other;
        yes.organisme.value = "alpha";
        yes.kind = DecisionKind::admissible;
        other.organisme.value = "beta";
        other.kind = DecisionKind::refuse;
        s.decisions = {yes, other};
        m.sessions.push_back(s);

        const std::vector<TimelineEntry> t = timeline(m, o, Lang::fr);
        REQUIRE(t.size() == 6);
        CHECK(t[0].kind == TimelineKind::engagement);
        CHECK(t[1].kind == TimelineKind::concertation);
        CHECK(t[1].texte == "Concertation, Diagnostic HQS® : Réunion du CCL");
        CHECK(t[2].kind == TimelineKind::audit);
        CHECK(t[2].texte == "Audit de vérification");
        CHECK(t[3].kind == TimelineKind::candidature);
        CHECK(t[3].texte == "Candidature déposée (admissibilité) pour la séance du 15 juin 2023");
        CHECK(t[4].kind == TimelineKind::visa);
        CHECK(t[5].kind == TimelineKind::decision);
        CHECK(t[5].texte == "Décision du comité : admissible");
        CHECK(t[5].fichier == "comite/seances/2023-06-15.yaml");
        for (std::size_t i = 1; i < t.size(); ++i)
            CHECK(t[i - 1].date <= t[i].date);
    }

    TEST_CASE("an organisme without dated facts has an empty timeline")
    {
        const Model m;
        Organisme o;
        o.slug = "vide";
        CHECK(timeline(m, o, Lang::en).empty());
    }
}
