// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Whether a candidature holds the pieces its requested decision needs, and why not
// (DOMAIN.md §5.1, docs/regles.md « Pièces requises »). One answer for quali validate (Q374 to
// Q377), the agenda's « Incomplets » and the instruction sheet.
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// A step of the pathway the organisme has reached, and the file and place that show it:
// engagement (its engagement date), diagnostic (a diagnostic-hqs audit), paa (paa.yaml has
// actions), candidature (a candidature file), verification (a verification or mise-en-oeuvre
// audit), renouvellement (a diagnostic-hqs-renouvellement audit). Rule Q320 asks a
// concertation event for each; quali new concertation prepares one.
struct ReachedStep {
    Step step;
    std::string file;
    Position pos;
};
std::vector<ReachedStep> reached_steps(const Organisme& o);

enum class PieceKind : std::uint8_t { audit, autodiagnostic, paa, concertation };

// The stable code: audit | autodiagnostic | paa | concertation.
std::string_view to_string(PieceKind k);

// One required piece the candidature lacks, judged as of its filing date.
struct MissingPiece {
    PieceKind kind = PieceKind::audit;
    std::optional<Step> etape; // the concertation step
    std::string code;          // the rule of this piece: Q374 audit, Q375 autodiagnostic, Q376 PAA, Q377 concertation
    // "" when `code` reports it; else what already reports the same defect: another rule's code
    // (Q206, Q302, Q310, Q311, Q320, Q322, Q323, Q324, Q330, Q350), or "fichier" for a file that could not be read.
    std::string signale_par;
    std::string message; // what is missing, in the run's language
    std::string aide;    // what to add
    std::string file;    // the file to add or change, relative to the root
    Position pos;        // its place there, when it exists
};

struct Readiness {
    std::vector<MissingPiece> manquantes; // audit, autodiagnostic, PAA, then concertation by step
    bool complete() const { return manquantes.empty(); }
};

// The pieces of c missing for its requested decision (model.rules.pieces_for), as of its filing
// date (else its session's); as_of: the run's reference day (an event after it is Q323's). An absent paa.yaml, concertation.yaml or autodiagnostic.yaml counts
// as an empty one. unreadable: the YAML files the rules could not read (as check_rules takes
// them); a piece whose file is among them is listed as reported with its file. A candidature
// whose request is unreadable needs nothing here (its file's diagnostic speaks).
Readiness readiness(const Model& model, const Organisme& o, const Candidature& c, Date as_of, Lang lang,
                    const std::vector<std::string>& unreadable = {});

} // namespace quali::core
