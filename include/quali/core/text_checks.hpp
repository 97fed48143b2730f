// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Checks on a file's bytes before any YAML parsing: what a YAML parser would misreport or
// silently accept (binary data, broken UTF-8, git conflict markers, emptiness).
#include "quali/core/diagnostic.hpp"
#include "quali/core/lang.hpp"

#include <string_view>
#include <vector>

namespace quali::core {

// Files larger than this are refused unread: no dossier file comes near it.
inline constexpr std::size_t max_file_bytes = 8u * 1024u * 1024u;

struct TextCheck {
    std::vector<Diagnostic> diagnostics;  // file names left empty: the caller sets them
    bool parseable = true;                // false: do not hand these bytes to the YAML parser
    std::string_view yaml;                // the bytes without a UTF-8 byte-order mark
};

TextCheck check_text(std::string_view bytes, Lang lang);

// Maps byte offsets of a text to 1-based lines and code-point columns.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    Position position(std::size_t offset) const;
    // Position for a 0-based line and 0-based byte column (as YAML parsers report them).
    Position position(int line0, int byte_column0) const;
    // The text of a 1-based line, without its line break.
    std::string_view line(int line) const;
    int line_count() const { return static_cast<int>(m_starts.size()); }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

} // namespace quali::core
