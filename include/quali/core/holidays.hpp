// SPDX-License-Identifier: EUPL-1.2
#pragma once
// French public holidays by zone, and the working-day arithmetic built on them: the one place
// where the label counts days for the filing window (`decompte: ouvre`, DOMAIN.md §1).
#include "quali/core/calendar_date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// The zones whose public holidays differ (quali.yaml `zone_feries`).
enum class Zone : std::uint8_t {
    metropole,
    alsace_moselle,
    guadeloupe,
    martinique,
    guyane,
    la_reunion,
    mayotte,
    saint_barthelemy,
    saint_martin,
};

// Reads a zone's public spelling ("alsace-moselle", "la-reunion"…), exactly as written.
std::optional<Zone> parse_zone(std::string_view text);

std::string_view zone_name(Zone zone);

// Every zone's public spelling, in the order of the enumeration.
const std::vector<std::string_view>& zone_names();

// The years whose rules are modelled and checked; outside them today's rules are extrapolated.
inline constexpr int first_holiday_year = 1900;
inline constexpr int last_holiday_year = 2200;

// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm).
Date easter_sunday(int year);

struct Holiday {
    Date date;
    std::string name; // in French, as the official lists write it

    friend bool operator==(const Holiday&, const Holiday&) = default;
};

// The public holidays of a year in a zone, sorted by date. Two holidays falling on the same
// day (Ascension on 1 May in 2008) are both listed.
std::vector<Holiday> holidays(int year, Zone zone);

bool is_holiday(Date d, Zone zone);

// Monday to Friday and not a public holiday of the zone.
bool is_working_day(Date d, Zone zone);

enum class Counting : std::uint8_t { calendar, working };

// Both ends inclusive.
struct Window {
    Date opens;
    Date closes;

    friend bool operator==(const Window&, const Window&) = default;
};

// Counts of days are clamped to this, so that no input makes a loop run away (about 400 years).
inline constexpr int max_day_count = 100'000;

// The filing window for a session on day S: the `days` days preceding it, S-days to S-1 in
// calendar days; in working days it is the `days` working days before S: it opens on the
// days-th working day before S and closes on the last working day before S (DOMAIN.md: "with
// decompte: ouvre, days are working days"). Filing is late only on or after S. days is clamped to [1, max_day_count].
Window filing_window(Date session, int days, Counting counting, Zone zone);

// The n-th working day before `from` (from itself for n = 0; a negative n counts forwards).
Date subtract_working_days(Date from, int n, Zone zone);

// The n-th working day after `from` (from itself for n = 0; a negative n counts backwards).
Date add_working_days(Date from, int n, Zone zone);

// Working days in [a, b); negative when b is before a.
int working_days_between(Date a, Date b, Zone zone);

} // namespace quali::core
