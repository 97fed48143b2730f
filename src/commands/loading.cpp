// SPDX-License-Identifier: EUPL-1.2
// The model of a root built part by part as it is read (commands/loading.hpp): the shared files
// one by one, then each organisme folder, its trees released at once; and the file-level checks.
#include "commands/loading.hpp"

#include "quali/core/file_kind.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/io/builtin.hpp"

#include <algorithm>
#include <unordered_set>

namespace quali::commands::loading {

namespace fs = std::filesystem;

std::optional<core::PathStatus> ProofCache::find(const std::string& folder, const std::string& path) const
{
    const std::lock_guard lock(m_mutex);
    const auto f = m_known.find(folder);
    if (f == m_known.end()) return std::nullopt;
    const auto it = f->second.find(path);
    if (it == f->second.end()) return std::nullopt;
    return it->second;
}

void ProofCache::add(const std::string& folder, std::string path, core::PathStatus status)
{
    const std::lock_guard lock(m_mutex);
    m_known[folder].emplace(std::move(path), status);
}

void ProofCache::note_outside(const std::string& folder)
{
    const std::lock_guard lock(m_mutex);
    m_outside.insert(folder);
}

bool ProofCache::forget(const std::string& folder)
{
    const std::lock_guard lock(m_mutex);
    m_known.erase(folder);
    return m_outside.erase(folder) > 0;
}

namespace {

class CachedPaths final : public core::PathOracle {
  public:
    CachedPaths(const fs::path& dir, std::string folder, ProofCache& cache,
                const io::Snapshot* snapshot = nullptr)
        : m_paths(dir), m_folder(std::move(folder)), m_cache(cache), m_snapshot(snapshot)
    {
    }

