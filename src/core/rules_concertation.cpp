// SPDX-License-Identifier: EUPL-1.2
// Rule 4, tenants informed and associated at every step (Q320-Q324), and the steps an
// organisme has reached (core::reached_steps, readiness.hpp).
#include "rules_internal.hpp"

#include <algorithm>

namespace quali::core {

std::vector<ReachedStep> reached_steps(const Organisme& o)
{
    std::vector<ReachedStep> steps;
    if (o.engagement.value) steps.push_back({Step::engagement, o.file, o.engagement.pos});
    const auto first_audit = [&](auto is) { return std::find_if(o.audits.begin(), o.audits.end(), is); };
    if (auto a = first_audit([](const Audit& x) { return x.type == AuditType::diagnostic; });
        a != o.audits.end())
        steps.push_back({Step::diagnostic, a->file, a->type_pos});
    if (o.paa && !o.paa->actions.empty()) steps.push_back({Step::paa, o.paa->file, o.paa->pos});
    if (!o.candidatures.empty())
        steps.push_back({Step::candidature, o.candidatures.front().file, o.candidatures.front().pos});
    // A PAA implementation audit (mise-en-oeuvre) is a verification step as well.
    if (auto a = first_audit([](const Audit& x) { return x.is_verification(); }); a != o.audits.end())
        steps.push_back({Step::verification, a->file, a->type_pos});
    if (auto a = first_audit([](const Audit& x) { return x.type == AuditType::renouvellement; });
        a != o.audits.end())
        steps.push_back({Step::renouvellement, a->file, a->type_pos});
    return steps;
}

namespace rules_detail {

bool has_proof(const Event& e)
{
    return e.preuve && !e.preuve->value.empty();
}

bool events_readable(const Concertation& c)
{
    return std::all_of(c.evenements.begin(), c.evenements.end(),
                       [](const Event& e) { return e.etape.has_value() && e.nature.has_value(); });
}

namespace {

bool has_step(const Concertation& c, Step s)
{
    return std::any_of(c.evenements.begin(), c.evenements.end(),
                       [&](const Event& e) { return e.etape == s; });
}

void check_steps(Run& run, const Organisme& o)
{
    const std::vector<Reached> steps = reached_steps(o);
    if (steps.empty()) return;
    // Without concertation.yaml (unreadable and already reported; an absent one is judged
    // empty), with an event whose step or nature could not be read, or with a key that failed
    // its schema, the steps are not checked.
    if (!o.concertation || !events_readable(*o.concertation) || flawed(run, o, o.concertation->file)) return;
    const Concertation& c = *o.concertation;
    for (const Reached& r : steps) {
        if (has_step(c, r.step)) continue;
        Diagnostic& d =
            run.report("Q320", c.file, c.pos,
                       run.say("étape « {} » franchie sans concertation : aucun événement « etape: {} »",
                               "step \"{}\" reached without tenant consultation: no \"etape: {}\" event",
                               to_string(r.step), to_string(r.step)));
        d.hint = run.say("ajoutez à concertation.yaml un événement « etape: {} » avec sa date, son instance, sa "
                         "nature et sa preuve",
                         "add to concertation.yaml an \"etape: {}\" event with its date, instance, nature and preuve",
                         to_string(r.step));
        add_note(
            d, r.file, r.pos,
            run.say("l'étape « {} » est franchie ici", "step \"{}\" is reached here", to_string(r.step)));
    }
    const bool paa_reached =
        std::any_of(steps.begin(), steps.end(), [](const Reached& r) { return r.step == Step::paa; });
    if (paa_reached && has_step(c, Step::paa) &&
        std::none_of(c.evenements.begin(), c.evenements.end(), [](const Event& e) {
            return e.etape == Step::paa && e.nature == Nature::association;
        })) {
        Diagnostic& d = run.report(
            "Q321", c.file, c.pos,
            run.say("étape PAA sans événement d'association : les locataires sont seulement informés",
                    "PAA step without an association event: the tenants were only informed"));
        d.hint = run.say(
            "le PAA se construit avec les représentants des locataires : « etape: paa, nature: association »",
            "the PAA is built with the tenants' representatives: \"etape: paa, nature: association\"");
        add_note(d, o.paa->file, o.paa->pos, run.say("plan d'actions", "action plan"));
    }
}

// Each candidature has a "candidature" event since the previous candidature's filing and on
// or before its own.
void check_candidatures(Run& run, const Organisme& o)
{
    if (!o.concertation || !events_readable(*o.concertation) || flawed(run, o, o.concertation->file) ||
        !has_step(*o.concertation, Step::candidature) || run.unreadable.candidatures_of.contains(o.slug))
        return; // Q320, or a candidature that could not be read
    const Concertation& c = *o.concertation;
    for (const Candidature& cand : o.candidatures) {
        if (!cand.depot.value || filed_early(run, cand) || after_as_of(run, cand.depot.value))
            continue; // Q357
        const Date depot = *cand.depot.value;
        const Candidature* previous = previous_candidature(o, cand);
        // (A plain date and a flag: g++ 12 warns wrongly about a copied optional<Date>.)
        const bool bounded = previous != nullptr && previous->depot.value.has_value();
        const Date since = bounded ? *previous->depot.value : depot;
        const Event* before = nullptr;
        const Event* after = nullptr;
        for (const Event& e : c.evenements) {
            if (e.etape != Step::candidature || !e.date.value) continue;
            if (bounded && *e.date.value <= since) continue;
            if (*e.date.value <= depot)
                before = &e;
            else if (after == nullptr)
                after = &e;
        }
        if (before != nullptr) continue;
        if (after != nullptr && after_as_of(run, after->date.value) && has_proof(*after)) continue; // Q323
        Diagnostic& d = run.report("Q322", cand.file, place(cand.depot.pos, cand.pos),
                                   bounded ? run.say("candidature déposée le {} sans événement de "
                                                     "concertation « candidature » daté du {} au {}",
                                                     "application filed on {} without a \"candidature\" "
                                                     "consultation event dated from {} to {}",
                                                     iso(depot), iso(add_days(since, 1)), iso(depot))
                                           : run.say("candidature déposée le {} sans événement de "
                                                     "concertation « candidature » daté au plus tard "
                                                     "du dépôt",
                                                     "application filed on {} without a \"candidature\" "
                                                     "consultation event dated on or before "
                                                     "the filing",
                                                     iso(depot)));
        if (after != nullptr)
            add_note(d, c.file, after->date.pos,
                     run.say("cet événement « candidature » est postérieur au dépôt",
                             "this \"candidature\" event is after the filing"));
        else
            add_note(d, c.file, c.pos, run.say("événements de concertation", "consultation events"));
    }
}

void check_events(Run& run, const Organisme& o)
{
    if (!o.concertation) return;
    const Concertation& c = *o.concertation;
    for (const Event& e : c.evenements) {
        if (flawed(run, o, c.file, e.pos)) continue; // a misspelt key may hold its date or proof
        // An event with its proof took place; one without proof dated after the reference
        // date is a plan (DOMAIN.md §5.4).
        const bool planned = after_as_of(run, e.date.value);
        if (planned && has_proof(e)) {
            Diagnostic& d =
                run.report("Q323", c.file, e.date.pos,
                           run.say("événement daté du {}, après la date de référence {}, avec une preuve",
                                   "event dated {}, after the reference date {}, with evidence",
                                   iso(*e.date.value), iso(run.as_of)));
            d.hint = run.say(
                "un événement à venir n'a pas encore de preuve : corrigez la date, ou retirez "
                "« preuve » jusqu'à l'événement",
                "a future event has no evidence yet: fix the date, or remove \"preuve\" until the event");
        }
        if (!planned && !has_proof(e)) {
            Diagnostic& d = run.report(
                "Q324", c.file, e.pos,
                run.say("événement de concertation sans preuve", "consultation event without evidence"));
            d.hint = run.say("citez le compte rendu ou le courrier : « preuve: preuves/… »",
                             "cite the minutes or the letter: \"preuve: preuves/…\"");
        }
    }
}

} // namespace

void check_concertation(Run& run, const Organisme& o)
{
    check_steps(run, o);
    check_candidatures(run, o);
    check_events(run, o);
}

} // namespace rules_detail

} // namespace quali::core
