// SPDX-License-Identifier: EUPL-1.2
// Finding a root and reading it (RootReader): the walk and the reading of one file are in
// walk.cpp and read_file.cpp; the proofs of an organisme folder (FolderPaths) at the end.
#include "quali/io/repository.hpp"

#include "loading.hpp"

#include <algorithm>

namespace quali::io {

using core::Diagnostic;
using core::Lang;
using core::say;
using detail::file_error;

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

bool by_path(const SourceFile& a, const SourceFile& b)
{
    return a.path < b.path;
}

// A folder under organismes/ without its identity file is not an organisme yet; one whose
// name is no identifier cannot be named by the committee's decisions (a schema pattern).
void check_organisme_folders(LoadedRoot& out, const std::set<std::string>& identified, Lang lang)
{
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

} // namespace

RootReader::RootReader(const Root& root, Lang lang) : m_lang(lang)
{
    m_out.root = root;
    std::error_code ec;
    m_canonical_root = fs::canonical(root.dir, ec);
    // The organisme folders of a repository on disk are walked by read_folder.
    detail::Walked walked;
    if (root.snapshot != nullptr) detail::walk_snapshot(*root.snapshot, root.kind, lang, walked);
    else detail::walk(root.dir, 0, root.dir, root.kind, lang, root.kind == RootKind::repository, walked);
    std::sort(walked.found.begin(), walked.found.end(),
              [](const detail::Found& a, const detail::Found& b) { return a.rel < b.rel; });
    m_out.organismes = std::move(walked.organismes);
    m_out.diagnostics = std::move(walked.diagnostics);
    // A snapshot lists the organisme folders' files too: they are grouped by folder here.
    for (detail::Found& f : walked.found) {
        const std::string_view folder =
            root.kind == RootKind::repository ? core::organisme_folder_of(f.rel) : std::string_view();
        if (folder.empty()) {
            m_shared.emplace_back().path = std::move(f.rel);
            continue;
        }
        if (m_folders.empty() || m_folders.back().first != folder)
            m_folders.emplace_back(std::string(folder), std::vector<std::string>());
        m_folders.back().second.push_back(std::move(f.rel));
    }
    for (std::string& folder : walked.folders) m_folders.emplace_back(std::move(folder), std::vector<std::string>());
    std::sort(m_folders.begin(), m_folders.end());
}

std::vector<SourceFile> RootReader::take_shared()
{
    return std::move(m_shared);
}

void RootReader::read(SourceFile& f) const
{
    read_bytes(f);
    parse(f);
}

void RootReader::read_bytes(SourceFile& f) const
{
    const Root& root = m_out.root;
    f.placement = root.kind == RootKind::repository ? core::classify_repository_path(f.path)
                                                    : core::classify_organisme_path(f.path);
    detail::read_bytes(f, root, m_canonical_root, m_lang);
}

void RootReader::parse(SourceFile& f) const
{
    if (!f.bytes.empty() || f.diagnostics.empty()) detail::parse_one(f, m_lang);
}

std::vector<SourceFile> RootReader::read_folder(std::size_t index)
{
    std::vector<SourceFile> files = list_folder(index);
    for (SourceFile& f : files) read(f);
    return files;
}

std::vector<SourceFile> RootReader::list_folder(std::size_t index)
{
    auto& [folder, listed] = m_folders[index];
    const Root& root = m_out.root;
    detail::Walked inner;
    if (root.snapshot == nullptr) {
        detail::walk(root.dir / folder, 2, root.dir, root.kind, m_lang, false, inner);
        std::sort(inner.found.begin(), inner.found.end(),
                  [](const detail::Found& a, const detail::Found& b) { return a.rel < b.rel; });
        for (detail::Found& f : inner.found) listed.push_back(std::move(f.rel));
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
    const std::lock_guard lock(m_mutex);
    if (has_identity) m_identified.insert(folder);
    for (Diagnostic& d : inner.diagnostics) m_out.diagnostics.push_back(std::move(d));
    return files;
}

void RootReader::keep(std::vector<SourceFile> files)
{
    const std::lock_guard lock(m_mutex);
    for (SourceFile& f : files) m_out.files.push_back(std::move(f));
}

LoadedRoot RootReader::finish() &&
{
    std::sort(m_out.files.begin(), m_out.files.end(), by_path);
    if (m_out.root.kind == RootKind::repository) check_organisme_folders(m_out, m_identified, m_lang);
    // The loading threads reported in any order.
    std::stable_sort(m_out.diagnostics.begin(), m_out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.code, a.message) < std::tie(b.file, b.code, b.message);
    });
    return std::move(m_out);
}

LoadedRoot load_root(const Root& root, Lang lang)
{
    RootReader reader(root, lang);
    std::vector<SourceFile> shared = reader.take_shared();
    for (SourceFile& f : shared) reader.read(f);
    reader.keep(std::move(shared));
    for (std::size_t g = 0; g < reader.folder_count(); ++g) reader.keep(reader.read_folder(g));
    return std::move(reader).finish();
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
        if (!detail::inside(target, m_canonical)) return core::PathStatus::outside;
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
