// SPDX-License-Identifier: EUPL-1.2
// Facts are not dated after the reference date (Q354-Q359, Q393; Q323 for concertation
// events, in rules_concertation.cpp; DOMAIN.md §5.4): what the dossier records as done — an
// engagement, a self-diagnosis, a signed audit, a filing, an auditor's validation or visa, a
// session's decisions — happened on or before --as-of. Plans may lie ahead: an action's
// echeance, a session without decisions, a concertation event without proof, an audit not
// yet signed. One code per kind of fact; the rules that compare such a date with others step
// aside (after_as_of).
#include "rules_internal.hpp"

namespace quali::core::rules_detail {

namespace {

void report_future(Run& run, std::string_view code, const std::string& file, Position pos,
                   std::string message, std::string hint)
{
    Diagnostic& d = run.report(code, file, pos, std::move(message));
    d.hint = std::move(hint);
}

std::string fix_hint(const Run& run)
{
    return run.say("corrigez la date, ou vérifiez la date de référence (--as-of)",
                   "fix the date, or check the reference date (--as-of)");
}

} // namespace

bool after_as_of(const Run& run, const std::optional<Date>& d)
{
    return d && *d > run.as_of;
}

std::optional<At<Date>> future_audit_date(const Run& run, const Audit& a)
{
    if (!a.signature) return std::nullopt; // a planned audit may lie ahead
    const DateAt& signed_on = a.signature->date;
    if (signed_on.value) {
        if (!after_as_of(run, signed_on.value)) return std::nullopt;
        return At<Date>{*signed_on.value, signed_on.pos};
    }
    // Signed on an unreadable date (reported with the file): the plan's dates tell.
    for (const DateAt* d : {&a.debut, &a.fin})
        if (after_as_of(run, d->value)) return At<Date>{*d->value, d->pos};
    return std::nullopt;
}

void check_dates(Run& run, const Organisme& o)
{
    const std::string as_of = iso(run.as_of);
    if (after_as_of(run, o.engagement.value))
        report_future(run, "Q354", o.file, o.engagement.pos,
                      run.say("engagement daté du {}, après la date de référence {}",
                              "commitment (engagement) dated {}, after the reference date {}", iso(*o.engagement.value),
                              as_of),
                      fix_hint(run));
    if (o.autodiagnostic && after_as_of(run, o.autodiagnostic->date.value))
        report_future(run, "Q355", o.autodiagnostic->file, o.autodiagnostic->date.pos,
                      run.say("autodiagnostic daté du {}, après la date de référence {}",
                              "self-diagnosis dated {}, after the reference date {}",
                              iso(*o.autodiagnostic->date.value), as_of),
                      fix_hint(run));
    for (const Audit& a : o.audits)
        if (const auto when = future_audit_date(run, a))
            report_future(
                run, "Q356", a.file, when->pos,
                a.signature->date.value
                    ? run.say("audit signé le {}, après la date de référence {}",
                              "audit signed on {}, after the reference date {}", iso(when->value), as_of)
                    : run.say("audit signé, daté du {}, après la date de référence {}",
                              "signed audit dated {}, after the reference date {}", iso(when->value), as_of),
                run.say("un audit à venir n'est pas encore signé : corrigez la date, ou retirez le bloc "
                        "« signature » jusqu'à la fin de l'audit",
                        "a future audit is not signed yet: fix the date, or remove the \"signature\" block "
                        "until the audit is over"));
    for (const Candidature& c : o.candidatures) {
        if (after_as_of(run, c.depot.value))
            report_future(run, "Q357", c.file, c.depot.pos,
                          run.say("dépôt daté du {}, après la date de référence {}",
                                  "filing dated {}, after the reference date {}", iso(*c.depot.value), as_of),
                          fix_hint(run));
        if (c.validation && after_as_of(run, c.validation->date.value))
            report_future(run, "Q358", c.file, c.validation->date.pos,
                          run.say("validation de l'auditeur datée du {}, après la date de référence {}",
                                  "auditor's validation dated {}, after the reference date {}",
                                  iso(*c.validation->date.value), as_of),
                          fix_hint(run));
    }
    for (const Visa& v : o.visas)
        if (const auto when = parse_iso_date(v.date.value); after_as_of(run, when))
            report_future(
                run, "Q359", v.file, v.date.pos,
                run.say("visa daté du {}, après la date de référence {}",
                        "sign-off dated {}, after the reference date {}", iso(*when), as_of),
                run.say("le visa se donne au plus tard le jour où il est écrit : visez à nouveau avec "
                        "quali sign --force, ou vérifiez la date de référence (--as-of)",
                        "a sign-off is dated on or before the day it is written: sign off again with "
                        "quali sign --force, or check the reference date (--as-of)"));
}

void check_dates(Run& run)
{
    for (const Session& s : run.model.sessions)
        if (s.held && after_as_of(run, s.date))
            report_future(
                run, "Q393", s.file, s.date_pos,
                run.say("séance du {} avec des décisions, après la date de référence {}",
                        "session of {} with decisions, after the reference date {}", iso(*s.date),
                        iso(run.as_of)),
                run.say("une séance à venir n'a pas encore de décisions : corrigez la date, ou retirez "
                        "« decisions » jusqu'à la séance",
                        "a future session has no decisions yet: fix the date, or remove \"decisions\" until "
                        "the session"));
}

} // namespace quali::core::rules_detail
