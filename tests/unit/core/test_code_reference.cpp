// SPDX-License-Identifier: EUPL-1.2
// The codes' reference built into quali: sections, titles and severities as explain and the
// forge reports read them.
#include "quali/core/code_reference.hpp"

#include <doctest/doctest.h>

using namespace quali;
using core::Lang;

TEST_SUITE("core::code_reference")
{
    TEST_CASE("a code's section runs from its heading to the next one")
    {
        const std::string s = core::code_section(Lang::fr, "Q002");
        CHECK(s.starts_with("## Q002 — clé en double\n"));
        CHECK(s.ends_with("Correction : gardez une seule des deux valeurs.\n"));
        CHECK(s.find("## Q003") == std::string::npos);
        CHECK(core::code_section(Lang::en, "Q002").starts_with("## Q002 — duplicate key\n"));
    }

    TEST_CASE("a prefix of a code is not that code; an unknown code has no section")
    {
        CHECK(core::code_section(Lang::fr, "Q00").empty());
        CHECK(core::code_section(Lang::fr, "Q999").empty());
        CHECK(core::code_section(Lang::fr, "").empty());
        CHECK(core::code_title(Lang::fr, "Q999").empty());
        CHECK(core::code_body(Lang::fr, "Q999").empty());
    }

    TEST_CASE("the title and the body")
    {
        CHECK(core::code_title(Lang::fr, "Q310") == "point d'alerte non traité");
        CHECK(core::code_title(Lang::en, "Q310") == "alert point not addressed");
        CHECK(core::code_body(Lang::fr, "Q002").starts_with("Gravité : erreur. Une même clé"));
    }

    TEST_CASE("severity: error or warning as the French reference says")
    {
        CHECK(core::code_info("Q002").known);
        CHECK_FALSE(core::code_info("Q002").warning);
        CHECK(core::code_info("Q016").warning);
        CHECK_FALSE(core::code_info("Q999").known);
    }
}
