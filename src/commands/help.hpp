// SPDX-License-Identifier: EUPL-1.2
#pragma once
// CLI11's own texts in the user's language: the help's headings, labels and type names through
// its formatter and option defaults, and its parse errors (which it words in English only).
#include "commands/command.hpp"

#include <string>
#include <string_view>

namespace quali::commands {

// Sets app's help layout in lang, before any option or subcommand is added (they inherit it):
// headings (« Utilisation : », « Options : », « Sous-commandes : »), labels and type names.
void localize_help(CLI::App& app, core::Lang lang);

// A command-line error in lang. CLI11 words its errors in English; the forms quali can meet are
// matched here (tests/e2e/test_lang.py checks each), anything else is shown as CLI11 says it.
// `first` is the first argument that is not an option, for an unknown command.
std::string parse_error_message(const CLI::ParseError& e, const CLI::App& app, std::string_view first,
                                core::Lang lang);

} // namespace quali::commands
