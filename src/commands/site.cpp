// SPDX-License-Identifier: EUPL-1.2
// quali site -o DIR: the repository as a folder of static pages (dashboard, organismes,
// sessions, auditors, bilans, observatory) with organismes.json and .csv, built beside DIR and
// moved into place; --public writes only what may be published (docs/site.md).
#include "commands/site.hpp"

#include "commands/document.hpp"
#include "commands/registry.hpp"
#include "quali/core/bilan.hpp"
#include "quali/core/embedded.hpp"

#include <fmt/format.h>

#include <malloc.h>
#include <memory>
#include <ostream>
#include <set>
#include <stdexcept>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

void SiteRun::write(const std::string& relative, std::string_view bytes) const
{
    written(relative, folder.write(relative, bytes));
}

void SiteRun::write(const std::string& relative, std::span<const std::string_view> parts) const
{
    written(relative, folder.write(relative, parts));
}

void SiteRun::write(const std::string& relative, const std::function<void(const io::StagedFolder::Writer&)>& produce) const
{
    written(relative, folder.write(relative, produce));
}

void SiteRun::written(const std::string& relative, std::error_code ec) const
{
    if (ec)
        throw EnvironmentError(say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}",
                                   display_path(folder.staging() / relative),
                                   system_error_text(ec, ctx.lang)));
}

render::PageFrame SiteRun::frame(const std::string& relative, const std::string& titre) const
{
    const auto depth = std::count(relative.begin(), relative.end(), '/');
    std::string racine;
    for (long i = 0; i < depth; ++i)
        racine += "../";
    render::PageFrame frame;
    render("site-page", [&](std::string_view text) {
        frame = render::site_frame(text, titre, racine, nav);
        return std::string();
    });
    return frame;
}

void SiteRun::page(const std::string& relative, const std::string& titre, std::string_view body) const
{
    // The body, megabytes for a bilan, is written where it is, never copied into the page.
    write(relative, render::page_parts(frame(relative, titre), body));
}

void SiteRun::page(const std::string& relative, const std::string& titre, std::string_view document,
                   const nlohmann::ordered_json& tree, const render::LazyRows* lazy) const
{
    page(relative, titre, document, [&](std::string_view text, const render::TextSink& out) {
        render::render_document(text, tree, render::DocumentFormat::html, lazy, out);
    });
}

void SiteRun::page(const std::string& relative, const std::string& titre, std::string_view document,
                   const std::function<void(std::string_view, const render::TextSink&)>& render_html) const
{
    const render::PageFrame parts = frame(relative, titre);
    bool whole = true;
    write(relative, [&](const io::StagedFolder::Writer& out) {
        out(parts.head);
        // As page_parts: the body where the frame's mark is (none: left out), then page_end.
        const render::TextSink shown = parts.has_mark ? out : render::TextSink([](std::string_view) {});
        std::optional<render::BodyFilter> body;
        render(document, [&](std::string_view text) {
            body.emplace(shown, text);
            render_html(text, [&body](std::string_view piece) { (*body)(piece); });
            return std::string();
        });
        whole = body->finish();
        if (!whole) return;
        out(parts.tail);
        out(render::page_end(parts, parts.has_mark ? body->last() : std::nullopt));
    });
    if (whole) return;
    // A document without <body…> and a </body> after it goes whole into the page (document_body).
    std::string html;
    render(document, [&](std::string_view text) {
        render_html(text, [&html](std::string_view piece) { html += piece; });
        return std::string();
    });
    page(relative, titre, render::document_body(std::move(html)));
}

std::string SiteRun::render(std::string_view document, const std::function<std::string(std::string_view)>& with) const
{
    const auto t = templates.find(document);
    if (t == templates.end()) throw std::logic_error("quali site: template not found first: " + std::string(document));
    return render_template(t->second, with, ctx);
}

std::string SiteRun::body(std::string_view document, nlohmann::ordered_json tree,
                          const render::LazyRows* lazy) const
{
    return render::document_body(render(document, [&](std::string_view text) {
        return render::render_document(text, tree, render::DocumentFormat::html, lazy);
    }));
}

