// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Inside load_workspace (workspace.cpp): the file-level checks with their proof cache, and the
// model of a repository built part by part as io::RootReader reads it (loading.cpp).
#include "commands/workspace.hpp"
#include "quali/core/model.hpp"
#include "quali/core/model_builder.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/repository.hpp"
#include "quali/io/result_codec.hpp"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace quali::commands::loading {

// What the value checks learnt of the proofs each file of a folder cites (a proof is often
// cited twice: by an action and by a candidature). A folder's answers are forgotten once it is
// modelled: repositories have thousands of folders.
class ProofCache {
  public:
    std::optional<core::PathStatus> find(const std::string& folder, const std::string& path) const;
    void add(const std::string& folder, std::string path, core::PathStatus status);
    // A proof asked by a path that may lead out of its folder (absolute, or through ..): the
    // folder's result then depends on more than the folder (FolderCache).
    void note_outside(const std::string& folder);
    // Forgets a folder's answers; true when one of them looked outside it.
    bool forget(const std::string& folder);

  private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::unordered_map<std::string, core::PathStatus>> m_known;
    std::unordered_set<std::string> m_outside;
};

// Runs the file-level checks of a parsed file of the layout (core::check_document: schema,
// values, proofs asked through the cache) and adds their diagnostics to the file's.
void check_file(io::SourceFile& f, const io::Root& root, ProofCache& cache, core::Lang lang);

// A repository as the loading threads model it: the shared files first (quali.yaml, referentiel,
// comite, auditeurs), then each organisme folder as soon as it is read, so that the document
// trees of thousands of folders are never all in memory at once.
struct Parts {
    std::mutex mutex;
    core::ModelBuilder shared;                  // the shared files, added as each is read
    core::Model model;                          // theirs; the organismes join it at the end
    std::vector<core::Organisme> organismes;    // one or none per folder, whole or summarised
    std::vector<std::string> shared_unreadable; // shared files the rules cannot read
    std::vector<std::string> unreadable;        // every file the rules cannot read
    std::vector<core::Diagnostic> diagnostics;  // the rules of each organisme (lean loading)
    std::size_t files_taken = 0;                // selected files left out of the result (lean)
};

// Lean loading (quali validate): each organisme's rules run as soon as its folder is modelled,
// the repository keeps only its summary (core::summary), and a file's bytes are kept only
// where a diagnostic may show a line of it.
struct Lean {
    core::Date as_of;
    core::Lang lang;
    std::function<bool(const std::string& path)> selected; // a path relative to the root
    // quali site (LoadOptions::each_organisme): given each whole organisme; the model then keeps
    // what it gives back (a digest) rather than its summary.
    const EachOrganisme* each = nullptr;
    // The commands that read the whole model (agenda, dossier, bilan): each organisme's rules run
    // with its folder, as for validate, but the model keeps it whole, and every file.
    bool whole = false;
};

// The example framework built into quali, which the repository's own replaces.
core::ModelInput builtin_framework_input();

// Adds a shared file of a repository (outside organisme folders) to its model as soon as it is
// read, and releases its tree: the sessions of a large repository are megabytes of trees.
void model_shared_file(io::SourceFile& f, Parts& parts, bool lean);

// The shared files' model, once they are all read and before any organisme folder is.
void model_shared(std::size_t folders, Parts& parts);

// The result cache's view of the shared files once modelled (model_shared): the model, the
// files the rules cannot read, each file's diagnostics.
io::SharedResult shared_result(const std::vector<io::SourceFile>& shared, const Parts& parts);

// The shared files' model and diagnostics from the cache instead (the files read, not parsed;
// lean: those without a diagnostic give their bytes back). False, and nothing done, when result
// is not of these files.
bool take_shared(io::SharedResult result, std::vector<io::SourceFile>& shared, std::size_t folders, Parts& parts,
                 bool lean);

// Models one organisme folder of a repository, then releases its trees. Lean: runs its rules,
// keeps its summary, and takes out the files with nothing to show (counted if selected).
// model_folder is take_folder of result_of_folder, between which the result may be stored.
void model_folder(std::vector<io::SourceFile>& group, ProofCache& cache, Parts& parts, const Lean* lean);

// What one organisme folder gives, its files read, parsed and checked: its organisme (whole, or
// its summary when lean without each), its rules' diagnostics when lean, its unreadable files,
// and its files' diagnostics (moved out of group), each marked kept or taken out. Its trees are
// released. looked_outside: set when a proof was asked outside the folder (not to be cached).
io::FolderResult result_of_folder(std::vector<io::SourceFile>& group, ProofCache& cache, const Parts& parts,
                                  const Lean* lean, bool* looked_outside = nullptr);

// The rules of a folder's organisme (whole) as of lean's date: what result_of_folder puts in
// FolderResult::rules, for a whole organisme found in the cache without them.
std::vector<core::Diagnostic> organisme_rules(const io::FolderResult& result, const Parts& parts, const Lean& lean);

// Adds a folder's result (computed now or found in the cache) to parts: its files (group, the
// same paths in the same order, not parsed) get their diagnostics back and those taken out
// leave group; quali site's callback is given the whole organisme. False, and nothing done,
// when result is not of these files.
bool take_folder(io::FolderResult result, std::vector<io::SourceFile>& group, Parts& parts, const Lean* lean);

// Reads again some organisme folders of a repository (paths organismes/<slug>, sorted), each
// whole and checked, its rules not run; each: given each folder's organisme (quali site writes
// again the pages the repository's rules changed).
void read_organismes(const io::Root& root, const std::vector<std::string>& folders, core::Lang lang,
                     const std::function<void(const core::Organisme&)>& each);

// The model of a root once loaded: the repository's parts joined, or a lone organisation folder's.
core::Model model_of(io::LoadedRoot& loaded, Parts& parts);

} // namespace quali::commands::loading
