// SPDX-License-Identifier: EUPL-1.2
// Rules 5, 6 and 7, audits and the auditor's validation (Q330-Q334, Q340, Q350-Q353): an
// approved auditor, a plan calibrated to the stock, dates in order, a validation that comes
// after the audits it covers and before the filing.
#include "rules_internal.hpp"

#include <fmt/ranges.h>

#include <algorithm>

namespace quali::core::rules_detail {

namespace {

std::string approvals(const Auditor& a)
{
    std::string out;
    for (const Approval& ap : a.agrements)
        out +=
            (out.empty() ? "" : ", ") + iso_or_unknown(ap.debut.value) + " → " + iso_or_unknown(ap.fin.value);
    return out.empty() ? "-" : out;
}

void note_auditor(Run& run, Diagnostic& d, const Auditor& a)
{
    if (a.statut != AuditorStatus::actif)
        add_note(d, a.file, a.statut_pos,
                 run.say("statut de {} : {}", "{}'s status: {}", a.id, to_string(a.statut)));
    else
        add_note(d, a.file, a.agrements.empty() ? a.statut_pos : a.agrements.front().pos,
                 run.say("agréments de {} : {}", "{}'s approvals: {}", a.id, approvals(a)));
}

// The auditor's status and approvals were all read: their approval can be judged.
bool readable(const Run& run, const Auditor& a)
{
    return a.statut != AuditorStatus::unknown && !run.unreadable.auditors.contains(a.id) &&
           std::all_of(a.agrements.begin(), a.agrements.end(),
                       [](const Approval& ap) { return ap.debut.value && ap.fin.value; });
}

bool plan_in_order(const Audit& a)
{
    return a.debut.value && a.fin.value && *a.debut.value <= *a.fin.value;
}

void check_approval(Run& run, const Audit& a)
{
    const Auditor* who = run.model.auditor(a.auditeur.value);
    if (who == nullptr || !readable(run, *who) || !plan_in_order(a)) return; // Q302, Q350
    if (future_audit_date(run, a)) return;                                   // Q356
    const Date from = *a.debut.value, to = *a.fin.value;
    if (who->approved_between(from, to)) return;
    Diagnostic& d = run.report(
        "Q330", a.file, a.auditeur.pos,
        who->statut != AuditorStatus::actif
            ? run.say("l'auditeur {} n'est pas agréé pour l'audit du {} au {} : son statut est « {} »",
                      "auditor {} is not approved for the audit from {} to {}: their status is \"{}\"",
                      who->id, iso(from), iso(to), to_string(who->statut))
            : run.say(
                  "l'auditeur {} n'est pas agréé pour l'audit du {} au {} : aucun agrément ne couvre ces "
                  "dates",
                  "auditor {} is not approved for the audit from {} to {}: no approval covers these dates",
                  who->id, iso(from), iso(to)));
    note_auditor(run, d, *who);
}

void check_plan(Run& run, const Organisme& o, const Audit& a)
{
    if (a.debut.value && a.fin.value && *a.debut.value > *a.fin.value)
        run.report("Q350", a.file, a.debut.pos,
                   run.say("le plan commence le {}, après sa fin le {}",
                           "the plan starts on {}, after its end on {}", iso(*a.debut.value),
                           iso(*a.fin.value)));
    if (plan_in_order(a)) {
        const Date from = *a.debut.value, to = *a.fin.value;
        const auto outside = [&](const DateAt& d) { return d.value && (*d.value < from || *d.value > to); };
        for (const Interview& i : a.entretiens)
            if (outside(i.date))
                run.report("Q351", a.file, i.date.pos,
                           run.say("entretien du {} hors des dates du plan ({} au {})",
                                   "interview on {} outside the plan's dates ({} to {})", iso(*i.date.value),
                                   iso(from), iso(to)));
        for (const Visit& v : a.visites)
            if (outside(v.date))
                run.report("Q351", a.file, v.date.pos,
                           run.say("visite du {} hors des dates du plan ({} au {})",
                                   "visit on {} outside the plan's dates ({} to {})", iso(*v.date.value),
                                   iso(from), iso(to)));
    }
    if (a.signature && a.signature->date.value && a.fin.value && *a.signature->date.value < *a.fin.value)
        run.report("Q352", a.file, a.signature->date.pos,
                   run.say("audit signé le {}, avant la fin du plan le {}",
                           "audit signed on {}, before the plan's end on {}", iso(*a.signature->date.value),
                           iso(*a.fin.value)));
    // Calibration: DOMAIN.md, "the initial HQS® audit is calibrated by the number of dwellings".
    if (a.is_diagnostic() && a.jours && o.logements > 0 && !run.unreadable.rules) {
        const int minimum = run.model.rules.minimum_audit_days(o.logements);
        if (*a.jours < minimum) {
            Diagnostic& d = run.report(
                "Q340", a.file, a.jours_pos,
                run.say("audit prévu sur {}, sous le calibrage : au moins {} pour {} logements",
                        "audit planned over {}, below the sizing table: at least {} for {} dwellings",
                        count_of(run.lang, *a.jours, "jour", "jours", "day", "days"),
                        count_of(run.lang, minimum, "jour", "jours", "day", "days"), o.logements));
            add_note(d, o.file, o.logements_pos, run.say("logements gérés", "dwellings managed"));
        }
    }
}

void check_engagement(Run& run, const Organisme& o)
{
    if (!o.engagement.value || flawed(run, o, o.file) || after_as_of(run, o.engagement.value)) return; // Q354
    const auto first =
        std::find_if(o.audits.begin(), o.audits.end(), [](const Audit& a) { return a.date().has_value(); });
    if (first == o.audits.end() || *o.engagement.value <= *first->date()) return;
    Diagnostic& d = run.report("Q353", o.file, o.engagement.pos,
                               run.say("engagement daté du {}, après le premier audit du {}",
                                       "commitment (engagement) dated {}, after the first audit on {}",
                                       iso(*o.engagement.value), iso(*first->date())));
    add_note(d, first->file, place(first->debut.pos, first->plan_pos),
             run.say("premier audit", "first audit"));
}

// The audits a candidature's validation covers: those listed in its pieces, else those since
// the previous candidature's filing, up to its own.
std::vector<const Audit*> covered_audits(const Organisme& o, const Candidature& c)
{
    std::vector<const Audit*> listed;
    for (const Audit& a : o.audits) {
        const std::string rel = path_in_folder(o.folder, a.file);
        if (std::any_of(c.pieces.begin(), c.pieces.end(), [&](const Text& p) { return p.value == rel; }))
            listed.push_back(&a);
    }
    if (!listed.empty()) return listed;
    const Candidature* previous = previous_candidature(o, c);
    const bool bounded = previous != nullptr && previous->depot.value.has_value();
    const Date since = bounded ? *previous->depot.value : Date{};
    std::vector<const Audit*> recent;
    for (const Audit& a : o.audits) {
        const auto d = a.date();
        if (!d || (bounded && *d <= since) || (c.depot.value && *d > *c.depot.value)) continue;
        recent.push_back(&a);
    }
    return recent;
}

void check_validation(Run& run, const Organisme& o, const Candidature& c)
{
    if (flawed(run, o, c.file)) return; // a misspelt key may hold the validation, or its dates
    if (!c.validation) {
        Diagnostic& d = run.report("Q334", c.file, c.pos,
                                   run.say("candidature sans validation de l'auditeur",
                                           "application without the auditor's validation"));
        d.hint = run.say("ajoutez « validation_auditeur: {{ auditeur: <id>, date: AAAA-MM-JJ }} »",
                         "add \"validation_auditeur: {{ auditeur: <id>, date: YYYY-MM-DD }}\"");
        return;
    }
    const AuditorValidation& v = *c.validation;
    if (!v.date.value || after_as_of(run, v.date.value)) return; // Q358
    const Date when = *v.date.value;
    if (!run.model.standalone)
        if (const Auditor* who = run.model.auditor(v.auditeur.value);
            who != nullptr && readable(run, *who) && !who->approved_between(when, when)) {
            Diagnostic& d =
                run.report("Q331", c.file, v.auditeur.pos,
                           run.say("validation du {} par {}, qui n'est pas un auditeur agréé à cette date",
                                   "validation on {} by {}, who is not an approved auditor on that date",
                                   iso(when), who->id));
            std::vector<std::string> approved;
            for (const Auditor& a : run.model.auditors)
                if (a.approved_between(when, when)) approved.push_back(a.id);
            d.hint = approved.empty()
                         ? run.say("aucun auditeur n'est agréé le {} : vérifiez la date de la validation et les agréments "
                                   "sous auditeurs/",
                                   "no auditor is approved on {}: check the validation's date and the approvals under "
                                   "auditeurs/",
                                   iso(when))
                         : run.say("faites valider le dossier par un auditeur agréé à cette date ({}), ou corrigez la date",
                                   "have the dossier validated by an auditor approved on that date ({}), or fix the date",
                                   fmt::join(approved, ", "));
            note_auditor(run, d, *who);
        }
    const bool covered_known =
        !run.unreadable.audits_of.contains(o.slug) && !run.unreadable.candidatures_of.contains(o.slug);
    const Audit* last = nullptr;
    if (covered_known)
        for (const Audit* a : covered_audits(o, c))
            if (a->signature && a->signature->date.value &&
                (last == nullptr || *a->signature->date.value > *last->signature->date.value))
                last = a;
    if (last != nullptr && when < *last->signature->date.value && !future_audit_date(run, *last)) {
        Diagnostic& d =
            run.report("Q332", c.file, v.date.pos,
                       run.say("validation du {}, avant la signature de l'audit qu'elle couvre ({})",
                               "validation on {}, before the signature of the audit it covers ({})",
                               iso(when), iso(*last->signature->date.value)));
        add_note(d, last->file, last->signature->date.pos,
                 run.say("signature de l'audit", "the audit's signature"));
    }
    if (c.depot.value && when > *c.depot.value && !filed_early(run, c) && !after_as_of(run, c.depot.value)) {
        Diagnostic& d =
            run.report("Q333", c.file, v.date.pos,
                       run.say("validation du {}, après le dépôt du {}",
                               "validation on {}, after the filing on {}", iso(when), iso(*c.depot.value)));
        add_note(d, c.file, c.depot.pos, run.say("date de dépôt", "filing date"));
    }
}

} // namespace

void check_audits(Run& run, const Organisme& o)
{
    for (const Audit& a : o.audits) {
        if (flawed(run, o, a.file)) continue; // a misspelt key may hold its plan or its signature
        if (!run.model.standalone) check_approval(run, a);
        check_plan(run, o, a);
    }
    check_engagement(run, o);
    for (const Candidature& c : o.candidatures)
        check_validation(run, o, c);
}

} // namespace quali::core::rules_detail
