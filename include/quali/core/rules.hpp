#pragma once
// The label's rules across files (DOMAIN.md §1), run on the loaded model. Each rule has a
// stable code (Q3xx) documented in docs/codes.md and docs/regles.md.
#include "quali/core/diagnostic.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <string>
#include <vector>

namespace quali::core {

struct RuleReport {
    std::vector<Diagnostic> diagnostics;  // files relative to the root
    std::vector<std::string> skipped;     // codes of rules that need a repository (standalone)
};

// Runs every rule on the model as of a date; never stops at the first problem, and one
// organisme's problems never hide another's.
RuleReport check_rules(const Model& model, Date as_of, Lang lang);

} // namespace quali::core
