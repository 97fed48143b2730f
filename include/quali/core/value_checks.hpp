// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Checks on values that a JSON Schema cannot express: real calendar dates, the SIREN's Luhn
// checksum, e-mail shape, ids unique within a file, proof paths that stay inside the organisme
// folder and exist.
#include "quali/core/diagnostic.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/lang.hpp"

#include <string_view>
#include <vector>

namespace quali::core {

// What the file system says of a path cited by an organisme file (answered by the I/O layer).
enum class PathStatus : std::uint8_t { file, missing, outside, not_a_file };

class PathOracle {
public:
    virtual ~PathOracle() = default;
    // path is relative to the organisme folder, already checked to be lexically inside it.
    virtual PathStatus status(std::string_view path) const = 0;
    // The files of the organisme folder (relative, '/'-separated, at most a few thousand),
    // for "did you mean" on a missing proof; empty when unknown.
    virtual std::vector<std::string> files() const { return {}; }
};

// The existing file nearest to a missing path (same name with a typo, or the same name in
// another folder), or "" when none is near enough to be a likely meaning.
std::string nearest_file(std::string_view missing, const std::vector<std::string>& files);

// The value quali init and quali new write in the fields a person must fill: reported as the
// warning Q016 "champ à compléter", never as a wrong type, value or format.
inline constexpr std::string_view to_fill_marker = "À COMPLÉTER";

bool luhn_valid(std::string_view digits);
bool plausible_email(std::string_view text);

// Returns nullopt when the relative path stays inside its folder; otherwise why it leaves.
bool path_leaves_folder(std::string_view path);

// Runs the value checks on a file that passed (or partly passed) its schema. proofs may be
// null when the organisme folder is unknown (proof existence is then not checked).
std::vector<Diagnostic> check_values(FileKind kind, const Node& root, const PathOracle* proofs,
                                     Lang lang);

} // namespace quali::core

namespace quali::core {

// Every check of one parsed file on its own: its JSON Schema, then the value checks.
std::vector<Diagnostic> check_document(FileKind kind, const Node& root, const PathOracle* proofs, Lang lang);

} // namespace quali::core
