// SPDX-License-Identifier: EUPL-1.2
// quali pv SEANCE: the procès-verbal of a held committee session (DOMAIN.md §5.5): who sat,
// the quorum and the chair, each decision with the référent's proposal and the next step, and
// the auditor approvals decided there (docs/comite.md). The session file is read, never written.
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/session_record.hpp"
#include "quali/render/templates.hpp"

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct PvOptions {
    std::string seance;
    std::string format = "md";
    std::string output;
    bool force = false;
    std::string depot;
};

int run_pv(const PvOptions& opt, const Context& ctx)
{
    const Workspace ws =
        load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const core::Model& model = ws.models.front();
    const auto [day, session] = held_session_of(ws, opt.seance, "pv", ctx);

    const core::SessionRecord record = core::build_session_record(model, *session, day);
    for (const core::RecordedDecision& d : record.decisions)
        if (!d.suite)
            ctx.err << say(ctx.lang,
                           "quali: attention : {}:{}: décision sans suite calculée (organisme inconnu ou "
                           "décision illisible : voir quali validate)\n",
                           "quali: warning: {}:{}: decision without its next step (unknown organisation or "
                           "unreadable decision: see quali validate)\n",
                           session->file, d.decision->pos.line);
    warn_if_repository_has_errors(ws, ctx, "le procès-verbal peut être incomplet",
                                  "the minutes may be incomplete");
    const nlohmann::ordered_json tree = render::pv_tree(model, record);
    const std::string bytes = document_bytes(ws, "pv", opt.format, tree, ctx);
    write_output(opt.output, bytes, opt.force, ctx);
    if (!opt.output.empty() && opt.output != "-" && !ctx.quiet)
        ctx.err << say(ctx.lang, "procès-verbal de la séance du {} écrit dans {} ({})\n",
                       "minutes of the session of {} written to {} ({})\n", opt.seance, opt.output,
                       core::count_of(ctx.lang, record.decisions.size(), "décision", "décisions", "decision",
                                      "decisions"));
    return 0;
}

} // namespace

void add_pv(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<PvOptions>();
    CLI::App* sub = app.add_subcommand(
        "pv", tr(lang,
                 "Procès-verbal d'une séance tenue : sièges présents et qui a siégé, quorum, présidence, "
                 "décisions avec la proposition du référent et l'étape suivante, agréments d'auditeurs",
                 "Minutes of a session held: seats present and who sat, quorum, chair, decisions with the "
                 "label coordinator's proposal and the next step, auditor approvals"));
    sub->add_option(tr(lang, "SEANCE", "SESSION"), opt->seance,
                    tr(lang, "Date de la séance tenue (fichier comite/seances/SEANCE.yaml)",
                       "Date of the session held (file comite/seances/SESSION.yaml)"))
        ->required()
        ->type_name(tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD"));
    add_document_options(*sub, opt->format, opt->output, opt->force, opt->depot, lang);
    sub->footer(tr(lang,
                   "Contenu et variables des modèles : docs/comite.md. Un dépôt peut remplacer le modèle par "
                   "modeles/pv.md.mustache ou modeles/pv.html.mustache. Codes de sortie : 0 ; 2 erreur "
                   "d'utilisation (séance inconnue ou sans décisions, fichier existant sans --force).",
                   "The minutes themselves are written in French: they record a French committee. Contents "
                   "and template variables: docs/comite.md. A repository may replace the template with "
                   "modeles/pv.md.mustache or modeles/pv.html.mustache. Exit codes: 0; 2 usage error "
                   "(unknown session or one without decisions, existing file without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_pv(*opt, ctx); }; });
}

} // namespace quali::commands
