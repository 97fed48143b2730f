// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Every dated obligation of a repository as of a day: filing windows of the planned sessions,
// each organisme's next step, the improvement actions due, the auditors' approvals ending
// (docs/echeances.md); and, for the calendar, the planned sessions themselves and the opening
// of their filing windows. Pure: the text is built here, the rendering (table, JSON, iCalendar)
// is the renderers' job.
#include "quali/core/calendar_date.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

enum class DeadlineType : std::uint8_t { depot, etape, action_paa, agrement, seance, ouverture_depot };
enum class DeadlineStatus : std::uint8_t { a_venir, en_retard };

// Stable codes: depot (the filing window closes) | etape | action-paa | agrement | seance (a planned
// session) | ouverture-depot (its filing window opens), and a-venir | en-retard.
std::string_view to_string(DeadlineType t);
std::string_view to_string(DeadlineStatus s);

struct Deadline {
    Date date;
    DeadlineType type = DeadlineType::etape;
    std::string organisme;   // slug; "" when the deadline is no organisme's (depot, agrement)
    std::string titre;       // a short title (a calendar event's summary)
    std::string description; // one sentence with the details
    std::string lieu;        // the place of a session's events (a calendar event's location), else ""
    DeadlineStatus statut = DeadlineStatus::a_venir;
    // What the deadline is about: type, organisme and subject, never its date, so that a moved
    // deadline keeps its identity (calendar UIDs are made from it).
    std::string cle;
};

// The order of the deadlines lists: date, type code, organisme, description.
bool deadline_before(const Deadline& a, const Deadline& b);

// The deadlines as of a day, sorted by date, type code, organisme, description (deadline_before). within_days
// keeps those due by as_of + N days; overdue ones are always kept. A session and the opening of
// its window are events, not obligations: only those on or after as_of are listed, never overdue.
std::vector<Deadline> deadlines(const Model& model, Date as_of, std::optional<int> within_days, Lang lang);

// The deadlines of one organisme as of a day (its pathway's next step, its open actions), not yet
// filtered nor sorted; model: the repository's rules and sessions (its organismes are not read).
// quali site computes them while the organisme's folder is in hand.
std::vector<Deadline> organisme_deadlines(const Model& model, const Organisme& organisme, Date as_of,
                                          Lang lang);

// The repository's deadlines: its sessions' and auditors', and `of_organismes` (organisme_deadlines of
// each organisme, in the order of model.organismes), with their status, within_days filtered, sorted.
// The four-argument deadlines is this one given every organisme's own.
std::vector<Deadline> deadlines(const Model& model, Date as_of, std::optional<int> within_days, Lang lang,
                                std::vector<Deadline> of_organismes);

} // namespace quali::core
