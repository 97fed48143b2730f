// SPDX-License-Identifier: EUPL-1.2
// The agenda's data tree (templates.hpp agenda_tree): the session and its seats, the filed
// dossiers grouped by requested decision, and the sections that name them again.
#include "document_data.hpp"

#include "quali/core/session_record.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/templates.hpp"

#include <algorithm>
#include <iterator>

namespace quali::render {

namespace {

using namespace detail;

J seats_j(const core::Agenda& a)
{
    J seats = J::array();
    for (const core::ConvenedSeat& cs : a.sieges) {
        const core::Seat& s = *cs.siege;
        seats.push_back(J{{"id", s.id},
                          {"libelle", s.libelle.empty() ? J(s.id) : J(s.libelle)},
                          {"college", opt_str(s.college_name)},
                          {"college_texte", core::label(fr, s.college)},
                          {"titulaire", person_j(s.titulaire)},
                          {"suppleant", person_j(s.suppleant)},
                          {"present", cs.present ? J(*cs.present) : J(nullptr)},
                          {"present_texte", cs.present ? J(*cs.present ? "oui" : "non") : J(nullptr)}});
    }
    return seats;
}

// A filed dossier as its group lists it: everything the committee reads of it.
J filed_j(const core::Model& model, const core::Agenda& a, const core::FiledDossier& f)
{
    J d = identity_j(*f.organisme);
    d["candidature"] = candidature_j(model, *f.candidature, a.seance, f.statut);
    d["statut_depot"] = core::to_string(f.statut);
    d["statut_depot_texte"] = core::label(fr, f.statut);
    d["incomplet"] = f.incomplet;
    d["pieces_manquantes"] = pieces_j(f.pieces);
    put_candidature_pieces(d, model, f.etat_pieces);
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
    d["proposition"] = proposal_j(core::proposal_for(*a.session, f.organisme->slug));
    return d;
}

// The dossiers by requested decision, in the pathway's order, an unreadable request last.
J groups_j(const core::Model& model, const core::Agenda& a, LazyRows* lazy)
{
    J groups = J::array();
    for (int rank = 0; rank <= 4; ++rank) {
        std::vector<std::size_t> of_rank;
        for (std::size_t i = 0; i < a.dossiers.size(); ++i) {
            const core::FiledDossier& f = a.dossiers[i];
            if ((f.candidature->demande ? static_cast<int>(*f.candidature->demande) : 4) == rank)
                of_rank.push_back(i);
        }
        if (of_rank.empty()) continue;
        const std::size_t n = of_rank.size();
        J dossiers = rows(lazy, n, [&model, &a, of_rank = std::move(of_rank)](std::size_t i) {
            return filed_j(model, a, a.dossiers[of_rank[i]]);
        });
        J group;
        if (rank < 4) {
            const auto request = static_cast<core::Request>(rank);
            group["demande"] = core::to_string(request);
            group["libelle"] = core::capitalized(core::label(fr, request));
        } else {
            group["demande"] = nullptr;
            group["libelle"] = "Demande illisible";
        }
        group["dossiers"] = dossiers;
        groups.push_back(group);
    }
    return groups;
}

J expected_j(const core::Agenda& a, LazyRows* lazy)
{
    return rows(lazy, a.attendus.size(), [&a](std::size_t i) {
        const core::ExpectedDossier& e = a.attendus[i];
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
        return j;
    });
}

// The dossiers by filing status; with lazy, each list made row by row as the page is written.
J sections_j(const core::Agenda& a, LazyRows* lazy)
{
    const auto items = [&](std::vector<std::size_t> indexes) {
        const std::size_t n = indexes.size();
        return rows(lazy, n, [&a, indexes = std::move(indexes)](std::size_t i) {
            return section_item(a.dossiers[indexes[i]]);
        });
    };
    std::vector<std::size_t> all(a.dossiers.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    std::sort(all.begin(), all.end(), [&](std::size_t x, std::size_t y) {
        return a.dossiers[x].organisme->slug < a.dossiers[y].organisme->slug;
    });
    J sections;
    sections["depose"] = items(std::move(all));
    sections["a_l_heure"] = items(a.a_l_heure);
    sections["en_retard"] = items(a.en_retard);
    sections["anticipe"] = items(a.anticipes);
    sections["incomplet"] = items(a.incomplets);
    sections["attendu_non_depose"] = expected_j(a, lazy);
    return sections;
}

} // namespace

nlohmann::ordered_json agenda_tree(const core::Model& model, const core::Agenda& a, LazyRows* lazy)
{
    J root;
    root["document"] = "agenda";
    put_date(root, "date_reference", a.as_of);
    put_date(root, "date_calcul", a.reference);
    J seance = session_j(model, *a.session, a.seance);
    put_date(seance, "seance_suivante", a.seance_suivante);
    seance["sieges"] = seats_j(a);
    root["seance"] = seance;
    root["referent"] = referent_j(model);
    root["groupes"] = groups_j(model, a, lazy);
    root["sections"] = sections_j(a, lazy);
    root["totaux"] = J{{"deposes", a.dossiers.size()},     {"a_l_heure", a.a_l_heure.size()},
                       {"en_retard", a.en_retard.size()},  {"anticipe", a.anticipes.size()},
                       {"incomplet", a.incomplets.size()}, {"attendu_non_depose", a.attendus.size()}};
    return root;
}

} // namespace quali::render
