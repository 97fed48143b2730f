// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan's counts of the year's activity (bilan.hpp §6-§8): the PAA actions due,
// the concertation events, the auditors' audits and approvals, the data quality.
#include "bilan_internal.hpp"

#include "quali/core/predicates.hpp"

#include <map>
#include <tuple>

namespace quali::core::bilan_detail {

// PAA actions whose deadline falls in the year. realisee counts as done in time (the model
// records no date of completion); an open action (prevue, en-cours, or unreadable state) is
// late when its deadline is before the period's last day, else still open.
void count_actions(const Model& model, Bilan& b)
{
    const Date jan1 = date::sys_days{date::year{b.annee} / 1 / 1};
    const Date dec31 = date::sys_days{date::year{b.annee} / 12 / 31};
    ActionsDue& a = b.actions;
    for (const Organisme& o : model.organismes) {
        if (!o.paa) continue;
        for (const Action& act : o.paa->actions) {
            if (!act.echeance.value || !within(*act.echeance.value, jan1, dec31)) continue;
            ++a.dues;
            if (act.etat == ActionState::realisee) {
                ++a.realisees;
            } else if (!is_open(act)) { // abandonnee
                ++a.abandonnees;
            } else if (*act.echeance.value < b.fin) {
                ++a.en_retard;
                a.liste_en_retard.push_back({o.slug, act.id.value, act.titre, *act.echeance.value, act.etat});
            } else {
                ++a.ouvertes;
            }
        }
    }
    std::stable_sort(
        a.liste_en_retard.begin(), a.liste_en_retard.end(), [](const LateAction& x, const LateAction& y) {
            return std::tie(x.echeance, x.organisme, x.action) < std::tie(y.echeance, y.organisme, y.action);
        });
}

void count_concertation(const Model& model, Bilan& b)
{
    ConcertationCount& c = b.concertation;
    for (Step s : all_steps)
        c.par_etape.push_back({s});
    for (const Organisme& o : model.organismes) {
        if (!o.concertation) continue;
        bool any = false;
        for (const Event& e : o.concertation->evenements) {
            if (!e.date.value || !within(*e.date.value, b.debut, b.fin) || !e.etape) continue;
            StepEvents& s = c.par_etape[index_of(all_steps, *e.etape)];
            if (e.nature == Nature::association)
                ++s.association;
            else
                ++s.information; // information, or a nature that could not be read
            ++c.evenements;
            any = true;
        }
        c.organismes += any ? 1 : 0;
    }
}

void count_auditors(const Model& model, Bilan& b)
{
    std::map<std::string, AuditorLine> lines;
    for (const Organisme& o : model.organismes) {
        for (const Audit& a : o.audits) {
            const std::optional<Date> when = a.date();
            if (!when || !within(*when, b.debut, b.fin)) continue;
            AuditorLine& l = lines[a.auditeur.value];
            l.auditeur = a.auditeur.value;
            ++l.audits;
            if (a.type == AuditType::diagnostic) ++l.diagnostics;
            if (a.is_verification()) ++l.verifications; // a mise-en-oeuvre audit checks the PAA too
            if (a.type == AuditType::renouvellement) ++l.renouvellements;
            l.jours += a.jours.value_or(0);
        }
    }
    for (auto& [id, line] : lines)
        b.audits_par_auditeur.push_back(line);

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
