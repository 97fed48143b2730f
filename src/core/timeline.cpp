// SPDX-License-Identifier: EUPL-1.2
// The timeline of one organisme (timeline.hpp): one sorted list from the model's dated facts.
#include "quali/core/timeline.hpp"

#include "quali/core/vocabulary.hpp"

#include <algorithm>
#include <tuple>

namespace quali::core {

std::string_view to_string(TimelineKind k)
{
    switch (k) {
    case TimelineKind::engagement:
        return "engagement";
    case TimelineKind::audit:
        return "audit";
    case TimelineKind::decision:
        return "decision";
    case TimelineKind::concertation:
        return "concertation";
    case TimelineKind::candidature:
        return "candidature";
    case TimelineKind::visa:
        return "visa";
    }
    return "engagement";
}

namespace {

void add_concertation(std::vector<TimelineEntry>& out, const Organisme& o, Lang lang)
{
    if (!o.concertation) return;
    for (const Event& e : o.concertation->evenements) {
        if (!e.date.value) continue;
        std::string text = say(lang, "Concertation", "Consultation");
        if (e.etape) text += say(lang, ", {}", ", {}", label(lang, *e.etape));
        if (!e.objet.empty()) text += " : " + e.objet;
        out.push_back({*e.date.value, TimelineKind::concertation, text, o.concertation->file});
    }
}

void add_decisions(std::vector<TimelineEntry>& out, const Model& model, const Organisme& o, Lang lang)
{
    for (const Session& s : model.sessions) {
        if (!s.date) continue;
        for (const Decision& d : s.decisions) {
            if (d.organisme.value != o.slug) continue;
            const std::string what = d.kind ? std::string(label(lang, *d.kind))
                                            : say(lang, "décision illisible", "unreadable decision");
            out.push_back({*s.date, TimelineKind::decision,
                           say(lang, "Décision du comité : {}", "Committee decision: {}", what), s.file});
        }
    }
}

void add_filings(std::vector<TimelineEntry>& out, const Organisme& o, Lang lang)
{
    for (const Candidature& c : o.candidatures) {
        if (!c.depot.value) continue;
        std::string text = c.demande ? say(lang, "Candidature déposée ({})", "Candidature filed ({})",
                                           label(lang, *c.demande))
                                     : say(lang, "Candidature déposée", "Candidature filed");
        if (c.seance.value)
            text += say(lang, " pour la séance du {}", " for the session of {}",
                        long_date(*c.seance.value, lang));
        out.push_back({*c.depot.value, TimelineKind::candidature, text, c.file});
    }
    for (const Visa& v : o.visas)
        if (const auto day = parse_iso_date(v.date.value))
            out.push_back(
                {*day, TimelineKind::visa, say(lang, "Visa de l'auditeur", "Auditor's sign-off"), v.file});
}

} // namespace

std::vector<TimelineEntry> timeline(const Model& model, const Organisme& o, Lang lang)
{
    std::vector<TimelineEntry> out;
    if (o.engagement.value)
        out.push_back({*o.engagement.value, TimelineKind::engagement,
                       say(lang, "Engagement dans la démarche", "Engagement in the label's pathway"),
                       o.file});
    for (const Audit& a : o.audits)
        if (const auto day = a.date())
            out.push_back({*day, TimelineKind::audit, capitalized(audit_name(lang, a.type)), a.file});
    add_decisions(out, model, o, lang);
    add_concertation(out, o, lang);
    add_filings(out, o, lang);
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        return std::tie(a.date, a.kind, a.texte) < std::tie(b.date, b.kind, b.texte);
    });
    return out;
}

} // namespace quali::core
