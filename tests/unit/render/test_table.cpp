// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/table.hpp"

#include <doctest/doctest.h>

using namespace quali::render;

TEST_SUITE("render::table")
{
    TEST_CASE("columns are as wide as their widest cell, two spaces apart, no trailing space")
    {
        Table t({"ORGANISME", "ÉTAT"});
        t.add_row({"oph-nord", "engagé"});
        t.add_row({"x", "labellisé"});
        CHECK(t.rows() == 2);
        CHECK(t.str() == "ORGANISME  ÉTAT\n"
                         "oph-nord   engagé\n"
                         "x          labellisé\n");
    }

    TEST_CASE("right-aligned columns pad on the left")
    {
        Table t({"N", "NOM"}, {Align::right});
        t.add_row({"7", "a"});
        t.add_row({"120", "b"});
        CHECK(t.str() == "  N  NOM\n  7  a\n120  b\n");
    }

    TEST_CASE("missing cells are empty and extra cells are ignored")
    {
        Table t({"A", "B"});
        t.add_row({"1"});
        t.add_row({"1", "2", "3"});
        CHECK(t.str() == "A  B\n1\n1  2\n");
    }

    TEST_CASE("accents count one column, wide characters two, combining marks none")
    {
        CHECK(display_width("échéance") == 8);
        CHECK(display_width("日本") == 4);
        CHECK(display_width("e\xcc\x81t\xc3\xa9") == 3);
        Table t({"X", "Y"});
        t.add_row({"日本", "a"});
        t.add_row({"é", "b"});
        CHECK(t.str() == "X     Y\n日本  a\né     b\n");
    }
}
