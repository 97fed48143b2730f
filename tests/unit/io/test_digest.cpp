// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/digest.hpp"
#include "quali/io/process.hpp"

#include <doctest/doctest.h>

#include "../temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace quali;
namespace fs = std::filesystem;

namespace {

using quali::testing::TempDir;

void write(const fs::path& p, std::string_view bytes)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

} // namespace

TEST_SUITE("io::digest")
{
    TEST_CASE("SHA-256 gives the published test vectors (FIPS 180-2)")
    {
        CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    TEST_CASE("a git blob id is git hash-object's: SHA-1 of \"blob <size>\\0\" and the bytes")
    {
        // Values printed by git hash-object --stdin (git 2.39).
        CHECK(io::git_blob_hex("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        CHECK(io::git_blob_hex("hello world\n") == "3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
        CHECK(io::git_blob_hex("test content\n") == "d670460b4b4aece5915caf5c68d12f560a9fe3e4");
        CHECK(io::git_blob_header(12) == std::string("blob 12\0", 8));
    }

    TEST_CASE("a file's git blob id is the same as git's, empty and binary files included")
    {
        TempDir tmp;
        std::string big(200'000, 'y');
        big[99] = '\0';
        const std::vector<std::pair<std::string, std::string>> files{
            {"vide.pdf", ""}, {"paa.yaml", "actions: []\n"}, {"preuve.pdf", big}};
        for (const auto& [name, bytes] : files) {
            write(tmp.path / name, bytes);
            CHECK(io::git_blob_file(tmp.path / name) == io::git_blob_hex(bytes));
            if (!io::program_in_path("git")) continue;
            const auto git = io::run_process({"git", "hash-object", "--no-filters", (tmp.path / name).string()});
            REQUIRE(git.has_value());
            CHECK(io::git_blob_file(tmp.path / name).value_or("") + "\n" == git->out);
        }
        CHECK_FALSE(io::git_blob_file(tmp.path / "absente.pdf").has_value());
        CHECK_FALSE(io::git_blob_file(tmp.path).has_value());
    }

    TEST_CASE("a file's digest is its bytes' digest, read in chunks, binary included")
    {
        TempDir tmp;
        std::string big(200'000, 'x');
        big[1234] = '\0';
        write(tmp.path / "preuve.pdf", big);
        CHECK(io::sha256_file(tmp.path / "preuve.pdf") == io::sha256_hex(big));
        CHECK_FALSE(io::sha256_file(tmp.path / "absente.pdf").has_value());
        CHECK_FALSE(io::sha256_file(tmp.path).has_value());
    }

    TEST_CASE("digests in a root refuse a link that leaves it, and read a snapshot when there is one")
    {
        TempDir tmp;
        write(tmp.path / "dehors.txt", "secret");
        write(tmp.path / "depot/organismes/x/paa.yaml", "actions: []\n");
        fs::create_symlink(tmp.path / "dehors.txt", tmp.path / "depot/organismes/x/lien.pdf");
        const io::Root disk{tmp.path / "depot", io::RootKind::repository};
        const auto on_disk = io::digest_in_root(disk);
        CHECK(on_disk("organismes/x/paa.yaml") == io::sha256_hex("actions: []\n"));
        CHECK_FALSE(on_disk("organismes/x/lien.pdf").has_value());
        CHECK_FALSE(on_disk("organismes/x/absent.yaml").has_value());

        io::Snapshot snapshot;
        snapshot.yaml["organismes/x/paa.yaml"] = "actions: [indexé]\n";
        snapshot.files = {"organismes/x/paa.yaml", "organismes/x/preuve.pdf"};
        snapshot.read = [](const std::string& p) -> std::optional<std::string> {
            if (p == "organismes/x/preuve.pdf") return std::string("%PDF");
            return std::nullopt;
        };
        const io::Root staged{tmp.path / "depot", io::RootKind::repository, &snapshot};
        const auto in_index = io::digest_in_root(staged);
        CHECK(in_index("organismes/x/paa.yaml") == io::sha256_hex("actions: [indexé]\n"));
        CHECK(in_index("organismes/x/preuve.pdf") == io::sha256_hex("%PDF"));
        CHECK_FALSE(in_index("organismes/x/lien.pdf").has_value());
    }
}
