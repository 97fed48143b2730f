// SPDX-License-Identifier: EUPL-1.2
#include "commands/workspace.hpp"

#include "quali/core/model_builder.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/core/text_checks.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/io/atomic_write.hpp"
#include "quali/io/builtin.hpp"
#include "quali/io/digest.hpp"
#include "quali/io/git_objects.hpp"
#include "quali/io/ssh_signature.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

namespace {

std::string display_path_from(const fs::path& absolute, const fs::path& cwd)
{
    if (cwd.empty()) return absolute.generic_string();
    const fs::path rel = absolute.lexically_normal().lexically_relative(cwd);
    if (rel.empty()) return ".";
    const std::string r = rel.generic_string();
    if (r.starts_with("../../../")) return absolute.lexically_normal().generic_string();
    return r;
}

fs::path current_dir()
{
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    return ec ? fs::path() : cwd;
}

} // namespace

std::string display_path(const fs::path& absolute)
{
    return display_path_from(absolute, current_dir());
}

namespace {

// What the value checks learnt of the proofs each file of a folder cites (a proof is often
// cited twice: by an action and by a candidature). A folder's answers are forgotten once it is
// modelled: repositories have thousands of folders.
class ProofCache {
public:
    std::optional<core::PathStatus> find(const std::string& folder, const std::string& path) const
    {
        const std::lock_guard lock(m_mutex);
        const auto f = m_known.find(folder);
        if (f == m_known.end()) return std::nullopt;
        const auto it = f->second.find(path);
        if (it == f->second.end()) return std::nullopt;
        return it->second;
    }

    void add(const std::string& folder, std::string path, core::PathStatus status)
    {
        const std::lock_guard lock(m_mutex);
        m_known[folder].emplace(std::move(path), status);
    }

    void forget(const std::string& folder)
    {
        const std::lock_guard lock(m_mutex);
        m_known.erase(folder);
    }

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::unordered_map<std::string, core::PathStatus>> m_known;
};

class CachedPaths final : public core::PathOracle {
public:
    CachedPaths(const fs::path& dir, std::string folder, ProofCache& cache, const io::Snapshot* snapshot = nullptr)
        : m_paths(dir), m_folder(std::move(folder)), m_cache(cache), m_snapshot(snapshot)
    {
    }

    core::PathStatus status(std::string_view path) const override
    {
        std::string key(path);
        if (const auto known = m_cache.find(m_folder, key)) return *known;
        const core::PathStatus status =
            m_snapshot != nullptr ? io::SnapshotPaths(*m_snapshot, m_folder).status(path) : m_paths.status(path);
        m_cache.add(m_folder, std::move(key), status);
        return status;
    }

