// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan's every figure under stable keys (bilan.hpp bilan_json, quali bilan --format
// json, docs/bilan.md): core::Bilan written out, section by section.
#include "bilan_data.hpp"

#include "quali/render/bilan.hpp"

#include <cmath>

namespace quali::render {

namespace {

using namespace detail;

J date_j(std::optional<Date> d)
{
    return d ? J(core::iso(*d)) : J(nullptr);
}

// A whole number as an integer, anything else as a decimal (a median of 12.5 days).
J number_j(double v)
{
    if (std::floor(v) == v && std::abs(v) < 1e15) return J(static_cast<long long>(v));
    return J(v);
}

J opt_number_j(std::optional<double> v)
{
    return v ? number_j(*v) : J(nullptr);
}

J stats_j(const core::DurationStats& s)
{
    return J{{"nombre", s.nombre},
             {"mediane", opt_number_j(s.mediane)},
             {"min", s.min ? J(*s.min) : J(nullptr)},
             {"max", s.max ? J(*s.max) : J(nullptr)},
             {"q1", opt_number_j(s.q1)},
             {"q3", opt_number_j(s.q3)}};
}

J theme_j(const core::ThemeCount& t)
{
    J j;
    if (!t.theme.empty()) {
        j["theme"] = t.theme;
        j["titre"] = t.titre;
    }
    j["points_forts"] = t.points_forts;
    j["conformes"] = t.conformes;
    j["points_alerte"] = t.points_alerte;
    j["non_evalues"] = t.non_evalues;
    return j;
}

std::string_view movement_key(core::Movement m)
{
    switch (m) {
    case core::Movement::engagement:
        return "engagements";
    case core::Movement::admissibilite:
        return "admissibilites";
    case core::Movement::labellisation:
        return "labellisations";
    case core::Movement::maintien:
        return "maintiens";
    case core::Movement::renouvellement:
        return "renouvellements";
    case core::Movement::retrait:
        return "retraits";
    case core::Movement::expiration:
        return "expirations";
    }
    return "";
}

J organismes_j(const core::Bilan& b)
{
    J org;
    org["total"] = b.organismes.size();
    J states = J::object();
    for (core::PathwayState s : core::all_states)
        states[std::string(core::to_string(s))] = b.count(s);
    org["par_etat"] = states;
    org["pas_encore_engages"] = b.pas_encore_engages;
    org["label_valide"] = b.count(core::PathwayState::labellise);
    org["logements_label_valide"] = b.logements_label_valide;
    J list = J::array();
    for (const core::OrganismeAtEnd& o : b.organismes)
        list.push_back(J{{"organisme", o.organisme->slug},
                         {"nom", o.organisme->nom},
                         {"famille", o.organisme->famille},
                         {"logements", o.organisme->logements},
                         {"etat", core::to_string(o.parcours.etat)},
                         {"depuis", date_j(o.parcours.depuis)},
                         {"valide_jusqu_au", date_j(o.parcours.valide_jusqu_au)}});
    org["liste"] = list;
    return org;
}

J comite_j(const core::Bilan& b)
{
    J com;
    com["seances_tenues"] = b.seances.size();
    J sessions = J::array();
    for (const core::SessionLine& s : b.seances)
        sessions.push_back(J{{"date", core::iso(s.date)},
                             {"lieu", s.session->lieu},
                             {"presents", s.presents},
                             {"decisions", s.decisions},
                             {"dossiers", s.dossiers}});
    com["seances"] = sessions;
    J planned = J::array();
    for (Date d : b.seances_prevues)
        planned.push_back(core::iso(d));
    com["seances_prevues"] = planned;
    com["dossiers_examines"] = b.dossiers_examines;
    J kinds = J::object();
    for (core::DecisionKind k : core::all_decisions)
        kinds[std::string(core::to_string(k))] = b.count(k);
    com["decisions"] = kinds;
    com["decisions_total"] = b.decisions_total();
    com["derogations"] = b.derogations;
    return com;
}

J depots_j(const core::Bilan& b)
{
    J dep = filing_counts_j(b.depots, "dossiers_deposes");
    J outside = J::array();
    for (const core::FilingLine& f : b.depots.hors_fenetre)
        outside.push_back(J{{"organisme", f.organisme},
                            {"seance", core::iso(f.seance)},
                            {"depot", date_j(f.depot)},
                            {"statut", f.en_retard ? "en-retard" : "anticipe"}});
    dep["hors_fenetre"] = outside;
    return dep;
}

J themes_j(const core::Bilan& b)
{
    J th;
    th["audits"] = b.themes.audits;
    J by_theme = J::array();
    for (const core::ThemeCount& t : b.themes.par_theme)
        by_theme.push_back(theme_j(t));
    th["par_theme"] = by_theme;
    th["hors_cadre"] = theme_j(b.themes.hors_cadre);
    th["plus_faibles"] = b.themes.faibles;
    J strong = J::array();
    for (std::size_t i = 0; i < b.themes.points_forts.size(); ++i) {
        const core::StrongPoint p = b.themes.points_forts[i];
        strong.push_back(J{{"organisme", p.organisme},
                           {"audit", date_j(p.audit)},
                           {"type", p.type ? J(core::to_string(*p.type)) : J(nullptr)},
                           {"critere", p.critere},
                           {"critere_titre", p.critere_titre},
                           {"theme", p.theme},
                           {"constat", p.constat}});
    }
    th["points_forts"] = strong;
    return th;
}

J actions_j(const core::Bilan& b)
{
    J act = action_counts_j(b.actions);
    J late = J::array();
    for (const core::LateAction& a : b.actions.liste_en_retard)
        late.push_back(J{{"organisme", a.organisme},
                         {"action", a.action},
                         {"titre", a.titre},
                         {"echeance", core::iso(a.echeance)},
                         {"etat", a.etat ? J(core::to_string(*a.etat)) : J(nullptr)}});
    act["liste_en_retard"] = late;
    return act;
}

J concertation_j(const core::Bilan& b)
{
    J con;
    con["evenements"] = b.concertation.evenements;
    con["organismes"] = b.concertation.organismes;
    J steps = J::object();
    for (const core::StepEvents& s : b.concertation.par_etape)
        steps[std::string(core::to_string(s.etape))] =
            J{{"information", s.information}, {"association", s.association}, {"total", s.total()}};
    con["par_etape"] = steps;
    return con;
}

J auditeurs_j(const core::Model& model, const core::Bilan& b)
{
    J aud;
    J per = J::array();
    for (const core::AuditorLine& a : b.audits_par_auditeur) {
        per.push_back(J{{"auditeur", a.auditeur},
                        {"nom", a.auditeur.empty() ? std::string() : auditor_name(model, a.auditeur)},
                        {"audits", a.audits},
                        {"diagnostics", a.diagnostics},
                        {"verifications", a.verifications},
                        {"renouvellements", a.renouvellements},
                        {"jours", number_j(a.jours)}});
    }
    aud["audits"] = b.audits_total();
    aud["par_auditeur"] = per;
    const auto approvals = [&](const std::vector<core::ApprovalLine>& lines) {
        J out = J::array();
        for (const core::ApprovalLine& l : lines)
            out.push_back(J{{"auditeur", l.auditeur},
                            {"nom", auditor_name(model, l.auditeur)},
                            {"debut", core::iso(l.debut)},
                            {"fin", core::iso(l.fin)}});
        return out;
    };
    aud["agrements_fin_annee_suivante"] = approvals(b.agrements_fin_annee_suivante);
    aud["agrements_accordes"] = approvals(b.agrements_accordes);
    return aud;
}

J qualite_j(const core::Model& model, const core::Bilan& b)
{
    J q;
    q["organismes_en_erreur"] = b.qualite.size();
    q["organismes_avec_avertissements"] = b.organismes_avec_avertissements;
    J ql = J::array();
    for (const core::DataQualityLine& l : b.qualite)
        ql.push_back(J{{"organisme", l.organisme},
                       {"nom", name_of(model, l.organisme)},
                       {"erreurs", l.erreurs},
                       {"avertissements", l.avertissements}});
    q["liste"] = ql;
    return q;
}

} // namespace

J bilan_json(const core::Model& model, const core::Bilan& b)
{
    J root;
    root["annee"] = b.annee;
    root["periode"] = J{{"debut", core::iso(b.debut)}, {"fin", core::iso(b.fin)}, {"complete", b.complete}};
    root["date_reference"] = core::iso(b.as_of);
    root["organismes"] = organismes_j(b);
    root["entonnoir"] = J{{"engages", b.entonnoir.engages},
                          {"admissibles", b.entonnoir.admissibles},
                          {"labellises", b.entonnoir.labellises},
                          {"label_valide", b.entonnoir.label_valide}};

    J moves = J::object();
    for (core::Movement m : core::all_movements)
        moves[std::string(movement_key(m))] = b.count(m);
    root["mouvements"] = moves;
    J chrono = J::array();
    for (const core::MovementEvent& e : b.chronologie)
        chrono.push_back(J{
            {"date", core::iso(e.date)}, {"mouvement", core::to_string(e.type)}, {"organisme", e.organisme}});
    root["chronologie"] = chrono;

    root["comite"] = comite_j(b);
    root["depots"] = depots_j(b);
    root["durees"] = J{{"engagement_admissibilite", stats_j(b.durees.engagement_admissibilite)},
                       {"admissibilite_labellisation", stats_j(b.durees.admissibilite_labellisation)},
                       {"engagement_labellisation", stats_j(b.durees.engagement_labellisation)},
                       {"depot_decision", stats_j(b.durees.depot_decision)}};
    root["themes"] = themes_j(b);
    root["actions_paa"] = actions_j(b);
    root["concertation"] = concertation_j(b);
    root["auditeurs"] = auditeurs_j(model, b);
    root["qualite_donnees"] = qualite_j(model, b);
    return root;
}

} // namespace quali::render
