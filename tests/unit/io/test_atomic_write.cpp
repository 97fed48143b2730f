// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/atomic_write.hpp"

#include "../temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

using namespace quali;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p)
{
    return testing::read_text(p);
}

void write(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary) << text;
}

// Everything in the folder but the names given: a temporary file left behind shows here.
std::vector<std::string> others(const fs::path& dir, const std::vector<std::string>& expected)
{
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (std::find(expected.begin(), expected.end(), name) == expected.end()) out.push_back(name);
    }
    return out;
}

} // namespace

TEST_SUITE("io::atomic_write")
{
    TEST_CASE("a new file is written whole, and no temporary file is left")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "ordre-du-jour.md";
        CHECK_FALSE(io::write_file_atomically(p, "# Séance\n", false));
        CHECK(read(p) == "# Séance\n");
        CHECK(others(dir.path, {"ordre-du-jour.md"}).empty());
    }

    TEST_CASE("an existing file is left untouched without force")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "pv.md";
        write(p, "written by a person");
        CHECK(io::write_file_atomically(p, "new", false) == std::errc::file_exists);
        CHECK(read(p) == "written by a person");
        CHECK(others(dir.path, {"pv.md"}).empty());
    }

    TEST_CASE("a symbolic link, even broken, counts as an existing file without force")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "lien";
        fs::create_symlink(dir.path / "nowhere", p);
        CHECK(io::write_file_atomically(p, "x", false) == std::errc::file_exists);
        CHECK_FALSE(fs::exists(dir.path / "nowhere"));
    }

    TEST_CASE("with force the file is replaced by a rename: a reader holding the old one keeps it whole")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "bilan.html";
        write(p, "old content");
        std::ifstream reader(p, std::ios::binary); // opened before the replacement
        CHECK_FALSE(io::write_file_atomically(p, "new content", true));
        CHECK(read(p) == "new content");
        std::ostringstream seen;
        seen << reader.rdbuf();
        CHECK(seen.str() == "old content");
        CHECK(others(dir.path, {"bilan.html"}).empty());
    }

    TEST_CASE("an overwritten file keeps its permissions")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "a.txt";
        write(p, "x");
        fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
        REQUIRE_FALSE(io::write_file_atomically(p, "y", true));
        CHECK((fs::status(p).permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write));
    }

    TEST_CASE("an empty path or a folder's path is refused")
    {
        CHECK(io::write_file_atomically("", "x", true) == std::errc::is_a_directory);
        const testing::TempDir dir;
        CHECK(io::write_file_atomically(dir.path / "", "x", true) == std::errc::is_a_directory);
    }

    TEST_CASE("a missing folder fails with an error and creates nothing")
    {
        const testing::TempDir dir;
        const std::error_code ec = io::write_file_atomically(dir.path / "absent" / "a.md", "x", false);
        CHECK(ec == std::errc::no_such_file_or_directory);
        CHECK(others(dir.path, {}).empty());
    }

    TEST_CASE("when the rename fails no temporary file is left")
    {
        const testing::TempDir dir;
        const fs::path p = dir.path / "dossier";
        fs::create_directory(p);
        fs::create_directory(p / "inside"); // renaming a file over a non-empty folder fails
        CHECK(io::write_file_atomically(p, "x", true));
        CHECK(others(dir.path, {"dossier"}).empty());
        CHECK(fs::is_directory(p));
    }
}
