// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/snapshot.hpp"

#include <filesystem>

namespace quali::io {

SnapshotPaths::SnapshotPaths(const Snapshot& snapshot, std::string folder)
    : m_snapshot(snapshot), m_folder(std::move(folder))
{
}

core::PathStatus SnapshotPaths::status(std::string_view path) const
{
    const std::filesystem::path joined = std::filesystem::path(m_folder) / std::string(path);
    const std::string p = joined.lexically_normal().generic_string();
    if (m_snapshot.files.contains(p) || m_snapshot.links.contains(p)) return core::PathStatus::file;
    const auto below = m_snapshot.files.lower_bound(p + "/");
    if (below != m_snapshot.files.end() && below->starts_with(p + "/")) return core::PathStatus::not_a_file;
    return core::PathStatus::missing;
}

std::vector<std::string> SnapshotPaths::files() const
{
    std::vector<std::string> out;
    const std::string prefix = m_folder.empty() ? std::string() : m_folder + "/";
    for (auto it = m_snapshot.files.lower_bound(prefix); it != m_snapshot.files.end() && it->starts_with(prefix); ++it)
        out.push_back(it->substr(prefix.size()));
    return out;
}

} // namespace quali::io
