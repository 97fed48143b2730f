#include "quali/io/repository.hpp"

#include "quali/core/text_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
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

// A candidate YAML file found by the walk, before reading.
struct Found {
    fs::path full;
    std::string rel;
};

// Walks the tree without following directory links; records layout problems.
void walk(const fs::path& root, const fs::path& canonical_root, RootKind kind, Lang lang,
          std::vector<Found>& found, LoadedRoot& out)
{
    std::error_code ec;
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw fs::filesystem_error("lecture du dossier", root, ec);
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
        const std::string rel = relative_string(p, root);
        const bool is_dir = it->is_directory(ec) && !it->is_symlink(ec);
        if (is_dir) {
            const int depth = it.depth();
            if (name.starts_with(".") || name == "preuves" || name == "modeles" || name == "build" ||
                depth > 6) {
                it.disable_recursion_pending();
                continue;
            }
            if (kind == RootKind::repository && depth == 1 && rel.starts_with("organismes/"))
                out.organismes.insert(name);
            if (core::is_yaml_name(name) || name.ends_with(".yml")) {
                out.diagnostics.push_back(file_error(rel, "Q010",
                    say(lang, "« {} » est un dossier, pas un fichier YAML", "\"{}\" is a folder, not a YAML file", name),
                    say(lang, "renommez ou supprimez ce dossier", "rename or delete this folder")));
                it.disable_recursion_pending();
            }
            continue;
        }
        if (name.starts_with(".")) continue;
        if (core::is_yaml_name(name)) {
            found.push_back({p, rel});
        } else if (name.ends_with(".yml")) {
            out.diagnostics.push_back(yml_ignored(rel, name, lang));
        }
    }
    (void)canonical_root;
}

// The same walk over a snapshot's paths (git's index): the same folders skipped, the same
// warnings; symbolic links are listed so that reading them reports them.
void walk_snapshot(const Snapshot& snapshot, RootKind kind, Lang lang, std::vector<Found>& found, LoadedRoot& out)
{
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
            if (dir.starts_with(".") || dir == "preuves" || dir == "modeles" || dir == "build" || i > 6) return;
            if (kind == RootKind::repository && i == 1 && parts[0] == "organismes") out.organismes.insert(dir);
        }
        const std::string& name = parts.back();
        if (name.starts_with(".")) return;
        if (core::is_yaml_name(name)) found.push_back({fs::path(), rel});
        else if (name.ends_with(".yml")) out.diagnostics.push_back(yml_ignored(rel, name, lang));
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
                     const GroupHook& group_hook)
{
    LoadedRoot out;
    out.root = root;
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root.dir, ec);
    std::vector<Found> found;
    if (root.snapshot != nullptr) walk_snapshot(*root.snapshot, root.kind, lang, found, out);
    else walk(root.dir, canonical_root, root.kind, lang, found, out);
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.rel < b.rel; });

    out.files.resize(found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        SourceFile& f = out.files[i];
        f.path = found[i].rel;
        f.placement = root.kind == RootKind::repository ? core::classify_repository_path(f.path)
                                                        : core::classify_organisme_path(f.path);
    }
    // Groups: the files of one organisme folder are consecutive once sorted.
    std::vector<std::size_t> group_starts;
    std::string previous;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::string key = group_key(found[i].rel, root.kind);
        if (i == 0 || key.empty() || key != previous) group_starts.push_back(i);
        previous = key;
    }
    group_starts.push_back(found.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t g = next++; g + 1 < group_starts.size(); g = next++) {
            for (std::size_t i = group_starts[g]; i < group_starts[g + 1]; ++i) {
                SourceFile& f = out.files[i];
                if (root.snapshot != nullptr) read_from_snapshot(f, *root.snapshot, lang);
                else read_one(f, found[i].full, canonical_root, lang);
                if (!f.bytes.empty() || f.diagnostics.empty()) parse_one(f, lang);
                if (hook) hook(f);
            }
            if (group_hook)
                group_hook(std::span<SourceFile>(out.files).subspan(group_starts[g], group_starts[g + 1] - group_starts[g]));
        }
    };
    threads = std::clamp(threads, 1u, 16u);
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads && t + 1 < group_starts.size(); ++t) pool.emplace_back(work);
    work();
    pool.clear();

    // A folder under organismes/ without its identity file is not an organisme yet.
    if (root.kind == RootKind::repository) {
        std::set<std::string_view> paths;
        for (const SourceFile& f : out.files) paths.insert(f.path);
        // An organisme.yaml that is no file was reported already (Q010): one defect, one diagnostic.
        for (const Diagnostic& d : out.diagnostics) paths.insert(d.file);
        for (const std::string& slug : out.organismes) {
            const std::string expected = "organismes/" + slug + "/organisme.yaml";
            const bool has = paths.contains(expected);
            if (!has)
                out.diagnostics.push_back(file_error("organismes/" + slug, "Q015",
                    say(lang, "dossier d'organisme sans fichier organisme.yaml", "organisme folder without organisme.yaml"),
                    say(lang, "créez {} (identité de l'organisme et engagement)",
                        "create {} (identity and engagement of the organisme)", expected)));
        }
    }
    return out;
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

} // namespace quali::io
