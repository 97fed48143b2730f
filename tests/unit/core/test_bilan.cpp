// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan's figures against counts made by hand on a small repository built in code
// (docs/bilan.md gives each definition; default rules: 15-day window, validity 36 months).
#include "quali/core/bilan.hpp"
#include "quali/core/observatory.hpp"

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

struct Repo {
    Model model;

    Organisme& add(const char* slug, const char* engagement, int logements = 0)
    {
        Organisme o;
        o.slug = slug;
        o.nom = std::string("Organisme ") + slug;
        o.folder = std::string("organismes/") + slug;
        if (engagement != nullptr) o.engagement.value = d(engagement);
        o.logements = logements;
        model.organismes.push_back(o);
        return model.organismes.back();
    }

    Organisme& org(const char* slug)
    {
        for (Organisme& o : model.organismes)
            if (o.slug == slug) return o;
        FAIL("no organisme " << slug);
        return model.organismes.front();
    }

    Decision& decide(const char* session, const char* slug, DecisionKind kind)
    {
        Session& s = find(session);
        s.held = true;
        Decision dec;
        dec.organisme.value = slug;
        dec.kind = kind;
        s.decisions.push_back(dec);
        return s.decisions.back();
    }

    void file(const char* slug, const char* session, const char* depot)
    {
        Candidature c;
        c.seance.value = d(session);
        if (depot != nullptr) c.depot.value = d(depot);
        org(slug).candidatures.push_back(c);
    }

    void plan(const char* session) { find(session); }

    Session& find(const char* date)
    {
        for (Session& s : model.sessions)
            if (s.date == d(date)) return s;
        Session s;
        s.date = d(date);
        s.file = std::string("comite/seances/") + date + ".yaml";
        model.sessions.push_back(s);
        std::sort(model.sessions.begin(), model.sessions.end(),
                  [](const Session& a, const Session& b) { return a.date < b.date; });
        return find(date);
    }
};

Audit audit(const char* start, AuditType type, const char* auditor, double days,
            std::vector<std::pair<const char*, Evaluation>> results)
{
    Audit a;
    a.debut.value = d(start);
    a.type = type;
    a.auditeur.value = auditor;
    a.jours = days;
    for (const auto& [criterion, evaluation] : results) {
        Result r;
        r.critere.value = criterion;
        r.evaluation = evaluation;
        r.constat = std::string("constat ") + criterion;
        a.resultats.push_back(r);
    }
    return a;
}

Action action(const char* id, const char* due, ActionState state)
{
    Action a;
    a.id.value = id;
    a.titre = std::string("action ") + id;
    a.echeance.value = d(due);
    a.etat = state;
    return a;
}

Event event(const char* date, Step step, Nature nature)
{
    Event e;
    e.date.value = d(date);
    e.etape = step;
    e.nature = nature;
    return e;
}

Approval approval(const char* from, const char* to)
{
    Approval a;
    a.debut.value = d(from);
    a.fin.value = d(to);
    return a;
}

