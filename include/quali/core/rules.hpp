#pragma once
// The label's rules across files (DOMAIN.md §1), run on the loaded model. Each rule has a
// stable code (Q3xx) documented in docs/codes.md and docs/regles.md.
#include "quali/core/diagnostic.hpp"
#include "quali/core/holidays.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

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
