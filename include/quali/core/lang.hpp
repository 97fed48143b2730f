// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The user's language. People read French by default; machines read codes and JSON keys.
#include <fmt/format.h>

#include <string>
#include <utility>

namespace quali::core {

enum class Lang : std::uint8_t { fr, en };

// Formats the French or the English text, both checked at compile time against the arguments.
template <typename... Args>
std::string say(Lang lang, fmt::format_string<Args...> fr, fmt::format_string<Args...> en,
                Args&&... args)
{
    return lang == Lang::en ? fmt::format(en, std::forward<Args>(args)...)
                            : fmt::format(fr, std::forward<Args>(args)...);
}

} // namespace quali::core
