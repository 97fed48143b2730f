// SPDX-License-Identifier: EUPL-1.2
// The result cache's packs on disk (result_cache.hpp). A pack is one file,
//   quali-cache 2\n then, for each of its 16 chunks, <size: 8 bytes><zstd frame or nothing>
// named p-<32 hex digits of the pack name's sha256>, written to a temporary file of the same
// folder then renamed over. An entry belongs to the chunk its name's hash falls on; a chunk's
// frame has its content's checksum and holds its entries sorted by name, each as
//   <name's size: 4 bytes><name><key's sha256: 64 hex digits><payload's size: 8 bytes><payload>
// (sizes in the machine's byte order: a cache is the machine's own). Compressed together, the
// entries of a chunk take less than half of what each compressed alone took (docs/performance.md).
#include "quali/io/result_cache.hpp"

#include "quali/io/compression.hpp"
#include "quali/io/digest.hpp"

#include "loading.hpp"

#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <vector>
#include <unistd.h>

namespace quali::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view pack_prefix = "p-";
constexpr std::string_view first_format_prefix = "e-"; // the entries of quali-cache 1, one file each
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

// A pack's bytes, compressed or not: anything larger is no pack of ours.
constexpr std::size_t largest_pack = std::size_t{1} << 31;
constexpr std::size_t key_size = 64;
// zstd's level: a fast one (a pack is written at the end of a cold run, on its time); level 6
// gains a fifth of the room for twice the time.
constexpr int compression_level = 3;

// The whole of a pack's file.
bool read_pack(const fs::path& path, std::string& out)
{
    constexpr std::size_t largest = largest_pack;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st {};
    const bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                    detail::read_descriptor(fd, static_cast<std::size_t>(st.st_size), largest, out) &&
                    out.size() <= largest;
    ::close(fd);
    return ok;
}

template <class Size> bool take_size(std::string_view& bytes, std::size_t& size)
{
    Size value = 0;
    if (bytes.size() < sizeof value) return false;
    std::memcpy(&value, bytes.data(), sizeof value);
    bytes.remove_prefix(sizeof value);
    if (value > bytes.size()) return false;
    size = static_cast<std::size_t>(value);
    return true;
}

template <class Size> void append_size(std::string& out, std::size_t size)
{
    const auto value = static_cast<Size>(size);
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// The entries of a pack's decompressed bytes, as views into them; false when they are not
// entries end to end.
template <class Stored>
bool index(std::string_view bytes, std::unordered_map<std::string_view, Stored>& out)
{
    while (!bytes.empty()) {
        std::size_t size = 0;
        if (!take_size<std::uint32_t>(bytes, size)) return false;
        const std::string_view name = bytes.substr(0, size);
        bytes.remove_prefix(size);
        if (bytes.size() < key_size) return false;
        const std::string_view key = bytes.substr(0, key_size);
        bytes.remove_prefix(key_size);
        if (!take_size<std::uint64_t>(bytes, size)) return false;
        out.insert_or_assign(name, Stored{key, bytes.substr(0, size)});
        bytes.remove_prefix(size);
    }
    return true;
}

template <class Stored> void append_record(std::string& out, std::string_view name, const Stored& stored)
{
    append_size<std::uint32_t>(out, name.size());
    out.append(name);
    out.append(stored.key);
    append_size<std::uint64_t>(out, stored.payload.size());
    out.append(stored.payload);
}

// The chunk of a pack that holds entry (FNV-1a of its name).
std::size_t chunk_index(std::string_view entry)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : entry)
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return static_cast<std::size_t>(hash % ResultCache::chunk_count);
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

ResultCache::ResultCache(fs::path folder, std::string_view name) : folder_(std::move(folder)), name_(name)
{
    if (folder_.empty()) return;
    if (!read_pack(file(), packed_) || !std::string_view(packed_).starts_with(std::string(format) + "\n")) return;
    std::string_view rest = std::string_view(packed_).substr(format.size() + 1);
    std::array<std::string_view, chunk_count> frames;
    for (std::string_view& frame : frames) {
        std::size_t size = 0;
        if (!take_size<std::uint64_t>(rest, size)) return;
        frame = rest.substr(0, size);
        rest.remove_prefix(size);
    }
    if (!rest.empty()) return;
    for (std::size_t c = 0; c < chunk_count; ++c)
        chunks_[c].frame = frames[c];
}

