// Rules 2, 3 and 12, the action plan (Q310, Q311, Q395, Q396): every alert point of the
// latest diagnostic and every complex situation is treated by a live action, and the plan is
// followed up. Without a paa.yaml (not written yet, or unreadable) nothing here is checked.
#include "rules_internal.hpp"

#include <algorithm>

namespace quali::core::rules_detail {

namespace {

bool live(const Action& a)
{
    return a.etat != ActionState::abandonnee; // an unreadable state counts as live: no cascade
}

bool treats(const Paa& paa, const std::vector<Text> Action::*list, const std::string& id)
{
    return std::any_of(paa.actions.begin(), paa.actions.end(), [&](const Action& a) {
        const std::vector<Text>& ids = a.*list;
        return live(a) && std::any_of(ids.begin(), ids.end(), [&](const Text& t) { return t.value == id; });
    });
}

void check_alert_points(Run& run, const Organisme& o)
{
    const Audit* latest = o.latest_diagnostic();
    if (latest == nullptr || !audits_certain(run, o)) return;
    // A criterion the plan cites but the framework lacks (Q301) may be the one it meant to treat.
    for (const Action& a : o.paa->actions)
        for (const Text& p : a.points_alerte)
            if (run.model.framework.criterion(p.value) == nullptr) return;
    for (const Result& r : latest->resultats) {
        if (!is_alert(r) || run.model.framework.criterion(r.critere.value) == nullptr) continue; // Q301
        if (treats(*o.paa, &Action::points_alerte, r.critere.value)) continue;
        Diagnostic& d = run.report(
            "Q310", latest->file, place(r.critere.pos, r.pos),
            run.say("point d'alerte {} non traité : aucune action du PAA (hors abandonnées) ne le cite",
                    "alert point {} is not treated: no PAA action (other than abandoned ones) cites it",
                    r.critere.value));
        add_note(d, o.paa->file, o.paa->pos,
                 run.say("ajoutez une action avec « traite: {{ points_alerte: [{}] }} »",
                         "add an action with \"traite: {{ points_alerte: [{}] }}\"", r.critere.value));
    }
}

void check_situations(Run& run, const Organisme& o)
{
    if (!o.autodiagnostic || run.unreadable.rules || flawed(run, o, o.autodiagnostic->file)) return;
    // A residence the plan cites but the self-diagnosis lacks (Q303) may be the one it meant to treat.
    for (const Action& a : o.paa->actions)
        for (const Text& r : a.situations)
            if (o.autodiagnostic->residence(r.value) == nullptr) return;
    const int threshold = run.model.rules.cotation_situation_complexe;
    for (const Residence& r : o.autodiagnostic->residences) {
        if (r.id.empty() || !r.cotation || *r.cotation < threshold) continue;
        if (treats(*o.paa, &Action::situations, r.id)) continue;
        Diagnostic& d = run.report("Q311", o.autodiagnostic->file, r.pos,
                                   run.say("situation complexe non traitée : la résidence {} ({}) est cotée "
                                           "{} (seuil {}) et aucune action du PAA "
                                           "(hors abandonnées) ne la traite",
                                           "complex situation not treated: residence {} ({}) is rated {} "
                                           "(threshold {}) and no PAA action (other "
                                           "than abandoned ones) treats it",
                                           r.id, r.nom, *r.cotation, threshold));
        add_note(d, o.paa->file, o.paa->pos,
                 run.say("ajoutez une action avec « traite: {{ situations: [{}] }} »",
                         "add an action with \"traite: {{ situations: [{}] }}\"", r.id));
    }
}

void check_follow_up(Run& run, const Organisme& o)
{
    for (const Action& a : o.paa->actions) {
        if (flawed(run, o, o.paa->file, a.pos)) continue;
        if (a.etat == ActionState::realisee && a.preuves.empty())
            run.report("Q396", o.paa->file, place(a.etat_pos, a.pos),
                       run.say("l'action {} est réalisée mais ne cite aucune preuve (preuves:)",
                               "action {} is done (realisee) but cites no proof (preuves:)", a.id.value));
        const bool open = a.etat == ActionState::prevue || a.etat == ActionState::en_cours;
        if (open && a.echeance.value && *a.echeance.value < run.as_of)
            run.report("Q395", o.paa->file, a.echeance.pos,
                       run.say("l'action {} est échue depuis le {} et n'est pas réalisée (état : {})",
                               "action {} was due on {} and is not done (state: {})", a.id.value,
                               iso(*a.echeance.value), to_string(*a.etat)));
    }
}

} // namespace

void check_treatment(Run& run, const Organisme& o)
{
    if (!o.paa) return;
    // An action that failed its schema may treat the point or the situation under a misspelt key.
    if (!flawed(run, o, o.paa->file)) {
        check_alert_points(run, o);
        check_situations(run, o);
    }
    check_follow_up(run, o);
}

} // namespace quali::core::rules_detail
