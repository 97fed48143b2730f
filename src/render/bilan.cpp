// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/bilan.hpp"

#include "quali/render/svg.hpp"

#include <fmt/format.h>

#include <cmath>

namespace quali::render {

namespace {

using J = nlohmann::ordered_json;
using core::Date;

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

std::string name_of(const core::Model& model, const std::string& slug)
{
    const core::Organisme* o = model.organisme(slug);
    return o != nullptr && !o->nom.empty() ? o->nom : slug;
}

std::string auditor_name(const core::Model& model, const std::string& id)
{
    if (id.empty()) return "(auditeur non renseigné)";
    const core::Auditor* a = model.auditor(id);
    return a != nullptr && !a->nom.empty() ? a->nom : id;
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

// --- French labels ---------------------------------------------------------------------------

std::string_view state_label(core::PathwayState s)
{
    switch (s) {
    case core::PathwayState::engage:
        return "Engagés (cycle préparatoire)";
    case core::PathwayState::admissible:
        return "Admissibles";
    case core::PathwayState::labellise:
        return "Labellisés (label valide)";
    case core::PathwayState::expire:
        return "Label expiré";
    case core::PathwayState::retire:
        return "Label retiré";
    case core::PathwayState::refuse:
        return "Refusés";
    }
    return "";
}

std::string_view state_short(core::PathwayState s)
{
    switch (s) {
    case core::PathwayState::engage:
        return "engagé";
    case core::PathwayState::admissible:
        return "admissible";
    case core::PathwayState::labellise:
        return "labellisé";
    case core::PathwayState::expire:
        return "label expiré";
    case core::PathwayState::retire:
        return "label retiré";
    case core::PathwayState::refuse:
        return "refusé";
    }
    return "";
}

std::string_view movement_label(core::Movement m)
{
    switch (m) {
    case core::Movement::engagement:
        return "Engagements";
    case core::Movement::admissibilite:
        return "Admissibilités";
    case core::Movement::labellisation:
        return "Labellisations (1re attribution)";
    case core::Movement::maintien:
        return "Maintiens";
    case core::Movement::renouvellement:
        return "Renouvellements";
    case core::Movement::retrait:
        return "Retraits du label";
    case core::Movement::expiration:
        return "Expirations (sans renouvellement)";
    }
    return "";
}

std::string_view movement_event(core::Movement m)
{
    switch (m) {
    case core::Movement::engagement:
        return "engagement";
    case core::Movement::admissibilite:
        return "admissibilité";
    case core::Movement::labellisation:
        return "labellisation";
    case core::Movement::maintien:
        return "maintien du label";
    case core::Movement::renouvellement:
        return "renouvellement du label";
    case core::Movement::retrait:
        return "retrait du label";
    case core::Movement::expiration:
        return "expiration du label";
    }
    return "";
}

std::string_view decision_label(core::DecisionKind k)
{
    switch (k) {
    case core::DecisionKind::admissible:
        return "Admissible";
    case core::DecisionKind::labellise:
        return "Labellisé";
    case core::DecisionKind::maintenu:
        return "Label maintenu";
    case core::DecisionKind::renouvele:
        return "Label renouvelé";
    case core::DecisionKind::ajourne:
        return "Ajourné";
    case core::DecisionKind::refuse:
        return "Refusé";
    case core::DecisionKind::retire:
        return "Label retiré";
    case core::DecisionKind::suivi:
        return "Suivi du dossier";
    }
    return "";
}

std::string_view step_label(core::Step s)
{
    switch (s) {
    case core::Step::engagement:
        return "Engagement";
    case core::Step::diagnostic:
        return "Diagnostic HQS®";
    case core::Step::paa:
        return "Plan d'actions (PAA)";
    case core::Step::candidature:
        return "Candidature";
    case core::Step::verification:
        return "Audit de vérification";
    case core::Step::renouvellement:
        return "Renouvellement";
    }
    return "";
}

std::string_view audit_label(std::optional<core::AuditType> t)
{
    if (!t) return "audit";
    switch (*t) {
    case core::AuditType::diagnostic:
        return "diagnostic HQS®";
    case core::AuditType::verification:
        return "audit de vérification";
    case core::AuditType::renouvellement:
        return "diagnostic HQS® de renouvellement";
    case core::AuditType::mise_en_oeuvre:
        return "audit de mise en œuvre du PAA";
    }
    return "audit";
}

std::string_view action_state_label(std::optional<core::ActionState> s)
{
    if (!s) return "état inconnu";
    switch (*s) {
    case core::ActionState::prevue:
        return "prévue";
    case core::ActionState::en_cours:
        return "en cours";
    case core::ActionState::realisee:
        return "réalisée";
    case core::ActionState::abandonnee:
        return "abandonnée";
    }
    return "";
}

// "18 450" with a narrow no-break space, as French typesetting groups digits.
std::string grouped(long long n)
{
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// "12,5" (French decimal comma), "304".
std::string decimal_fr(double v)
{
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

// A share as a whole percentage, rounded half up: "33 %"; "—" when there is no total.
std::string percent(int part, int total)
{
    if (total <= 0) return "—";
    return fmt::format("{}\u202f%", (200LL * part + total) / (2LL * total));
}

std::string date_text(std::optional<Date> d)
{
    return d ? core::long_date(*d, core::Lang::fr) : std::string("—");
}

std::string theme_title(const core::Bilan& b, const std::string& id)
{
    for (const core::ThemeCount& t : b.themes.par_theme)
        if (t.theme == id) return t.titre;
    return {};
}

} // namespace

J bilan_json(const core::Model& model, const core::Bilan& b)
{
    J root;
    root["annee"] = b.annee;
    root["periode"] = J{{"debut", core::iso(b.debut)}, {"fin", core::iso(b.fin)}, {"complete", b.complete}};
    root["date_reference"] = core::iso(b.as_of);

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
    root["organismes"] = org;

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
        chrono.push_back(J{{"date", core::iso(e.date)}, {"mouvement", core::to_string(e.type)}, {"organisme", e.organisme}});
    root["chronologie"] = chrono;

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
    root["comite"] = com;

    J dep;
    dep["dossiers_deposes"] = b.depots.deposes;
    dep["a_l_heure"] = b.depots.a_l_heure;
    dep["en_retard"] = b.depots.en_retard;
    dep["anticipes"] = b.depots.anticipes;
    dep["date_inconnue"] = b.depots.date_inconnue;
    J outside = J::array();
    for (const core::FilingLine& f : b.depots.hors_fenetre)
        outside.push_back(J{{"organisme", f.organisme},
                            {"seance", core::iso(f.seance)},
                            {"depot", date_j(f.depot)},
                            {"statut", f.en_retard ? "en-retard" : "anticipe"}});
    dep["hors_fenetre"] = outside;
    root["depots"] = dep;

    root["durees"] = J{{"engagement_admissibilite", stats_j(b.durees.engagement_admissibilite)},
                       {"admissibilite_labellisation", stats_j(b.durees.admissibilite_labellisation)},
                       {"engagement_labellisation", stats_j(b.durees.engagement_labellisation)},
                       {"depot_decision", stats_j(b.durees.depot_decision)}};

    J th;
    th["audits"] = b.themes.audits;
    J by_theme = J::array();
    for (const core::ThemeCount& t : b.themes.par_theme)
        by_theme.push_back(theme_j(t));
    th["par_theme"] = by_theme;
    th["hors_cadre"] = theme_j(b.themes.hors_cadre);
    th["plus_faibles"] = b.themes.faibles;
    J strong = J::array();
    for (const core::StrongPoint& p : b.themes.points_forts)
        strong.push_back(J{{"organisme", p.organisme},
                           {"audit", date_j(p.audit)},
                           {"type", p.type ? J(core::to_string(*p.type)) : J(nullptr)},
                           {"critere", p.critere},
                           {"critere_titre", p.critere_titre},
                           {"theme", p.theme},
                           {"constat", p.constat}});
    th["points_forts"] = strong;
    root["themes"] = th;

    J act;
    act["dues"] = b.actions.dues;
    act["realisees"] = b.actions.realisees;
    act["en_retard"] = b.actions.en_retard;
    act["ouvertes"] = b.actions.ouvertes;
    act["abandonnees"] = b.actions.abandonnees;
    J late = J::array();
    for (const core::LateAction& a : b.actions.liste_en_retard)
        late.push_back(J{{"organisme", a.organisme},
                         {"action", a.action},
                         {"titre", a.titre},
                         {"echeance", core::iso(a.echeance)},
                         {"etat", a.etat ? J(core::to_string(*a.etat)) : J(nullptr)}});
    act["liste_en_retard"] = late;
    root["actions_paa"] = act;

    J con;
    con["evenements"] = b.concertation.evenements;
    con["organismes"] = b.concertation.organismes;
    J steps = J::object();
    for (const core::StepEvents& s : b.concertation.par_etape)
        steps[std::string(core::to_string(s.etape))] =
            J{{"information", s.information}, {"association", s.association}, {"total", s.total()}};
    con["par_etape"] = steps;
    root["concertation"] = con;

    J aud;
    int audits = 0;
    J per = J::array();
    for (const core::AuditorLine& a : b.audits_par_auditeur) {
        audits += a.audits;
        per.push_back(J{{"auditeur", a.auditeur},
                        {"nom", a.auditeur.empty() ? std::string() : auditor_name(model, a.auditeur)},
                        {"audits", a.audits},
                        {"diagnostics", a.diagnostics},
                        {"verifications", a.verifications},
                        {"renouvellements", a.renouvellements},
                        {"jours", number_j(a.jours)}});
    }
    aud["audits"] = audits;
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
    root["auditeurs"] = aud;

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
    root["qualite_donnees"] = q;
    return root;
}

J bilan_tree(const core::Model& model, const core::Bilan& b)
{
    J t;
    t["annee"] = b.annee;
    t["annee_suivante"] = b.annee + 1;
    t["complete"] = b.complete;
    t["debut_texte"] = core::long_date(b.debut, core::Lang::fr);
    t["fin_texte"] = core::long_date(b.fin, core::Lang::fr);
    t["date_reference_texte"] = core::long_date(b.as_of, core::Lang::fr);
    if (model.referent && !model.referent->nom.empty())
        t["referent"] = J{{"nom", model.referent->nom}, {"fonction", model.referent->fonction}};
    else
        t["referent"] = nullptr;
    t["cadre_exemple"] = model.framework.exemple;

    const int labelled = b.count(core::PathwayState::labellise);
    t["chiffres"] = J::array({
        J{{"libelle", "Organismes dans le parcours"}, {"valeur", std::to_string(b.organismes.size())}},
        J{{"libelle", "Organismes labellisés"}, {"valeur", std::to_string(labelled)}},
        J{{"libelle", "Logements couverts par un label valide"}, {"valeur", grouped(b.logements_label_valide)}},
        J{{"libelle", "Comités tenus"}, {"valeur", std::to_string(b.seances.size())}},
        J{{"libelle", "Dossiers examinés"}, {"valeur", std::to_string(b.dossiers_examines)}},
        J{{"libelle", "Audits de l'année"}, {"valeur", std::to_string(b.themes.audits)}},
    });

    J states = J::array();
    for (core::PathwayState s : core::all_states)
        states.push_back(J{{"etat", core::to_string(s)}, {"libelle", state_label(s)}, {"nombre", b.count(s)},
                           {"part", percent(b.count(s), static_cast<int>(b.organismes.size()))}});
    t["etats"] = states;
    t["organismes_total"] = b.organismes.size();
    t["pas_encore_engages"] = b.pas_encore_engages > 0 ? J(b.pas_encore_engages) : J(nullptr);
    t["logements_label_valide"] = grouped(b.logements_label_valide);
    J orgs = J::array();
    for (const core::OrganismeAtEnd& o : b.organismes) {
        std::string state(state_short(o.parcours.etat));
        if (o.parcours.annee_cycle) state += fmt::format(" (année {} du cycle)", *o.parcours.annee_cycle);
        orgs.push_back(J{{"organisme", o.organisme->slug},
                         {"nom", o.organisme->nom.empty() ? o.organisme->slug : o.organisme->nom},
                         {"famille", o.organisme->famille},
                         {"logements", grouped(o.organisme->logements)},
                         {"etat_texte", state},
                         {"depuis_texte", date_text(o.parcours.depuis)},
                         {"valide_jusqu_au_texte", o.parcours.valide_jusqu_au ? date_text(o.parcours.valide_jusqu_au) : ""}});
    }
    t["organismes"] = orgs;
    t["entonnoir"] = J::array({
        J{{"libelle", "Engagés"}, {"nombre", b.entonnoir.engages}},
        J{{"libelle", "Admissibles au moins une fois"}, {"nombre", b.entonnoir.admissibles}},
        J{{"libelle", "Labellisés au moins une fois"}, {"nombre", b.entonnoir.labellises}},
        J{{"libelle", "Label valide en fin de période"}, {"nombre", b.entonnoir.label_valide}},
    });

    J moves = J::array();
    for (core::Movement m : core::all_movements)
        moves.push_back(J{{"mouvement", core::to_string(m)}, {"libelle", movement_label(m)}, {"nombre", b.count(m)}});
    t["mouvements"] = moves;
    J chrono = J::array();
    for (const core::MovementEvent& e : b.chronologie)
        chrono.push_back(J{{"date_texte", date_text(e.date)},
                           {"libelle", movement_event(e.type)},
                           {"nom", name_of(model, e.organisme)}});
    t["chronologie"] = chrono;

    J sessions = J::array();
    for (const core::SessionLine& s : b.seances)
        sessions.push_back(J{{"date_texte", date_text(s.date)},
                             {"lieu", s.session->lieu.empty() ? std::string("—") : s.session->lieu},
                             {"presents", s.presents},
                             {"decisions", s.decisions},
                             {"dossiers", s.dossiers}});
    t["seances"] = sessions;
    J planned = J::array();
    for (Date d : b.seances_prevues)
        planned.push_back(J{{"date_texte", date_text(d)}});
    t["seances_prevues"] = planned;
    t["dossiers_examines"] = b.dossiers_examines;
    t["decisions_total"] = b.decisions_total();
    t["derogations"] = b.derogations;
    J kinds = J::array();
    for (core::DecisionKind k : core::all_decisions)
        kinds.push_back(J{{"decision", core::to_string(k)}, {"libelle", decision_label(k)}, {"nombre", b.count(k)}});
    t["decisions"] = kinds;

    J dep;
    dep["deposes"] = b.depots.deposes;
    dep["a_l_heure"] = b.depots.a_l_heure;
    dep["en_retard"] = b.depots.en_retard;
    dep["anticipes"] = b.depots.anticipes;
    dep["date_inconnue"] = b.depots.date_inconnue;
    dep["part_a_l_heure"] = percent(b.depots.a_l_heure, b.depots.deposes);
    J outside = J::array();
    for (const core::FilingLine& f : b.depots.hors_fenetre)
        outside.push_back(J{{"nom", name_of(model, f.organisme)},
                            {"seance_texte", date_text(f.seance)},
                            {"depot_texte", date_text(f.depot)},
                            {"statut_texte", f.en_retard ? "en retard" : "anticipé"},
                            {"statut", f.en_retard ? "en-retard" : "anticipe"}});
    dep["hors_fenetre"] = outside;
    t["depots"] = dep;

    const auto stats_row = [](std::string_view label, const core::DurationStats& s) {
        J r;
        r["libelle"] = label;
        r["nombre"] = s.nombre;
        r["mediane"] = s.mediane ? decimal_fr(*s.mediane) + " j" : "—";
        r["etendue"] = s.min ? fmt::format("{} – {} j", *s.min, *s.max) : "—";
        r["quartiles"] = s.q1 ? fmt::format("{} – {} j", decimal_fr(*s.q1), decimal_fr(*s.q3)) : "—";
        return r;
    };
    t["durees"] = J::array({stats_row("Engagement → admissibilité", b.durees.engagement_admissibilite),
                            stats_row("Admissibilité → labellisation", b.durees.admissibilite_labellisation),
                            stats_row("Engagement → labellisation", b.durees.engagement_labellisation),
                            stats_row("Dépôt du dossier → décision du comité", b.durees.depot_decision)});

    t["audits"] = b.themes.audits;
    J themes = J::array();
    for (const core::ThemeCount& c : b.themes.par_theme)
        themes.push_back(J{{"theme", c.theme},
                           {"titre", c.titre},
                           {"points_forts", c.points_forts},
                           {"conformes", c.conformes},
                           {"points_alerte", c.points_alerte},
                           {"non_evalues", c.non_evalues},
                           {"taux_alerte", percent(c.points_alerte, c.evalues())}});
    t["themes"] = themes;
    const core::ThemeCount& out = b.themes.hors_cadre;
    t["hors_cadre"] = out.evalues() + out.non_evalues > 0
                          ? J{{"points_forts", out.points_forts},
                              {"conformes", out.conformes},
                              {"points_alerte", out.points_alerte},
                              {"non_evalues", out.non_evalues}}
                          : J(nullptr);
    J weak = J::array();
    for (const std::string& id : b.themes.faibles) {
        for (const core::ThemeCount& c : b.themes.par_theme)
            if (c.theme == id)
                weak.push_back(J{{"theme", id},
                                 {"titre", c.titre},
                                 {"points_alerte", c.points_alerte},
                                 {"taux_alerte", percent(c.points_alerte, c.evalues())}});
    }
    t["themes_faibles"] = weak;
    J strong = J::array();
    for (const core::StrongPoint& p : b.themes.points_forts)
        strong.push_back(J{{"nom", name_of(model, p.organisme)},
                           {"organisme", p.organisme},
                           {"audit_texte", date_text(p.audit)},
                           {"type_texte", audit_label(p.type)},
                           {"critere", p.critere},
                           {"critere_titre", p.critere_titre},
                           {"theme", p.theme},
                           {"theme_titre", theme_title(b, p.theme)},
                           {"constat", p.constat}});
    t["points_forts"] = strong;

    J act;
    act["dues"] = b.actions.dues;
    act["realisees"] = b.actions.realisees;
    act["en_retard"] = b.actions.en_retard;
    act["ouvertes"] = b.actions.ouvertes;
    act["abandonnees"] = b.actions.abandonnees;
    act["part_realisees"] = percent(b.actions.realisees, b.actions.dues - b.actions.abandonnees);
    J late = J::array();
    for (const core::LateAction& a : b.actions.liste_en_retard)
        late.push_back(J{{"nom", name_of(model, a.organisme)},
                         {"action", a.action},
                         {"titre", a.titre},
                         {"echeance_texte", date_text(a.echeance)},
                         {"etat_texte", action_state_label(a.etat)}});
    act["liste_en_retard"] = late;
    t["actions"] = act;

    J con;
    con["evenements"] = b.concertation.evenements;
    con["organismes"] = b.concertation.organismes;
    J steps = J::array();
    for (const core::StepEvents& s : b.concertation.par_etape)
        steps.push_back(J{{"libelle", step_label(s.etape)},
                          {"information", s.information},
                          {"association", s.association},
                          {"total", s.total()}});
    con["etapes"] = steps;
    t["concertation"] = con;

    J per = J::array();
    int audits = 0;
    for (const core::AuditorLine& a : b.audits_par_auditeur) {
        audits += a.audits;
        per.push_back(J{{"nom", auditor_name(model, a.auditeur)},
                        {"auditeur", a.auditeur},
                        {"audits", a.audits},
                        {"diagnostics", a.diagnostics},
                        {"verifications", a.verifications},
                        {"renouvellements", a.renouvellements},
                        {"jours", decimal_fr(a.jours)}});
    }
    t["auditeurs"] = per;
    t["audits_total"] = audits;
    const auto approvals = [&](const std::vector<core::ApprovalLine>& lines) {
        J list = J::array();
        for (const core::ApprovalLine& l : lines)
            list.push_back(J{{"nom", auditor_name(model, l.auditeur)},
                             {"debut_texte", date_text(l.debut)},
                             {"fin_texte", date_text(l.fin)}});
        return list;
    };
    t["agrements_fin"] = approvals(b.agrements_fin_annee_suivante);
    t["agrements_accordes"] = approvals(b.agrements_accordes);

    J q;
    q["organismes_en_erreur"] = b.qualite.size();
    q["organismes_avec_avertissements"] = b.organismes_avec_avertissements;
    J ql = J::array();
    for (const core::DataQualityLine& l : b.qualite)
        ql.push_back(J{{"nom", name_of(model, l.organisme)},
                       {"organisme", l.organisme},
                       {"erreurs", l.erreurs},
                       {"avertissements", l.avertissements}});
    q["liste"] = ql;
    t["qualite"] = q;
    return t;
}

std::string bilan_chart(const core::Model& model, const core::Bilan& b, std::string_view name)
{
    if (name == "themes") {
        std::vector<ThemeBar> bars;
        for (const core::ThemeCount& c : b.themes.par_theme)
            bars.push_back({c.theme + " — " + c.titre, c.points_forts, c.points_alerte});
        return svg_theme_bars(bars, fmt::format("Points forts et points d'alerte par thème, audits de {}", b.annee));
    }
    if (name == "entonnoir") {
        return svg_funnel({{"Engagés", b.entonnoir.engages},
                           {"Admissibles", b.entonnoir.admissibles},
                           {"Labellisés", b.entonnoir.labellises},
                           {"Label valide", b.entonnoir.label_valide}},
                          fmt::format("Parcours des organismes au {}", core::long_date(b.fin, core::Lang::fr)));
    }
    if (name == "seances") {
        std::vector<TimelineSession> sessions;
        for (const core::SessionLine& s : b.seances)
            sessions.push_back({s.date, s.decisions, true});
        for (Date d : b.seances_prevues)
            sessions.push_back({d, 0, false});
        return svg_timeline(b.annee, sessions, fmt::format("Séances du comité de labellisation en {}", b.annee));
    }
    (void)model;
    return {};
}

std::string bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& b,
                           DocumentFormat format)
{
    std::string out = render_document(template_text, bilan_tree(model, b), format);
    if (format != DocumentFormat::html) return out;
    // Markers are HTML comments of the template itself: a value of the repository, escaped
    // before the template sees it, can never produce one.
    for (std::string_view name : {"themes", "entonnoir", "seances"}) {
        const std::string marker = fmt::format("<!--quali:graphique-{}-->", name);
        std::string chart;
        for (std::size_t at = out.find(marker); at != std::string::npos; at = out.find(marker, at + chart.size())) {
            if (chart.empty()) chart = bilan_chart(model, b, name);
            out.replace(at, marker.size(), chart);
        }
    }
    return out;
}

} // namespace quali::render
