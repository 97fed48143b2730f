// SPDX-License-Identifier: EUPL-1.2
// A site folder built beside its target and moved into place: what it replaces, and what not.
#include "quali/io/site_folder.hpp"

#include "../temp_dir.hpp"

#include <doctest/doctest.h>

using namespace quali::io;
using quali::testing::read_text;
using quali::testing::TempDir;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::size_t entries(const fs::path& folder)
{
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

} // namespace

TEST_SUITE("io::site_folder")
{
    TEST_CASE("an absent target receives the folder with its stamp, and nothing is left beside it")
    {
        TempDir tmp;
        const fs::path target = tmp.path / "site";
        {
            StagedFolder f(target);
            REQUIRE(!f.write("a/b.html", "B"));
            REQUIRE(!f.commit("quali site\n", false));
        }
        CHECK(read_text(target / "a/b.html") == "B");
        CHECK(read_text(target / ".quali-site") == "quali site\n");
        CHECK(target_state(target) == TargetState::stamped_folder);
        CHECK(entries(tmp.path) == 1);
    }

    TEST_CASE("a folder not committed is removed and the target untouched")
    {
        TempDir tmp;
        {
            StagedFolder f(tmp.path / "site");
            REQUIRE(!f.write("index.html", "x"));
        }
        CHECK(entries(tmp.path) == 0);
    }

    TEST_CASE("a foreign folder is never replaced; a stamped one only with replace")
    {
        TempDir tmp;
        const fs::path target = tmp.path / "site";
        write(target / "notes.txt", "à garder");
        CHECK(target_state(target) == TargetState::foreign);
        {
            StagedFolder f(target);
            CHECK(f.commit("s", true) == std::errc::file_exists);
        }
        CHECK(read_text(target / "notes.txt") == "à garder");
        CHECK(entries(tmp.path) == 1);

        fs::remove_all(target);
        write(target / ".quali-site", "s");
        write(target / "old.html", "old");
        {
            StagedFolder f(target);
            CHECK(f.commit("s", false) == std::errc::file_exists);
        }
        CHECK(fs::exists(target / "old.html"));
        {
            StagedFolder f(target);
            REQUIRE(!f.write("new.html", "new"));
            CHECK(!f.commit("s", true));
        }
        CHECK(!fs::exists(target / "old.html"));
        CHECK(read_text(target / "new.html") == "new");
        CHECK(entries(tmp.path) == 1);
    }

    TEST_CASE("an empty folder is replaced without --force")
    {
        TempDir tmp;
        fs::create_directories(tmp.path / "site");
        CHECK(target_state(tmp.path / "site") == TargetState::empty_folder);
        StagedFolder f(tmp.path / "site");
        CHECK(!f.commit("s", false));
        CHECK(fs::exists(tmp.path / "site" / ".quali-site"));
    }
}
