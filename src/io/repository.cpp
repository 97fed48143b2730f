// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/repository.hpp"

#include "quali/core/text_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace quali::io {

using core::Diagnostic;
using core::Lang;
using core::say;

fs::path normal_absolute(const fs::path& p)
{
    std::error_code ec;
    fs::path a = fs::absolute(p, ec).lexically_normal();
    if (!a.has_filename() && a.has_parent_path() && a != a.root_path()) a = a.parent_path();
    return a;
}

std::optional<Root> find_root(const fs::path& start)
{
    std::error_code ec;
    fs::path dir = normal_absolute(start);
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    std::optional<Root> organisme;
    for (fs::path d = dir;; d = d.parent_path()) {
        if (fs::is_regular_file(d / "quali.yaml", ec)) return Root{d, RootKind::repository};
        if (!organisme && fs::is_regular_file(d / "organisme.yaml", ec))
            organisme = Root{d, RootKind::organisme};
        if (d == d.root_path() || d.parent_path() == d) break;
    }
    return organisme;
}

namespace {

Diagnostic file_error(std::string path, std::string code, std::string message, std::string hint = {},
                      core::Severity severity = core::Severity::error)
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

std::string relative_string(const fs::path& p, const fs::path& root)
{
    return p.lexically_relative(root).generic_string();
}

// quali reads .yaml files only: a .yml file gets a warning, not a silent skip.
Diagnostic yml_ignored(const std::string& rel, const std::string& name, Lang lang)
{
    return file_error(rel, "Q011",
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

// A candidate YAML file found by the walk, before reading: its path relative to the root
// ('/'-separated). Only the relative path is kept: a repository has tens of thousands of them.
struct Found {
    std::string rel;
};

// Where a walk puts what it finds.
struct Walked {
    std::vector<Found> found;                 // YAML files
    std::vector<std::string> folders;         // organisme folders left to their own walk ("organismes/<slug>")
    std::vector<Diagnostic> diagnostics;      // layout problems
    std::set<std::string> organismes;         // slugs of organismes/<slug>/ folders
};

// Walks `start` (the root, or a folder `depth` levels below it) without following directory
// links; paths are relative to `root`. With split, an organisme folder is not entered but
// listed in `folders`, for a loading thread to walk when it reads it.
void walk(const fs::path& start, int depth, const fs::path& root, RootKind kind, Lang lang, bool split, Walked& out)
{
    std::error_code ec;
    auto it = fs::recursive_directory_iterator(start, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        if (depth == 0)
            throw fs::filesystem_error(say(lang, "lecture du dossier", "reading the folder"), start, ec);
        out.diagnostics.push_back(file_error(relative_string(start, root), "Q010",
            say(lang, "dossier illisible : {}", "unreadable folder: {}", ec.message())));
        return;
    }
    const auto end = fs::recursive_directory_iterator();
    for (; it != end; it.increment(ec)) {
        if (ec) {
            out.diagnostics.push_back(file_error(relative_string(it->path(), root), "Q010",
                say(lang, "dossier illisible : {}", "unreadable folder: {}", ec.message())));
            ec.clear();
            continue;
        }
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        std::string rel = relative_string(p, root);
        const bool link = it->is_symlink(ec);
        const bool is_dir = it->is_directory(ec) && !link;
        const int level = it.depth() + depth;
        const bool in_organismes =
            kind == RootKind::repository && level == 1 && rel.starts_with("organismes/");
        if (is_dir) {
            if (skipped_silently(name, level)) {
                it.disable_recursion_pending();
                continue;
            }
            if (name.starts_with(".") || level > 6) {
                out.diagnostics.push_back(
                    name.starts_with(".")
                        ? not_walked(rel,
                                     say(lang, "dossier caché « {} » : il n'est pas lu",
                                         "hidden folder \"{}\": not read", name),
                                     say(lang,
                                         "renommez-le sans le point initial s'il contient des fichiers du "
                                         "dépôt, sinon retirez-le",
                                         "rename it without the leading dot if it holds files of the "
                                         "repository, else remove it"))
                        : not_walked(rel,
                                     say(lang, "dossier trop profond (plus de 6 niveaux) : il n'est pas lu",
                                         "folder too deep (more than 6 levels): not read"),
                                     say(lang, "rapprochez ses fichiers de la racine du dépôt",
                                         "move its files nearer the repository's root")));
                it.disable_recursion_pending();
                continue;
            }
            const bool organisme = in_organismes;
            if (organisme) out.organismes.insert(name);
            if (core::is_yaml_name(name) || name.ends_with(".yml")) {
                out.diagnostics.push_back(file_error(rel, "Q010",
                    say(lang, "« {} » est un dossier, pas un fichier YAML", "\"{}\" is a folder, not a YAML file", name),
                    say(lang, "renommez ou supprimez ce dossier", "rename or delete this folder")));
                it.disable_recursion_pending();
            } else if (organisme && split) {
                out.folders.push_back(std::move(rel));
                it.disable_recursion_pending();
            }
            continue;
        }
        if (name.starts_with(".")) continue; // .gitkeep, .gitignore, an editor's swap file
        if (core::is_yaml_name(name)) {
            out.found.push_back({std::move(rel)});
        } else if (name.ends_with(".yml")) {
            out.diagnostics.push_back(yml_ignored(rel, name, lang));
        } else if (link && fs::is_directory(p, ec)) {
            out.diagnostics.push_back(not_walked(
                rel,
                say(lang,
                    "lien symbolique vers un dossier : il n'est pas suivi, ses fichiers ne sont pas vérifiés",
                    "symbolic link to a folder: not followed, its files are not checked"),
                say(lang, "mettez le dossier lui-même à cet endroit au lieu d'un lien",
                    "put the folder itself here instead of a link")));
        } else if (in_organismes) {
            out.diagnostics.push_back(not_walked(
                rel,
                link ? say(lang,
                           "le lien symbolique « {} » n'est pas un dossier d'organisme : il n'est pas lu",
                           "symbolic link \"{}\" is not an organisation folder: not read", name)
                     : say(lang, "« {} » n'est pas un dossier d'organisme : il n'est pas lu",
                           "\"{}\" is not an organisation folder: not read", name),
                say(lang,
                    "organismes/ ne contient que des dossiers d'organisme : déplacez-le (à la racine du "
                    "dépôt, par exemple)",
                    "organismes/ holds organisation folders only: move it (to the repository's root, for "
                    "instance)")));
        } else if (!link && !it->is_regular_file(ec)) {
            out.diagnostics.push_back(
                not_walked(rel,
                           say(lang, "ni fichier ni dossier (tube, socket ou périphérique) : il n'est pas lu",
                               "neither a file nor a folder (pipe, socket or device): not read"),
                           say(lang, "supprimez-le du dépôt", "remove it from the repository")));
        }
    }
}

// The same walk over a snapshot's paths (git's index): the same folders skipped, the same
// warnings; symbolic links are listed so that reading them reports them.
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
                    out.diagnostics.push_back(not_walked(
                        folder,
                        dir.starts_with(".")
                            ? say(lang, "dossier caché « {} » : il n'est pas lu",
                                  "hidden folder \"{}\": not read", dir)
                            : say(lang, "dossier trop profond (plus de 6 niveaux) : il n'est pas lu",
                                  "folder too deep (more than 6 levels): not read"),
                        {}));
                return;
            }
            if (kind == RootKind::repository && i == 1 && parts[0] == "organismes") out.organismes.insert(dir);
        }
        const std::string& name = parts.back();
        if (name.starts_with(".")) return;
        if (core::is_yaml_name(name)) out.found.push_back({rel});
        else if (name.ends_with(".yml")) out.diagnostics.push_back(yml_ignored(rel, name, lang));
        else if (kind == RootKind::repository && parts.size() == 2 && parts[0] == "organismes")
            out.diagnostics.push_back(
                not_walked(rel,
                           say(lang, "« {} » n'est pas un dossier d'organisme : il n'est pas lu",
                               "\"{}\" is not an organisation folder: not read", name),
                           say(lang,
                               "organismes/ ne contient que des dossiers d'organisme : déplacez-le (à la "
                               "racine du dépôt, par exemple)",
                               "organismes/ holds organisation folders only: move it (to the repository's root, "
                               "for instance)")));
    };
    for (const std::string& rel : snapshot.files) consider(rel);
    for (const std::string& rel : snapshot.links) consider(rel);
}

