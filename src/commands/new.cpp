// SPDX-License-Identifier: EUPL-1.2
// quali new organisme|audit|candidature|seance|auditeur (and paa|concertation|autodiagnostic,
// new_living.cpp): creates the files of a dossier from
// the templates of data/modeles/, with a French comment on each field. Never overwrites a file.
// What it writes validates, except the fields the user must fill: they hold « À COMPLÉTER »,
// which quali validate reports as the warning Q016, and quali new lists them.
#include "commands/modeles.hpp"
#include "commands/new_common.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <ostream>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

namespace authoring {

const std::string marker(core::to_fill_marker);

io::Root root_of(const std::string& depot, const Context& ctx, bool repository_only)
{
    const std::string start = depot.empty() ? std::string(".") : depot;
    std::error_code ec;
    if (!fs::exists(start, ec))
        throw EnvironmentError(say(ctx.lang, "chemin introuvable : {}", "no such path: {}", start));
    const auto root = io::find_root(start);
    if (!root || (repository_only && root->kind != io::RootKind::repository))
        throw EnvironmentError(say(ctx.lang,
                                   "{} n'est pas dans un dépôt quali (aucun quali.yaml au-dessus) : créez-en un avec "
                                   "quali init DOSSIER, ou indiquez-le avec -C DOSSIER",
                                   "{} is not inside a quali repository (no quali.yaml above): create one with quali "
                                   "init FOLDER, or give it with -C FOLDER",
                                   start == "." ? say(ctx.lang, "le dossier courant", "the current folder") : start));
    return *root;
}

void check_slug(const std::string& slug, std::string_view what, const Context& ctx)
{
    if (!core::is_slug(slug))
        throw EnvironmentError(say(ctx.lang,
                                   "{} « {} » invalide : lettres minuscules non accentuées, chiffres et tirets (ex. habitat-loire)",
                                   "invalid {} \"{}\": lowercase unaccented letters, digits and hyphens (e.g. habitat-loire)",
                                   what, slug));
}

fs::path organisme_folder(const io::Root& root, const std::string& slug, const Context& ctx)
{
    if (root.kind == io::RootKind::organisme) {
        if (slug != root.dir.filename().string() && slug != ".")
            throw EnvironmentError(say(ctx.lang, "le dossier d'organisme {} n'est pas « {} »",
                                       "the organisation folder {} is not \"{}\"", root.dir.string(), slug));
        return root.dir;
    }
    check_slug(slug, say(ctx.lang, "slug", "slug"), ctx);
    const fs::path folder = root.dir / "organismes" / slug;
    std::error_code ec;
    if (!fs::is_regular_file(folder / "organisme.yaml", ec))
        throw EnvironmentError(say(ctx.lang, "organisme inconnu : {} n'existe pas ; créez-le avec quali new organisme {}",
                                   "unknown organisation: {} does not exist; create it with quali new organisme {}",
                                   display_path(folder / "organisme.yaml"), slug));
    return folder;
}

void create_and_report(const fs::path& path, const std::string& text, core::FileKind kind, const Context& ctx)
{
    create_file(path, text, ctx);
    if (ctx.quiet) return;
    const std::string shown = display_path(path);
    ctx.out << say(ctx.lang, "Créé : {}\n", "Created: {}\n", shown);
    const io::ParsedYaml parsed = io::parse_yaml(text, ctx.lang);
    if (parsed.tree->root() == nullptr) return;
    std::vector<std::string> fields;
    for (const core::Diagnostic& d : core::check_document(kind, *parsed.tree->root(), nullptr, ctx.lang))
        if (d.code == "Q016") fields.push_back(fmt::format("{}:{}: {}", shown, d.pos.line, d.message));
    if (fields.empty()) return;
    ctx.out << say(ctx.lang, "À compléter ({}, signalés par quali validate en avertissement Q016) :\n",
                   "To fill in ({}, reported by quali validate as warning Q016):\n", fields.size());
    for (const std::string& f : fields) ctx.out << "  " << f << "\n";
}

std::string or_marker(const std::string& value)
{
    return value.empty() ? marker : yaml_quoted(value);
}

core::Model model_of_root(const io::Root& root, const Context& ctx)
{
    Workspace ws = load_workspace({root.dir.string()}, ctx, {.rules = false});
    return std::move(ws.models.front());
}

const core::Organisme* organisme_in(const core::Model& model, const io::Root& root, const std::string& slug)
{
    if (root.kind == io::RootKind::organisme) return model.organismes.empty() ? nullptr : &model.organismes.front();
    return model.organisme(slug);
}

} // namespace authoring

