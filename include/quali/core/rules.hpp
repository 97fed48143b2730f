// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The label's rules across files (DOMAIN.md §1), run on the loaded model. Each rule has a
// stable code (Q3xx) documented in docs/codes.md and docs/regles.md.
#include "quali/core/diagnostic.hpp"
#include "quali/core/holidays.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

struct RuleReport {
    std::vector<Diagnostic> diagnostics; // files relative to the root
    std::vector<std::string> skipped;    // codes of rules that need a repository (standalone)
};

// Runs every rule on the model as of a date; never stops at the first problem, and one
// organisme's problems never hide another's.
RuleReport check_rules(const Model& model, Date as_of, Lang lang);

// The same, told which YAML files of the root could not be read at all (paths as in the
// model: a syntax error, an empty or binary file…). The rules that would have read them are
// not applied where they would, so that a broken file gives its own diagnostic only.
RuleReport check_rules(const Model& model, Date as_of, Lang lang, const std::vector<std::string>& unreadable);

// The same in two passes, for a repository too large to hold whole (quali validate of
// thousands of organismes): check_rules gives exactly what the two passes give together.
//  - check_organisme_rules: the rules that read one organisme, with the repository's settings,
//    framework, auditors and sessions from `repository` (whose organismes are not read);
//    `unreadable` as above (the repository's files and this organisme's).
//  - check_repository_rules: the rules across organismes (the committee's decisions and the
//    sessions); they read of each organisme only what summary() keeps.
// Neither sorts its diagnostics; the skipped rules are check_repository_rules' to say.
std::vector<Diagnostic> check_organisme_rules(const Model& repository, const Organisme& organisme, Date as_of,
                                              Lang lang, const std::vector<std::string>& unreadable);
RuleReport check_repository_rules(const Model& model, Date as_of, Lang lang,
                                  const std::vector<std::string>& unreadable);

// What check_repository_rules reads of an organisme: its slug and folder, its candidatures
// (session, request, filing date; no pieces) and its renewal audits (dates; no results) — a
// few hundred bytes instead of the whole dossier; the auditors' sign-offs stay, for
// check_visas. Nothing else may read a summary: the unit tests of the rules check, rule by
// rule, that the two passes on summaries report what check_rules reports on the whole model.
Organisme summary(const Organisme& organisme);

// Which audits and which candidatures' pieces a digest keeps; null: all of them.
struct DigestKeep {
    std::function<bool(const Audit&)> audit;
    std::function<bool(const Candidature&)> pieces; // given each of the organisme's candidatures
};

// What the repository's own pages read of an organisme once its folder's pages are written
// (quali site): summary() and its identity (nom, sigle, siren, famille, federation, region,
// logements and logements_pos, contact_*, engagement, engagement_instance, appui_conseil_ush),
// the audits keep tells and the renewals, without their plans and results (file, type,
// type_pos, auditeur, debut, fin, jours, signature), and the pieces of the candidatures keep
// tells. Copied field by field into fresh allocations.
// Its export table of organismes and pathways are those of the whole organisme; so are its
// agendas, given the filed dossiers' parts and their audits kept; and its deadlines, given the
// organismes' own: tests/unit/core/test_digest.cpp.
Organisme digest(const Organisme& organisme, const DigestKeep& keep = {});

// One rule of the catalogue: what docs/regles.md lists, row by row.
struct RuleInfo {
    std::string_view code;
    Severity severity;
    bool needs_repository; // skipped for a lone organisme folder
};

// Every Q3xx code check_rules may report, in code order.
const std::vector<RuleInfo>& rule_catalogue();

// The filing window of a session under the repository's rules (fenetre_depot_jours,
// decompte, zone_feries): shared by the rules, the agenda and the deadline engine.
Window filing_window(const Rules& rules, Date session);

} // namespace quali::core