const ResultCache::Chunk& ResultCache::read(Chunk& chunk) const
{
    std::call_once(chunk.once, [&chunk] {
        if (chunk.frame.empty()) return;
        const unsigned long long size = ZSTD_getFrameContentSize(chunk.frame.data(), chunk.frame.size());
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > largest_pack) return;
        char* bytes = chunk.bytes.allocate(static_cast<std::size_t>(size));
        if (bytes == nullptr) return;
        const std::size_t got = ZSTD_decompress(bytes, size, chunk.frame.data(), chunk.frame.size());
        if (ZSTD_isError(got) != 0U || got != size || !index<Stored>(std::string_view(bytes, got), chunk.stored))
            chunk.stored.clear();
    });
    return chunk;
}

ResultCache::Pages::~Pages()
{
    if (start != nullptr) ::munmap(start, size);
}

char* ResultCache::Pages::allocate(std::size_t bytes)
{
    if (bytes == 0) return nullptr;
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    start = p;
    size = bytes;
    return static_cast<char*>(p);
}

const ResultCache::Chunk& ResultCache::chunk_of(std::string_view entry) const
{
    return read(chunks_[chunk_index(entry)]);
}

std::size_t ResultCache::read_count() const
{
    std::size_t count = 0;
    for (Chunk& chunk : chunks_)
        count += read(chunk).stored.size();
    return count;
}

fs::path ResultCache::file() const
{
    return folder_ / (std::string(pack_prefix) + sha256_hex(name_).substr(0, 32));
}

std::optional<std::string_view> ResultCache::get(std::string_view entry, std::string_view key) const
{
    const Chunk& chunk = chunk_of(entry);
    const auto it = chunk.stored.find(entry);
    if (it == chunk.stored.end()) return std::nullopt;
    if (it->second.key != sha256_hex(key)) {
        const std::lock_guard lock(lock_);
        stale_.emplace(entry);
        return std::nullopt;
    }
    return it->second.payload;
}

void ResultCache::put(std::string_view entry, std::string_view key, std::string payload)
{
    std::string hash = sha256_hex(key);
    const std::lock_guard lock(lock_);
    fresh_.insert_or_assign(std::string(entry), std::pair(std::move(hash), std::move(payload)));
}

bool ResultCache::commit(const std::function<bool(std::string_view)>& keep)
{
    const std::lock_guard lock(lock_);
    if (folder_.empty() || (fresh_.empty() && stale_.empty())) return true;
    // Every chunk's entries, by name: those read that stay, and those put.
    std::array<std::map<std::string_view, Stored>, chunk_count> all;
    for (Chunk& chunk : chunks_)
        for (const auto& [entry, stored] : read(chunk).stored)
            if (!fresh_.contains(entry) && !stale_.contains(entry) && keep(entry))
                all[chunk_index(entry)].emplace(entry, stored);
    for (const auto& [entry, value] : fresh_)
        all[chunk_index(entry)].insert_or_assign(entry, Stored{value.first, value.second});
    std::array<std::string, chunk_count> frames;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    const auto compress_chunks = [&] {
        for (std::size_t c = next++; c < chunk_count; c = next++) {
            if (all[c].empty()) continue;
            std::string plain;
            for (const auto& [entry, stored] : all[c])
                append_record(plain, entry, stored);
            if (!compress(plain, frames[c], compression_level)) failed = true;
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 1; t < std::clamp(std::thread::hardware_concurrency(), 1U, 8U); ++t)
            pool.emplace_back(compress_chunks);
        compress_chunks();
    }
    if (failed) return false;
    std::string packed = std::string(format) + "\n";
    for (const std::string& frame : frames) {
        append_size<std::uint64_t>(packed, frame.size());
        packed += frame;
    }
    // Written once the run's reading is over: no lock against the other processes, whose packs
    // may replace this one (then only their entries are found next time).
    std::error_code ec;
    fs::create_directories(folder_, ec);
    std::string temporary = (folder_ / (std::string(temporary_prefix) + "XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) return false;
    const bool written = write_all(fd, packed);
    const bool closed = ::close(fd) == 0;
    if (!written || !closed || ::rename(temporary.c_str(), file().c_str()) != 0) {
        ::unlink(temporary.c_str());
        return false;
    }
    return true;
}

std::error_code clear_cache(const fs::path& folder)
{
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) return {};
    std::error_code first;
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
        const std::string file = e.path().filename().string();
        if (!file.starts_with(pack_prefix) && !file.starts_with(first_format_prefix) &&
            !file.starts_with(temporary_prefix))
            continue;
        std::error_code removed;
        fs::remove(e.path(), removed);
        if (removed && !first) first = removed;
    }
    if (ec) return ec;
    if (fs::is_empty(folder, ec)) fs::remove(folder, ec);
    return first;
}

} // namespace quali::io
