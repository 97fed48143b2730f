// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Flat tables of the repository for spreadsheets (quali export): one row per organisme, PAA
// action, committee decision, audit or deadline, every cell a string, columns named in French
// snake_case and stable across releases (docs/bilan.md §10). Pure: the renderers write CSV or
// JSON; the order of the rows is deterministic.
#include "quali/core/calendar_date.hpp"
#include "quali/core/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

enum class ExportTable : std::uint8_t { organismes, actions, decisions, audits, echeances };

inline constexpr std::array all_export_tables{ExportTable::organismes, ExportTable::actions,
                                              ExportTable::decisions, ExportTable::audits,
                                              ExportTable::echeances};

// Stable names: organismes | actions | decisions | audits | echeances.
std::string_view to_string(ExportTable t);
std::optional<ExportTable> parse_export_table(std::string_view name);

struct FlatTable {
    std::string nom;
    std::vector<std::string> colonnes;
    std::vector<std::vector<std::string>> lignes;  // each as wide as colonnes
};

// The table as of a day (pathways, lateness, held sessions and deadlines are those of as_of).
// Empty cells are "", yes/no cells "oui"/"non", dates ISO, lists joined with " ; ".
FlatTable export_table(const Model& model, ExportTable table, Date as_of);

// A number of days of audit as written: "4", "2.5" (a point, never a comma).
std::string decimal_text(double value);

} // namespace quali::core
