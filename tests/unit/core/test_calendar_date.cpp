// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/calendar_date.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

TEST_SUITE("core::calendar_date")
{
    TEST_CASE("only real calendar dates parse")
    {
        CHECK(parse_iso_date("2024-02-29").has_value());
        CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
        CHECK_FALSE(parse_iso_date("2025-02-30").has_value());
        CHECK_FALSE(parse_iso_date("2025-13-01").has_value());
        CHECK_FALSE(parse_iso_date("2025-00-10").has_value());
        CHECK_FALSE(parse_iso_date("2025-1-10").has_value());
        CHECK_FALSE(parse_iso_date("10/03/2025").has_value());
        CHECK(has_iso_date_shape("2025-02-30"));
    }

    TEST_CASE("dates outside 1900-01-01 to 2200-12-31 do not parse, and are told apart from impossible ones")
    {
        CHECK(parse_iso_date("1900-01-01").has_value());
        CHECK(parse_iso_date("2200-12-31").has_value());
        CHECK_FALSE(parse_iso_date("1899-12-31").has_value());
        CHECK_FALSE(parse_iso_date("2201-01-01").has_value());
        CHECK_FALSE(parse_iso_date("0000-01-01").has_value());
        CHECK_FALSE(parse_iso_date("9999-12-31").has_value());
        CHECK(iso_date_out_of_range("0000-01-01"));
        CHECK(iso_date_out_of_range("0000-02-29")); // year 0 is a leap year: a real day, out of range
        CHECK(iso_date_out_of_range("2201-01-01"));
        CHECK_FALSE(iso_date_out_of_range("2200-12-31"));
        CHECK_FALSE(iso_date_out_of_range("2201-02-30")); // impossible, not out of range
        CHECK_FALSE(iso_date_out_of_range("20-01-2201"));
    }

    TEST_CASE("dates print back as ISO")
    {
        CHECK(iso(*parse_iso_date("2026-06-18")) == "2026-06-18");
        CHECK(iso(*parse_iso_date("1901-01-02")) == "1901-01-02");
    }

    TEST_CASE("dates are written in French words for letters")
    {
        CHECK(long_date(*parse_iso_date("2026-06-18"), Lang::fr) == "18 juin 2026");
        CHECK(long_date(*parse_iso_date("2026-08-01"), Lang::fr) == "1er août 2026");
        CHECK(long_date(*parse_iso_date("2026-12-25"), Lang::en) == "25 December 2026");
    }

    TEST_CASE("a period names its year once when both days share it")
    {
        const auto d = [](const char* text) { return *parse_iso_date(text); };
        CHECK(long_period(d("2026-06-01"), d("2026-06-17"), Lang::fr) == "du 1er juin au 17 juin 2026");
        CHECK(long_period(d("2026-12-20"), d("2027-01-05"), Lang::fr) == "du 20 décembre 2026 au 5 janvier 2027");
        CHECK(long_period(d("2026-06-03"), d("2026-06-17"), Lang::en) == "from 3 June to 17 June 2026");
    }

    TEST_CASE("adding months keeps the day or clamps to the month's end")
    {
        CHECK(iso(add_months(*parse_iso_date("2024-02-15"), 12)) == "2025-02-15");
        CHECK(iso(add_months(*parse_iso_date("2024-01-31"), 1)) == "2024-02-29");
        CHECK(iso(add_months(*parse_iso_date("2023-01-31"), 1)) == "2023-02-28");
        CHECK(iso(add_months(*parse_iso_date("2023-11-16"), 36)) == "2026-11-16");
        CHECK(iso(add_months(*parse_iso_date("2024-03-31"), -1)) == "2024-02-29");
    }
}
