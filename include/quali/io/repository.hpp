// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Finding and loading a repository (or a lone organisme folder) from disk: every YAML file is
// read once, checked at byte level, parsed into quali's tree, and given its place in the layout.
#include "quali/core/diagnostic.hpp"
#include "quali/core/document.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/snapshot.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace quali::io {

namespace fs = std::filesystem;

struct SourceFile {
    std::string path;   // relative to the root, '/'-separated
    std::optional<core::Placement> placement;
    std::string bytes;  // as read (empty when unreadable)
    // The parsed document; null when the file could not be read or parsed. load_workspace
    // (src/commands) releases those of organisme folders once they are modelled: read the model.
    std::unique_ptr<core::Tree> tree;
    const core::Node* root = nullptr;
    std::vector<core::Diagnostic> diagnostics;  // byte-level and YAML-level problems
};

enum class RootKind : std::uint8_t { repository, organisme };

// Where the files are: a repository root (holding quali.yaml) or a lone organisme folder.
struct Root {
    fs::path dir;
    RootKind kind = RootKind::repository;
    // When set, the files are read from this snapshot (git's index, for validate --staged)
    // instead of the folder: same layout, same guards; dir still names the root.
    const Snapshot* snapshot = nullptr;
};

// An absolute, lexically normal path without a trailing separator.
fs::path normal_absolute(const fs::path& p);

// Finds the root for a path: the nearest folder at or above it holding quali.yaml, else the
// nearest holding organisme.yaml; nullopt when there is neither.
std::optional<Root> find_root(const fs::path& start);

struct LoadedRoot {
    Root root;
    std::vector<SourceFile> files;                    // every YAML file but those a group hook took, sorted by path
    std::vector<core::Diagnostic> diagnostics;        // problems of the layout itself
    std::set<std::string> organismes;                 // slugs of organismes/<slug>/ folders
};

// Work done on each file right after it is parsed, on the loading thread.
using FileHook = std::function<void(SourceFile&)>;

// Work done on the files outside organisme folders (the whole of a lone organisme folder) once
// they are all parsed and hooked, before any organisme folder is read; `folders` is the number
// of organisme folders to be read next.
using SharedHook = std::function<void(std::span<SourceFile> files, std::size_t folders)>;

// Work done on the files of one organisme folder once they are all parsed and hooked, on the
// thread that read them. It may take files out of the vector: they are then left out of
// LoadedRoot::files (quali validate keeps only the files it has something to say about).
using GroupHook = std::function<void(std::vector<SourceFile>& files)>;

// Reads every YAML file under the root (hidden folders and proof folders excepted), on
// `threads` threads, in two stages: first the files outside organisme folders, then each
// organisme folder, walked and read by one thread and given whole to `group_hook`, so that its
// files can be released together. `hook` runs on each file right after it is parsed.
LoadedRoot load_root(const Root& root, core::Lang lang, unsigned threads, const FileHook& hook = {},
                     const SharedHook& shared_hook = {}, const GroupHook& group_hook = {});

// The bytes of a file of the root read again, with the guards of load_root (a link leaving the
// root, a file too large…); "" when it cannot be read. For the source line of a diagnostic in
// a file whose bytes were released after loading.
std::string read_again(const Root& root, const std::string& path);

// Answers "does this proof exist?" for one organisme folder.
class FolderPaths final : public core::PathOracle {
public:
    explicit FolderPaths(fs::path folder);
    core::PathStatus status(std::string_view path) const override;
    // Regular files only, links not followed, at most max_listed_files; listed once.
    std::vector<std::string> files() const override;

    static constexpr std::size_t max_listed_files = 5000;

private:
    fs::path m_folder;
    mutable fs::path m_canonical;  // resolved when a link is met on the way to a proof
    mutable std::optional<std::vector<std::string>> m_files;
};

} // namespace quali::io
