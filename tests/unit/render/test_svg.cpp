// SPDX-License-Identifier: EUPL-1.2
// The bilan's charts: plain SVG, escaped text, fixed sizes and numbers written the same way on
// every run.
#include "quali/render/svg.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali;
using namespace quali::render;

namespace {

core::Date d(const char* text)
{
    return *core::parse_iso_date(text);
}

int occurrences(const std::string& text, const std::string& what)
{
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// No script, no link, no namespace URL: nothing the page would fetch or run.
void check_inert(const std::string& svg)
{
    CHECK(svg.starts_with("<svg "));
    CHECK(svg.ends_with("</svg>"));
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("http") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find(" on") == std::string::npos);  // no event handler attribute
    CHECK(svg.find("<title") != std::string::npos);
}

} // namespace

TEST_SUITE("render::svg")
{
    TEST_CASE("numbers have one decimal at most and no trailing .0")
    {
        CHECK(svg_number(12) == "12");
        CHECK(svg_number(12.5) == "12.5");
        CHECK(svg_number(12.04) == "12");
        CHECK(svg_number(12.06) == "12.1");
        CHECK(svg_number(-0.01) == "0");
        CHECK(svg_number(-3) == "-3");
    }

    TEST_CASE("text is escaped for SVG")
    {
        CHECK(svg_escape("<a href=\"x\">T&T's</a>") == "&lt;a href=&quot;x&quot;&gt;T&amp;T&#39;s&lt;/a&gt;");
        CHECK(svg_escape("a\x01" "b\tc") == "ab c");
    }

    TEST_CASE("a long label is cut on a character, not inside one")
    {
        CHECK(utf8_truncate("Propreté", 8) == "Propreté");
        CHECK(utf8_truncate("Propreté des halls", 8) == "Propreté…");
        CHECK(utf8_truncate("ééé", 2) == "éé…");
    }

    TEST_CASE("bars by theme: two bars per theme on one scale, the largest value 340 wide")
    {
        const std::string svg = svg_theme_bars({{"T1 — Accueil", 4, 2}, {"T2 — <Réclamations>", 0, 1}}, "Thèmes 2025");
        check_inert(svg);
        CHECK(svg.find("height=\"128\"") != std::string::npos);  // 40 + 2 × 38 + 12
        // T1: strong points 4 (the largest: 340), alert points 2 (170); T2: 0 and 1 (85).
        CHECK(svg.find("<rect x=\"290\" y=\"43\" width=\"340\" height=\"14\" fill=\"#2e7d32\"/>") != std::string::npos);
        CHECK(svg.find("<rect x=\"290\" y=\"59\" width=\"170\" height=\"14\" fill=\"#c62828\"/>") != std::string::npos);
        CHECK(svg.find("<rect x=\"290\" y=\"81\" width=\"0\" height=\"14\" fill=\"#2e7d32\"/>") != std::string::npos);
        CHECK(svg.find("<rect x=\"290\" y=\"97\" width=\"85\" height=\"14\" fill=\"#c62828\"/>") != std::string::npos);
        CHECK(svg.find("T2 — &lt;Réclamations&gt;") != std::string::npos);
        CHECK(svg.find("<Réclamations>") == std::string::npos);
        CHECK(svg == svg_theme_bars({{"T1 — Accueil", 4, 2}, {"T2 — <Réclamations>", 0, 1}}, "Thèmes 2025"));
    }

    TEST_CASE("bars by theme without any result still draw a frame and say why")
    {
        const std::string svg = svg_theme_bars({}, "vide");
        check_inert(svg);
        CHECK(occurrences(svg, "<rect") >= 1);
        CHECK(svg.find("Aucun résultat") != std::string::npos);
    }

    TEST_CASE("the funnel centres each stage on x = 410, as wide as its share of the largest")
    {
        const std::string svg = svg_funnel({{"Engagés", 8}, {"Admissibles", 6}, {"Labellisés", 2}, {"Valide", 0}}, "Parcours");
        check_inert(svg);
        CHECK(svg.find("height=\"204\"") != std::string::npos);  // 14 + 4 × 46 + 6
        CHECK(svg.find("<rect x=\"210\" y=\"14\" width=\"400\" height=\"36\" fill=\"#1f4e79\"/>") != std::string::npos);
        CHECK(svg.find("<rect x=\"260\" y=\"60\" width=\"300\" height=\"36\" fill=\"#1f4e79\"/>") != std::string::npos);
        CHECK(svg.find("<rect x=\"360\" y=\"106\" width=\"100\" height=\"36\" fill=\"#1f4e79\"/>") != std::string::npos);
        CHECK(svg.find(">Admissibles</text>") != std::string::npos);
        CHECK(svg.find(">6</text>") != std::string::npos);
    }

    TEST_CASE("the timeline puts each session at its day of the year, as high as its decisions")
    {
        const std::string svg =
            svg_timeline(2025, {{d("2025-01-01"), 2, true}, {d("2025-07-02"), 4, true}, {d("2025-11-20"), 0, false}}, "Séances");
        check_inert(svg);
        CHECK(occurrences(svg, "<text") >= 12 + 3);  // the months, then the sessions
        CHECK(svg.find(">janv.</text>") != std::string::npos);
        CHECK(svg.find(">déc.</text>") != std::string::npos);
        // 1 January at x = 40: height 86 × 2 / 4 = 43 above the base line y = 130.
        CHECK(svg.find("<rect x=\"32\" y=\"87\" width=\"16\" height=\"43\" fill=\"#1f4e79\"/>") != std::string::npos);
        // 2 July is day 182 of 365: x = 40 + 610 × 182 / 365 = 344.2; the tallest bar, 86.
        CHECK(svg.find("<rect x=\"336.2\" y=\"44\" width=\"16\" height=\"86\" fill=\"#1f4e79\"/>") != std::string::npos);
        CHECK(svg.find("stroke-dasharray") != std::string::npos);  // the planned session
        CHECK(svg.find(">02/07</text>") != std::string::npos);
    }

    TEST_CASE("sessions outside the year are left out of its timeline")
    {
        const std::string svg = svg_timeline(2025, {{d("2024-12-31"), 3, true}}, "Séances");
        CHECK(svg.find("fill=\"#1f4e79\"") == std::string::npos);
    }
}
