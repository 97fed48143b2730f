// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/value_checks.hpp"

#include <doctest/doctest.h>

using quali::core::nearest_file;

TEST_SUITE("core::value_checks")
{
    TEST_CASE("a missing proof with a typo suggests the existing file nearest to it")
    {
        const std::vector<std::string> files{"preuves/ccl-2025-09-30.pdf", "preuves/ccl-2024-11-05.pdf",
                                             "paa.yaml"};
        CHECK(nearest_file("preuves/ccl-2025-09-03.pdf", files) == "preuves/ccl-2025-09-30.pdf");
        CHECK(nearest_file("./preuves/ccl-2024-11-5.pdf", files) == "preuves/ccl-2024-11-05.pdf");
    }

    TEST_CASE("the right name in another folder is suggested")
    {
        CHECK(nearest_file("preuve/compte-rendu-du-conseil.pdf", {"preuves/annexes/compte-rendu-du-conseil.pdf"}) ==
              "preuves/annexes/compte-rendu-du-conseil.pdf");
    }

    TEST_CASE("nothing is suggested when no file is near, or when there is none")
    {
        CHECK(nearest_file("preuves/lettre-candidature.pdf", {"preuves/ccl-2025-09-30.pdf"}).empty());
        CHECK(nearest_file("preuves/x.pdf", {}).empty());
    }
}