// Takes one file's bytes from a snapshot, with the guards of read_one.
void read_from_snapshot(SourceFile& f, const Snapshot& snapshot, Lang lang)
{
    if (snapshot.links.contains(f.path)) {
        f.diagnostics.push_back(file_error(f.path, "Q010",
            say(lang, "lien symbolique : il n'est pas lu dans l'index git", "symbolic link: not read from git's index"),
            say(lang, "copiez le fichier au lieu d'un lien", "copy the file instead of a link")));
        return;
    }
    const auto it = snapshot.yaml.find(f.path);
    if (it == snapshot.yaml.end()) {
        f.diagnostics.push_back(file_error(f.path, "Q010",
            say(lang, "fichier illisible dans l'index git", "file unreadable in git's index")));
        return;
    }
    if (it->second.size() > core::max_file_bytes) {
        f.diagnostics.push_back(file_error(f.path, "Q007",
            say(lang, "fichier trop volumineux ({} Mio, au plus {} Mio) : il n'est pas lu",
                "file too large ({} MiB, at most {} MiB): not read", it->second.size() / (1024 * 1024),
                core::max_file_bytes / (1024 * 1024))));
        return;
    }
    f.bytes = it->second;
}

// Reads one file with every guard: not a regular file, a link leaving the root, too large,
// unreadable.
void read_one(SourceFile& f, const fs::path& full, const fs::path& canonical_root, Lang lang)
{
    std::error_code ec;
    const auto link = fs::symlink_status(full, ec);
    if (fs::is_symlink(link)) {
        const fs::path target = fs::canonical(full, ec);
        if (ec) {
            f.diagnostics.push_back(file_error(f.path, "Q010",
                say(lang, "lien symbolique cassé ou en boucle : {}", "broken or looping symbolic link: {}", ec.message())));
            return;
        }
        if (!inside(target, canonical_root)) {
            f.diagnostics.push_back(file_error(f.path, "Q010",
                say(lang, "lien symbolique vers « {} », hors du dépôt : il n'est pas lu",
                    "symbolic link to \"{}\", outside the repository: not read", target.string()),
                say(lang, "copiez le fichier dans le dépôt au lieu d'un lien", "copy the file into the repository instead of a link")));
            return;
        }
    }
    const auto st = fs::status(full, ec);
    if (ec || !fs::is_regular_file(st)) {
        f.diagnostics.push_back(file_error(f.path, "Q010",
            say(lang, "ce n'est pas un fichier ordinaire : il n'est pas lu", "not a regular file: not read")));
        return;
    }
    const auto size = fs::file_size(full, ec);
    if (!ec && size > core::max_file_bytes) {
        f.diagnostics.push_back(file_error(f.path, "Q007",
            say(lang, "fichier trop volumineux ({} Mio, au plus {} Mio) : il n'est pas lu",
                "file too large ({} MiB, at most {} MiB): not read", size / (1024 * 1024),
                core::max_file_bytes / (1024 * 1024)),
            say(lang, "un fichier de dossier fait quelques kilo-octets : vérifiez son contenu",
                "a dossier file is a few kilobytes: check what it holds")));
        return;
    }
    std::ifstream in(full, std::ios::binary);
    if (!in) {
        f.diagnostics.push_back(file_error(f.path, "Q010",
            say(lang, "fichier illisible : {}", "unreadable file: {}", std::strerror(errno)),
            say(lang, "vérifiez ses droits d'accès", "check its permissions")));
        return;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    f.bytes = std::move(buffer).str();
    if (f.bytes.size() > core::max_file_bytes) {  // grew while we looked
        f.bytes.clear();
        f.diagnostics.push_back(file_error(f.path, "Q007",
            say(lang, "fichier trop volumineux", "file too large")));
    }
}

void parse_one(SourceFile& f, Lang lang)
{
    core::TextCheck check = core::check_text(f.bytes, lang);
    for (Diagnostic& d : check.diagnostics) {
        d.file = f.path;
        f.diagnostics.push_back(std::move(d));
    }
    if (!check.parseable) return;
    ParsedYaml parsed = parse_yaml(check.yaml, lang);
    for (Diagnostic& d : parsed.diagnostics) {
        d.file = f.path;
        for (core::Note& n : d.notes)
            if (n.file.empty()) n.file = f.path;
        f.diagnostics.push_back(std::move(d));
    }
    f.tree = std::move(parsed.tree);
    f.root = f.tree->root();
}

// The group a file belongs to: "organismes/<slug>" for the files of an organisme folder of a
// repository, "" (a group of its own) otherwise.
std::string group_key(const std::string& rel, RootKind kind)
{
    if (kind == RootKind::organisme || !rel.starts_with("organismes/")) return {};
    const auto slash = rel.find('/', 11);
    if (slash == std::string::npos) return {};
    return rel.substr(0, slash);
}

} // namespace

