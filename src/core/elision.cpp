// SPDX-License-Identifier: EUPL-1.2
// French elision and contraction of « de » before a name (elision.hpp).
#include "quali/core/elision.hpp"

#include "quali/core/utf8.hpp"

#include <algorithm>
#include <array>

namespace quali::core {

namespace {

// The lower-case form of an ASCII or Latin-1 letter (accented capitals: À -> à …), else as is.
char32_t lower(char32_t c)
{
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    if (c == 0x152) return 0x153; // Œ -> œ
    return c;
}

bool is_vowel(char32_t c)
{
    static constexpr std::u32string_view vowels = U"aeiouàâäéèêëîïôöùûüœæ";
    return vowels.find(lower(c)) != std::u32string_view::npos;
}

// The first code points of a word, lower-cased, at most n.
std::u32string head(std::string_view word, std::size_t n)
{
    std::u32string out;
    for (std::size_t i = 0; i < word.size() && out.size() < n;) {
        const utf8::Decoded d = utf8::decode(word, i);
        out.push_back(lower(d.value));
        i += d.size;
    }
    return out;
}

// Words whose h is mute, by their start (lower case): the names of housing organismes begin
// with them far more often than with an aspirated h (« d'Habitat 76 », « d'HLM Sud »).
bool mute_h(const std::u32string& start)
{
    static constexpr std::array<std::u32string_view, 14> words{
        U"habitat",  U"habitation", U"hlm",   U"harmonie", U"horizon", U"hôtel", U"hôpital",
        U"hospital", U"humani",     U"hérit", U"hérault",  U"histoir", U"homme", U"honneur"};
    return std::any_of(words.begin(), words.end(),
                       [&](std::u32string_view w) { return start.starts_with(w); });
}

} // namespace

bool elides(std::string_view word)
{
    const std::u32string start = head(word, 10);
    if (start.empty()) return false;
    if (start[0] == U'h') return mute_h(start);
    if (start[0] == U'y') return start.size() > 1 && !is_vowel(start[1]);
    return is_vowel(start[0]);
}

std::string de(std::string_view name)
{
    if (name.starts_with("Le ") || name.starts_with("le ")) return "du " + std::string(name.substr(3));
    if (name.starts_with("Les ") || name.starts_with("les ")) return "des " + std::string(name.substr(4));
    if (name.empty()) return "de";
    return (elides(name) ? "d'" : "de ") + std::string(name);
}

} // namespace quali::core
