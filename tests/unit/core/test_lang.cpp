// SPDX-License-Identifier: EUPL-1.2
// Unit tests of core/lang.hpp: messages in the user's language.
#include "quali/core/lang.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali;

TEST_SUITE("core::lang")
{
    TEST_CASE("say formats the French text by default and the English one with Lang::en")
    {
        CHECK(core::say(core::Lang::fr, "{} fichier", "{} file", 1) == "1 fichier");
        CHECK(core::say(core::Lang::en, "{} fichier", "{} file", 1) == "1 file");
    }

    TEST_CASE("a bilingual error says what() in French and gives its text in either language")
    {
        try {
            throw core::BilingualError("échec du calcul d'empreinte", "digest computation failed");
        } catch (const std::exception& e) {
            CHECK(std::string(e.what()) == "échec du calcul d'empreinte");
            const auto* b = dynamic_cast<const core::BilingualError*>(&e);
            REQUIRE(b != nullptr);
            CHECK(std::string(b->text(core::Lang::en)) == "digest computation failed");
            CHECK(std::string(b->text(core::Lang::fr)) == "échec du calcul d'empreinte");
        }
    }
}
