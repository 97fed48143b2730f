// SPDX-License-Identifier: EUPL-1.2
// quali notify SEANCE: the letters after a committee session (seed: « information post-comité
// adressée à l'organisme »), one per decision, in Markdown and HTML: the decision, the votes,
// conditions and derogation, and the calendar of the next step from the pathway engine. The
// session file is read, never written; no existing letter is replaced without --force, and
// nothing at all is written when one would be.
#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/instruction.hpp"
#include "quali/io/atomic_write.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

namespace fs = std::filesystem;
using core::say;

struct NotifyOptions {
    std::string seance;
    std::string output_dir;
    std::optional<std::string> as_of;
    bool force = false;
    std::string depot;
};

// A slug that can name a file: an organisme folder's name never holds a separator, but the
// letter's name must not depend on it.
bool safe_for_file_name(const std::string& slug)
{
    if (slug.empty() || slug.starts_with('.') || slug.size() > 200) return false;
    return std::all_of(slug.begin(), slug.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u != 0x7f && c != '/' && c != '\\' && c != ':';
    });
}

struct Target {
    fs::path path;
    std::string bytes;
};

int run_notify(const NotifyOptions& opt, const Context& ctx)
{
    const core::Date date_courrier = resolve_as_of(opt.as_of, ctx);
    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const core::Model& model = ws.models.front();
    const auto [day, session] = held_session_of(ws, opt.seance, "notify", ctx);

    const core::Letters letters = core::build_letters(model, *session, day, date_courrier);
    for (const core::Decision* d : letters.ignorees)
        ctx.err << say(
            ctx.lang,
            "quali: attention : {}:{}: décision ignorée (organisme inconnu ou décision illisible : "
            "voir quali validate)\n",
            "quali: warning: {}:{}: decision skipped (unknown organisation or unreadable decision: see "
            "quali validate)\n",
            session->file, d->pos.line);

    const fs::path dir =
        opt.output_dir.empty() ? ws.roots.front().root.dir / "courriers" : fs::path(opt.output_dir);
    // Everything is rendered, and every target checked, before the first file is written.
    std::vector<Target> targets;
    std::map<std::string, int> used;
    for (const core::Letter& l : letters.lettres) {
        if (!safe_for_file_name(l.organisme->slug)) {
            ctx.err << say(
                ctx.lang, "quali: attention : « {} » ne peut pas nommer un fichier : courrier non écrit\n",
                "quali: warning: \"{}\" cannot name a file: letter not written\n", l.organisme->slug);
            continue;
        }
        std::string base = opt.seance + "-" + l.organisme->slug;
        if (const int n = ++used[base]; n > 1) base += "-" + std::to_string(n);
        const nlohmann::ordered_json tree = render::letter_tree(model, l, date_courrier);
        targets.push_back(
            {dir / (base + ".md"), render_with_template(ws, "lettre", render::DocumentFormat::markdown, tree, ctx)});
        targets.push_back(
            {dir / (base + ".html"), render_with_template(ws, "lettre", render::DocumentFormat::html, tree, ctx)});
    }
    if (!opt.force)
        for (const Target& t : targets) {
            std::error_code ec;
            if (fs::exists(fs::symlink_status(t.path, ec)))
                throw EnvironmentError(
                    say(ctx.lang,
                        "{} existe déjà : ajoutez --force pour remplacer les courriers (aucun "
                        "fichier écrit)",
                        "{} already exists: add --force to replace the letters (no file written)",
                        display_path(fs::absolute(t.path))));
        }
    if (!targets.empty()) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            throw EnvironmentError(say(ctx.lang, "impossible de créer le dossier {} : {}",
                                       "cannot create folder {}: {}", dir.string(), system_error_text(ec, ctx.lang)));
    }
    for (const Target& t : targets) {
        const std::string shown = display_path(fs::absolute(t.path));
        if (const std::error_code ec = io::write_file_atomically(t.path, t.bytes, opt.force)) {
            if (ec == std::errc::file_exists)
                throw EnvironmentError(say(ctx.lang, "{} existe déjà : ajoutez --force pour le remplacer",
                                           "{} already exists: add --force to replace it", shown));
            throw EnvironmentError(
                say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", shown, system_error_text(ec, ctx.lang)));
        }
        ctx.out << shown << '\n';
    }
    if (!ctx.quiet)
        ctx.err << say(ctx.lang, "{} de la séance du {} ({})\n", "{} of the session of {} ({})\n",
                       core::count_of(ctx.lang, targets.size() / 2, "courrier écrit", "courriers écrits",
                                      "letter written", "letters written"),
                       opt.seance, core::count_of(ctx.lang, targets.size(), "fichier", "fichiers", "file", "files"));
    return 0;
}

} // namespace

void add_notify(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<NotifyOptions>();
    CLI::App* sub = app.add_subcommand(
        "notify", tr(lang,
                     "Courriers d'information post-comité : la décision et le calendrier de l'étape suivante, un "
                     "par décision de la séance (Markdown et HTML)",
                     "Post-committee letters: the decision and the calendar of the next step, one per decision of "
                     "the session (Markdown and HTML)"));
    sub->add_option(tr(lang, "SEANCE", "SESSION"), opt->seance,
                    tr(lang, "Date de la séance tenue (fichier comite/seances/SEANCE.yaml)",
                       "Date of the session held (file comite/seances/SESSION.yaml)"))
        ->required()
        ->type_name(tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD"));
    add_output_option(*sub, opt->output_dir, lang)
        ->description(tr(lang, "Dossier des courriers (défaut : courriers/ à la racine du dépôt)",
                         "Folder of the letters (default: courriers/ at the root of the repository)"))
        ->type_name(tr(lang, "DOSSIER", "FOLDER"));
    add_as_of_option(*sub, opt->as_of, lang)
        ->description(tr(lang, "Date écrite sur les courriers, AAAA-MM-JJ (défaut : aujourd'hui)",
                         "Date written on the letters, YYYY-MM-DD (default: today)"));
    add_force_flag(*sub, opt->force, lang)
        ->description(tr(lang, "Remplacer les courriers qui existent déjà", "Replace the letters that already exist"));
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(
        lang,
        "Fichiers DOSSIER/SEANCE-SLUG.md et .html. Sans --force, rien n'est écrit si l'un d'eux existe. "
        "Modèles : modeles/lettre.md.mustache, modeles/lettre.html.mustache ; variables : docs/comite.md. "
        "Codes de sortie : 0 ; 2 erreur d'utilisation (séance inconnue ou sans décisions, courrier "
        "existant sans --force).",
        "The letters themselves are written in French: they go to French organismes after a French "
        "committee. Files FOLDER/SESSION-SLUG.md and .html. Without --force, nothing is written if one of "
        "them exists. Templates: modeles/lettre.md.mustache, modeles/lettre.html.mustache; variables: "
        "docs/comite.md. Exit codes: 0; 2 usage error (unknown session or one without decisions, existing "
        "letter without --force)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_notify(*opt, ctx); }; });
}

} // namespace quali::commands
