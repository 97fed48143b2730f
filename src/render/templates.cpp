// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/templates.hpp"

#include "quali/core/deadlines.hpp"
#include "quali/core/embedded.hpp"
#include "quali/core/rules.hpp"
#include "quali/render/html.hpp"
#include "quali/render/markdown.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <iterator>

namespace quali::render {

namespace {

using J = nlohmann::ordered_json;
using core::Date;
constexpr core::Lang fr = core::Lang::fr;

// --- French words of the codes -----------------------------------------------------------

std::string request_label(core::Request r)
{
    std::string s = core::step_name(r, fr);
    // "admissibilité" -> "Admissibilité": the first letter is ASCII for every step.
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

std::string_view decision_label(core::DecisionKind k)
{
    switch (k) {
    case core::DecisionKind::admissible:
        return "admissible";
    case core::DecisionKind::labellise:
        return "labellisé";
    case core::DecisionKind::maintenu:
        return "label maintenu";
    case core::DecisionKind::renouvele:
        return "label renouvelé";
    case core::DecisionKind::ajourne:
        return "ajourné";
    case core::DecisionKind::refuse:
        return "refusé";
    case core::DecisionKind::retire:
        return "label retiré";
    case core::DecisionKind::suivi:
        return "suivi du dossier";
    }
    return "";
}

std::string_view filing_label(core::FilingStatus s)
{
    switch (s) {
    case core::FilingStatus::a_l_heure:
        return "à l'heure";
    case core::FilingStatus::en_retard:
        return "en retard";
    case core::FilingStatus::anticipe:
        return "anticipé";
    case core::FilingStatus::inconnu:
        return "date de dépôt inconnue";
    }
    return "";
}

std::string state_label(const core::Pathway& p)
{
    switch (p.etat) {
    case core::PathwayState::engage:
        return "engagé";
    case core::PathwayState::admissible:
        return "admissible";
    case core::PathwayState::labellise:
        return p.annee_cycle ? fmt::format("labellisé (année {} du cycle)", *p.annee_cycle) : "labellisé";
    case core::PathwayState::expire:
        return "label expiré";
    case core::PathwayState::retire:
        return "label retiré";
    case core::PathwayState::refuse:
        return "refusé";
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
    if (!t) return "type inconnu";
    switch (*t) {
    case core::AuditType::diagnostic:
        return "diagnostic HQS®";
    case core::AuditType::verification:
        return "vérification";
    case core::AuditType::renouvellement:
        return "diagnostic HQS® de renouvellement";
    case core::AuditType::mise_en_oeuvre:
        return "mise en œuvre du PAA";
    }
    return "";
}

std::string_view action_label(std::optional<core::ActionState> s)
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

// --- small builders ----------------------------------------------------------------------

J opt_str(const std::string& s)
{
    return s.empty() ? J(nullptr) : J(s);
}

void put_date(J& j, const std::string& key, std::optional<Date> d)
{
    j[key] = d ? J(core::iso(*d)) : J(nullptr);
    j[key + "_texte"] = d ? J(core::long_date(*d, fr)) : J(nullptr);
}

// "18 450" with a narrow no-break space, as French typesetting groups digits.
std::string grouped(int n)
{
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
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
    j["etat_texte"] = state_label(p);
    put_date(j, "depuis", p.depuis);
    j["annee_cycle"] = p.annee_cycle ? J(*p.annee_cycle) : J(nullptr);
    put_date(j, "valide_jusqu_au", p.valide_jusqu_au);
    j["prochaine_etape"] = p.prochaine_etape ? J(core::to_string(*p.prochaine_etape)) : J(nullptr);
    j["prochaine_etape_texte"] = p.prochaine_etape ? J(core::step_name(*p.prochaine_etape, fr)) : J(nullptr);
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
    j["decision_texte"] = d.kind ? J(decision_label(*d.kind)) : J("décision illisible");
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
    j["role_texte"] = p.role == "president"        ? J("président")
                      : p.role == "vice-president" ? J("vice-président")
                                                   : J(nullptr);
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
    j["resume"] = core::count_of(core::Lang::fr, v.erreurs, "erreur", "erreurs") + ", " +
                  core::count_of(core::Lang::fr, v.avertissements, "avertissement", "avertissements");
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
    j["type_texte"] = audit_label(a.type);
    put_date(j, "debut", a.debut.value);
    put_date(j, "fin", a.fin.value);
    j["auditeur"] = opt_str(a.auditeur.value);
    const core::Auditor* who = model.auditor(a.auditeur.value);
    j["auditeur_nom"] = who != nullptr && !who->nom.empty() ? J(who->nom) : opt_str(a.auditeur.value);
    j["jours"] = a.jours ? J(*a.jours) : J(nullptr);
    j["jours_texte"] = a.jours ? J(core::count_of(core::Lang::fr, *a.jours, "jour", "jours")) : J(nullptr);
    j["points_forts"] = s.points_forts;
    j["conformes"] = s.conformes;
    j["points_alerte"] = s.points_alerte;
    j["non_evalues"] = s.non_evalues;
    const std::string strong_text = core::count_of(core::Lang::fr, s.points_forts, "point fort", "points forts");
    const std::string alert_text =
        core::count_of(core::Lang::fr, s.points_alerte, "point d'alerte", "points d'alerte");
    j["points_texte"] = strong_text + ", " + alert_text;
    j["resultats_texte"] = fmt::format("{}, {}, {}, {}", strong_text,
                                       core::count_of(core::Lang::fr, s.conformes, "conforme", "conformes"), alert_text,
                                       core::count_of(core::Lang::fr, s.non_evalues, "non évalué", "non évalués"));
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
    j["resume"] = fmt::format("{} : {}, {} en cours, {}, {}",
                              core::count_of(core::Lang::fr, p.actions(), "action", "actions"),
                              core::count_of(core::Lang::fr, p.prevues, "prévue", "prévues"), p.en_cours,
                              core::count_of(core::Lang::fr, p.realisees, "réalisée", "réalisées"),
                              core::count_of(core::Lang::fr, p.abandonnees, "abandonnée", "abandonnées"));
    j["points_alerte_total"] = p.points_alerte.size();
    j["points_alerte_traites"] = p.points_alerte.size() - p.points_alerte_non_traites.size();
    j["points_alerte_non_traites"] = p.points_alerte_non_traites;
    j["situations_total"] = p.situations.size();
    j["situations_traitees"] = p.situations.size() - p.situations_non_traitees.size();
    j["situations_non_traitees"] = p.situations_non_traitees;
    return j;
}

J concertation_j(const std::vector<core::StepCoverage>& steps)
{
    J list = J::array();
    for (const core::StepCoverage& s : steps) {
        J j;
        j["etape"] = core::to_string(s.etape);
        j["etape_texte"] = step_label(s.etape);
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
    return fmt::format("{} sur {} {}", core::count_of(core::Lang::fr, count_if_steps(steps, true), "étape couverte",
                                                     "étapes couvertes"),
                       reached, reached < 2 ? "franchie" : "franchies");
}

J candidature_j(const core::Model& model, const core::Candidature& c, std::optional<Date> seance,
                core::FilingStatus statut)
{
    J j;
    j["fichier"] = c.file;
    put_date(j, "seance", seance);
    j["demande"] = c.demande ? J(core::to_string(*c.demande)) : J(nullptr);
    j["demande_texte"] = c.demande ? J(core::step_name(*c.demande, fr)) : J("demande illisible");
    put_date(j, "depot", c.depot.value);
    j["statut_depot"] = core::to_string(statut);
    j["statut_depot_texte"] = filing_label(statut);
    j["jours_avant_seance"] =
        c.depot.value && seance ? J(static_cast<int>((*seance - *c.depot.value).count())) : J(nullptr);
    J pieces = J::array();
    for (const core::Text& t : c.pieces)
        pieces.push_back(t.value);
    j["pieces"] = pieces;
    if (c.validation) {
        J v;
        v["auditeur"] = opt_str(c.validation->auditeur.value);
        const core::Auditor* who = model.auditor(c.validation->auditeur.value);
        v["nom"] = who != nullptr && !who->nom.empty() ? J(who->nom) : opt_str(c.validation->auditeur.value);
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
        list.push_back(J{{"piece", core::to_string(p.kind)},
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
    j["demande_texte"] = c.demande ? J(core::step_name(*c.demande, fr)) : J("demande illisible");
    put_date(j, "depot", c.depot.value);
    j["statut_depot"] = core::to_string(f.statut);
    j["statut_depot_texte"] = filing_label(f.statut);
    j["erreurs"] = f.validation.erreurs_dossier;
    j["avertissements"] = f.validation.avertissements;
    std::vector<std::string> codes;
    for (const core::Diagnostic& d : f.validation.diagnostics)
        if (d.severity == core::Severity::error && d.code != "Q360" && d.code != "Q361" &&
            std::find(codes.begin(), codes.end(), d.code) == codes.end())
            codes.push_back(d.code);
    j["codes_erreurs"] = joined(codes);
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

} // namespace

// --- the documents -----------------------------------------------------------------------

nlohmann::ordered_json agenda_tree(const core::Model& model, const core::Agenda& a)
{
    J root;
    root["document"] = "agenda";
    put_date(root, "date_reference", a.as_of);
    put_date(root, "date_calcul", a.reference);
    J seance = session_j(model, *a.session, a.seance);
    put_date(seance, "seance_suivante", a.seance_suivante);
    J seats = J::array();
    for (const core::ConvenedSeat& cs : a.sieges) {
        const core::Seat& s = *cs.siege;
        seats.push_back(J{{"id", s.id},
                          {"libelle", s.libelle.empty() ? J(s.id) : J(s.libelle)},
                          {"college", opt_str(s.college_name)},
                          {"titulaire", person_j(s.titulaire)},
                          {"suppleant", person_j(s.suppleant)},
                          {"present", cs.present ? J(*cs.present) : J(nullptr)},
                          {"present_texte", cs.present ? J(*cs.present ? "oui" : "non") : J(nullptr)}});
    }
    seance["sieges"] = seats;
    root["seance"] = seance;
    root["referent"] = referent_j(model);

    J groups = J::array();
    for (int rank = 0; rank <= 4; ++rank) {
        J dossiers = J::array();
        for (const core::FiledDossier& f : a.dossiers) {
            const int r = f.candidature->demande ? static_cast<int>(*f.candidature->demande) : 4;
            if (r != rank) continue;
            J d = identity_j(*f.organisme);
            d["candidature"] = candidature_j(model, *f.candidature, a.seance, f.statut);
            d["statut_depot"] = core::to_string(f.statut);
            d["statut_depot_texte"] = filing_label(f.statut);
            d["incomplet"] = f.incomplet;
            d["pieces_manquantes"] = pieces_j(f.pieces);
            J audits = J::array();
            for (const core::AuditSummary& s : f.audits)
                audits.push_back(audit_j(model, s, false));
            d["audits"] = audits;
            d["paa"] = paa_j(f.paa);
            d["concertation"] = concertation_j(f.concertation);
            std::vector<core::StepCoverage> reached;
            std::copy_if(f.concertation.begin(), f.concertation.end(), std::back_inserter(reached),
                         [](const core::StepCoverage& c) { return c.atteinte; });
            d["concertation_franchies"] = concertation_j(reached);
            d["etapes_atteintes"] = count_if_steps(f.concertation, false);
            d["etapes_couvertes"] = count_if_steps(f.concertation, true);
            d["etapes_texte"] = steps_text(f.concertation);
            d["validation"] = validation_j(f.validation);
            d["decisions_anterieures"] = decisions_j(f.decisions);
            d["parcours"] = pathway_j(f.parcours);
            dossiers.push_back(d);
        }
        if (dossiers.empty()) continue;
        J group;
        if (rank < 4) {
            const auto request = static_cast<core::Request>(rank);
            group["demande"] = core::to_string(request);
            group["libelle"] = request_label(request);
        } else {
            group["demande"] = nullptr;
            group["libelle"] = "Demande illisible";
        }
        group["dossiers"] = dossiers;
        groups.push_back(group);
    }
    root["groupes"] = groups;

    const auto items = [&](const std::vector<std::size_t>& indexes) {
        J list = J::array();
        for (std::size_t i : indexes)
            list.push_back(section_item(a.dossiers[i]));
        return list;
    };
    J expected = J::array();
    for (const core::ExpectedDossier& e : a.attendus) {
        J j = identity_j(*e.organisme);
        j["parcours"] = pathway_j(e.parcours);
        if (e.autre_candidature) {
            J other;
            put_date(other, "seance", e.autre_candidature->seance.value);
            put_date(other, "depot", e.autre_candidature->depot.value);
            j["autre_candidature"] = other;
        } else {
            j["autre_candidature"] = nullptr;
        }
        expected.push_back(j);
    }
    std::vector<std::size_t> all(a.dossiers.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    std::sort(all.begin(), all.end(), [&](std::size_t x, std::size_t y) {
        return a.dossiers[x].organisme->slug < a.dossiers[y].organisme->slug;
    });
    J sections;
    sections["depose"] = items(all);
    sections["a_l_heure"] = items(a.a_l_heure);
    sections["en_retard"] = items(a.en_retard);
    sections["anticipe"] = items(a.anticipes);
    sections["incomplet"] = items(a.incomplets);
    sections["attendu_non_depose"] = expected;
    root["sections"] = sections;
    root["totaux"] = J{{"deposes", a.dossiers.size()},     {"a_l_heure", a.a_l_heure.size()},
                       {"en_retard", a.en_retard.size()},  {"anticipe", a.anticipes.size()},
                       {"incomplet", a.incomplets.size()}, {"attendu_non_depose", a.attendus.size()}};
    return root;
}

nlohmann::ordered_json dossier_tree(const core::Model& model, const core::InstructionSheet& s)
{
    const core::Organisme& o = *s.organisme;
    J root;
    root["document"] = "dossier";
    put_date(root, "date_reference", s.as_of);
    J org = identity_j(o);
    org["siren"] = opt_str(o.siren);
    org["contact"] = o.contact_nom.empty() && o.contact_courriel.empty()
                         ? J(nullptr)
                         : J{{"nom", opt_str(o.contact_nom)},
                             {"fonction", opt_str(o.contact_fonction)},
                             {"courriel", opt_str(o.contact_courriel)}};
    J engagement;
    put_date(engagement, "date", o.engagement.value);
    engagement["instance"] = opt_str(o.engagement_instance);
    engagement["appui_conseil_ush"] = o.appui_conseil_ush;
    org["engagement"] = engagement;
    root["organisme"] = org;
    root["referent"] = referent_j(model);
    root["parcours"] = pathway_j(s.parcours);
    root["decisions"] = decisions_j(s.decisions);

    J cands = J::array();
    for (const core::CandidatureLine& c : s.candidatures) {
        J cand = candidature_j(model, *c.candidature, c.seance, c.statut);
        cand["pieces_manquantes"] = pieces_j(c.pieces);
        cand["complet"] = c.pieces.complete();
        cands.push_back(std::move(cand));
    }
    root["candidatures"] = cands;

    J audits = J::array();
    for (const core::AuditSummary& a : s.audits)
        audits.push_back(audit_j(model, a, true));
    root["audits"] = audits;

    J paa = paa_j(s.paa);
    J actions = J::array();
    if (o.paa)
        for (const core::Action& a : o.paa->actions) {
            const bool open = a.etat == core::ActionState::prevue || a.etat == core::ActionState::en_cours;
            J j;
            j["id"] = a.id.value;
            j["titre"] = opt_str(a.titre);
            j["points_alerte"] = joined(a.points_alerte);
            j["situations"] = joined(a.situations);
            j["portee"] = opt_str(a.portee);
            j["pilote"] = opt_str(a.pilote);
            put_date(j, "echeance", a.echeance.value);
            j["etat"] = a.etat ? J(core::to_string(*a.etat)) : J(nullptr);
            j["etat_texte"] = action_label(a.etat);
            j["preuves"] = a.preuves.size();
            j["en_retard"] = open && a.echeance.value && *a.echeance.value < s.as_of;
            actions.push_back(j);
        }
    paa["liste"] = actions;
    root["paa"] = paa;

    root["concertation"] = concertation_j(s.concertation);
    root["etapes_atteintes"] = count_if_steps(s.concertation, false);
    root["etapes_couvertes"] = count_if_steps(s.concertation, true);
    root["etapes_texte"] = steps_text(s.concertation);
    J events = J::array();
    if (o.concertation) {
        std::vector<const core::Event*> sorted;
        for (const core::Event& e : o.concertation->evenements)
            sorted.push_back(&e);
        std::stable_sort(sorted.begin(), sorted.end(), [](const core::Event* x, const core::Event* y) {
            return x->date.value < y->date.value;
        });
        for (const core::Event* e : sorted) {
            J j;
            put_date(j, "date", e->date.value);
            j["etape"] = e->etape ? J(core::to_string(*e->etape)) : J(nullptr);
            j["etape_texte"] = e->etape ? J(step_label(*e->etape)) : J("étape illisible");
            j["instance"] = opt_str(e->instance);
            j["nature"] = e->nature
                              ? J(e->nature == core::Nature::association ? "association" : "information")
                              : J(nullptr);
            j["objet"] = opt_str(e->objet);
            j["preuve"] = e->preuve ? opt_str(e->preuve->value) : J(nullptr);
            events.push_back(j);
        }
    }
    root["evenements"] = events;
    root["validation"] = validation_j(s.validation);

    // Next steps: the pathway's step, the filing window of the session to aim for, the open
    // actions of the plan, by date.
    struct Next {
        Date date;
        std::string libelle;
        bool late;
    };
    std::vector<Next> next;
    const core::Pathway& p = s.parcours;
    if (p.prochaine_etape && p.echeance)
        next.push_back({*p.echeance,
                        fmt::format("échéance de l'étape « {} » (décision du comité au plus tard)",
                                    core::step_name(*p.prochaine_etape, fr)),
                        p.en_retard});
    if (p.prochaine_etape && p.seance_visee && p.fenetre_depot) {
        const std::string session = core::long_date(*p.seance_visee, fr);
        next.push_back({p.fenetre_depot->opens, "ouverture du dépôt pour la séance du " + session, false});
        next.push_back({p.fenetre_depot->closes, "clôture du dépôt pour la séance du " + session, false});
        next.push_back({*p.seance_visee, "séance du comité visée", false});
    }
    if (o.paa && p.etat != core::PathwayState::retire)
        for (const core::Action& a : o.paa->actions) {
            const bool open = a.etat == core::ActionState::prevue || a.etat == core::ActionState::en_cours;
            if (!open || !a.echeance.value) continue;
            next.push_back({*a.echeance.value, fmt::format("action {} du PAA : {}", a.id.value, a.titre),
                            *a.echeance.value < s.as_of});
        }
    std::stable_sort(next.begin(), next.end(), [](const Next& x, const Next& y) { return x.date < y.date; });
    J steps = J::array();
    for (const Next& n : next) {
        J j;
        put_date(j, "date", n.date);
        j["libelle"] = n.libelle;
        j["en_retard"] = n.late;
        steps.push_back(j);
    }
    root["prochaines_etapes"] = steps;
    return root;
}

void add_visas(nlohmann::ordered_json& tree, const core::Model& model, const std::vector<core::VisaReport>& visas)
{
    J list = J::array();
    for (const core::VisaReport& r : visas) {
        const core::Visa& v = *r.visa;
        const core::Auditor* who = model.auditor(v.auditeur.value);
        J j;
        j["fichier"] = v.file;
        put_date(j, "seance", r.seance);
        put_date(j, "date", r.date);
        j["auditeur"] = opt_str(v.auditeur.value);
        j["auditeur_nom"] = who != nullptr && !who->nom.empty() ? J(who->nom) : opt_str(v.auditeur.value);
        j["signature"] = core::to_string(r.signature);
        j["signature_texte"] = r.signature == core::VisaSignatureState::verified     ? "vérifiée"
                               : r.signature == core::VisaSignatureState::invalid    ? "invalide"
                               : r.signature == core::VisaSignatureState::unverified ? "non vérifiée"
                                                                                      : "absente (visa non signé)";
        j["signature_ok"] = r.signature == core::VisaSignatureState::verified;
        j["signature_invalide"] = r.signature == core::VisaSignatureState::invalid;
        j["decisions_enregistrees"] = r.decided;
        J pieces = J::array();
        for (const core::VisaPieceReport& p : r.pieces) {
            J pj;
            pj["chemin"] = p.chemin;
            pj["etat"] = core::to_string(p.etat);
            pj["etat_texte"] = p.etat == core::VisaPieceState::unchanged ? "inchangée depuis le visa"
                               : p.etat == core::VisaPieceState::changed ? "modifiée depuis le visa"
                                                                         : "absente ou illisible";
            pj["inchangee"] = p.etat == core::VisaPieceState::unchanged;
            pj["git_blob"] = opt_str(p.git_blob);
            pj["commit"] = opt_str(p.commit);
            pj["commit_court"] = p.commit.empty() ? J(nullptr) : J(p.commit.substr(0, 12));
            pieces.push_back(pj);
        }
        j["pieces"] = pieces;
        list.push_back(j);
    }
    tree["visas"] = list;
}

nlohmann::ordered_json letter_tree(const core::Model& model, const core::Letter& l, Date date_courrier)
{
    const core::Organisme& o = *l.organisme;
    const core::Decision& d = *l.decision;
    J root;
    root["document"] = "lettre";
    put_date(root, "date_courrier", date_courrier);
    J org = identity_j(o);
    org["contact"] = o.contact_nom.empty() && o.contact_courriel.empty()
                         ? J(nullptr)
                         : J{{"nom", opt_str(o.contact_nom)},
                             {"fonction", opt_str(o.contact_fonction)},
                             {"courriel", opt_str(o.contact_courriel)}};
    root["organisme"] = org;
    J seance;
    put_date(seance, "date", l.seance);
    seance["lieu"] = opt_str(l.session->lieu);
    root["seance"] = seance;

    J decision = decision_j(d, l.seance);
    const core::Candidature* c = o.candidature_for(l.seance);
    const std::optional<core::Request> asked = c != nullptr ? c->demande : std::nullopt;
    const std::string request = asked ? " de " + core::step_name(*asked, fr) : std::string();
    decision["demande"] = asked ? J(core::to_string(*asked)) : J(nullptr);
    decision["demande_texte"] = asked ? J(core::step_name(*asked, fr)) : J(nullptr);
    std::string phrase;
    switch (*d.kind) {
    case core::DecisionKind::admissible:
        phrase = "Il a déclaré votre organisme admissible au label Quali'Hlm.";
        break;
    case core::DecisionKind::labellise:
        phrase = "Il a attribué le label Quali'Hlm à votre organisme.";
        break;
    case core::DecisionKind::maintenu:
        phrase = "Il a maintenu le label Quali'Hlm de votre organisme.";
        break;
    case core::DecisionKind::renouvele:
        phrase = "Il a renouvelé le label Quali'Hlm de votre organisme pour un nouveau cycle.";
        break;
    case core::DecisionKind::ajourne:
        phrase = "Il a ajourné sa décision sur votre demande" + request + ".";
        break;
    case core::DecisionKind::refuse:
        phrase = "Il n'a pas donné une suite favorable à votre demande" + request + ".";
        break;
    case core::DecisionKind::retire:
        phrase = "Il a retiré le label Quali'Hlm à votre organisme.";
        break;
    case core::DecisionKind::suivi:
        phrase = "Il a décidé d'un suivi de votre dossier.";
        break;
    }
    decision["phrase"] = phrase;
    root["decision"] = decision;

    J suite = pathway_j(l.suite);
    put_date(suite, "date_calcul", l.calcul);
    std::string remark;
    const core::Pathway& p = l.suite;
    if (p.etat == core::PathwayState::retire)
        remark =
            "Le parcours de labellisation prend fin. Un nouvel engagement sera nécessaire pour le reprendre.";
    else if (p.etat == core::PathwayState::refuse && p.prochaine_etape && !p.echeance)
        remark = "Vous pouvez déposer une nouvelle candidature pour la même étape ; aucun délai ne court.";
    else if (!p.prochaine_etape)
        remark =
            "Le parcours de labellisation prend fin. Un nouvel engagement sera nécessaire pour le reprendre.";
    else if (!p.seance_visee)
        remark = "Aucune séance du comité n'est encore fixée : sa date vous sera communiquée.";
    suite["remarque"] = opt_str(remark);
    root["suite"] = suite;
    root["referent"] = referent_j(model);
    return root;
}

// --- templates ---------------------------------------------------------------------------

std::string template_name(std::string_view document, DocumentFormat format)
{
    return fmt::format("{}.{}.mustache", document, format == DocumentFormat::html ? "html" : "md");
}

std::optional<std::string_view> builtin_template(std::string_view name)
{
    if (!name.ends_with(".mustache")) return std::nullopt;
    return core::embedded_file(name);
}

std::string check_template(std::string_view text, core::Lang lang)
{
    if (text.size() > max_template_bytes)
        return core::say(lang, "le modèle fait {} octets, plus que la limite de {} octets (1 Mio)",
                         "the template is {} bytes, more than the limit of {} bytes (1 MiB)", text.size(),
                         max_template_bytes);
    int depth = 0;
    for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
        std::size_t i = at + 2;
        if (i < text.size() && text[i] == '{') ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        if (i >= text.size()) break;
        switch (text[i]) {
        case '>':
            return core::say(lang, "les modèles partiels ({{{{> nom}}}}) ne sont pas permis",
                             "partial templates ({{{{> name}}}}) are not allowed");
        case '=':
            return core::say(lang, "le changement de délimiteurs ({{{{= =}}}}) n'est pas permis",
                             "changing the delimiters ({{{{= =}}}}) is not allowed");
        case '#':
        case '^':
            if (++depth > 32)
                return core::say(lang, "sections imbriquées sur plus de 32 niveaux",
                                 "sections nested more than 32 levels deep");
            break;
        case '/':
            --depth;
            break;
        default:
            break;
        }
    }
    const kainjow::mustache::mustache parsed{std::string(text)};
    if (!parsed.is_valid())
        return core::say(lang, "erreur de syntaxe mustache : {}", "mustache syntax error: {}", parsed.error_message());
    return {};
}

namespace {

namespace mu = kainjow::mustache;

// A context in which no partial can be found: a template never pulls in another text.
class NoPartials final : public mu::context<std::string> {
  public:
    explicit NoPartials(const mu::data* data) : mu::context<std::string>(data) {}
    const mu::data* get_partial(const std::string&) const override { return nullptr; }
};

mu::data to_data(const J& j, DocumentFormat format)
{
    switch (j.type()) {
    case J::value_t::object: {
        mu::data d{mu::data::type::object};
        for (const auto& [key, value] : j.items()) {
            d.set(key, to_data(value, format));
            if (value.is_array()) {
                d.set("si_" + key, mu::data(!value.empty()));
                d.set("nombre_" + key, mu::data(std::to_string(value.size())));
            }
        }
        return d;
    }
    case J::value_t::array: {
        mu::data list{mu::data::type::list};
        for (std::size_t i = 0; i < j.size(); ++i) {
            mu::data item = to_data(j[i], format);
            if (item.is_object()) { // for separators: {{^dernier}}, {{/dernier}}
                item.set("premier", mu::data(i == 0));
                item.set("dernier", mu::data(i + 1 == j.size()));
            }
            list.push_back(item);
        }
        return list;
    }
    case J::value_t::string: {
        const std::string& s = j.get_ref<const std::string&>();
        return mu::data(format == DocumentFormat::html ? html_escape(s) : markdown_escape(s));
    }
    case J::value_t::boolean:
        return mu::data(j.get<bool>());
    case J::value_t::number_integer:
    case J::value_t::number_unsigned:
        return mu::data(j.dump());
    case J::value_t::number_float: {
        const double v = j.get<double>();
        std::string text = fmt::format("{:g}", v);
        std::replace(text.begin(), text.end(), '.', ','); // 2,5 jours
        return mu::data(text);
    }
    case J::value_t::null:
    case J::value_t::discarded:
    case J::value_t::binary:
        return mu::data(false);
    }
    return mu::data(false);
}

constexpr char standalone_mark = '\x01';

// True for a line that holds nothing but one section, inverted-section, end or comment tag.
bool standalone_tag_line(std::string_view line)
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    if (!line.starts_with("{{") || !line.ends_with("}}") || line.size() < 5) return false;
    std::string_view inner = line.substr(2, line.size() - 4);
    if (inner.find("{{") != std::string_view::npos || inner.find("}}") != std::string_view::npos)
        return false;
    while (!inner.empty() && inner.front() == ' ')
        inner.remove_prefix(1);
    return !inner.empty() &&
           (inner.front() == '#' || inner.front() == '^' || inner.front() == '/' || inner.front() == '!');
}

// The mustache engine drops a line holding only a section tag when the section is rendered,
// but leaves it blank when the section is skipped: a blank line inside a Markdown table ends
// the table. Such lines are marked before rendering and every marked line removed after.
std::string mark_standalone_tags(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 256);
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        const bool cr = line.ends_with('\r');
        const std::string_view body = cr ? line.substr(0, line.size() - 1) : line;
        out += body;
        if (end != std::string_view::npos && standalone_tag_line(body)) out += standalone_mark;
        if (cr) out += '\r';
        if (end == std::string_view::npos) break;
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

std::string drop_marked_lines(std::string_view text, bool collapse_blank_lines)
{
    std::string out;
    out.reserve(text.size());
    int blank_run = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.find(standalone_mark) != std::string_view::npos &&
            line.find_first_not_of(std::string_view(" \t\r\x01", 4)) == std::string_view::npos)
            continue;
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        blank_run = blank ? blank_run + 1 : 0;
        if (collapse_blank_lines && blank && (blank_run > 1 || out.empty())) continue;
        out += line;
        if (end != std::string_view::npos) out += '\n';
    }
    return out;
}

} // namespace

std::string render_document(std::string_view template_text, const nlohmann::ordered_json& tree,
                            DocumentFormat format)
{
    if (std::string problem = check_template(template_text); !problem.empty()) throw TemplateError(problem);
    mu::mustache tmpl{mark_standalone_tags(template_text)};
    // Values are escaped for the format beforehand: {{x}} and {{{x}}} print the same.
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    const mu::data data = to_data(tree, format);
    NoPartials context(&data);
    const std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) throw TemplateError("erreur de rendu mustache : " + tmpl.error_message());
    return drop_marked_lines(out, format == DocumentFormat::markdown);
}

} // namespace quali::render
