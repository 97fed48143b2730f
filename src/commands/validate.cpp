// SPDX-License-Identifier: EUPL-1.2
// quali validate: every file against its schema and value checks, reported like a compiler.
#include "commands/git.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/code_reference.hpp"
#include "quali/io/digest.hpp"
#include "quali/render/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <set>

namespace quali::commands {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    std::string format = "text";
    std::optional<std::string> as_of;
    bool strict = false;
    bool staged = false;             // the copies in git's index, not the working files
    bool changed = false;            // report on what changed since changed_rev only
    std::string changed_rev;         // "" means HEAD
    std::vector<std::string> ignore; // warning codes to silence (--ignore Q016,Q361)
};

// A request to silence a code: from the command line (file "--ignore", no position) or from a
// repository's quali.yaml (diagnostics.ignorer).
struct IgnoreRequest {
    std::string code;
    std::string file;
    core::Position pos;
};

std::vector<IgnoreRequest> ignore_requests(const ValidateOptions& opt, const Workspace& ws)
{
    std::vector<IgnoreRequest> out;
    for (const std::string& code : opt.ignore)
        if (!code.empty()) out.push_back({code, "--ignore", {}});
    for (std::size_t i = 0; i < ws.models.size() && i < ws.roots.size(); ++i) {
        const core::Model& m = ws.models[i];
        if (m.rules_file.empty()) continue;
        const std::string file = display_path(ws.roots[i].root.dir / m.rules_file);
        for (const core::Text& t : m.ignorer)
            out.push_back({t.value, file, t.pos});
    }
    for (IgnoreRequest& r : out)
        std::transform(r.code.begin(), r.code.end(), r.code.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

// Silences the warnings asked for; an error code, or a code quali does not know, is not
// silenced and is reported (Q019). Q019 itself is never silenced: it says what was asked.
// Returns the number of warnings left out.
int silence_warnings(std::vector<core::Diagnostic>& diagnostics, const std::vector<IgnoreRequest>& requests,
                     core::Lang lang)
{
    std::set<std::string> silenced;
    std::vector<core::Diagnostic> notices;
    for (const IgnoreRequest& r : requests) {
        const core::CodeInfo info = core::code_info(r.code);
        if (info.known && info.warning && r.code != "Q019") {
            silenced.insert(r.code);
            continue;
        }
        core::Diagnostic d;
        d.severity = core::Severity::warning;
        d.code = "Q019";
        d.file = r.file;
        d.pos = r.pos;
        if (!info.known) {
            d.message = core::say(lang, "code « {} » inconnu : rien n'est masqué pour lui",
                                  "unknown code \"{}\": nothing is silenced for it", r.code);
            d.hint = core::say(lang, "la liste des codes : docs/codes.md (quali explain CODE)",
                               "the list of codes: docs/codes.md (quali explain CODE)");
        } else if (r.code == "Q019") {
            d.message = core::say(lang, "Q019 ne peut pas être masqué : il dit ce qui est demandé à masquer",
                                  "Q019 cannot be silenced: it tells what was asked to be silenced");
        } else {
            d.message = core::say(lang,
                                  "{} est un code d'erreur : il n'est pas masqué, seuls les avertissements "
                                  "peuvent l'être",
                                  "{} is an error: it is not silenced, only warnings can be", r.code);
            d.hint = core::say(lang, "corrigez la cause de l'erreur, ou retirez {} de la liste",
                               "fix what causes the error, or take {} off the list", r.code);
        }
        notices.push_back(std::move(d));
    }
    const auto before = diagnostics.size();
    std::erase_if(diagnostics, [&](const core::Diagnostic& d) {
        return d.severity == core::Severity::warning && silenced.contains(d.code);
    });
    const int count = static_cast<int>(before - diagnostics.size());
    diagnostics.insert(diagnostics.end(), notices.begin(), notices.end());
    core::sort_diagnostics(diagnostics);
    return count;
}

io::Root root_for(const std::vector<std::string>& paths, const Context& ctx)
{
    const std::string start = paths.empty() ? std::string(".") : paths.front();
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(start, ec)))
        throw EnvironmentError(core::say(ctx.lang, "chemin introuvable : {}", "no such path: {}", start));
    const auto root = io::find_root(start);
    if (!root)
        throw EnvironmentError(core::say(ctx.lang, "{} n'est pas dans un dépôt quali", "{} is not inside a quali repository",
                                         start == "." ? core::say(ctx.lang, "le dossier courant", "the current folder") : start));
    return *root;
}

