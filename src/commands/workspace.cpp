// SPDX-License-Identifier: EUPL-1.2
// load_workspace: finds the roots of the paths given, reads each with io::RootReader while
// loading.cpp models it part by part, runs the rules and keeps the diagnostics of the selection.
#include "commands/workspace.hpp"

#include "commands/folder_cache.hpp"
#include "commands/loading.hpp"
#include "commands/parallel.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/text_checks.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/io/visa_io.hpp"

#include <algorithm>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;
using loading::Parts;

namespace {

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

// The roots of the paths the user gave, each with the paths it selects; no path: the whole
// repository around the current folder, as git does.
std::vector<Target> targets_of(const std::vector<std::string>& paths, core::Lang lang)
{
    std::vector<std::string> wanted = paths;
    if (wanted.empty()) {
        const auto around = io::find_root(".");
        wanted.push_back(around ? around->dir.string() : std::string("."));
    }
    std::vector<Target> targets;
    for (const std::string& p : wanted) {
        const io::Root root = root_of(p, lang);
        const fs::path absolute = io::normal_absolute(p);
        auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.root.dir == root.dir; });
        if (it == targets.end()) it = targets.insert(targets.end(), Target{root, {}});
        it->selections.push_back(absolute);
    }
    return targets;
}

// The result of a folder from the cache, its rules as of this date added where they are stored
// apart (computed from the whole organisme found when they are not there yet).
std::optional<io::FolderResult> cached_folder(loading::FolderCache& cache, const std::string& folder,
                                              const std::string& key, const Parts& parts, const loading::Lean* lean)
{
    std::optional<io::FolderResult> hit = cache.get(folder, key);
    if (!hit || !cache.rules_apart()) return hit;
    std::optional<std::vector<core::Diagnostic>> rules = cache.get_rules(folder, key);
    if (!rules) {
        rules = loading::organisme_rules(*hit, parts, *lean);
        cache.put_rules(folder, key, *rules);
    }
    hit->rules = std::move(*rules);
    return hit;
}

// Stores a folder's result, its rules apart where the cache keeps them so.
void store_folder(loading::FolderCache& cache, const std::string& folder, const std::string& key,
                  io::FolderResult& result)
{
    if (!cache.rules_apart()) return cache.put(folder, key, result);
    cache.put_rules(folder, key, result.rules);
    std::vector<core::Diagnostic> rules = std::move(result.rules);
    result.rules.clear();
    cache.put(folder, key, result);
    result.rules = std::move(rules);
}

// An organisme folder between the two steps of its reading: listed, keyed, and its result found
// in the cache or not.
struct Prepared {
    std::string folder;
    std::vector<io::SourceFile> files;
    std::optional<std::string> key;
    std::optional<io::FolderResult> found;
    // The files whose bytes the second step reads (a cache keyed by git's ids, FolderCache::by_ids):
    // all of a folder to compute, those a found result keeps.
    [[nodiscard]] bool wants_bytes(std::size_t i) const
    {
        return !found || (i < found->files.size() && found->files[i].kept);
    }
};

// The first step of an organisme folder's reading: its files listed, their bytes read (unless the
// cache's keys are git's ids), its key made and its result looked for.
Prepared prepare_folder(io::RootReader& reader, std::size_t index, const Parts& parts, const loading::Lean* lean,
                        loading::FolderCache* cache)
{
    Prepared p{reader.folder(index), reader.list_folder(index), std::nullopt, std::nullopt};
    if (cache == nullptr || !cache->by_ids())
        for (io::SourceFile& f : p.files) reader.read_bytes(f);
    p.key = cache != nullptr ? cache->key(p.folder, p.files) : std::nullopt;
    if (p.key) p.found = cached_folder(*cache, p.folder, *p.key, parts, lean);
    return p;
}

// The second step: the result found taken, or the folder read, checked, modelled and stored. Its
// files join the reader's result.
void finish_folder(io::RootReader& reader, Prepared p, loading::ProofCache& proofs, Parts& parts,
                   const loading::Lean* lean, loading::FolderCache* cache, core::Lang lang)
{
    std::vector<bool> unread(p.files.size(), cache != nullptr && cache->by_ids());
    const auto read = [&](std::size_t i) {
        if (unread[i]) reader.read_bytes(p.files[i]);
        unread[i] = false;
    };
    if (p.found) {
        for (std::size_t i = 0; i < p.files.size(); ++i)
            if (p.wants_bytes(i)) read(i);
        if (loading::take_folder(std::move(*p.found), p.files, parts, lean)) return reader.keep(std::move(p.files));
    }
    for (std::size_t i = 0; i < p.files.size(); ++i) {
        read(i);
        reader.parse(p.files[i]);
        loading::check_file(p.files[i], reader.root(), proofs, lang);
    }
    bool outside = false;
    io::FolderResult result = loading::result_of_folder(p.files, proofs, parts, lean, &outside);
    if (p.key && !outside && cache->still_listed(p.folder, *p.key)) store_folder(*cache, p.folder, *p.key, result);
    loading::take_folder(std::move(result), p.files, parts, lean);
    reader.keep(std::move(p.files));
}

