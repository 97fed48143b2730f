#pragma once
// Finding and loading a repository (or a lone organisme folder) from disk: every YAML file is
// read once, checked at byte level, parsed into quali's tree, and given its place in the layout.
#include "quali/core/diagnostic.hpp"
#include "quali/core/document.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/value_checks.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
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
    std::unique_ptr<core::Tree> tree;
    const core::Node* root = nullptr;     // null when the file could not be read or parsed
    std::vector<core::Diagnostic> diagnostics;  // byte-level and YAML-level problems
};

enum class RootKind : std::uint8_t { repository, organisme };

// Where the files are: a repository root (holding quali.yaml) or a lone organisme folder.
struct Root {
    fs::path dir;
    RootKind kind = RootKind::repository;
};

// An absolute, lexically normal path without a trailing separator.
fs::path normal_absolute(const fs::path& p);

// Finds the root for a path: the nearest folder at or above it holding quali.yaml, else the
// nearest holding organisme.yaml; nullopt when there is neither.
std::optional<Root> find_root(const fs::path& start);

struct LoadedRoot {
    Root root;
    std::vector<SourceFile> files;                    // every YAML file, sorted by path
    std::vector<core::Diagnostic> diagnostics;        // problems of the layout itself
    std::set<std::string> organismes;                 // slugs of organismes/<slug>/ folders
};

// Work done on each file right after it is parsed, on the loading thread.
using FileHook = std::function<void(SourceFile&)>;

// Reads every YAML file under the root (hidden folders and proof folders excepted), on
// `threads` threads; `hook` runs on each parsed file.
LoadedRoot load_root(const Root& root, core::Lang lang, unsigned threads, const FileHook& hook = {});

// Answers "does this proof exist?" for one organisme folder.
class FolderPaths final : public core::PathOracle {
public:
    explicit FolderPaths(fs::path folder);
    core::PathStatus status(std::string_view path) const override;

private:
    fs::path m_folder;
    fs::path m_canonical;
};

} // namespace quali::io
