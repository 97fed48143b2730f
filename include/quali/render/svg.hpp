// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Charts drawn as plain SVG for the HTML mini-bilan: horizontal bars by theme, the pathway
// funnel and the committees' timeline. No script, no style sheet, no external reference (not
// even the SVG namespace URL: the charts are inlined in HTML, where <svg> needs none); fixed
// sizes; coordinates with at most one decimal, so the same figures always give the same bytes.
#include "quali/core/calendar_date.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

// Escapes & < > " ' for SVG text and attribute values, and drops control characters.
std::string svg_escape(std::string_view text);

// A coordinate or length: one decimal at most, no trailing ".0" ("12", "12.5", "-3").
std::string svg_number(double value);

// The first max_chars characters of a UTF-8 text, with "…" when it was cut.
std::string utf8_truncate(std::string_view text, std::size_t max_chars);

struct ThemeBar {
    std::string label;  // "T1 — Accueil et traitement des demandes"
    int points_forts = 0;
    int points_alerte = 0;
};

// Two bars per theme, strong points (green) above alert points (red), on one scale.
std::string svg_theme_bars(const std::vector<ThemeBar>& themes, std::string_view title);

struct FunnelStage {
    std::string label;
    int value = 0;
};

// One centred bar per stage, as wide as its share of the largest stage, with its count.
std::string svg_funnel(const std::vector<FunnelStage>& stages, std::string_view title);

struct TimelineSession {
    core::Date date;
    int decisions = 0;
    bool held = true;  // false: a planned session (drawn hollow)
};

// The year from January to December, one bar per session at its date, as high as its number
// of decisions (planned sessions: a hollow marker).
std::string svg_timeline(int year, const std::vector<TimelineSession>& sessions, std::string_view title);

} // namespace quali::render
