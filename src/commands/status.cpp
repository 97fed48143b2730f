// SPDX-License-Identifier: EUPL-1.2
// quali status [SLUG…]: where each organisme stands in the label's pathway as of a date, what
// it must obtain next, by when, and the session to aim for (docs/echeances.md).
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

struct StatusOptions {
    std::vector<std::string> slugs;
    std::optional<std::string> as_of;
    std::string format = "text";
    std::string depot;
};

std::string date_or_dash(std::optional<core::Date> d)
{
    return d ? core::iso(*d) : "—";
}

// What the référent should notice on the line: lateness, derogation, end of the pathway.
std::string remark(const core::Pathway& p, core::Date as_of, core::Lang lang)
{
    std::vector<std::string> parts;
    if (p.en_retard)
        parts.push_back(say(lang, "EN RETARD de {} j", "OVERDUE by {} d", (as_of - *p.echeance).count()));
    if (p.derogation)
        parts.push_back(say(lang, "dérogation du comité du {} : {}", "derogation of the committee of {}: {}",
                            core::iso(p.derogation->seance), p.derogation->objet));
    const std::string since = date_or_dash(p.depuis);
    switch (p.etat) {
    case core::PathwayState::expire:
        if (!p.prochaine_etape)
            parts.push_back(say(lang, "label échu sans renouvellement : nouvel engagement nécessaire",
                                "label ended without renewal: a new engagement is needed"));
        break;
    case core::PathwayState::retire:
        parts.push_back(
            say(lang, "label retiré par le comité du {}", "label withdrawn by the committee of {}", since));
        break;
    case core::PathwayState::refuse:
        parts.push_back(say(lang, "refusé par le comité du {} : nouvelle candidature possible, sans échéance",
                            "refused by the committee of {}: a new candidature may be filed, no deadline",
                            since));
        break;
    default:
        break;
    }
    if (p.prochaine_etape && !p.seance_visee)
        parts.push_back(say(lang, "aucune séance prévue", "no session planned"));
    std::string out;
    for (const std::string& s : parts)
        out += (out.empty() ? "" : " ; ") + s;
    return out;
}

// The candidature column: its filing date, « non déposée », or « — » without a targeted session.
std::string filed_text(const core::Organisme& o, const core::Pathway& p, core::Date as_of, core::Lang lang)
{
    if (!p.seance_visee) return "—";
    const core::Candidature* c = core::filed_for_target(o, p, as_of);
    if (c == nullptr) return say(lang, "non déposée", "not filed");
    return c->depot.value ? core::iso(*c->depot.value) : say(lang, "date illisible", "unreadable date");
}

nlohmann::ordered_json to_json(const core::Organisme& o, const core::Pathway& p, core::Date as_of)
{
    using J = nlohmann::ordered_json;
    const auto date = [](std::optional<core::Date> d) { return d ? J(core::iso(*d)) : J(nullptr); };
    J j;
    j["organisme"] = o.slug;
    j["etat"] = core::to_string(p.etat);
    j["annee_cycle"] = p.annee_cycle ? J(*p.annee_cycle) : J(nullptr);
    j["valide_jusqu_au"] = date(p.valide_jusqu_au);
    j["prochaine_etape"] = p.prochaine_etape ? J(core::to_string(*p.prochaine_etape)) : J(nullptr);
    j["echeance"] = date(p.echeance);
    j["seance_visee"] = date(p.seance_visee);
    j["fenetre_depot"] = p.fenetre_depot ? J{{"ouverture", core::iso(p.fenetre_depot->opens)},
                                             {"fermeture", core::iso(p.fenetre_depot->closes)}}
                                         : J(nullptr);
    const core::Candidature* filed = core::filed_for_target(o, p, as_of);
    j["candidature_deposee"] = filed != nullptr ? date(filed->depot.value) : J(nullptr);
    j["en_retard"] = p.en_retard;
    j["derogation"] = p.derogation ? J{{"echeance", core::iso(p.derogation->echeance)},
                                       {"objet", p.derogation->objet},
                                       {"seance", core::iso(p.derogation->seance)}}
                                   : J(nullptr);
    return j;
}

