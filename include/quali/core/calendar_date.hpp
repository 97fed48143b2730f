// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Calendar dates: strict ISO parsing, month arithmetic and French formatting. All day
// arithmetic of the label (windows, deadlines) goes through here and holidays.hpp.
#include "quali/core/lang.hpp"

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace quali::core {

using Date = date::sys_days;

// The calendar engine's range (holidays, working days, deadlines): every date quali reads
// lies between 1900-01-01 and 2200-12-31.
inline constexpr int first_year = 1900;
inline constexpr int last_year = 2200;

// Parses exactly AAAA-MM-JJ into a real calendar date within the range (2025-02-30,
// 2025-13-01 and 0000-01-01 are not).
std::optional<Date> parse_iso_date(std::string_view text);

// True when text has the AAAA-MM-JJ shape, whether or not the date exists.
bool has_iso_date_shape(std::string_view text);

// True when text is a real calendar day (AAAA-MM-JJ) outside the range: 0000-01-01, 2201-01-01.
bool iso_date_out_of_range(std::string_view text);

std::string iso(Date d);

// "18 juin 2026" in French, "18 June 2026" in English.
std::string long_date(Date d, Lang lang);

// Two days in long form, the year once when both share it: « du 3 juin au 17 juin 2026 »,
// « du 20 décembre 2026 au 5 janvier 2027 » (English: "from 3 June to 17 June 2026").
std::string long_period(Date from, Date to, Lang lang);

// Adds n calendar months; a day that does not exist in the target month becomes the month's
// last day (2024-01-31 + 1 month = 2024-02-29), as civil deadlines are counted.
Date add_months(Date d, int n);

inline Date add_days(Date d, int n) { return d + date::days{n}; }

} // namespace quali::core