// The repository of the hand count (tests/data/bilan/LISEZMOI.md tells a similar story in files).
Repo sample()
{
    Repo r;
    using enum DecisionKind;
    r.add("a", "2024-01-10", 500);
    r.add("b", "2023-02-01", 1000);
    r.add("c", "2021-01-01", 700);
    r.add("d", "2021-01-01", 2000);
    r.add("e", "2022-12-01", 300);
    r.add("f", "2025-04-01", 400);
    r.add("g", "2026-02-01", 900);
    r.add("h", "2024-09-01", 100);

    Theme t1{"T1", "Accueil", {{"T1.1", "Accueil physique", "T1", {}}, {"T1.2", "Courriers", "T1", {}}}, {}};
    Theme t2{"T2", "Réclamations", {{"T2.1", "Traçabilité", "T2", {}}}, {}};
    Theme t3{"T3", "Propreté", {{"T3.1", "Halls", "T3", {}}}, {}};
    r.model.framework.themes = {t1, t2, t3};

    // c: labelled 2022-06-16, maintained twice, never renewed: valid until 2025-06-15.
    r.decide("2021-06-17", "c", admissible);
    r.decide("2022-06-16", "c", labellise);
    r.decide("2023-06-15", "c", maintenu);
    r.decide("2024-06-13", "c", maintenu);
    // d: labelled 2022-11-17, renewed 2025-10-16 (filed on the session day: late).
    r.decide("2021-11-18", "d", admissible);
    r.decide("2022-11-17", "d", labellise);
    r.decide("2023-11-16", "d", maintenu);
    r.decide("2024-11-21", "d", maintenu);
    r.decide("2025-10-16", "d", renouvele);
    r.file("d", "2025-10-16", "2025-10-16");
    // b: admissible 2024-02-15, labelled 2025-03-20 (filed early), follow-up 2025-10-16.
    r.decide("2024-02-15", "b", admissible);
    r.decide("2025-03-20", "b", labellise);
    r.file("b", "2025-03-20", "2025-03-01");
    Decision& follow_up = r.decide("2025-10-16", "b", suivi);
    follow_up.derogation = Derogation{"audit reporté", {d("2026-03-31"), {}}, {}};
    r.file("b", "2025-10-16", "2025-10-01");
    // e: labelled 2024-02-15, withdrawn by the committee 2025-10-16 without a candidature.
    r.decide("2023-02-16", "e", admissible);
    r.decide("2024-02-15", "e", labellise);
    r.decide("2025-10-16", "e", retire);
    // a: admissible 2025-03-20 (on time); h: refused 2025-10-16 (on time).
    r.decide("2025-03-20", "a", admissible);
    r.file("a", "2025-03-20", "2025-03-10");
    r.decide("2025-10-16", "h", refuse);
    r.file("h", "2025-10-16", "2025-10-06");
    r.plan("2026-03-19");

    r.org("a").audits.push_back(audit("2024-05-01", AuditType::diagnostic, "jd", 3, {{"T1.1", Evaluation::point_d_alerte}}));
    r.org("b").audits.push_back(audit("2025-01-20", AuditType::verification, "jd", 2,
                                      {{"T1.1", Evaluation::point_fort},
                                       {"T1.2", Evaluation::point_d_alerte},
                                       {"T2.1", Evaluation::conforme}}));
    r.org("d").audits.push_back(audit("2025-09-01", AuditType::renouvellement, "jd", 4.5,
                                      {{"T1.1", Evaluation::point_d_alerte},
                                       {"T2.1", Evaluation::point_d_alerte},
                                       {"T3.1", Evaluation::point_fort},
                                       {"T9.9", Evaluation::conforme}}));

    Paa paa;
    paa.actions = {action("A1", "2025-03-31", ActionState::realisee), action("A2", "2025-06-30", ActionState::en_cours),
                   action("A3", "2025-12-31", ActionState::prevue), action("A4", "2025-05-01", ActionState::abandonnee),
                   action("A5", "2026-01-15", ActionState::prevue), action("A6", "2024-12-31", ActionState::en_cours)};
    r.org("a").paa = paa;

    Concertation ca;
    ca.evenements = {event("2024-12-01", Step::paa, Nature::association),
                     event("2025-02-01", Step::candidature, Nature::information),
                     event("2025-06-01", Step::paa, Nature::association)};
    r.org("a").concertation = ca;
    Concertation cb;
    cb.evenements = {event("2025-01-10", Step::verification, Nature::information)};
    r.org("b").concertation = cb;

    Auditor jd;
    jd.id = "jd";
    jd.nom = "Jeanne D.";
    jd.statut = AuditorStatus::actif;
    jd.agrements = {approval("2020-01-01", "2022-12-31"), approval("2023-01-01", "2026-03-31")};
    Auditor mb;
    mb.id = "mb";
    mb.statut = AuditorStatus::retire;
    mb.agrements = {approval("2023-06-01", "2026-05-31")};
    Auditor sm;
    sm.id = "sm";
    sm.statut = AuditorStatus::actif;
    sm.agrements = {approval("2025-05-01", "2028-04-30")};
    r.model.auditors = {jd, mb, sm};
    return r;
}

ValidationCounts sample_validation()
{
    return {{"a", {2, 1}}, {"b", {0, 3}}, {"c", {0, 0}}};
}

} // namespace

