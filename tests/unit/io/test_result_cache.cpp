// SPDX-License-Identifier: EUPL-1.2
// The result cache's entries: a hit only for the same name and key with the whole payload; a
// miss for every damaged, foreign or concurrent state; never a throw.
#include "quali/io/result_cache.hpp"

#include "../temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>
#include <vector>

using namespace quali;
namespace fs = std::filesystem;

namespace {

std::string bytes_of(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& p, const std::string& bytes)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> names_in(const fs::path& dir)
{
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Sets an environment variable for the test's length.
struct ScopedEnv {
    std::string name;
    std::optional<std::string> before;
    ScopedEnv(std::string n, const std::string& value) : name(std::move(n))
    {
        if (const char* v = std::getenv(name.c_str())) before = v;
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    ~ScopedEnv()
    {
        if (before)
            ::setenv(name.c_str(), before->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

} // namespace

TEST_SUITE("io::result_cache")
{
    TEST_CASE("a payload comes back for its name and key only")
    {
        const testing::TempDir dir;
        const io::ResultCache cache(dir.path / "quali");
        CHECK_FALSE(cache.get("organismes/habitat-loire", "k1"));
        REQUIRE(cache.put("organismes/habitat-loire", "k1", std::string("r\xC3\xA9sultat\n\0binaire", 19)));
        CHECK(cache.get("organismes/habitat-loire", "k1") == std::string("r\xC3\xA9sultat\n\0binaire", 19));
        CHECK_FALSE(cache.get("organismes/habitat-loire", "k2"));
        CHECK_FALSE(cache.get("organismes/autre", "k1"));
        REQUIRE(cache.put("organismes/habitat-loire", "k2", ""));
        CHECK(cache.get("organismes/habitat-loire", "k2") == "");
        CHECK_FALSE(cache.get("organismes/habitat-loire", "k1")); // replaced
        CHECK(names_in(dir.path / "quali").size() == 1);          // no temporary file left
    }

    TEST_CASE("a truncated entry, a flipped byte, another format or garbage is a miss")
    {
        const testing::TempDir dir;
        const io::ResultCache cache(dir.path);
        REQUIRE(cache.put("n", "clé", "le résultat d'un dossier"));
        const fs::path file = cache.entry_path("n");
        const std::string whole = bytes_of(file);
        for (std::size_t length = 0; length < whole.size(); ++length) {
            write(file, whole.substr(0, length));
            CHECK_FALSE(cache.get("n", "clé"));
        }
        for (std::size_t at = 0; at < whole.size(); ++at) {
            std::string flipped = whole;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
            write(file, flipped);
            CHECK_MESSAGE(!cache.get("n", "clé"), "byte " << at << " flipped still reads");
        }
        std::string other = whole;
        other.replace(0, io::ResultCache::format.size(), "quali-cache 2");
        write(file, other);
        CHECK_FALSE(cache.get("n", "clé"));
        write(file, std::string(4096, '\xFF'));
        CHECK_FALSE(cache.get("n", "clé"));
        fs::remove(file);
        fs::create_directory(file); // a folder where the entry should be
        CHECK_FALSE(cache.get("n", "clé"));
        CHECK_FALSE(cache.put("n", "clé", "x")); // cannot replace it: a miss, no throw
        fs::remove(file);
        write(file, whole);
        CHECK(cache.get("n", "clé") == "le résultat d'un dossier"); // the test's entry was good
    }

    TEST_CASE("a cache that cannot be written only misses")
    {
        const testing::TempDir dir;
        write(dir.path / "fichier", "not a folder");
        const io::ResultCache cache(dir.path / "fichier" / "quali"); // even root cannot create it
        CHECK_FALSE(cache.put("n", "k", "payload"));
        CHECK_FALSE(cache.get("n", "k"));
        CHECK_FALSE(cache.clear());
        const io::ResultCache none{fs::path()};
        CHECK_FALSE(none.put("n", "k", "payload"));
        CHECK_FALSE(none.get("n", "k"));
    }

    TEST_CASE("writers at once never leave half an entry")
    {
        const testing::TempDir dir;
        const io::ResultCache cache(dir.path);
        const std::string a(200'000, 'a'), b(300'000, 'b');
        std::atomic<bool> done{false};
        std::atomic<int> hits{0}, wrong{0};
        std::thread reader([&] {
            while (!done)
                if (const auto got = cache.get("même", "clé")) (*got == a || *got == b ? hits : wrong)++;
        });
        {
            std::vector<std::jthread> writers;
            for (const std::string* payload : {&a, &b})
                writers.emplace_back([&, payload] {
                    for (int i = 0; i < 100; ++i)
                        CHECK(cache.put("même", "clé", *payload));
                });
        }
        done = true;
        reader.join();
        CHECK(wrong == 0);
        const auto last = cache.get("même", "clé");
        CHECK((last == a || last == b));
        CHECK(names_in(dir.path).size() == 1);
    }

    TEST_CASE("clear removes the entries and their temporary files, nothing else")
    {
        const testing::TempDir dir;
        const io::ResultCache cache(dir.path / "quali");
        REQUIRE(cache.put("a", "k", "1"));
        REQUIRE(cache.put("b", "k", "2"));
        write(dir.path / "quali" / ".tmp-abandonne", "half");
        write(dir.path / "quali" / "LISEZMOI", "someone's file");
        CHECK_FALSE(cache.clear());
        CHECK(names_in(dir.path / "quali") == std::vector<std::string>{"LISEZMOI"});
        fs::remove(dir.path / "quali" / "LISEZMOI");
        REQUIRE(cache.put("a", "k", "1"));
        CHECK_FALSE(cache.clear());
        CHECK_FALSE(fs::exists(dir.path / "quali")); // emptied, so removed
        CHECK_FALSE(cache.clear());                  // nothing to clear
    }

    TEST_CASE("the cache lives in git's folder, a linked work tree's own, or the user's cache")
    {
        const testing::TempDir dir;
        const fs::path repo = dir.path / "depot", linked = dir.path / "arbre";
        fs::create_directories(repo / ".git" / "worktrees" / "arbre");
        fs::create_directories(linked);
        CHECK(io::cache_folder(repo) == repo / ".git" / "quali");
        fs::create_directories(repo / "depot-qualite");
        CHECK(io::cache_folder(repo / "depot-qualite") == repo / ".git" / "quali"); // a sub-folder of the work tree
        write(linked / ".git", "gitdir: ../depot/.git/worktrees/arbre\n");
        CHECK(io::cache_folder(linked) == repo / ".git" / "worktrees" / "arbre" / "quali");
        write(linked / ".git", "gitdir: " + (repo / ".git" / "worktrees" / "arbre").string() + "\n");
        CHECK(io::cache_folder(linked) == repo / ".git" / "worktrees" / "arbre" / "quali");

        const fs::path plain = dir.path / "sans-git", other = dir.path / "autre";
        fs::create_directories(plain);
        fs::create_directories(other);
        const ScopedEnv xdg("XDG_CACHE_HOME", (dir.path / "cache").string());
        const fs::path folder = io::cache_folder(plain);
        CHECK(folder.parent_path() == dir.path / "cache" / "quali");
        CHECK(folder.filename().string().size() == 32);
        CHECK(io::cache_folder(other) != folder);
        CHECK(io::cache_folder(plain / ".") == folder);    // the same folder, however it is written
        write(linked / ".git", "gitdir: ../nulle-part\n"); // a .git file naming nothing: no git
        CHECK(io::cache_folder(linked).parent_path() == dir.path / "cache" / "quali");
    }
}
