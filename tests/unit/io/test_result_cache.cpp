// SPDX-License-Identifier: EUPL-1.2
// The result cache's packs: a hit only for the same entry and key with the whole payload; no
// entry at all for every damaged, foreign or concurrent state; never a throw.
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

bool keep_all(std::string_view)
{
    return true;
}

} // namespace

TEST_SUITE("io::result_cache")
{
    TEST_CASE("a payload comes back for its entry and key only, once committed")
    {
        const testing::TempDir dir;
        const fs::path folder = dir.path / "quali";
        const std::string binary("r\xC3\xA9sultat\n\0binaire", 19);
        {
            io::ResultCache pack(folder, "disk /depot lean");
            CHECK_FALSE(pack.get("organismes/habitat-loire", "k1"));
            pack.put("organismes/habitat-loire", "k1", binary);
            pack.put("organismes/autre", "k1", "");
            CHECK_FALSE(fs::exists(folder)); // nothing written before the commit
            REQUIRE(pack.commit(keep_all));
        }
        CHECK(names_in(folder).size() == 1); // one file, no temporary one left
        {
            io::ResultCache pack(folder, "disk /depot lean");
            CHECK(pack.read_count() == 2);
            CHECK(pack.get("organismes/habitat-loire", "k1") == binary);
            CHECK(pack.get("organismes/autre", "k1") == "");
            CHECK_FALSE(pack.get("organismes/habitat-loire", "k2"));
            CHECK_FALSE(pack.get("organismes/inconnu", "k1"));
            const io::ResultCache other(folder, "disk /depot whole"); // another pack
            CHECK_FALSE(other.get("organismes/habitat-loire", "k1"));
            pack.put("organismes/habitat-loire", "k2", "deuxième");
            REQUIRE(pack.commit(keep_all));
        }
        const io::ResultCache pack(folder, "disk /depot lean");
        CHECK(pack.get("organismes/habitat-loire", "k2") == "deuxième");
        CHECK_FALSE(pack.get("organismes/habitat-loire", "k1")); // replaced
        CHECK(pack.get("organismes/autre", "k1") == "");          // kept
    }

    TEST_CASE("a pack is written only when it changes, without its stale entries and its gone folders")
    {
        const testing::TempDir dir;
        {
            io::ResultCache pack(dir.path, "p");
            for (const char* entry : {"a", "b", "c", "d"})
                pack.put(entry, "k", std::string("résultat de ") + entry);
            REQUIRE(pack.commit(keep_all));
        }
        const fs::path file = io::ResultCache(dir.path, "p").file();
        const auto written = fs::last_write_time(file);
        {
            io::ResultCache pack(dir.path, "p");
            CHECK(pack.get("a", "k"));
            CHECK(pack.commit([](std::string_view) { return false; })); // nothing changed: not written
        }
        CHECK(fs::last_write_time(file) == written);
        {
            io::ResultCache pack(dir.path, "p");
            CHECK_FALSE(pack.get("a", "another key")); // stale: left out
            pack.put("e", "k", "nouveau");
            REQUIRE(pack.commit([](std::string_view entry) { return entry != "c"; })); // c's folder is gone
        }
        const io::ResultCache pack(dir.path, "p");
        CHECK(pack.read_count() == 3);
        CHECK(pack.get("b", "k") == "résultat de b");
        CHECK(pack.get("d", "k") == "résultat de d");
        CHECK(pack.get("e", "k") == "nouveau");
    }

    TEST_CASE("a truncated pack, a flipped byte, another format or garbage holds no entry")
    {
        const testing::TempDir dir;
        {
            io::ResultCache pack(dir.path, "p");
            pack.put("n", "clé", "le résultat d'un dossier");
            pack.put("m", "clé", std::string(5000, 'x'));
            REQUIRE(pack.commit(keep_all));
        }
        const fs::path file = io::ResultCache(dir.path, "p").file();
        const std::string whole = bytes_of(file);
        const auto holds_nothing = [&] {
            const io::ResultCache pack(dir.path, "p");
            return pack.read_count() == 0 && !pack.get("n", "clé") && !pack.get("m", "clé");
        };
        for (std::size_t length = 0; length < whole.size(); ++length) {
            write(file, whole.substr(0, length));
            CHECK_MESSAGE(holds_nothing(), "cut at " << length << " still reads");
        }
        // A flipped bit loses the entries of its chunk (or all of them, in the pack's frame), or
        // changes nothing where zstd's decoding does not look (there are a few bits so): an entry
        // is either what was put or missing, never another result.
        int lost = 0;
        for (std::size_t at = 0; at < whole.size(); ++at) {
            std::string flipped = whole;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
            write(file, flipped);
            const io::ResultCache pack(dir.path, "p");
            const auto n = pack.get("n", "clé");
            const auto m = pack.get("m", "clé");
            CHECK_MESSAGE((!n || *n == "le résultat d'un dossier"), "byte " << at << " flipped reads another result");
            CHECK_MESSAGE((!m || *m == std::string(5000, 'x')), "byte " << at << " flipped reads another result");
            lost += !n || !m ? 1 : 0;
        }
        CHECK(lost > static_cast<int>(whole.size()) * 3 / 4);
        std::string other = whole;
        other.replace(0, io::ResultCache::format.size(), "quali-cache 3");
        write(file, other);
        CHECK(holds_nothing());
        write(file, std::string(4096, '\xFF'));
        CHECK(holds_nothing());
        fs::remove(file);
        fs::create_directory(file); // a folder where the pack should be
        CHECK(holds_nothing());
        {
            io::ResultCache pack(dir.path, "p");
            pack.put("n", "clé", "x");
            CHECK_FALSE(pack.commit(keep_all)); // cannot replace it: false, no throw
        }
        fs::remove(file);
        write(file, whole);
        CHECK(io::ResultCache(dir.path, "p").get("n", "clé") == "le résultat d'un dossier"); // the test's pack was good
    }

    TEST_CASE("a cache that cannot be written only misses")
    {
        const testing::TempDir dir;
        write(dir.path / "fichier", "not a folder");
        io::ResultCache pack(dir.path / "fichier" / "quali", "p"); // even root cannot create it
        pack.put("n", "k", "payload");
        CHECK_FALSE(pack.commit(keep_all));
        CHECK_FALSE(pack.get("n", "k"));
        CHECK_FALSE(io::clear_cache(dir.path / "fichier" / "quali"));
        io::ResultCache none(fs::path(), "p"); // no place for a cache
        none.put("n", "k", "payload");
        CHECK(none.commit(keep_all));
        CHECK_FALSE(none.get("n", "k"));
    }

    TEST_CASE("threads at once, and writers at once, never leave half a pack")
    {
        const testing::TempDir dir;
        {
            io::ResultCache pack(dir.path, "p");
            std::vector<std::jthread> putting;
            for (int t = 0; t < 4; ++t)
                putting.emplace_back([&pack, t] {
                    for (int i = 0; i < 50; ++i)
                        pack.put(std::to_string(t * 50 + i), "k", std::string(100 + i, 'a'));
                });
        }
        const std::string a(200'000, 'a'), b(300'000, 'b');
        std::atomic<bool> done{false};
        std::atomic<int> hits{0}, wrong{0};
        std::thread reader([&] {
            while (!done) {
                const io::ResultCache pack(dir.path, "p");
                if (const auto got = pack.get("même", "clé")) (*got == a || *got == b ? hits : wrong)++;
            }
        });
        {
            std::vector<std::jthread> writers;
            for (const std::string* payload : {&a, &b})
                writers.emplace_back([&, payload] {
                    for (int i = 0; i < 50; ++i) {
                        io::ResultCache pack(dir.path, "p");
                        pack.put("même", "clé", *payload);
                        CHECK(pack.commit(keep_all));
                    }
                });
        }
        done = true;
        reader.join();
        CHECK(wrong == 0);
        const io::ResultCache settled(dir.path, "p");
        const auto last = settled.get("même", "clé");
        CHECK((last == a || last == b));
        CHECK(names_in(dir.path).size() == 1);
    }

    TEST_CASE("clear removes the packs, their temporary files and the first format's entries, nothing else")
    {
        const testing::TempDir dir;
        const fs::path folder = dir.path / "quali";
        const auto fill = [&] {
            io::ResultCache pack(folder, "p");
            pack.put("a", "k", "1");
            REQUIRE(pack.commit(keep_all));
        };
        fill();
        write(folder / ".tmp-abandonne", "half");
        write(folder / "e-0123456789abcdef0123456789abcdef", "quali-cache 1\n");
        write(folder / "LISEZMOI", "someone's file");
        CHECK_FALSE(io::clear_cache(folder));
        CHECK(names_in(folder) == std::vector<std::string>{"LISEZMOI"});
        fs::remove(folder / "LISEZMOI");
        fill();
        CHECK_FALSE(io::clear_cache(folder));
        CHECK_FALSE(fs::exists(folder)); // emptied, so removed
        CHECK_FALSE(io::clear_cache(folder)); // nothing to clear
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
