// quali validate: every file against its schema and value checks, reported like a compiler.
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/render/diagnostics.hpp"

#include <ostream>

namespace quali::commands {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    std::optional<std::string> as_of;
    bool strict = false;
};

int run_validate(const ValidateOptions& opt, const Context& ctx)
{
    const Workspace ws = load_workspace(opt.paths, ctx, true, resolve_as_of(opt.as_of, ctx));
    const core::DiagnosticCounts counts = core::count(ws.diagnostics);

    if (opt.format == "json") {
        ctx.out << render::diagnostics_json(ws.diagnostics, ws.files_checked);
    } else if (opt.format == "github") {
        ctx.out << render::diagnostics_github(ws.diagnostics);
    } else {
        render::TextStyle style;
        style.lang = ctx.lang;
        style.color = ctx.color;
        style.show_source = ctx.out_is_terminal;
        style.quiet = ctx.quiet;
        ctx.out << render::diagnostics_text(ws.diagnostics, style,
                                            [&](const std::string& f, int l) { return ws.source_line(f, l); });
        if (!ctx.quiet || counts.errors + counts.warnings > 0)
            ctx.out << render::summary_text(ws.diagnostics, ws.files_checked, style);
        if (!ws.skipped_rules.empty() && !ctx.quiet) {
            std::string codes;
            for (const std::string& c : ws.skipped_rules) codes += (codes.empty() ? "" : ", ") + c;
            ctx.out << core::say(ctx.lang,
                                 "Hors dépôt (dossier d'organisme seul) : règles non vérifiées, faute d'auditeurs, "
                                 "de séances et de comité : {}.\n",
                                 "Outside a repository (lone organisme folder): rules not checked, for lack of "
                                 "auditors, sessions and committee: {}.\n",
                                 codes);
        }
    }
    if (counts.errors > 0 || (opt.strict && counts.warnings > 0)) return 1;
    return 0;
}

} // namespace

void add_validate(CLI::App& app, Runner& runner)
{
    auto opt = std::make_shared<ValidateOptions>();
    CLI::App* sub = app.add_subcommand("validate", "Vérifier les fichiers du dépôt (schémas et règles du label)");
    sub->add_option("CHEMIN", opt->paths,
                    "Racine du dépôt, dossier d'un organisme, ou fichiers (défaut : le dépôt qui contient "
                    "le dossier courant)");
    sub->add_option("--format", opt->format, "Format de sortie : text (défaut), json ou github")
        ->check(CLI::IsMember({"text", "json", "github"}));
    add_as_of_option(*sub, opt->as_of);
    sub->add_flag("--strict", opt->strict, "Échouer aussi sur les avertissements");
    sub->footer("Codes de sortie : 0 aucune erreur ; 1 au moins une erreur (ou un avertissement avec "
                "--strict) ; 2 erreur d'utilisation ou d'environnement.\n");
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_validate(*opt, ctx); }; });
}

} // namespace quali::commands
