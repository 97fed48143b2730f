// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/atomic_write.hpp"

#include <cerrno>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace quali::io {

namespace fs = std::filesystem;

namespace {

std::error_code last_error()
{
    return {errno, std::generic_category()};
}

// Closes a descriptor and removes a temporary file unless released.
class TempFile {
  public:
    TempFile(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile()
    {
        if (m_fd >= 0) ::close(m_fd);
        if (!m_path.empty()) ::unlink(m_path.c_str());
    }
    int fd() const { return m_fd; }
    const std::string& path() const { return m_path; }
    std::error_code close()
    {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0 ? std::error_code{} : last_error();
    }
    void release() { m_path.clear(); }

  private:
    int m_fd;
    std::string m_path;
};

bool exists_no_follow(const fs::path& p)
{
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

mode_t creation_mode(const fs::path& target)
{
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) return st.st_mode & 07777; // keep an overwritten file's mode
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

std::error_code write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return last_error();
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

void sync_folder(const fs::path& folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd); // best effort: some file systems refuse it on folders
    ::close(fd);
}

} // namespace

std::error_code write_file_atomically(const fs::path& path, std::string_view bytes, bool force)
{
    if (path.empty() || !path.has_filename()) return std::make_error_code(std::errc::is_a_directory);
    if (!force && exists_no_follow(path)) return std::make_error_code(std::errc::file_exists);
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");

    std::string pattern = (folder / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) return last_error();
    TempFile tmp(fd, pattern);

    if (::fchmod(tmp.fd(), creation_mode(path)) != 0) return last_error();
    if (auto ec = write_all(tmp.fd(), bytes)) return ec;
    if (::fsync(tmp.fd()) != 0) return last_error();
    if (auto ec = tmp.close()) return ec;

    if (force) {
        if (::rename(tmp.path().c_str(), path.c_str()) != 0) return last_error();
    } else {
        // link() fails when the target exists: no window in which another writer's file is lost.
        if (::link(tmp.path().c_str(), path.c_str()) != 0) {
            if (errno == EEXIST) return std::make_error_code(std::errc::file_exists);
            if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != EXDEV)
                return last_error();
            // File systems without hard links: check, then rename.
            if (exists_no_follow(path)) return std::make_error_code(std::errc::file_exists);
            if (::rename(tmp.path().c_str(), path.c_str()) != 0) return last_error();
            tmp.release();
            sync_folder(folder);
            return {};
        }
        ::unlink(tmp.path().c_str());
    }
    tmp.release();
    sync_folder(folder);
    return {};
}

} // namespace quali::io
