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
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quali::io {

namespace fs = std::filesystem;

struct SourceFile {
    std::string path;   // relative to the root, '/'-separated
    std::optional<core::Placement> placement;
    std::string bytes;  // as read (empty when unreadable)
    // The parsed document; null when the file could not be read or parsed. load_workspace
    // (src/commands) releases the trees once they are modelled: read the model.
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
    std::vector<SourceFile> files;                    // every YAML file kept (RootReader::keep), sorted by path
    std::vector<core::Diagnostic> diagnostics;        // problems of the layout itself
    std::set<std::string> organismes;                 // slugs of organismes/<slug>/ folders
};

// Reads a root in two stages, for the caller to model each part as soon as it is read and
// release its trees (commands/load_workspace): first the files outside organisme folders (the
// whole of a lone organisme folder), one by one, then each organisme folder, walked and read
// whole. read_folder and keep may be called from several threads at once; the rest from one.
class RootReader {
public:
    // Walks the root (not the organisme folders of a repository on disk: their paths are listed
    // by read_folder, so that those of tens of thousands of files are never all in memory).
    RootReader(const Root& root, core::Lang lang);

    const Root& root() const { return m_out.root; }

    // The files outside organisme folders, sorted, not read yet; given once.
    std::vector<SourceFile> take_shared();

    // Reads one file: its place in the layout, its bytes with every guard, its byte checks and
    // its YAML tree (SourceFile::tree, root), each problem a diagnostic of the file.
    void read(SourceFile& f) const;
    // The two halves of read: its place and its bytes (with their checks), then its tree.
    void read_bytes(SourceFile& f) const;
    void parse(SourceFile& f) const;

    // The number of organisme folders to read with read_folder, and the index-th one's path
    // (organismes/<slug>), in path order.
    std::size_t folder_count() const { return m_folders.size(); }
    const std::string& folder(std::size_t index) const { return m_folders[index].first; }

    // Walks and reads the index-th organisme folder, in path order; each index once.
    std::vector<SourceFile> read_folder(std::size_t index);
    // read_folder without the reading: the folder walked, its layout's findings noted, its
    // files named but not read (read_folder is list_folder, then read on each file).
    std::vector<SourceFile> list_folder(std::size_t index);

    // Files to be part of the result (LoadedRoot::files); the others are left out.
    void keep(std::vector<SourceFile> files);

    // Everything read, its files sorted by path, with the layout's own checks (an organisme
    // folder without organisme.yaml, Q015; a folder name that is no identifier, Q017).
    LoadedRoot finish() &&;

private:
    core::Lang m_lang;
    fs::path m_canonical_root;
    LoadedRoot m_out;
    std::vector<SourceFile> m_shared;
    std::vector<std::pair<std::string, std::vector<std::string>>> m_folders;  // folder, files (snapshot: listed)
    std::mutex m_mutex;                   // m_out.files, m_out.diagnostics, m_identified
    std::set<std::string> m_identified;   // organisme folders holding an organisme.yaml entry
};

// Reads every YAML file under the root (hidden folders and proof folders excepted) on one
// thread, keeping them all: RootReader read in full, for tests and small tools.
LoadedRoot load_root(const Root& root, core::Lang lang);

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
