// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/text_checks.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

TEST_SUITE("core::text_checks")
{
    TEST_CASE("a NUL byte makes the file binary, reported at its place")
    {
        const auto r = check_text(std::string_view("a: 1\nb: \0x", 10), Lang::fr);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].code == "Q006");
        CHECK(r.diagnostics[0].pos == Position{2, 4});
        CHECK_FALSE(r.parseable);
    }

    TEST_CASE("Latin-1 bytes are not UTF-8 and are reported at the first bad byte")
    {
        const auto r = check_text("nom: Soci\xe9t\xe9\n", Lang::fr);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].code == "Q006");
        CHECK(r.diagnostics[0].pos == Position{1, 10});
    }

    TEST_CASE("overlong encodings and surrogates are rejected")
    {
        CHECK(check_text("a: \xc0\xaf", Lang::fr).diagnostics.size() == 1);
        CHECK(check_text("a: \xed\xa0\x80", Lang::fr).diagnostics.size() == 1);
        CHECK(check_text("a: \xf4\x90\x80\x80", Lang::fr).diagnostics.size() == 1);
    }

    TEST_CASE("accented UTF-8, a byte-order mark and CRLF line ends are accepted")
    {
        const auto r = check_text("\xEF\xBB\xBFnom: Soci\xc3\xa9t\xc3\xa9\r\nregion: \xc3\x8ele-de-France\r\n", Lang::fr);
        CHECK(r.diagnostics.empty());
        CHECK(r.parseable);
        CHECK(r.yaml.starts_with("nom"));
    }

    TEST_CASE("an empty or blank file is reported once")
    {
        for (const char* text : {"", "   \n\n\t\n", "\r\n"}) {
            const auto r = check_text(text, Lang::fr);
            REQUIRE(r.diagnostics.size() == 1);
            CHECK(r.diagnostics[0].code == "Q004");
            CHECK_FALSE(r.parseable);
        }
    }

    TEST_CASE("git conflict markers are reported plainly, one per conflict")
    {
        const auto r = check_text("nom: A\n<<<<<<< HEAD\nlogements: 1\n=======\nlogements: 2\n>>>>>>> autre\n", Lang::fr);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].code == "Q003");
        CHECK(r.diagnostics[0].pos == Position{2, 1});
        CHECK(r.diagnostics[0].message.find("fusion git") != std::string::npos);
        CHECK_FALSE(r.parseable);
    }

    TEST_CASE("messages are in English when asked")
    {
        const auto r = check_text("", Lang::en);
        CHECK(r.diagnostics[0].message == "empty file");
    }
}

TEST_SUITE("core::LineIndex")
{
    TEST_CASE("columns count code points, not bytes")
    {
        const LineIndex index("a: 1\nrégion: é\n");
        CHECK(index.position(5) == Position{2, 1});
        CHECK(index.position(2, 9) == Position{3, 1});
        // "région: " is 9 bytes but 8 code points: the value starts at column 9.
        CHECK(index.position(1, 9) == Position{2, 9});
        CHECK(index.line(2) == "région: é");
    }

    TEST_CASE("a CR before the line feed is not part of the line")
    {
        const LineIndex index("a: 1\r\nb: 2\r\n");
        CHECK(index.line(1) == "a: 1");
        CHECK(index.line(2) == "b: 2");
        CHECK(index.line(9).empty());
    }
}
