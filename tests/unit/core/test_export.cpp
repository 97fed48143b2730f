// SPDX-License-Identifier: EUPL-1.2
// The flat tables of quali export: stable columns, deterministic order, cells as text.
#include "quali/core/export.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace quali::core;

namespace {

Date d(const char* text)
{
    return *parse_iso_date(text);
}

// A row as column -> cell, to read the checks below by name.
std::map<std::string, std::string> row(const FlatTable& t, std::size_t i)
{
    std::map<std::string, std::string> out;
    REQUIRE(i < t.lignes.size());
    REQUIRE(t.lignes[i].size() == t.colonnes.size());
    for (std::size_t c = 0; c < t.colonnes.size(); ++c)
        out[t.colonnes[c]] = t.lignes[i][c];
    return out;
}

Model sample()
{
    Model m;
    Organisme a;
    a.slug = "alpha";
    a.folder = "organismes/alpha";
    a.nom = "=Alpha Habitat";
    a.siren = "123456782";
    a.famille = "OPH";
    a.logements = 1200;
    a.logements_pos = {5, 12};
    a.engagement.value = d("2025-01-15");
    Paa paa;
    Action late;
    late.id.value = "A01";
    late.titre = "Répondre sous 8 jours";
    late.echeance.value = d("2025-03-31");
    late.etat = ActionState::en_cours;
    late.points_alerte = {{"T1.2", {}}, {"T2.1", {}}};
    late.preuves = {{"preuves/a.pdf", {}}};
    Action done = late;
    done.id.value = "A02";
    done.etat = ActionState::realisee;
    paa.actions = {late, done};
    a.paa = paa;
    Audit au;
    au.file = "organismes/alpha/audits/2025-02-03-diagnostic-hqs.yaml";
    au.type = AuditType::diagnostic;
    au.auditeur.value = "jeanne";
    au.debut.value = d("2025-02-03");
    au.fin.value = d("2025-02-06");
    au.jours = 3.5;
    Result r1;
    r1.critere.value = "T1.1";
    r1.evaluation = Evaluation::point_fort;
    Result r2 = r1;
    r2.evaluation = Evaluation::point_d_alerte;
    au.resultats = {r1, r2, r2};
    a.audits.push_back(au);
    Candidature c;
    c.seance.value = d("2025-11-20");
    c.depot.value = d("2025-11-20");
    c.demande = Request::admissibilite;
    a.candidatures.push_back(c);

    Organisme b;
    b.slug = "beta";
    b.nom = "Beta";
    b.engagement.value = d("2024-01-10");

    m.organismes = {a, b};
    Session held;
    held.date = d("2025-11-20");
    held.held = true;
    Decision dec;
    dec.organisme.value = "alpha";
    dec.kind = DecisionKind::admissible;
    dec.votes = Votes{9, 1, 2, {}};
    dec.conditions = {"Revoir le PAA", "Réunir le CCL"};
    dec.derogation = Derogation{"audit reporté", {d("2026-12-31"), {}}, {}};
    held.decisions.push_back(dec);
    Session later;
    later.date = d("2026-06-18");
    later.held = true;
    Decision dec2;
    dec2.organisme.value = "beta";
    dec2.kind = DecisionKind::admissible;
    later.decisions.push_back(dec2);
    m.sessions = {held, later};
    return m;
}

} // namespace