// Reads a root: the shared files one by one, each checked and (in a repository) modelled and
// released as soon as it is read; then the organisme folders on up to 16 threads, each folder
// checked, modelled and released by the thread that read it. With a result cache, what the
// shared files and each folder gave is taken from it when their bytes are those it was stored
// for. From git's index with a cache (validate --staged), the folders are keyed by git's ids
// first, then the bytes of those to compute fetched in one go, then the folders finished.
io::LoadedRoot read_root(const io::Root& root, Parts& parts, const loading::Lean* lean, core::Lang lang,
                         loading::FolderCache* folder_cache)
{
    io::RootReader reader(root, lang);
    loading::ProofCache cache;
    const bool repository = root.kind == io::RootKind::repository;
    if (repository) parts.shared.add(loading::builtin_framework_input());
    std::vector<io::SourceFile> shared = reader.take_shared();
    const io::Snapshot* staged = root.snapshot != nullptr && root.snapshot->fetch ? root.snapshot : nullptr;
    const bool by_ids = folder_cache != nullptr && folder_cache->by_ids();
    if (staged != nullptr) {
        // The bytes of the shared files, or of every file without a cache, fetched in one go.
        std::vector<std::string> wanted;
        if (by_ids) {
            for (const io::SourceFile& f : shared) wanted.push_back(f.path);
        } else {
            for (const auto& [path, id] : staged->ids) wanted.push_back(path);
        }
        staged->fetch(wanted, staged->yaml);
    }
    // Their bytes first: with a result cache (a repository's only), they make every key.
    for (io::SourceFile& f : shared) {
        reader.read_bytes(f);
        if (folder_cache != nullptr) folder_cache->add_shared(f);
    }
    // Lean: a shared file without a diagnostic gives its bytes back once modelled.
    const bool releases = lean != nullptr && !lean->whole;
    std::optional<io::SharedResult> known = folder_cache != nullptr ? folder_cache->get_shared() : std::nullopt;
    if (!known || !loading::take_shared(std::move(*known), shared, reader.folder_count(), parts, releases)) {
        // Parsed one by one: two sessions of thousands of decisions parsed at once double the
        // peak of memory (docs/performance.md, step 12).
        for (io::SourceFile& f : shared) {
            reader.parse(f);
            loading::check_file(f, root, cache, lang);
            if (repository) loading::model_shared_file(f, parts, releases);
        }
        if (repository) loading::model_shared(reader.folder_count(), parts);
        if (folder_cache != nullptr) folder_cache->put_shared(loading::shared_result(shared, parts));
    }
    reader.keep(std::move(shared));
    const std::size_t count = reader.folder_count();
    if (by_ids) {
        std::vector<Prepared> prepared(count);
        on_every_core(count, [&](std::size_t g) { prepared[g] = prepare_folder(reader, g, parts, lean, folder_cache); });
        std::vector<std::string> wanted;
        for (const Prepared& p : prepared)
            for (std::size_t i = 0; i < p.files.size(); ++i)
                if (p.wants_bytes(i)) wanted.push_back(p.files[i].path);
        staged->fetch(wanted, staged->yaml);
        on_every_core(count, [&](std::size_t g) {
            finish_folder(reader, std::move(prepared[g]), cache, parts, lean, folder_cache, lang);
        });
    } else {
        on_every_core(count, [&](std::size_t g) {
            finish_folder(reader, prepare_folder(reader, g, parts, lean, folder_cache), cache, parts, lean,
                          folder_cache, lang);
        });
    }
    if (folder_cache != nullptr) folder_cache->commit();
    return std::move(reader).finish();
}

// Runs the label's rules on a root's model (the repository's only, when lean: the organismes'
// ran as each folder was read) and the auditors' sign-offs; adds their diagnostics to found.
void run_rules(const core::Model& model, const io::LoadedRoot& loaded, Parts& parts, bool lean, core::Date day,
               core::Lang lang, std::vector<core::Diagnostic>& found, std::vector<std::string>& skipped_rules)
{
    const bool repository = loaded.root.kind == io::RootKind::repository;
    core::RuleReport report = lean && repository ? core::check_repository_rules(model, day, lang, parts.unreadable)
                                                 : core::check_rules(model, day, lang, parts.unreadable);
    for (core::Diagnostic& d : parts.diagnostics) report.diagnostics.push_back(std::move(d));
    // The auditors' sign-offs: hashing the pieces needs their bytes, which this layer reads;
    // whether the signed versions are still in git, one git process answers for all.
    const core::VisaCallbacks visa_io = io::visa_callbacks(loaded.root, lang);
    for (core::Diagnostic& d :
         core::check_visas(model, day, visa_io.digest, visa_io.verify, lang, visa_io.blobs))
        report.diagnostics.push_back(std::move(d));
    core::FieldsToFill to_fill;
    for (const io::SourceFile& f : loaded.files) to_fill.note(f.path, f.diagnostics);
    to_fill.drop_from(report.diagnostics);
    found.insert(found.end(), std::make_move_iterator(report.diagnostics.begin()),
                 std::make_move_iterator(report.diagnostics.end()));
    for (std::string& code : report.skipped)
        if (std::find(skipped_rules.begin(), skipped_rules.end(), code) == skipped_rules.end())
            skipped_rules.push_back(std::move(code));
}

