// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali;
using core::Position;

namespace {

io::ParsedYaml parse(std::string_view text) { return io::parse_yaml(text, core::Lang::fr); }

bool has_code(const io::ParsedYaml& p, std::string_view code)
{
    for (const auto& d : p.diagnostics)
        if (d.code == code) return true;
    return false;
}

} // namespace

TEST_SUITE("io::yaml_reader")
{
    TEST_CASE("every node carries its 1-based line and column")
    {
        const auto p = parse("nom: Habitat Loire\ncontact:\n  courriel: c@x.fr\nlist: [a, b]\n");
        REQUIRE(p.tree->root() != nullptr);
        const core::Node& root = *p.tree->root();
        CHECK(root.find_entry("nom")->key_pos == Position{1, 1});
        CHECK(root.find("nom")->pos == Position{1, 6});
        CHECK(root.find("contact")->find("courriel")->pos == Position{3, 13});
        CHECK(root.find("list")->items[1]->pos == Position{4, 11});
        CHECK(p.diagnostics.empty());
    }

    TEST_CASE("quoted scalars are marked as such")
    {
        const auto p = parse("a: \"123\"\nb: 123\nc: '1'\nd: |\n  x\n");
        const core::Node& root = *p.tree->root();
        CHECK(root.find("a")->quoted);
        CHECK_FALSE(root.find("b")->quoted);
        CHECK(root.find("c")->quoted);
        CHECK(root.find("d")->quoted);
    }

    TEST_CASE("a duplicate key is reported with the first definition, and the first value kept")
    {
        const auto p = parse("logements: 1\nnom: A\nlogements: 2\n");
        REQUIRE(p.diagnostics.size() == 1);
        const auto& d = p.diagnostics[0];
        CHECK(d.code == "Q002");
        CHECK(d.pos == Position{3, 1});
        REQUIRE(d.notes.size() == 1);
        CHECK(d.notes[0].pos == Position{1, 1});
        CHECK(p.tree->root()->find("logements")->text == "1");
    }

    TEST_CASE("syntax errors give the parser's place and a French explanation")
    {
        const auto p = parse("contact: { nom: Claire Martin, courriel: c@x.fr\n");
        REQUIRE(p.diagnostics.size() == 1);
        CHECK(p.diagnostics[0].code == "Q001");
        CHECK(p.diagnostics[0].message.find("accolade") != std::string::npos);
        CHECK(p.tree->root() == nullptr);
    }

    TEST_CASE("syntax errors are explained in English too, not in yaml-cpp's words")
    {
        const auto p = io::parse_yaml("contact: { nom: Claire Martin, courriel: c@x.fr\n", core::Lang::en);
        REQUIRE(p.diagnostics.size() == 1);
        CHECK(p.diagnostics[0].code == "Q001");
        CHECK(p.diagnostics[0].message ==
              "invalid YAML syntax: closing brace \"}\" missing: is the file truncated?");
        const auto colon = io::parse_yaml("nom: Habitat\n  logements: 12\n", core::Lang::en);
        REQUIRE(has_code(colon, "Q001"));
        CHECK(colon.diagnostics[0].message.find("illegal map value") == std::string::npos);
        CHECK(colon.diagnostics[0].message.find("deux-points") == std::string::npos);
    }

    TEST_CASE("a second document is reported where it starts")
    {
        const auto p = parse("a: 1\n---\nb: 2\n");
        REQUIRE(p.diagnostics.size() == 1);
        CHECK(p.diagnostics[0].code == "Q005");
        CHECK(p.diagnostics[0].pos.line == 2);  // the "---" that opens it
        CHECK(p.tree->root()->find("a") != nullptr);
    }

    TEST_CASE("a comments-only file is empty")
    {
        const auto p = parse("# rien\n# du tout\n");
        CHECK(has_code(p, "Q004"));
    }

    TEST_CASE("the billion-laughs alias bomb stops at the node budget")
    {
        std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
        std::string prev = "a";
        for (char c = 'b'; c <= 'j'; ++c) {
            bomb += std::string(1, c) + ": &" + c + " [";
            for (int i = 0; i < 9; ++i) bomb += (i ? ", *" : "*") + prev;
            bomb += "]\n";
            prev = std::string(1, c);
        }
        const auto p = parse(bomb);
        CHECK(has_code(p, "Q009"));
        CHECK(p.tree->root() == nullptr);
    }

    TEST_CASE("a large document without aliases stays under the node budget")
    {
        // 30,000 mappings of 2 entries (150,001 nodes): nested nodes count once, not once per level.
        std::string doc = "r:\n";
        for (int i = 0; i < 30000; ++i) doc += "  - { a: 1, b: 2 }\n";
        const auto p = parse(doc);
        CHECK_FALSE(has_code(p, "Q009"));
        REQUIRE(p.tree->root() != nullptr);
        CHECK(p.tree->root()->find("r")->items.size() == 30000);
    }

    TEST_CASE("columns count code points along a long line of many nodes")
    {
        std::string line = "l: [";
        for (int i = 0; i < 2000; ++i) line += "é, ";
        line += "x]\n";
        const auto p = parse(line);
        REQUIRE(p.tree->root() != nullptr);
        const auto& items = p.tree->root()->find("l")->items;
        REQUIRE(items.size() == 2001);
        CHECK(items[0]->pos == Position{1, 5});
        CHECK(items[1]->pos == Position{1, 8});
        CHECK(items[2000]->pos == Position{1, 5 + 3 * 2000});
    }

    TEST_CASE("deep nesting stops with a diagnostic, not a stack overflow")
    {
        const std::string deep = std::string(10000, '[') + std::string(10000, ']');
        const auto p = parse(deep);
        CHECK(has_code(p, "Q008"));
        const std::string deep_maps = [] {
            std::string s;
            for (int i = 0; i < 3000; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
            return s;
        }();
        CHECK(has_code(parse(deep_maps), "Q008"));
    }

    TEST_CASE("aliases and merge keys are read; explicit keys win over merged ones")
    {
        const auto p = parse("base: &b { pilote: Direction, etat: prevue }\nact:\n  <<: *b\n  etat: realisee\n");
        REQUIRE(p.diagnostics.empty());
        const core::Node& act = *p.tree->root()->find("act");
        CHECK(act.find("pilote")->text == "Direction");
        CHECK(act.find("etat")->text == "realisee");
    }

    TEST_CASE("unknown tags are refused, standard ones accepted")
    {
        CHECK(has_code(parse("a: !!python/object:os.system ls\n"), "Q012"));
        CHECK(has_code(parse("a: !perso 1\n"), "Q012"));
        const auto p = parse("a: !!str 123\nb: !!int 4\n");
        CHECK(p.diagnostics.empty());
        CHECK(p.tree->root()->find("a")->quoted);
    }

    TEST_CASE("complex keys are reported")
    {
        CHECK(has_code(parse("? [a, b]\n: 1\n"), "Q013"));
    }

    TEST_CASE("tabs in indentation are a syntax error with a clear message")
    {
        const auto p = parse("a:\n\tb: 1\n");
        CHECK(has_code(p, "Q001"));
    }
}
