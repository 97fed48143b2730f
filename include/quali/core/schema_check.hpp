// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Validates a document tree against the JSON Schema of its file kind (schemas/, embedded in
// the binary) through valijson, and turns each failure into a diagnostic at the node's place.
#include "quali/core/diagnostic.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/lang.hpp"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quali::core {

// Converts a tree to JSON with YAML 1.2 core-schema typing (quoted scalars are strings).
nlohmann::json to_json(const Node& node);

class SchemaSet {
public:
    // The schemas compiled into the binary; parsed once, shared by all threads.
    static const SchemaSet& builtin();

    ~SchemaSet();
    SchemaSet(const SchemaSet&) = delete;
    SchemaSet& operator=(const SchemaSet&) = delete;

    std::vector<Diagnostic> validate(FileKind kind, const Node& root, Lang lang) const;

    // The schema document of a kind (for "did you mean" and allowed values).
    const nlohmann::json& schema(FileKind kind) const;

private:
    SchemaSet();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Follows local "$ref": "#/…" references of a schema document; nullptr when unresolved.
const nlohmann::json* schema_deref(const nlohmann::json& root, const nlohmann::json* schema);

// Levenshtein distance, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate to word, if close enough to be a plausible typo.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace quali::core