LoadedRoot load_root(const Root& root, Lang lang, unsigned threads, const FileHook& hook,
                     const SharedHook& shared_hook, const GroupHook& group_hook)
{
    LoadedRoot out;
    out.root = root;
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root.dir, ec);
    // The organisme folders of a repository on disk are walked by the threads that read them:
    // the paths of tens of thousands of files are never all in memory.
    Walked walked;
    if (root.snapshot != nullptr) walk_snapshot(*root.snapshot, root.kind, lang, walked);
    else walk(root.dir, 0, root.dir, root.kind, lang, root.kind == RootKind::repository, walked);
    std::sort(walked.found.begin(), walked.found.end(), [](const Found& a, const Found& b) { return a.rel < b.rel; });
    out.organismes = std::move(walked.organismes);
    out.diagnostics = std::move(walked.diagnostics);

    // Files outside organisme folders, one by one; a snapshot lists the organisme folders' files
    // too: they are grouped by folder here.
    std::vector<SourceFile> shared;
    std::vector<std::pair<std::string, std::vector<std::string>>> folders;  // folder, files (snapshot: listed)
    for (Found& f : walked.found) {
        std::string key = group_key(f.rel, root.kind);
        if (key.empty()) {
            SourceFile& s = shared.emplace_back();
            s.path = std::move(f.rel);
            continue;
        }
        if (folders.empty() || folders.back().first != key) folders.emplace_back(std::move(key), std::vector<std::string>());
        folders.back().second.push_back(std::move(f.rel));
    }
    for (std::string& folder : walked.folders) folders.emplace_back(std::move(folder), std::vector<std::string>());
    walked = Walked();
    std::sort(folders.begin(), folders.end());

    std::mutex mutex;  // out.files, out.diagnostics, identified
    std::set<std::string> identified;  // organisme folders holding an organisme.yaml entry
    const auto read_file = [&](SourceFile& f) {
        f.placement = root.kind == RootKind::repository ? core::classify_repository_path(f.path)
                                                        : core::classify_organisme_path(f.path);
        if (root.snapshot != nullptr) read_from_snapshot(f, *root.snapshot, lang);
        else read_one(f, root.dir / f.path, canonical_root, lang);
        if (!f.bytes.empty() || f.diagnostics.empty()) parse_one(f, lang);
        if (hook) hook(f);
    };
    // One by one: two sessions of thousands of decisions parsed at once double the peak of
    // memory (docs/performance.md, step 12); the organisme folders, small, go two by two.
    for (SourceFile& f : shared) read_file(f);
    if (shared_hook) shared_hook(std::span<SourceFile>(shared), folders.size());
    out.files = std::move(shared);
    std::atomic<std::size_t> next{0};
    const auto read_folders = [&] {
        for (std::size_t g = next++; g < folders.size(); g = next++) {
            auto& [folder, listed] = folders[g];
            Walked inner;
            if (root.snapshot == nullptr) {
                walk(root.dir / folder, 2, root.dir, root.kind, lang, false, inner);
                std::sort(inner.found.begin(), inner.found.end(), [](const Found& a, const Found& b) { return a.rel < b.rel; });
                for (Found& f : inner.found) listed.push_back(std::move(f.rel));
            }
            std::vector<SourceFile> files(listed.size());
            for (std::size_t i = 0; i < listed.size(); ++i) files[i].path = std::move(listed[i]);
            std::vector<std::string>().swap(listed);
            const std::string identity = folder + "/organisme.yaml";
            // An organisme.yaml that is no file is reported (Q010): one defect, one diagnostic.
            const bool has_identity =
                std::any_of(files.begin(), files.end(), [&](const SourceFile& f) { return f.path == identity; }) ||
                std::any_of(inner.diagnostics.begin(), inner.diagnostics.end(),
                            [&](const Diagnostic& d) { return d.file == identity; });
            for (SourceFile& f : files) read_file(f);
            if (group_hook) group_hook(files);
            const std::lock_guard lock(mutex);
            if (has_identity) identified.insert(folder);
            for (SourceFile& f : files) out.files.push_back(std::move(f));
            for (Diagnostic& d : inner.diagnostics) out.diagnostics.push_back(std::move(d));
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < std::clamp(threads, 1u, 16u) && t < folders.size(); ++t) pool.emplace_back(read_folders);
        read_folders();
    }
    std::sort(out.files.begin(), out.files.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });

    // A folder under organismes/ without its identity file is not an organisme yet; one whose
    // name is no identifier cannot be named by the committee's decisions (a schema pattern).
    if (root.kind == RootKind::repository) {
        for (const std::string& slug : out.organismes) {
            const std::string folder = "organismes/" + slug;
            if (!core::is_slug(slug) && !core::is_yaml_name(slug) && !slug.ends_with(".yml"))
                out.diagnostics.push_back(file_error(folder, "Q017",
                    say(lang, "nom de dossier d'organisme « {} » : ce n'est pas un identifiant, aucune décision du comité ne pourra le citer",
                        "organisation folder name \"{}\": not an identifier, so no committee decision can name it", slug),
                    say(lang, "renommez le dossier en lettres minuscules non accentuées, chiffres et tirets (ex. organismes/office-habitat-evry/)",
                        "rename the folder with lowercase unaccented letters, digits and hyphens (e.g. organismes/office-habitat-evry/)"),
                    core::Severity::warning));
            const std::string expected = folder + "/organisme.yaml";
            if (identified.contains(folder)) continue;
            if (std::any_of(out.diagnostics.begin(), out.diagnostics.end(),
                            [&](const Diagnostic& d) { return d.file == expected; }))
                continue;
            out.diagnostics.push_back(file_error(folder, "Q015",
                say(lang, "dossier d'organisme sans fichier organisme.yaml", "organisation folder without organisme.yaml"),
                say(lang, "créez {} (identité de l'organisme et engagement)",
                    "create {} (the organisation's identity and commitment)", expected)));
        }
    }
    // The loading threads reported in any order.
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.code, a.message) < std::tie(b.file, b.code, b.message);
    });
    return out;
}

