// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/table.hpp"

#include <algorithm>

namespace quali::render {

namespace {

// Decodes the code point starting at s[i] and advances i; invalid bytes count as one each.
char32_t next_code_point(std::string_view s, std::size_t& i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    i += len;
    return cp;
}

bool is_zero_width(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFE0F || c == 0x2060;
}

bool is_wide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

std::size_t display_width(std::string_view utf8)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = next_code_point(utf8, i);
        if (is_zero_width(c)) continue;
        width += is_wide(c) ? 2 : 1;
    }
    return width;
}

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : m_headers(std::move(headers)), m_align(std::move(align))
{
    m_align.resize(m_headers.size(), Align::left);
}

void Table::add_row(std::vector<std::string> cells)
{
    cells.resize(m_headers.size());
    m_rows.push_back(std::move(cells));
}

std::string Table::str() const
{
    std::vector<std::size_t> widths(m_headers.size(), 0);
    const auto measure = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            widths[c] = std::max(widths[c], display_width(cells[c]));
    };
    measure(m_headers);
    for (const auto& row : m_rows)
        measure(row);

    std::string out;
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) text += "  ";
            const std::size_t pad = widths[c] - display_width(cells[c]);
            if (m_align[c] == Align::right) text.append(pad, ' ');
            text += cells[c];
            if (m_align[c] == Align::left) text.append(pad, ' ');
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out += text;
        out += '\n';
    };
    line(m_headers);
    for (const auto& row : m_rows)
        line(row);
    return out;
}

} // namespace quali::render
