// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A diagnostic is data: what went wrong, where, and how to fix it. Validation collects all of
// them and goes on; nothing here prints.
#include "quali/core/document.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quali::core {

enum class Severity : std::uint8_t { error, warning };

// Another place involved in a diagnostic (the first definition of a duplicate, say).
struct Note {
    std::string file;
    Position pos;
    std::string message;
    friend bool operator==(const Note&, const Note&) = default;
};

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable, e.g. "Q002"
    std::string file;     // path relative to the repository root ("" for the repository)
    Position pos;
    std::string message;  // already in the user's language
    std::string hint;     // optional "aide:" line
    std::vector<Note> notes;
    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Orders diagnostics by file, line, column, then code.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

struct DiagnosticCounts {
    int files = 0;
    int errors = 0;
    int warnings = 0;
};
DiagnosticCounts count(const std::vector<Diagnostic>& diagnostics);

} // namespace quali::core
