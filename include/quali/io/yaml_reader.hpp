// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The one place that knows the YAML library: bytes in, quali's document tree out, with a
// position on every node and a diagnostic for every problem (never an exception).
#include "quali/core/diagnostic.hpp"
#include "quali/core/document.hpp"
#include "quali/core/lang.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace quali::io {

struct YamlLimits {
    int max_depth = 64;                 // nesting of mappings and sequences
    std::size_t max_nodes = 200'000;    // nodes once aliases are expanded
};

struct ParsedYaml {
    std::unique_ptr<core::Tree> tree;   // root is null when nothing usable was read
    std::vector<core::Diagnostic> diagnostics;  // file names left empty
};

// Parses one YAML document (bytes already checked by core::check_text).
ParsedYaml parse_yaml(std::string_view text, core::Lang lang, const YamlLimits& limits = {});

} // namespace quali::io
