// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The pathway engine: where an organisme stands in the label's pathway as of a date, and what
// it must obtain next, by when (DOMAIN.md §1, docs/echeances.md). Pure functions of the model
// and a date: the same repository and date always give the same answer.
#include "quali/core/calendar_date.hpp"
#include "quali/core/holidays.hpp"
#include "quali/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

enum class PathwayState : std::uint8_t { engage, admissible, labellise, expire, retire, refuse };

// The stable code: engage | admissible | labellise | expire | retire | refuse.
std::string_view to_string(PathwayState s);

// A committee's derogation that moved the deadline of the pending step.
struct AppliedDerogation {
    Date echeance;
    std::string objet;
    Date seance; // the session whose decision granted it

    friend bool operator==(const AppliedDerogation&, const AppliedDerogation&) = default;
};

struct Pathway {
    PathwayState etat = PathwayState::engage;
    std::optional<Date> depuis;          // the decision (or engagement) the state comes from
    std::optional<int> annee_cycle;      // 1..3 while labelled
    std::optional<Date> valide_jusqu_au; // last day of validity (labelled, or expired)
    std::optional<Request> prochaine_etape;
    std::optional<Date> echeance; // the decision to obtain by this day (inclusive)
    std::optional<Date> seance_visee;
    std::optional<Window> fenetre_depot; // the filing window of seance_visee
    bool en_retard = false;              // as_of after echeance, decision not obtained
    std::optional<AppliedDerogation> derogation;
    // Identifies the pending step across runs, never by its date ("labellisation",
    // "maintien-1.2", "renouvellement-1"…): what a calendar event's UID is made of.
    std::string cle_etape;
};

// The pathway of one organisme as of a day: only sessions dated on or before as_of that carry
// decisions count as held.
Pathway pathway(const Model& model, const Organisme& organisme, Date as_of);

// The planned sessions as of a day, by date: dated on or after as_of, and either without
// decisions or dated after as_of (a session recorded later was still ahead on that day).
std::vector<const Session*> planned_sessions(const Model& model, Date as_of);

// The session to aim for a deadline: the latest planned session on or before echeance (the
// most time to prepare without being late), else the first planned one; null when none.
const Session* target_session(const std::vector<const Session*>& planned, std::optional<Date> echeance);

} // namespace quali::core
