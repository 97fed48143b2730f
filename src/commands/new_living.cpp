// SPDX-License-Identifier: EUPL-1.2
// quali new paa|concertation|autodiagnostic: the dossier's living files, which the organisme
// keeps up to date along the pathway. The PAA starts with one action per alert point of the
// latest diagnostic and per complex situation of the autodiagnostic, so nothing is retyped;
// the concertation starts with one event per step already reached. Never overwrites a file.
#include "commands/modeles.hpp"
#include "commands/new_common.hpp"
#include "quali/core/readiness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

namespace quali::commands::authoring {

namespace {

namespace fs = std::filesystem;
using core::say;

struct LivingOptions {
    std::string depot, slug;
};

// The organisme a living file is written for: its folder, and the model it is prepared from.
struct Target {
    io::Root root;
    fs::path folder;
    core::Model model;
    const core::Organisme* organisme = nullptr;  // null when organisme.yaml could not be modelled

    Target(const LivingOptions& opt, const Context& ctx)
        : root(root_of(opt.depot, ctx, false)), folder(organisme_folder(root, opt.slug, ctx)),
          model(model_of_root(root, ctx)), organisme(organisme_in(model, root, opt.slug))
    {
    }
    Target(const Target&) = delete;
    Target& operator=(const Target&) = delete;

    std::string slug(const LivingOptions& opt) const { return organisme != nullptr ? organisme->slug : opt.slug; }
};

// A free text made fit for the end of a YAML comment line: one line, at most `max` code points.
std::string one_line(std::string_view text, std::size_t max = 90)
{
    std::string out;
    std::size_t points = 0;
    bool space = false;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts_point && points + (space ? 1 : 0) >= max) return out + "…";
        if (space && starts_point) {
            out += ' ';
            ++points;
            space = false;
        }
        out += c;
        if (starts_point) ++points;
    }
    return out;
}

