// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/diagnostic.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace quali::core {

void sort_diagnostics(std::vector<Diagnostic>& diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.file, a.pos.line, a.pos.column, a.code) <
                                std::tie(b.file, b.pos.line, b.pos.column, b.code);
                     });
}

DiagnosticCounts count(const std::vector<Diagnostic>& diagnostics)
{
    DiagnosticCounts c;
    std::set<std::string_view> files;
    for (const Diagnostic& d : diagnostics) {
        files.insert(d.file);
        (d.severity == Severity::error ? c.errors : c.warnings) += 1;
    }
    c.files = static_cast<int>(files.size());
    return c;
}

} // namespace quali::core
