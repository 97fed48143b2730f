// SPDX-License-Identifier: EUPL-1.2
// A candidature's pieces and visa for the committee papers (candidature_pieces.hpp).
#include "quali/core/candidature_pieces.hpp"

#include "quali/core/instruction.hpp"
#include "quali/core/value_checks.hpp"

#include <algorithm>

namespace quali::core {

std::string_view to_string(PieceState s)
{
    switch (s) {
    case PieceState::present:
        return "presente";
    case PieceState::missing:
        return "absente";
    case PieceState::changed:
        return "modifiee";
    }
    return "presente";
}

namespace {

// A file of the organisme's folder, as the visa names it: the candidature's path without the
// folder in front.
std::string in_folder(const Organisme& o, const std::string& file)
{
    const std::string prefix = o.folder.empty() ? std::string() : o.folder + "/";
    return file.starts_with(prefix) ? file.substr(prefix.size()) : file;
}

PieceReport piece_of(const Organisme& o, const std::string& chemin, const VisaReport* visa,
                     const FileDigest& digest)
{
    PieceReport p;
    p.chemin = chemin;
    if (visa != nullptr) {
        const auto it = std::find_if(visa->pieces.begin(), visa->pieces.end(),
                                     [&](const VisaPieceReport& v) { return v.chemin == chemin; });
        if (it != visa->pieces.end()) {
            p.visee = true;
            p.etat = it->etat == VisaPieceState::unchanged ? PieceState::present
                     : it->etat == VisaPieceState::changed ? PieceState::changed
                                                           : PieceState::missing;
            p.commit = it->commit;
            return p;
        }
    }
    const bool readable = !path_leaves_folder(chemin) && digest && digest(path_in_root(o, chemin));
    p.etat = readable ? PieceState::present : PieceState::missing;
    return p;
}

} // namespace

CandidaturePieces candidature_pieces(const Organisme& o, const Candidature& c,
                                     const std::vector<VisaReport>& visas, const FileDigest& digest)
{
    CandidaturePieces out;
    const auto visa = std::find_if(visas.begin(), visas.end(), [&](const VisaReport& r) {
        return r.seance && c.seance.value && *r.seance == *c.seance.value;
    });
    if (visa != visas.end()) out.visa = *visa;
    const VisaReport* report = out.visa ? &*out.visa : nullptr;
    if (!c.file.empty()) out.pieces.push_back(piece_of(o, in_folder(o, c.file), report, digest));
    for (const Text& t : c.pieces)
        if (!t.value.empty()) out.pieces.push_back(piece_of(o, t.value, report, digest));
    const bool decided = report != nullptr && report->decided;
    for (PieceReport& p : out.pieces)
        p.en_defaut = p.etat == PieceState::missing || (p.etat == PieceState::changed && !decided);
    return out;
}

std::vector<VisaReport> visa_reports(const Model& model, const Organisme& o, Date as_of,
                                     const VisaCallbacks& io)
{
    return visa_reports(model, o, as_of, io.digest, io.verify, io.commits);
}

void add_candidature_pieces(Agenda& agenda, const Model& model, const VisaCallbacks& io)
{
    for (FiledDossier& f : agenda.dossiers)
        f.etat_pieces = candidature_pieces(*f.organisme, *f.candidature,
                                           visa_reports(model, *f.organisme, agenda.as_of, io), io.digest);
}

void add_candidature_pieces(InstructionSheet& sheet, const Model& model, const VisaCallbacks& io)
{
    const std::vector<VisaReport> visas = visa_reports(model, *sheet.organisme, sheet.as_of, io);
    for (CandidatureLine& line : sheet.candidatures)
        line.etat_pieces = candidature_pieces(*sheet.organisme, *line.candidature, visas, io.digest);
}

} // namespace quali::core
