// SPDX-License-Identifier: EUPL-1.2
// The walk of a repository (or a lone organisme folder, or git's index): which files are YAML
// files to read, which folders are left out, and the warning for each thing not read (Q018).
#include "loading.hpp"

namespace quali::io::detail {

using core::Diagnostic;
using core::Lang;
using core::say;

Diagnostic file_error(std::string path, std::string code, std::string message, std::string hint,
                      core::Severity severity)
{
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.file = std::move(path);
    d.pos = {1, 1};
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

bool inside(const fs::path& child, const fs::path& parent)
{
    auto c = child.begin();
    for (auto p = parent.begin(); p != parent.end(); ++p, ++c)
        if (c == child.end() || *p != *c) return false;
    return true;
}

namespace {

std::string relative_string(const fs::path& p, const fs::path& root)
{
    return p.lexically_relative(root).generic_string();
}

// quali reads .yaml files only: a .yml file gets a warning, not a silent skip.
Diagnostic yml_ignored(const std::string& rel, const std::string& name, Lang lang)
{
    return file_error(
        rel, "Q011",
        say(lang, "fichier « .yml » ignoré : quali ne lit que les fichiers « .yaml »",
            "\".yml\" file ignored: quali reads \".yaml\" files only"),
        say(lang, "renommez-le en {}.yaml", "rename it to {}.yaml", name.substr(0, name.size() - 4)),
        core::Severity::warning);
}

// Something the walk does not read, said with its path (Q018): quali never skips a folder
// without a word. What it leaves out silently is listed in docs/codes.md (Q018).
Diagnostic not_walked(const std::string& rel, std::string message, std::string hint)
{
    return file_error(rel, "Q018", std::move(message), std::move(hint), core::Severity::warning);
}

// Folders left out without a word: git's own, the proofs (documents, not YAML), and at the
// root the templates, a build output and the tools' hidden folders (.github, .vscode…).
bool skipped_silently(const std::string& name, int level)
{
    if (name == ".git" || name == "preuves") return true;
    return level == 0 && (name.starts_with(".") || name == "modeles" || name == "build");
}

// A hidden folder, or one more than 6 levels deep: said, not read. The hint is the disk walk's:
// in git's index the folder is said once for all its files.
Diagnostic unwalked_folder(const std::string& rel, const std::string& name, Lang lang, bool with_hint)
{
    if (name.starts_with("."))
        return not_walked(
            rel, say(lang, "dossier caché « {} » : il n'est pas lu", "hidden folder \"{}\": not read", name),
            with_hint ? say(lang,
                            "renommez-le sans le point initial s'il contient des fichiers du "
                            "dépôt, sinon retirez-le",
                            "rename it without the leading dot if it holds files of the "
                            "repository, else remove it")
                      : std::string());
    return not_walked(rel,
                      say(lang, "dossier trop profond (plus de 6 niveaux) : il n'est pas lu",
                          "folder too deep (more than 6 levels): not read"),
                      with_hint ? say(lang, "rapprochez ses fichiers de la racine du dépôt",
                                      "move its files nearer the repository's root")
                                : std::string());
}

// Something in organismes/ that is no folder.
Diagnostic no_organisme_folder(const std::string& rel, const std::string& name, bool link, Lang lang)
{
    return not_walked(
        rel,
        link ? say(lang, "le lien symbolique « {} » n'est pas un dossier d'organisme : il n'est pas lu",
                   "symbolic link \"{}\" is not an organisation folder: not read", name)
             : say(lang, "« {} » n'est pas un dossier d'organisme : il n'est pas lu",
                   "\"{}\" is not an organisation folder: not read", name),
        say(lang,
            "organismes/ ne contient que des dossiers d'organisme : déplacez-le (à la racine du "
            "dépôt, par exemple)",
            "organismes/ holds organisation folders only: move it (to the repository's root, for "
            "instance)"));
}

// A folder met by the walk: whether to enter it. With split, an organisme folder is listed for
// its own walk instead.
bool enter_folder(std::string rel, const std::string& name, int level, bool in_organismes, bool split,
                  Lang lang, Walked& out)
{
    if (skipped_silently(name, level)) return false;
    if (name.starts_with(".") || level > 6) {
        out.diagnostics.push_back(unwalked_folder(rel, name, lang, true));
        return false;
    }
    if (in_organismes) out.organismes.insert(name);
    if (core::is_yaml_name(name) || name.ends_with(".yml")) {
        out.diagnostics.push_back(
            file_error(rel, "Q010",
                       say(lang, "« {} » est un dossier, pas un fichier YAML",
                           "\"{}\" is a folder, not a YAML file", name),
                       say(lang, "renommez ou supprimez ce dossier", "rename or delete this folder")));
        return false;
    }
    if (in_organismes && split) {
        out.folders.push_back(std::move(rel));
        return false;
    }
    return true;
}

// Anything but a folder met by the walk: a YAML file to read, or what is said and not read.
void visit_file(const fs::directory_entry& entry, std::string rel, const std::string& name, bool link,
                bool in_organismes, Lang lang, Walked& out)
{
    std::error_code ec;
    if (name.starts_with(".")) return; // .gitkeep, .gitignore, an editor's swap file
    if (core::is_yaml_name(name)) {
        out.found.push_back({std::move(rel)});
    } else if (name.ends_with(".yml")) {
        out.diagnostics.push_back(yml_ignored(rel, name, lang));
    } else if (link && fs::is_directory(entry.path(), ec)) {
        out.diagnostics.push_back(not_walked(
            rel,
            say(lang,
                "lien symbolique vers un dossier : il n'est pas suivi, ses fichiers ne sont pas vérifiés",
                "symbolic link to a folder: not followed, its files are not checked"),
            say(lang, "mettez le dossier lui-même à cet endroit au lieu d'un lien",
                "put the folder itself here instead of a link")));
    } else if (in_organismes) {
        out.diagnostics.push_back(no_organisme_folder(rel, name, link, lang));
    } else if (!link && !entry.is_regular_file(ec)) {
        out.diagnostics.push_back(
            not_walked(rel,
                       say(lang, "ni fichier ni dossier (tube, socket ou périphérique) : il n'est pas lu",
                           "neither a file nor a folder (pipe, socket or device): not read"),
                       say(lang, "supprimez-le du dépôt", "remove it from the repository")));
    }
}

} // namespace

void walk(const fs::path& start, int depth, const fs::path& root, RootKind kind, Lang lang, bool split,
          Walked& out)
{
    std::error_code ec;
    auto it = fs::recursive_directory_iterator(start, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        if (depth == 0) throw fs::filesystem_error(say(lang, "lecture du dossier", "reading the folder"), start, ec);
        out.diagnostics.push_back(
            file_error(relative_string(start, root), "Q010",
                       say(lang, "dossier illisible : {}", "unreadable folder: {}", ec.message())));
        return;
    }
    const auto end = fs::recursive_directory_iterator();
    for (; it != end; it.increment(ec)) {
        if (ec) {
            out.diagnostics.push_back(
                file_error(relative_string(it->path(), root), "Q010",
                           say(lang, "dossier illisible : {}", "unreadable folder: {}", ec.message())));
            ec.clear();
            continue;
        }
        const std::string name = it->path().filename().string();
        std::string rel = relative_string(it->path(), root);
        const bool link = it->is_symlink(ec);
        const bool is_dir = it->is_directory(ec) && !link;
        const int level = it.depth() + depth;
        const bool in_organismes =
            kind == RootKind::repository && level == 1 && rel.starts_with("organismes/");
        if (!is_dir)
            visit_file(*it, std::move(rel), name, link, in_organismes, lang, out);
        else if (!enter_folder(std::move(rel), name, level, in_organismes, split, lang, out))
            it.disable_recursion_pending();
    }
}

void walk_snapshot(const Snapshot& snapshot, RootKind kind, Lang lang, Walked& out)
{
    std::set<std::string> reported; // hidden or too deep folders, said once each
    const auto consider = [&](const std::string& rel) {
        std::vector<std::string> parts;
        for (std::size_t start = 0;;) {
            const auto slash = rel.find('/', start);
            parts.push_back(rel.substr(start, slash - start));
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            const std::string& dir = parts[i];
            const int level = static_cast<int>(i);
            if (skipped_silently(dir, level)) return;
            if (dir.starts_with(".") || level > 6) {
                std::string folder;
                for (std::size_t k = 0; k <= i; ++k)
                    folder += (k == 0 ? "" : "/") + parts[k];
                if (reported.insert(folder).second)
                    out.diagnostics.push_back(unwalked_folder(folder, dir, lang, false));
                return;
            }
            if (kind == RootKind::repository && i == 1 && parts[0] == "organismes")
                out.organismes.insert(dir);
        }
        const std::string& name = parts.back();
        if (name.starts_with(".")) return;
        if (core::is_yaml_name(name))
            out.found.push_back({rel});
        else if (name.ends_with(".yml"))
            out.diagnostics.push_back(yml_ignored(rel, name, lang));
        else if (kind == RootKind::repository && parts.size() == 2 && parts[0] == "organismes")
            out.diagnostics.push_back(no_organisme_folder(rel, name, false, lang));
    };
    for (const std::string& rel : snapshot.files)
        consider(rel);
    for (const std::string& rel : snapshot.links)
        consider(rel);
}

} // namespace quali::io::detail
