// SPDX-License-Identifier: EUPL-1.2
// quali export --table T: one flat table of the repository (organismes, PAA actions, committee
// decisions, audits, deadlines) for a spreadsheet, in CSV (RFC 4180, or French Excel's dialect)
// or JSON (docs/bilan.md §10).
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/export.hpp"
#include "quali/render/csv.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct ExportOptions {
    std::string table;
    std::string format = "csv";
    bool excel = false;
    std::optional<std::string> as_of;
    std::string output;
    bool force = false;
    std::string depot;
};

int run_export(const ExportOptions& opt, const Context& ctx)
{
    const auto table = core::parse_export_table(opt.table);
    if (!table)
        throw EnvironmentError(say(ctx.lang,
                                   "--table : table inconnue « {} » (tables : organismes, actions, decisions, audits, echeances)",
                                   "--table: unknown table \"{}\" (tables: organismes, actions, decisions, audits, echeances)",
                                   opt.table));
    if (opt.excel && opt.format != "csv")
        throw EnvironmentError(say(ctx.lang, "--excel ne vaut que pour --format csv",
                                   "--excel only applies to --format csv"));
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const core::Model& model = ws.models.front();
    const core::FlatTable t = core::export_table(model, *table, as_of);

    const std::string bytes = opt.format == "json" ? render::table_json(t.colonnes, t.lignes)
                                                   : render::to_csv(t.colonnes, t.lignes, render::CsvOptions{opt.excel});
    write_output(opt.output, bytes, opt.force, ctx);
    if (!opt.output.empty() && opt.output != "-" && !ctx.quiet)
        ctx.err << say(ctx.lang, "table {} : {} dans {}\n", "table {}: {} to {}\n", t.nom,
                       core::count_of(ctx.lang, t.lignes.size(), "ligne écrite", "lignes écrites", "row written",
                                      "rows written"),
                       opt.output);
    return 0;
}

} // namespace

void add_export(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<ExportOptions>();
    CLI::App* sub = app.add_subcommand(
        "export", tr(lang,
                     "Une table à plat du dépôt pour un tableur : organismes, actions, decisions, audits ou "
                     "echeances (CSV ou JSON)",
                     "One flat table of the repository for a spreadsheet: organismes, actions, decisions, audits "
                     "or echeances (CSV or JSON)"));
    sub->add_option("--table", opt->table,
                    tr(lang, "Table : organismes, actions, decisions, audits ou echeances",
                       "Table: organismes, actions, decisions, audits or echeances (deadlines)"))
        ->required()
        ->type_name("TABLE");
    add_format_option(*sub, opt->format, {"csv", "json"},
                      tr(lang, "Format de sortie : csv (défaut) ou json", "Output format: csv (default) or json"));
    sub->add_flag("--excel", opt->excel,
                  tr(lang,
                     "CSV pour Excel en français : marque d'ordre des octets UTF-8, « ; » entre les cellules, "
                     "virgule décimale",
                     "CSV for Excel in French: UTF-8 byte order mark, \";\" between cells, decimal comma"));
    add_as_of_option(*sub, opt->as_of, lang);
    add_output_option(*sub, opt->output, lang);
    add_force_flag(*sub, opt->force, lang);
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(lang,
                   "Colonnes de chaque table et précautions CSV (cellules neutralisées contre l'injection de "
                   "formules) : docs/bilan.md. Codes de sortie : 0 ; 2 erreur d'utilisation (table inconnue, "
                   "dépôt introuvable, fichier existant sans --force).",
                   "The tables keep their French column names and values: they go to a French committee. "
                   "Columns of each table and CSV precautions (cells defused against formula injection): "
                   "docs/bilan.md. Exit codes: 0; 2 usage error (unknown table, repository not found, existing "
                   "file without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_export(*opt, ctx); }; });
}

} // namespace quali::commands
