// SPDX-License-Identifier: EUPL-1.2
// quali agenda SEANCE: the agenda of a committee session, as the référent presents it: the
// session and its convened seats, the dossiers filed for it grouped by requested decision with
// their instruction summary, then the late, early, incomplete and expected-but-missing ones
// (docs/comite.md).
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/instruction.hpp"
#include "quali/io/visa_io.hpp"
#include "quali/render/templates.hpp"

#include <filesystem>
#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct AgendaOptions {
    std::string seance;
    std::optional<std::string> as_of;
    std::string format = "md";
    std::string output;
    bool force = false;
    std::string depot;
};

int run_agenda(const AgendaOptions& opt, const Context& ctx)
{
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.as_of = as_of});
    const auto [day, session] = session_of(ws, opt.seance, "agenda", ctx);

    const nlohmann::ordered_json tree = agenda_document_tree(ws, *session, day, as_of, ctx);
    const std::string bytes = document_bytes(ws, "agenda", opt.format, tree, ctx);
    write_output(opt.output, bytes, opt.force, ctx);
    if (!opt.output.empty() && opt.output != "-" && !ctx.quiet)
        ctx.err << say(ctx.lang, "ordre du jour de la séance du {} écrit dans {} ({})\n",
                       "agenda of the session of {} written to {} ({})\n", opt.seance, opt.output,
                       core::count_of(ctx.lang, tree["totaux"]["deposes"].get<std::size_t>(), "dossier déposé", "dossiers déposés",
                                      "application filed", "applications filed"));
    return 0;
}

} // namespace

void add_agenda(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<AgendaOptions>();
    CLI::App* sub = app.add_subcommand(
        "agenda", tr(lang,
                     "Ordre du jour d'une séance du comité : dossiers déposés et leur instruction, retards, "
                     "dossiers incomplets ou attendus",
                     "Agenda of a committee session: the applications filed and their review, late, incomplete "
                     "or expected applications"));
    sub->add_option(tr(lang, "SEANCE", "SESSION"), opt->seance,
                    tr(lang, "Date de la séance (fichier comite/seances/SEANCE.yaml)",
                       "Date of the session (file comite/seances/SESSION.yaml)"))
        ->required()
        ->type_name(tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD"));
    add_as_of_option(*sub, opt->as_of, lang);
    add_document_options(*sub, opt->format, opt->output, opt->force, opt->depot, lang);
    sub->footer(tr(lang,
                   "Sections et variables des modèles : docs/comite.md. Un dépôt peut remplacer le modèle "
                   "par modeles/agenda.md.mustache ou modeles/agenda.html.mustache. Codes de sortie : 0 ; 2 "
                   "erreur d'utilisation (séance inconnue, fichier existant sans --force).",
                   "The agenda itself is written in French: it goes to a French committee. Sections and "
                   "template variables: docs/comite.md. A repository may replace the template with "
                   "modeles/agenda.md.mustache or modeles/agenda.html.mustache. Exit codes: 0; 2 usage error "
                   "(unknown session, existing file without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_agenda(*opt, ctx); }; });
}

} // namespace quali::commands
