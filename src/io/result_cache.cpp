// SPDX-License-Identifier: EUPL-1.2
// The result cache's entries on disk (result_cache.hpp). An entry is one file:
//   quali-cache 1\n<sha256 of the key>\n<sha256 of the payload>\n<payload>
// named e-<32 hex digits of the name's sha256>, written to a temporary file of the same folder
// then renamed over.
#include "quali/io/result_cache.hpp"

#include "quali/io/digest.hpp"

#include "loading.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace quali::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view entry_prefix = "e-";
constexpr std::string_view temporary_prefix = ".tmp-";

// The folder a .git file names ("gitdir: PATH", relative to the work tree's root or absolute).
std::optional<fs::path> linked_git_dir(const fs::path& root)
{
    std::ifstream in(root / ".git");
    std::string line;
    if (!std::getline(in, line) || !line.starts_with("gitdir:")) return std::nullopt;
    std::string named = line.substr(7);
    named.erase(0, named.find_first_not_of(" \t"));
    while (!named.empty() && (named.back() == '\r' || named.back() == ' '))
        named.pop_back();
    if (named.empty()) return std::nullopt;
    const fs::path dir = fs::path(named).is_absolute() ? fs::path(named) : root / named;
    std::error_code ec;
    return fs::is_directory(dir, ec) ? std::optional(dir.lexically_normal()) : std::nullopt;
}

bool write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// The whole of an entry's file (at most 256 MiB: anything larger is no entry of ours).
bool read_entry(const fs::path& path, std::string& out)
{
    constexpr std::size_t largest = 256 << 20;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st {};
    const bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                    detail::read_descriptor(fd, static_cast<std::size_t>(st.st_size), largest, out) &&
                    out.size() <= largest;
    ::close(fd);
    return ok;
}

} // namespace

fs::path cache_folder(const fs::path& root)
{
    std::error_code ec;
    // The work tree holding root: root itself, or a folder above it (a repository kept in a
    // sub-folder of a git work tree).
    for (fs::path dir = root.lexically_normal();; dir = dir.parent_path()) {
        const fs::path git = dir / ".git";
        if (fs::is_directory(git, ec)) return git / "quali";
        if (fs::is_regular_file(git, ec))
            if (const auto linked = linked_git_dir(dir)) return *linked / "quali";
        if (!dir.has_relative_path() || dir.parent_path() == dir) break;
    }
    fs::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && fs::path(xdg).is_absolute())
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home != nullptr && fs::path(home).is_absolute())
        base = fs::path(home) / ".cache";
    else
        return {};
    const fs::path canonical = fs::weakly_canonical(root, ec);
    return base / "quali" / sha256_hex((ec ? root : canonical).string()).substr(0, 32);
}

fs::path ResultCache::entry_path(std::string_view name) const
{
    return folder_ / (std::string(entry_prefix) + sha256_hex(name).substr(0, 32));
}

std::optional<std::string> ResultCache::get(std::string_view name, std::string_view key) const
{
    if (folder_.empty()) return std::nullopt;
    std::string entry;
    if (!read_entry(entry_path(name), entry)) return std::nullopt;
    // format, key hash and payload hash, one per line, then the payload.
    const std::string head = std::string(format) + "\n" + sha256_hex(key) + "\n";
    constexpr std::size_t hash_line = 65;
    if (!entry.starts_with(head) || entry.size() < head.size() + hash_line || entry[head.size() + 64] != '\n')
        return std::nullopt;
    const std::string_view payload_hash = std::string_view(entry).substr(head.size(), 64);
    const std::string_view payload = std::string_view(entry).substr(head.size() + hash_line);
    if (sha256_hex(payload) != payload_hash) return std::nullopt;
    return std::string(payload);
}

bool ResultCache::put(std::string_view name, std::string_view key, std::string_view payload) const
{
    if (folder_.empty()) return false;
    const std::string head = std::string(format) + "\n" + sha256_hex(key) + "\n" + sha256_hex(payload) + "\n";
    const fs::path entry = entry_path(name);
    // One thread at a time makes files in the folder: the loading threads that write at once
    // spin on the folder's lock in the kernel, which costs a cold run more than the writing.
    static std::mutex writing;
    const std::lock_guard lock(writing);
    std::error_code ec;
    fs::create_directories(folder_, ec);
    std::string temporary = (folder_ / (std::string(temporary_prefix) + "XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) return false;
    const bool written = write_all(fd, head) && write_all(fd, payload);
    const bool closed = ::close(fd) == 0;
    if (!written || !closed || ::rename(temporary.c_str(), entry.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

std::error_code ResultCache::clear() const
{
    std::error_code ec;
    if (folder_.empty() || !fs::is_directory(folder_, ec)) return {};
    std::error_code first;
    for (const fs::directory_entry& e : fs::directory_iterator(folder_, ec)) {
        const std::string file = e.path().filename().string();
        if (!file.starts_with(entry_prefix) && !file.starts_with(temporary_prefix)) continue;
        std::error_code removed;
        fs::remove(e.path(), removed);
        if (removed && !first) first = removed;
    }
    if (ec) return ec;
    if (fs::is_empty(folder_, ec)) fs::remove(folder_, ec);
    return first;
}

} // namespace quali::io
