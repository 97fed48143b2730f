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

// The PAA actions due in the year, counted (both outputs give them under these keys).
inline J action_counts_j(const core::ActionsDue& a)
{
    return J{{"dues", a.dues},
             {"realisees", a.realisees},
             {"en_retard", a.en_retard},
             {"ouvertes", a.ouvertes},
             {"abandonnees", a.abandonnees}};
}

// The filings of the period, counted; total_key names their total ("dossiers_deposes" in the
// JSON, "deposes" for the templates).
inline J filing_counts_j(const core::Filings& f, const char* total_key)
{
    return J{{total_key, f.deposes},
             {"a_l_heure", f.a_l_heure},
             {"en_retard", f.en_retard},
             {"anticipes", f.anticipes},
             {"date_inconnue", f.date_inconnue}};
}

} // namespace quali::render::detail
