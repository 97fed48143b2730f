// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan's counts (bilan.hpp §7-§8) that read the repository rather than the
// organismes' own files: the auditors' approvals, the data quality.
#include "bilan_internal.hpp"

#include "quali/core/predicates.hpp"

#include <tuple>

namespace quali::core::bilan_detail {

void count_approvals(const Model& model, Bilan& b)
{
    // Approvals: the latest one of each auditor still in the community (not withdrawn) that
    // ends next year; and every approval that starts in the period.
    const int next = b.annee + 1;
    for (const Auditor& au : model.auditors) {
        const Approval* latest = nullptr;
        for (const Approval& ap : au.agrements) {
            if (ap.debut.value && within(*ap.debut.value, b.debut, b.fin))
                b.agrements_accordes.push_back(
                    {au.id, *ap.debut.value, ap.fin.value.value_or(*ap.debut.value)});
            if (ap.fin.value && (latest == nullptr || *ap.fin.value > *latest->fin.value)) latest = &ap;
        }
        if (au.statut == AuditorStatus::retire || latest == nullptr) continue;
        const date::year_month_day end{*latest->fin.value};
        if (static_cast<int>(end.year()) == next)
            b.agrements_fin_annee_suivante.push_back(
                {au.id, latest->debut.value.value_or(*latest->fin.value), *latest->fin.value});
    }
    std::stable_sort(b.agrements_fin_annee_suivante.begin(), b.agrements_fin_annee_suivante.end(),
                     [](const ApprovalLine& x, const ApprovalLine& y) {
                         return std::tie(x.fin, x.auditeur) < std::tie(y.fin, y.auditeur);
                     });
    std::stable_sort(b.agrements_accordes.begin(), b.agrements_accordes.end(),
                     [](const ApprovalLine& x, const ApprovalLine& y) {
                         return std::tie(x.debut, x.auditeur) < std::tie(y.debut, y.auditeur);
                     });
}

void count_quality(const Model& model, Bilan& b, const ValidationCounts& validation)
{
    for (const Organisme& o : model.organismes) {
        const auto it = validation.find(o.slug);
        if (it == validation.end()) continue;
        if (it->second.erreurs > 0)
            b.qualite.push_back({o.slug, it->second.erreurs, it->second.avertissements});
        else if (it->second.avertissements > 0)
            ++b.organismes_avec_avertissements;
    }
}

} // namespace quali::core::bilan_detail
