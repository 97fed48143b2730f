// SPDX-License-Identifier: EUPL-1.2
// The committee's record of a held session (core/session_record.hpp): who sat, the quorum
// against the rule, the chair, each decision with the référent's proposal and its next step,
// the auditor approvals decided there; on small models built in code (DOMAIN.md §5.5).
#include "quali/core/session_record.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

std::vector<Text> ids(std::initializer_list<const char*> list)
{
    std::vector<Text> out;
    for (const char* s : list)
        out.push_back({s, {}});
    return out;
}

// Four seats: the président's, the vice-président's and two others.
Committee committee()
{
    Committee c;
    c.file = "comite/membres.yaml";
    const auto seat = [](const char* id, const char* role, const char* titulaire, const char* suppleant) {
        Seat s;
        s.id = id;
        s.libelle = std::string("Siège ") + id;
        s.titulaire = {titulaire, role, "Organisation " + std::string(id)};
        s.suppleant = {suppleant, "", "Organisation " + std::string(id)};
        return s;
    };
    c.sieges = {seat("ush", "president", "Bernard Lemaire", "Nadia Benali"),
                seat("oph", "vice-president", "Catherine Vidal", "Olivier Marchand"),
                seat("cdc", "", "Marie Chevalier", "Karim Haddad"),
                seat("cnl", "", "Gérard Aubert", "Fatima Ouali")};
    return c;
}

// A repository with one organisme admitted at the session of 2025-11-20 and two auditors.
Model model()
{
    Model m;
    m.committee = committee();
    Organisme o;
    o.slug = "habitat-loire";
    o.nom = "Habitat Loire";
    o.folder = "organismes/habitat-loire";
    o.engagement.value = d("2025-01-15");
    Candidature c;
    c.file = o.folder + "/candidatures/2025-11-20.yaml";
    c.seance.value = d("2025-11-20");
    c.demande = Request::admissibilite;
    c.depot.value = d("2025-11-10");
    o.candidatures.push_back(c);
    m.organismes.push_back(o);

    Session s;
    s.file = "comite/seances/2025-11-20.yaml";
    s.date = d("2025-11-20");
    s.lieu = "Paris";
    s.presents = ids({"ush", "oph", "cdc"});
    s.held = true;
    Decision dec;
    dec.organisme = {"habitat-loire", {}};
    dec.kind = DecisionKind::admissible;
    dec.votes = Votes{3, 0, 0, {}};
    s.decisions.push_back(dec);
    Decision unknown = dec;
    unknown.organisme = {"habitat-loir", {}};
    s.decisions.push_back(unknown);
    s.propositions.push_back({{"habitat-loire", {}}, DecisionKind::ajourne, {}, "PAA à revoir.", {}});
    m.sessions.push_back(s);

    Auditor a;
    a.id = "jeanne-durand";
    a.nom = "Jeanne Durand";
    a.cabinet = "Cabinet Qualité";
    a.agrements.push_back({{d("2025-11-20"), {}}, {d("2028-11-19"), {}}, d("2025-11-20"), {}});
    a.agrements.push_back({{d("2022-01-01"), {}}, {d("2025-11-19"), {}}, d("2021-12-16"), {}});
    m.auditors.push_back(a);
    Auditor b = a;
    b.id = "paul-lefevre";
    b.agrements = {{{d("2025-06-19"), {}}, {d("2028-06-18"), {}}, d("2025-06-19"), {}}};
    m.auditors.push_back(b);
    m.index();
    return m;
}

} // namespace

