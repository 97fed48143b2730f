// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Renders diagnostics: compiler-style text (with the source line and a caret on a terminal),
// one JSON object, GitHub workflow commands, or the forges' reports (GitLab Code Quality,
// SARIF 2.1.0: diagnostics_forge.cpp).
#include "quali/core/diagnostic.hpp"
#include "quali/core/lang.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

// Returns the text of a 1-based line of a file as shown to the user, or "" if unknown.
using SourceLines = std::function<std::string_view(const std::string& file, int line)>;

struct TextStyle {
    core::Lang lang = core::Lang::fr;
    bool color = false;
    bool show_source = false;   // source line and caret
    bool quiet = false;         // no hints, notes or source
};

std::string diagnostics_text(const std::vector<core::Diagnostic>& diagnostics, const TextStyle& style,
                             const SourceLines& lines);

// "3 erreurs, 2 avertissements dans 2 fichiers (41 fichiers vérifiés)", and the warnings
// silenced by validate --ignore or quali.yaml (", 2 avertissements masqués") when there are.
std::string summary_text(const std::vector<core::Diagnostic>& diagnostics, int files_checked,
                         const TextStyle& style, int silenced = 0);

// {"diagnostics":[{"file","line","column","severity","code","message"}],
//  "summary":{"files":N,"errors":N,"warnings":N,"silenced":N}} — files counts the files
// checked, silenced the warnings left out (validate --ignore, quali.yaml diagnostics.ignorer).
std::string diagnostics_json(const std::vector<core::Diagnostic>& diagnostics, int files_checked,
                             int silenced = 0);

// One "::error file=…,line=…,col=…,title=…::message" line per diagnostic.
std::string diagnostics_github(const std::vector<core::Diagnostic>& diagnostics);

// A digest of bytes as hex digits (io::sha256_hex: render does no hashing of its own).
using Digest = std::function<std::string(std::string_view bytes)>;

// A stable identity for each diagnostic, for the forges to follow it from one run to the next:
// the digest of the code, the file, the message and the text of the diagnostic's line
// (trimmed), never of the line number, so that lines added above leave it unchanged;
// identical diagnostics in one file are told apart by their rank among themselves. The
// message is in the user's language: keep one --lang in CI.
std::vector<std::string> diagnostic_fingerprints(const std::vector<core::Diagnostic>& diagnostics,
                                                 const SourceLines& lines, const Digest& digest);

// What the forges' reports need besides the diagnostics.
struct ForgeReport {
    std::vector<std::string> fingerprints{}; // fingerprints[i] is diagnostics[i]'s
    // The file shown for a diagnostic that has none (on the repository, or on --ignore): the
    // forges refuse a result without a place (GitHub rejects the whole SARIF upload).
    std::string anchor = "quali.yaml";
    core::Lang lang = core::Lang::fr;
    std::string version{}; // quali's, for SARIF's tool
};

// GitLab's Code Quality report: a JSON array of {description, check_name (the code),
// fingerprint, severity (error → critical, warning → minor), location {path, lines {begin}}};
// a diagnostic without a line is placed on line 1.
std::string diagnostics_gitlab(const std::vector<core::Diagnostic>& diagnostics, const ForgeReport& report);

// A SARIF 2.1.0 log with one run: quali as the tool, one rule per code used (title, text of
// quali explain in report.lang), one result per diagnostic, always with a location (line 1
// when it has none) and its fingerprint (partialFingerprints), its notes as related locations.
std::string diagnostics_sarif(const std::vector<core::Diagnostic>& diagnostics, const ForgeReport& report);

} // namespace quali::render
