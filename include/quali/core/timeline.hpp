// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The timeline of one organisme (quali site): its engagement, audits, the committee's decisions
// about it, its concertation events, candidatures and auditors' visas, as one list sorted by
// date. Pure: dates and sentences; the renderers lay them out.
#include "quali/core/calendar_date.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

enum class TimelineKind : std::uint8_t { engagement, audit, decision, concertation, candidature, visa };

// Stable codes: engagement | audit | decision | concertation | candidature | visa.
std::string_view to_string(TimelineKind k);

struct TimelineEntry {
    Date date;
    TimelineKind kind = TimelineKind::engagement;
    std::string texte; // one sentence: « Audit de vérification », « Décision du comité : labellisé »
    std::string fichier; // the file it comes from, relative to the repository ("" when none)
};

// Every dated event of the organisme, by date then kind then text; undated ones are left out
// (validate reports them). Decisions are those of every session of the repository that names it.
std::vector<TimelineEntry> timeline(const Model& model, const Organisme& o, Lang lang);

} // namespace quali::core
