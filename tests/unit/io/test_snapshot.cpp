// SPDX-License-Identifier: EUPL-1.2
// Loading a root from a snapshot (git's index, for validate --staged) instead of the disk.
#include "quali/io/repository.hpp"
#include "quali/io/snapshot.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace quali;

TEST_SUITE("io::snapshot")
{
    TEST_CASE("proofs exist when the snapshot holds them, whatever the disk says")
    {
        io::Snapshot s;
        s.files = {"organismes/x/preuves/cr.pdf", "organismes/x/paa.yaml"};
        const io::SnapshotPaths paths(s, "organismes/x");
        CHECK(paths.status("preuves/cr.pdf") == core::PathStatus::file);
        CHECK(paths.status("./preuves/../preuves/cr.pdf") == core::PathStatus::file);
        CHECK(paths.status("preuves") == core::PathStatus::not_a_file);
        CHECK(paths.status("preuves/autre.pdf") == core::PathStatus::missing);
    }

    TEST_CASE("load_root walks the snapshot with the same layout rules as the disk")
    {
        io::Snapshot s;
        s.yaml = {{"quali.yaml", "version: 1\n"},
                  {"organismes/x/organisme.yaml", "nom: X\n"},
                  {".cache/a.yaml", "x: 1\n"},
                  {"organismes/x/preuves/annexe.yaml", "x: 1\n"}};
        for (const auto& [path, bytes] : s.yaml) s.files.insert(path);
        s.files.insert("organismes/y/preuves/seule.pdf");
        s.files.insert("notes.yml");
        s.links.insert("comite/membres.yaml");
        const io::Root root{"/nulle/part", io::RootKind::repository, &s};
        const io::LoadedRoot loaded = io::load_root(root, core::Lang::fr);

        std::vector<std::string> paths;
        for (const io::SourceFile& f : loaded.files) paths.push_back(f.path);
        CHECK(paths == std::vector<std::string>{"comite/membres.yaml", "organismes/x/organisme.yaml", "quali.yaml"});
        CHECK(loaded.organismes == std::set<std::string>{"x", "y"});
        const io::SourceFile& link = loaded.files.front();
        REQUIRE(link.diagnostics.size() == 1);
        CHECK(link.diagnostics[0].code == "Q010");
        CHECK(loaded.files[1].root != nullptr);
        CHECK(loaded.files[1].bytes == "nom: X\n");
        const auto has = [&](const std::string& code, const std::string& file) {
            return std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                               [&](const core::Diagnostic& d) { return d.code == code && d.file == file; });
        };
        CHECK(has("Q011", "notes.yml"));
        CHECK(has("Q015", "organismes/y"));
    }
}
