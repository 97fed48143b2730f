// SPDX-License-Identifier: EUPL-1.2
// quali: the Quali'Hlm label as code. Builds the command line, runs the chosen subcommand,
// and turns environment errors into one line and exit code 2.
#include "commands/registry.hpp"
#include "quali/core/calendar_date.hpp"
#include "quali/core/lang.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <regex>
#include <string>
#include <string_view>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using quali::commands::Context;
using quali::commands::GlobalOptions;

bool env_is_set(const char* name)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0';
}

// French unless asked otherwise: --lang, then the locale (LC_ALL, LC_MESSAGES, LANG).
quali::core::Lang resolve_lang(const GlobalOptions& global)
{
    if (global.lang == "en") return quali::core::Lang::en;
    if (global.lang == "fr") return quali::core::Lang::fr;
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (!env_is_set(name)) continue;
        return std::string_view(std::getenv(name)).starts_with("en") ? quali::core::Lang::en
                                                                     : quali::core::Lang::fr;
    }
    return quali::core::Lang::fr;
}

void translate_help(CLI::App& app, quali::core::Lang lang)
{
    if (lang == quali::core::Lang::en) return;
    auto fmt = app.get_formatter();
    fmt->label("Usage", "Utilisation");
    fmt->label("OPTIONS", "OPTIONS");
    fmt->label("Options", "Options");
    fmt->label("Positionals", "Arguments");
    fmt->label("SUBCOMMAND", "SOUS-COMMANDE");
    fmt->label("SUBCOMMANDS", "SOUS-COMMANDES");
    fmt->label("Subcommands", "Sous-commandes");
    fmt->label("REQUIRED", "OBLIGATOIRE");
    fmt->label("TEXT", "TEXTE");
    fmt->label("INT", "ENTIER");
    fmt->label("UINT", "ENTIER");
    fmt->label("Needs", "Exige");
    fmt->label("Excludes", "Exclut");
}

// A command-line error in the user's language. CLI11 words its errors in English; the forms
// it uses are matched here, anything else is shown as CLI11 says it. `first` is the first
// argument that is not an option, for an unknown command.
std::string parse_error_message(const CLI::ParseError& e, const CLI::App& app, std::string_view first,
                                quali::core::Lang lang)
{
    using quali::core::say;
    const std::string what = e.what();
    if (what == "A subcommand is required") {
        if (!first.empty() && app.get_subcommands([&](const CLI::App* c) { return c->get_name() == first; }).empty())
            return say(lang, "commande inconnue : « {} » (quali --help les liste)",
                       "unknown command: \"{}\" (quali --help lists them)", first);
        return say(lang, "une commande est attendue (quali --help les liste)",
                   "a command is expected (quali --help lists them)");
    }
    if (lang == quali::core::Lang::en) return what;
    static const std::vector<std::pair<std::regex, std::string>> forms{
        {std::regex("^The following argument was not expected: (.*)$"), "argument inattendu : $1"},
        {std::regex("^The following arguments were not expected: (.*)$"), "arguments inattendus : $1"},
        {std::regex("^(\\S+) is required$"), "$1 est obligatoire"},
        {std::regex("^(\\S+): [0-9]+ required \\S+ missing$"), "$1 : valeur manquante"},
        {std::regex("^(\\S+): (.*) not in (\\{.*\\})$"), "$1 : « $2 » n'est pas une valeur permise $3"},
        {std::regex("^Could not convert: (\\S+) = (.*)$"), "$1 : « $2 » n'est pas une valeur valide"},
        {std::regex("^(\\S+) excludes (\\S+)$"), "$1 et $2 s'excluent"},
        {std::regex("^(\\S+) requires (\\S+)$"), "$1 demande aussi $2"},
    };
    for (const auto& [form, french] : forms)
        if (std::regex_match(what, form)) return std::regex_replace(what, form, french);
    return what;
}

} // namespace

int main(int argc, char** argv)
{
    GlobalOptions global;
    CLI::App app{"quali — le label Quali'Hlm en code : valider les dossiers, calculer les "
                 "échéances, préparer les comités de labellisation.",
                 "quali"};
    app.set_version_flag("--version", "quali " QUALI_VERSION);
    app.set_help_flag("-h,--help", "Afficher cette aide et quitter");
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--lang", global.lang, "Langue des messages : fr (défaut) ou en")
        ->check(CLI::IsMember({"fr", "en"}));
    app.add_flag("--no-color", global.no_color, "Pas de couleurs (aussi : variable NO_COLOR)");
    app.add_flag("-q,--quiet", global.quiet, "N'afficher que l'essentiel");
    app.footer("Aide d'une commande : quali COMMANDE --help. Codes : quali explain CODE.\n");

    quali::commands::Runner runner;
    for (auto add : quali::commands::all_commands) add(app, runner);

    // Help text follows --lang or the locale, which are known only after parsing; peek first.
    GlobalOptions peek;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string_view(argv[i]) == "--lang") peek.lang = argv[i + 1];
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]).starts_with("--lang=")) peek.lang = argv[i] + 7;
    translate_help(app, resolve_lang(peek));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const quali::core::Lang lang = resolve_lang(peek);
        const bool fr = lang == quali::core::Lang::fr;
        std::string_view first;
        for (int i = 1; i < argc && first.empty(); ++i) {
            const std::string_view arg = argv[i];
            if (arg == "--lang") ++i;  // its value is no command
            else if (!arg.starts_with("-")) first = arg;
        }
        fmt::print(stderr, "quali: {}: {}\n", fr ? "erreur" : "error", parse_error_message(e, app, first, lang));
        fmt::print(stderr, "{}\n", fr ? "Pour plus d'informations : quali --help"
                                      : "For more information: quali --help");
        return 2;
    }

    Context ctx{std::cout, std::cerr, quali::core::Lang::fr, false, false, false, {}};
    ctx.lang = resolve_lang(global);
    ctx.out_is_terminal = isatty(STDOUT_FILENO) != 0;
    ctx.color = ctx.out_is_terminal && !global.no_color && !env_is_set("NO_COLOR");
    ctx.quiet = global.quiet;
    ctx.today = std::chrono::floor<date::days>(std::chrono::system_clock::now());

    try {
        return runner ? runner(ctx) : 2;
    } catch (const quali::commands::EnvironmentError& e) {
        std::cout.flush();
        fmt::print(stderr, "quali: {}: {}\n", ctx.lang == quali::core::Lang::fr ? "erreur" : "error",
                   e.what());
        return 2;
    } catch (const std::exception& e) {
        std::cout.flush();
        const auto* bilingual = dynamic_cast<const quali::core::BilingualError*>(&e);
        fmt::print(stderr, "quali: {}: {}\n",
                   ctx.lang == quali::core::Lang::fr ? "erreur interne" : "internal error",
                   bilingual != nullptr ? bilingual->text(ctx.lang) : e.what());
        return 3;
    }
}
