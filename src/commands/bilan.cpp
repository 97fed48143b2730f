// SPDX-License-Identifier: EUPL-1.2
// quali bilan ANNEE: the référent's yearly mini-bilan, the map of how the label works (seed §2):
// organismes and movements, committees, durations, strong and alert points by theme, PAA
// actions, concertation, auditors, data quality — in Markdown, HTML with its charts, or JSON
// (docs/bilan.md).
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/bilan.hpp"
#include "quali/core/instruction.hpp"
#include "quali/render/bilan.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct BilanOptions {
    std::string annee;
    std::optional<std::string> as_of;
    std::string format = "md";
    std::string output;
    bool force = false;
    std::string depot;
};

constexpr int first_year = 1900, last_year = 2200;

int parse_year(const std::string& text, core::Lang lang)
{
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4 || year < first_year ||
        year > last_year)
        throw EnvironmentError(say(lang, "année invalide : « {} » (attendu : une année de {} à {})",
                                   "invalid year: \"{}\" (expected: a year from {} to {})", text, first_year,
                                   last_year));
    return year;
}

// The reference date: the day the repository is read at (--as-of, else today). The period is
// the year, cut at that day while the year runs.
core::Date reference_date(const BilanOptions& opt, int year, const Context& ctx)
{
    const core::Date jan1 = date::sys_days{date::year{year} / 1 / 1};
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    if (as_of < jan1) {
        if (opt.as_of)
            throw EnvironmentError(say(ctx.lang, "--as-of {} est avant l'année {} : rien à compter",
                                       "--as-of {} is before the year {}: nothing to count", core::iso(as_of), year));
        throw EnvironmentError(say(ctx.lang, "l'année {} n'a pas commencé (aujourd'hui : {})",
                                   "the year {} has not begun (today: {})", year, core::iso(ctx.today)));
    }
    return as_of;
}

int run_bilan(const BilanOptions& opt, const Context& ctx)
{
    const int year = parse_year(opt.annee, ctx.lang);
    const core::Date as_of = reference_date(opt, year, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.as_of = as_of});
    const core::Model& model = ws.models.front();
    if (model.standalone)
        throw EnvironmentError(say(ctx.lang, "quali bilan a besoin d'un dépôt (quali.yaml), pas d'un dossier d'organisme seul",
                                   "quali bilan needs a repository (quali.yaml), not a lone organisation folder"));

    const core::Bilan bilan = core::compute_bilan(model, year, as_of, validation_counts(ws));

    std::string bytes;
    if (opt.format == "json") {
        bytes = render::bilan_json(model, bilan).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } else {
        const auto format = document_format(opt.format);
        bytes = render_with_template(
            ws, "bilan", format,
            [&](std::string_view text) { return render::bilan_document(text, model, bilan, format); }, ctx);
    }
    write_output(opt.output, bytes, opt.force, ctx);
    if (!opt.output.empty() && opt.output != "-" && !ctx.quiet)
        ctx.err << say(ctx.lang, "bilan {} (situation au {}) écrit dans {}\n", "{} bilan (as of {}) written to {}\n",
                       year, core::iso(bilan.fin), opt.output);
    return 0;
}

} // namespace

void add_bilan(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<BilanOptions>();
    CLI::App* sub = app.add_subcommand(
        "bilan", tr(lang,
                    "Mini-bilan annuel du label : parcours, comités, durées, points forts et points d'alerte par "
                    "thème, PAA, concertation, auditeurs, qualité des données",
                    "Yearly mini-report of the label: pathways, committees, durations, strong and alert points by "
                    "theme, action plans (PAA), consultation, auditors, data quality"));
    sub->add_option(tr(lang, "ANNEE", "YEAR"), opt->annee, tr(lang, "Année du bilan (AAAA)", "Year of the report (YYYY)"))
        ->required()
        ->type_name(tr(lang, "ANNEE", "YEAR"));
    add_as_of_option(*sub, opt->as_of, lang)
        ->description(tr(lang,
                         "Date de lecture du dépôt AAAA-MM-JJ (défaut : aujourd'hui) ; avant le 31 décembre, le "
                         "bilan s'arrête à cette date",
                         "Date the repository is read at, YYYY-MM-DD (default: today); before 31 December, the "
                         "report stops at that date"));
    add_document_options(*sub, opt->format, opt->output, opt->force, opt->depot, lang)
        ->description(tr(lang, "Format de sortie : md (Markdown, défaut), html (avec graphiques) ou json",
                         "Output format: md (Markdown, default), html (with charts) or json"));
    sub->footer(tr(lang,
                   "Définition de chaque chiffre : docs/bilan.md. Un dépôt peut remplacer le modèle par "
                   "modeles/bilan.md.mustache ou modeles/bilan.html.mustache. Codes de sortie : 0 ; 2 erreur "
                   "d'utilisation (année invalide, dépôt introuvable, fichier existant sans --force).",
                   "The report itself is written in French: it goes to a French committee. What each figure "
                   "means: docs/bilan.md. A repository may replace the template with modeles/bilan.md.mustache "
                   "or modeles/bilan.html.mustache. Exit codes: 0; 2 usage error (invalid year, repository not "
                   "found, existing file without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_bilan(*opt, ctx); }; });
}

} // namespace quali::commands