namespace {

using namespace authoring;

io::Root root_of(const NewOptions& opt, const Context& ctx, bool repository_only)
{
    return authoring::root_of(opt.depot, ctx, repository_only);
}

core::Date date_option(const std::string& text, std::string_view option, core::Date fallback, const Context& ctx)
{
    if (text.empty()) return fallback;
    if (const auto d = core::parse_iso_date(text)) return *d;
    throw EnvironmentError(say(ctx.lang, "{} : « {} » n'est pas une date AAAA-MM-JJ existante",
                               "{}: \"{}\" is not an existing YYYY-MM-DD date", option, text));
}

// --- organisme ------------------------------------------------------------------------------

int run_organisme(const NewOptions& opt, const Context& ctx)
{
    const io::Root root = root_of(opt, ctx, true);
    check_slug(opt.slug, say(ctx.lang, "slug", "slug"), ctx);
    std::string siren = marker;
    if (!opt.siren.empty()) {
        if (opt.siren.size() != 9 || opt.siren.find_first_not_of("0123456789") != std::string::npos)
            throw EnvironmentError(say(ctx.lang, "--siren : 9 chiffres attendus, pas « {} »",
                                       "--siren: 9 digits expected, not \"{}\"", opt.siren));
        if (!core::luhn_valid(opt.siren))
            throw EnvironmentError(say(ctx.lang,
                                       "--siren : « {} » n'a pas une clé de contrôle valide (formule de Luhn) : recopiez-le "
                                       "depuis l'avis de situation Insee",
                                       "--siren: \"{}\" has no valid check digit (Luhn formula): copy it again from the "
                                       "Insee record",
                                       opt.siren));
        siren = yaml_quoted(opt.siren);
    }
    if (opt.logements && *opt.logements < 1)
        throw EnvironmentError(say(ctx.lang, "--logements : au moins 1", "--logements: at least 1"));
    if (!opt.courriel.empty() && !core::plausible_email(opt.courriel))
        throw EnvironmentError(say(ctx.lang, "--courriel : adresse « {} » mal formée", "--courriel: malformed address \"{}\"",
                                   opt.courriel));
    std::string federation = opt.federation;
    if (federation.empty()) {
        if (opt.famille == "OPH") federation = "federation-oph";
        if (opt.famille == "ESH") federation = "federation-esh";
        if (opt.famille == "COOP") federation = "federation-coop";
    }
    const core::Date engagement = date_option(opt.engagement, "--engagement", ctx.today, ctx);
    const std::string text = fill_modele(
        "modele-organisme.yaml",
        {{"aujourdhui", core::iso(ctx.today)},
         {"slug", opt.slug},
         {"nom", or_marker(opt.nom)},
         {"siren", siren},
         {"famille", opt.famille.empty() ? marker : opt.famille},
         {"federation", federation.empty() ? marker : federation},
         {"region", or_marker(opt.region)},
         {"logements", opt.logements ? std::to_string(*opt.logements) : marker},
         {"contact", or_marker(opt.contact)},
         {"courriel", or_marker(opt.courriel)},
         {"engagement", core::iso(engagement)}});
    create_and_report(root.dir / "organismes" / opt.slug / "organisme.yaml", text, core::FileKind::organisme, ctx);
    if (!ctx.quiet)
        ctx.out << say(ctx.lang,
                       "Ensuite : quali new audit {0} --type diagnostic-hqs --auditeur ID --debut AAAA-MM-JJ ; "
                       "quali validate organismes/{0}\n",
                       "Next: quali new audit {0} --type diagnostic-hqs --auditeur ID --debut YYYY-MM-DD; "
                       "quali validate organismes/{0}\n",
                       opt.slug);
    return 0;
}

// --- audit ----------------------------------------------------------------------------------

std::string number_text(double v)
{
    if (std::floor(v) == v && std::abs(v) < 1e9) return std::to_string(static_cast<long long>(v));
    return fmt::format("{}", v);
}

int run_audit(const NewOptions& opt, const Context& ctx)
{
    const io::Root root = root_of(opt, ctx, false);
    const fs::path folder = organisme_folder(root, opt.slug, ctx);
    check_slug(opt.auditeur, say(ctx.lang, "identifiant d'auditeur", "auditor id"), ctx);
    const core::Model model = model_of_root(root, ctx);
    if (root.kind == io::RootKind::repository && model.auditor(opt.auditeur) == nullptr)
        throw EnvironmentError(say(ctx.lang, "auditeur inconnu : auditeurs/{0}.yaml n'existe pas ; créez-le avec quali new auditeur {0}",
                                   "unknown auditor: auditeurs/{0}.yaml does not exist; create it with quali new auditeur {0}",
                                   opt.auditeur));
    const core::Organisme* o = organisme_in(model, root, opt.slug);
    const int logements = o != nullptr ? o->logements : 0;
    const bool diagnostic = opt.type == "diagnostic-hqs" || opt.type == "diagnostic-hqs-renouvellement";
    std::string calibrage;
    double jours = 1;
    if (diagnostic) {
        const int minimum = model.rules.minimum_audit_days(logements);
        jours = minimum;
        calibrage = logements > 0
                        ? fmt::format("minimum du calibrage pour {} logements : {} (quali.yaml, calibrage_audit)",
                                      logements, core::count_of(core::Lang::fr, minimum, "jour", "jours"))
                        : fmt::format("minimum du calibrage : {}, selon les logements de organisme.yaml",
                                      core::count_of(core::Lang::fr, minimum, "jour", "jours"));
    } else {
        calibrage = "pas de minimum pour une vérification : à ajuster";
    }
    if (opt.jours) {
        if (*opt.jours <= 0) throw EnvironmentError(say(ctx.lang, "--jours : un nombre positif", "--jours: a positive number"));
        jours = *opt.jours;
    }
    const core::Date debut = date_option(opt.debut, "--debut", ctx.today, ctx);
    const core::Date fin = date_option(opt.fin, "--fin", core::add_days(debut, std::max(1, static_cast<int>(std::ceil(jours))) - 1), ctx);
    if (fin < debut)
        throw EnvironmentError(say(ctx.lang, "--fin ({}) est avant --debut ({})", "--fin ({}) is before --debut ({})",
                                   core::iso(fin), core::iso(debut)));

    std::string resultats;
    for (const core::Theme& t : model.framework.themes)
        for (const core::Criterion& c : t.criteres)
            resultats += fmt::format("  - {{ critere: {}, evaluation: non-evalue }}{}# {}\n", yaml_quoted(c.id),
                                     std::string(std::max<std::size_t>(1, 24 - std::min<std::size_t>(24, c.id.size())), ' '),
                                     c.titre);
    if (resultats.empty()) resultats = "  - { critere: " + marker + ", evaluation: non-evalue }\n";
    resultats.pop_back();

    const std::string text = fill_modele("modele-audit.yaml", {{"aujourdhui", core::iso(ctx.today)},
                                                               {"slug", opt.slug},
                                                               {"type", opt.type},
                                                               {"auditeur", opt.auditeur},
                                                               {"auditeur_brut", opt.auditeur},
                                                               {"debut", core::iso(debut)},
                                                               {"fin", core::iso(fin)},
                                                               {"jours", number_text(jours)},
                                                               {"calibrage", calibrage},
                                                               {"resultats", resultats}});
    create_and_report(folder / "audits" / (core::iso(debut) + "-" + opt.type + ".yaml"), text, core::FileKind::audit, ctx);
    return 0;
}

// --- candidature ----------------------------------------------------------------------------


int run_candidature(const NewOptions& opt, const Context& ctx)
{
    const io::Root root = root_of(opt, ctx, false);
    const fs::path folder = organisme_folder(root, opt.slug, ctx);
    const core::Date seance = date_option(opt.seance, "--seance", ctx.today, ctx);
    const core::Date depot = date_option(opt.date_depot, "--depot", ctx.today, ctx);
    if (!opt.auditeur.empty()) check_slug(opt.auditeur, say(ctx.lang, "identifiant d'auditeur", "auditor id"), ctx);
    const core::Model model = model_of_root(root, ctx);
    const core::Organisme* o = organisme_in(model, root, opt.slug);

    // The pieces that exist already: the dossier's files and the audits of the current cycle.
    std::vector<std::string> pieces;
    std::error_code ec;
    for (const char* name : {"autodiagnostic.yaml", "paa.yaml", "concertation.yaml"})
        if (fs::is_regular_file(folder / name, ec)) pieces.emplace_back(name);
    std::string suggested;
    if (o != nullptr) {
        const core::Audit* last = o->latest_diagnostic();
        for (const core::Audit& a : o->audits)
            if (last == nullptr || &a == last || (a.date() && last->date() && *a.date() >= *last->date()))
                pieces.push_back(core::path_in_folder(o->folder, a.file));
        if (!o->audits.empty()) suggested = o->audits.back().auditeur.value;
    }
    std::string pieces_text;
    for (const std::string& p : pieces) pieces_text += "  - " + yaml_quoted(p) + "\n";
    if (pieces.empty()) pieces_text = "  - " + marker + "\n";
    pieces_text.pop_back();

    const core::Window window = core::filing_window(model.rules, seance);
    const std::string text = fill_modele(
        "modele-candidature.yaml",
        {{"aujourdhui", core::iso(ctx.today)},
         {"slug", o != nullptr ? o->slug : opt.slug},
         {"seance", core::iso(seance)},
         {"ouverture", core::iso(window.opens)},
         {"fermeture", core::iso(window.closes)},
         {"decision", opt.decision},
         {"depot", core::iso(depot)},
         {"pieces", pieces_text},
         {"auditeur", opt.auditeur.empty() ? marker : opt.auditeur},
         {"auditeur_suggere", opt.auditeur.empty() && !suggested.empty() && core::is_slug(suggested)
                                  ? " ; auditeur du dernier audit : " + suggested
                                  : std::string()}});
    create_and_report(folder / "candidatures" / (core::iso(seance) + ".yaml"), text, core::FileKind::candidature, ctx);
    if (ctx.quiet) return 0;
    if (root.kind == io::RootKind::repository && model.session(seance) == nullptr)
        ctx.err << say(ctx.lang,
                       "quali: attention : pas de séance le {0} (comite/seances/{0}.yaml) : quali validate le signalera "
                       "(Q370) tant que le référent ne l'a pas créée (quali new seance {0})\n",
                       "quali: warning: no session on {0} (comite/seances/{0}.yaml): quali validate will report it "
                       "(Q370) until the référent creates it (quali new seance {0})\n",
                       core::iso(seance));
    if (depot < window.opens || depot > window.closes)
        ctx.err << say(ctx.lang,
                       "quali: attention : le dépôt du {} est hors de la fenêtre de dépôt (du {} au {}) : corrigez "
                       "« depot » le jour du dépôt réel\n",
                       "quali: warning: filing on {} is outside the filing window ({} to {}): fix \"depot\" on the "
                       "real filing day\n",
                       core::iso(depot), core::iso(window.opens), core::iso(window.closes));
    return 0;
}

// --- seance ---------------------------------------------------------------------------------

int run_seance(const NewOptions& opt, const Context& ctx)
{
    const io::Root root = root_of(opt, ctx, true);
    const core::Date date = date_option(opt.date, "DATE", ctx.today, ctx);
    const core::Model model = model_of_root(root, ctx);
    const core::Window window = core::filing_window(model.rules, date);
    const std::string text = fill_modele("modele-seance.yaml", {{"aujourdhui", core::iso(ctx.today)},
                                                                {"date", core::iso(date)},
                                                                {"date_longue", core::long_date(date, core::Lang::fr)},
                                                                {"ouverture", core::iso(window.opens)},
                                                                {"fermeture", core::iso(window.closes)},
                                                                {"lieu", or_marker(opt.lieu)}});
    create_and_report(root.dir / "comite" / "seances" / (core::iso(date) + ".yaml"), text, core::FileKind::seance, ctx);
    return 0;
}

// --- auditeur -------------------------------------------------------------------------------

// The public key: the first line of a .pub file, or the key line itself.
std::string public_key(const std::string& given, const Context& ctx)
{
    std::string line = given;
    std::error_code ec;
    if (fs::is_regular_file(given, ec)) {
        std::ifstream in(given);
        std::getline(in, line);
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!(line.starts_with("ssh-") || line.starts_with("ecdsa-sha2-") || line.starts_with("sk-")) ||
        line.find(' ') == std::string::npos)
        throw EnvironmentError(say(ctx.lang,
                                   "--cle-publique : « {} » n'est ni une clé publique OpenSSH (ssh-ed25519 AAAA…) ni un "
                                   "fichier .pub",
                                   "--cle-publique: \"{}\" is neither an OpenSSH public key (ssh-ed25519 AAAA…) nor a "
                                   ".pub file",
                                   given));
    return line;
}

int run_auditeur(const NewOptions& opt, const Context& ctx)
{
    const io::Root root = root_of(opt, ctx, true);
    check_slug(opt.slug, say(ctx.lang, "identifiant d'auditeur", "auditor id"), ctx);
    if (!opt.courriel.empty() && !core::plausible_email(opt.courriel))
        throw EnvironmentError(say(ctx.lang, "--courriel : adresse « {} » mal formée", "--courriel: malformed address \"{}\"",
                                   opt.courriel));
    const core::Date debut = date_option(opt.debut, "--debut", ctx.today, ctx);
    const core::Date fin = date_option(opt.fin, "--fin", core::add_days(core::add_months(debut, 36), -1), ctx);
    if (fin < debut)
        throw EnvironmentError(say(ctx.lang, "--fin ({}) est avant --debut ({})", "--fin ({}) is before --debut ({})",
                                   core::iso(fin), core::iso(debut)));
    std::string seance = "    # seance: AAAA-MM-JJ               # séance du comité qui a prononcé l'agrément (facultatif)";
    if (!opt.seance_agrement.empty())
        seance = "    seance: " + core::iso(date_option(opt.seance_agrement, "--seance", ctx.today, ctx)) +
                 "               # séance du comité qui a prononcé l'agrément";
    const std::string text = fill_modele(
        "modele-auditeur.yaml",
        {{"entete", "# Créé par quali new auditeur le " + core::iso(ctx.today) + "."},
         {"nom", or_marker(opt.nom)},
         {"cabinet", or_marker(opt.cabinet)},
         {"courriel", opt.courriel.empty() ? "# courriel: prenom.nom@cabinet.fr   # adresse électronique (facultatif)"
                                           : "courriel: " + yaml_quoted(opt.courriel) + "   # adresse électronique"},
         {"debut", core::iso(debut)},
         {"fin", core::iso(fin)},
         {"seance", seance},
         {"cle_publique", opt.cle_publique.empty()
                              ? "# cle_publique: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… prenom.nom@cabinet.fr\""
                              : "cle_publique: " + yaml_quoted(public_key(opt.cle_publique, ctx))}});
    create_and_report(root.dir / "auditeurs" / (opt.slug + ".yaml"), text, core::FileKind::auditeur, ctx);
    return 0;
}

} // namespace

void add_new(CLI::App& app, Runner& runner, core::Lang lang)
{
    CLI::App* sub = app.add_subcommand(
        "new", tr(lang,
                  "Créer les fichiers d'un dossier à partir des modèles commentés (organisme, audit, PAA, "
                  "concertation, autodiagnostic, candidature, séance, auditeur)",
                  "Create the files of an organisation's folder from the commented templates (organisme, audit, PAA, "
                  "concertation, autodiagnostic, candidature, seance, auditeur)"));
    sub->require_subcommand(1);
    sub->footer(tr(lang,
                   "Ne remplace jamais un fichier existant. Les champs à remplir portent la valeur « À COMPLÉTER » : "
                   "quali validate les signale (avertissement Q016).\n",
                   "Never replaces an existing file. The files are written in French, like the folders they fill; the "
                   "fields to fill in hold the value \"À COMPLÉTER\": quali validate reports them (warning "
                   "Q016).\n"));
    authoring::add_new_files(*sub, runner, {run_organisme, run_audit, run_candidature, run_seance, run_auditeur},
                             lang);
    authoring::add_living_files(*sub, runner, lang);
}

} // namespace quali::commands
