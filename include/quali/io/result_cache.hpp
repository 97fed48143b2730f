// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A cache of results on disk, for the re-checks that must feel instant (docs/performance.md).
// Each entry is named by what it holds and valid for one key — everything its result depends
// on, as the caller puts it together. An entry that cannot be read, was written by another
// format, is cut short, belongs to another key or fails its checksum is a miss, never a result.
// Entries are written atomically (a temporary file renamed over), so two processes at once never
// leave half an entry; a folder that cannot be written only costs speed.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace quali::io {

// Where the cache of the repository at root lives: <git dir>/quali/ when root is in a git work
// tree (the .git folder of root or of the nearest folder above it, or the folder a .git file
// names, as a linked work tree has), so that it is never committed; else $XDG_CACHE_HOME/quali/<32 hex digits of root's path> (~/.cache when
// XDG_CACHE_HOME is unset); empty when there is no such place.
std::filesystem::path cache_folder(const std::filesystem::path& root);

class ResultCache {
  public:
    // The format of an entry; another one is a miss.
    static constexpr std::string_view format = "quali-cache 1";

    explicit ResultCache(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // The payload stored under name for key, if it is there whole.
    [[nodiscard]] std::optional<std::string> get(std::string_view name, std::string_view key) const;
    // Stores payload under name for key, replacing what was there; false when it could not be
    // written (the cache then simply misses).
    bool put(std::string_view name, std::string_view key, std::string_view payload) const;
    // Removes every entry (and the folder once empty); other files are left alone.
    std::error_code clear() const;

    [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }
    // The file of name's entry.
    [[nodiscard]] std::filesystem::path entry_path(std::string_view name) const;

  private:
    std::filesystem::path folder_;
};

} // namespace quali::io
