// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/markdown.hpp"

#include <cctype>

namespace quali::render {

namespace {

bool special(char c)
{
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '|':
    case '&':
    case '~':
    case '#':
        return true;
    default:
        return false;
    }
}

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

std::string markdown_escape(std::string_view text)
{
    // One line, trimmed: a value never opens a block of its own (code block, list, table row).
    std::string line;
    line.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (blank(c))
            line += ' ';
        else if (u >= 0x20 && u != 0x7f) // other control characters are dropped
            line += c;
    }
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    line = line.substr(first, line.find_last_not_of(' ') - first + 1);

    std::string out;
    out.reserve(line.size() + 8);
    // A list, heading or thematic-break marker at the start: "- x", "+ x", "=", "12. x", "3) x".
    if (line[0] == '-' || line[0] == '+' || line[0] == '=') {
        out += '\\';
    } else {
        std::size_t digits = 0;
        while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0)
            ++digits;
        if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
            out.append(line, 0, digits);
            out += '\\';
            line.erase(0, digits);
        }
    }
    for (char c : line) {
        if (special(c)) out += '\\';
        out += c;
    }
    return out;
}

} // namespace quali::render
