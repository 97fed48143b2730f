// SPDX-License-Identifier: EUPL-1.2
#include "commands/git.hpp"

#include "quali/io/git_objects.hpp"
#include "quali/io/process.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <memory>

namespace quali::commands::git {

namespace fs = std::filesystem;
using core::say;

namespace {

std::optional<io::ProcessResult> raw(const fs::path& dir, const std::vector<std::string>& args,
                                     std::string_view input = {})
{
    io::absolute_git_environment();
    std::vector<std::string> argv{"git", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return io::run_process(argv, input);
}

// Splits git's NUL-separated output (-z).
std::vector<std::string> split_nul(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\0', start);
        out.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

bool is_yaml(std::string_view path)
{
    return path.size() > 5 && path.ends_with(".yaml");
}

// Adds the bytes of the blobs at paths (of the index: ids) to into, with one git cat-file --batch:
// "<object> blob <size>\n<bytes>\n" each. What git cannot give is left out: its file is then read
// alone (io::Snapshot::read), or said unreadable.
void fetch_blobs(const fs::path& root, const std::map<std::string, std::string>& ids,
                 const std::vector<std::string>& paths, std::map<std::string, std::string>& into)
{
    std::string request;
    std::vector<const std::string*> wanted;
    for (const std::string& path : paths)
        if (const auto it = ids.find(path); it != ids.end() && !into.contains(path)) {
            request += it->second + "\n";
            wanted.push_back(&path);
        }
    if (wanted.empty()) return;
    const auto r = raw(root, {"cat-file", "--batch"}, request);
    if (!r || r->exit_code != 0) return;
    const std::string& out = r->out;
    std::size_t at = 0;
    for (const std::string* path : wanted) {
        const auto eol = out.find('\n', at);
        if (eol == std::string::npos) break;
        const std::string_view header(out.data() + at, eol - at);
        at = eol + 1;
        const auto space = header.rfind(' ');
        if (header.ends_with(" missing") || space == std::string_view::npos) continue;
        std::size_t size = 0;
        const std::string_view digits = header.substr(space + 1);
        if (std::from_chars(digits.data(), digits.data() + digits.size(), size).ec != std::errc() ||
            size > out.size() - at)
            break;
        into.insert_or_assign(*path, out.substr(at, size));
        at += size + 1;
    }
}

} // namespace

bool available()
{
    return io::program_in_path("git");
}

std::optional<fs::path> toplevel(const fs::path& dir)
{
    if (!available()) return std::nullopt;
    const auto r = raw(dir, {"rev-parse", "--show-toplevel"});
    if (!r || r->exit_code != 0) return std::nullopt;
    std::string top = r->out;
    while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
    if (top.empty()) return std::nullopt;
    return fs::path(top);
}

std::string run(const fs::path& dir, const std::vector<std::string>& args, const Context& ctx, std::string_view input)
{
    const auto r = raw(dir, args, input);
    if (!r)
        throw EnvironmentError(say(ctx.lang, "git est introuvable : installez le paquet git",
                                   "git is not found: install the git package"));
    if (r->exit_code != 0) {
        std::string message = r->err.substr(0, r->err.find('\n'));
        if (message.starts_with("fatal: ")) message.erase(0, 7);
        throw EnvironmentError(say(ctx.lang, "git {} a échoué : {}", "git {} failed: {}", args.front(), message));
    }
    return r->out;
}

io::Snapshot staged(const fs::path& root, const Context& ctx)
{
    if (!toplevel(root))
        throw EnvironmentError(say(ctx.lang, "--staged : {} n'est pas dans un dépôt git",
                                   "--staged: {} is not inside a git repository", root.string()));
    struct Entry {
        std::string sha;
        int stage = 0;
    };
    std::map<std::string, Entry> blobs;  // path -> blob
    io::Snapshot snapshot;
    // "<mode> <object> <stage>\t<path>": stage 0 normally, 1 to 3 while a merge is unresolved
    // (then "ours", stage 2, is what the commit would most likely hold).
    for (const std::string& line : split_nul(run(root, {"ls-files", "-s", "-z"}, ctx))) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos || line.size() < 50) continue;
        const std::string mode = line.substr(0, line.find(' '));
        const std::string sha = line.substr(mode.size() + 1, line.find(' ', mode.size() + 1) - mode.size() - 1);
        const int stage = line[tab - 1] - '0';
        const std::string path = line.substr(tab + 1);
        if (mode == "160000") continue;  // a submodule: not a file of this repository
        if (mode == "120000") {
            snapshot.links.insert(path);
            continue;
        }
        snapshot.files.insert(path);
        auto& e = blobs[path];
        if (e.sha.empty() || stage == 0 || (stage == 2 && e.stage != 0)) e = {sha, stage};
    }

