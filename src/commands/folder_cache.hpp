// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The result cache of the loading (docs/performance.md « Cache des résultats »): what each
// organisme folder of a repository gave (io::FolderResult), stored in io::ResultCache under a key
// made of everything that result depends on — this binary, the language, the as-of date, what
// the command keeps of an organisme, every shared file's bytes, and the folder itself: every
// entry of it (name and kind, so that a proof added or removed counts) and every YAML file's
// bytes. A folder holding a symbolic link, or citing a proof outside itself, is never cached.
#include "quali/core/calendar_date.hpp"
#include "quali/core/lang.hpp"
#include "quali/io/repository.hpp"
#include "quali/io/result_cache.hpp"
#include "quali/io/result_codec.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::commands::loading {

class FolderCache {
  public:
    // mode: what the command keeps of an organisme ("lean", "whole", "site"); as_of: the rules'
    // date where the folder's rules run.
    FolderCache(const io::Root& root, std::string_view mode, core::Lang lang, std::optional<core::Date> as_of);

    // A file outside the organisme folders, read and checked (before its bytes are released);
    // all of them are added before any folder's key is asked.
    void add_shared(const io::SourceFile& f);

    // The key of an organisme folder (organismes/<slug>) whose files' bytes are read
    // (RootReader::read_bytes); nullopt when the folder cannot be cached.
    [[nodiscard]] std::optional<std::string> key(const std::string& folder,
                                                 const std::vector<io::SourceFile>& files) const;

    [[nodiscard]] std::optional<io::FolderResult> get(const std::string& folder, const std::string& key) const;
    void put(const std::string& folder, const std::string& key, const io::FolderResult& result) const;

    // What the shared files gave, under the key of their bytes (whatever the mode): asked once
    // every shared file is added.
    [[nodiscard]] std::optional<io::SharedResult> get_shared() const;
    void put_shared(const io::SharedResult& result) const;

  private:
    io::Root m_root;
    io::ResultCache m_store;
    std::string m_name;    // of the entries: the root, and whether git's index is read
    std::string m_mode;
    std::string m_shared;  // the part of every key made of the program and the shared files
    std::string m_folders; // the part of a folder's key made of the mode and date
};

} // namespace quali::commands::loading
