// SPDX-License-Identifier: EUPL-1.2
// The pieces the committee papers' data trees share (document_data.hpp): identities, dates,
// pathways, decisions, audits, the plan, the concertation, candidatures and validation.
#include "document_data.hpp"

#include "french_numbers.hpp"

#include "quali/core/deadlines.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/vocabulary.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace quali::render::detail {

J opt_str(const std::string& s)
{
    return s.empty() ? J(nullptr) : J(s);
}

void put_date(J& j, const std::string& key, std::optional<Date> d)
{
    j[key] = d ? J(core::iso(*d)) : J(nullptr);
    j[key + "_texte"] = d ? J(core::long_date(*d, fr)) : J(nullptr);
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string joined(const std::vector<core::Text>& items)
{
    std::string out;
    for (const core::Text& t : items)
        out += (out.empty() ? "" : ", ") + t.value;
    return out;
}

std::string name_of(const core::Organisme& o)
{
    return o.nom.empty() ? o.slug : o.nom;
}

J auditor_j(const core::Model& model, const std::string& id)
{
    const core::Auditor* who = model.auditor(id);
    return who != nullptr && !who->nom.empty() ? J(who->nom) : opt_str(id);
}

J contact_j(const core::Organisme& o)
{
    if (o.contact_nom.empty() && o.contact_courriel.empty()) return nullptr;
    return J{{"civilite", o.contact_civilite ? J(core::to_string(*o.contact_civilite)) : J(nullptr)},
             {"nom", opt_str(o.contact_nom)},
             {"fonction", opt_str(o.contact_fonction)},
             {"courriel", opt_str(o.contact_courriel)}};
}

J window_j(const core::Window& w)
{
    J j;
    put_date(j, "ouverture", w.opens);
    put_date(j, "fermeture", w.closes);
    return j;
}

J pathway_j(const core::Pathway& p)
{
    J j;
    j["etat"] = core::to_string(p.etat);
    j["etat_texte"] = core::label(fr, p);
    put_date(j, "depuis", p.depuis);
    j["annee_cycle"] = p.annee_cycle ? J(*p.annee_cycle) : J(nullptr);
    put_date(j, "valide_jusqu_au", p.valide_jusqu_au);
    j["prochaine_etape"] = p.prochaine_etape ? J(core::to_string(*p.prochaine_etape)) : J(nullptr);
    j["prochaine_etape_texte"] = p.prochaine_etape ? J(core::label(fr, *p.prochaine_etape)) : J(nullptr);
    put_date(j, "echeance", p.echeance);
    put_date(j, "seance_visee", p.seance_visee);
    j["fenetre_depot"] = p.fenetre_depot ? window_j(*p.fenetre_depot) : J(nullptr);
    j["en_retard"] = p.en_retard;
    if (p.derogation) {
        J d;
        d["objet"] = p.derogation->objet;
        put_date(d, "echeance", p.derogation->echeance);
        put_date(d, "seance", p.derogation->seance);
        j["derogation"] = d;
    } else {
        j["derogation"] = nullptr;
    }
    return j;
}

J votes_j(const std::optional<core::Votes>& v)
{
    if (!v) return nullptr;
    return J{{"pour", v->pour}, {"contre", v->contre}, {"abstention", v->abstention}, {"total", v->total()}};
}

J decision_j(const core::Decision& d, Date seance)
{
    J j;
    put_date(j, "seance", seance);
    j["decision"] = d.kind ? J(core::to_string(*d.kind)) : J(nullptr);
    j["decision_texte"] = d.kind ? J(core::label(fr, *d.kind)) : J("décision illisible");
    j["votes"] = votes_j(d.votes);
    j["conditions"] = d.conditions;
    j["motif"] = opt_str(d.motif);
    if (d.derogation) {
        J g;
        g["objet"] = d.derogation->objet;
        put_date(g, "echeance", d.derogation->echeance.value);
        j["derogation"] = g;
    } else {
        j["derogation"] = nullptr;
    }
    return j;
}

J person_j(const core::Person& p)
{
    J j;
    j["nom"] = opt_str(p.nom);
    j["organisation"] = opt_str(p.organisation);
    j["role"] = opt_str(p.role);
    j["role_texte"] = p.role.empty() ? J(nullptr) : J(core::role_label(fr, p.role));
    return j;
}

J referent_j(const core::Model& model)
{
    if (!model.referent) return nullptr;
    const core::Referent& r = *model.referent;
    return J{{"nom", opt_str(r.nom)},
             {"fonction", opt_str(r.fonction)},
             {"courriel", opt_str(r.courriel)},
             {"telephone", opt_str(r.telephone)}};
}

// The identity lines every document gives of an organisme.
J identity_j(const core::Organisme& o)
{
    J j;
    j["organisme"] = o.slug;
    j["nom"] = name_of(o);
    j["sigle"] = opt_str(o.sigle);
    j["famille"] = opt_str(o.famille);
    j["federation"] = opt_str(o.federation);
    j["federation_texte"] = o.federation.empty() ? J(nullptr) : J(core::federation_label(fr, o.federation));
    j["region"] = opt_str(o.region);
    j["logements"] = o.logements;
    j["logements_texte"] = grouped(o.logements);
    return j;
}

J diagnostic_j(const core::Diagnostic& d)
{
    const bool error = d.severity == core::Severity::error;
    return J{{"code", d.code},       {"gravite", error ? "erreur" : "avertissement"},
             {"erreur", error},      {"fichier", d.file},
             {"ligne", d.pos.line},  {"colonne", d.pos.column},
             {"message", d.message}, {"aide", opt_str(d.hint)}};
}

J validation_j(const core::ValidationSummary& v)
{
    J j;
    j["erreurs"] = v.erreurs;
    j["avertissements"] = v.avertissements;
    j["erreurs_dossier"] = v.erreurs_dossier;
    j["sans_probleme"] = v.diagnostics.empty();
    j["resume"] = core::count_of(fr, v.erreurs, "erreur", "erreurs") + ", " +
                  core::count_of(fr, v.avertissements, "avertissement", "avertissements");
    J list = J::array();
    for (const core::Diagnostic& d : v.diagnostics)
        list.push_back(diagnostic_j(d));
    j["diagnostics"] = list;
    return j;
}

J audit_j(const core::Model& model, const core::AuditSummary& s, bool details)
{
    const core::Audit& a = *s.audit;
    J j;
    j["fichier"] = s.chemin;
    j["type"] = a.type ? J(core::to_string(*a.type)) : J(nullptr);
    j["type_texte"] = core::audit_name(fr, a.type);
    j["titre_texte"] = core::capitalized(core::audit_name(fr, a.type));
    put_date(j, "debut", a.debut.value);
    put_date(j, "fin", a.fin.value);
    j["auditeur"] = opt_str(a.auditeur.value);
    j["auditeur_nom"] = auditor_j(model, a.auditeur.value);
    j["jours"] = a.jours ? J(*a.jours) : J(nullptr);
    j["jours_texte"] = a.jours ? J(core::count_of(fr, *a.jours, "jour", "jours")) : J(nullptr);
    j["points_forts"] = s.points_forts;
    j["conformes"] = s.conformes;
    j["points_alerte"] = s.points_alerte;
    j["non_evalues"] = s.non_evalues;
    const std::string strong_text = core::count_of(fr, s.points_forts, "point fort", "points forts");
    const std::string alert_text = core::count_of(fr, s.points_alerte, "point d'alerte", "points d'alerte");
    j["points_texte"] = strong_text + ", " + alert_text;
    j["resultats_texte"] =
        fmt::format("{}, {}, {}, {}", strong_text, core::count_of(fr, s.conformes, "conforme", "conformes"),
                    alert_text, core::count_of(fr, s.non_evalues, "non évalué", "non évalués"));
    put_date(j, "signature", a.signature ? a.signature->date.value : std::nullopt);
    j["cite"] = s.cite;
    if (details) {
        j["synthese"] = opt_str(a.synthese);
        J alerts = J::array(), strong = J::array();
        for (const core::Result& r : a.resultats) {
            if (r.evaluation != core::Evaluation::point_d_alerte &&
                r.evaluation != core::Evaluation::point_fort)
                continue;
            const core::Criterion* c = model.framework.criterion(r.critere.value);
            J item{{"critere", r.critere.value},
                   {"titre", c != nullptr ? J(c->titre) : J(nullptr)},
                   {"constat", opt_str(r.constat)}};
            (r.evaluation == core::Evaluation::point_d_alerte ? alerts : strong).push_back(item);
        }
        j["alertes"] = alerts;
        j["forces"] = strong;
    }
    return j;
}

J paa_j(const core::PaaSummary& p)
{
    J j;
    j["present"] = p.present;
    put_date(j, "mise_a_jour", p.mise_a_jour);
    j["actions"] = p.actions();
    j["prevues"] = p.prevues;
    j["en_cours"] = p.en_cours;
    j["realisees"] = p.realisees;
    j["abandonnees"] = p.abandonnees;
    j["etat_inconnu"] = p.etat_inconnu;
    j["resume"] =
        fmt::format("{} : {}, {} en cours, {}, {}", core::count_of(fr, p.actions(), "action", "actions"),
                    core::count_of(fr, p.prevues, "prévue", "prévues"), p.en_cours,
                    core::count_of(fr, p.realisees, "réalisée", "réalisées"),
                    core::count_of(fr, p.abandonnees, "abandonnée", "abandonnées"));
    j["points_alerte_total"] = p.points_alerte.size();
    j["points_alerte_traites"] = p.points_alerte.size() - p.points_alerte_non_traites.size();
    j["points_alerte_non_traites"] = p.points_alerte_non_traites;
    j["points_alerte_non_traites_texte"] = joined(p.points_alerte_non_traites);
    j["situations_total"] = p.situations.size();
    j["situations_traitees"] = p.situations.size() - p.situations_non_traitees.size();
    j["situations_non_traitees"] = p.situations_non_traitees;
    j["situations_non_traitees_texte"] = joined(p.situations_non_traitees);
    return j;
}

J concertation_j(const std::vector<core::StepCoverage>& steps)
{
    J list = J::array();
    for (const core::StepCoverage& s : steps) {
        J j;
        j["etape"] = core::to_string(s.etape);
        j["etape_texte"] = core::label(fr, s.etape);
        j["atteinte"] = s.atteinte;
        j["couverte"] = s.couverte();
        j["manquante"] = s.atteinte && !s.couverte();
        j["information"] = s.information;
        j["association"] = s.association;
        put_date(j, "derniere", s.derniere);
        list.push_back(j);
    }
    return list;
}

int count_if_steps(const std::vector<core::StepCoverage>& steps, bool covered)
{
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [&](const core::StepCoverage& s) {
        return s.atteinte && (!covered || s.couverte());
    }));
}

