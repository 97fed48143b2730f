// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A cache of results on disk, for the re-checks that must feel instant (docs/performance.md).
// Its entries are grouped in packs, one file each, read whole when the pack is opened and written
// whole, at most once, when it is committed. Each entry is named by what it holds and valid for
// one key — everything its result depends on, as the caller puts it together. A pack that cannot
// be read, was written by another format, is cut short or fails its checksum holds no entry: every
// entry is then a miss, never a result. Packs are written atomically (a temporary file renamed
// over), so two processes at once never leave half a pack; a folder that cannot be written only
// costs speed.
#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>

namespace quali::io {

// Where the cache of the repository at root lives: <git dir>/quali/ when root is in a git work
// tree (the .git folder of root or of the nearest folder above it, or the folder a .git file
// names, as a linked work tree has), so that it is never committed; else
// $XDG_CACHE_HOME/quali/<32 hex digits of root's path> (~/.cache when XDG_CACHE_HOME is unset);
// empty when there is no such place.
std::filesystem::path cache_folder(const std::filesystem::path& root);

// Removes every pack of a cache folder, the temporary files of unfinished writes and the entries
// of the cache's first format (and the folder once empty); other files are left alone.
std::error_code clear_cache(const std::filesystem::path& folder);

class ResultCache {
  public:
    // The format of a pack; another one holds no entry.
    static constexpr std::string_view format = "quali-cache 2";

    // The pack named name in folder, read if it is there (an empty folder: no cache at all).
    ResultCache(std::filesystem::path folder, std::string_view name);
    ResultCache(const ResultCache&) = delete;
    ResultCache& operator=(const ResultCache&) = delete;

    // The payload stored under entry for key, if the pack holds it; valid as long as the pack.
    // Any thread, at once.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view entry, std::string_view key) const;
    // Stores payload under entry for key, replacing what was there, at the next commit. Any
    // thread, at once.
    void put(std::string_view entry, std::string_view key, std::string payload);
    // Writes the pack, when an entry was put or one was found stale: the entries put, and those
    // read that were not found stale and that keep keeps (an organisme folder still there). False
    // when it had to be written and could not be.
    bool commit(const std::function<bool(std::string_view entry)>& keep);

    [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }
    // The pack's file.
    [[nodiscard]] std::filesystem::path file() const;
    // How many entries the pack file held when it was read.
    [[nodiscard]] std::size_t read_count() const;

    // The parts of a pack, each compressed apart, so that the loading's threads decompress them
    // at once.
    static constexpr std::size_t chunk_count = 16;

  private:
    struct Stored {
        std::string_view key;     // the key's SHA-256, in hex
        std::string_view payload;
    };
    // Memory mapped for a chunk's bytes, its pages made at once (a page fault each costs more).
    struct Pages {
        void* start = nullptr;
        std::size_t size = 0;
        Pages() = default;
        Pages(const Pages&) = delete;
        Pages& operator=(const Pages&) = delete;
        ~Pages();
        char* allocate(std::size_t bytes);
    };
    // The entries whose name falls on one part of the pack: one zstd frame, decompressed the
    // first time one of them is asked for, by the thread that asks.
    struct Chunk {
        std::string_view frame;
        std::once_flag once;
        Pages bytes;
        std::unordered_map<std::string_view, Stored> stored; // views into bytes
    };
    const Chunk& chunk_of(std::string_view entry) const;
    const Chunk& read(Chunk& chunk) const;

    std::filesystem::path folder_;
    std::string name_;
    std::string packed_; // the pack's file as read
    mutable std::array<Chunk, chunk_count> chunks_;
    mutable std::mutex lock_;
    mutable std::set<std::string, std::less<>> stale_; // asked for with another key
    std::map<std::string, std::pair<std::string, std::string>, std::less<>> fresh_; // put: key hash, payload
};

} // namespace quali::io