// Loads one root into the workspace: its files, its model, and the diagnostics of the paths it
// selects, with their paths as the user can open them.
void load_target(const Target& t, const Context& ctx, const LoadOptions& options, const fs::path& cwd, Workspace& ws)
{
    io::Root root = t.root;
    root.snapshot = options.snapshot;
    Parts parts;
    const core::Date day = options.as_of.value_or(ctx.today);
    // With the rules, each organisme's run with its folder (and are cached with it); the
    // repository's run at the end, on what the model kept of each (run_rules).
    const std::optional<loading::Lean> lean =
        options.rules ? std::optional<loading::Lean>(loading::Lean{
                            day, ctx.lang,
                            [&](const std::string& path) { return selected(root.dir / path, t.selections); },
                            options.each_organisme ? &options.each_organisme : nullptr,
                            !options.lean_model && !options.each_organisme})
                      : std::nullopt;
    // The result cache: for a repository's folders, unless --no-cache. What an organisme
    // folder gives depends on the as-of date only where its rules run (lean).
    std::optional<loading::FolderCache> folder_cache;
    // The commands that read whole organismes share their entries (status, deadlines…: no rules;
    // agenda, dossier, bilan: their rules are stored apart, by date).
    if (root.kind == io::RootKind::repository && !ctx.no_cache) {
        const bool whole = !lean || lean->whole;
        folder_cache.emplace(root, whole ? "whole" : lean->each != nullptr ? "site" : "lean", ctx.lang,
                             whole ? std::nullopt : std::optional(day),
                             lean && lean->whole ? std::optional(day) : std::nullopt);
    }
    io::LoadedRoot loaded =
        read_root(root, parts, lean ? &*lean : nullptr, ctx.lang, folder_cache ? &*folder_cache : nullptr);
    std::vector<core::Diagnostic> found = std::move(loaded.diagnostics);
    core::Model model = loading::model_of(loaded, parts);
    if (options.rules) run_rules(model, loaded, parts, lean.has_value(), day, ctx.lang, found, ws.skipped_rules);
    ws.models.push_back(std::move(model));
    ws.unreadable.push_back(parts.unreadable);
    ws.files_checked += static_cast<int>(parts.files_taken);
    const bool lone = root.kind == io::RootKind::organisme;
    for (const io::SourceFile& f : loaded.files) {
        if (!selected(root.dir / f.path, t.selections)) continue;
        ++ws.files_checked;
        found.insert(found.end(), f.diagnostics.begin(), f.diagnostics.end());
        if (!f.placement) found.push_back(core::unknown_place(f.path, lone, ctx.lang));
    }
    for (core::Diagnostic& d : found) {
        if (!selected(root.dir / d.file, t.selections)) continue;
        d.file = display_path(root.dir / d.file, cwd);
        for (core::Note& n : d.notes) n.file = display_path(root.dir / n.file, cwd);
        ws.diagnostics.push_back(std::move(d));
    }
    ws.roots.push_back(std::move(loaded));
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

io::Root root_of(const std::string& path, core::Lang lang)
{
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec)))
        throw EnvironmentError(say(lang, "chemin introuvable : {}", "no such path: {}", path));
    std::optional<io::Root> root = io::find_root(path);
    if (!root)
        throw EnvironmentError(say(lang,
            "{} n'est pas dans un dépôt quali (aucun quali.yaml ni organisme.yaml dans ce dossier ou au-dessus)",
            "{} is not inside a quali repository (no quali.yaml nor organisme.yaml in this folder or above)",
            path == "." ? say(lang, "le dossier courant", "the current folder") : path));
    return *std::move(root);
}

Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx, const LoadOptions& options)
{
    Workspace ws;
    const fs::path cwd = current_dir();
    for (const Target& t : targets_of(paths, ctx.lang)) load_target(t, ctx, options, cwd, ws);
    for (const io::LoadedRoot& r : ws.roots)
        for (const io::SourceFile& f : r.files)
            ws.by_display[display_path(r.root.dir / f.path, cwd)] = {&r.root, &f};
    core::sort_diagnostics(ws.diagnostics);
    return ws;
}

} // namespace quali::commands