namespace {

struct SiteOptions {
    std::string output;
    std::optional<std::string> as_of;
    bool force = false;
    bool is_public = false;
    bool copy_proofs = false;
    std::string depot;
};

// Who reads a page: the committee's site, the public one, or both.
enum class Audience : std::uint8_t { interne, grand_public, toutes };

// The site's pages: adding one is one row (its nav entry, or none, and its writer).
struct SitePage {
    std::string_view nav_file, nav_text;
    Audience audience;
    void (*write)(const SiteRun&);
};
constexpr SitePage site_pages[] = {
    {"index.html", "Accueil", Audience::interne, write_index},
    {"index.html", "Accueil", Audience::grand_public, write_public_index},
    {"auditeurs.html", "Auditeurs", Audience::interne, write_auditors},
    {"observatoire.html", "Observatoire", Audience::toutes, write_observatory},
    {"", "", Audience::interne, write_session_pages},
    {"", "", Audience::interne, write_bilan_pages},
    {"", "", Audience::toutes, write_tables},
};

bool for_audience(const SitePage& p, bool is_public)
{
    return p.audience == Audience::toutes || (p.audience == Audience::grand_public) == is_public;
}

// The years with data: from the first engagement or session up to the reference date's year.
std::vector<int> years_with_data(const core::Model& model, core::Date as_of)
{
    const auto year_of = [](core::Date d) { return static_cast<int>(date::year_month_day{d}.year()); };
    std::set<int> years;
    for (const core::Organisme& o : model.organismes)
        if (o.engagement.value && *o.engagement.value <= as_of) years.insert(year_of(*o.engagement.value));
    for (const core::Session& s : model.sessions)
        if (s.date && *s.date <= as_of) years.insert(year_of(*s.date));
    if (years.empty()) return {};
    std::vector<int> out;
    for (int y = *years.begin(); y <= year_of(as_of); ++y)
        out.push_back(y);
    return out;
}

// Refuses, before any work, a DIR that quali site may not replace.
void check_target(const fs::path& target, const std::string& shown, bool force, core::Lang lang)
{
    switch (io::target_state(target)) {
    case io::TargetState::foreign:
        if (force)
            throw EnvironmentError(
                say(lang,
                    "{} n'a pas été écrit par quali site (pas de fichier {}) : --force ne le "
                    "remplace pas ; choisissez un dossier absent ou vide",
                    "{} was not written by quali site (no {} file): --force does not replace "
                    "it; choose a folder that is absent or empty",
                    shown, io::site_stamp));
        throw EnvironmentError(
            say(lang, "{} existe et n'est pas un dossier vide : choisissez un dossier absent ou vide",
                "{} exists and is not an empty folder: choose a folder that is absent or empty", shown));
    case io::TargetState::stamped_folder:
        if (!force)
            throw EnvironmentError(say(lang, "{} contient déjà un site : ajoutez --force pour le remplacer",
                                       "{} already holds a site: add --force to replace it", shown));
        break;
    default:
        break;
    }
}

bool inside(const fs::path& path, const fs::path& folder)
{
    const fs::path rel = path.lexically_relative(folder);
    return !rel.empty() && *rel.begin() != "..";
}

std::unique_ptr<io::StagedFolder> staged_folder(const fs::path& target, const std::string& shown, core::Lang lang)
{
    try {
        return std::make_unique<io::StagedFolder>(target);
    } catch (const std::system_error& e) {
        throw EnvironmentError(say(lang, "impossible de créer le dossier temporaire à côté de {} : {}",
                                   "cannot create the temporary folder beside {}: {}", shown,
                                   system_error_text(e.code(), lang)));
    }
}

// Loads the repository while each organisme's page is written and what the repository's pages
// need of it gathered (site_stream.cpp); the model then holds each organisme's digest.
Workspace load_streaming(SiteRun& run, const std::string& depot, const Context& ctx)
{
    LoadOptions options{.as_of = run.as_of};
    options.each_organisme = [&run](const core::Model& repository, const core::Organisme& o,
                                    const std::vector<core::Diagnostic>& diagnostics,
                                    const std::vector<std::string>& unreadable) {
        return take_organisme(run, repository, o, diagnostics, unreadable);
    };
    Workspace ws = load_workspace({depot}, ctx, options);
    if (ws.models.front().standalone)
        throw EnvironmentError(
            say(ctx.lang, "quali site a besoin d'un dépôt (quali.yaml), pas d'un dossier d'organisme seul",
                "quali site needs a repository (quali.yaml), not a lone organisation folder"));
    return ws;
}

int run_site(const SiteOptions& opt, const Context& ctx)
{
    // Blocks of 128 KiB and more (a long page's rows, a bilan's lists) taken from the system and
    // given back when freed. glibc's threshold otherwise rises to the largest block freed, and
    // such blocks then come from the heap, where the small values kept between them hold their
    // pages: at N = 6,000, 64 MB at most instead of 70 (docs/performance.md).
    static_cast<void>(::mallopt(M_MMAP_THRESHOLD, 128 * 1024));
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    // The folder's own name is kept as given (a link there is not followed), its parent resolved.
    fs::path target = fs::absolute(opt.output).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();
    target = fs::weakly_canonical(target.parent_path()) / target.filename();
    check_target(target, opt.output, opt.force, ctx.lang);
    const std::string depot = opt.depot.empty() ? std::string(".") : opt.depot;
    // The repository, found as load_workspace finds it (which words what is wrong, if anything).
    const std::optional<io::Root> found = io::find_root(depot);
    const io::Root root = found.value_or(io::Root{});
    std::error_code ec;
    const fs::path repo_root = found ? fs::canonical(root.dir, ec) : fs::path();

    std::unique_ptr<io::StagedFolder> folder = staged_folder(target, opt.output, ctx.lang);
    SiteRun run{.ctx = ctx,
                .as_of = as_of,
                .is_public = opt.is_public,
                .copy_proofs = opt.copy_proofs && !opt.is_public,
                .link_proofs = found && inside(target, repo_root.parent_path()),
                .target = target,
                .repo_root = repo_root,
                .root = root,
                .folder = *folder,
                .templates = {},
                .nav = {},
                .gathered = Gathered(as_of)};
    // A repository's template that cannot be used stops the site before the repository is read.
    for (const std::string_view d : site_documents) {
        const auto t =
            run.templates.emplace(d, find_template(found ? &root : nullptr, d, render::DocumentFormat::html, ctx));
        render_template(t.first->second, [](std::string_view text) {
            if (std::string why = render::check_template(text); !why.empty()) throw render::TemplateError(why);
            return std::string();
        }, ctx);
    }
    for (const SitePage& p : site_pages)
        if (for_audience(p, opt.is_public) && !p.nav_file.empty())
            run.nav.push_back({std::string(p.nav_file), std::string(p.nav_text)});

    const Workspace ws = load_streaming(run, depot, ctx);
    warn_if_repository_has_errors(ws, ctx, "le site peut être incomplet", "the site may be incomplete");
    run.repository.emplace(repository_view(ws));
    run.validation = validation_counts(*run.repository);
    run.gathered.deadlines.order(core::deadlines(ws.models.front(), as_of, 90, core::Lang::fr, {}), as_of);
    run.years = years_with_data(ws.models.front(), as_of);
    write_changed_organisme_pages(run);
    run.write("site.css", core::embedded_file("site.css").value_or(""));
    for (const SitePage& p : site_pages)
        if (for_audience(p, opt.is_public)) p.write(run);

    const std::string stamp =
        fmt::format("Site écrit par quali site{} ; quali site --force peut remplacer ce dossier.\n",
                    opt.is_public ? " --public" : "");
    if (const std::error_code commit = folder->commit(stamp, opt.force)) {
        if (commit == std::errc::file_exists) check_target(target, opt.output, opt.force, ctx.lang);
        throw EnvironmentError(say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", opt.output,
                                   system_error_text(commit, ctx.lang)));
    }
    if (!ctx.quiet)
        ctx.err << say(
            ctx.lang, "site {}écrit dans {} (situation au {})\n", "{}site written to {} (as of {})\n",
            opt.is_public ? say(ctx.lang, "public ", "public ") : "", opt.output, core::iso(as_of));
    return 0;
}

} // namespace

