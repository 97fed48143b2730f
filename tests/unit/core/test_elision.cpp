// SPDX-License-Identifier: EUPL-1.2
// « de » before a name: elided before a vowel or a mute h, contracted before Le and Les.
#include "quali/core/elision.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

TEST_SUITE("core::elision")
{
    TEST_CASE("de elides before a vowel, accented ones and Œ included")
    {
        CHECK(de("admissibilité") == "d'admissibilité");
        CHECK(de("Est Métropole Habitat") == "d'Est Métropole Habitat");
        CHECK(de("Émeraude Habitation") == "d'Émeraude Habitation");
        CHECK(de("Œuvre sociale") == "d'Œuvre sociale");
        CHECK(de("OPH de l'Ain") == "d'OPH de l'Ain");
    }

    TEST_CASE("de stays whole before a consonant, a digit or an aspirated h")
    {
        CHECK(de("Coop Habitat Garonne") == "de Coop Habitat Garonne");
        CHECK(de("labellisation") == "de labellisation");
        CHECK(de("3F Résidences") == "de 3F Résidences");
        CHECK(de("Hauts-de-Seine Habitat") == "de Hauts-de-Seine Habitat");
        CHECK(de("Halle") == "de Halle");
    }

    TEST_CASE("the housing world's mute h elides: Habitat, HLM, Hôtel")
    {
        CHECK(de("Habitat Loire") == "d'Habitat Loire");
        CHECK(de("habitation") == "d'habitation");
        CHECK(de("HLM Sud") == "d'HLM Sud");
        CHECK(de("Hôtel de ville") == "d'Hôtel de ville");
    }

    TEST_CASE("a y elides before a consonant only")
    {
        CHECK(de("Yvelines Habitat") == "d'Yvelines Habitat");
        CHECK(de("Yaourt") == "de Yaourt");
    }

    TEST_CASE("de contracts with the articles Le and Les")
    {
        CHECK(de("Le Mans Habitat") == "du Mans Habitat");
        CHECK(de("Les Foyers de Seine-et-Marne") == "des Foyers de Seine-et-Marne");
        CHECK(de("La Rochelle Habitat") == "de La Rochelle Habitat");
    }

    TEST_CASE("an empty name leaves de alone")
    {
        CHECK(de("") == "de");
        CHECK_FALSE(elides(""));
    }
}