TEST_SUITE("core::bilan")
{
    TEST_CASE("a median is the middle value, or the mean of the two middle ones; quartiles from four values")
    {
        CHECK(duration_stats({}).nombre == 0);
        CHECK_FALSE(duration_stats({}).mediane);
        const DurationStats one = duration_stats({7});
        CHECK(one.mediane == 7.0);
        CHECK(one.min == 7);
        CHECK(one.max == 7);
        CHECK_FALSE(one.q1);
        CHECK(duration_stats({10, 4}).mediane == 7.0);
        CHECK(duration_stats({3, 1, 2}).mediane == 2.0);
        CHECK_FALSE(duration_stats({3, 1, 2}).q1);
        const DurationStats four = duration_stats({4, 1, 3, 2});
        CHECK(four.mediane == 2.5);
        CHECK(four.q1 == 1.5);
        CHECK(four.q3 == 3.5);
        // Odd count: the middle value belongs to neither half.
        const DurationStats five = duration_stats({5, 1, 4, 2, 3});
        CHECK(five.mediane == 3.0);
        CHECK(five.q1 == 1.5);
        CHECK(five.q3 == 4.5);
        CHECK(five.min == 1);
        CHECK(five.max == 5);
    }

    TEST_CASE("organismes are counted by their state on the last day of the year")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), sample_validation());
        CHECK(iso(b.debut) == "2025-01-01");
        CHECK(iso(b.fin) == "2025-12-31");
        CHECK(b.complete);
        CHECK(b.organismes.size() == 7);  // g engaged in 2026 is not counted
        CHECK(b.pas_encore_engages == 1);
        CHECK(b.count(PathwayState::engage) == 1);      // f
        CHECK(b.count(PathwayState::admissible) == 1);  // a
        CHECK(b.count(PathwayState::labellise) == 2);   // b, d
        CHECK(b.count(PathwayState::expire) == 1);      // c
        CHECK(b.count(PathwayState::retire) == 1);      // e
        CHECK(b.count(PathwayState::refuse) == 1);      // h
        CHECK(b.logements_label_valide == 3000);        // b 1000 + d 2000
        CHECK(b.entonnoir.engages == 7);
        CHECK(b.entonnoir.admissibles == 5);  // a b c d e
        CHECK(b.entonnoir.labellises == 4);   // b c d e
        CHECK(b.entonnoir.label_valide == 2);
    }

    TEST_CASE("movements are the year's engagements, granting decisions, withdrawals and expiries")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.count(Movement::engagement) == 1);  // f
        CHECK(b.count(Movement::admissibilite) == 1);
        CHECK(b.count(Movement::labellisation) == 1);
        CHECK(b.count(Movement::maintien) == 0);
        CHECK(b.count(Movement::renouvellement) == 1);
        CHECK(b.count(Movement::retrait) == 1);
        CHECK(b.count(Movement::expiration) == 1);
        // c's label was valid until 2025-06-15: it expired on 2025-06-16.
        const auto expiry = std::find_if(b.chronologie.begin(), b.chronologie.end(),
                                         [](const MovementEvent& e) { return e.type == Movement::expiration; });
        REQUIRE(expiry != b.chronologie.end());
        CHECK(expiry->organisme == "c");
        CHECK(iso(expiry->date) == "2025-06-16");
        CHECK(b.chronologie.size() == 6);
        CHECK(iso(b.chronologie.front().date) == "2025-03-20");
        CHECK(iso(b.chronologie.back().date) == "2025-10-16");
    }

    TEST_CASE("a label renewed before its last day does not expire, one renewed in the next year does")
    {
        Repo r = sample();
        // In 2022 nothing expires; in 2025 only c (d was renewed on 2025-10-16, before 2025-11-16).
        CHECK(compute_bilan(r.model, 2022, d("2022-12-31"), {}).count(Movement::expiration) == 0);
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.count(Movement::expiration) == 1);
    }

    TEST_CASE("the committee: held sessions, dossiers examined, decisions by type, filings")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        REQUIRE(b.seances.size() == 2);
        CHECK(iso(b.seances[0].date) == "2025-03-20");
        CHECK(b.seances[0].decisions == 2);
        CHECK(b.seances[0].dossiers == 2);
        CHECK(b.seances[1].decisions == 4);
        CHECK(b.seances[1].dossiers == 3);  // e's withdrawal had no candidature
        CHECK(b.dossiers_examines == 5);
        CHECK(b.decisions_total() == 6);
        CHECK(b.count(DecisionKind::admissible) == 1);
        CHECK(b.count(DecisionKind::labellise) == 1);
        CHECK(b.count(DecisionKind::renouvele) == 1);
        CHECK(b.count(DecisionKind::retire) == 1);
        CHECK(b.count(DecisionKind::refuse) == 1);
        CHECK(b.count(DecisionKind::suivi) == 1);
        CHECK(b.count(DecisionKind::maintenu) == 0);
        CHECK(b.derogations == 1);
        CHECK(b.seances_prevues.empty());

        CHECK(b.depots.deposes == 5);
        CHECK(b.depots.a_l_heure == 3);  // a, h, and b for 2025-10-16 (filed the day the window opens)
        CHECK(b.depots.en_retard == 1);  // d, on the session day
        CHECK(b.depots.anticipes == 1);  // b, 2025-03-01 before 2025-03-05
        REQUIRE(b.depots.hors_fenetre.size() == 2);
        CHECK(b.depots.hors_fenetre[0].organisme == "b");
        CHECK_FALSE(b.depots.hors_fenetre[0].en_retard);
        CHECK(b.depots.hors_fenetre[1].organisme == "d");
        CHECK(b.depots.hors_fenetre[1].en_retard);
    }

    TEST_CASE("a decision whose type could not be read is neither a decision nor a dossier of the year")
    {
        Repo r = sample();
        Session& s = r.find("2025-03-20");
        Decision unreadable;
        unreadable.organisme.value = "f";
        s.decisions.push_back(unreadable);
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.seances[0].decisions == 2);
        CHECK(b.seances[0].dossiers == 2);
        CHECK(b.decisions_total() == 6);
        CHECK(b.dossiers_examines == 5);
    }

    TEST_CASE("durations are counted in calendar days for the year's decisions")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        // a: 2024-01-10 -> 2025-03-20 (2024 is a leap year).
        CHECK(b.durees.engagement_admissibilite.nombre == 1);
        CHECK(b.durees.engagement_admissibilite.mediane == 435.0);
        // b: admissible 2024-02-15 -> labelled 2025-03-20; engaged 2023-02-01.
        CHECK(b.durees.admissibilite_labellisation.mediane == 399.0);
        CHECK(b.durees.engagement_labellisation.mediane == 778.0);
        // Filing -> decision: a 10, b 19, d 0, h 10, b 15 (e's withdrawal has no filing).
        const DurationStats& f = b.durees.depot_decision;
        CHECK(f.nombre == 5);
        CHECK(f.mediane == 10.0);
        CHECK(f.min == 0);
        CHECK(f.max == 19);
        CHECK(f.q1 == 5.0);
        CHECK(f.q3 == 17.0);
    }

    TEST_CASE("strong and alert points are counted by theme over the audits dated in the year")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.themes.audits == 2);  // a's audit of 2024 is left out
        REQUIRE(b.themes.par_theme.size() == 3);
        const ThemeCount& t1 = b.themes.par_theme[0];
        CHECK(t1.theme == "T1");
        CHECK(t1.points_forts == 1);
        CHECK(t1.points_alerte == 2);
        CHECK(t1.conformes == 0);
        CHECK(b.themes.par_theme[1].points_alerte == 1);
        CHECK(b.themes.par_theme[1].conformes == 1);
        CHECK(b.themes.par_theme[2].points_forts == 1);
        CHECK(b.themes.hors_cadre.conformes == 1);  // T9.9 is not in the framework
        CHECK(b.themes.faibles == std::vector<std::string>{"T1", "T2"});
        REQUIRE(b.themes.points_forts.size() == 2);
        CHECK(b.themes.points_forts[0].critere == "T1.1");
        CHECK(b.themes.points_forts[0].organisme == "b");
        CHECK(b.themes.points_forts[0].critere_titre == "Accueil physique");
        CHECK(b.themes.points_forts[1].critere == "T3.1");
        CHECK(b.themes.points_forts[1].organisme == "d");
        CHECK(show(b.themes.points_forts[1].audit) == "2025-09-01");
    }

    TEST_CASE("themes with as many alert points are ranked by their share of alerts, then by framework order")
    {
        Repo r = sample();
        r.model.organismes.clear();
        Organisme& o = r.add("x", "2024-01-01");
        o.audits.push_back(audit("2025-02-01", AuditType::diagnostic, "jd", 3,
                                 {{"T1.1", Evaluation::point_d_alerte},
                                  {"T1.2", Evaluation::conforme},
                                  {"T2.1", Evaluation::point_d_alerte},
                                  {"T3.1", Evaluation::point_d_alerte}}));
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        // T2 and T3: 1 alert of 1 evaluated (100 %); T1: 1 of 2 (50 %).
        CHECK(b.themes.faibles == std::vector<std::string>{"T2", "T3", "T1"});
    }

    TEST_CASE("PAA actions due in the year: done, late, still open, abandoned")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.actions.dues == 4);  // A1 to A4; A5 is due in 2026, A6 in 2024
        CHECK(b.actions.realisees == 1);
        CHECK(b.actions.en_retard == 1);  // A2, due 2025-06-30
        CHECK(b.actions.ouvertes == 1);   // A3, due on the last day
        CHECK(b.actions.abandonnees == 1);
        REQUIRE(b.actions.liste_en_retard.size() == 1);
        CHECK(b.actions.liste_en_retard[0].action == "A2");
    }

    TEST_CASE("concertation events, audits per auditor and approvals ending next year")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        CHECK(b.concertation.evenements == 3);
        CHECK(b.concertation.organismes == 2);
        REQUIRE(b.concertation.par_etape.size() == 6);
        CHECK(b.concertation.par_etape[2].etape == Step::paa);
        CHECK(b.concertation.par_etape[2].association == 1);
        CHECK(b.concertation.par_etape[3].information == 1);  // candidature
        CHECK(b.concertation.par_etape[4].information == 1);  // verification

        REQUIRE(b.audits_par_auditeur.size() == 1);
        const AuditorLine& jd = b.audits_par_auditeur[0];
        CHECK(jd.auditeur == "jd");
        CHECK(jd.audits == 2);
        CHECK(jd.verifications == 1);
        CHECK(jd.renouvellements == 1);
        CHECK(jd.diagnostics == 0);
        CHECK(jd.jours == doctest::Approx(6.5));

        // jd's latest approval ends 2026-03-31; mb is withdrawn; sm's ends in 2028.
        REQUIRE(b.agrements_fin_annee_suivante.size() == 1);
        CHECK(b.agrements_fin_annee_suivante[0].auditeur == "jd");
        CHECK(iso(b.agrements_fin_annee_suivante[0].fin) == "2026-03-31");
        REQUIRE(b.agrements_accordes.size() == 1);
        CHECK(b.agrements_accordes[0].auditeur == "sm");
    }

    TEST_CASE("data quality lists the organismes with validation errors")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), sample_validation());
        REQUIRE(b.qualite.size() == 1);
        CHECK(b.qualite[0].organisme == "a");
        CHECK(b.qualite[0].erreurs == 2);
        CHECK(b.qualite[0].avertissements == 1);
        CHECK(b.organismes_avec_avertissements == 1);  // b
    }

    TEST_CASE("a year in progress stops at the reference date")
    {
        const Repo r = sample();
        const Bilan b = compute_bilan(r.model, 2025, d("2025-06-30"), {});
        CHECK(iso(b.fin) == "2025-06-30");
        CHECK_FALSE(b.complete);
        CHECK(b.seances.size() == 1);
        // The session of 2025-10-16 holds decisions, but after the reference date: still ahead.
        REQUIRE(b.seances_prevues.size() == 1);
        CHECK(iso(b.seances_prevues[0]) == "2025-10-16");
        CHECK(b.count(PathwayState::labellise) == 3);  // b, d and e are still labelled
        CHECK(b.count(PathwayState::expire) == 1);     // c since 2025-06-16
        CHECK(b.actions.en_retard == 0);               // A2 is due that very day
        CHECK(b.actions.ouvertes == 2);
        CHECK(b.depots.deposes == 2);
    }
}

