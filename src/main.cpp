// SPDX-License-Identifier: EUPL-1.2
// quali: the Quali'Hlm label as code. Builds the command line, runs the chosen subcommand,
// and turns environment errors into one line and exit code 2.
#include "commands/help.hpp"
#include "commands/registry.hpp"
#include "quali/core/calendar_date.hpp"
#include "quali/core/lang.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <unistd.h>

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

// The language of the help and of parse errors: --lang or the locale, peeked at before the
// command line is built (its texts are set as it is built).
quali::core::Lang peek_lang(int argc, char** argv)
{
    GlobalOptions peek;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string_view(argv[i]) == "--lang") peek.lang = argv[i + 1];
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]).starts_with("--lang=")) peek.lang = argv[i] + 7;
    return resolve_lang(peek);
}

// The allocator's heaps on the kernel's large pages (glibc's tunable glibc.malloc.hugetlb, read
// when a program starts): on a virtual machine a page fault costs microseconds, and a warm run
// faults in tens of thousands of pages (docs/performance.md). quali starts itself again, once,
// with the tunable set; a GLIBC_TUNABLES that already names it (glibc.malloc.hugetlb=0 to do
// without) is left as it is, and so is a failed start.
void start_on_large_pages(char** argv)
{
    constexpr std::string_view tunable = "glibc.malloc.hugetlb";
    const char* set = std::getenv("GLIBC_TUNABLES");
    if (set != nullptr && std::string_view(set).find(tunable) != std::string_view::npos) return;
    const std::string value = (set != nullptr && *set != '\0' ? std::string(set) + ":" : std::string()) +
                              std::string(tunable) + "=1";
    if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    ::execv("/proc/self/exe", argv);
}

} // namespace

int main(int argc, char** argv)
{
    using quali::commands::tr;
    start_on_large_pages(argv);
    GlobalOptions global;
    const quali::core::Lang help_lang = peek_lang(argc, argv);
    CLI::App app{tr(help_lang,
                    "quali — le label Quali'Hlm en code : valider les dossiers, calculer les échéances, préparer "
                    "les comités de labellisation.",
                    "quali — the Quali'Hlm label as code: check the organisations' files, compute the deadlines, prepare the "
                    "labelling committees."),
                 "quali"};
    quali::commands::localize_help(app, help_lang);
    app.set_version_flag("--version", "quali " QUALI_VERSION,
                         tr(help_lang, "Afficher la version et quitter", "Print the version and exit"));
    app.set_help_flag("-h,--help", tr(help_lang, "Afficher cette aide et quitter", "Print this help and exit"));
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--lang", global.lang,
                   tr(help_lang, "Langue des messages et de l'aide : fr (défaut) ou en",
                      "Language of the messages and of the help: fr (default) or en"))
        ->check(CLI::IsMember({"fr", "en"}))
        ->type_name(tr(help_lang, "LANGUE", "LANG"));
    app.add_flag("--no-color", global.no_color,
                 tr(help_lang, "Pas de couleurs (aussi : variable NO_COLOR)", "No colours (also: variable NO_COLOR)"));
    app.add_flag("-q,--quiet", global.quiet,
                 tr(help_lang, "N'afficher que l'essentiel", "Print only what matters"));
    app.add_flag("--no-cache", global.no_cache,
                 tr(help_lang, "Ni lire ni écrire le cache des résultats (voir quali cache)",
                    "Neither read nor write the result cache (see quali cache)"));
    app.footer(tr(help_lang, "Aide d'une commande : quali COMMANDE --help. Codes : quali explain CODE.\n",
                  "Help on a command: quali COMMAND --help. Codes: quali explain CODE. The documents quali "
                  "writes (agenda, sheets, letters, bilan, exports) stay in French: they go to a French "
                  "committee.\n"));

    quali::commands::Runner runner;
    for (auto add : quali::commands::all_commands) add(app, runner, help_lang);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const quali::core::Lang lang = help_lang;
        const bool fr = lang == quali::core::Lang::fr;
        std::string_view first;
        for (int i = 1; i < argc && first.empty(); ++i) {
            const std::string_view arg = argv[i];
            if (arg == "--lang") ++i;  // its value is no command
            else if (!arg.starts_with("-")) first = arg;
        }
        fmt::print(stderr, "quali: {}: {}\n", fr ? "erreur" : "error", quali::commands::parse_error_message(e, app, first, lang));
        fmt::print(stderr, "{}\n", fr ? "Pour plus d'informations : quali --help"
                                      : "For more information: quali --help");
        return 2;
    }

    Context ctx{std::cout, std::cerr, quali::core::Lang::fr, false, false, false, false, {}};
    ctx.lang = resolve_lang(global);
    ctx.out_is_terminal = isatty(STDOUT_FILENO) != 0;
    ctx.color = ctx.out_is_terminal && !global.no_color && !env_is_set("NO_COLOR");
    ctx.quiet = global.quiet;
    ctx.no_cache = global.no_cache;
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
