// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/process.hpp"

#include <doctest/doctest.h>

using namespace quali;

TEST_SUITE("io::process")
{
    TEST_CASE("a program gets its arguments as they are, without a shell")
    {
        const auto r = io::run_process({"printf", "%s|", "a b", "$HOME", "; rm -rf /", "*"});
        REQUIRE(r.has_value());
        CHECK(r->exit_code == 0);
        CHECK(r->out == "a b|$HOME|; rm -rf /|*|");
    }

    TEST_CASE("large input and output go through together without blocking")
    {
        std::string input;
        for (int i = 0; i < 200'000; ++i) input += "ligne " + std::to_string(i) + "\n";
        const auto r = io::run_process({"cat"}, input);
        REQUIRE(r.has_value());
        CHECK(r->out == input);
    }

    TEST_CASE("exit code, standard error, and a program that reads nothing")
    {
        const auto r = io::run_process({"sh", "-c", "echo erreur >&2; exit 3"}, std::string(1 << 20, 'x'));
        REQUIRE(r.has_value());
        CHECK(r->exit_code == 3);
        CHECK(r->err == "erreur\n");
    }

    TEST_CASE("a program that is not installed is nullopt, not an exception")
    {
        CHECK_FALSE(io::run_process({"quali-programme-qui-n-existe-pas"}).has_value());
        CHECK_FALSE(io::program_in_path("quali-programme-qui-n-existe-pas"));
        CHECK(io::program_in_path("sh"));
    }
}