    std::vector<std::string> files() const override
    {
        return m_snapshot != nullptr ? io::SnapshotPaths(*m_snapshot, m_folder).files() : m_paths.files();
    }

private:
    io::FolderPaths m_paths;
    std::string m_folder;
    ProofCache& m_cache;
    const io::Snapshot* m_snapshot;  // validate --staged: proofs are those of git's index
};

// A YAML file outside the layout: warn, and suggest the name it probably meant.
core::Diagnostic unknown_place(const io::SourceFile& f, io::RootKind kind, core::Lang lang)
{
    core::Diagnostic d;
    d.severity = core::Severity::warning;
    d.code = "Q011";
    d.file = f.path;
    d.pos = {1, 1};
    d.message = say(lang, "fichier YAML à un emplacement inconnu : il n'est pas vérifié",
                    "YAML file in an unknown place: it is not checked");
    const fs::path p(f.path);
    const std::string name = p.filename().string();
    const std::string parent = p.parent_path().generic_string();
    const bool in_organisme = kind == io::RootKind::organisme
                                  ? parent.empty()
                                  : parent.starts_with("organismes/") && std::count(parent.begin(), parent.end(), '/') == 1;
    std::vector<std::string> names;
    if (in_organisme) names = {"organisme.yaml", "autodiagnostic.yaml", "paa.yaml", "concertation.yaml"};
    else if (parent.empty()) names = {"quali.yaml"};
    else if (parent == "comite") names = {"membres.yaml"};
    else if (parent == "referentiel") names = {"cadre-evaluation.yaml"};
    if (const auto near = core::closest(name, names))
        d.hint = say(lang, "vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
    else
        d.hint = say(lang,
                     "emplacements reconnus : quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/AAAA-MM-JJ.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml",
                     "known places: quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/YYYY-MM-DD.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml");
    return d;
}

fs::path organisme_folder(const io::Root& root, const core::Placement& placement)
{
    if (root.kind == io::RootKind::organisme) return root.dir;
    return root.dir / "organismes" / placement.organisme;
}

struct Target {
    io::Root root;
    std::vector<fs::path> selections;  // absolute; the root itself selects everything
};

bool selected(const fs::path& file, const std::vector<fs::path>& selections)
{
    for (const fs::path& s : selections) {
        auto f = file.begin();
        bool ok = true;
        for (auto it = s.begin(); it != s.end(); ++it, ++f)
            if (f == file.end() || *it != *f) { ok = false; break; }
        if (ok) return true;
    }
    return false;
}

// A repository as the loading threads model it: the shared files first (quali.yaml, referentiel,
// comite, auditeurs), then each organisme folder as soon as it is read, so that the document
// trees of thousands of folders are never all in memory at once.
struct Parts {
    std::mutex mutex;
    core::ModelBuilder shared;                 // the shared files, added as each is read
    core::Model model;                         // theirs; the organismes join it at the end
    std::vector<core::Organisme> organismes;   // one or none per folder, whole or summarised
    std::vector<std::string> shared_unreadable;  // shared files the rules cannot read
    std::vector<std::string> unreadable;       // every file the rules cannot read
    std::vector<core::Diagnostic> diagnostics; // the rules of each organisme (lean loading)
    std::size_t files_taken = 0;               // selected files a group hook took out (lean)
};

// Lean loading (quali validate): each organisme's rules run as soon as its folder is modelled,
// the repository keeps only its summary (core::summary), and a file's bytes are kept only
// where a diagnostic may show a line of it.
struct Lean {
    core::Date as_of;
    core::Lang lang;
    std::function<bool(const std::string& path)> selected;  // a path relative to the root
};

bool in_organisme_folder(const std::string& path)
{
    return path.starts_with("organismes/") && path.find('/', 11) != std::string::npos;
}

// A file with a value of the wrong type is not read by the rules: one defect, one diagnostic.
bool has_type_error(const io::SourceFile& f)
{
    return std::any_of(f.diagnostics.begin(), f.diagnostics.end(),
                       [](const core::Diagnostic& d) { return d.code == "Q101"; });
}

// The stock rating and the action plan are left out of the model when a value has the wrong
// type (a list written as text): the rules then treat them as unread instead of empty.
bool rules_skip(const io::SourceFile& f)
{
    return f.placement &&
           (f.placement->kind == core::FileKind::autodiagnostic || f.placement->kind == core::FileKind::paa) &&
           has_type_error(f);
}

// A file of the layout that the rules cannot read (a syntax error, an empty or binary file, a
// value of the wrong type): asked before its tree is released.
bool unreadable_by_rules(const io::SourceFile& f)
{
    return f.placement && (f.root == nullptr || !f.root->is_mapping() || has_type_error(f));
}

// A diagnostic of the file's schema (Q101-Q107): the rules step aside where it is.
bool schema_error(const core::Diagnostic& d)
{
    return d.code.size() == 4 && d.code.starts_with("Q10") && d.code[3] >= '1' && d.code[3] <= '7';
}

// What the model reads of a file, if anything.
std::optional<core::ModelInput> model_input(const io::SourceFile& f)
{
    if (!f.placement || f.root == nullptr || rules_skip(f)) return std::nullopt;
    core::ModelInput in{f.path, *f.placement, f.root, {}};
    for (const core::Diagnostic& d : f.diagnostics)
        if (schema_error(d)) in.schema_errors.push_back(d.pos);
    return in;
}

void add_inputs(std::vector<core::ModelInput>& inputs, const io::SourceFile& f)
{
    if (auto in = model_input(f)) inputs.push_back(std::move(*in));
}

// The example framework built into quali, which the repository's own replaces.
core::ModelInput builtin_framework_input()
{
    return {"", core::Placement{core::FileKind::referentiel, {}}, &io::builtin_framework()};
}

void release_tree(io::SourceFile& f)
{
    f.root = nullptr;
    f.tree.reset();
}

// Adds a shared file of a repository (outside organisme folders) to its model as soon as it is
// read, and releases its tree: the sessions of a large repository are megabytes of trees.
void model_shared_file(io::SourceFile& f, Parts& parts, bool lean)
{
    const std::optional<core::ModelInput> input = model_input(f);
    const bool unreadable = unreadable_by_rules(f);
    {
        const std::lock_guard lock(parts.mutex);
        if (input) parts.shared.add(*input);
        if (unreadable) parts.shared_unreadable.push_back(f.path);
    }
    release_tree(f);
    // Lean: a file without diagnostics of its own gives its bytes back; the repository's rules
    // report in the sessions, whose lines are then read again (Workspace::source_line).
    if (lean && f.diagnostics.empty()) std::string().swap(f.bytes);
}

// The shared files' model, once they are all read and before any organisme folder is.
void model_shared(std::size_t folders, Parts& parts)
{
    parts.model = std::move(parts.shared).finish();
    // One organisme per folder: reserved, not grown (a vector of thousands of organismes that
    // doubles holds three times its size for a moment).
    parts.organismes.reserve(folders);
    // Sorted: the loading threads added them in any order.
    std::sort(parts.shared_unreadable.begin(), parts.shared_unreadable.end());
    parts.unreadable = parts.shared_unreadable;
}

// Models one organisme folder of a repository, then releases its trees. Lean: runs its rules,
// keeps its summary, and takes out the files with nothing to show (counted if selected).
void model_folder(std::vector<io::SourceFile>& group, ProofCache& cache, Parts& parts, const Lean* lean)
{
    std::vector<core::ModelInput> inputs;
    std::vector<std::string> unreadable;
    for (const io::SourceFile& f : group) {
        add_inputs(inputs, f);
        if (unreadable_by_rules(f)) unreadable.push_back(f.path);
    }
    core::Model part = core::build_model(inputs, std::string());
    std::vector<core::Diagnostic> found;
    if (lean != nullptr) {
        // parts.model and shared_unreadable no longer change once the folders are being read.
        std::vector<std::string> all = parts.shared_unreadable;
        all.insert(all.end(), unreadable.begin(), unreadable.end());
        for (core::Organisme& o : part.organismes) {
            for (core::Diagnostic& d : core::check_organisme_rules(parts.model, o, lean->as_of, lean->lang, all))
                found.push_back(std::move(d));
            o = core::summary(o);
        }
    }
    for (io::SourceFile& f : group) release_tree(f);
    if (!group.empty()) cache.forget(group.front().path.substr(0, group.front().path.find('/', 11)));
    std::size_t taken = 0;
    if (lean != nullptr) {
        // A diagnostic shows a line of its own file only: a file no diagnostic names has
        // nothing more to give.
        std::unordered_set<std::string_view> shown;
        for (const core::Diagnostic& d : found) shown.insert(d.file);
        std::erase_if(group, [&](const io::SourceFile& f) {
            // The sign-offs are checked at the end (check_visas): their files stay.
            const bool take = f.placement && f.placement->kind != core::FileKind::visa && f.diagnostics.empty() &&
                              !shown.contains(f.path);
            taken += take && lean->selected(f.path) ? 1 : 0;
            return take;
        });
    }
    const std::lock_guard lock(parts.mutex);
    for (core::Organisme& o : part.organismes) parts.organismes.push_back(std::move(o));
    parts.unreadable.insert(parts.unreadable.end(), unreadable.begin(), unreadable.end());
    parts.diagnostics.insert(parts.diagnostics.end(), std::make_move_iterator(found.begin()),
                             std::make_move_iterator(found.end()));
    parts.files_taken += taken;
}

// The model of a root once loaded: the repository's parts joined, or a lone organisme folder's.
core::Model model_of(io::LoadedRoot& loaded, Parts& parts)
{
    if (loaded.root.kind == io::RootKind::repository) {
        core::Model model = std::move(parts.model);
        model.organismes = std::move(parts.organismes);
        std::sort(model.organismes.begin(), model.organismes.end(),
                  [](const core::Organisme& a, const core::Organisme& b) { return a.slug < b.slug; });
        model.index();
        return model;
    }
    std::vector<core::ModelInput> inputs;
    inputs.push_back(builtin_framework_input());
    for (const io::SourceFile& f : loaded.files) {
        add_inputs(inputs, f);
        if (unreadable_by_rules(f)) parts.unreadable.push_back(f.path);
    }
    core::Model model = core::build_model(inputs, loaded.root.dir.filename().string());
    for (io::SourceFile& f : loaded.files) release_tree(f);
    return model;
}

// A field left to fill (Q016, « À COMPLÉTER ») is reported once: not also by a rule that
// reads the same value (an unknown auditor, an unknown residence).
void drop_fields_to_fill(std::vector<core::Diagnostic>& rule_diagnostics, const std::vector<io::SourceFile>& files)
{
    std::set<std::tuple<std::string, int, int>> to_fill;
    for (const io::SourceFile& f : files)
        for (const core::Diagnostic& d : f.diagnostics)
            if (d.code == "Q016") to_fill.emplace(f.path, d.pos.line, d.pos.column);
    if (to_fill.empty()) return;
    std::erase_if(rule_diagnostics, [&](const core::Diagnostic& d) {
        return to_fill.contains({d.file, d.pos.line, d.pos.column});
    });
}

} // namespace

std::string_view Workspace::source_line(const std::string& display, int line) const
{
    const auto it = by_display.find(display);
    if (it == by_display.end()) return {};
    const io::SourceFile& f = *it->second.file;
    if (!f.bytes.empty() || !f.diagnostics.empty()) return core::LineIndex(f.bytes).line(line);
    auto known = read_again.find(display);
    if (known == read_again.end())
        known = read_again.emplace(display, io::read_again(*it->second.root, f.path)).first;
    return core::LineIndex(known->second).line(line);
}

Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx, bool rules,
                         std::optional<core::Date> as_of, const io::Snapshot* snapshot, bool lean_model)
{
    std::vector<std::string> wanted = paths;
    if (wanted.empty()) {
        // No path: the whole repository around the current folder, as git does.
        const auto around = io::find_root(".");
        wanted.push_back(around ? around->dir.string() : std::string("."));
    }
    std::vector<Target> targets;
    for (const std::string& p : wanted) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(p, ec)))
            throw EnvironmentError(say(ctx.lang, "chemin introuvable : {}", "no such path: {}", p));
        const auto root = io::find_root(p);
        if (!root)
            throw EnvironmentError(say(ctx.lang,
                "{} n'est pas dans un dépôt quali (aucun quali.yaml ni organisme.yaml dans ce dossier ou au-dessus)",
                "{} is not inside a quali repository (no quali.yaml nor organisme.yaml in this folder or above)",
                p == "." ? say(ctx.lang, "le dossier courant", "the current folder") : p));
        const fs::path absolute = io::normal_absolute(p);
        auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.root.dir == root->dir; });
        if (it == targets.end()) it = targets.insert(targets.end(), Target{*root, {}});
        it->selections.push_back(absolute);
    }

    Workspace ws;
    const fs::path cwd = current_dir();
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (const Target& t : targets) {
        io::Root root = t.root;
        root.snapshot = snapshot;
        ProofCache cache;
        Parts parts;
        const bool repository = root.kind == io::RootKind::repository;
        if (repository) parts.shared.add(builtin_framework_input());
        const std::optional<Lean> lean =
            rules && lean_model ? std::optional<Lean>(Lean{as_of.value_or(ctx.today), ctx.lang,
                                                           [&](const std::string& path) {
                                                               return selected(root.dir / path, t.selections);
                                                           }})
                                : std::nullopt;
        const auto check_file = [&](io::SourceFile& f) {
            if (f.root == nullptr || !f.placement) return;
            const std::string folder =
                root.kind == io::RootKind::organisme ? std::string() : "organismes/" + f.placement->organisme;
            const CachedPaths proofs(organisme_folder(root, *f.placement), folder, cache, root.snapshot);
            const bool organisme_file = root.kind == io::RootKind::organisme || !f.placement->organisme.empty();
            // A value under an unsupported tag is reported once, as Q012, not also by its schema.
            std::vector<core::Position> tagged;
            for (const core::Diagnostic& d : f.diagnostics)
                if (d.code == "Q012") tagged.push_back(d.pos);
            for (core::Diagnostic& d : core::check_document(f.placement->kind, *f.root,
                                                            organisme_file ? &proofs : nullptr, ctx.lang)) {
                if (std::find(tagged.begin(), tagged.end(), d.pos) != tagged.end()) continue;
                d.file = f.path;
                for (core::Note& n : d.notes)
                    if (n.file.empty()) n.file = f.path;
                f.diagnostics.push_back(std::move(d));
            }
        };
        io::LoadedRoot loaded = io::load_root(root, ctx.lang, threads, [&](io::SourceFile& f) {
            check_file(f);
            if (repository && !in_organisme_folder(f.path)) model_shared_file(f, parts, lean.has_value());
        }, [&](std::span<io::SourceFile>, std::size_t folders) {
            if (repository) model_shared(folders, parts);
        }, [&](std::vector<io::SourceFile>& group) {
            if (repository) model_folder(group, cache, parts, lean ? &*lean : nullptr);
        });
        std::vector<core::Diagnostic> found = std::move(loaded.diagnostics);
        core::Model model = model_of(loaded, parts);
        if (rules) {
            const core::Date day = as_of.value_or(ctx.today);
            core::RuleReport report = lean && repository
                                          ? core::check_repository_rules(model, day, ctx.lang, parts.unreadable)
                                          : core::check_rules(model, day, ctx.lang, parts.unreadable);
            for (core::Diagnostic& d : parts.diagnostics) report.diagnostics.push_back(std::move(d));
            // The auditors' sign-offs: hashing the pieces needs their bytes, which this layer reads;
            // whether the signed versions are still in git, one git process answers for all.
            const core::BlobLookup blobs = [dir = root.dir](const std::vector<std::string>& ids) {
                return io::git_blobs_present(dir, ids);
            };
            for (core::Diagnostic& d : core::check_visas(model, day, io::digest_in_root(root),
                                                         io::visa_verifier(ctx.lang), ctx.lang, blobs))
                report.diagnostics.push_back(std::move(d));
            drop_fields_to_fill(report.diagnostics, loaded.files);
            found.insert(found.end(), std::make_move_iterator(report.diagnostics.begin()),
                         std::make_move_iterator(report.diagnostics.end()));
            for (std::string& code : report.skipped)
                if (std::find(ws.skipped_rules.begin(), ws.skipped_rules.end(), code) == ws.skipped_rules.end())
                    ws.skipped_rules.push_back(std::move(code));
        }
        ws.models.push_back(std::move(model));
        ws.unreadable.push_back(parts.unreadable);
        ws.files_checked += static_cast<int>(parts.files_taken);
        for (const io::SourceFile& f : loaded.files) {
            if (!selected(root.dir / f.path, t.selections)) continue;
            ++ws.files_checked;
            found.insert(found.end(), f.diagnostics.begin(), f.diagnostics.end());
            if (!f.placement) found.push_back(unknown_place(f, root.kind, ctx.lang));
        }
        for (core::Diagnostic& d : found) {
            if (!selected(root.dir / d.file, t.selections)) continue;
            d.file = display_path_from(root.dir / d.file, cwd);
            for (core::Note& n : d.notes) n.file = display_path_from(root.dir / n.file, cwd);
            ws.diagnostics.push_back(std::move(d));
        }
        ws.roots.push_back(std::move(loaded));
    }
    for (const io::LoadedRoot& r : ws.roots)
        for (const io::SourceFile& f : r.files)
            ws.by_display[display_path_from(r.root.dir / f.path, cwd)] = {&r.root, &f};
    core::sort_diagnostics(ws.diagnostics);
    return ws;
}

