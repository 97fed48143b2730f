// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The pieces the committee papers' data trees share (agenda, instruction sheet, letter): each
// turns one core value into its JSON object, codes beside their French labels (core
// vocabulary), dates as ISO and in words. Private to src/render/.
#include "quali/core/instruction.hpp"
#include "quali/core/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace quali::render::detail {

using J = nlohmann::ordered_json;
using core::Date;
// The documents go to a French committee: their words are French whatever --lang says.
inline constexpr core::Lang fr = core::Lang::fr;

// The string, or null when empty.
J opt_str(const std::string& s);
// Sets key (ISO date or null) and key_texte (the date in French words or null).
void put_date(J& j, const std::string& key, std::optional<Date> d);
// "a, b, c".
std::string joined(const std::vector<std::string>& items);
std::string joined(const std::vector<core::Text>& items);
// The organisme's name, else its slug.
std::string name_of(const core::Organisme& o);
// The auditor's name, else the id; null without an id.
J auditor_j(const core::Model& model, const std::string& id);
// The organisme's contact, or null when it names none.
J contact_j(const core::Organisme& o);

J window_j(const core::Window& w);
J pathway_j(const core::Pathway& p);
J votes_j(const std::optional<core::Votes>& v);
J decision_j(const core::Decision& d, Date seance);
J decisions_j(const std::vector<core::PastDecision>& list);
J person_j(const core::Person& p);
J referent_j(const core::Model& model);
// The identity lines every document gives of an organisme.
J identity_j(const core::Organisme& o);
J validation_j(const core::ValidationSummary& v);
// details: the synthesis, alert points and strong points too (the instruction sheet).
J audit_j(const core::Model& model, const core::AuditSummary& s, bool details);
J paa_j(const core::PaaSummary& p);
J concertation_j(const std::vector<core::StepCoverage>& steps);
// The steps reached, or (covered) reached and covered.
int count_if_steps(const std::vector<core::StepCoverage>& steps, bool covered);
// « 3 étapes couvertes sur 4 franchies ».
std::string steps_text(const std::vector<core::StepCoverage>& steps);
J candidature_j(const core::Model& model, const core::Candidature& c, std::optional<Date> seance,
                core::FilingStatus statut);
// The required pieces a candidature lacks (core::readiness).
J pieces_j(const core::Readiness& r);
// One line of an agenda section: the same keys in every section.
J section_item(const core::FiledDossier& f);
J session_j(const core::Model& model, const core::Session& s, Date seance);
// The référent's proposal on a dossier (null without one): code, French label, avis (pv_data.cpp).
J proposal_j(const core::Proposal* p);

// The auditor's visa (visa_data.cpp): who, when, the signature's state; one signed piece.
J visa_j(const core::Model& model, const core::VisaReport& r);
J visa_piece_j(const core::VisaPieceReport& p);
// Sets etat_pieces (each file of the candidature and its state) and visa (visa_j or null).
void put_candidature_pieces(J& j, const core::Model& model, const core::CandidaturePieces& c);

} // namespace quali::render::detail
