// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Shared by the mini-bilan's outputs (bilan_json.cpp, bilan_tree.cpp): the names the model
// gives to a slug or an auditor id. Private to src/render/.
#include "quali/core/bilan.hpp"
#include "quali/core/model.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace quali::render::detail {

using J = nlohmann::ordered_json;
using core::Date;

// The organisme's name, else its slug.
inline std::string name_of(const core::Model& model, const std::string& slug)
{
    const core::Organisme* o = model.organisme(slug);
    return o != nullptr && !o->nom.empty() ? o->nom : slug;
}

// The auditor's name, else the id; « (auditeur non renseigné) » without an id.
inline std::string auditor_name(const core::Model& model, const std::string& id)
{
    if (id.empty()) return "(auditeur non renseigné)";
    const core::Auditor* a = model.auditor(id);
    return a != nullptr && !a->nom.empty() ? a->nom : id;
}

} // namespace quali::render::detail
