// SPDX-License-Identifier: EUPL-1.2
#pragma once
// CSV for spreadsheets (quali export): RFC 4180 in UTF-8, or the dialect French Excel opens
// with a double click. Every cell that a spreadsheet would read as a formula is neutralised
// (CSV injection, docs/bilan.md §10).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

struct CsvOptions {
    // French Excel: a UTF-8 byte-order mark, ';' between cells and a decimal comma in the cells
    // that are decimal numbers ("2.5" becomes "2,5").
    bool excel = false;
};

// A cell as a spreadsheet may safely read it: a value that starts with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe (which spreadsheets show as text), unless it is a
// plain number such as "-3" or "-2.5", which no spreadsheet evaluates.
std::string neutralise_cell(std::string_view value);

// True when the value is an optional '-' then digits, with at most one '.' or ',' between digits.
bool is_plain_number(std::string_view value);

// One field: neutralised, then quoted when it holds the separator, a double quote, CR or LF
// (a double quote inside is doubled).
std::string csv_field(std::string_view value, char separator);

// The header line then one record per row, every record ending with CRLF.
std::string to_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                   const CsvOptions& options = {});
// The same, given to out record by record (the whole text is never held).
void to_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
            const CsvOptions& options, const std::function<void(std::string_view)>& out);

// The same table as JSON: an array of objects, one per row, keyed by the header's names, in
// their order (quali export --format json, the site's organismes.json).
std::string table_json(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
// The same bytes, given to out object by object (no tree of the whole table).
void table_json(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                const std::function<void(std::string_view)>& out);

} // namespace quali::render
