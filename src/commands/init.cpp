// SPDX-License-Identifier: EUPL-1.2
// quali init: a new repository, ready for the référent — rules with their defaults in comments,
// the example framework, the committee to fill in, an example auditor, a short README, git
// with a pre-commit hook that refuses a commit holding an error.
#include "commands/git.hpp"
#include "commands/modeles.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/calendar_date.hpp"
#include "quali/core/embedded.hpp"
#include "quali/io/process.hpp"
#include "quali/io/repository.hpp"

#include <cstdlib>
#include <ostream>

namespace quali::commands {

namespace {

namespace fs = std::filesystem;
using core::say;

struct InitOptions {
    std::string folder;
    bool no_git = false;
    bool hook_only = false;
};

// This very program, and the name to call it by in the hook: "quali" when the one found in
// PATH is this one (an installed package, which may move on upgrade), else its absolute path.
std::string quali_for_hook()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return "quali";
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const fs::path candidate = fs::path(std::string(dirs.substr(0, colon))) / "quali";
        if (fs::exists(candidate, ec)) {
            if (fs::equivalent(candidate, self, ec)) return "quali";
            break;
        }
        if (colon == std::string_view::npos) break;
        dirs.remove_prefix(colon + 1);
    }
    return self.string();
}

std::string shell_quoted(const std::string& s)
{
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Installs the pre-commit hook of a git repository; returns its path, or explains on err why not.
std::optional<fs::path> install_hook(const fs::path& dir, const Context& ctx)
{
    const std::string hooks_path = [&] {
        const auto r = io::run_process({"git", "-C", dir.string(), "config", "core.hooksPath"});
        std::string v = r && r->exit_code == 0 ? r->out : std::string();
        while (!v.empty() && v.back() == '\n') v.pop_back();
        return v;
    }();
    if (!hooks_path.empty()) {
        ctx.err << say(ctx.lang,
                       "quali: attention : git a un dossier de crochets commun (core.hooksPath = {}) : le crochet "
                       "pre-commit n'est pas installé ; ajoutez-y « quali validate --staged » vous-même\n",
                       "quali: warning: git has a shared hooks folder (core.hooksPath = {}): the pre-commit hook "
                       "is not installed; add \"quali validate --staged\" there yourself\n",
                       hooks_path);
        return std::nullopt;
    }
    std::string rel = git::run(dir, {"rev-parse", "--git-path", "hooks/pre-commit"}, ctx);
    while (!rel.empty() && rel.back() == '\n') rel.pop_back();
    const fs::path hook = fs::path(rel).is_absolute() ? fs::path(rel) : dir / rel;
    const std::string quali = quali_for_hook();
    create_file(hook, fill_modele("modele-pre-commit.sh", {{"quali", shell_quoted(quali)}, {"quali_affiche", quali}}), ctx);
    std::error_code ec;
    fs::permissions(hook, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
    if (ec)
        throw EnvironmentError(say(ctx.lang, "impossible de rendre {} exécutable : {}", "cannot make {} executable: {}",
                                   hook.string(), system_error_text(ec, ctx.lang)));
    return hook;
}

int run_hook_only(const InitOptions& opt, const Context& ctx)
{
    const fs::path dir = opt.folder.empty() ? fs::path(".") : fs::path(opt.folder);
    if (!git::available())
        throw EnvironmentError(say(ctx.lang, "git est introuvable : installez le paquet git", "git is not found: install the git package"));
    const auto top = git::toplevel(dir);
    if (!top)
        throw EnvironmentError(say(ctx.lang, "{} n'est pas dans un dépôt git", "{} is not inside a git repository", dir.string()));
    const auto hook = install_hook(*top, ctx);
    if (!hook) return 1;
    if (!ctx.quiet)
        ctx.out << say(ctx.lang, "Crochet pre-commit installé : {}\nChaque commit est vérifié par quali validate --staged.\n",
                       "Pre-commit hook installed: {}\nEvery commit is checked by quali validate --staged.\n",
                       hook->string());
    return 0;
}

// A repository inside another would be walked by neither (its files sit at places the outer one
// does not know, Q011) and split the label's records in two: refuse a folder inside one.
void refuse_inside_repository(const fs::path& dir, const std::string& shown, const Context& ctx)
{
    std::error_code ec;
    fs::path existing = fs::absolute(dir, ec).parent_path();
    while (!existing.empty() && !fs::is_directory(existing, ec) && existing != existing.root_path())
        existing = existing.parent_path();
    const auto root = io::find_root(existing);
    if (!root) return;
    if (root->kind == io::RootKind::repository)
        throw EnvironmentError(say(ctx.lang,
                                   "{} est à l'intérieur du dépôt quali {} : un dépôt ne se crée pas dans un autre ; "
                                   "ajoutez plutôt un organisme avec quali new organisme SLUG -C {}",
                                   "{} is inside the quali repository {}: a repository is not created inside another; "
                                   "add an organisation instead with quali new organisme SLUG -C {}",
                                   shown, display_path(root->dir), display_path(root->dir)));
    throw EnvironmentError(say(ctx.lang,
                               "{} est à l'intérieur du dossier d'organisme {} : créez le dépôt ailleurs",
                               "{} is inside the organisation folder {}: create the repository elsewhere", shown,
                               display_path(root->dir)));
}

int run_init(const InitOptions& opt, const Context& ctx)
{
    if (opt.hook_only) return run_hook_only(opt, ctx);
    const fs::path dir = fs::path(opt.folder).lexically_normal();
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dir, ec))) {
        if (!fs::is_directory(dir, ec))
            throw EnvironmentError(say(ctx.lang, "{} existe et n'est pas un dossier", "{} exists and is not a folder", opt.folder));
        if (!fs::is_empty(dir, ec))
            throw EnvironmentError(say(ctx.lang,
                                       "{} n'est pas vide : quali init ne crée un dépôt que dans un dossier vide ou nouveau",
                                       "{} is not empty: quali init creates a repository only in an empty or new folder",
                                       opt.folder));
    }
    refuse_inside_repository(dir, opt.folder, ctx);
    fs::create_directories(dir, ec);
    if (ec)
        throw EnvironmentError(say(ctx.lang, "impossible de créer {} : {}", "cannot create {}: {}", opt.folder, system_error_text(ec, ctx.lang)));

    const std::string today = core::iso(ctx.today);
    const bool with_git = !opt.no_git && git::available();
    const auto enclosing = with_git ? git::toplevel(dir) : std::nullopt;

    std::string git_text;
    if (with_git && !enclosing)
        git_text = "Ce dossier est un dépôt git. Le crochet `pre-commit` installé par `quali init`\n"
                   "(`.git/hooks/pre-commit`) lance `quali validate --staged` à chaque commit : il vérifie les\n"
                   "fichiers tels qu'ils seront commités et refuse le commit s'il y a une erreur (les\n"
                   "avertissements ne bloquent pas). Les crochets ne voyagent pas avec `git clone` : sur un\n"
                   "autre poste, installez-le avec `quali init --hook`.\n";
    else
        git_text = "Versionnez ce dossier avec git, puis installez le crochet qui vérifie chaque commit :\n"
                   "`quali init --hook` (il lance `quali validate --staged` et refuse un commit qui contient\n"
                   "une erreur).\n";

    const auto framework = core::embedded_file("cadre-evaluation-exemple.yaml");
    const auto attributes = core::embedded_file("modele-gitattributes");
    if (!framework || !attributes) throw std::logic_error("modèles intégrés manquants");
    const core::Date fin = core::add_days(core::add_months(ctx.today, 36), -1);
    const std::vector<std::pair<std::string, std::string>> files{
        {"quali.yaml", fill_modele("modele-quali.yaml", {{"aujourdhui", today}})},
        {"referentiel/cadre-evaluation.yaml", std::string(*framework)},
        {"comite/membres.yaml", fill_modele("modele-membres.yaml", {})},
        {"comite/seances/.gitkeep", ""},
        {"auditeurs/prenom-nom.yaml.exemple",
         fill_modele("modele-auditeur.yaml",
                     {{"entete", "# EXEMPLE COMMENTÉ, non lu par quali (extension .exemple). Pour déclarer un auditeur :\n"
                                 "#   quali new auditeur prenom-nom --nom \"Prénom Nom\" --cabinet \"Cabinet\"\n"
                                 "# ou copiez ce fichier en auditeurs/<id>.yaml et remplacez les valeurs."},
                      {"nom", "Prénom Nom"},
                      {"cabinet", "Cabinet Exemple Conseil"},
                      {"courriel", "courriel: prenom.nom@cabinet-exemple.fr  # adresse électronique (facultatif)"},
                      {"debut", today},
                      {"fin", core::iso(fin)},
                      {"seance", "    seance: " + today + "               # séance du comité qui a prononcé l'agrément (facultatif)"},
                      {"cle_publique", "# cle_publique: \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… prenom.nom@cabinet-exemple.fr\""}})},
        {"organismes/.gitkeep", ""},
        {".gitattributes", std::string(*attributes)},
        {"README.md", fill_modele("modele-lisezmoi.md", {{"aujourdhui", today}, {"git", git_text}})},
    };
    for (const auto& [path, bytes] : files) create_file(dir / path, bytes, ctx);

    std::optional<fs::path> hook;
    if (with_git && !enclosing) {
        git::run(dir, {"init", "-q"}, ctx);
        hook = install_hook(dir, ctx);
    }

    if (ctx.quiet) return 0;
    ctx.out << say(ctx.lang, "Dépôt Quali'Hlm créé dans {} :\n", "Quali'Hlm repository created in {}:\n", dir.string());
    for (const auto& [path, bytes] : files)
        if (!path.ends_with(".gitkeep")) ctx.out << "  " << path << "\n";
    if (hook)
        ctx.out << say(ctx.lang,
                       "Dépôt git initialisé ; crochet pre-commit installé ({}) : un commit qui contient une erreur "
                       "est refusé.\n",
                       "git repository initialised; pre-commit hook installed ({}): a commit holding an error is "
                       "refused.\n",
                       fs::relative(*hook, dir, ec).string());
    else if (enclosing)
        ctx.out << say(ctx.lang,
                       "Déjà dans le dépôt git {} : pas de git init ni de crochet (voir quali init --hook).\n",
                       "Already inside the git repository {}: no git init nor hook (see quali init --hook).\n",
                       enclosing->string());
    else if (!opt.no_git)
        ctx.out << say(ctx.lang, "git n'est pas installé : ni dépôt git ni crochet pre-commit.\n",
                       "git is not installed: no git repository nor pre-commit hook.\n");
    ctx.out << say(ctx.lang,
                   "Ensuite :\n  cd {}\n  quali new organisme SLUG --nom \"Nom de l'organisme\" --logements N\n"
                   "  quali validate\nLes valeurs « À COMPLÉTER » (comite/membres.yaml…) sont à remplacer : quali "
                   "validate les signale (Q016).\n",
                   "Next:\n  cd {}\n  quali new organisme SLUG --nom \"Name of the organisme\" --logements N\n"
                   "  quali validate\nValues \"À COMPLÉTER\" (comite/membres.yaml…) are to be replaced: quali "
                   "validate reports them (Q016).\n",
                   dir.string());
    return 0;
}

} // namespace

