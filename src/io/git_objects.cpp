// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/git_objects.hpp"

#include "quali/io/process.hpp"

#include <cstdlib>
#include <sstream>

namespace quali::io {

namespace fs = std::filesystem;

namespace {

std::optional<ProcessResult> git(const fs::path& dir, std::vector<std::string> args, std::string_view input = {})
{
    absolute_git_environment();
    std::vector<std::string> argv{"git", "-C", dir.string()};
    argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
    return run_process(argv, input);
}

bool is_object_id(std::string_view id)
{
    return id.size() == 40 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

} // namespace

void absolute_git_environment()
{
    static const bool done = [] {
        for (const char* name : {"GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"}) {
            const char* value = std::getenv(name);
            if (value == nullptr || *value == '\0' || fs::path(value).is_absolute()) continue;
            std::error_code ec;
            const fs::path absolute = fs::absolute(value, ec);
            if (!ec) ::setenv(name, absolute.c_str(), 1);
        }
        return true;
    }();
    (void)done;
}

std::optional<std::set<std::string>> git_blobs_present(const fs::path& dir, const std::vector<std::string>& ids)
{
    // Only well-formed ids are asked: anything else could be read by git as a revision.
    std::string request;
    for (const std::string& id : ids)
        if (is_object_id(id)) request += id + "\n";
    // Asked even when empty, so that "not a git repository" is still told apart.
    const auto r = git(dir, {"cat-file", "--batch-check=%(objectname) %(objecttype)"}, request);
    if (!r || r->exit_code != 0) return std::nullopt;
    // "<id> blob" per present blob, "<id> missing" otherwise, in the order asked.
    std::set<std::string> present;
    std::istringstream lines(r->out);
    std::string line;
    while (std::getline(lines, line))
        if (line.size() == 45 && line.ends_with(" blob")) present.insert(line.substr(0, 40));
    return present;
}

std::map<std::string, std::string> git_commits_holding(const fs::path& dir, const std::vector<std::string>& ids)
{
    std::map<std::string, std::string> out;
    std::vector<std::string> args{"log", "--all", "--no-renames", "--format=commit %H", "--raw", "--no-abbrev"};
    std::set<std::string> wanted;
    for (const std::string& id : ids)
        if (is_object_id(id) && wanted.insert(id).second) args.push_back("--find-object=" + id);
    if (wanted.empty()) return out;
    const auto r = git(dir, args);
    if (!r || r->exit_code != 0) return out;
    // Newest first: "commit <hash>", then ":<mode> <mode> <old> <new> <status>\t<path>" lines.
    std::istringstream lines(r->out);
    std::string line, commit;
    while (std::getline(lines, line)) {
        if (line.starts_with("commit ")) {
            commit = line.substr(7);
            continue;
        }
        if (!line.starts_with(":") || commit.empty()) continue;
        std::istringstream fields(line.substr(1));
        std::string mode_old, mode_new, old_id, new_id;
        fields >> mode_old >> mode_new >> old_id >> new_id;
        if (wanted.contains(new_id)) out.emplace(new_id, commit);  // the newest commit that added it
    }
    return out;
}

} // namespace quali::io