// « 3 étapes couvertes sur 4 franchies », « 1 étape couverte sur 1 franchie ».
std::string steps_text(const std::vector<core::StepCoverage>& steps)
{
    const int reached = count_if_steps(steps, false);
    return fmt::format("{} sur {} {}",
                       core::count_of(fr, count_if_steps(steps, true), "étape couverte", "étapes couvertes"),
                       reached, reached < 2 ? "franchie" : "franchies");
}

J candidature_j(const core::Model& model, const core::Candidature& c, std::optional<Date> seance,
                core::FilingStatus statut)
{
    J j;
    j["fichier"] = c.file;
    put_date(j, "seance", seance);
    j["demande"] = c.demande ? J(core::to_string(*c.demande)) : J(nullptr);
    j["demande_texte"] = c.demande ? J(core::label(fr, *c.demande)) : J("demande illisible");
    put_date(j, "depot", c.depot.value);
    j["statut_depot"] = core::to_string(statut);
    j["statut_depot_texte"] = core::label(fr, statut);
    j["jours_avant_seance"] =
        c.depot.value && seance ? J(static_cast<int>((*seance - *c.depot.value).count())) : J(nullptr);
    J pieces = J::array();
    for (const core::Text& t : c.pieces)
        pieces.push_back(t.value);
    j["pieces"] = pieces;
    if (c.validation) {
        J v;
        v["auditeur"] = opt_str(c.validation->auditeur.value);
        v["nom"] = auditor_j(model, c.validation->auditeur.value);
        put_date(v, "date", c.validation->date.value);
        j["validation_auditeur"] = v;
    } else {
        j["validation_auditeur"] = nullptr;
    }
    return j;
}

