// SPDX-License-Identifier: EUPL-1.2
// Rule 1, references resolve (Q301-Q306): every id a file cites names something the
// repository holds. Pieces and proofs that do not exist are Q206, reported with the file.
#include "rules_internal.hpp"

#include "quali/core/schema_check.hpp"

#include <fmt/ranges.h>

#include <set>

namespace quali::core::rules_detail {

namespace {

void hint_closest(Run& run, Diagnostic& d, std::string_view word, const std::vector<std::string>& candidates)
{
    if (const auto near = closest(word, candidates))
        d.hint = run.say("vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
}

std::vector<std::string> criterion_ids(const Framework& f)
{
    std::vector<std::string> ids;
    for (const Theme& t : f.themes)
        for (const Criterion& c : t.criteres)
            ids.push_back(c.id);
    return ids;
}

void unknown_criterion(Run& run, const std::string& file, const Text& critere,
                       const std::vector<std::string>& ids)
{
    const Framework& f = run.model.framework;
    Diagnostic& d = run.report("Q301", file, critere.pos,
                               run.say("critère « {} » inconnu du cadre d'évaluation",
                                       "criterion \"{}\" is not in the assessment framework", critere.value));
    hint_closest(run, d, critere.value, ids);
    if (!f.file.empty())
        add_note(d, f.file, {},
                 run.say("cadre d'évaluation du dépôt (version {})",
                         "the repository's framework (version {})", f.version));
    else if (d.hint.empty())
        d.hint = run.say(
            "le dépôt n'a pas de referentiel/cadre-evaluation.yaml : quali utilise son cadre d'exemple",
            "the repository has no referentiel/cadre-evaluation.yaml: quali uses its example framework");
}

void check_criteria(Run& run, const Organisme& o)
{
    if (run.unreadable.framework) return; // the built-in example stands in for the repository's
    const std::vector<std::string> ids = criterion_ids(run.model.framework);
    for (const Audit& a : o.audits)
        for (const Result& r : a.resultats)
            if (!r.critere.value.empty() && run.model.framework.criterion(r.critere.value) == nullptr)
                unknown_criterion(run, a.file, r.critere, ids);
    if (o.paa)
        for (const Action& act : o.paa->actions)
            for (const Text& p : act.points_alerte)
                if (!p.value.empty() && run.model.framework.criterion(p.value) == nullptr)
                    unknown_criterion(run, o.paa->file, p, ids);
}

void unknown_auditor(Run& run, const std::string& file, const Text& id)
{
    std::vector<std::string> ids;
    for (const Auditor& a : run.model.auditors)
        ids.push_back(a.id);
    Diagnostic& d =
        run.report("Q302", file, id.pos,
                   run.say("auditeur « {} » inconnu : pas de fichier auditeurs/{}.yaml",
                           "unknown auditor \"{}\": no file auditeurs/{}.yaml", id.value, id.value));
    hint_closest(run, d, id.value, ids);
}

void check_auditors(Run& run, const Organisme& o)
{
    const auto unknown = [&](const Text& t) {
        return !t.value.empty() && run.model.auditor(t.value) == nullptr &&
               !run.unreadable.auditors.contains(t.value);
    };
    for (const Audit& a : o.audits) {
        if (unknown(a.auditeur)) unknown_auditor(run, a.file, a.auditeur);
        // The same unknown id in the signature is the same defect: reported once.
        if (a.signature && unknown(a.signature->auditeur) && a.signature->auditeur.value != a.auditeur.value)
            unknown_auditor(run, a.file, a.signature->auditeur);
    }
    for (const Candidature& c : o.candidatures)
        if (c.validation && unknown(c.validation->auditeur))
            unknown_auditor(run, c.file, c.validation->auditeur);
}

void check_residences(Run& run, const Organisme& o)
{
    // No stock rating to refer to (missing or unreadable), or one that failed its schema (a
    // misspelt key may hold the residence meant).
    if (!o.autodiagnostic || flawed(run, o, o.autodiagnostic->file)) return;
    const SelfDiagnosis& s = *o.autodiagnostic;
    std::vector<std::string> ids;
    for (const Residence& r : s.residences)
        ids.push_back(r.id);
    const auto check = [&](const std::string& file, const Text& id) {
        if (id.value.empty() || s.residence(id.value) != nullptr) return;
        Diagnostic& d = run.report("Q303", file, id.pos,
                                   run.say("résidence « {} » inconnue : absente de l'autodiagnostic",
                                           "unknown estate \"{}\": not in the self-diagnosis", id.value));
        hint_closest(run, d, id.value, ids);
        add_note(d, s.file, {}, run.say("résidences de l'autodiagnostic", "the self-diagnosis's estates"));
    };
    if (o.paa)
        for (const Action& a : o.paa->actions)
            for (const Text& r : a.situations)
                check(o.paa->file, r);
    for (const Audit& a : o.audits)
        for (const Visit& v : a.visites)
            check(a.file, v.residence);
}

// Alert points a PAA action may cite: those of the latest diagnostic and of the verification
// audits since; an action already closed (realisee, abandonnee) may also cite an earlier
// audit's, from a previous cycle.
void check_alert_points(Run& run, const Organisme& o)
{
    const Audit* latest = o.latest_diagnostic();
    if (!o.paa || latest == nullptr || !audits_certain(run, o)) return; // Q301, or unreadable audits
    std::set<std::string> current, any;
    bool since = false;
    for (const Audit& a : o.audits) {
        since = since || &a == latest;
        for (const Result& r : a.resultats) {
            if (!is_alert(r)) continue;
            any.insert(r.critere.value);
            if (since) current.insert(r.critere.value);
        }
    }
    for (const Action& act : o.paa->actions) {
        if (flawed(run, o, o.paa->file, act.pos)) continue;
        const bool closed = act.etat == ActionState::realisee || act.etat == ActionState::abandonnee;
        for (const Text& p : act.points_alerte) {
            if (p.value.empty() || run.model.framework.criterion(p.value) == nullptr) continue; // Q301
            if (current.contains(p.value) || (closed && any.contains(p.value))) continue;
            Diagnostic& d = run.report(
                "Q304", o.paa->file, p.pos,
                run.say("l'action {} cite « {} », qui n'est pas un point d'alerte du dernier diagnostic",
                        "action {} cites \"{}\", which is not an alert point of the latest diagnosis",
                        act.id.value, p.value));
            if (current.empty())
                d.hint = run.say("le dernier diagnostic n'a aucun point d'alerte : retirez « {} » de points_alerte",
                                 "the latest diagnosis has no alert point: remove \"{}\" from points_alerte", p.value);
            else if (const auto near = closest(p.value, {current.begin(), current.end()}))
                d.hint = run.say("vouliez-vous dire « {} » ? Sinon, retirez « {} » de points_alerte",
                                 "did you mean \"{}\"? Otherwise, remove \"{}\" from points_alerte", *near, p.value);
            else
                d.hint = run.say("citez un point d'alerte du dernier diagnostic, ou passez l'action à « realisee » ou "
                                 "« abandonnee » si elle répondait à un audit précédent",
                                 "cite an alert point of the latest diagnosis, or set the action to \"realisee\" or "
                                 "\"abandonnee\" if it answered an earlier audit");
            add_note(d, latest->file, latest->type_pos,
                     run.say("dernier diagnostic ({}) ; points d'alerte depuis : {}",
                             "latest diagnosis ({}); alert points since: {}", iso_or_unknown(latest->date()),
                             fmt::join(current, ", ")));
        }
    }
}

void check_seats(Run& run)
{
    if (!run.model.committee || run.unreadable.committee) return; // no comite/membres.yaml to refer to
    const Committee& c = *run.model.committee;
    std::vector<std::string> ids;
    for (const Seat& s : c.sieges)
        ids.push_back(s.id);
    for (const Session& s : run.model.sessions)
        for (const std::vector<Text>* seats : {&s.presents, &s.suppleants})
            for (const Text& p : *seats) {
                if (p.value.empty() || c.seat(p.value) != nullptr) continue;
                Diagnostic& d = run.report(
                    "Q305", s.file, p.pos,
                    run.say("siège « {} » inconnu du comité", "seat \"{}\" is not in the committee", p.value));
                hint_closest(run, d, p.value, ids);
                add_note(d, c.file, {}, run.say("sièges du comité", "the committee's seats"));
            }
}

// The organismes the sessions' decisions and the référent's proposals name.
void check_decision_organismes(Run& run)
{
    std::vector<std::string> slugs; // for the hints, listed at the first unknown organisme
    const auto check = [&](const Session& s, const Text& slug) {
        if (slug.value.empty() || run.model.organisme(slug.value) != nullptr) return;
        Diagnostic& d = run.report("Q306", s.file, slug.pos,
                                   run.say("organisme « {} » inconnu : pas de dossier organismes/{}/",
                                           "unknown organisation \"{}\": no folder organismes/{}/", slug.value,
                                           slug.value));
        if (slugs.empty())
            for (const Organisme& o : run.model.organismes) slugs.push_back(o.slug);
        hint_closest(run, d, slug.value, slugs);
    };
    for (const Session& s : run.model.sessions) {
        for (const Decision& dec : s.decisions)
            check(s, dec.organisme);
        for (const Proposal& p : s.propositions)
            check(s, p.organisme);
    }
}

} // namespace

void check_references(Run& run, const Organisme& o)
{
    check_criteria(run, o);
    if (!run.model.standalone) check_auditors(run, o);
    check_residences(run, o);
    check_alert_points(run, o);
}

void check_references(Run& run)
{
    if (run.model.standalone) return;
    check_seats(run);
    check_decision_organismes(run);
}

} // namespace quali::core::rules_detail
