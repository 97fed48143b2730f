// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The result cache of the loading (docs/performance.md « Cache des résultats »): what each
// organisme folder of a repository gave (io::FolderResult), stored in a pack of io::ResultCache
// (one per mode, one for the rules stored apart, one for the shared files) under a key
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
    // date where the folder's rules run and are stored with it; rules_as_of: their date where
    // they are stored apart (get_rules), so that the commands that read whole organismes share
    // the entries of the organismes whatever the date.
    FolderCache(const io::Root& root, std::string_view mode, core::Lang lang, std::optional<core::Date> as_of,
                std::optional<core::Date> rules_as_of = std::nullopt);

    // Whether the rules of a folder's organisme are stored apart from it.
    [[nodiscard]] bool rules_apart() const { return !m_rules.empty(); }

    // A file outside the organisme folders, read and checked (before its bytes are released);
    // all of them are added before any folder's key is asked.
    void add_shared(const io::SourceFile& f);

    // Whether the keys of the folders are made of git's object ids (validate --staged, whose
    // index names every file's bytes) rather than of the bytes themselves.
    [[nodiscard]] bool by_ids() const { return m_root.snapshot != nullptr && m_root.snapshot->fetch; }

    // The key of an organisme folder (organismes/<slug>) whose files' bytes are read
    // (RootReader::read_bytes), unless by_ids; nullopt when the folder cannot be cached.
    [[nodiscard]] std::optional<std::string> key(const std::string& folder,
                                                 const std::vector<io::SourceFile>& files) const;
    // Whether the folder on disk still holds the entries its key was made of, once its checks
    // are done: a proof added or removed meanwhile would file a result under the other
    // listing's key, so such a result is not stored.
    [[nodiscard]] bool still_listed(const std::string& folder, std::string_view key) const;

    // Any thread, at once (the loading's threads), as the other entries' get and put.
    [[nodiscard]] std::optional<io::FolderResult> get(const std::string& folder, const std::string& key) const;
    void put(const std::string& folder, const std::string& key, const io::FolderResult& result);

    // The rules' diagnostics of a folder's organisme stored apart (rules_apart), under the
    // folder's key and the rules' date.
    [[nodiscard]] std::optional<std::vector<core::Diagnostic>> get_rules(const std::string& folder,
                                                                       const std::string& key) const;
    void put_rules(const std::string& folder, const std::string& key, std::vector<core::Diagnostic> rules);

    // What the shared files gave, under the key of their bytes (whatever the mode): asked once
    // every shared file is added, before any folder's key.
    [[nodiscard]] std::optional<io::SharedResult> get_shared();
    void put_shared(const io::SharedResult& result);

    // Writes the packs that changed, once every folder is read: the entries of the folders that
    // are no longer there are left out.
    void commit();

  private:
    // The first part of a folder's key: the shared files, the mode and date, its entries.
    [[nodiscard]] std::optional<std::string> listed(const std::string& folder) const;
    // With QUALI_TRACE_CACHE: "quali cache: <what> found|computed (<kind>)" on stderr.
    void trace(std::string_view what, std::string_view kind, bool found) const;

    io::Root m_root;
    std::filesystem::path m_place;
    std::string m_name; // of the packs: the root, and whether git's index is read
    std::string m_mode;
    // With QUALI_TRACE_CACHE set: each folder found or computed, each pack written, on stderr.
    bool m_trace = false;
    std::optional<io::ResultCache> m_folder_pack, m_rules_pack, m_shared_pack;
    std::string m_shared;  // the program and the shared files: the shared files' key
    std::string m_shared_digest; // its digest, the part of every folder's key it makes
    std::string m_folders; // the part of a folder's key made of the mode and date
    std::string m_rules;   // the part of a rules entry's key beyond its folder's key
};

} // namespace quali::commands::loading
