// SPDX-License-Identifier: EUPL-1.2
// The keys and entries of the loading's result cache (folder_cache.hpp).
#include "commands/folder_cache.hpp"

#include "quali/io/digest.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

namespace quali::commands::loading {

namespace fs = std::filesystem;

namespace {

// The diagnostics the reading of a file's bytes gave (a file too large, not UTF-8…): they
// depend on more than the bytes read.
void append_diagnostics(std::string& key, const std::vector<core::Diagnostic>& diagnostics)
{
    for (const core::Diagnostic& d : diagnostics)
        fmt::format_to(std::back_inserter(key), "  {} {}:{} {}\n", d.code, d.pos.line, d.pos.column, d.message);
}

// Adds every entry under dir (named rel + name) to out, by kind: f a file, d a folder, o
// anything else; false when there is a symbolic link or a folder cannot be read whole. The
// kinds come from the folder's own listing (d_type): no stat for each entry.
bool list_entries(const std::string& dir, const std::string& rel, std::vector<std::string>& out)
{
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return false;
    bool whole = true;
    errno = 0;
    while (const dirent* e = ::readdir(d)) {
        const std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        const std::string path = dir + "/" + e->d_name;
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {
            struct stat st {};
            if (::lstat(path.c_str(), &st) != 0) { whole = false; break; }
            type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
        }
        if (type == DT_LNK) { whole = false; break; }
        const char kind = type == DT_DIR ? 'd' : type == DT_REG ? 'f' : 'o';
        out.push_back(fmt::format("{} {}{}", kind, rel, name));
        if (type == DT_DIR && !list_entries(path, fmt::format("{}{}/", rel, name), out)) { whole = false; break; }
        errno = 0;
    }
    if (errno != 0) whole = false;
    ::closedir(d);
    return whole;
}

// Every entry of a folder on disk, sorted; nullopt when it holds a symbolic link or cannot be
// walked whole.
std::optional<std::vector<std::string>> disk_entries(const fs::path& dir)
{
    std::vector<std::string> out;
    if (!list_entries(dir.string(), "", out)) return std::nullopt;
    std::sort(out.begin(), out.end());
    return out;
}

// The same from git's index (validate --staged): its files under the folder; a link: nullopt.
std::optional<std::vector<std::string>> snapshot_entries(const io::Snapshot& snapshot, const std::string& folder)
{
    const std::string prefix = folder + "/";
    const auto under = [&](const std::string& p) { return p.starts_with(prefix); };
    if (const auto link = snapshot.links.lower_bound(prefix); link != snapshot.links.end() && under(*link))
        return std::nullopt;
    std::vector<std::string> out;
    for (auto it = snapshot.files.lower_bound(prefix); it != snapshot.files.end() && under(*it); ++it)
        out.push_back("f " + it->substr(prefix.size()));
    return out;
}

} // namespace

FolderCache::FolderCache(const io::Root& root, std::string_view mode, core::Lang lang,
                         std::optional<core::Date> as_of, std::optional<core::Date> rules_as_of)
    : m_root(root), m_place(io::cache_folder(root.dir)), m_mode(mode)
{
    const char* trace = std::getenv("QUALI_TRACE_CACHE");
    m_trace = trace != nullptr && *trace != '\0';
    if (rules_as_of) m_rules = fmt::format("rules as-of {}\n", core::iso(*rules_as_of));
    // A git work tree may hold several repositories (in sub-folders): each has its packs; and
    // validate and its pre-commit hook's --staged do not take each other's place.
    m_name = (root.snapshot != nullptr ? "staged " : "disk ") + root.dir.generic_string();
    m_shared = fmt::format("quali {}\nlang {}\nsnapshot {}\n", io::build_identity(),
                           lang == core::Lang::en ? "en" : "fr", root.snapshot != nullptr);
    m_folders = fmt::format("mode {}\nas-of {}\n", mode, as_of ? core::iso(*as_of) : "-");
    if (m_place.empty()) return;
    m_folder_pack.emplace(m_place, m_name + " " + m_mode);
    m_shared_pack.emplace(m_place, m_name + " shared");
    if (rules_apart()) m_rules_pack.emplace(m_place, m_name + " rules");
}

void FolderCache::add_shared(const io::SourceFile& f)
{
    fmt::format_to(std::back_inserter(m_shared), "shared {} {}\n", f.path, io::sha256_hex(f.bytes));
    append_diagnostics(m_shared, f.diagnostics);
}

std::optional<std::string> FolderCache::listed(const std::string& folder) const
{
    const auto entries = m_root.snapshot != nullptr ? snapshot_entries(*m_root.snapshot, folder)
                                                    : disk_entries(m_root.dir / folder);
    if (!entries || m_shared_digest.empty()) return std::nullopt;
    std::string head = m_shared_digest + m_folders;
    fmt::format_to(std::back_inserter(head), "folder {}\n", folder);
    for (const std::string& e : *entries)
        head.append(e).push_back('\n');
    return head;
}

bool FolderCache::still_listed(const std::string& folder, std::string_view key) const
{
    if (m_root.snapshot != nullptr) return true; // git's index, read once, does not change
    const std::optional<std::string> head = listed(folder);
    if (!head || !key.starts_with(*head)) return false;
    // After the entries come the files' lines: one entry less would leave one before them.
    const std::string_view rest = key.substr(head->size());
    return rest.empty() || rest.starts_with("yaml ") || rest.starts_with("blob ");
}

std::optional<std::string> FolderCache::key(const std::string& folder, const std::vector<io::SourceFile>& files) const
{
    if (!m_folder_pack) return std::nullopt;
    std::optional<std::string> key = listed(folder);
    if (!key) return std::nullopt;
    for (const io::SourceFile& f : files) {
        if (by_ids()) { // git's object id names the bytes: they are not read to make the key
            const auto id = m_root.snapshot->ids.find(f.path);
            if (id == m_root.snapshot->ids.end()) return std::nullopt;
            fmt::format_to(std::back_inserter(*key), "blob {} {}\n", f.path, id->second);
            continue;
        }
        fmt::format_to(std::back_inserter(*key), "yaml {} {}\n", f.path, io::sha256_hex(f.bytes));
        append_diagnostics(*key, f.diagnostics);
    }
    return key;
}

std::optional<io::FolderResult> FolderCache::get(const std::string& folder, const std::string& key) const
{
    const std::optional<std::string_view> payload = m_folder_pack->get(folder, key);
    std::optional<io::FolderResult> result = payload ? io::decode_folder_result(*payload) : std::nullopt;
    trace(folder, m_mode, result.has_value());
    return result;
}

void FolderCache::put(const std::string& folder, const std::string& key, const io::FolderResult& result)
{
    m_folder_pack->put(folder, key, io::encode(result));
}

std::optional<std::vector<core::Diagnostic>> FolderCache::get_rules(const std::string& folder,
                                                                    const std::string& key) const
{
    const std::optional<std::string_view> payload = m_rules_pack->get(folder, key + m_rules);
    std::optional<io::FolderResult> rules = payload ? io::decode_folder_result(*payload) : std::nullopt;
    trace(folder, "rules", rules.has_value());
    if (!rules) return std::nullopt;
    return std::move(rules->rules);
}

void FolderCache::put_rules(const std::string& folder, const std::string& key, std::vector<core::Diagnostic> rules)
{
    io::FolderResult only;
    only.rules = std::move(rules);
    m_rules_pack->put(folder, key + m_rules, io::encode(only));
}

std::optional<io::SharedResult> FolderCache::get_shared()
{
    // Every folder's key starts with the shared files' digest, not with their hundreds of lines.
    m_shared_digest = fmt::format("shared {}\n", io::sha256_hex(m_shared));
    if (!m_shared_pack) return std::nullopt;
    const std::optional<std::string_view> payload = m_shared_pack->get("shared", m_shared);
    std::optional<io::SharedResult> result = payload ? io::decode_shared_result(*payload) : std::nullopt;
    trace("shared files", "", result.has_value());
    return result;
}

void FolderCache::put_shared(const io::SharedResult& result)
{
    if (m_shared_pack) m_shared_pack->put("shared", m_shared, io::encode(result));
}

void FolderCache::commit()
{
    // A folder's entries are kept while the folder is there (on disk, or in git's index).
    const auto still_there = [this](std::string_view folder) {
        if (m_root.snapshot == nullptr) return ::access((m_root.dir / folder).c_str(), F_OK) == 0;
        const std::string prefix = std::string(folder) + "/";
        const auto it = m_root.snapshot->files.lower_bound(prefix);
        return it != m_root.snapshot->files.end() && it->starts_with(prefix);
    };
    const auto commit = [this](std::optional<io::ResultCache>& pack, const std::function<bool(std::string_view)>& keep) {
        if (pack && !pack->commit(keep) && m_trace)
            fmt::print(stderr, "quali cache: {} not written\n", pack->file().string());
    };
    commit(m_folder_pack, still_there);
    commit(m_rules_pack, still_there);
    commit(m_shared_pack, [](std::string_view) { return true; });
}

void FolderCache::trace(std::string_view what, std::string_view kind, bool found) const
{
    if (!m_trace) return;
    fmt::print(stderr, "quali cache: {} {}{}\n", what, found ? "found" : "computed",
               kind.empty() ? std::string() : fmt::format(" ({})", kind));
}

} // namespace quali::commands::loading