// --changed: the organisme folders touched since the revision, and the other files changed;
// the whole repository is still loaded, since the rules cross files.
std::vector<std::string> changed_selection(const io::Root& root, const std::string& rev, const Context& ctx)
{
    std::set<std::string> selected;
    for (const git::Change& c : git::changes_since(root.dir, rev, ctx)) {
        std::string path = c.path;
        if (root.kind == io::RootKind::organisme) path = ".";
        else if (path.starts_with("organismes/") && path.find('/', 11) != std::string::npos)
            path = path.substr(0, path.find('/', 11));
        std::error_code ec;
        const std::filesystem::path full = root.dir / path;
        if (std::filesystem::exists(full, ec)) selected.insert(full.lexically_normal().string());
    }
    return {selected.begin(), selected.end()};
}

// The forges' reports: SHA-256 fingerprints, and the repository's quali.yaml (a lone organisme
// folder's organisme.yaml) to show the diagnostics that have no file.
render::ForgeReport forge_report(const Workspace& ws, const render::SourceLines& lines, core::Lang lang)
{
    render::ForgeReport report{.lang = lang, .version = QUALI_VERSION};
    report.fingerprints =
        render::diagnostic_fingerprints(ws.diagnostics, lines, [](std::string_view b) { return io::sha256_hex(b); });
    if (!ws.roots.empty()) {
        const io::Root& root = ws.roots.front().root;
        report.anchor = display_path(root.dir / (root.kind == io::RootKind::organisme ? "organisme.yaml" : "quali.yaml"));
    }
    return report;
}

int run_validate(const ValidateOptions& opt, const Context& ctx)
{
    const core::Date as_of = resolve_as_of(opt.as_of, ctx);
    std::vector<std::string> paths = opt.paths;
    std::optional<io::Snapshot> snapshot;
    if (opt.staged) {
        // One index for one repository: every path must be in the same one.
        const io::Root root = root_for(paths, ctx);
        for (const std::string& p : paths)
            if (root_for({p}, ctx).dir != root.dir)
                throw EnvironmentError(core::say(ctx.lang, "--staged : les chemins doivent être dans un même dépôt",
                                                 "--staged: the paths must be in one repository"));
        snapshot = git::staged(root.dir, ctx);
    }
    std::string changed_note;
    if (opt.changed) {
        const std::string rev = opt.changed_rev.empty() ? std::string("HEAD") : opt.changed_rev;
        const io::Root root = root_for(paths, ctx);
        paths = changed_selection(root, rev, ctx);
        changed_note = core::say(ctx.lang, "Changements depuis {} : {} (le dépôt entier est chargé).\n",
                                 "Changes since {}: {} (the whole repository is loaded).\n", rev,
                                 core::count_of(ctx.lang, paths.size(), "dossier ou fichier vérifié",
                                                "dossiers ou fichiers vérifiés", "folder or file checked",
                                                "folders or files checked"));
        if (paths.empty()) {
            if (opt.format == "json") ctx.out << render::diagnostics_json({}, 0);
            else if (opt.format == "gitlab") ctx.out << render::diagnostics_gitlab({}, {});
            else if (opt.format == "sarif") ctx.out << render::diagnostics_sarif({}, {.lang = ctx.lang, .version = QUALI_VERSION});
            else if (opt.format == "text" && !ctx.quiet)
                ctx.out << core::say(ctx.lang, "Aucun changement depuis {}.\n", "No change since {}.\n", rev);
            return 0;
        }
    }
    Workspace ws = load_workspace(paths, ctx, {.as_of = as_of, .snapshot = snapshot ? &*snapshot : nullptr, .lean_model = true});
    const int silenced = silence_warnings(ws.diagnostics, ignore_requests(opt, ws), ctx.lang);
    const core::DiagnosticCounts counts = core::count(ws.diagnostics);
    const render::SourceLines lines = [&](const std::string& f, int l) { return ws.source_line(f, l); };

    if (opt.format == "json") {
        ctx.out << render::diagnostics_json(ws.diagnostics, ws.files_checked, silenced);
    } else if (opt.format == "github") {
        ctx.out << render::diagnostics_github(ws.diagnostics);
    } else if (opt.format == "gitlab" || opt.format == "sarif") {
        const render::ForgeReport report = forge_report(ws, lines, ctx.lang);
        ctx.out << (opt.format == "gitlab" ? render::diagnostics_gitlab(ws.diagnostics, report)
                                           : render::diagnostics_sarif(ws.diagnostics, report));
    } else {
        render::TextStyle style;
        style.lang = ctx.lang;
        style.color = ctx.color;
        style.show_source = ctx.out_is_terminal;
        style.quiet = ctx.quiet;
        ctx.out << render::diagnostics_text(ws.diagnostics, style, lines);
        if (!ctx.quiet || counts.errors + counts.warnings > 0)
            ctx.out << render::summary_text(ws.diagnostics, ws.files_checked, style, silenced);
        if (!ctx.quiet && opt.staged)
            ctx.out << core::say(ctx.lang, "Vérifié : les copies indexées (git add), pas les fichiers de travail.\n",
                                 "Checked: the staged copies (git add), not the working files.\n");
        if (!ctx.quiet) ctx.out << changed_note;
        if (!ws.skipped_rules.empty() && !ctx.quiet) {
            std::string codes;
            for (const std::string& c : ws.skipped_rules) codes += (codes.empty() ? "" : ", ") + c;
            ctx.out << core::say(ctx.lang,
                                 "Hors dépôt (dossier d'organisme seul) : règles non vérifiées, faute d'auditeurs, "
                                 "de séances et de comité : {}.\n",
                                 "Outside a repository (lone organisation folder): rules not checked, for lack of "
                                 "auditors, sessions and committee: {}.\n",
                                 codes);
        }
    }
    if (counts.errors > 0 || (opt.strict && counts.warnings > 0)) return 1;
    return 0;
}

} // namespace