TEST_SUITE("core::session_record")
{
    TEST_CASE("the quorum is strictly more than the rule's share of the seats, each seat once")
    {
        const Committee c = committee();
        Session s;
        s.presents = ids({"ush", "oph"});
        Quorum q = quorum(c, s, 0.5);
        CHECK(q.sieges_presents == 2);
        CHECK(q.sieges == 4);
        CHECK_FALSE(q.atteint); // 2 of 4 is not more than half
        s.presents = ids({"ush", "oph", "oph", "cdc"});
        q = quorum(c, s, 0.5);
        CHECK(q.sieges_presents == 3);
        CHECK(q.atteint);
        CHECK_FALSE(quorum(c, s, 0.75).atteint);
        CHECK_FALSE(quorum(Committee{}, s, 0.5).atteint); // no seats: never reached
    }

    TEST_CASE("the président chairs when he sits, else the vice-président; a suppléant brings no role")
    {
        const Committee c = committee();
        Session s;
        s.presents = ids({"ush", "oph", "cdc"});
        REQUIRE(chair(c, s) != nullptr);
        CHECK(chair(c, s)->id == "ush");
        s.suppleants = ids({"ush"});
        REQUIRE(chair(c, s) != nullptr);
        CHECK(chair(c, s)->id == "oph");
        s.suppleants = ids({"ush", "oph"});
        CHECK(chair(c, s) == nullptr);
        s.suppleants = {};
        s.presents = ids({"cdc", "cnl"});
        CHECK(chair(c, s) == nullptr);
    }

    TEST_CASE("the record names who sat for each seat, titulaire or suppléant")
    {
        Model m = model();
        m.sessions[0].suppleants = ids({"cdc"});
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        REQUIRE(r.composition_connue);
        REQUIRE(r.sieges.size() == 4);
        CHECK(r.sieges[0].present);
        CHECK_FALSE(r.sieges[0].suppleant);
        CHECK(r.sieges[2].present);
        CHECK(r.sieges[2].suppleant);
        CHECK_FALSE(r.sieges[3].present);
        CHECK(r.quorum.sieges_presents == 3);
        CHECK(r.quorum.atteint);
        REQUIRE(r.presidence != nullptr);
        CHECK(r.presidence->titulaire.nom == "Bernard Lemaire");
        CHECK(r.inconnus.empty());
    }

    TEST_CASE("ids of presents that are no seat are named once, and count for the quorum as the rule counts")
    {
        Model m = model();
        m.sessions[0].presents = ids({"ush", "locataires-cln", "locataires-cln"});
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        CHECK(r.inconnus == std::vector<std::string>{"locataires-cln"});
        CHECK(r.quorum.sieges_presents == 2);
        CHECK_FALSE(r.quorum.atteint);
    }

    TEST_CASE("each decision carries the référent's proposal, which it may differ from, and its next step")
    {
        const Model m = model();
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        REQUIRE(r.decisions.size() == 2);
        const RecordedDecision& first = r.decisions[0];
        REQUIRE(first.proposition != nullptr);
        CHECK(first.proposition->avis == "PAA à revoir.");
        CHECK_FALSE(first.follows_proposal());
        REQUIRE(first.suite.has_value());
        CHECK(first.suite->demande == Request::admissibilite);
        CHECK(first.suite->calcul == d("2025-11-21"));
        CHECK(first.suite->suite.prochaine_etape == Request::labellisation);
        CHECK(first.suite->suite.echeance == d("2026-11-20"));
        // A decision about an unknown organisme stays in the record, without a next step.
        CHECK(r.decisions[1].proposition == nullptr);
        CHECK_FALSE(r.decisions[1].suite.has_value());
    }

    TEST_CASE("a decision that follows the proposal says so")
    {
        Model m = model();
        m.sessions[0].propositions[0].kind = DecisionKind::admissible;
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        CHECK(r.decisions[0].follows_proposal());
    }

    TEST_CASE("the auditor approvals are those decided at that session")
    {
        const Model m = model();
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        REQUIRE(r.agrements.size() == 1);
        CHECK(r.agrements[0].auditeur->id == "jeanne-durand");
        CHECK(r.agrements[0].agrement->fin.value == d("2028-11-19"));
    }

    TEST_CASE("without comite/membres.yaml the composition is unknown and nobody chairs")
    {
        Model m = model();
        m.committee.reset();
        const SessionRecord r = build_session_record(m, m.sessions[0], d("2025-11-20"));
        CHECK_FALSE(r.composition_connue);
        CHECK(r.sieges.empty());
        CHECK(r.presidence == nullptr);
        CHECK(r.decisions.size() == 2);
    }

    TEST_CASE("the first proposal on an organisme is the one the papers show")
    {
        Session s;
        s.propositions.push_back({{"a", {}}, DecisionKind::admissible, {}, "premier", {}});
        s.propositions.push_back({{"a", {}}, DecisionKind::refuse, {}, "second", {}});
        REQUIRE(proposal_for(s, "a") != nullptr);
        CHECK(proposal_for(s, "a")->avis == "premier");
        CHECK(proposal_for(s, "b") == nullptr);
    }
}
