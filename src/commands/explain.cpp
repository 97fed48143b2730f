// SPDX-License-Identifier: EUPL-1.2
// quali explain CODE: the documentation of a diagnostic code, as written in docs/codes.md
// (French) or docs/codes.en.md (English, with --lang en).
#include "commands/registry.hpp"
#include "quali/core/embedded.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>

namespace quali::commands {

namespace {

// Returns the "## CODE …" section of the codes reference, up to the next heading.
std::string section_for(std::string_view doc, const std::string& code)
{
    const std::string heading = "\n## " + code;
    std::size_t start = doc.find(heading);
    while (start != std::string_view::npos) {
        const std::size_t after = start + heading.size();
        if (after >= doc.size() || doc[after] == ' ' || doc[after] == '\n') break;
        start = doc.find(heading, after);
    }
    if (start == std::string_view::npos) return {};
    std::size_t end = doc.find("\n## ", start + 1);
    const std::size_t end_h1 = doc.find("\n# ", start + 1);
    end = std::min(end, end_h1);
    std::string_view s = doc.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    return std::string(s) + "\n";
}

} // namespace

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
            const auto doc = core::embedded_file(ctx.lang == core::Lang::en ? "codes.en.md" : "codes.md");
            const std::string text = doc ? section_for(*doc, wanted) : std::string();
            if (text.empty())
                throw EnvironmentError(core::say(ctx.lang, "code inconnu : {} (la liste : docs/codes.md)",
                                                 "unknown code: {} (the list: docs/codes.en.md)", *code));
            ctx.out << text;
            return 0;
        };
    });
}

} // namespace quali::commands
