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
        CHECK(parse_iso_date("0000-01-01").has_value());
        CHECK(parse_iso_date("9999-12-31").has_value());
        CHECK(has_iso_date_shape("2025-02-30"));
    }

    TEST_CASE("dates print back as ISO")
    {
        CHECK(iso(*parse_iso_date("2026-06-18")) == "2026-06-18");
        CHECK(iso(*parse_iso_date("0999-01-02")) == "0999-01-02");
    }

    TEST_CASE("dates are written in French words for letters")
    {
        CHECK(long_date(*parse_iso_date("2026-06-18"), Lang::fr) == "18 juin 2026");
        CHECK(long_date(*parse_iso_date("2026-08-01"), Lang::fr) == "1er août 2026");
        CHECK(long_date(*parse_iso_date("2026-12-25"), Lang::en) == "25 December 2026");
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
