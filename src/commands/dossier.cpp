// SPDX-License-Identifier: EUPL-1.2
// quali dossier SLUG: the full instruction sheet of one organisme (pathway history, audits, the
// improvement plan as a table, the concertation timeline, the validation result, next steps).
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/io/visa_io.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct DossierOptions {
    std::string slug;
    std::optional<std::string> as_of;
    std::string format = "md";
    std::string output;
    bool force = false;
    std::string depot;
};

const core::Organisme& find_organisme(const core::Model& model, const std::string& slug, core::Lang lang)
{
    if (const core::Organisme* o = model.organisme(slug)) return *o;
    throw EnvironmentError(unknown_organisme_message(model, slug, lang));
}

int run_dossier(const DossierOptions& opt, const Context& ctx)
{
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.as_of = as_of});
    const core::Model& model = ws.models.front();
    const core::Organisme& o = find_organisme(model, opt.slug, ctx.lang);
    const nlohmann::ordered_json tree = dossier_document_tree(ws, o, as_of, ctx);
    const std::string bytes = document_bytes(ws, "dossier", opt.format, tree, ctx);
    write_output(opt.output, bytes, opt.force, ctx);
    if (!opt.output.empty() && opt.output != "-" && !ctx.quiet)
        ctx.err << say(ctx.lang, "fiche d'instruction de l'organisme {} écrite dans {}\n",
                       "instruction sheet of the organisation {} written to {}\n", o.slug, opt.output);
    return 0;
}

} // namespace

void add_dossier(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<DossierOptions>();
    CLI::App* sub = app.add_subcommand(
        "dossier", tr(lang,
                      "Fiche d'instruction d'un organisme : parcours, audits, PAA, concertation, validation, "
                      "prochaines étapes",
                      "Review sheet of one organisation: pathway, audits, action plan (PAA), consultation, "
                      "validation, next steps"));
    sub->add_option("SLUG", opt->slug,
                    tr(lang, "L'organisme (son dossier organismes/SLUG/)", "The organisation (its folder organismes/SLUG/)"))
        ->required();
    add_as_of_option(*sub, opt->as_of, lang);
    add_document_options(*sub, opt->format, opt->output, opt->force, opt->depot, lang);
    sub->footer(tr(lang,
                   "Variables des modèles : docs/comite.md (modeles/dossier.md.mustache, "
                   "modeles/dossier.html.mustache). Codes de sortie : 0 ; 2 erreur d'utilisation (organisme "
                   "inconnu, fichier existant sans --force).",
                   "The sheet itself is written in French: it goes to a French committee. Template variables: "
                   "docs/comite.md (modeles/dossier.md.mustache, modeles/dossier.html.mustache). Exit codes: "
                   "0; 2 usage error (unknown organisation, existing file without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_dossier(*opt, ctx); }; });
}

} // namespace quali::commands
