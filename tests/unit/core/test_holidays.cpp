// SPDX-License-Identifier: EUPL-1.2
// Expected values are worked out by hand from the calendar and the Code du travail (Easter
// dates checked against dateutil's independent implementation), never from the code itself.
#include "quali/core/holidays.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <climits>
#include <string>
#include <utility>
#include <vector>

using namespace quali::core;

namespace {

Date d(const char* iso_text)
{
    return *parse_iso_date(iso_text);
}

// The year's holidays as "AAAA-MM-JJ name" lines, easy to compare and to read on failure.
std::vector<std::string> lines(int year, Zone zone)
{
    std::vector<std::string> out;
    for (const auto& h : holidays(year, zone))
        out.push_back(iso(h.date) + " " + h.name);
    return out;
}

std::vector<std::string> dates(int year, Zone zone)
{
    std::vector<std::string> out;
    for (const auto& h : holidays(year, zone))
        out.push_back(iso(h.date));
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

// 2025's eleven national holidays (Easter on 20 April).
const std::vector<std::string> national_2025{"2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08",
                                             "2025-05-29", "2025-06-09", "2025-07-14", "2025-08-15",
                                             "2025-11-01", "2025-11-11", "2025-12-25"};

std::vector<std::string> national_2025_plus(std::vector<std::string> extra)
{
    std::vector<std::string> all = national_2025;
    all.insert(all.end(), extra.begin(), extra.end());
    std::sort(all.begin(), all.end());
    return all;
}

} // namespace

TEST_SUITE("core::holidays")
{
    TEST_CASE("Easter Sunday falls on the dates the published calendars give")
    {
        CHECK(iso(easter_sunday(2024)) == "2024-03-31");
        CHECK(iso(easter_sunday(2025)) == "2025-04-20");
        CHECK(iso(easter_sunday(2026)) == "2026-04-05");
        CHECK(iso(easter_sunday(2008)) == "2008-03-23");
        CHECK(iso(easter_sunday(1943)) == "1943-04-25"); // the latest possible date
        CHECK(iso(easter_sunday(2038)) == "2038-04-25");
        CHECK(iso(easter_sunday(1900)) == "1900-04-15");
        CHECK(iso(easter_sunday(2200)) == "2200-04-06");
    }

    TEST_CASE("zones are read and written with their public spellings")
    {
        CHECK(zone_names().size() == 9);
        CHECK(parse_zone("metropole") == Zone::metropole);
        CHECK(parse_zone("alsace-moselle") == Zone::alsace_moselle);
        CHECK(parse_zone("la-reunion") == Zone::la_reunion);
        CHECK(parse_zone("saint-barthelemy") == Zone::saint_barthelemy);
        CHECK(parse_zone("saint-martin") == Zone::saint_martin);
        CHECK_FALSE(parse_zone("la_reunion"));
        CHECK_FALSE(parse_zone("Metropole"));
        CHECK_FALSE(parse_zone(""));
        for (std::string_view name : zone_names()) {
            REQUIRE(parse_zone(name));
            CHECK(zone_name(*parse_zone(name)) == name);
        }
    }

    TEST_CASE(
        "metropolitan France has the eleven holidays of the Code du travail, named as officially written")
    {
        CHECK(lines(2026, Zone::metropole) == std::vector<std::string>{
                                                  "2026-01-01 Jour de l'an",
                                                  "2026-04-06 Lundi de Pâques",
                                                  "2026-05-01 Fête du Travail",
                                                  "2026-05-08 Victoire 1945",
                                                  "2026-05-14 Ascension",
                                                  "2026-05-25 Lundi de Pentecôte",
                                                  "2026-07-14 Fête nationale",
                                                  "2026-08-15 Assomption",
                                                  "2026-11-01 Toussaint",
                                                  "2026-11-11 Armistice 1918",
                                                  "2026-12-25 Noël",
                                              });
        CHECK(dates(2025, Zone::metropole) == national_2025);
    }

    TEST_CASE("Alsace-Moselle adds Good Friday and Saint Stephen's day")
    {
        CHECK(dates(2025, Zone::alsace_moselle) == national_2025_plus({"2025-04-18", "2025-12-26"}));
        const auto l = lines(2024, Zone::alsace_moselle);
        CHECK(l.size() == 13);
        CHECK(has(l, "2024-03-29 Vendredi saint"));
        CHECK(has(l, "2024-12-26 Saint-Étienne"));
    }

    TEST_CASE("each overseas zone adds its own day commemorating the abolition of slavery")
    {
        CHECK(dates(2025, Zone::guadeloupe) == national_2025_plus({"2025-05-27"}));
        CHECK(dates(2025, Zone::martinique) == national_2025_plus({"2025-05-22"}));
        CHECK(dates(2025, Zone::guyane) == national_2025_plus({"2025-06-10"}));
        CHECK(dates(2025, Zone::la_reunion) == national_2025_plus({"2025-12-20"}));
        CHECK(dates(2025, Zone::mayotte) == national_2025_plus({"2025-04-27"}));
        CHECK(dates(2025, Zone::saint_barthelemy) == national_2025_plus({"2025-10-09"}));
        CHECK(dates(2025, Zone::saint_martin) == national_2025_plus({"2025-05-28"}));
        CHECK(has(lines(2024, Zone::martinique), "2024-05-22 Abolition de l'esclavage"));
    }

    TEST_CASE("Good Friday and Victor Schoelcher day are not legal holidays in the Antilles")
    {
        for (Zone z : {Zone::guadeloupe, Zone::martinique, Zone::guyane}) {
            CHECK_FALSE(is_holiday(d("2025-04-18"), z));
            CHECK_FALSE(is_holiday(d("2025-07-21"), z));
        }
    }

    TEST_CASE("the abolition days start with their law and follow its later decrees")
    {
        CHECK_FALSE(is_holiday(d("1982-05-22"), Zone::martinique));
        CHECK(is_holiday(d("1983-05-22"), Zone::martinique));
        CHECK_FALSE(is_holiday(d("1982-04-27"), Zone::mayotte));
        CHECK(is_holiday(d("1983-04-27"), Zone::mayotte));
        CHECK_FALSE(is_holiday(d("1980-12-20"), Zone::la_reunion));
        CHECK(is_holiday(d("1981-12-20"), Zone::la_reunion));
        // Saint-Barthélemy kept Guadeloupe's 27 May until décret 2012-553.
        CHECK(is_holiday(d("2011-05-27"), Zone::saint_barthelemy));
        CHECK_FALSE(is_holiday(d("2011-10-09"), Zone::saint_barthelemy));
        CHECK(is_holiday(d("2012-10-09"), Zone::saint_barthelemy));
        CHECK_FALSE(is_holiday(d("2012-05-27"), Zone::saint_barthelemy));
        // Saint-Martin moved from 27 to 28 May in 2018.
        CHECK(is_holiday(d("2017-05-27"), Zone::saint_martin));
        CHECK_FALSE(is_holiday(d("2017-05-28"), Zone::saint_martin));
        CHECK(is_holiday(d("2018-05-28"), Zone::saint_martin));
        CHECK_FALSE(is_holiday(d("2018-05-27"), Zone::saint_martin));
    }

    TEST_CASE("national holidays start in the year the reference gives")
    {
        CHECK_FALSE(is_holiday(d("1919-05-01"), Zone::metropole));
        CHECK(is_holiday(d("1920-05-01"), Zone::metropole));
        CHECK_FALSE(is_holiday(d("1952-05-08"), Zone::metropole));
        CHECK(is_holiday(d("1953-05-08"), Zone::metropole));
        CHECK(is_holiday(d("1959-05-08"), Zone::metropole));
        CHECK_FALSE(is_holiday(d("1960-05-08"), Zone::metropole));
        CHECK_FALSE(is_holiday(d("1981-05-08"), Zone::metropole));
        CHECK(is_holiday(d("1982-05-08"), Zone::metropole));
        CHECK_FALSE(is_holiday(d("1917-11-11"), Zone::metropole));
        CHECK(is_holiday(d("1918-11-11"), Zone::metropole));
        // Whit Monday stayed a holiday while it was the « journée de solidarité ».
        CHECK(is_holiday(d("2006-06-05"), Zone::metropole));
        CHECK(dates(1950, Zone::metropole).size() == 10);
    }

    TEST_CASE("two holidays on the same day are both listed")
    {
        // Easter on 23 March 2008 put Ascension on 1 May.
        const auto l = lines(2008, Zone::metropole);
        CHECK(l.size() == 11);
        CHECK(has(l, "2008-05-01 Fête du Travail"));
        CHECK(has(l, "2008-05-01 Ascension"));
    }

    TEST_CASE("the first and last supported years give their full lists")
    {
        CHECK(first_holiday_year == 1900);
        CHECK(last_holiday_year == 2200);
        CHECK(dates(1900, Zone::metropole) ==
              std::vector<std::string>{"1900-01-01", "1900-04-16", "1900-05-24", "1900-06-04", "1900-07-14",
                                       "1900-08-15", "1900-11-01", "1900-12-25"});
        CHECK(dates(2200, Zone::metropole) ==
              std::vector<std::string>{"2200-01-01", "2200-04-07", "2200-05-01", "2200-05-08", "2200-05-15",
                                       "2200-05-26", "2200-07-14", "2200-08-15", "2200-11-01", "2200-11-11",
                                       "2200-12-25"});
        CHECK(dates(2200, Zone::guyane).size() == 12);
    }

    TEST_CASE("a working day is a weekday that is not a holiday of the zone")
    {
        CHECK(is_working_day(d("2025-05-09"), Zone::metropole));       // Friday
        CHECK_FALSE(is_working_day(d("2025-05-08"), Zone::metropole)); // Thursday, Victoire 1945
        CHECK_FALSE(is_working_day(d("2025-05-10"), Zone::metropole)); // Saturday
        CHECK_FALSE(is_working_day(d("2025-05-11"), Zone::metropole)); // Sunday
        CHECK(is_working_day(d("2025-04-18"), Zone::metropole));
        CHECK_FALSE(is_working_day(d("2025-04-18"), Zone::alsace_moselle));
        CHECK(is_working_day(d("2025-05-22"), Zone::metropole));
        CHECK_FALSE(is_working_day(d("2025-05-22"), Zone::martinique));
    }

    TEST_CASE("the calendar filing window is the fifteen days before the session")
    {
        CHECK(filing_window(d("2025-05-20"), 15, Counting::calendar, Zone::metropole) ==
              Window{d("2025-05-05"), d("2025-05-19")});
        CHECK(filing_window(d("2025-03-01"), 15, Counting::calendar, Zone::metropole) ==
              Window{d("2025-02-14"), d("2025-02-28")});
    }

    TEST_CASE("the working-day filing window skips weekends and public holidays")
    {
        // Back from Monday 19 May 2025: 19, 16-12 (6), 9 (7; 8 May is a holiday), 7-5 (10),
        // 2 (11; 1 May is a holiday), 30-28 April (14), Friday 25 April (15).
        CHECK(filing_window(d("2025-05-20"), 15, Counting::working, Zone::metropole) ==
              Window{d("2025-04-25"), d("2025-05-19")});
        // Before a Monday session the window closes on the Friday: the last working day.
        CHECK(filing_window(d("2025-05-19"), 1, Counting::working, Zone::metropole) ==
              Window{d("2025-05-16"), d("2025-05-16")});
        // Before a session on the day after Ascension (Thursday 14 May 2026), it closes on the 13th.
        CHECK(filing_window(d("2026-05-15"), 15, Counting::working, Zone::metropole) ==
              Window{d("2026-04-21"), d("2026-05-13")});
    }

    TEST_CASE("the zone's own holidays change the working-day window")
    {
        // Session on Friday 25 April 2025, 5 working days: Easter Monday (21) is a holiday
        // everywhere, Good Friday (18) only in Alsace-Moselle.
        CHECK(filing_window(d("2025-04-25"), 5, Counting::working, Zone::metropole).opens == d("2025-04-17"));
        CHECK(filing_window(d("2025-04-25"), 5, Counting::working, Zone::alsace_moselle).opens ==
              d("2025-04-16"));
        // Martinique's 22 May and Guadeloupe's 27 May 2025 are working days elsewhere.
        CHECK(filing_window(d("2025-05-28"), 5, Counting::working, Zone::metropole).opens == d("2025-05-21"));
        CHECK(filing_window(d("2025-05-28"), 5, Counting::working, Zone::guadeloupe).opens ==
              d("2025-05-20"));
        CHECK(filing_window(d("2025-05-28"), 5, Counting::working, Zone::martinique).opens ==
              d("2025-05-20"));
    }

    TEST_CASE("working days are added and subtracted across holidays and weekends")
    {
        // Wednesday 24 December 2025: 25 is Christmas, 26 Saint-Étienne in Alsace-Moselle.
        CHECK(add_working_days(d("2025-12-24"), 2, Zone::metropole) == d("2025-12-29"));
        CHECK(add_working_days(d("2025-12-24"), 2, Zone::alsace_moselle) == d("2025-12-30"));
        CHECK(subtract_working_days(d("2025-12-29"), 2, Zone::metropole) == d("2025-12-24"));
        CHECK(subtract_working_days(d("2025-05-20"), 15, Zone::metropole) == d("2025-04-25"));
        CHECK(add_working_days(d("2025-05-10"), 0, Zone::metropole) == d("2025-05-10"));
        CHECK(add_working_days(d("2025-12-29"), -2, Zone::metropole) == d("2025-12-24"));
        CHECK(subtract_working_days(d("2025-12-24"), -2, Zone::metropole) == d("2025-12-29"));
    }

    TEST_CASE("working days between two dates count the first and not the last")
    {
        // May 2025 has 22 weekdays before the 31st, three of them holidays (1, 8 and 29 May).
        CHECK(working_days_between(d("2025-05-01"), d("2025-05-31"), Zone::metropole) == 19);
        CHECK(working_days_between(d("2025-05-31"), d("2025-05-01"), Zone::metropole) == -19);
        CHECK(working_days_between(d("2025-05-09"), d("2025-05-09"), Zone::metropole) == 0);
        CHECK(working_days_between(d("2025-05-09"), d("2025-05-10"), Zone::metropole) == 1);
        CHECK(working_days_between(d("2025-04-25"), d("2025-05-20"), Zone::metropole) == 15);
        // 2008, a leap year from a Tuesday: 262 weekdays, minus nine holidays on weekdays (1 Jan,
        // 24 Mar, 1 May, 8 May, 12 May, 14 Jul, 15 Aug, 11 Nov, 25 Dec; 1 Nov is a Saturday):
        // Ascension, also on 1 May, counts once.
        CHECK(working_days_between(d("2008-01-01"), d("2009-01-01"), Zone::metropole) == 253);
    }

    TEST_CASE("no count or date makes the working-day functions run away")
    {
        const Date s = d("2025-05-20");
        CHECK(subtract_working_days(s, INT_MAX, Zone::metropole) ==
              subtract_working_days(s, max_day_count, Zone::metropole));
        CHECK(add_working_days(s, INT_MIN, Zone::metropole) ==
              subtract_working_days(s, max_day_count, Zone::metropole));
        CHECK(filing_window(s, INT_MAX, Counting::working, Zone::metropole).opens ==
              subtract_working_days(s, max_day_count, Zone::metropole));
        CHECK(filing_window(s, 0, Counting::calendar, Zone::metropole) ==
              Window{d("2025-05-19"), d("2025-05-19")});
        CHECK(filing_window(s, -5, Counting::working, Zone::metropole) ==
              Window{d("2025-05-19"), d("2025-05-19")});
        // Dates beyond AAAA-MM-JJ are clamped to 0001-01-01 … 9999-12-31.
        const Date far = Date{date::days{INT_MAX / 2}};
        // (parse_iso_date stops at 2200-12-31: the last days of 9999 are built directly.)
        const Date last = Date{date::year{9999} / date::December / date::day{31}};
        CHECK(working_days_between(d("2025-01-01"), far, Zone::metropole) ==
              working_days_between(d("2025-01-01"), last, Zone::metropole));
        CHECK(add_working_days(last - date::days{1}, 10, Zone::metropole) == last);
    }
}
