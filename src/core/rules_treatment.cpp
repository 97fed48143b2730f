// SPDX-License-Identifier: EUPL-1.2
// Rules 2, 3 and 12, the action plan (Q310, Q311, Q395, Q396): every alert point of the
// latest diagnostic and every complex situation is treated by a live action, and the plan is
// followed up. An absent paa.yaml is judged as an empty one; an unreadable one is not judged.
#include "rules_internal.hpp"

#include <algorithm>

namespace quali::core::rules_detail {

namespace {

void check_alert_points(Run& run, const Organisme& o)
{
    const auto untreated = untreated_alert_points(run.model, run.unreadable, o, *o.paa);
    if (!untreated) return;
    const Audit* latest = o.latest_diagnostic();
    for (const Result* r : *untreated) {
        Diagnostic& d = run.report(
            "Q310", latest->file, place(r->critere.pos, r->pos),
            run.say("point d'alerte {} non traité : aucune action du PAA (hors abandonnées) ne le cite",
                    "alert point {} is not addressed: no PAA action (other than abandoned ones) cites it",
                    r->critere.value));
        add_note(d, o.paa->file, o.paa->pos,
                 run.say("ajoutez une action avec « traite: {{ points_alerte: [{}] }} »",
                         "add an action with \"traite: {{ points_alerte: [{}] }}\"", r->critere.value));
    }
}

void check_situations(Run& run, const Organisme& o)
{
    const auto untreated = untreated_situations(run.model, run.unreadable, o, *o.paa);
    if (!untreated) return;
    const int threshold = run.model.rules.cotation_situation_complexe;
    for (const Residence* r : *untreated) {
        Diagnostic& d = run.report("Q311", o.autodiagnostic->file, r->pos,
                                   run.say("situation complexe non traitée : la résidence {} ({}) est cotée "
                                           "{} (seuil {}) et aucune action du PAA "
                                           "(hors abandonnées) ne la traite",
                                           "complex situation not addressed: estate {} ({}) is rated {} "
                                           "(threshold {}) and no PAA action (other "
                                           "than abandoned ones) addresses it",
                                           r->id, r->nom, *r->cotation, threshold));
        add_note(d, o.paa->file, o.paa->pos,
                 run.say("ajoutez une action avec « traite: {{ situations: [{}] }} »",
                         "add an action with \"traite: {{ situations: [{}] }}\"", r->id));
    }
}

void check_follow_up(Run& run, const Organisme& o)
{
    for (const Action& a : o.paa->actions) {
        if (flawed(run, o, o.paa->file, a.pos)) continue;
        if (a.etat == ActionState::realisee && a.preuves.empty())
            run.report("Q396", o.paa->file, place(a.etat_pos, a.pos),
                       run.say("l'action {} est réalisée mais ne cite aucune preuve (preuves:)",
                               "action {} is done (realisee) but cites no evidence (preuves:)", a.id.value));
        if (is_late(a, run.as_of))
            run.report("Q395", o.paa->file, a.echeance.pos,
                       run.say("l'action {} est échue depuis le {} et n'est pas réalisée (état : {})",
                               "action {} was due on {} and is not done (state: {})", a.id.value,
                               iso(*a.echeance.value), a.etat ? to_string(*a.etat) : "?"));
    }
}

} // namespace

std::optional<std::vector<const Result*>> untreated_alert_points(const Model& model, const Unreadable& unreadable,
                                                                 const Organisme& o, const Paa& paa)
{
    const Audit* latest = o.latest_diagnostic();
    if (latest == nullptr || !audits_certain(model, unreadable, o)) return std::nullopt;
    // An action that failed its schema may treat the point under a misspelt key.
    if (o.flaws.in_file(paa.file)) return std::nullopt;
    // A criterion the plan cites but the framework lacks (Q301) may be the one it meant to treat.
    for (const Action& a : paa.actions)
        for (const Text& p : a.points_alerte)
            if (model.framework.criterion(p.value) == nullptr) return std::nullopt;
    std::vector<const Result*> untreated;
    for (const Result& r : latest->resultats) {
        if (!is_alert(r) || model.framework.criterion(r.critere.value) == nullptr) continue; // Q301
        if (!treats(paa, &Action::points_alerte, r.critere.value)) untreated.push_back(&r);
    }
    return untreated;
}

std::optional<std::vector<const Residence*>> untreated_situations(const Model& model, const Unreadable& unreadable,
                                                                  const Organisme& o, const Paa& paa)
{
    if (!o.autodiagnostic || unreadable.rules) return std::nullopt;
    // A misspelt key of the plan or of the self-diagnosis may hold the situation or its rating.
    if (o.flaws.in_file(paa.file) || o.flaws.in_file(o.autodiagnostic->file)) return std::nullopt;
    // A residence the plan cites but the self-diagnosis lacks (Q303) may be the one it meant to treat.
    for (const Action& a : paa.actions)
        for (const Text& r : a.situations)
            if (o.autodiagnostic->residence(r.value) == nullptr) return std::nullopt;
    const int threshold = model.rules.cotation_situation_complexe;
    std::vector<const Residence*> untreated;
    for (const Residence& r : o.autodiagnostic->residences) {
        if (r.id.empty() || !r.cotation || *r.cotation < threshold) continue;
        if (!treats(paa, &Action::situations, r.id)) untreated.push_back(&r);
    }
    return untreated;
}

void check_treatment(Run& run, const Organisme& o)
{
    if (!o.paa) return; // unreadable (an absent one is judged empty: judged_organisme)
    check_alert_points(run, o);
    check_situations(run, o);
    check_follow_up(run, o);
}

} // namespace quali::core::rules_detail
