// SPDX-License-Identifier: EUPL-1.2
// The result cache's encoding of an organisme folder's result: what is decoded equals, field by
// field (the model's defaulted ==), what was encoded — whole organismes, summaries, digests and
// diagnostics of the example repository and of the rules' base —; anything damaged decodes to
// nothing.
#include "../core/repo.hpp"

#include "quali/core/deadlines.hpp"
#include "quali/core/rules.hpp"
#include "quali/io/compression.hpp"
#include "quali/io/result_codec.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace quali;

namespace {

std::vector<testing::Repo> repositories()
{
    return {testing::Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot"), testing::Repo::base()};
}

// The result of each organisme of a repository, as the loading would store it, in three forms.
std::vector<io::FolderResult> results_of(const testing::Repo& repo)
{
    const core::Model model = repo.model();
    const core::RuleReport report = core::check_rules(model, testing::day("2026-06-10"), core::Lang::fr);
    std::vector<io::FolderResult> out;
    for (const core::Organisme& o : model.organismes) {
        io::FolderResult r;
        r.organismes = {o};
        r.rules = report.diagnostics;
        // Every field of a diagnostic set, a note among them.
        r.rules.push_back({core::Severity::warning, "Q310", o.file, {3, 7}, "message « accentué »", "aide",
                           {{o.folder + "/paa.yaml", {12, 5}, "note"}}});
        r.unreadable = {o.folder + "/paa.yaml"};
        r.files = {{o.file, true, r.rules}, {o.folder + "/concertation.yaml", false, {}}};
        out.push_back(r);
        r.organismes = {core::summary(o)};
        out.push_back(r);
        r.organismes = {core::digest(o)};
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

TEST_CASE("a folder's result decodes to what was encoded, every field of the model")
{
    for (const testing::Repo& repo : repositories()) {
        const std::vector<io::FolderResult> results = results_of(repo);
        REQUIRE_FALSE(results.empty());
        for (const io::FolderResult& r : results) {
            const std::optional<io::FolderResult> back = io::decode_folder_result(io::encode(r));
            REQUIRE(back.has_value());
            CHECK(*back == r);
        }
    }
}

TEST_CASE("the shared files' result decodes to what was encoded: rules, framework, committee, sessions, auditors")
{
    for (const testing::Repo& repo : repositories()) {
        io::SharedResult shared{repo.model(), {"comite/seances/2026-06-18.yaml"}, {{"quali.yaml", true, {}}}};
        REQUIRE_FALSE(shared.model.sessions.empty());
        REQUIRE_FALSE(shared.model.auditors.empty());
        const std::optional<io::SharedResult> back = io::decode_shared_result(io::encode(shared));
        REQUIRE(back.has_value());
        CHECK(*back == shared); // the index too: built again on decoding
        CHECK(back->model.session(*shared.model.sessions.back().date) != nullptr);
    }
}

TEST_CASE("the equality the round trip relies on sees a change in a deep field")
{
    const core::Model model = testing::Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot").model();
    const auto with_results = std::find_if(model.organismes.begin(), model.organismes.end(), [](const core::Organisme& o) {
        return !o.audits.empty() && !o.audits.front().resultats.empty();
    });
    REQUIRE(with_results != model.organismes.end());
    core::Organisme changed = *with_results;
    changed.audits.front().resultats.front().pos.column += 1;
    CHECK_FALSE(changed == *with_results);
}

TEST_CASE("damaged bytes decode to nothing, never to a result nor a throw")
{
    const std::vector<io::FolderResult> results = results_of(testing::Repo::base());
    REQUIRE_FALSE(results.empty());
    const std::string bytes = io::encode(results.front());
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, bytes.size() / 2, bytes.size() - 1})
        CHECK_FALSE(io::decode_folder_result(std::string_view(bytes).substr(0, cut)).has_value());
    CHECK_FALSE(io::decode_folder_result(bytes + "x").has_value());
    std::string flipped = bytes;
    flipped[bytes.size() - 2] = static_cast<char>(flipped[bytes.size() - 2] ^ 0x5a); // the end mark
    CHECK_FALSE(io::decode_folder_result(flipped).has_value());
    CHECK_FALSE(io::decode_folder_result(std::string(64, '\xff')).has_value());
}

TEST_CASE("deadlines kept aside come back whole, compressed or not; a damaged frame gives nothing")
{
    const testing::Repo repo = testing::Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot");
    const std::vector<core::Deadline> all =
        core::deadlines(repo.model(), testing::day("2026-06-10"), std::nullopt, core::Lang::fr);
    REQUIRE(all.size() > 3);
    const auto same = [](const std::vector<core::Deadline>& a, const std::vector<core::Deadline>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i].date != b[i].date || a[i].type != b[i].type || a[i].organisme != b[i].organisme ||
                a[i].titre != b[i].titre || a[i].description != b[i].description || a[i].lieu != b[i].lieu ||
                a[i].statut != b[i].statut || a[i].cle != b[i].cle)
                return false;
        return true;
    };
    const std::string bytes = io::encode(all);
    const auto back = io::decode_deadlines(bytes);
    REQUIRE(back.has_value());
    CHECK(same(*back, all));
    CHECK(io::decode_deadlines(io::encode(std::vector<core::Deadline>{}))->empty());
    CHECK_FALSE(io::decode_deadlines(std::string_view(bytes).substr(0, bytes.size() - 1)).has_value());

    std::string frame = "kept";
    REQUIRE(io::compress(bytes, frame, 1));
    CHECK(frame.starts_with("kept")); // appended after what it held
    const std::string_view only = std::string_view(frame).substr(4);
    CHECK(only.size() < bytes.size());
    const auto plain = io::decompress(only, bytes.size());
    REQUIRE(plain.has_value());
    CHECK(*plain == bytes);
    CHECK_FALSE(io::decompress(only, bytes.size() - 1).has_value()); // larger than allowed
    CHECK_FALSE(io::decompress(only.substr(0, only.size() - 1), bytes.size()).has_value());
    std::string flipped(only);
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
    CHECK_FALSE(io::decompress(flipped, bytes.size()).has_value());
}

TEST_CASE("the program's identity names this very build")
{
    const std::string& id = io::build_identity();
    CHECK_FALSE(id.empty());
    CHECK(&id == &io::build_identity()); // computed once
}
