// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/document.hpp"

#include <doctest/doctest.h>

using namespace quali::core;

namespace {

Node scalar(std::string text, bool quoted = false)
{
    Node n;
    n.kind = NodeKind::scalar;
    n.text = std::move(text);
    n.quoted = quoted;
    return n;
}

} // namespace

TEST_SUITE("core::document")
{
    TEST_CASE("plain scalars resolve with the YAML 1.2 core schema")
    {
        CHECK(resolve_scalar(scalar("18450")) == ScalarType::integer);
        CHECK(resolve_scalar(scalar("-3")) == ScalarType::integer);
        CHECK(resolve_scalar(scalar("0x1F")) == ScalarType::integer);
        CHECK(resolve_scalar(scalar("0.5")) == ScalarType::floating);
        CHECK(resolve_scalar(scalar("1e3")) == ScalarType::floating);
        CHECK(resolve_scalar(scalar(".inf")) == ScalarType::floating);
        CHECK(resolve_scalar(scalar("true")) == ScalarType::boolean);
        CHECK(resolve_scalar(scalar("~")) == ScalarType::null);
        CHECK(resolve_scalar(scalar("")) == ScalarType::null);
        CHECK(resolve_scalar(scalar("2024-02-15")) == ScalarType::string);
        CHECK(resolve_scalar(scalar("T1.2")) == ScalarType::string);
        // YAML 1.1's yes/no and sexagesimals are plain text in 1.2.
        CHECK(resolve_scalar(scalar("yes")) == ScalarType::string);
        CHECK(resolve_scalar(scalar("1:20")) == ScalarType::string);
    }

    TEST_CASE("quoted scalars are always strings")
    {
        CHECK(resolve_scalar(scalar("123456782", true)) == ScalarType::string);
        CHECK(resolve_scalar(scalar("true", true)) == ScalarType::string);
    }
}