// The observatory counts as the bilan's §5 does (ActivityTally::themes), over the whole history: the
// same repository serves both.
TEST_SUITE("core::observatory")
{
    TEST_CASE("the observatory reads every audit up to its date, the bilan only the year's")
    {
        const Repo r = sample();
        const Observatory o = build_observatory(r.model, d("2025-12-31"));
        CHECK(o.themes.audits == 3);  // a's audit of 2024 too
        REQUIRE(o.themes.points_forts.size() == 2);
        CHECK(o.themes.points_forts[0].organisme == "b");
        CHECK(o.themes.points_forts[0].constat == "constat T1.1");
        CHECK(build_observatory(r.model, d("2024-12-31")).themes.points_forts.empty());
        CHECK(build_observatory(r.model, d("2024-12-31")).themes.audits == 1);
    }

    TEST_CASE("alert points by criterion: most found first, then most organismes, then by id")
    {
        const Repo r = sample();
        const std::vector<CriterionAlerts> alerts = build_observatory(r.model, d("2025-12-31")).themes.alertes;
        REQUIRE(alerts.size() == 3);
        CHECK(alerts[0].critere == "T1.1");
        CHECK(alerts[0].constats == 2);
        CHECK(alerts[0].organismes == 2);
        CHECK(alerts[0].critere_titre == "Accueil physique");
        CHECK(alerts[0].theme == "T1");
        CHECK(alerts[1].critere == "T1.2");
        CHECK(alerts[2].critere == "T2.1");
        CHECK(alerts[2].constats == 1);
        const Bilan b = compute_bilan(r.model, 2025, d("2025-12-31"), {});
        REQUIRE(b.themes.alertes.size() == 3);
        CHECK(b.themes.alertes[0].constats == 1);  // the year's only: d's
    }
}