    // The .yaml files' bytes are fetched when the loading asks (io::Snapshot::fetch): with the
    // result cache, only those of the folders that changed.
    auto shas = std::make_shared<std::map<std::string, std::string>>();
    for (const auto& [path, e] : blobs) {
        (*shas)[path] = e.sha;
        if (is_yaml(path)) snapshot.ids[path] = e.sha;
    }
    snapshot.read = [root, shas](const std::string& path) -> std::optional<std::string> {
        const auto it = shas->find(path);
        if (it == shas->end()) return std::nullopt;
        const auto r = raw(root, {"cat-file", "blob", it->second});
        if (!r || r->exit_code != 0) return std::nullopt;
        return r->out;
    };
    snapshot.fetch = [root, shas](const std::vector<std::string>& paths, std::map<std::string, std::string>& into) {
        fetch_blobs(root, *shas, paths, into);
    };
    return snapshot;
}

bool is_commit(const fs::path& root, const std::string& rev)
{
    const auto r = raw(root, {"rev-parse", "--verify", "--quiet", rev + "^{commit}"});
    return r && r->exit_code == 0;
}

std::vector<Change> changes_since(const fs::path& root, const std::string& rev, const Context& ctx)
{
    if (!toplevel(root))
        throw EnvironmentError(say(ctx.lang, "{} n'est pas dans un dépôt git", "{} is not inside a git repository",
                                   root.string()));
    std::map<std::string, ChangeKind> changes;
    if (is_commit(root, rev)) {
        // "<status>\0<path>\0" for each file; --relative keeps the paths under root, relative to it.
        const auto parts = split_nul(run(root, {"diff", "--name-status", "--no-renames", "-z", "--relative", rev, "--"}, ctx));
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2) {
            const char status = parts[i].empty() ? 'M' : parts[i][0];
            changes[parts[i + 1]] = status == 'A' ? ChangeKind::added
                                    : status == 'D' ? ChangeKind::deleted
                                                    : ChangeKind::modified;
        }
    } else if (rev == "HEAD") {
        // No commit yet (HEAD is always a commit once there is one): everything is new.
        for (const std::string& path : split_nul(run(root, {"ls-files", "-z"}, ctx)))
            if (!path.empty()) changes[path] = ChangeKind::added;
    } else {
        throw EnvironmentError(say(ctx.lang, "révision git inconnue : {}", "unknown git revision: {}", rev));
    }
    for (const std::string& path : split_nul(run(root, {"ls-files", "--others", "--exclude-standard", "-z"}, ctx)))
        if (!path.empty()) changes.emplace(path, ChangeKind::added);
    std::vector<Change> out;
    for (const auto& [path, kind] : changes) out.push_back({kind, path});
    return out;
}

std::optional<std::string> show(const fs::path& root, const std::string& rev, const std::string& path, const Context&)
{
    const auto r = raw(root, {"cat-file", "blob", rev + ":./" + path});
    if (!r || r->exit_code != 0) return std::nullopt;
    return r->out;
}

std::string short_name(const fs::path& root, const std::string& rev)
{
    const auto r = raw(root, {"rev-parse", "--short", rev});
    if (!r || r->exit_code != 0) return rev;
    std::string s = r->out;
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

} // namespace quali::commands::git