std::vector<core::Diagnostic> root_relative_diagnostics(const Workspace& ws)
{
    std::vector<core::Diagnostic> out;
    if (ws.roots.empty()) return out;
    const fs::path root = ws.roots.front().root.dir;
    const fs::path cwd = current_dir();
    const auto relative = [&](const std::string& display) {
        if (display.empty()) return display;
        const fs::path p(display);
        const fs::path absolute = (p.is_absolute() ? p : cwd / p).lexically_normal();
        const fs::path rel = absolute.lexically_relative(root);
        return rel.empty() || rel.generic_string().starts_with("..") ? display : rel.generic_string();
    };
    for (core::Diagnostic d : ws.diagnostics) {
        d.file = relative(d.file);
        for (core::Note& n : d.notes)
            n.file = relative(n.file);
        out.push_back(std::move(d));
    }
    core::sort_diagnostics(out);
    return out;
}

void write_output(const std::string& path, std::string_view bytes, bool force, const Context& ctx)
{
    if (path.empty() || path == "-") {
        ctx.out << bytes;
        return;
    }
    if (const std::error_code ec = io::write_file_atomically(path, bytes, force)) {
        if (ec == std::errc::file_exists)
            throw EnvironmentError(say(ctx.lang, "{} existe déjà : ajoutez --force pour le remplacer",
                                       "{} already exists: add --force to replace it", path));
        throw EnvironmentError(say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", path, ec.message()));
    }
}

std::optional<std::string> repository_template(const Workspace& ws, const std::string& name, const Context& ctx)
{
    if (ws.roots.empty() || ws.roots.front().root.kind != io::RootKind::repository) return std::nullopt;
    const fs::path root = ws.roots.front().root.dir;
    const fs::path path = root / "modeles" / name;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(path, ec);
    if (ec || !fs::exists(st)) return std::nullopt;
    const std::string shown = display_path(path);
    // A link is followed only while it stays inside the repository.
    const fs::path real = fs::canonical(path, ec);
    const fs::path real_root = fs::canonical(root, ec);
    if (ec || !fs::is_regular_file(real, ec) || real.lexically_relative(real_root).generic_string().starts_with(".."))
        throw EnvironmentError(say(ctx.lang, "{} : le modèle doit être un fichier ordinaire du dépôt",
                                   "{}: a template must be a regular file of the repository", shown));
    const auto size = fs::file_size(real, ec);
    constexpr std::uintmax_t limit = 1 << 20;
    if (ec || size > limit)
        throw EnvironmentError(say(ctx.lang, "{} : modèle trop grand (plus de 1 Mio)",
                                   "{}: template too large (over 1 MiB)", shown));
    std::ifstream in(real, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
        throw EnvironmentError(say(ctx.lang, "{} : lecture impossible", "{}: cannot read", shown));
    if (text.size() > limit)
        throw EnvironmentError(say(ctx.lang, "{} : modèle trop grand (plus de 1 Mio)",
                                   "{}: template too large (over 1 MiB)", shown));
    return text;
}

} // namespace quali::commands