// quali site counts each organisme as it reads its folder, in no set order: the tally must not
// depend on it.
TEST_SUITE("core::ActivityTally")
{
    // The figures of §5–§7 of a bilan, one line each.
    std::string figures(const Bilan& b)
    {
        std::string out = "audits " + std::to_string(b.themes.audits) + "\n";
        for (const ThemeCount& t : b.themes.par_theme)
            out += t.theme + " " + std::to_string(t.points_forts) + "/" + std::to_string(t.conformes) + "/" +
                   std::to_string(t.points_alerte) + "/" + std::to_string(t.non_evalues) + "\n";
        for (const std::string& f : b.themes.faibles) out += "faible " + f + "\n";
        for (std::size_t i = 0; i < b.themes.points_forts.size(); ++i)
            out += "fort " + b.themes.points_forts[i].organisme + " " + b.themes.points_forts[i].critere + "\n";
        for (const CriterionAlerts& a : b.themes.alertes)
            out += "alerte " + a.critere + " " + std::to_string(a.constats) + " " + std::to_string(a.organismes) + "\n";
        out += "actions " + std::to_string(b.actions.dues) + " " + std::to_string(b.actions.en_retard) + " " +
               std::to_string(b.actions.ouvertes) + "\n";
        for (const LateAction& a : b.actions.liste_en_retard) out += "retard " + a.organisme + " " + a.action + "\n";
        out += "concertation " + std::to_string(b.concertation.evenements) + " " +
               std::to_string(b.concertation.organismes) + "\n";
        return out;
    }

    TEST_CASE("organismes counted in any order give the same bilan and observatory")
    {
        const Repo r = sample();
        ActivityTally reversed(d("2025-12-31"));
        for (auto o = r.model.organismes.rbegin(); o != r.model.organismes.rend(); ++o)
            reversed.add(r.model.framework, *o);
        for (const int year : {2024, 2025}) {
            const Bilan whole = compute_bilan(r.model, year, d("2025-12-31"), {});
            const Bilan counted = compute_bilan(r.model, year, {}, reversed);
            CHECK(figures(counted) == figures(whole));
        }
        const auto observed = [](const Observatory& o) {
            Bilan b;
            b.themes = o.themes;
            return figures(b);
        };
        const std::string whole = observed(build_observatory(r.model, d("2025-12-31")));
        CHECK(observed(build_observatory(r.model.framework, reversed)) == whole);
        CHECK(whole.find("fort b T1.1") != std::string::npos);
    }

    TEST_CASE("each auditor's audits and days are the same whatever the organismes' order")
    {
        // 0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in binary: the days are summed in one order.
        std::vector<Organisme> organismes;
        for (const double jours : {0.1, 0.2, 0.3}) {
            Organisme& o = organismes.emplace_back();
            o.slug = "o" + std::to_string(organismes.size());
            Audit& a = o.audits.emplace_back();
            a.file = "audits/2025-03-0" + std::to_string(organismes.size()) + "-verification.yaml";
            a.type = AuditType::verification;
            a.auditeur.value = "jd";
            a.debut.value = d("2025-03-01");
            a.jours = jours;
        }
        const Framework framework;
        ActivityTally forward(d("2025-12-31")), backward(d("2025-12-31"));
        for (const Organisme& o : organismes)
            forward.add(framework, o);
        for (auto o = organismes.rbegin(); o != organismes.rend(); ++o)
            backward.add(framework, *o);
        const std::vector<AuditorLine> a = forward.auditors(2025), b = backward.auditors(2025);
        REQUIRE(a.size() == 1);
        REQUIRE(b.size() == 1);
        CHECK(a[0].audits == 3);
        CHECK(a[0].verifications == 3);
        CHECK(a[0].jours == b[0].jours); // exactly
        CHECK(a[0].jours == doctest::Approx(0.6));
        CHECK(forward.auditors(2024).empty());
    }

    TEST_CASE("nothing dated after the reference day is counted, but the year's actions due later")
    {
        const Repo r = sample();
        const ActivityTally early = tally_of(r.model, d("2025-01-01"));
        CHECK(early.themes(r.model.framework, 2025).audits == 0);
        CHECK(early.themes(r.model.framework, std::nullopt).audits == 1);
        CHECK(early.actions(2025).dues == tally_of(r.model, d("2025-12-31")).actions(2025).dues);
        CHECK(early.concertation(2030).par_etape.size() == all_steps.size());
    }
}

