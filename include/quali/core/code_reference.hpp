// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The diagnostic codes' reference (docs/codes.md, docs/codes.en.md, built into quali): the text
// `quali explain` prints, a code's title and its severity — one reading for explain, validate
// and the forge reports.
#include "quali/core/lang.hpp"

#include <string>
#include <string_view>

namespace quali::core {

// The « ## CODE — titre » section of the reference in lang, up to the next heading, ending with
// one newline; "" for a code the reference does not document. The code is matched as written
// (upper case: Q310).
std::string code_section(Lang lang, std::string_view code);

// The section's title: « point d'alerte non traité » for Q310 in French; "" when undocumented.
std::string code_title(Lang lang, std::string_view code);

// The section's text without its heading line (the paragraphs under the title).
std::string code_body(Lang lang, std::string_view code);

// What the French reference says of a code's severity.
struct CodeInfo {
    bool known = false;
    bool warning = false;
};
CodeInfo code_info(std::string_view code);

} // namespace quali::core
