// SPDX-License-Identifier: EUPL-1.2
// The domain's predicates (predicates.hpp).
#include "quali/core/predicates.hpp"

#include <algorithm>

namespace quali::core {

bool is_open(const Action& a)
{
    return a.etat != ActionState::realisee && a.etat != ActionState::abandonnee;
}

bool is_late(const Action& a, Date as_of)
{
    return is_open(a) && a.echeance.value && *a.echeance.value < as_of;
}

bool is_live(const Action& a)
{
    return a.etat != ActionState::abandonnee;
}

bool treats(const Paa& paa, const std::vector<Text> Action::*list, const std::string& id)
{
    return std::any_of(paa.actions.begin(), paa.actions.end(), [&](const Action& a) {
        const std::vector<Text>& ids = a.*list;
        return is_live(a) &&
               std::any_of(ids.begin(), ids.end(), [&](const Text& t) { return t.value == id; });
    });
}

bool is_alert(const Result& r)
{
    return r.evaluation == Evaluation::point_d_alerte && !r.critere.value.empty();
}

const Candidature* filed_for_target(const Organisme& o, const Pathway& p, Date as_of)
{
    if (!p.seance_visee) return nullptr;
    const Candidature* c = o.candidature_for(*p.seance_visee);
    if (c == nullptr || (c->depot.value && *c->depot.value > as_of)) return nullptr;
    return c;
}

} // namespace quali::core
