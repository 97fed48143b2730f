// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/csv.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace quali::render {

namespace {

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// "2.5" -> "2,5" for French Excel; only decimal numbers are touched (never dates or ids).
std::string excel_decimal(std::string_view value)
{
    std::string out(value);
    if (is_plain_number(value))
        std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

} // namespace

bool is_plain_number(std::string_view value)
{
    if (value.starts_with('-')) value.remove_prefix(1);
    if (value.empty() || !is_digit(value.front()) || !is_digit(value.back())) return false;
    int separators = 0;
    for (char c : value) {
        if (c == '.' || c == ',') ++separators;
        else if (!is_digit(c)) return false;
    }
    return separators <= 1;
}

std::string neutralise_cell(std::string_view value)
{
    if (value.empty()) return {};
    const char first = value.front();
    const bool risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    if (!risky || is_plain_number(value)) return std::string(value);
    return "'" + std::string(value);
}

std::string csv_field(std::string_view value, char separator)
{
    const std::string cell = neutralise_cell(value);
    const bool quote = cell.find_first_of(std::string{separator, '"', '\r', '\n'}) != std::string::npos;
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void to_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
            const CsvOptions& options, const std::function<void(std::string_view)>& out)
{
    const char separator = options.excel ? ';' : ',';
    if (options.excel) out("\xEF\xBB\xBF");
    std::string line;
    const auto record = [&](const std::vector<std::string>& cells) {
        line.clear();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) line += separator;
            line += csv_field(options.excel ? excel_decimal(cells[i]) : cells[i], separator);
        }
        line += "\r\n";
        out(line);
    };
    record(header);
    for (const std::vector<std::string>& row : rows)
        record(row);
}

std::string to_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                   const CsvOptions& options)
{
    std::string out;
    to_csv(header, rows, options, [&out](std::string_view piece) { out += piece; });
    return out;
}

void table_json(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                const std::function<void(std::string_view)>& out)
{
    // As nlohmann's dump(2) of the whole array: each object one level in, its lines indented by two.
    if (rows.empty()) return out("[]\n");
    out("[\n");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < header.size() && i < rows[r].size(); ++i)
            j[header[i]] = rows[r][i];
        const std::string object = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        std::string indented = "  ";
        for (const char c : object) {
            indented += c;
            if (c == '\n') indented += "  ";
        }
        indented += r + 1 < rows.size() ? ",\n" : "\n";
        out(indented);
    }
    out("]\n");
}

std::string table_json(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows)
{
    std::string out;
    table_json(header, rows, [&out](std::string_view piece) { out += piece; });
    return out;
}

} // namespace quali::render