// A YAML line "key: value" with its comment in the templates' column (37), in code points.
std::string field(std::string_view indent, std::string_view key, std::string_view value, std::string_view comment)
{
    std::string line = fmt::format("{}{}: {}", indent, key, value);
    const auto points = static_cast<std::size_t>(
        std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    line += std::string(points < 37 ? 37 - points : 1, ' ');
    return fmt::format("{}# {}\n", line, comment);
}

// An identifier as written by hand when YAML reads it back as the same text (T1.2, R-012),
// else quoted.
std::string id_value(const std::string& id)
{
    static const std::set<std::string> words{"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
    std::string lower;
    for (char c : id) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool plain = !id.empty() && std::isalpha(static_cast<unsigned char>(id.front())) && !words.contains(lower) &&
                       std::all_of(id.begin(), id.end(), [](char c) {
                           return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
                       });
    return plain ? id : yaml_quoted(id);
}

// One action of the plan, in block style with a comment on each field, after a line that
// says what it answers.
std::string action_text(int number, std::string_view why, std::string_view traite, std::string_view portee)
{
    std::string out = fmt::format("  # {}\n  - id: A{:02}\n", why, number);
    out += field("    ", "titre", marker, "intitulé de l'action");
    if (traite.empty())
        out += "    # traite: { points_alerte: [T1.2], situations: [R-012] }   # ce que l'action traite\n";
    else
        out += field("    ", "traite", traite, "ce que l'action traite");
    out += field("    ", "portee", portee, "transversale ou locale");
    out += field("    ", "pilote", marker, "direction ou personne qui pilote l'action");
    out += field("    ", "echeance", marker, "date prévue de réalisation (AAAA-MM-JJ)");
    out += field("    ", "etat", "prevue", "prevue, en-cours, realisee ou abandonnee");
    return out;
}

int run_paa(const LivingOptions& opt, const Context& ctx)
{
    const Target t(opt, ctx);
    const core::Model& model = t.model;
    const core::Organisme* o = t.organisme;

    std::string actions;
    int number = 0;
    std::string origine;
    const core::Audit* latest = o != nullptr ? o->latest_diagnostic() : nullptr;
    if (latest != nullptr) {
        std::set<std::string> seen;
        for (const core::Result& r : latest->resultats) {
            if (r.evaluation != core::Evaluation::point_d_alerte || r.critere.value.empty()) continue;
            if (!seen.insert(r.critere.value).second) continue;
            const core::Criterion* c = model.framework.criterion(r.critere.value);
            std::string why = "point d'alerte " + r.critere.value;
            if (c != nullptr) why += " (" + one_line(c->titre, 60) + ")";
            if (!r.constat.empty()) why += " : " + one_line(r.constat, 110);
            actions += action_text(++number, "P" + why.substr(1),
                                   fmt::format("{{ points_alerte: [{}] }}", id_value(r.critere.value)), "transversale");
        }
    }
    const int alerts = number;
    if (o != nullptr && o->autodiagnostic)
        for (const core::Residence& r : o->autodiagnostic->residences) {
            // A complex situation: rated at least the threshold of quali.yaml (rule Q311).
            if (r.id.empty() || !r.cotation || *r.cotation < model.rules.cotation_situation_complexe) continue;
            std::string why = fmt::format("situation complexe {} ({}, cotation {})", r.id, one_line(r.nom, 40), *r.cotation);
            actions += action_text(++number, "S" + why.substr(1), fmt::format("{{ situations: [{}] }}", id_value(r.id)),
                                   "locale");
        }
    const int situations = number - alerts;

    if (latest != nullptr)
        origine = fmt::format("Actions préparées : {} du diagnostic {}{}", core::count_of(core::Lang::fr, alerts, "point d'alerte", "points d'alerte"),
                              fs::path(latest->file).filename().string(),
                              o->autodiagnostic ? fmt::format(", {} de autodiagnostic.yaml",
                                                              core::count_of(core::Lang::fr, situations, "situation complexe", "situations complexes"))
                                                : std::string(" (pas encore d'autodiagnostic.yaml)"));
    else
        origine = o != nullptr && o->autodiagnostic
                      ? fmt::format("Pas encore de diagnostic HQS® : {} de autodiagnostic.yaml.",
                                    core::count_of(core::Lang::fr, situations, "action préparée pour une situation complexe",
                                           "actions préparées pour les situations complexes"))
                      : std::string("Ni diagnostic HQS® ni autodiagnostic encore : une action à compléter.");
    if (latest != nullptr) origine += ".";
    if (number == 0) actions = action_text(1, "Une action à compléter", "", "transversale");
    actions.pop_back();
    const std::string text = fill_modele("modele-paa.yaml", {{"aujourdhui", core::iso(ctx.today)},
                                                             {"slug", t.slug(opt)},
                                                             {"origine", origine},
                                                             {"actions", actions}});
    create_and_report(t.folder / "paa.yaml", text, core::FileKind::paa, ctx);
    return 0;
}

int run_concertation(const LivingOptions& opt, const Context& ctx)
{
    const Target t(opt, ctx);
    const core::Organisme* o = t.organisme;
    std::vector<std::pair<core::Step, std::string>> steps;
    if (o != nullptr)
        for (const core::ReachedStep& r : core::reached_steps(*o))
            steps.emplace_back(r.step, "étape franchie : " + core::path_in_folder(o->folder, r.file));
    if (steps.empty()) steps.emplace_back(core::Step::engagement, "la première étape du parcours");
    std::string events;
    for (const auto& [step, why] : steps) {
        events += field("  - ", "date", marker, "date de la réunion ou du courrier (AAAA-MM-JJ)");
        events += field("    ", "etape", core::to_string(step), why);
        events += field("    ", "instance", "CCL", "CCL, associations, conseil-administration ou autre");
        events += field("    ", "nature", step == core::Step::paa ? "association" : "information",
                        "information ou association");
        events += field("    ", "objet", marker, "ce qui a été présenté ou construit avec les locataires");
        events += field("    ", "preuve", marker, "compte rendu ou courrier, par exemple preuves/ccl-" + core::iso(ctx.today) + ".pdf");
    }
    events.pop_back();
    const std::string text = fill_modele("modele-concertation.yaml", {{"aujourdhui", core::iso(ctx.today)},
                                                                      {"slug", t.slug(opt)},
                                                                      {"evenements", events}});
    create_and_report(t.folder / "concertation.yaml", text, core::FileKind::concertation, ctx);
    return 0;
}

int run_autodiagnostic(const LivingOptions& opt, const Context& ctx)
{
    const Target t(opt, ctx);
    const core::Model& model = t.model;
    const std::string text =
        fill_modele("modele-autodiagnostic.yaml", {{"aujourdhui", core::iso(ctx.today)},
                                                   {"slug", t.slug(opt)},
                                                   {"seuil", std::to_string(model.rules.cotation_situation_complexe)}});
    create_and_report(t.folder / "autodiagnostic.yaml", text, core::FileKind::autodiagnostic, ctx);
    return 0;
}

} // namespace

void add_living_files(CLI::App& sub, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<LivingOptions>();
    const auto add = [&](const char* name, const std::string& description,
                         int (*run)(const LivingOptions&, const Context&)) {
        CLI::App* cmd = sub.add_subcommand(name, description);
        cmd->add_option("SLUG", opt->slug, tr(lang, "Identifiant de l'organisme", "Identifier of the organisation"))
            ->required();
        add_repository_option(*cmd, opt->depot, lang);
        cmd->callback([opt, run, &runner] { runner = [opt, run](const Context& ctx) { return run(*opt, ctx); }; });
    };
    add("paa",
        tr(lang,
           "Créer organismes/SLUG/paa.yaml : une action par point d'alerte du dernier diagnostic et par situation "
           "complexe de l'autodiagnostic",
           "Create organismes/SLUG/paa.yaml: one action per alert point of the latest diagnostic and per complex "
           "situation of the self-assessment"),
        run_paa);
    add("concertation",
        tr(lang, "Créer organismes/SLUG/concertation.yaml : un événement à compléter par étape déjà franchie",
           "Create organismes/SLUG/concertation.yaml: one event to fill in per step already reached"),
        run_concertation);
    add("autodiagnostic",
        tr(lang, "Créer organismes/SLUG/autodiagnostic.yaml (cotation du parc, résidence par résidence)",
           "Create organismes/SLUG/autodiagnostic.yaml (rating of the housing stock, estate by estate)"),
        run_autodiagnostic);
}

} // namespace quali::commands::authoring
