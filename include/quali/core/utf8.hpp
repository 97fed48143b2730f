// SPDX-License-Identifier: EUPL-1.2
#pragma once
// quali's one UTF-8 decoder: code points with their validity, the columns a text takes, and
// cuts that never split a character. Used by the byte checks, the YAML positions and renderers.
// Not libutfcpp: its checked decoder throws and its unchecked one does not validate, while the
// callers need both a verdict and the lenient reading (columns of a stray byte, terminal widths).
#include <cstddef>
#include <string_view>

namespace quali::core::utf8 {

inline constexpr char32_t replacement = 0xFFFD;

// True for a continuation byte (10xxxxxx): it never starts a character.
constexpr bool is_continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// The sequence starting at s[i]. A stray byte (a continuation byte, 0xF8-0xFF, a sequence cut
// short by the end or by a byte that does not continue it) is one byte of value U+FFFD. A
// complete sequence that UTF-8 forbids (an overlong form, a surrogate, above U+10FFFF) keeps its
// value and size but is not valid.
struct Decoded {
    char32_t value = replacement;
    std::size_t size = 1;
    bool valid = false;
};
Decoded decode(std::string_view s, std::size_t i);

// The offset of the first byte that is not valid UTF-8, or npos.
std::size_t first_invalid(std::string_view s);

// The characters of a text as editors count columns: every byte but the continuation bytes.
std::size_t count(std::string_view s);

// The bytes of the first `characters` characters of s (counted as by count()): s.size() when s
// has no more.
std::size_t prefix_size(std::string_view s, std::size_t characters);

// The columns a text takes in a terminal: wide characters (CJK, emoji) two, combining marks
// and zero-width spaces none, every other character and every stray byte one.
std::size_t display_width(std::string_view s);

} // namespace quali::core::utf8
