// SPDX-License-Identifier: EUPL-1.2
// Building a folder beside its target and moving it into place (site_folder.hpp).
#include "quali/io/site_folder.hpp"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace quali::io {

namespace fs = std::filesystem;

TargetState target_state(const fs::path& target)
{
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(target, ec);
    if (ec || !fs::exists(st)) return TargetState::absent;
    if (!fs::is_directory(st)) return TargetState::foreign;
    if (fs::is_empty(target, ec) && !ec) return TargetState::empty_folder;
    const fs::file_status stamp = fs::symlink_status(target / site_stamp, ec);
    return !ec && fs::is_regular_file(stamp) ? TargetState::stamped_folder : TargetState::foreign;
}

StagedFolder::StagedFolder(fs::path target) : m_target(std::move(target))
{
    const fs::path name =
        m_target.filename().empty() ? m_target.parent_path().filename() : m_target.filename();
    if (m_target.filename().empty()) m_target = m_target.parent_path();
    const fs::path folder = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::string pattern = (folder / ("." + name.string() + ".tmp-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), pattern);
    m_staging = pattern;
    // mkdtemp makes the folder private; a site is read by a web server: the umask's usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(m_staging.c_str(), static_cast<mode_t>(0777 & ~mask));
}

StagedFolder::~StagedFolder()
{
    if (m_committed) return;
    std::error_code ec;
    fs::remove_all(m_staging, ec);
}

std::error_code StagedFolder::write(const fs::path& relative_path, std::string_view bytes)
{
    return write(relative_path, std::span<const std::string_view>(&bytes, 1));
}

std::error_code StagedFolder::write(const fs::path& relative_path, std::span<const std::string_view> parts)
{
    return write(relative_path, [parts](const Writer& out) {
        for (const std::string_view part : parts)
            out(part);
    });
}

std::error_code StagedFolder::write(const fs::path& relative_path, const std::function<void(const Writer&)>& produce)
{
    const fs::path path = m_staging / relative_path;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return ec;
    // No fsync per file: the folder is invisible until commit, which moves it whole.
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    produce([&out](std::string_view bytes) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
    out.close();
    return out ? std::error_code{} : std::make_error_code(std::errc::io_error);
}

std::error_code StagedFolder::copy(const fs::path& from, const fs::path& relative_path)
{
    const fs::path path = m_staging / relative_path;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return ec;
    fs::copy_file(from, path, fs::copy_options::overwrite_existing, ec);
    return ec;
}

std::error_code StagedFolder::commit(std::string_view stamp_text, bool replace)
{
    if (auto ec = write(fs::path(site_stamp), stamp_text)) return ec;
    std::error_code ec;
    switch (target_state(m_target)) {
    case TargetState::foreign:
        return std::make_error_code(std::errc::file_exists);
    case TargetState::stamped_folder: {
        if (!replace) return std::make_error_code(std::errc::file_exists);
        // Two renames: the old folder steps aside, the new one takes its name, the old goes.
        fs::path old = m_staging;
        old += ".ancien";
        fs::rename(m_target, old, ec);
        if (ec) return ec;
        fs::rename(m_staging, m_target, ec);
        if (ec) {
            std::error_code back;
            fs::rename(old, m_target, back);
            return ec;
        }
        m_committed = true;
        fs::remove_all(old, ec);
        return {};
    }
    case TargetState::empty_folder:
        fs::remove(m_target, ec); // rmdir: fails, harmlessly, if a file appeared meanwhile
        if (ec) return std::make_error_code(std::errc::file_exists);
        break;
    case TargetState::absent:
        break;
    }
    fs::rename(m_staging, m_target, ec);
    if (ec) return ec == std::errc::directory_not_empty ? std::make_error_code(std::errc::file_exists) : ec;
    m_committed = true;
    return {};
}

} // namespace quali::io