std::string read_again(const Root& root, const std::string& path)
{
    SourceFile f;
    f.path = path;
    if (root.snapshot != nullptr) {
        read_from_snapshot(f, *root.snapshot, Lang::fr);
    } else {
        std::error_code ec;
        const fs::path canonical_root = fs::canonical(root.dir, ec);
        read_one(f, root.dir / path, canonical_root, Lang::fr);
    }
    return std::move(f.bytes);
}

FolderPaths::FolderPaths(fs::path folder) : m_folder(std::move(folder)) {}

core::PathStatus FolderPaths::status(std::string_view path) const
{
    std::error_code ec;
    // The common case, without resolving the whole absolute path: one lstat per component of
    // the relative path; only a symbolic link on the way needs the canonical comparison.
    const fs::path relative = fs::path(std::string(path)).lexically_normal();
    fs::path full = m_folder;
    bool linked = false;
    for (const fs::path& part : relative) {
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            linked = true;  // lexically inside, but only resolving can tell where it ends
            full /= part;
            continue;
        }
        full /= part;
        const auto st = fs::symlink_status(full, ec);
        if (!fs::exists(st)) return core::PathStatus::missing;
        if (fs::is_symlink(st)) linked = true;
    }
    if (linked) {
        if (m_canonical.empty()) {
            m_canonical = fs::canonical(m_folder, ec);
            if (ec) m_canonical = m_folder;
        }
        const fs::path target = fs::weakly_canonical(full, ec);
        if (ec) return core::PathStatus::missing;
        if (!inside(target, m_canonical)) return core::PathStatus::outside;
    }
    if (!fs::is_regular_file(fs::status(full, ec))) return core::PathStatus::not_a_file;
    return core::PathStatus::file;
}

std::vector<std::string> FolderPaths::files() const
{
    if (m_files) return *m_files;
    std::vector<std::string> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(m_folder, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && out.size() < max_listed_files; it.increment(ec)) {
        const auto st = it->symlink_status(ec);
        if (ec) break;
        if (fs::is_regular_file(st)) out.push_back(it->path().lexically_relative(m_folder).generic_string());
    }
    std::sort(out.begin(), out.end());
    m_files = out;
    return out;
}

} // namespace quali::io