    core::PathStatus status(std::string_view path) const override
    {
        std::string key(path);
        if (const auto known = m_cache.find(m_folder, key)) return *known;
        const fs::path relative(key);
        if (relative.is_absolute() || std::find(relative.begin(), relative.end(), "..") != relative.end())
            m_cache.note_outside(m_folder);
        const core::PathStatus status = m_snapshot != nullptr
                                            ? io::SnapshotPaths(*m_snapshot, m_folder).status(path)
                                            : m_paths.status(path);
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
    const io::Snapshot* m_snapshot; // validate --staged: proofs are those of git's index
};

fs::path organisme_folder(const io::Root& root, const core::Placement& placement)
{
    if (root.kind == io::RootKind::organisme) return root.dir;
    return root.dir / "organismes" / placement.organisme;
}

// A file of the layout that the rules cannot read, asked before its tree is released.
bool unreadable_by_rules(const io::SourceFile& f)
{
    return f.placement && core::unreadable_by_rules(f.root, f.diagnostics);
}

// What the model reads of a file, if anything.
std::optional<core::ModelInput> model_input(const io::SourceFile& f)
{
    if (!f.placement || f.root == nullptr || core::left_out_of_model(f.placement->kind, f.diagnostics))
        return std::nullopt;
    core::ModelInput in{f.path, *f.placement, f.root, {}};
    for (const core::Diagnostic& d : f.diagnostics)
        if (core::is_schema_error(d)) in.schema_errors.push_back(d.pos);
    return in;
}

void add_inputs(std::vector<core::ModelInput>& inputs, const io::SourceFile& f)
{
    if (auto in = model_input(f)) inputs.push_back(std::move(*in));
}

void release_tree(io::SourceFile& f)
{
    f.root = nullptr;
    f.tree.reset();
}

} // namespace

core::ModelInput builtin_framework_input()
{
    return {"", core::Placement{core::FileKind::referentiel, {}}, &io::builtin_framework()};
}

void check_file(io::SourceFile& f, const io::Root& root, ProofCache& cache, core::Lang lang)
{
    if (f.root == nullptr || !f.placement) return;
    const bool lone = root.kind == io::RootKind::organisme;
    const std::string folder = lone ? std::string() : "organismes/" + f.placement->organisme;
    const CachedPaths proofs(organisme_folder(root, *f.placement), folder, cache, root.snapshot);
    const bool organisme_file = lone || !f.placement->organisme.empty();
    std::vector<core::Diagnostic> found =
        core::check_document(f.placement->kind, *f.root, organisme_file ? &proofs : nullptr, lang);
    core::drop_under_unsupported_tags(found, f.diagnostics);
    for (core::Diagnostic& d : found) {
        d.file = f.path;
        for (core::Note& n : d.notes)
            if (n.file.empty()) n.file = f.path;
        f.diagnostics.push_back(std::move(d));
    }
}

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

namespace {

// Whether a result (computed now or found in the cache) is of these files, in this order.
bool of_files(const std::vector<io::FileResult>& results, const std::vector<io::SourceFile>& files)
{
    return std::equal(results.begin(), results.end(), files.begin(), files.end(),
                      [](const io::FileResult& r, const io::SourceFile& f) { return r.path == f.path; });
}

// Once the shared files' model is there, modelled or from the cache.
void shared_ready(std::size_t folders, Parts& parts)
{
    // One organisme per folder: reserved, not grown (a vector of thousands of organismes that
    // doubles holds three times its size for a moment).
    parts.organismes.reserve(folders);
    // Sorted: the loading threads added them in any order.
    std::sort(parts.shared_unreadable.begin(), parts.shared_unreadable.end());
    parts.unreadable = parts.shared_unreadable;
}

} // namespace

void model_shared(std::size_t folders, Parts& parts)
{
    parts.model = std::move(parts.shared).finish();
    shared_ready(folders, parts);
}

io::SharedResult shared_result(const std::vector<io::SourceFile>& shared, const Parts& parts)
{
    io::SharedResult result{parts.model, parts.shared_unreadable, {}};
    result.files.reserve(shared.size());
    for (const io::SourceFile& f : shared)
        result.files.push_back({f.path, true, f.diagnostics});
    return result;
}

bool take_shared(io::SharedResult result, std::vector<io::SourceFile>& shared, std::size_t folders, Parts& parts,
                 bool lean)
{
    if (!of_files(result.files, shared)) return false;
    for (std::size_t i = 0; i < shared.size(); ++i) {
        io::SourceFile& f = shared[i];
        release_tree(f);
        f.diagnostics = std::move(result.files[i].diagnostics);
        if (lean && f.diagnostics.empty()) std::string().swap(f.bytes); // as model_shared_file
    }
    parts.model = std::move(result.model);
    parts.shared_unreadable = std::move(result.unreadable);
    shared_ready(folders, parts);
    return true;
}

namespace {

// What quali site is given of a folder once its organisme's rules have run: its files'
// diagnostics, a file out of the layout, and its rules' but where a field is still to be filled in.
std::vector<core::Diagnostic> folder_diagnostics(const std::vector<io::SourceFile>& group,
                                                 const io::FolderResult& result, core::Lang lang)
{
    std::vector<core::Diagnostic> rules = result.rules;
    core::FieldsToFill to_fill;
    std::vector<core::Diagnostic> out;
    for (const io::SourceFile& f : group) {
        to_fill.note(f.path, f.diagnostics);
        out.insert(out.end(), f.diagnostics.begin(), f.diagnostics.end());
        if (!f.placement) out.push_back(core::unknown_place(f.path, false, lang));
    }
    to_fill.drop_from(rules);
    out.insert(out.end(), std::make_move_iterator(rules.begin()), std::make_move_iterator(rules.end()));
    return out;
}

} // namespace

std::vector<core::Diagnostic> organisme_rules(const io::FolderResult& result, const Parts& parts, const Lean& lean)
{
    // parts.model and shared_unreadable no longer change once the folders are being read.
    std::vector<std::string> all = parts.shared_unreadable;
    all.insert(all.end(), result.unreadable.begin(), result.unreadable.end());
    std::vector<core::Diagnostic> found;
    for (const core::Organisme& o : result.organismes)
        for (core::Diagnostic& d : core::check_organisme_rules(parts.model, o, lean.as_of, lean.lang, all))
            found.push_back(std::move(d));
    return found;
}

io::FolderResult result_of_folder(std::vector<io::SourceFile>& group, ProofCache& cache, const Parts& parts,
                                  const Lean* lean, bool* looked_outside)
{
    io::FolderResult result;
    std::vector<core::ModelInput> inputs;
    for (const io::SourceFile& f : group) {
        add_inputs(inputs, f);
        if (unreadable_by_rules(f)) result.unreadable.push_back(f.path);
    }
    core::Model part = core::build_model(inputs, std::string());
    result.organismes = std::move(part.organismes);
    if (lean != nullptr) {
        result.rules = organisme_rules(result, parts, *lean);
        if (lean->each == nullptr && !lean->whole) // quali site's digest is take_folder's
            for (core::Organisme& o : result.organismes)
                o = core::summary(o);
    }
    for (io::SourceFile& f : group)
        release_tree(f);
    const bool outside =
        !group.empty() && cache.forget(std::string(core::organisme_folder_of(group.front().path)));
    if (looked_outside != nullptr) *looked_outside = outside;
    // Lean: a diagnostic shows a line of its own file only, so a file no diagnostic names has
    // nothing more to give.
    std::unordered_set<std::string_view> shown;
    for (const core::Diagnostic& d : result.rules)
        shown.insert(d.file);
    result.files.reserve(group.size());
    for (io::SourceFile& f : group) {
        // The sign-offs are checked at the end (check_visas): their files stay.
        const bool take = lean != nullptr && !lean->whole && f.placement && f.placement->kind != core::FileKind::visa &&
                          f.diagnostics.empty() && !shown.contains(f.path);
        result.files.push_back({f.path, !take, std::move(f.diagnostics)});
    }
    return result;
}

bool take_folder(io::FolderResult result, std::vector<io::SourceFile>& group, Parts& parts, const Lean* lean)
{
    if (!of_files(result.files, group)) return false;
    for (std::size_t i = 0; i < group.size(); ++i) {
        release_tree(group[i]);
        group[i].diagnostics = std::move(result.files[i].diagnostics);
    }
    if (lean != nullptr && lean->each != nullptr) {
        std::vector<std::string> all = parts.shared_unreadable;
        all.insert(all.end(), result.unreadable.begin(), result.unreadable.end());
        for (core::Organisme& o : result.organismes) {
            o = (*lean->each)(parts.model, o, folder_diagnostics(group, result, lean->lang), all);
        }
    }
    std::size_t taken = 0;
    std::size_t i = 0;
    std::erase_if(group, [&](const io::SourceFile& f) {
        const bool take = !result.files[i++].kept;
        taken += take && lean->selected(f.path) ? 1 : 0;
        return take;
    });
    const std::lock_guard lock(parts.mutex);
    for (core::Organisme& o : result.organismes)
        parts.organismes.push_back(std::move(o));
    parts.unreadable.insert(parts.unreadable.end(), result.unreadable.begin(), result.unreadable.end());
    parts.diagnostics.insert(parts.diagnostics.end(), std::make_move_iterator(result.rules.begin()),
                             std::make_move_iterator(result.rules.end()));
    parts.files_taken += taken;
    return true;
}

void model_folder(std::vector<io::SourceFile>& group, ProofCache& cache, Parts& parts, const Lean* lean)
{
    take_folder(result_of_folder(group, cache, parts, lean), group, parts, lean);
}

void read_organismes(const io::Root& root, const std::vector<std::string>& folders, core::Lang lang,
                     const std::function<void(const core::Organisme&)>& each)
{
    io::RootReader reader(root, lang);
    ProofCache cache;
    for (std::size_t i = 0; i < reader.folder_count(); ++i) {
        if (!std::binary_search(folders.begin(), folders.end(), reader.folder(i))) continue;
        std::vector<io::SourceFile> files = reader.read_folder(i);
        for (io::SourceFile& f : files) check_file(f, root, cache, lang);
        Parts parts;
        model_folder(files, cache, parts, nullptr);
        for (const core::Organisme& o : parts.organismes) each(o);
    }
}

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
    for (io::SourceFile& f : loaded.files)
        release_tree(f);
    return model;
}

} // namespace quali::commands::loading
