// SPDX-License-Identifier: EUPL-1.2
// The data the mini-bilan's templates see (bilan.hpp bilan_tree, docs/bilan.md §9): core::Bilan
// laid out as rows with their French labels (core vocabulary), dates in words, percentages.
#include "bilan_data.hpp"
#include "french_numbers.hpp"

#include "quali/core/vocabulary.hpp"
#include "quali/render/bilan.hpp"

#include <fmt/format.h>

namespace quali::render {

namespace {

using namespace detail;

std::string date_text(std::optional<Date> d)
{
    return d ? core::long_date(*d, core::Lang::fr) : std::string("—");
}

std::string theme_title(const core::Bilan& b, const std::string& id)
{
    const core::ThemeCount* t = b.theme(id);
    return t != nullptr ? t->titre : std::string();
}

void add_organismes(J& t, const core::Model& model, const core::Bilan& b, LazyRows* lazy)
{
    J states = J::array();
    for (core::PathwayState s : core::all_states)
        states.push_back(J{{"etat", core::to_string(s)},
                           {"libelle", core::heading(core::Lang::fr, s)},
                           {"nombre", b.count(s)},
                           {"part", percent(b.count(s), static_cast<int>(b.organismes.size()))}});
    t["etats"] = states;
    t["organismes_total"] = b.organismes.size();
    t["pas_encore_engages"] = b.pas_encore_engages > 0 ? J(b.pas_encore_engages) : J(nullptr);
    t["logements_label_valide"] = grouped(b.logements_label_valide);
    t["organismes"] = rows(lazy, b.organismes.size(), [&model, &b](std::size_t i) {
        const core::OrganismeAtEnd& o = b.organismes[i];
        return J{{"organisme", o.organisme->slug},
                 {"nom", name_of(model, o.organisme->slug)},
                 {"famille", o.organisme->famille},
                 {"logements", grouped(o.organisme->logements)},
                 {"etat_texte", core::label(core::Lang::fr, o.parcours)},
                 {"depuis_texte", date_text(o.parcours.depuis)},
                 {"valide_jusqu_au_texte",
                  o.parcours.valide_jusqu_au ? date_text(o.parcours.valide_jusqu_au) : ""}};
    });
    t["entonnoir"] = J::array({
        J{{"libelle", "Engagés"}, {"nombre", b.entonnoir.engages}},
        J{{"libelle", "Admissibles au moins une fois"}, {"nombre", b.entonnoir.admissibles}},
        J{{"libelle", "Labellisés au moins une fois"}, {"nombre", b.entonnoir.labellises}},
        J{{"libelle", "Label valide en fin de période"}, {"nombre", b.entonnoir.label_valide}},
    });
}

void add_movements(J& t, const core::Model& model, const core::Bilan& b, LazyRows* lazy)
{
    J moves = J::array();
    for (core::Movement m : core::all_movements)
        moves.push_back(J{{"mouvement", core::to_string(m)},
                          {"libelle", core::heading(core::Lang::fr, m)},
                          {"nombre", b.count(m)}});
    t["mouvements"] = moves;
    t["chronologie"] = rows(lazy, b.chronologie.size(), [&model, &b](std::size_t i) {
        const core::MovementEvent& e = b.chronologie[i];
        return J{{"date_texte", date_text(e.date)},
                 {"libelle", core::label(core::Lang::fr, e.type)},
                 {"nom", name_of(model, e.organisme)}};
    });
}

void add_committee(J& t, const core::Model& model, const core::Bilan& b)
{
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
    t["seances_prevues_titre"] = b.seances_prevues.size() < 2 ? "Séance prévue" : "Séances prévues";
    t["dossiers_examines"] = b.dossiers_examines;
    t["decisions_total"] = b.decisions_total();
    t["derogations"] = b.derogations;
    t["comite_texte"] = fmt::format(
        "{}, {}, {} dont {} avec dérogation.", core::count_of(core::Lang::fr, b.seances.size(), "séance tenue", "séances tenues"),
        core::count_of(core::Lang::fr, b.dossiers_examines, "dossier examiné", "dossiers examinés"),
        core::count_of(core::Lang::fr, b.decisions_total(), "décision", "décisions"),
        b.derogations == 0 ? std::string("aucune") : std::to_string(b.derogations));
    J kinds = J::array();
    for (core::DecisionKind k : core::all_decisions)
        kinds.push_back(J{{"decision", core::to_string(k)},
                          {"libelle", core::capitalized(core::label(core::Lang::fr, k))},
                          {"nombre", b.count(k)}});
    t["decisions"] = kinds;

    J dep = filing_counts_j(b.depots, "deposes");
    dep["part_a_l_heure"] = percent(b.depots.a_l_heure, b.depots.deposes);
    J outside = J::array();
    for (const core::FilingLine& f : b.depots.hors_fenetre)
        outside.push_back(
            J{{"nom", name_of(model, f.organisme)},
              {"seance_texte", date_text(f.seance)},
              {"depot_texte", date_text(f.depot)},
              {"statut_texte", core::label(core::Lang::fr, f.en_retard ? core::FilingStatus::en_retard
                                                                       : core::FilingStatus::anticipe)},
              {"statut", f.en_retard ? "en-retard" : "anticipe"}});
    dep["hors_fenetre"] = outside;
    t["depots"] = dep;
}

void add_durations(J& t, const core::Bilan& b)
{
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
}

void add_themes(J& t, const core::Model& model, const core::Bilan& b, LazyRows* lazy)
{
    t["audits"] = b.themes.audits;
    t["audits_texte"] = core::count_of(core::Lang::fr, b.themes.audits, "audit réalisé", "audits réalisés");
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
    t["hors_cadre"] = out.total() > 0 ? J{{"points_forts", out.points_forts},
                                          {"conformes", out.conformes},
                                          {"points_alerte", out.points_alerte},
                                          {"non_evalues", out.non_evalues}}
                                      : J(nullptr);
    J weak = J::array();
    for (const std::string& id : b.themes.faibles)
        if (const core::ThemeCount* c = b.theme(id))
            weak.push_back(J{{"theme", id},
                             {"titre", c->titre},
                             {"points_alerte", c->points_alerte},
                             {"points_alerte_texte",
                              core::count_of(core::Lang::fr, c->points_alerte, "point d'alerte", "points d'alerte")},
                             {"taux_alerte", percent(c->points_alerte, c->evalues())}});
    t["themes_faibles"] = weak;
    t["points_forts"] = rows(lazy, b.themes.points_forts.size(), [&model, &b](std::size_t i) {
        const core::StrongPoint p = b.themes.points_forts[i];
        return J{{"nom", name_of(model, p.organisme)},
                 {"organisme", p.organisme},
                 {"audit_texte", date_text(p.audit)},
                 {"type_texte", core::audit_name(core::Lang::fr, p.type)},
                 {"critere", p.critere},
                 {"critere_titre", p.critere_titre},
                 {"theme", p.theme},
                 {"theme_titre", theme_title(b, p.theme)},
                 {"constat", p.constat}};
    });
}

void add_actions(J& t, const core::Model& model, const core::Bilan& b, LazyRows* lazy)
{
    J act = action_counts_j(b.actions);
    act["part_realisees"] = percent(b.actions.realisees, b.actions.a_realiser());
    act["liste_en_retard"] = rows(lazy, b.actions.liste_en_retard.size(), [&model, &b](std::size_t i) {
        const core::LateAction& a = b.actions.liste_en_retard[i];
        return J{{"nom", name_of(model, a.organisme)},
                 {"action", a.action},
                 {"titre", a.titre},
                 {"echeance_texte", date_text(a.echeance)},
                 {"etat_texte", core::label(core::Lang::fr, a.etat)}};
    });
    t["actions"] = act;
}

void add_concertation(J& t, const core::Bilan& b)
{
    J con;
    con["evenements"] = b.concertation.evenements;
    con["organismes"] = b.concertation.organismes;
    con["texte"] = fmt::format("{} de concertation dans la période, chez {}.",
                               core::count_of(core::Lang::fr, b.concertation.evenements, "événement", "événements"),
                               core::count_of(core::Lang::fr, b.concertation.organismes, "organisme", "organismes"));
    J steps = J::array();
    for (const core::StepEvents& s : b.concertation.par_etape)
        steps.push_back(J{{"libelle", core::label(core::Lang::fr, s.etape)},
                          {"information", s.information},
                          {"association", s.association},
                          {"total", s.total()}});
    con["etapes"] = steps;
    t["concertation"] = con;
}

void add_auditors(J& t, const core::Model& model, const core::Bilan& b)
{
    J per = J::array();
    for (const core::AuditorLine& a : b.audits_par_auditeur) {
        per.push_back(J{{"nom", auditor_name(model, a.auditeur)},
                        {"auditeur", a.auditeur},
                        {"audits", a.audits},
                        {"diagnostics", a.diagnostics},
                        {"verifications", a.verifications},
                        {"renouvellements", a.renouvellements},
                        {"jours", decimal_fr(a.jours)}});
    }
    t["auditeurs"] = per;
    t["audits_total"] = b.audits_total();
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
}

void add_quality(J& t, const core::Model& model, const core::Bilan& b)
{
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
}

} // namespace

J bilan_tree(const core::Model& model, const core::Bilan& b, LazyRows* lazy)
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
        J{{"libelle", "Logements couverts par un label valide"},
          {"valeur", grouped(b.logements_label_valide)}},
        J{{"libelle", "Comités tenus"}, {"valeur", std::to_string(b.seances.size())}},
        J{{"libelle", "Dossiers examinés"}, {"valeur", std::to_string(b.dossiers_examines)}},
        J{{"libelle", "Audits de l'année"}, {"valeur", std::to_string(b.themes.audits)}},
    });
    add_organismes(t, model, b, lazy);
    add_movements(t, model, b, lazy);
    add_committee(t, model, b);
    add_durations(t, b);
    add_themes(t, model, b, lazy);
    add_actions(t, model, b, lazy);
    add_concertation(t, b);
    add_auditors(t, model, b);
    add_quality(t, model, b);
    return t;
}

} // namespace quali::render