void add_init(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<InitOptions>();
    CLI::App* sub = app.add_subcommand(
        "init", tr(lang,
                   "Créer un nouveau dépôt Quali'Hlm (règles, cadre d'évaluation, comité, git et crochet "
                   "pre-commit)",
                   "Create a new Quali'Hlm repository (rules, evaluation framework, committee, git and "
                   "pre-commit hook)"));
    sub->add_option(tr(lang, "DOSSIER", "FOLDER"), opt->folder,
                    tr(lang, "Dossier du nouveau dépôt : vide ou inexistant",
                       "Folder of the new repository: empty or not existing yet"))
        ->type_name(tr(lang, "DOSSIER", "FOLDER"));
    sub->add_flag("--no-git", opt->no_git,
                  tr(lang, "Ne pas initialiser de dépôt git ni de crochet pre-commit",
                     "Do not set up a git repository nor a pre-commit hook"));
    sub->add_flag("--hook", opt->hook_only,
                  tr(lang,
                     "N'installer que le crochet pre-commit dans le dépôt git existant qui contient DOSSIER "
                     "(défaut : le dossier courant), par exemple après un git clone",
                     "Only install the pre-commit hook in the existing git repository that holds FOLDER "
                     "(default: the current folder), for example after a git clone"));
    sub->footer(tr(lang,
                   "Refuse un dossier non vide ou situé dans un dépôt quali existant. Le crochet lance « quali "
                   "validate --staged » et refuse un commit qui contient une erreur.\n",
                   "Refuses a folder that is not empty or lies inside an existing quali repository. The hook "
                   "runs \"quali validate --staged\" and refuses a commit that holds an error. The files it "
                   "writes are in French, like the folders they describe.\n"));
    sub->callback([opt, lang, &runner] {
        if (!opt->hook_only && opt->folder.empty()) throw CLI::RequiredError(tr(lang, "DOSSIER", "FOLDER"));
        runner = [opt](const Context& ctx) { return run_init(*opt, ctx); };
    });
}

} // namespace quali::commands