TEST_SUITE("core::export")
{
    TEST_CASE("table names read back to themselves and unknown names are refused")
    {
        for (ExportTable t : all_export_tables)
            CHECK(parse_export_table(to_string(t)) == t);
        CHECK_FALSE(parse_export_table("organisme"));
        CHECK_FALSE(parse_export_table(""));
    }

    TEST_CASE("days of audit are written with a point and without trailing zeros")
    {
        CHECK(decimal_text(4) == "4");
        CHECK(decimal_text(2.5) == "2.5");
        CHECK(decimal_text(0.25) == "0.25");
        CHECK(decimal_text(0) == "0");
    }

    TEST_CASE("the organismes table: one row per organisme by slug, with its pathway as of the day")
    {
        const Model m = sample();
        const FlatTable t = export_table(m, ExportTable::organismes, d("2026-02-01"));
        CHECK(t.nom == "organismes");
        CHECK(t.colonnes.front() == "organisme");
        REQUIRE(t.lignes.size() == 2);
        const auto alpha = row(t, 0);
        CHECK(alpha.at("organisme") == "alpha");
        CHECK(alpha.at("nom") == "=Alpha Habitat");  // neutralising is the CSV writer's job
        CHECK(alpha.at("logements") == "1200");
        CHECK(alpha.at("engagement") == "2025-01-15");
        CHECK(alpha.at("etat") == "admissible");
        CHECK(alpha.at("depuis") == "2025-11-20");
        CHECK(alpha.at("prochaine_etape") == "labellisation");
        CHECK(alpha.at("echeance") == "2026-12-31");  // the derogation
        CHECK(alpha.at("en_retard") == "non");
        CHECK(alpha.at("annee_cycle").empty());
        const auto beta = row(t, 1);
        CHECK(beta.at("logements").empty());  // not written in organisme.yaml
        CHECK(beta.at("etat") == "engage");
        CHECK(beta.at("echeance") == "2025-01-10");
        CHECK(beta.at("en_retard") == "oui");
    }

    TEST_CASE("the actions table says which open actions are past their deadline")
    {
        const FlatTable t = export_table(sample(), ExportTable::actions, d("2025-04-01"));
        REQUIRE(t.lignes.size() == 2);
        const auto a1 = row(t, 0);
        CHECK(a1.at("organisme") == "alpha");
        CHECK(a1.at("action") == "A01");
        CHECK(a1.at("etat") == "en-cours");
        CHECK(a1.at("points_alerte") == "T1.2 ; T2.1");
        CHECK(a1.at("preuves") == "1");
        CHECK(a1.at("en_retard") == "oui");
        CHECK(row(t, 1).at("en_retard") == "non");  // realisee
        // On its deadline an action is not late yet.
        CHECK(row(export_table(sample(), ExportTable::actions, d("2025-03-31")), 0).at("en_retard") == "non");
    }

    TEST_CASE("the decisions table holds the held sessions up to the day, with votes and filing")
    {
        const FlatTable t = export_table(sample(), ExportTable::decisions, d("2026-01-01"));
        REQUIRE(t.lignes.size() == 1);  // the session of 2026-06-18 is after the day
        const auto r = row(t, 0);
        CHECK(r.at("seance") == "2025-11-20");
        CHECK(r.at("decision") == "admissible");
        CHECK(r.at("pour") == "9");
        CHECK(r.at("contre") == "1");
        CHECK(r.at("abstention") == "2");
        CHECK(r.at("conditions") == "Revoir le PAA ; Réunir le CCL");
        CHECK(r.at("derogation_echeance") == "2026-12-31");
        CHECK(r.at("demande") == "admissibilite");
        CHECK(r.at("depot") == "2025-11-20");
        CHECK(r.at("statut_depot") == "en-retard");
        CHECK(export_table(sample(), ExportTable::decisions, d("2026-06-18")).lignes.size() == 2);
    }

    TEST_CASE("the audits table counts each evaluation and names the file inside the organisme folder")
    {
        const FlatTable t = export_table(sample(), ExportTable::audits, d("2026-01-01"));
        REQUIRE(t.lignes.size() == 1);
        const auto r = row(t, 0);
        CHECK(r.at("audit") == "audits/2025-02-03-diagnostic-hqs.yaml");
        CHECK(r.at("type") == "diagnostic-hqs");
        CHECK(r.at("jours") == "3.5");
        CHECK(r.at("points_forts") == "1");
        CHECK(r.at("points_alerte") == "2");
        CHECK(r.at("conformes") == "0");
        CHECK(r.at("signature").empty());
    }

    TEST_CASE("the deadlines table is the deadline engine's list")
    {
        const FlatTable t = export_table(sample(), ExportTable::echeances, d("2025-04-01"));
        CHECK(t.colonnes == std::vector<std::string>{"date", "type", "organisme", "titre", "description", "statut"});
        REQUIRE_FALSE(t.lignes.empty());
        for (const auto& line : t.lignes)
            CHECK(line.size() == t.colonnes.size());
        const auto first = row(t, 0);
        CHECK(first.at("date") == "2025-01-10");  // beta's admissibility, overdue
        CHECK(first.at("statut") == "en-retard");
    }
}
