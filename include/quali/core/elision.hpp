// SPDX-License-Identifier: EUPL-1.2
#pragma once
// French elision before a word the papers do not know in advance (an organisme's name, a
// step's label): « d'Habitat Loire », « de Coop Habitat Garonne », « d'admissibilité ».
#include <string>
#include <string_view>

namespace quali::core {

// True when « de », « le », « que »… lose their vowel before this word: it starts with a vowel
// (accented ones and Œ included), with a « y » before a consonant (« d'Yvelines »), or with a
// mute h. French has no rule to tell a mute h from an aspirated one; the words the housing
// world's names start with are listed (Habitat, Habitation, HLM, Hôtel, Horizon…: mute), every
// other h counts as aspirated (« de Hauts-de-Seine Habitat », « de Halle »), digits never elide.
bool elides(std::string_view word);

// « de » before a name, elided or contracted: « d'Habitat Loire », « de Coop Habitat Garonne »,
// « du Mans Habitat » (Le), « des Foyers de Seine-et-Marne » (Les). Empty name: « de ».
std::string de(std::string_view name);

} // namespace quali::core
