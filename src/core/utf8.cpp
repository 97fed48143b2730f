// SPDX-License-Identifier: EUPL-1.2
// quali's one UTF-8 decoder (include/quali/core/utf8.hpp).
#include "quali/core/utf8.hpp"

#include <algorithm>

namespace quali::core::utf8 {

namespace {

bool is_zero_width(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || c == 0xFE0F || c == 0x2060;
}

bool is_wide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD);
}

} // namespace

Decoded decode(std::string_view s, std::size_t i)
{
    if (i >= s.size()) return {};
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1, true};
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b & 0xE0u) == 0xC0u) {
        len = 2;
        cp = b & 0x1Fu;
        min = 0x80;
    } else if ((b & 0xF0u) == 0xE0u) {
        len = 3;
        cp = b & 0x0Fu;
        min = 0x800;
    } else if ((b & 0xF8u) == 0xF0u) {
        len = 4;
        cp = b & 0x07u;
        min = 0x10000;
    } else
        return {};
    if (i + len > s.size()) return {};
    for (std::size_t k = 1; k < len; ++k) {
        if (!is_continuation(s[i + k])) return {};
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    const bool valid = cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    return {cp, len, valid};
}

std::size_t first_invalid(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        if (!d.valid) return i;
        i += d.size;
    }
    return std::string_view::npos;
}

std::size_t count(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

std::size_t prefix_size(std::string_view s, std::size_t characters)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_continuation(s[i])) continue;
        if (seen == characters) return i;
        ++seen;
    }
    return s.size();
}

std::size_t display_width(std::string_view s)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const Decoded d = decode(s, i);
        i += d.size;
        if (is_zero_width(d.value)) continue;
        width += is_wide(d.value) ? 2 : 1;
    }
    return width;
}

} // namespace quali::core::utf8
