// SPDX-License-Identifier: EUPL-1.2
// The procès-verbal's data tree (templates.hpp pv_tree): the session, who sat for each seat,
// the quorum and the chair, each decision with the référent's proposal and the next step, the
// auditor approvals; what core's SessionRecord decided, laid out.
#include "document_data.hpp"

#include "french_numbers.hpp"

#include "quali/core/session_record.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/templates.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace quali::render {

namespace detail {

J proposal_j(const core::Proposal* p)
{
    if (p == nullptr) return nullptr;
    J j;
    j["proposition"] = p->kind ? J(core::to_string(*p->kind)) : J(nullptr);
    j["proposition_texte"] = p->kind ? J(core::label(fr, *p->kind)) : J("proposition illisible");
    j["avis"] = opt_str(p->avis);
    return j;
}

} // namespace detail

namespace {

using namespace detail;

J seat_j(const core::SatSeat& s)
{
    const core::Seat& seat = *s.siege;
    const core::Person& sat = s.suppleant ? seat.suppleant : seat.titulaire;
    J j;
    j["id"] = seat.id;
    j["libelle"] = seat.libelle.empty() ? J(seat.id) : J(seat.libelle);
    j["titulaire"] = person_j(seat.titulaire);
    j["suppleant"] = person_j(seat.suppleant);
    j["present"] = s.present;
    j["siege_par"] = s.present ? J(s.suppleant ? "suppleant" : "titulaire") : J(nullptr);
    j["siege_par_texte"] = s.present ? J(s.suppleant ? "suppléant" : "titulaire") : J(nullptr);
    j["nom"] = s.present ? opt_str(sat.nom) : J(nullptr);
    j["organisation"] = s.present ? opt_str(sat.organisation) : J(nullptr);
    return j;
}

J quorum_j(const core::SessionRecord& r)
{
    if (!r.composition_connue) return nullptr;
    const core::Quorum& q = r.quorum;
    J j;
    j["sieges_presents"] = q.sieges_presents;
    j["sieges"] = q.sieges;
    j["regle"] = q.regle;
    j["regle_texte"] = fmt::format("plus de {} %", decimal_fr(q.regle * 100));
    j["atteint"] = q.atteint;
    j["texte"] = fmt::format(
        "{} sur {}", core::count_of(fr, q.sieges_presents, "siège présent", "sièges présents"), q.sieges);
    return j;
}

J chair_j(const core::SessionRecord& r)
{
    if (r.presidence == nullptr) return nullptr;
    const core::Seat& s = *r.presidence;
    J j = person_j(s.titulaire);
    j["siege"] = s.id;
    j["siege_libelle"] = s.libelle.empty() ? J(s.id) : J(s.libelle);
    return j;
}

J recorded_j(const core::RecordedDecision& d, Date seance)
{
    J j;
    if (d.suite) {
        j = identity_j(*d.suite->organisme);
        j["demande"] = d.suite->demande ? J(core::to_string(*d.suite->demande)) : J(nullptr);
        j["demande_texte"] = d.suite->demande ? J(core::label(fr, *d.suite->demande)) : J(nullptr);
    } else {
        j["organisme"] = d.decision->organisme.value;
        j["nom"] = d.decision->organisme.value;
        j["demande"] = nullptr;
        j["demande_texte"] = nullptr;
    }
    j["proposition"] = proposal_j(d.proposition);
    j["conforme_proposition"] = d.proposition != nullptr ? J(d.follows_proposal()) : J(nullptr);
    const J decision = decision_j(*d.decision, seance);
    for (auto it = decision.begin(); it != decision.end(); ++it)
        j[it.key()] = it.value();
    std::string conditions;
    for (const std::string& c : d.decision->conditions)
        conditions += (conditions.empty() ? "" : " ; ") + c;
    j["conditions_texte"] = opt_str(conditions);
    const auto& v = d.decision->votes;
    j["votes_texte"] = v ? J(fmt::format("{} pour, {} contre, {}", v->pour, v->contre,
                                         core::count_of(fr, v->abstention, "abstention", "abstentions")))
                         : J(nullptr);
    j["suite"] = d.suite ? pathway_j(d.suite->suite) : J(nullptr);
    return j;
}

J approvals_j(const core::SessionRecord& r)
{
    J list = J::array();
    for (const core::GrantedApproval& g : r.agrements) {
        J j;
        j["auditeur"] = g.auditeur->id;
        j["nom"] = g.auditeur->nom.empty() ? J(g.auditeur->id) : J(g.auditeur->nom);
        j["cabinet"] = opt_str(g.auditeur->cabinet);
        put_date(j, "debut", g.agrement->debut.value);
        put_date(j, "fin", g.agrement->fin.value);
        list.push_back(j);
    }
    return list;
}

} // namespace

nlohmann::ordered_json pv_tree(const core::Model& model, const core::SessionRecord& r, LazyRows* lazy)
{
    J root;
    root["document"] = "pv";
    J seance;
    put_date(seance, "date", r.seance);
    seance["lieu"] = opt_str(r.session->lieu);
    seance["fichier"] = r.session->file;
    root["seance"] = seance;
    root["composition_connue"] = r.composition_connue;
    J seats = J::array(), present = J::array(), absent = J::array();
    for (const core::SatSeat& s : r.sieges) {
        J j = seat_j(s);
        seats.push_back(j);
        (s.present ? present : absent).push_back(j);
    }
    root["sieges"] = seats;
    root["presents"] = present;
    root["absents"] = absent;
    root["sieges_inconnus"] = r.inconnus;
    root["sieges_inconnus_texte"] = opt_str(joined(r.inconnus));
    root["quorum"] = quorum_j(r);
    root["presidence"] = chair_j(r);
    root["decisions"] =
        rows(lazy, r.decisions.size(), [&r](std::size_t i) { return recorded_j(r.decisions[i], r.seance); });
    root["agrements"] = approvals_j(r);
    root["totaux"] = J{{"sieges", r.sieges.size()},
                       {"presents", present.size()},
                       {"absents", absent.size()},
                       {"suppleants", std::count_if(r.sieges.begin(), r.sieges.end(),
                                                    [](const core::SatSeat& s) { return s.suppleant; })},
                       {"decisions", r.decisions.size()},
                       {"agrements", r.agrements.size()}};
    root["referent"] = referent_j(model);
    return root;
}

} // namespace quali::render
