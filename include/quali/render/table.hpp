// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Aligned text tables for the terminal: columns as wide as their widest cell, measured in
// characters (not bytes, so that "échéance" lines up), two spaces between columns.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

enum class Align : std::uint8_t { left, right };

class Table {
  public:
    // One alignment per column; missing ones are left.
    explicit Table(std::vector<std::string> headers, std::vector<Align> align = {});

    // Missing cells are empty; extra cells are ignored.
    void add_row(std::vector<std::string> cells);

    std::size_t rows() const { return m_rows.size(); }

    // The header line then one line per row, each ending with '\n', without trailing spaces.
    std::string str() const;

  private:
    std::vector<std::string> m_headers;
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

// The number of terminal columns UTF-8 text takes: one per character, none for combining
// accents and zero-width characters, two for East Asian wide ones.
std::size_t display_width(std::string_view utf8);

} // namespace quali::render