J decisions_j(const std::vector<core::PastDecision>& list)
{
    J out = J::array();
    for (const core::PastDecision& d : list)
        out.push_back(decision_j(*d.decision, d.seance));
    return out;
}

// The required pieces a candidature lacks (core::readiness): what the agenda's « Incomplets »
// and the instruction sheet show, the same reasons as quali validate's Q374-Q377.
J pieces_j(const core::Readiness& r)
{
    J list = J::array();
    for (const core::MissingPiece& p : r.manquantes)
        list.push_back(
            J{{"piece", core::to_string(p.kind)},
              {"etape", p.etape ? J(core::to_string(*p.etape)) : J(nullptr)},
              {"code", p.signale_par.empty() || p.signale_par == "fichier" ? p.code : p.signale_par},
              {"deja_signale", !p.signale_par.empty()},
              {"message", p.message},
              {"aide", opt_str(p.aide)},
              {"fichier", p.file}});
    return list;
}

// One line of a section list: the same keys in every section.
J section_item(const core::FiledDossier& f)
{
    J j = identity_j(*f.organisme);
    const core::Candidature& c = *f.candidature;
    j["demande"] = c.demande ? J(core::to_string(*c.demande)) : J(nullptr);
    j["demande_texte"] = c.demande ? J(core::label(fr, *c.demande)) : J("demande illisible");
    put_date(j, "depot", c.depot.value);
    j["statut_depot"] = core::to_string(f.statut);
    j["statut_depot_texte"] = core::label(fr, f.statut);
    j["erreurs"] = f.validation.erreurs_dossier;
    j["avertissements"] = f.validation.avertissements;
    j["codes_erreurs"] = joined(core::dossier_error_codes(f.validation));
    j["pieces_manquantes"] = pieces_j(f.pieces);
    j["complet"] = f.pieces.complete();
    return j;
}

J session_j(const core::Model& model, const core::Session& s, Date seance)
{
    J j;
    put_date(j, "date", seance);
    j["lieu"] = opt_str(s.lieu);
    j["fichier"] = s.file;
    j["tenue"] = s.held;
    j["fenetre_depot"] = window_j(core::filing_window(model.rules, seance));
    j["fenetre_depot"]["jours"] = model.rules.fenetre_depot_jours;
    j["fenetre_depot"]["jours_ouvres"] = model.rules.decompte == core::Counting::working;
    return j;
}

} // namespace quali::render::detail
