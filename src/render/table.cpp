// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/table.hpp"

#include "quali/core/utf8.hpp"

#include <algorithm>

namespace quali::render {

std::size_t display_width(std::string_view utf8)
{
    return core::utf8::display_width(utf8);
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
