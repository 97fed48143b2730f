// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Shared by the rule families (rules_*.cpp): the run's context, how a rule reports, and the
// few facts several families need so that one defect gives one diagnostic.
#include "quali/core/file_kind.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/readiness.hpp"
#include "quali/core/rules.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core::rules_detail {

// The files that could not be read, by what the rules would have read in them.
struct Unreadable {
    bool rules = false;                    // quali.yaml: its settings are unknown
    bool framework = false;                // referentiel: the built-in example framework stands in
    bool committee = false;                // comite/membres.yaml failed its schema: its seats are unsure
    bool sessions = false;                 // a session: the order of the decisions is unknown
    std::set<Date> session_dates;          // by file name
    std::set<std::string> auditors;        // by id
    std::set<std::string> audits_of;       // organisme slugs
    std::set<std::string> candidatures_of; // organisme slugs
    std::set<std::pair<std::string, Date>> candidatures; // slug, session by file name
    // Organisme slugs whose file exists but could not be read: its rules step aside. An absent
    // file is not here: it is judged as an empty one (judged_organisme).
    std::set<std::string> autodiagnostic_of, paa_of, concertation_of;

    // paths: the files that could not be read; the shared files that failed their schema
    // (model.flaws) count as unreadable too, their values being unsure.
    static Unreadable from(const Model& model, const std::vector<std::string>& paths);
};

struct Run {
    const Model& model;
    Date as_of;
    Lang lang;
    std::vector<Diagnostic>& out;
    const Unreadable& unreadable;

    // Adds a diagnostic with the catalogue's severity for code.
    Diagnostic& report(std::string_view code, const std::string& file, Position pos, std::string message);

    template <typename... Args>
    std::string say(fmt::format_string<Args...> fr, fmt::format_string<Args...> en, Args&&... args) const
    {
        return core::say(lang, fr, en, std::forward<Args>(args)...);
    }
};

void add_note(Diagnostic& d, const std::string& file, Position pos, std::string message);

// "2026-06-18", or "?" when the date is unknown.
std::string iso_or_unknown(const std::optional<Date>& d);


// The first non-null position: a value's own place, else its fallback (a block, the file).
Position place(Position preferred, Position fallback);

// The last candidature of o for an earlier session than c's, or null.
const Candidature* previous_candidature(const Organisme& o, const Candidature& c);

// In a repository, a candidature whose session is known but has no file in comite/seances/ (Q370).
bool session_missing(const Run& run, const Candidature& c);

// Filed before its window opens (Q361): later dates in the dossier are not reported again.
bool filed_early(const Run& run, const Candidature& c);

// A file of o (or of the repository) failed its schema somewhere (model.hpp, Flaws): the rules
// that read it as a whole step aside.
bool flawed(const Run& run, const Organisme& o, const std::string& file);

// The same, for one list item of the file (an action, an event…): flawed when the flaw is in
// that item or outside every item.
bool flawed(const Run& run, const Organisme& o, const std::string& file, Position item);

// Every audit's type and evaluations were read and its alert points are criteria of the
// framework: which audit is the latest diagnostic, and its alert points, are certain.
bool audits_certain(const Model& model, const Unreadable& unreadable, const Organisme& o);
bool audits_certain(const Run& run, const Organisme& o);

// A recorded fact dated after the reference date: reported by its own code (Q354-Q359, Q393,
// Q323); the rules that compare that date with others step aside.
bool after_as_of(const Run& run, const std::optional<Date>& d);

// A signed audit dated after the reference date (Q356): its signature date, or when that is
// unreadable its plan's first date after it; nullopt for an audit not yet signed.
std::optional<At<Date>> future_audit_date(const Run& run, const Audit& a);

// The organisme as the rules judge it: an absent paa.yaml, concertation.yaml or
// autodiagnostic.yaml (not an unreadable one) becomes an empty one at its usual path, so that
// a missing file is never judged better than an empty one. Null when nothing is absent.
std::optional<Organisme> judged_organisme(const Organisme& o, const Unreadable& unreadable);

// The usual path of an organisme's file: "organismes/<slug>/paa.yaml".
std::string organisme_path(const Organisme& o, std::string_view name);

// The alert points of the latest diagnostic that no live action of paa treats, and the
// complex situations of the autodiagnostic that none treats (Q310, Q311, the PAA piece).
// Null when it cannot be judged: audits or framework uncertain, or the plan cites a
// criterion (Q301) or a residence (Q303) that is not there — it may be the one it meant.
std::optional<std::vector<const Result*>> untreated_alert_points(const Model& model, const Unreadable& unreadable,
                                                                 const Organisme& o, const Paa& paa);
std::optional<std::vector<const Residence*>> untreated_situations(const Model& model, const Unreadable& unreadable,
                                                                  const Organisme& o, const Paa& paa);

// The steps reached (readiness.hpp), by the name the rules use.
using Reached = ReachedStep;
using core::reached_steps;

// Every concertation event's step and nature were read.
bool events_readable(const Concertation& c);

// The candidature's pieces (readiness.hpp) with the run's knowledge of unreadable files.
Readiness readiness(const Model& model, const Organisme& o, const Candidature& c, Date as_of, Lang lang,
                    const Unreadable& unreadable);

// The rule families, one per file: the rules that read one organisme (with the repository's
// settings, framework, auditors and sessions), then those across organismes and sessions.
void check_references(Run& run, const Organisme& o); // Q301-Q304
void check_treatment(Run& run, const Organisme& o);  // Q310, Q311, Q395, Q396
void check_concertation(Run& run, const Organisme& o); // Q320-Q324
void check_audits(Run& run, const Organisme& o);     // Q330-Q334, Q340, Q350-Q353
void check_sessions(Run& run, const Organisme& o);   // Q360, Q361, Q370-Q372
void check_coverage(Run& run, const Organisme& o);   // Q341-Q344
void check_dates(Run& run, const Organisme& o);      // Q354-Q359
void check_pieces(Run& run, const Organisme& o);     // Q374-Q377

// Every rule that reads one organisme, family by family.
void check_organisme(Run& run, const Organisme& o);

void check_references(Run& run); // Q305, Q306
void check_sessions(Run& run);   // Q373
void check_committee(Run& run);  // Q380-Q385, Q390-Q392, Q394
void check_dates(Run& run);      // Q393

} // namespace quali::core::rules_detail