void add_site(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<SiteOptions>();
    CLI::App* sub = app.add_subcommand(
        "site",
        tr(lang,
           "Le dépôt en pages HTML statiques : tableau de bord, organismes, séances, auditeurs, bilans, "
           "observatoire, et la liste des organismes en JSON et CSV",
           "The repository as static HTML pages: dashboard, organisations, sessions, auditors, reports, "
           "observatory, and the list of organisations as JSON and CSV"));
    sub->add_option("-o,--output", opt->output,
                    tr(lang, "Dossier du site (absent, vide, ou un site écrit par quali site avec --force)",
                       "Folder of the site (absent, empty, or a site written by quali site, with --force)"))
        ->required()
        ->type_name(tr(lang, "DOSSIER", "FOLDER"));
    add_as_of_option(*sub, opt->as_of, lang);
    add_force_flag(*sub, opt->force, lang)
        ->description(tr(lang, "Remplacer DOSSIER s'il contient un site écrit par quali site",
                         "Replace FOLDER if it holds a site written by quali site"));
    sub->add_flag(
        "--public", opt->is_public,
        tr(lang,
           "Site public : organismes labellisés, observatoire et chiffres annuels, sans aucune donnée "
           "personnelle",
           "Public site: labelled organisations, observatory and yearly figures, without any personal "
           "data"));
    sub->add_flag(
        "--copier-preuves", opt->copy_proofs,
        tr(lang, "Copier les preuves citées dans le site (preuves/SLUG/…), jamais un fichier hors du dépôt",
           "Copy the cited proofs into the site (preuves/SLUG/…), never a file outside the repository"));
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(
        lang,
        "Pages, options et promesse de --public : docs/site.md. Le site est écrit à côté de DOSSIER puis "
        "mis en place d'un coup ; le dépôt n'est jamais modifié. Codes de sortie : 0 ; 2 erreur "
        "d'utilisation (dossier non vide ou étranger, dépôt introuvable).",
        "The pages themselves are written in French: they go to a French committee. Pages, options and the "
        "promise of --public: docs/site.md. The site is built beside FOLDER then moved into place at "
        "once; the repository is never changed. Exit codes: 0; 2 usage error (folder not empty or not "
        "a site, repository not found)."));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_site(*opt, ctx); }; });
}

} // namespace quali::commands