std::vector<const core::Organisme*> select(const core::Model& model, const std::vector<std::string>& slugs,
                                           core::Lang lang)
{
    std::vector<const core::Organisme*> out;
    if (slugs.empty()) {
        for (const core::Organisme& o : model.organismes)
            out.push_back(&o);
        return out;
    }
    for (const std::string& slug : slugs) {
        const core::Organisme* o = model.organisme(slug);
        if (o == nullptr) throw EnvironmentError(unknown_organisme_message(model, slug, lang));
        if (std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
    }
    return out;
}

int run_status(const StatusOptions& opt, const Context& ctx)
{
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const core::Model& model = ws.models.front();
    const auto chosen = select(model, opt.slugs, ctx.lang);
    warn_if_repository_has_errors(ws, ctx, "les résultats peuvent être incomplets", "results may be incomplete");

    if (opt.format == "json") {
        auto out = nlohmann::ordered_json::array();
        for (const core::Organisme* o : chosen)
            out.push_back(to_json(*o, core::pathway(model, *o, as_of), as_of));
        ctx.out << out.dump(2) << '\n';
        return 0;
    }

    const core::Lang lang = ctx.lang;
    render::Table table({say(lang, "ORGANISME", "ORGANISATION"), say(lang, "ÉTAT", "STATE"),
                         say(lang, "VALIDE JUSQU'AU", "VALID UNTIL"),
                         say(lang, "PROCHAINE ÉTAPE", "NEXT STEP"), say(lang, "ÉCHÉANCE", "DEADLINE"),
                         say(lang, "SÉANCE VISÉE", "TARGET SESSION"), say(lang, "DÉPÔT", "FILING"),
                         say(lang, "CANDIDATURE", "APPLICATION"), say(lang, "REMARQUE", "NOTE")});
    int late = 0;
    for (const core::Organisme* o : chosen) {
        const core::Pathway p = core::pathway(model, *o, as_of);
        late += p.en_retard ? 1 : 0;
        const std::string window =
            p.fenetre_depot ? core::iso(p.fenetre_depot->opens) + " → " + core::iso(p.fenetre_depot->closes)
                            : "—";
        table.add_row({o->slug, core::label(lang, p), date_or_dash(p.valide_jusqu_au),
                       p.prochaine_etape ? std::string(core::label(lang, *p.prochaine_etape)) : "—",
                       date_or_dash(p.echeance), date_or_dash(p.seance_visee), window,
                       filed_text(*o, p, as_of, lang), remark(p, as_of, lang)});
    }
    if (chosen.empty()) {
        ctx.out << say(lang, "Aucun organisme dans le dépôt.\n", "No organisation in the repository.\n");
        return 0;
    }
    ctx.out << table.str();
    if (ctx.quiet) return 0;
    ctx.out << '\n'
            << say(lang, "Au {} : {}, {} en retard.", "As of {}: {}, {} overdue.",
                   core::iso(as_of), core::count_of(lang, chosen.size(), "organisme", "organismes", "organisation",
                                                    "organisations"),
                   late)
            << '\n';
    const auto planned = core::planned_sessions(model, as_of);
    if (!planned.empty()) {
        const core::Rules& r = model.rules;
        const core::Window w =
            core::filing_window(*planned.front()->date, r.fenetre_depot_jours, r.decompte, r.zone_feries);
        ctx.out << say(lang, "Prochaine séance du comité : {} (dépôt des dossiers du {} au {} inclus).",
                       "Next committee session: {} (filing from {} to {} inclusive).",
                       core::iso(*planned.front()->date), core::iso(w.opens), core::iso(w.closes))
                << '\n';
    } else {
        ctx.out << say(lang, "Aucune séance du comité n'est prévue (ajoutez comite/seances/AAAA-MM-JJ.yaml).",
                       "No committee session is planned (add comite/seances/YYYY-MM-DD.yaml).")
                << '\n';
    }
    return 0;
}

} // namespace

void add_status(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<StatusOptions>();
    CLI::App* sub = app.add_subcommand(
        "status", tr(lang, "Où en est chaque organisme dans le parcours, et quelle est sa prochaine échéance",
                     "Where each organisation stands in the pathway, and its next deadline"));
    sub->add_option("SLUG", opt->slugs, tr(lang, "Organismes à afficher (défaut : tous)",
                                           "Organisations to show (default: all)"));
    add_as_of_option(*sub, opt->as_of, lang);
    add_format_option(*sub, opt->format, {"text", "json"},
                      tr(lang, "Format de sortie : text (défaut) ou json", "Output format: text (default) or json"));
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(lang,
                   "Règles de calcul et exemples : docs/echeances.md. Codes de sortie : 0 ; 2 erreur "
                   "d'utilisation (organisme inconnu, dépôt introuvable, date invalide).",
                   "How it is computed, with examples: docs/echeances.md. Exit codes: 0; 2 usage error "
                   "(unknown organisation, repository not found, invalid date)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_status(*opt, ctx); }; });
}

} // namespace quali::commands
