// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali::core;

TEST_SUITE("core::utf8")
{
    TEST_CASE("ASCII and well-formed sequences of two, three and four bytes decode to their code point")
    {
        CHECK(utf8::decode("a", 0).value == U'a');
        const std::string_view text = "é€😀";
        const utf8::Decoded e = utf8::decode(text, 0);
        CHECK(e.value == 0xE9);
        CHECK(e.size == 2);
        CHECK(e.valid);
        const utf8::Decoded euro = utf8::decode(text, 2);
        CHECK(euro.value == 0x20AC);
        CHECK(euro.size == 3);
        const utf8::Decoded smile = utf8::decode(text, 5);
        CHECK(smile.value == 0x1F600);
        CHECK(smile.size == 4);
        CHECK(smile.valid);
    }

    TEST_CASE("a stray or cut byte is one invalid byte of value U+FFFD")
    {
        for (const std::string_view s :
             {std::string_view("\x80"), std::string_view("\xff"), std::string_view("\xf8\x80"),
              std::string_view("\xc3"), std::string_view("\xe2\x82"),
              std::string_view("\xc3"
                               "a")}) {
            const utf8::Decoded d = utf8::decode(s, 0);
            CHECK(d.value == utf8::replacement);
            CHECK(d.size == 1);
            CHECK_FALSE(d.valid);
        }
        CHECK_FALSE(utf8::decode("", 0).valid);
    }

    TEST_CASE("overlong forms, surrogates and values above U+10FFFF keep their size but are invalid")
    {
        const utf8::Decoded overlong = utf8::decode("\xc0\xaf", 0);
        CHECK(overlong.value == U'/');
        CHECK(overlong.size == 2);
        CHECK_FALSE(overlong.valid);
        CHECK_FALSE(utf8::decode("\xe0\x80\xaf", 0).valid);
        CHECK_FALSE(utf8::decode("\xf0\x80\x80\xaf", 0).valid);
        const utf8::Decoded surrogate = utf8::decode("\xed\xa0\x80", 0);
        CHECK(surrogate.value == 0xD800);
        CHECK(surrogate.size == 3);
        CHECK_FALSE(surrogate.valid);
        CHECK_FALSE(utf8::decode("\xf4\x90\x80\x80", 0).valid);
        CHECK(utf8::decode("\xf4\x8f\xbf\xbf", 0).valid); // U+10FFFF, the last one
    }

    TEST_CASE("first_invalid finds the first bad byte, or npos for valid text")
    {
        CHECK(utf8::first_invalid("Société €") == std::string_view::npos);
        CHECK(utf8::first_invalid("Soci\xe9t\xe9") == 4);
        CHECK(utf8::first_invalid("ab\xed\xa0\x80") == 2);
        CHECK(utf8::first_invalid("ab\xe2\x82") == 2); // truncated at the end
        CHECK(utf8::first_invalid("") == std::string_view::npos);
    }

    TEST_CASE("count counts characters as editors count columns: every byte but continuations")
    {
        CHECK(utf8::count("") == 0);
        CHECK(utf8::count("abc") == 3);
        CHECK(utf8::count("Société") == 7);
        CHECK(utf8::count("😀") == 1);
        CHECK(utf8::count("\xe9t\xe9") == 3); // Latin-1: one column per byte
    }

    TEST_CASE("prefix_size never cuts a character")
    {
        CHECK(utf8::prefix_size("été", 1) == 2);
        CHECK(utf8::prefix_size("été", 2) == 3);
        CHECK(utf8::prefix_size("été", 3) == 5);
        CHECK(utf8::prefix_size("été", 10) == 5);
        CHECK(utf8::prefix_size("abc", 0) == 0);
        CHECK(utf8::prefix_size("€uro", 1) == 3);
    }

    TEST_CASE("display_width gives wide characters two columns and combining marks none")
    {
        CHECK(utf8::display_width("abc") == 3);
        CHECK(utf8::display_width("été") == 3);
        CHECK(utf8::display_width("日本") == 4);
        CHECK(utf8::display_width("e\xcc\x81") == 1);     // e + combining acute accent
        CHECK(utf8::display_width("a\xe2\x80\x8b") == 1); // zero-width space
        CHECK(utf8::display_width("\xff\xfe") == 2);      // stray bytes: one column each
    }
}
