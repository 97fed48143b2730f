// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Questions to git's object database for the auditor's sign-off (DOMAIN.md §5.3): are the signed
// versions still there, and which commit holds them. The real git binary, run with argument
// vectors (no shell), one process per question for every blob at once, never one per piece.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quali::io {

// Makes git's path variables absolute, once: hooks set GIT_INDEX_FILE or GIT_DIR relative to the
// work tree's top, and quali runs git with -C elsewhere.
void absolute_git_environment();

// Of the blob ids asked, those the object database of the git repository holding dir has, as
// blobs: one `git cat-file --batch-check` for all of them. nullopt when dir is in no git
// repository or git cannot be run.
std::optional<std::set<std::string>> git_blobs_present(const std::filesystem::path& dir,
                                                       const std::vector<std::string>& ids);

// For the blob ids asked, the newest commit (reachable from any reference, full hash) that
// added each one: one `git log --all --find-object=…` for all of them. Ids found in no commit,
// or every id when git cannot answer, are absent from the result.
std::map<std::string, std::string> git_commits_holding(const std::filesystem::path& dir,
                                                       const std::vector<std::string>& ids);

} // namespace quali::io
