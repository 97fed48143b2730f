// SPDX-License-Identifier: EUPL-1.2
// iCalendar export: RFC 5545 escaping, folding, stable UIDs, all-day events.
#include "quali/render/ics.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

using namespace quali;

namespace {

core::Date d(const char* text)
{
    return *core::parse_iso_date(text);
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
        out.push_back(text.substr(start, at - start));
        start = at + 2;
    }
    CHECK(start == text.size()); // every line ends with CRLF
    return out;
}

std::string unfold(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

core::Deadline deadline(const char* date, const char* key, const char* description)
{
    core::Deadline x;
    x.date = d(date);
    x.type = core::DeadlineType::etape;
    x.organisme = "org";
    x.titre = "Titre";
    x.description = description;
    x.cle = key;
    return x;
}

} // namespace

TEST_SUITE("render::ics")
{
    TEST_CASE("text values escape backslash, semicolon, comma and newlines")
    {
        CHECK(render::ics_escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf");
        CHECK(render::ics_escape("Dépôt : l'USH") == "Dépôt : l'USH");
    }

    TEST_CASE("a short line is left whole and ends with CRLF")
    {
        CHECK(render::ics_fold("VERSION:2.0") == "VERSION:2.0\r\n");
        const std::string exact(75, 'x');
        CHECK(render::ics_fold(exact) == exact + "\r\n");
    }

    TEST_CASE("long lines fold at 75 octets without splitting a character")
    {
        std::string line = "DESCRIPTION:";
        for (int i = 0; i < 40; ++i)
            line += "éàü—x";
        const std::string folded = render::ics_fold(line);
        for (const std::string& l : lines_of(folded)) {
            CHECK(l.size() <= 75);
            // No physical line starts or ends inside a UTF-8 sequence.
            const std::string body = l.starts_with(' ') ? l.substr(1) : l;
            REQUIRE_FALSE(body.empty());
            CHECK((static_cast<unsigned char>(body.front()) & 0xC0) != 0x80);
            const unsigned char last = static_cast<unsigned char>(body.back());
            CHECK((last < 0x80 || (last & 0xC0) == 0x80));
        }
        CHECK(unfold(folded) == line + "\r\n");
    }

    TEST_CASE("UIDs depend on the key only")
    {
        CHECK(render::ics_uid("etape|org|labellisation") == render::ics_uid("etape|org|labellisation"));
        CHECK(render::ics_uid("etape|org|labellisation") != render::ics_uid("etape|org|maintien-1.1"));
        CHECK(render::ics_uid("").size() == std::string("0123456789abcdef@quali").size());
        CHECK(render::ics_uid("").ends_with("@quali"));
    }

    TEST_CASE("each deadline is an all-day event stamped with the reference date")
    {
        const std::vector<core::Deadline> list{
            deadline("2026-06-17", "depot|2026-06-18", "Fenêtre, du 3 au 17 ; Paris"),
            deadline("2026-12-31", "etape|org|maintien-1.1", "Fin d'année")};
        const std::string ics = render::deadlines_ics(list, d("2026-06-10"), "Échéances");
        const std::vector<std::string> lines = lines_of(ics);
        CHECK(lines.front() == "BEGIN:VCALENDAR");
        CHECK(lines.back() == "END:VCALENDAR");
        CHECK(ics.find("VERSION:2.0\r\n") != std::string::npos);
        CHECK(ics.find("PRODID:-//quali//Quali'Hlm//FR\r\n") != std::string::npos);
        CHECK(ics.find("METHOD:PUBLISH\r\n") != std::string::npos);
        CHECK(ics.find("X-WR-CALNAME:Échéances\r\n") != std::string::npos);
        CHECK(ics.find("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n") != std::string::npos);
        CHECK(ics.find("DTSTART;VALUE=DATE:20260617\r\nDTEND;VALUE=DATE:20260618\r\n") != std::string::npos);
        CHECK(ics.find("DESCRIPTION:Fenêtre\\, du 3 au 17 \\; Paris\r\n") != std::string::npos);
        CHECK(ics.find("CATEGORIES:etape\r\n") != std::string::npos);
        std::set<std::string> uids;
        int stamps = 0;
        for (const std::string& l : lines) {
            if (l.starts_with("UID:")) uids.insert(l);
            if (l == "DTSTAMP:20260610T000000Z") ++stamps;
        }
        CHECK(uids.size() == 2);
        CHECK(stamps == 2);
    }

    TEST_CASE("the same deadlines and date give the same bytes, a moved date the same UID")
    {
        std::vector<core::Deadline> list{deadline("2026-06-17", "etape|org|labellisation", "x")};
        const std::string a = render::deadlines_ics(list, d("2026-06-10"), "c");
        CHECK(a == render::deadlines_ics(list, d("2026-06-10"), "c"));
        list[0].date = d("2026-09-30");
        const std::string b = render::deadlines_ics(list, d("2026-07-01"), "c");
        const auto uid = [](const std::string& s) { return s.substr(s.find("UID:"), 27); };
        CHECK(uid(a) == uid(b));
    }
}
