// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/ics.hpp"

#include "quali/core/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace quali::render {

std::string ics_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            // Other control characters are not allowed in TEXT values (RFC 5545 §3.1).
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
                out += ' ';
            else
                out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line)
{
    constexpr std::size_t limit = 75;
    std::string out;
    std::size_t start = 0;
    std::size_t room = limit; // octets allowed on the current physical line
    while (line.size() - start > room) {
        std::size_t cut = start + room;
        // Step back to the first byte of a UTF-8 sequence so that no character is split.
        while (cut > start && core::utf8::is_continuation(line[cut]))
            --cut;
        if (cut == start) cut = start + room; // not UTF-8: cut anyway rather than loop
        out.append(line.substr(start, cut - start));
        out += "\r\n ";
        start = cut;
        room = limit - 1; // the leading space of a continuation line counts
    }
    out.append(line.substr(start));
    out += "\r\n";
    return out;
}

std::string ics_uid(std::string_view key)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return fmt::format("{:016x}@quali", h);
}

namespace {

std::string compact(core::Date d)
{
    std::string s = core::iso(d);
    std::string out;
    for (const char c : s)
        if (c != '-') out += c;
    return out;
}

} // namespace

std::string deadlines_ics(const std::vector<core::Deadline>& deadlines, core::Date as_of,
                          std::string_view calendar_name)
{
    std::string out;
    const auto line = [&](std::string_view text) { out += ics_fold(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//quali//Quali'Hlm//FR");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ics_escape(calendar_name));
    const std::string stamp = compact(as_of) + "T000000Z";
    for (const core::Deadline& d : deadlines) {
        line("BEGIN:VEVENT");
        line("UID:" + ics_uid(d.cle));
        line("DTSTAMP:" + stamp);
        line("DTSTART;VALUE=DATE:" + compact(d.date));
        line("DTEND;VALUE=DATE:" + compact(core::add_days(d.date, 1)));
        line("SUMMARY:" + ics_escape(d.titre));
        line("DESCRIPTION:" + ics_escape(d.description));
        if (!d.lieu.empty()) line("LOCATION:" + ics_escape(d.lieu));
        line("CATEGORIES:" + ics_escape(core::to_string(d.type)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

} // namespace quali::render
