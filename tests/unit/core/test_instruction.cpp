// SPDX-License-Identifier: EUPL-1.2
// The committee's papers as data: the agenda's sections, the validation result of an
// organisme, the improvement plan's figures and the letters' next step, on small models built
// in code (default rules: 15-day window, 12-month steps). See docs/comite.md.
#include "quali/core/instruction.hpp"

#include "quali/core/rules.hpp"

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

// A small repository built in code.
struct Repo {
    Model model;

    Organisme& add(const std::string& slug, const char* engagement)
    {
        Organisme o;
        o.slug = slug;
        o.nom = "Organisme " + slug;
        o.folder = "organismes/" + slug;
        o.engagement.value = d(engagement);
        model.organismes.push_back(o);
        std::sort(model.organismes.begin(), model.organismes.end(),
                  [](const Organisme& a, const Organisme& b) { return a.slug < b.slug; });
        return *std::find_if(model.organismes.begin(), model.organismes.end(),
                             [&](const Organisme& x) { return x.slug == slug; });
    }

    Repo& file(const std::string& slug, const char* session, Request demande, const char* depot)
    {
        Organisme& o = find(slug);
        Candidature c;
        c.file = o.folder + "/candidatures/" + session + ".yaml";
        c.seance.value = d(session);
        c.demande = demande;
        c.depot.value = d(depot);
        o.candidatures.push_back(c);
        return *this;
    }

    Session& session(const char* date)
    {
        for (Session& s : model.sessions)
            if (s.date == d(date)) return s;
        Session s;
        s.date = d(date);
        s.file = std::string("comite/seances/") + date + ".yaml";
        model.sessions.push_back(s);
        std::sort(model.sessions.begin(), model.sessions.end(),
                  [](const Session& a, const Session& b) { return a.date < b.date; });
        return session(date);
    }

    Repo& decide(const char* date, const std::string& slug, DecisionKind kind,
                 const char* derogation = nullptr)
    {
        Session& s = session(date);
        s.held = true;
        Decision dec;
        dec.organisme.value = slug;
        dec.kind = kind;
        dec.pos = {static_cast<int>(4 + 3 * s.decisions.size()), 5};
        if (derogation != nullptr) dec.derogation = Derogation{"objet", {d(derogation), {}}, {}};
        s.decisions.push_back(dec);
        return *this;
    }

    Agenda agenda(const char* seance, const char* as_of, const std::vector<Diagnostic>& diags = {})
    {
        return build_agenda(model, *session_file(model, d(seance)), d(seance), d(as_of), diags);
    }

    Organisme& find(const std::string& slug)
    {
        return *std::find_if(model.organismes.begin(), model.organismes.end(),
                             [&](const Organisme& x) { return x.slug == slug; });
    }
};

std::vector<std::string> slugs(const Agenda& a, const std::vector<std::size_t>& indexes)
{
    std::vector<std::string> out;
    for (std::size_t i : indexes)
        out.push_back(a.dossiers[i].organisme->slug);
    return out;
}

std::vector<std::string> expected(const Agenda& a)
{
    std::vector<std::string> out;
    for (const ExpectedDossier& e : a.attendus)
        out.push_back(e.organisme->slug);
    return out;
}

Diagnostic diag(const char* code, const char* file, Severity severity = Severity::error, int line = 1)
{
    Diagnostic x;
    x.code = code;
    x.file = file;
    x.severity = severity;
    x.pos = {line, 1};
    return x;
}

} // namespace