TEST_SUITE("core::StrongPoints")
{
    TEST_CASE("strong points read back as given, ordered by theme rank, criterion, organisme and date")
    {
        const auto point = [](std::string org, std::string critere, std::string theme, std::string date,
                              std::string constat) {
            return StrongPoint{org, parse_iso_date(date), AuditType::verification, critere, "Titre " + critere, theme,
                               std::move(constat), "organismes/" + org + "/audits/" + date + "-verification.yaml"};
        };
        StrongPoints points;
        points.push_back(point("b", "T2.1", "T2", "2025-01-01", "premier"));
        points.push_back(point("a", "T2.1", "T2", "2025-01-01", "deuxième"));
        points.push_back(point("a", "T1.1", "T1", "2025-03-01", "troisième"));
        points.push_back(point("a", "T1.1", "T1", "2025-02-01", "quatrième"));
        points.push_back(point("b", "T2.1", "T2", "2025-01-01", "cinquième")); // equal to the first
        REQUIRE(points.size() == 5);
        CHECK(points[1].organisme == "a");
        CHECK(points[1].constat == "deuxième");
        CHECK(points[1].critere_titre == "Titre T2.1");
        CHECK(points[1].audit_file == "organismes/a/audits/2025-01-01-verification.yaml");
        // T2 ranked before T1: the framework's order, not the ids'.
        points.sort([](std::string_view theme) { return theme == "T2" ? std::size_t{0} : std::size_t{1}; });
        std::vector<std::string> order;
        for (std::size_t i = 0; i < points.size(); ++i)
            order.push_back(points[i].constat);
        CHECK(order == std::vector<std::string>{"deuxième", "premier", "cinquième", "quatrième", "troisième"});
        CHECK(points.critere(3) == "T1.1");
        CHECK(points.theme(3) == "T1");
    }

    TEST_CASE("a point whose texts lie outside its buffer is refused")
    {
        StrongPoints points({std::make_shared<const std::string>("abc")});
        CHECK_THROWS_AS(points.push_back(0, {{{0, 1}, {1, 1}, {2, 1}, {2, 2}}}, std::nullopt, std::nullopt, "", ""),
                        std::out_of_range);
        CHECK_THROWS_AS(points.push_back(1, {}, std::nullopt, std::nullopt, "", ""), std::out_of_range);
        points.push_back(0, {{{0, 1}, {1, 1}, {2, 1}, {0, 3}}}, std::nullopt, std::nullopt, "", "");
        CHECK(points[0].audit_file == "abc");
    }
}

