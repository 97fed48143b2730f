// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The domain's predicates, decided once: is an action open, live, late; does a plan treat an
// alert point or a situation; is a result an alert point. Rules, deadlines, exports, the
// instruction sheet and the bilan all ask here, so that they never disagree.
#include "quali/core/calendar_date.hpp"
#include "quali/core/model.hpp"
#include "quali/core/pathway.hpp"

#include <string>
#include <vector>

namespace quali::core {

// An action is open unless it is done (realisee) or abandoned (abandonnee). An action whose
// state is unknown (absent or misspelt: a schema failure) is open too, and so due everywhere
// (deadlines, the instruction sheet's next steps, exports, the bilan): the référent must see it.
bool is_open(const Action& a);

// An open action whose deadline is before the day: late.
bool is_late(const Action& a, Date as_of);

// An action that still counts for the plan: not abandoned. An unknown state counts as live, so
// that one misspelt state does not also report every point the action treats (no cascade).
bool is_live(const Action& a);

// A live action of the plan cites the id in the given list (Action::points_alerte or
// Action::situations): the alert point or complex situation is treated (rules Q310, Q311).
bool treats(const Paa& paa, const std::vector<Text> Action::*list, const std::string& id);

// A result rated point-d-alerte on a named criterion.
bool is_alert(const Result& r);

// The candidature filed for the session the pathway aims at (Pathway::seance_visee), as of the
// day (quali status): none without a targeted session, without a candidature for it, or when
// it was filed after the day. One whose filing date cannot be read counts as filed (its file's
// schema error speaks).
const Candidature* filed_for_target(const Organisme& o, const Pathway& p, Date as_of);

} // namespace quali::core