TEST_SUITE("core::instruction")
{
    TEST_CASE("a dossier filed on the session day is late, one filed before the window early")
    {
        const Window w{d("2026-06-03"), d("2026-06-17")};
        CHECK(filing_status(d("2026-06-18"), d("2026-06-18"), w) == FilingStatus::en_retard);
        CHECK(filing_status(d("2026-06-20"), d("2026-06-18"), w) == FilingStatus::en_retard);
        CHECK(filing_status(d("2026-06-02"), d("2026-06-18"), w) == FilingStatus::anticipe);
        CHECK(filing_status(d("2026-06-03"), d("2026-06-18"), w) == FilingStatus::a_l_heure);
        CHECK(filing_status(d("2026-06-17"), d("2026-06-18"), w) == FilingStatus::a_l_heure);
        CHECK(filing_status(std::nullopt, d("2026-06-18"), w) == FilingStatus::inconnu);
    }

    TEST_CASE("with working days, a dossier filed on the weekend before a Monday session is on time")
    {
        Rules r;
        r.decompte = Counting::working;
        const Window w = filing_window(r, d("2026-06-15"));
        CHECK(iso(w.closes) == "2026-06-12");
        CHECK(iso(w.opens) == "2026-05-22"); // Whit Monday, 25 May, is not counted
        CHECK(filing_status(d("2026-06-13"), d("2026-06-15"), w) == FilingStatus::a_l_heure);
        CHECK(filing_status(d("2026-05-21"), d("2026-06-15"), w) == FilingStatus::anticipe);
    }

    TEST_CASE("every filed dossier is grouped by requested decision, and listed again by status")
    {
        Repo r;
        r.session("2026-06-18");
        r.session("2026-11-19");
        r.add("a", "2025-09-01");
        r.add("b", "2025-07-01");
        r.add("c", "2025-08-01");
        r.add("d", "2024-11-01");
        r.decide("2025-11-20", "d", DecisionKind::admissible);
        r.file("d", "2026-06-18", Request::labellisation, "2026-06-17")
            .file("c", "2026-06-18", Request::admissibilite, "2026-05-20")
            .file("b", "2026-06-18", Request::admissibilite, "2026-06-18")
            .file("a", "2026-06-18", Request::admissibilite, "2026-06-08");
        // With the default required pieces, these bare dossiers lack every piece: incomplete.
        const Agenda bare = r.agenda("2026-06-18", "2026-06-10", {});
        CHECK(slugs(bare, bare.incomplets) == std::vector<std::string>{"a", "b", "c", "d"});
        CHECK(bare.dossiers.front().pieces.manquantes.front().code == "Q374");
        for (RequiredPieces& p : r.model.rules.pieces_requises) p = {}; // the sections alone, below
        const Agenda a = r.agenda("2026-06-18", "2026-06-10",
                                  {diag("Q302", "organismes/d/candidatures/2026-06-18.yaml"),
                                   diag("Q360", "organismes/b/candidatures/2026-06-18.yaml")});
        std::vector<std::string> order;
        for (const FiledDossier& f : a.dossiers)
            order.push_back(f.organisme->slug);
        CHECK(order == std::vector<std::string>{"a", "b", "c", "d"});
        CHECK(slugs(a, a.a_l_heure) == std::vector<std::string>{"a", "d"});
        CHECK(slugs(a, a.en_retard) == std::vector<std::string>{"b"});
        CHECK(slugs(a, a.anticipes) == std::vector<std::string>{"c"});
        // d is on time and incomplete; b's lateness is its own section, not incompleteness.
        CHECK(slugs(a, a.incomplets) == std::vector<std::string>{"d"});
        CHECK(a.seance_suivante == d("2026-11-19"));
        CHECK(a.dossiers[3].decisions.size() == 1);
        CHECK(a.dossiers[3].parcours.prochaine_etape == Request::labellisation);
    }

    TEST_CASE("an organisme is expected when its deadline falls before the next session")
    {
        Repo r;
        r.session("2026-06-18");
        r.session("2026-11-19");
        r.add("avant", "2025-10-15");   // admissibility by 2026-10-15
        r.add("egal", "2025-11-19");    // by 2026-11-19: the next session is still in time
        r.add("apres", "2025-12-01");   // by 2026-12-01
        r.add("depasse", "2024-01-10"); // by 2025-01-10: late, and expected
        r.add("derogation", "2024-11-15");
        r.decide("2025-11-20", "derogation", DecisionKind::admissible, "2026-06-30");
        r.add("retire", "2024-09-01");
        r.decide("2025-11-20", "retire", DecisionKind::retire);
        r.add("refuse", "2024-09-01");
        r.decide("2025-11-20", "refuse", DecisionKind::refuse); // no deadline runs after a refusal
        r.add("ailleurs", "2025-09-15");
        r.file("ailleurs", "2026-11-19", Request::admissibilite, "2026-06-05");
        r.add("depose", "2025-09-01");
        r.file("depose", "2026-06-18", Request::admissibilite, "2026-06-08");
        const Agenda a = r.agenda("2026-06-18", "2026-06-10");
        CHECK(expected(a) == std::vector<std::string>{"ailleurs", "avant", "depasse", "derogation"});
        const auto late = std::find_if(a.attendus.begin(), a.attendus.end(), [](const ExpectedDossier& e) {
            return e.organisme->slug == "depasse";
        });
        CHECK(late->parcours.en_retard);
        CHECK(a.attendus.front().autre_candidature != nullptr);
        CHECK(a.attendus[3].parcours.echeance == d("2026-06-30"));
    }

    TEST_CASE("without a next session, every organisme with a deadline is expected")
    {
        Repo r;
        r.session("2026-06-18");
        r.add("loin", "2026-05-01");
        const Agenda a = r.agenda("2026-06-18", "2026-06-10");
        CHECK_FALSE(a.seance_suivante);
        CHECK(expected(a) == std::vector<std::string>{"loin"});
    }

    TEST_CASE("the pathway of the agenda is the one before the session, even when run after it")
    {
        Repo r;
        r.add("x", "2025-09-01");
        r.file("x", "2026-06-18", Request::admissibilite, "2026-06-08");
        r.decide("2026-06-18", "x", DecisionKind::admissible);
        const Agenda a = r.agenda("2026-06-18", "2026-07-01");
        CHECK(a.reference == d("2026-06-17"));
        REQUIRE(a.dossiers.size() == 1);
        CHECK(a.dossiers[0].parcours.etat == PathwayState::engage);
        CHECK(a.dossiers[0].decisions.empty());
    }

    TEST_CASE("a candidature whose session key is unreadable counts for the session of its name")
    {
        Repo r;
        r.session("2026-06-18");
        r.add("x", "2025-09-01");
        r.file("x", "2026-06-18", Request::admissibilite, "2026-06-08");
        r.find("x").candidatures.front().seance.value.reset();
        const Agenda a = r.agenda("2026-06-18", "2026-06-10");
        CHECK(a.dossiers.size() == 1);
        CHECK(a.attendus.empty());
    }

    TEST_CASE("an organisme's validation result: its files, and the decisions about it")
    {
        Repo r;
        r.add("x", "2025-09-01");
        r.add("xy", "2025-09-01");
        r.decide("2025-11-20", "xy", DecisionKind::admissible);
        r.decide("2025-11-20", "x", DecisionKind::admissible); // lines 7 to 9
        const std::vector<Diagnostic> all{
            diag("Q302", "organismes/x/candidatures/2026-06-18.yaml"),
            diag("Q361", "organismes/x/candidatures/2026-06-18.yaml", Severity::warning),
            diag("Q360", "organismes/x/candidatures/2025-11-20.yaml"),
            diag("Q301", "organismes/xy/paa.yaml"),
            diag("Q380", "comite/seances/2025-11-20.yaml", Severity::error, 8),
            diag("Q380", "comite/seances/2025-11-20.yaml", Severity::error, 5),
            diag("Q003", "quali.yaml"),
        };
        const ValidationSummary v = validation_of(r.model, r.find("x"), all);
        CHECK(v.diagnostics.size() == 4);
        CHECK(v.erreurs == 3);
        CHECK(v.avertissements == 1);
        CHECK(v.erreurs_dossier == 1); // Q302: not the window's Q360, not the session file's Q380
    }

    TEST_CASE("the plan's figures: alert points of the latest diagnostic and later verifications")
    {
        Repo r;
        Organisme& o = r.add("x", "2025-01-01");
        const auto audit = [](const char* file, AuditType t, const char* date,
                              std::vector<const char*> alerts) {
            Audit a;
            a.file = std::string("organismes/x/audits/") + file;
            a.type = t;
            a.debut.value = d(date);
            for (const char* c : alerts) {
                Result res;
                res.critere.value = c;
                res.evaluation = Evaluation::point_d_alerte;
                a.resultats.push_back(res);
            }
            Result strong;
            strong.critere.value = "T9.9";
            strong.evaluation = Evaluation::point_fort;
            a.resultats.push_back(strong);
            return a;
        };
        o.audits = {
            audit("2023-01-01-diagnostic-hqs.yaml", AuditType::diagnostic, "2023-01-01", {"T0.1"}),
            audit("2025-01-01-diagnostic-hqs.yaml", AuditType::diagnostic, "2025-01-01", {"T1.1", "T1.2"}),
            audit("2026-01-01-verification.yaml", AuditType::verification, "2026-01-01", {"T2.1"})};
        o.autodiagnostic = SelfDiagnosis{};
        for (auto [id, cot] : {std::pair{"R1", 4}, std::pair{"R2", 2}, std::pair{"R3", 3}}) {
            Residence res;
            res.id = id;
            res.cotation = cot;
            o.autodiagnostic->residences.push_back(res);
        }
        Paa paa;
        const auto action = [](const char* alert, const char* situation, ActionState state) {
            Action a;
            if (alert != nullptr) a.points_alerte.push_back(Text{alert, {}});
            if (situation != nullptr) a.situations.push_back(Text{situation, {}});
            a.etat = state;
            return a;
        };
        paa.actions = {action("T1.1", "R1", ActionState::realisee),
                       action("T1.2", nullptr, ActionState::abandonnee),
                       action("T2.1", "R3", ActionState::en_cours)};
        o.paa = paa;
        const PaaSummary s = paa_summary(r.model, o);
        CHECK(s.points_alerte == std::vector<std::string>{"T1.1", "T1.2", "T2.1"});
        CHECK(s.points_alerte_non_traites == std::vector<std::string>{"T1.2"}); // only an abandoned action
        CHECK(s.situations == std::vector<std::string>{"R1", "R3"});
        CHECK(s.situations_non_traitees.empty());
        CHECK(s.actions() == 3);
        CHECK(s.realisees == 1);
        const AuditSummary a = audit_summary(o, o.audits[2]);
        CHECK(a.chemin == "audits/2026-01-01-verification.yaml");
        CHECK(a.points_alerte == 1);
        CHECK(a.points_forts == 1);
    }

    TEST_CASE("the concertation covers each reached step with its events")
    {
        Organisme o;
        o.engagement.value = d("2025-01-01");
        Concertation c;
        Event e;
        e.etape = Step::engagement;
        e.nature = Nature::information;
        e.date.value = d("2025-02-01");
        c.evenements.push_back(e);
        o.concertation = c;
        Candidature cand;
        o.candidatures.push_back(cand);
        const std::vector<StepCoverage> steps = concertation_coverage(o);
        REQUIRE(steps.size() == 6);
        CHECK(steps[0].atteinte);
        CHECK(steps[0].couverte());
        CHECK(steps[0].derniere == d("2025-02-01"));
        CHECK(steps[3].etape == Step::candidature);
        CHECK(steps[3].atteinte);
        CHECK_FALSE(steps[3].couverte());
        CHECK_FALSE(steps[1].atteinte);
    }

    TEST_CASE("a letter's next step is computed as of the day after the session")
    {
        Repo r;
        r.add("a", "2024-11-01");
        r.add("k", "2024-11-15");
        r.add("h", "2024-09-01");
        r.session("2026-06-18");
        r.session("2026-11-19");
        r.decide("2025-11-20", "a", DecisionKind::admissible)
            .decide("2025-11-20", "inconnu", DecisionKind::admissible)
            .decide("2025-11-20", "k", DecisionKind::admissible, "2026-06-30")
            .decide("2025-11-20", "h", DecisionKind::retire);
        const Letters l =
            build_letters(r.model, *session_file(r.model, d("2025-11-20")), d("2025-11-20"), d("2025-11-24"));
        REQUIRE(l.lettres.size() == 3);
        CHECK(l.ignorees.size() == 1);
        CHECK(l.lettres[0].calcul == d("2025-11-21"));
        CHECK(l.lettres[0].suite.prochaine_etape == Request::labellisation);
        CHECK(l.lettres[0].suite.echeance == d("2026-11-20"));
        CHECK(l.lettres[0].suite.seance_visee == d("2026-11-19"));
        CHECK(l.lettres[1].suite.echeance == d("2026-06-30"));
        CHECK(l.lettres[1].suite.seance_visee == d("2026-06-18"));
        CHECK(l.lettres[1].suite.fenetre_depot->opens == d("2026-06-03"));
        CHECK_FALSE(l.lettres[2].suite.prochaine_etape);
        // The letters offer every session on file up to the deadline, not one target.
        CHECK(l.lettres[0].date_courrier == d("2025-11-24"));
        REQUIRE(l.lettres[0].seances.size() == 2);
        CHECK(l.lettres[0].seances[0].seance == d("2026-06-18"));
        CHECK(l.lettres[0].seances[1].seance == d("2026-11-19"));
        REQUIRE(l.lettres[1].seances.size() == 1);
        CHECK(l.lettres[1].seances[0].depot.closes == d("2026-06-17"));
        CHECK(l.lettres[2].seances.empty());
    }

    TEST_CASE("an unknown session date suggests the nearest sessions")
    {
        Repo r;
        r.session("2025-11-20");
        r.session("2026-06-18");
        r.session("2026-11-19");
        CHECK(nearest_sessions(r.model, d("2026-06-17"), 2) ==
              std::vector<Date>{d("2026-06-18"), d("2026-11-19")});
        const std::string m = unknown_session_message(r.model, "2026-06-17", Lang::fr);
        CHECK(m.find("comite/seances/2026-06-17.yaml") != std::string::npos);
        CHECK(m.find("2026-06-18, 2026-11-19, 2025-11-20") != std::string::npos);
        CHECK(unknown_session_message(r.model, "juin", Lang::fr).find("AAAA-MM-JJ") != std::string::npos);
        CHECK(session_file(r.model, d("2026-06-17")) == nullptr);
    }
}
