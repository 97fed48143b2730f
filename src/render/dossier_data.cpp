// SPDX-License-Identifier: EUPL-1.2
// The instruction sheet's and the letter's data trees (templates.hpp dossier_tree, add_visas,
// letter_tree): what core decided (next steps, lateness, the letter's sentences), laid out.
#include "document_data.hpp"

#include "quali/core/predicates.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/templates.hpp"

namespace quali::render {

namespace {

using namespace detail;

J organisme_j(const core::Organisme& o)
{
    J org = identity_j(o);
    org["siren"] = opt_str(o.siren);
    org["contact"] = contact_j(o);
    J engagement;
    put_date(engagement, "date", o.engagement.value);
    engagement["instance"] = opt_str(o.engagement_instance);
    engagement["appui_conseil_ush"] = o.appui_conseil_ush;
    org["engagement"] = engagement;
    return org;
}

J candidatures_j(const core::Model& model, const core::InstructionSheet& s)
{
    J cands = J::array();
    for (const core::CandidatureLine& c : s.candidatures) {
        J cand = candidature_j(model, *c.candidature, c.seance, c.statut);
        cand["pieces_manquantes"] = pieces_j(c.pieces);
        cand["complet"] = c.pieces.complete();
        put_candidature_pieces(cand, model, c.etat_pieces);
        cands.push_back(std::move(cand));
    }
    return cands;
}

J actions_j(const core::InstructionSheet& s)
{
    J actions = J::array();
    if (!s.organisme->paa) return actions;
    for (const core::Action& a : s.organisme->paa->actions) {
        J j;
        j["id"] = a.id.value;
        j["titre"] = opt_str(a.titre);
        j["points_alerte"] = joined(a.points_alerte);
        j["situations"] = joined(a.situations);
        j["portee"] = opt_str(a.portee);
        j["pilote"] = opt_str(a.pilote);
        put_date(j, "echeance", a.echeance.value);
        j["etat"] = a.etat ? J(core::to_string(*a.etat)) : J(nullptr);
        j["etat_texte"] = core::label(fr, a.etat);
        j["preuves"] = a.preuves.size();
        j["en_retard"] = core::is_late(a, s.as_of);
        actions.push_back(j);
    }
    return actions;
}

J events_j(const core::InstructionSheet& s)
{
    J events = J::array();
    for (const core::Event* e : s.evenements) {
        J j;
        put_date(j, "date", e->date.value);
        j["etape"] = e->etape ? J(core::to_string(*e->etape)) : J(nullptr);
        j["etape_texte"] = e->etape ? J(core::label(fr, *e->etape)) : J("étape illisible");
        j["instance"] = opt_str(e->instance);
        j["instance_texte"] = e->instance.empty() ? J(nullptr) : J(core::instance_label(fr, e->instance));
        j["nature"] = e->nature ? J(core::to_string(*e->nature)) : J(nullptr);
        j["nature_texte"] = e->nature ? J(core::label(fr, *e->nature)) : J(nullptr);
        j["objet"] = opt_str(e->objet);
        j["preuve"] = e->preuve ? opt_str(e->preuve->value) : J(nullptr);
        events.push_back(j);
    }
    return events;
}

J next_steps_j(const std::vector<core::NextStep>& next)
{
    J steps = J::array();
    for (const core::NextStep& n : next) {
        J j;
        put_date(j, "date", n.date);
        j["libelle"] = n.libelle;
        j["en_retard"] = n.en_retard;
        steps.push_back(j);
    }
    return steps;
}

} // namespace

nlohmann::ordered_json dossier_tree(const core::Model& model, const core::InstructionSheet& s)
{
    J root;
    root["document"] = "dossier";
    put_date(root, "date_reference", s.as_of);
    root["organisme"] = organisme_j(*s.organisme);
    root["referent"] = referent_j(model);
    root["parcours"] = pathway_j(s.parcours);
    root["decisions"] = decisions_j(s.decisions);
    root["candidatures"] = candidatures_j(model, s);
    J audits = J::array();
    for (const core::AuditSummary& a : s.audits)
        audits.push_back(audit_j(model, a, true));
    root["audits"] = audits;
    J paa = paa_j(s.paa);
    paa["liste"] = actions_j(s);
    root["paa"] = paa;
    root["concertation"] = concertation_j(s.concertation);
    root["etapes_atteintes"] = count_if_steps(s.concertation, false);
    root["etapes_couvertes"] = count_if_steps(s.concertation, true);
    root["etapes_texte"] = steps_text(s.concertation);
    root["evenements"] = events_j(s);
    root["validation"] = validation_j(s.validation);
    root["prochaines_etapes"] = next_steps_j(s.prochaines_etapes);
    return root;
}

void add_visas(nlohmann::ordered_json& tree, const core::Model& model,
               const std::vector<core::VisaReport>& visas)
{
    J list = J::array();
    for (const core::VisaReport& r : visas) {
        J j = visa_j(model, r);
        J pieces = J::array();
        for (const core::VisaPieceReport& p : r.pieces)
            pieces.push_back(visa_piece_j(p));
        j["pieces"] = pieces;
        list.push_back(j);
    }
    tree["visas"] = list;
}

nlohmann::ordered_json letter_tree(const core::Model& model, const core::Letter& l, Date date_courrier)
{
    const core::Organisme& o = *l.organisme;
    J root;
    root["document"] = "lettre";
    put_date(root, "date_courrier", date_courrier);
    J org = identity_j(o);
    org["contact"] = contact_j(o);
    root["organisme"] = org;
    J seance;
    put_date(seance, "date", l.seance);
    seance["lieu"] = opt_str(l.session->lieu);
    root["seance"] = seance;

    J decision = decision_j(*l.decision, l.seance);
    decision["demande"] = l.demande ? J(core::to_string(*l.demande)) : J(nullptr);
    decision["demande_texte"] = l.demande ? J(core::label(fr, *l.demande)) : J(nullptr);
    decision["demande_de_texte"] = l.demande ? J(core::of_request(fr, *l.demande)) : J(nullptr);
    decision["phrase"] = core::letter_phrase(l, fr);
    root["decision"] = decision;

    J suite = pathway_j(l.suite);
    put_date(suite, "date_calcul", l.calcul);
    // The letter offers the sessions up to the deadline, never one target session.
    for (const char* key : {"seance_visee", "seance_visee_texte", "fenetre_depot"})
        suite.erase(key);
    suite["seances_intro"] = opt_str(core::letter_sessions_intro(l, fr));
    J seances = J::array();
    for (const core::LetterSession& s : l.seances) {
        J j;
        put_date(j, "date", s.seance);
        j["depot"] = window_j(s.depot);
        j["texte"] = core::letter_session_text(s, fr);
        seances.push_back(j);
    }
    suite["si_seances"] = !seances.empty();
    suite["seances"] = seances;
    suite["remarque"] = opt_str(core::letter_remark(l, fr));
    root["suite"] = suite;
    const core::Salutation salutation = core::letter_salutation(o, fr);
    root["salutation"] = J{{"destinataire", salutation.destinataire},
                           {"attention", salutation.attention},
                           {"appel", salutation.appel},
                           {"formule", salutation.formule}};
    root["referent"] = referent_j(model);
    return root;
}

} // namespace quali::render
