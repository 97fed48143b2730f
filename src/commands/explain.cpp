// SPDX-License-Identifier: EUPL-1.2
// quali explain CODE: the documentation of a diagnostic code, as written in docs/codes.md
// (French) or docs/codes.en.md (English, with --lang en).
#include "commands/registry.hpp"
#include "quali/core/code_reference.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>

namespace quali::commands {

void add_explain(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto code = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand("explain", tr(lang, "Expliquer un code de diagnostic (ex. : quali explain Q002)",
                                                     "Explain a diagnostic code (e.g. quali explain Q002)"));
    sub->add_option("CODE", *code, tr(lang, "Code du diagnostic, par exemple Q002", "Code of the diagnostic, e.g. Q002"))
        ->required();
    sub->callback([code, &runner] {
        runner = [code](const Context& ctx) {
            std::string wanted = *code;
            std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            const std::string text = core::code_section(ctx.lang, wanted);
            if (text.empty())
                throw EnvironmentError(core::say(ctx.lang, "code inconnu : {} (la liste : docs/codes.md)",
                                                 "unknown code: {} (the list: docs/codes.en.md)", *code));
            ctx.out << text;
            return 0;
        };
    });
}

} // namespace quali::commands
