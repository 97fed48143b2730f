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

std::string to_csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                   const CsvOptions& options)
{
    const char separator = options.excel ? ';' : ',';
    std::string out = options.excel ? "\xEF\xBB\xBF" : "";
    const auto record = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out += separator;
            out += csv_field(options.excel ? excel_decimal(cells[i]) : cells[i], separator);
        }
        out += "\r\n";
    };
    record(header);
    for (const std::vector<std::string>& row : rows)
        record(row);
    return out;
}

std::string table_json(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows)
{
    auto out = nlohmann::ordered_json::array();
    for (const std::vector<std::string>& row : rows) {
        nlohmann::ordered_json j = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < header.size() && i < row.size(); ++i)
            j[header[i]] = row[i];
        out.push_back(std::move(j));
    }
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace quali::render
