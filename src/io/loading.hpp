// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Inside io's loading (repository.cpp, walk.cpp, read_file.cpp): the walk of a root or of a
// snapshot, and the reading of one file with every guard. Not part of io's interface.
#include "quali/io/repository.hpp"

#include <set>
#include <string>
#include <vector>

namespace quali::io::detail {

core::Diagnostic file_error(std::string path, std::string code, std::string message, std::string hint = {},
                            core::Severity severity = core::Severity::error);

// True when child is parent or lies under it (both lexically normal).
bool inside(const fs::path& child, const fs::path& parent);

// A candidate YAML file found by the walk, before reading: its path relative to the root
// ('/'-separated). Only the relative path is kept: a repository has tens of thousands of them.
struct Found {
    std::string rel;
};

// Where a walk puts what it finds.
struct Walked {
    std::vector<Found> found;         // YAML files
    std::vector<std::string> folders; // organisme folders left to their own walk ("organismes/<slug>")
    std::vector<core::Diagnostic> diagnostics; // layout problems
    std::set<std::string> organismes;          // slugs of organismes/<slug>/ folders
};

// Walks `start` (the root, or a folder `depth` levels below it) without following directory
// links; paths are relative to `root`. With split, an organisme folder is not entered but
// listed in `folders`, for a loading thread to walk when it reads it.
void walk(const fs::path& start, int depth, const fs::path& root, RootKind kind, core::Lang lang, bool split,
          Walked& out);

// The same walk over a snapshot's paths (git's index): the same folders skipped, the same
// warnings; symbolic links are listed so that reading them reports them.
void walk_snapshot(const Snapshot& snapshot, RootKind kind, core::Lang lang, Walked& out);

// Reads one file's bytes with every guard: not a regular file, a link leaving the root, too
// large, unreadable; from the snapshot when the root has one.
void read_bytes(SourceFile& f, const Root& root, const fs::path& canonical_root, core::Lang lang);

// Checks the bytes (core::check_text) and parses them into quali's tree.
void parse_one(SourceFile& f, core::Lang lang);

// A file's bytes up to limit + 1 (so that a file grown past the limit shows), from an open
// descriptor, expected bytes long; false on a read error.
bool read_descriptor(int fd, std::size_t expected, std::size_t limit, std::string& out);

} // namespace quali::io::detail
