// SPDX-License-Identifier: EUPL-1.2
#pragma once
// iCalendar (RFC 5545) export of deadlines: one all-day event per deadline, so that a
// calendar application subscribed to or importing the file shows what is due when.
// Deterministic: the same deadlines and date give the same bytes; a deadline keeps its UID
// when its date moves, so re-importing updates events instead of duplicating them.
#include "quali/core/calendar_date.hpp"
#include "quali/core/deadlines.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

// The whole VCALENDAR, CRLF line ends, lines folded at 75 octets. DTSTAMP is as_of at
// midnight UTC (never the wall clock).
std::string deadlines_ics(const std::vector<core::Deadline>& deadlines, core::Date as_of,
                          std::string_view calendar_name);

// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline.
std::string ics_escape(std::string_view text);

// One content line, folded so that no line exceeds 75 octets (a UTF-8 character is never
// split), each line ending with CRLF.
std::string ics_fold(std::string_view line);

// "<16 hex digits>@quali", from a deadline's stable key (64-bit FNV-1a).
std::string ics_uid(std::string_view key);

} // namespace quali::render
