// SPDX-License-Identifier: EUPL-1.2
#pragma once
// quali's use of git: the real git binary, run with argument vectors (no libgit2, no shell).
// Everything a command needs: the index as a snapshot (validate --staged), what changed since
// a revision (validate --changed, diff), a file as it was at a revision.
#include "commands/command.hpp"
#include "quali/io/snapshot.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace quali::commands::git {

// True when git is installed.
bool available();

// The top of the git work tree holding dir, or nullopt when dir is in none (or git is missing).
std::optional<std::filesystem::path> toplevel(const std::filesystem::path& dir);

// Runs git -C dir args…; returns its standard output. Throws EnvironmentError with git's own
// message when it fails, or when git is not installed.
std::string run(const std::filesystem::path& dir, const std::vector<std::string>& args, const Context& ctx,
                std::string_view input = {});

// The files of the index (what the next commit holds) under root, paths relative to it.
io::Snapshot staged(const std::filesystem::path& root, const Context& ctx);

// Whether rev names a commit (HEAD does not in a repository without commits).
bool is_commit(const std::filesystem::path& root, const std::string& rev);

enum class ChangeKind : char { added = 'A', modified = 'M', deleted = 'D' };

struct Change {
    ChangeKind kind;
    std::string path;  // relative to root, '/'-separated
};

// Every file under root changed between rev and the working tree (committed, staged or not,
// and files git does not track yet, unless ignored), sorted by path; without a commit rev
// (a repository without commits), every file is added. Throws EnvironmentError for an
// unknown revision.
std::vector<Change> changes_since(const std::filesystem::path& root, const std::string& rev, const Context& ctx);

// The content of a file (relative to root) at rev, or nullopt when it did not exist there.
std::optional<std::string> show(const std::filesystem::path& root, const std::string& rev, const std::string& path,
                                const Context& ctx);

// A short, readable name of rev (abbreviated hash).
std::string short_name(const std::filesystem::path& root, const std::string& rev);

} // namespace quali::commands::git
