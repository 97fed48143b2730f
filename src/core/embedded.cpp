// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/embedded.hpp"

namespace quali::core {

std::optional<std::string_view> embedded_file(std::string_view name)
{
    for (const EmbeddedFile& f : embedded_files())
        if (f.name == name) return f.content;
    return std::nullopt;
}

} // namespace quali::core
