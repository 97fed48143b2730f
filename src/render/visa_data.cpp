// SPDX-License-Identifier: EUPL-1.2
// The auditor's visa and a candidature's pieces in the papers' data trees (agenda, instruction
// sheet): the states core decided (visa_reports, candidature_pieces) with their French labels.
#include "document_data.hpp"

#include "quali/core/elision.hpp"
#include "quali/core/vocabulary.hpp"

namespace quali::render::detail {

J visa_j(const core::Model& model, const core::VisaReport& r)
{
    const core::Visa& v = *r.visa;
    J j;
    j["fichier"] = v.file;
    put_date(j, "seance", r.seance);
    put_date(j, "date", r.date);
    j["auditeur"] = opt_str(v.auditeur.value);
    j["auditeur_nom"] = auditor_j(model, v.auditeur.value);
    j["de_auditeur"] = core::de(j["auditeur_nom"].is_string() ? j["auditeur_nom"].get<std::string>() : "");
    j["signature"] = core::to_string(r.signature);
    j["signature_texte"] = core::label(fr, r.signature);
    j["signature_ok"] = r.signature == core::VisaSignatureState::verified;
    j["signature_invalide"] = r.signature == core::VisaSignatureState::invalid;
    j["decisions_enregistrees"] = r.decided;
    return j;
}

J visa_piece_j(const core::VisaPieceReport& p)
{
    J pj;
    pj["chemin"] = p.chemin;
    pj["etat"] = core::to_string(p.etat);
    pj["etat_texte"] = core::label(fr, p.etat);
    pj["inchangee"] = p.etat == core::VisaPieceState::unchanged;
    pj["git_blob"] = opt_str(p.git_blob);
    pj["commit"] = opt_str(p.commit);
    pj["commit_court"] = p.commit.empty() ? J(nullptr) : J(p.commit.substr(0, 12));
    return pj;
}

void put_candidature_pieces(J& j, const core::Model& model, const core::CandidaturePieces& c)
{
    J pieces = J::array();
    for (const core::PieceReport& p : c.pieces) {
        // A present piece the visa covers is the one the auditor saw: say so.
        const bool unchanged = p.visee && p.etat == core::PieceState::present;
        pieces.push_back(J{{"chemin", p.chemin},
                           {"etat", core::to_string(p.etat)},
                           {"etat_texte", unchanged ? core::label(fr, core::VisaPieceState::unchanged)
                                                    : core::label(fr, p.etat)},
                           {"presente", p.etat == core::PieceState::present},
                           {"en_defaut", p.en_defaut},
                           {"visee", p.visee},
                           {"commit", opt_str(p.commit)},
                           {"commit_court", p.commit.empty() ? J(nullptr) : J(p.commit.substr(0, 12))}});
    }
    j["etat_pieces"] = pieces;
    j["visa"] = c.visa ? visa_j(model, *c.visa) : J(nullptr);
}

} // namespace quali::render::detail
