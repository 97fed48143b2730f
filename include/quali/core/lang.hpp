// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The user's language. People read French by default; machines read codes and JSON keys.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <string_view>
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

// A count and its noun with a real plural: « 0 erreur », « 1 erreur », « 3 erreurs » (French
// keeps the singular below 2), "1 error", "0 errors" (English only for 1). Never « (s) ».
template <typename Number>
std::string count_of(Lang lang, Number n, std::string_view one, std::string_view many)
{
    const bool singular = lang == Lang::en ? n == 1 : n < 2;
    std::string number = fmt::format("{}", n);
    if (lang == Lang::fr)
        for (char& c : number)
            if (c == '.') c = ',';
    return fmt::format("{} {}", number, singular ? one : many);
}

// The same, with the nouns of both languages.
template <typename Number>
std::string count_of(Lang lang, Number n, std::string_view fr_one, std::string_view fr_many, std::string_view en_one,
                     std::string_view en_many)
{
    return lang == Lang::en ? count_of(lang, n, en_one, en_many) : count_of(lang, n, fr_one, fr_many);
}

// An error a person may read, where the language is not known (below the commands: digests,
// built-in data): what() is the French text; main prints text(lang) instead.
class BilingualError : public std::runtime_error {
public:
    BilingualError(const std::string& fr, std::string en) : std::runtime_error(fr), m_en(std::move(en)) {}
    const char* text(Lang lang) const noexcept { return lang == Lang::en ? m_en.c_str() : what(); }

private:
    std::string m_en;
};

} // namespace quali::core
