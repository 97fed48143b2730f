// SPDX-License-Identifier: EUPL-1.2
// quali deadlines: every upcoming or overdue deadline of the repository, sorted by date, as a
// table, JSON or an iCalendar file to import into a calendar (docs/echeances.md).
#include "quali/core/deadlines.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/ics.hpp"
#include "quali/render/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct DeadlinesOptions {
    std::optional<std::string> as_of;
    std::optional<int> within;
    std::string format = "text";
    std::string output;
    bool force = false;
    std::string depot;
};

std::string render_text(const std::vector<core::Deadline>& list, core::Date as_of, const Context& ctx)
{
    const core::Lang lang = ctx.lang;
    if (list.empty()) return say(lang, "Aucune échéance.\n", "No deadline.\n");
    render::Table table({"DATE", say(lang, "TYPE", "TYPE"), say(lang, "ORGANISME", "ORGANISATION"),
                         say(lang, "STATUT", "STATUS"), "DESCRIPTION"});
    int late = 0;
    for (const core::Deadline& d : list) {
        const bool overdue = d.statut == core::DeadlineStatus::en_retard;
        late += overdue ? 1 : 0;
        table.add_row({core::iso(d.date), std::string(core::label(lang, d.type)), d.organisme.empty() ? "—" : d.organisme,
                       overdue ? say(lang, "EN RETARD", "OVERDUE") : say(lang, "à venir", "upcoming"),
                       d.description});
    }
    std::string out = table.str();
    if (!ctx.quiet)
        out += "\n" + say(lang, "Au {} : {}, dont {} en retard.\n", "As of {}: {}, {} overdue.\n", core::iso(as_of),
                          core::count_of(lang, list.size(), "échéance", "échéances", "deadline", "deadlines"), late);
    return out;
}

std::string render_json(const std::vector<core::Deadline>& list)
{
    using J = nlohmann::ordered_json;
    J out = J::array();
    for (const core::Deadline& d : list)
        out.push_back(J{{"date", core::iso(d.date)},
                        {"type", core::to_string(d.type)},
                        {"organisme", d.organisme.empty() ? J(nullptr) : J(d.organisme)},
                        {"description", d.description},
                        {"statut", core::to_string(d.statut)}});
    return out.dump(2) + "\n";
}

int run_deadlines(const DeadlinesOptions& opt, const Context& ctx)
{
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    if (opt.within && *opt.within < 0)
        throw EnvironmentError(say(ctx.lang,
                                   "--within : un nombre de jours positif ou nul est attendu, pas {}",
                                   "--within: expected a number of days, zero or more, not {}", *opt.within));
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const core::Model& model = ws.models.front();
    warn_if_repository_has_errors(ws, ctx, "les échéances peuvent être incomplètes", "deadlines may be incomplete");

    const std::vector<core::Deadline> list = core::deadlines(model, as_of, opt.within, ctx.lang);
    std::string bytes;
    if (opt.format == "json")
        bytes = render_json(list);
    else if (opt.format == "ics")
        bytes =
            render::deadlines_ics(list, as_of, say(ctx.lang, "Échéances Quali'Hlm", "Quali'Hlm deadlines"));
    else
        bytes = render_text(list, as_of, ctx);

    write_output(opt.output, bytes, opt.force, ctx);
    if (opt.output.empty() || opt.output == "-") return 0;
    if (!ctx.quiet)
        ctx.err << say(ctx.lang, "{} dans {}\n", "{} to {}\n",
                       core::count_of(ctx.lang, list.size(), "échéance écrite", "échéances écrites", "deadline written",
                                      "deadlines written"),
                       opt.output);
    return 0;
}

} // namespace

void add_deadlines(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<DeadlinesOptions>();
    CLI::App* sub = app.add_subcommand(
        "deadlines", tr(lang, "Toutes les échéances à venir ou dépassées, par date (texte, JSON ou iCalendar)",
                        "Every upcoming or overdue deadline, by date (text, JSON or iCalendar)"));
    add_as_of_option(*sub, opt->as_of, lang);
    sub->add_option("--within", opt->within,
                    tr(lang, "Ne garder que les échéances des JOURS prochains jours (celles en retard restent)",
                       "Keep only the deadlines of the next DAYS days (overdue ones stay)"))
        ->type_name(tr(lang, "JOURS", "DAYS"));
    add_format_option(*sub, opt->format, {"text", "json", "ics"},
                      tr(lang, "Format de sortie : text (défaut), json ou ics (iCalendar)",
                         "Output format: text (default), json or ics (iCalendar)"));
    add_output_option(*sub, opt->output, lang);
    add_force_flag(*sub, opt->force, lang);
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(lang,
                   "Types : depot, etape, action-paa, agrement. Règles de calcul : docs/echeances.md. Codes de "
                   "sortie : 0 ; 2 erreur d'utilisation ou d'écriture (fichier existant sans --force).",
                   "Types: depot (filing), etape (step), action-paa (action plan), agrement (auditor approval). "
                   "How they are computed: docs/echeances.md. Exit codes: 0; 2 usage or write error (existing "
                   "file without --force)."));
    sub->callback(
        [opt, &runner] { runner = [opt](const Context& ctx) { return run_deadlines(*opt, ctx); }; });
}

} // namespace quali::commands
