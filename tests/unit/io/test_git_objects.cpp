// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/git_objects.hpp"

#include "quali/io/digest.hpp"
#include "quali/io/process.hpp"

#include <doctest/doctest.h>

#include "../temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

using namespace quali;
namespace fs = std::filesystem;

namespace {

using quali::testing::TempDir;

void git(const fs::path& dir, std::vector<std::string> args)
{
    args.insert(args.begin(), {"git", "-C", dir.string(), "-c", "user.name=Test", "-c", "user.email=t@exemple.fr"});
    const auto r = io::run_process(args);
    REQUIRE(r.has_value());
    REQUIRE_MESSAGE(r->exit_code == 0, r->err);
}

} // namespace

TEST_SUITE("io::git_objects")
{
    TEST_CASE("one question tells which blobs the object database holds, and none outside git")
    {
        if (!io::program_in_path("git")) return;  // the e2e suites say when git is missing
        TempDir tmp;
        CHECK_FALSE(io::git_blobs_present(tmp.path, {io::git_blob_hex("x")}).has_value());

        git(tmp.path, {"init", "-q"});
        std::ofstream(tmp.path / "paa.yaml") << "actions: []\n";
        git(tmp.path, {"add", "paa.yaml"});
        git(tmp.path, {"commit", "-q", "-m", "PAA"});
        const std::string held = io::git_blob_hex("actions: []\n");
        const std::string absent = io::git_blob_hex("jamais commité\n");
        const auto present = io::git_blobs_present(tmp.path, {held, absent, "pas-un-identifiant", held});
        REQUIRE(present.has_value());
        CHECK(*present == std::set<std::string>{held});
        CHECK(io::git_blobs_present(tmp.path, {})->empty());

        // The commit that added a blob, for every blob at once.
        std::ofstream(tmp.path / "paa.yaml") << "actions: [A01]\n";
        git(tmp.path, {"commit", "-q", "-a", "-m", "PAA 2"});
        const auto head = io::run_process({"git", "-C", tmp.path.string(), "rev-parse", "HEAD~1", "HEAD"});
        REQUIRE(head.has_value());
        const std::string first = head->out.substr(0, 40), second = head->out.substr(41, 40);
        const auto commits =
            io::git_commits_holding(tmp.path, {held, io::git_blob_hex("actions: [A01]\n"), absent});
        CHECK(commits.size() == 2);
        CHECK(commits.at(held) == first);
        CHECK(commits.at(io::git_blob_hex("actions: [A01]\n")) == second);
    }
}
