// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Files as another source holds them than the working tree: git's index, for
// quali validate --staged (what the next commit holds, not what the editor saved).
#include "quali/core/value_checks.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quali::io {

struct Snapshot {
    // Paths are relative to the root, '/'-separated.
    // The bytes of the .yaml files: all of them from the start, or, where fetch is set, those
    // fetched so far (fetch is called between the loading's phases, never while its threads
    // read them).
    mutable std::map<std::string, std::string> yaml;
    std::map<std::string, std::string> ids;   // git's object id of every .yaml file, where known
    std::set<std::string> files;              // every file, YAML or not (proofs, pieces)
    std::set<std::string> links;              // symbolic links: never followed, reported
    // The bytes of any file of the snapshot (a proof, a piece, a .yaml file not fetched), read on
    // demand.
    std::function<std::optional<std::string>(const std::string& path)> read;
    // Adds the bytes of the .yaml files at these paths to into (yaml), in one go.
    std::function<void(const std::vector<std::string>& paths, std::map<std::string, std::string>& into)> fetch;
};

// Answers "does this proof exist?" from a snapshot, for one organisme folder ("" for a lone
// organisme folder, else "organismes/<slug>").
class SnapshotPaths final : public core::PathOracle {
public:
    SnapshotPaths(const Snapshot& snapshot, std::string folder);
    core::PathStatus status(std::string_view path) const override;
    std::vector<std::string> files() const override;

private:
    const Snapshot& m_snapshot;
    std::string m_folder;
};

} // namespace quali::io
