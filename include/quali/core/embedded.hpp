// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace quali::core {

// A file compiled into the binary (schemas, default framework, codes reference).
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

// Returns the content of the embedded file with that base name, if any.
std::optional<std::string_view> embedded_file(std::string_view name);

} // namespace quali::core
