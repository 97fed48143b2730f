// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The committee's record of a session (DOMAIN.md §5.5): who sat for each seat, the quorum, the
// chair, each decision with the référent's proposal and the next step, and the auditor
// approvals decided there. The quorum and the chair are the ones rules Q390 and Q392 check.
#include "quali/core/calendar_date.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// The quorum of a session: strictly more than `regle` (quali.yaml regles.quorum) of the seats
// represented (DOMAIN.md §1). An id of presents that is no seat (Q305) counts as present, so
// that a typo is reported once; each id counts once.
struct Quorum {
    int sieges_presents = 0;
    int sieges = 0;
    double regle = 0.5;
    bool atteint = false; // false for a committee without seats
};

Quorum quorum(const Committee& committee, const Session& session, double rule);

// Seat sat by its suppléant (listed in suppleants), not by its titulaire.
bool sat_by_suppleant(const Session& session, std::string_view seat);

// The seat in the chair: the président's when its titulaire sat, else the vice-président's;
// null when neither titulaire sat (a seat sat by its suppléant brings no role).
const Seat* chair(const Committee& committee, const Session& session);

// The référent's first proposal on that organisme for the session, or null.
const Proposal* proposal_for(const Session& session, std::string_view organisme);

// One seat of the committee at the session.
struct SatSeat {
    const Seat* siege = nullptr;
    bool present = false;
    bool suppleant = false; // present, represented by its suppléant
};

// One decision of the session with what led to it and what follows it.
struct RecordedDecision {
    const Decision* decision = nullptr;
    const Proposal* proposition = nullptr; // the référent's, if any
    // The decision as a letter sees it (organisme, request, pathway the day after the session);
    // none for an unknown organisme or an unreadable decision (quali validate reports them).
    std::optional<Letter> suite;

    // The committee decided as the référent proposed (false without a readable proposal).
    bool follows_proposal() const
    {
        return proposition != nullptr && proposition->kind && decision->kind == proposition->kind;
    }
};

// An auditor approval granted at the session (auditeurs/*.yaml agrements[].seance).
struct GrantedApproval {
    const Auditor* auditeur = nullptr;
    const Approval* agrement = nullptr;
};

struct SessionRecord {
    const Session* session = nullptr;
    Date seance;
    bool composition_connue = false;   // comite/membres.yaml was read
    std::vector<SatSeat> sieges;       // every seat, in the committee's order
    std::vector<std::string> inconnus; // ids of presents that are no seat, once each
    Quorum quorum;
    const Seat* presidence = nullptr;        // chair()
    std::vector<RecordedDecision> decisions; // in the file's order
    std::vector<GrantedApproval> agrements;  // by auditor id, then approval order
};

SessionRecord build_session_record(const Model& model, const Session& session, Date seance);

} // namespace quali::core
