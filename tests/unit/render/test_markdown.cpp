// SPDX-License-Identifier: EUPL-1.2
// Markdown and HTML escaping: a value never becomes markup, whatever it holds.
#include "quali/render/html.hpp"
#include "quali/render/markdown.hpp"

#include <doctest/doctest.h>

using namespace quali::render;

TEST_SUITE("render::markdown")
{
    TEST_CASE("table and inline markup characters are backslash-escaped")
    {
        CHECK(markdown_escape("A | B") == "A \\| B");
        CHECK(markdown_escape("*gras* _x_ `c` ~s~") == "\\*gras\\* \\_x\\_ \\`c\\` \\~s\\~");
        CHECK(markdown_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
        CHECK(markdown_escape("[lien](http://x)") == "\\[lien\\](http://x)");
        CHECK(markdown_escape("a\\b") == "a\\\\b");
        CHECK(markdown_escape("&amp; #1") == "\\&amp; \\#1");
    }

    TEST_CASE("a value never opens a block: markers at its start are escaped")
    {
        CHECK(markdown_escape("# titre") == "\\# titre");
        CHECK(markdown_escape("- item") == "\\- item");
        CHECK(markdown_escape("+ item") == "\\+ item");
        CHECK(markdown_escape("===") == "\\===");
        CHECK(markdown_escape("12. item") == "12\\. item");
        CHECK(markdown_escape("3) item") == "3\\) item");
        CHECK(markdown_escape("2026-06-18") == "2026-06-18");
        CHECK(markdown_escape("Rhône-Saône") == "Rhône-Saône");
    }

    TEST_CASE("line breaks become spaces, control characters go, the value is trimmed")
    {
        CHECK(markdown_escape("  un\ndeux\r\ntrois\t ") == "un deux  trois");
        CHECK(markdown_escape(std::string("a\x01"
                                          "b\x7f",
                                          4)) == "ab");
        CHECK(markdown_escape("   ") == "");
        CHECK(markdown_escape("\n| x") == "\\| x");
    }
}

TEST_SUITE("render::html")
{
    TEST_CASE("the five markup characters become character references")
    {
        CHECK(html_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
        CHECK(html_escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;");
        CHECK(html_escape("Hélène") == "Hélène");
    }

    TEST_CASE("control characters other than tab and line feed are dropped")
    {
        CHECK(html_escape(std::string("a\0b\x1b\tc\nd", 8)) == "ab\tc\nd");
    }
}
