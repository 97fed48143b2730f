// SPDX-License-Identifier: EUPL-1.2
// CSV for spreadsheets: RFC 4180 quoting and line ends, French Excel's dialect, and cells that a
// spreadsheet would run as formulas neutralised.
#include "quali/render/csv.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace quali::render;

TEST_SUITE("render::csv")
{
    TEST_CASE("a plain value is written as is")
    {
        CHECK(csv_field("Habitat Loire", ',') == "Habitat Loire");
        CHECK(csv_field("", ',').empty());
        CHECK(csv_field("2025-06-19", ',') == "2025-06-19");
    }

    TEST_CASE("a value with the separator, a quote or a line break is quoted, its quotes doubled")
    {
        CHECK(csv_field("a,b", ',') == "\"a,b\"");
        CHECK(csv_field("a,b", ';') == "a,b");
        CHECK(csv_field("a;b", ';') == "\"a;b\"");
        CHECK(csv_field("dit \"oui\"", ',') == "\"dit \"\"oui\"\"\"");
        CHECK(csv_field("ligne 1\nligne 2", ',') == "\"ligne 1\nligne 2\"");
        CHECK(csv_field("a\r\nb", ',') == "\"a\r\nb\"");
    }

    TEST_CASE("a cell a spreadsheet would read as a formula gets a leading apostrophe")
    {
        CHECK(neutralise_cell("=1+1") == "'=1+1");
        CHECK(neutralise_cell("+33 1 99 00 00 00") == "'+33 1 99 00 00 00");
        CHECK(neutralise_cell("-x") == "'-x");
        CHECK(neutralise_cell("@SOMME(A1:A2)") == "'@SOMME(A1:A2)");
        CHECK(neutralise_cell("\tcmd") == "'\tcmd");
        CHECK(neutralise_cell("\rcmd") == "'\rcmd");
        CHECK(neutralise_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")");
        // Elsewhere than in first place the characters are harmless.
        CHECK(neutralise_cell("a=b") == "a=b");
        CHECK(neutralise_cell("T1.2 - accueil") == "T1.2 - accueil");
    }

    TEST_CASE("a plain negative number is left as a number")
    {
        CHECK(neutralise_cell("-3") == "-3");
        CHECK(neutralise_cell("-2.5") == "-2.5");
        CHECK(neutralise_cell("-2,5") == "-2,5");
        CHECK(neutralise_cell("-3+1") == "'-3+1");
        CHECK(neutralise_cell("-") == "'-");
        CHECK(neutralise_cell("-1.2.3") == "'-1.2.3");
        CHECK(is_plain_number("12"));
        CHECK(is_plain_number("0.25"));
        CHECK_FALSE(is_plain_number("1e5"));
        CHECK_FALSE(is_plain_number(".5"));
        CHECK_FALSE(is_plain_number("5."));
        CHECK_FALSE(is_plain_number(""));
    }

    TEST_CASE("a neutralised cell is quoted when it needs to be")
    {
        CHECK(csv_field("=a,b", ',') == "\"'=a,b\"");
        CHECK(csv_field("\r=1", ',') == "\"'\r=1\"");
    }

    TEST_CASE("every record ends with CRLF, the header first")
    {
        const std::string out = to_csv({"organisme", "nom"}, {{"a", "Alpha, Beta"}, {"b", ""}});
        CHECK(out == "organisme,nom\r\na,\"Alpha, Beta\"\r\nb,\r\n");
        CHECK(to_csv({"x"}, {}) == "x\r\n");
    }

    TEST_CASE("the Excel dialect has a byte-order mark, semicolons and decimal commas")
    {
        const std::string out = to_csv({"audit", "jours", "debut"}, {{"a;1", "2.5", "2025-06-03"}, {"T1.2", "4", "x"}},
                                       CsvOptions{true});
        CHECK(out == "\xEF\xBB\xBF" "audit;jours;debut\r\n\"a;1\";2,5;2025-06-03\r\nT1.2;4;x\r\n");
    }

    TEST_CASE("the table as JSON, written object by object, is the whole array's dump")
    {
        const std::vector<std::string> header = {"organisme", "nom", "logements"};
        const std::vector<std::vector<std::string>> rows = {
            {"a", "Alpha \"Habitat\"\nligne", "120"}, {"b", "Bêta", ""}, {"c", "court"}}; // a short row
        nlohmann::ordered_json whole = nlohmann::ordered_json::array();
        for (const auto& row : rows) {
            nlohmann::ordered_json j = nlohmann::ordered_json::object();
            for (std::size_t i = 0; i < header.size() && i < row.size(); ++i)
                j[header[i]] = row[i];
            whole.push_back(j);
        }
        CHECK(table_json(header, rows) == whole.dump(2) + "\n");
        CHECK(table_json(header, {}) == nlohmann::ordered_json::array().dump(2) + "\n");
        std::vector<std::string> pieces;
        table_json(header, rows, [&](std::string_view piece) { pieces.emplace_back(piece); });
        CHECK(pieces.size() == rows.size() + 2); // "[", each object, "]"
        std::string csv;
        to_csv(header, rows, {}, [&](std::string_view piece) { csv += piece; });
        CHECK(csv == to_csv(header, rows));
    }
}
