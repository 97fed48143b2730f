// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A candidature's pieces as the committee papers show them (agenda, instruction sheet): each
// file present, missing or changed since the auditor's visa, and the visa of its session
// (DOMAIN.md §5.3). The same visa state as quali validate's checks (visa_checks.hpp).
#include "quali/core/model.hpp"
#include "quali/core/visa_checks.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// What the I/O layer answers for the visa checks, built once by io::visa_callbacks: the files'
// digests, the signature verifier, and git's object database.
struct VisaCallbacks {
    FileDigest digest;
    SignatureVerifier verify;
    BlobLookup blobs;
    BlobCommits commits;
};

enum class PieceState : std::uint8_t { present, missing, changed };

// The stable code: presente | absente | modifiee.
std::string_view to_string(PieceState s);

struct PieceReport {
    std::string chemin; // relative to the organisme folder
    PieceState etat = PieceState::present;
    bool visee = false; // the visa of the candidature's session covers it
    // What validate reports (Q397): missing, or changed since a visa whose session's decisions
    // are not recorded (afterwards the living files may move on, DOMAIN.md §5.3).
    bool en_defaut = false;
    std::string commit; // a commit holding the signed version of a changed piece, if known
};

struct CandidaturePieces {
    std::vector<PieceReport> pieces; // the candidature file, then the pieces it lists, in order
    std::optional<VisaReport> visa;  // the visa of the candidature's session, if any
};

// The state of c's files: missing when the file cannot be read (digest gives nothing), changed
// when the visa of c's session recorded another SHA-256 for it (visa_reports' verdict), else
// present. visas: the organisme's visa_reports.
CandidaturePieces candidature_pieces(const Organisme& o, const Candidature& c,
                                     const std::vector<VisaReport>& visas, const FileDigest& digest);

// Every visa report of o, with the callbacks' answers (visa_reports).
std::vector<VisaReport> visa_reports(const Model& model, const Organisme& o, Date as_of,
                                     const VisaCallbacks& io);

} // namespace quali::core