void add_validate(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<ValidateOptions>();
    CLI::App* sub = app.add_subcommand("validate", tr(lang, "Vérifier les fichiers du dépôt (schémas et règles du label)",
                                                      "Check the files of the repository (schemas and rules of the label)"));
    sub->add_option(tr(lang, "CHEMIN", "PATH"), opt->paths,
                    tr(lang,
                       "Racine du dépôt, dossier d'un organisme, ou fichiers (défaut : le dépôt qui contient le "
                       "dossier courant)",
                       "Root of the repository, folder of an organisation, or files (default: the repository that "
                       "holds the current folder)"));
    add_format_option(*sub, opt->format, {"text", "json", "github", "gitlab", "sarif"},
                      tr(lang,
                         "Format de sortie : text (défaut), json, github (annotations d'un workflow), gitlab "
                         "(rapport Code Quality) ou sarif (SARIF 2.1.0, analyse de code de GitHub)",
                         "Output format: text (default), json, github (workflow annotations), gitlab (Code "
                         "Quality report) or sarif (SARIF 2.1.0, GitHub code scanning)"));
    add_as_of_option(*sub, opt->as_of, lang);
    sub->add_flag("--strict", opt->strict,
                  tr(lang, "Échouer aussi sur les avertissements", "Fail on warnings too"));
    sub->add_option("--ignore", opt->ignore,
                    tr(lang,
                       "Masquer les avertissements de ces codes (ex. --ignore Q016,Q361 ; répétable) ; les erreurs "
                       "ne sont jamais masquées. Voir aussi « diagnostics: { ignorer: [...] } » dans quali.yaml",
                       "Hide the warnings of these codes (e.g. --ignore Q016,Q361; repeatable); errors are never "
                       "hidden. See also \"diagnostics: { ignorer: [...] }\" in quali.yaml"))
        ->delimiter(',')
        ->type_name("CODE[,CODE]");
    CLI::Option* staged =
        sub->add_flag("--staged", opt->staged,
                      tr(lang,
                         "Vérifier ce qui va être commité : les copies de l'index git (git add), pas les fichiers "
                         "de travail (le crochet pre-commit l'utilise)",
                         "Check what is about to be committed: the copies in git's index (git add), not the "
                         "working files (the pre-commit hook uses it)"));
    CLI::Option* changed =
        sub->add_option("--changed", opt->changed_rev,
                        tr(lang,
                           "Ne rapporter que les organismes et fichiers changés depuis REV (défaut : HEAD), "
                           "modifications non commitées et nouveaux fichiers compris ; le dépôt entier reste "
                           "chargé. Écrire --changed=REV",
                           "Report only the organisations and files changed since REV (default: HEAD), uncommitted "
                           "changes and new files included; the whole repository is still loaded. Write "
                           "--changed=REV"))
            ->expected(0, 1)
            ->type_name("REV");
    staged->excludes(changed);
    sub->footer(tr(lang,
                   "Codes de sortie : 0 aucune erreur ; 1 au moins une erreur (ou un avertissement avec "
                   "--strict) ; 2 erreur d'utilisation ou d'environnement.\n",
                   "Exit codes: 0 no error; 1 at least one error (or a warning with --strict); 2 usage or "
                   "environment error.\n"));
    sub->callback([opt, changed, &runner] {
        opt->changed = changed->count() > 0;
        runner = [opt](const Context& ctx) { return run_validate(*opt, ctx); };
    });
}

} // namespace quali::commands
