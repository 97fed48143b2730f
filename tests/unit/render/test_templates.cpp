// SPDX-License-Identifier: EUPL-1.2
// Logic-less templates: values escaped for the format whatever the tag, lists with their
// helpers, no partial nor delimiter change, and the built-in templates valid.
#include "quali/render/templates.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali::render;
using J = nlohmann::ordered_json;

namespace {

std::string md(const char* tmpl, const J& tree)
{
    return render_document(tmpl, tree, DocumentFormat::markdown);
}

std::string html(const char* tmpl, const J& tree)
{
    return render_document(tmpl, tree, DocumentFormat::html);
}

} // namespace

TEST_SUITE("render::templates")
{
    TEST_CASE("every value is escaped for the format, with double or triple mustaches")
    {
        const J tree{{"nom", "<img src=x onerror=alert(1)> | 'a'"}};
        CHECK(html("{{nom}}", tree) == "&lt;img src=x onerror=alert(1)&gt; | &#39;a&#39;");
        CHECK(html("{{{nom}}}", tree) == "&lt;img src=x onerror=alert(1)&gt; | &#39;a&#39;");
        CHECK(html("{{& nom}}", tree) == "&lt;img src=x onerror=alert(1)&gt; | &#39;a&#39;");
        CHECK(md("{{{nom}}}", tree) == "\\<img src=x onerror=alert(1)\\> \\| 'a'");
        CHECK(md("{{nom}}", tree) == "\\<img src=x onerror=alert(1)\\> \\| 'a'");
    }

    TEST_CASE("a value holding mustache tags is printed, never expanded")
    {
        const J tree{{"nom", "{{secret}}"}, {"secret", "x"}};
        CHECK(html("{{nom}}", tree) == "{{secret}}");
    }

    TEST_CASE("lists give si_, nombre_, premier and dernier; null and false are falsy")
    {
        const J tree{{"l", J::array({J{{"n", "a"}}, J{{"n", "b"}}})},
                     {"vide", J::array()},
                     {"rien", nullptr},
                     {"num", 3},
                     {"reel", 2.5}};
        CHECK(md("{{#l}}{{n}}{{^dernier}}, {{/dernier}}{{/l}}", tree) == "a, b");
        CHECK(md("{{#l}}{{#premier}}[{{/premier}}{{n}}{{/l}}", tree) ==
              "[ab"); // the template's own text is not escaped
        CHECK(md("{{nombre_l}} {{#si_l}}oui{{/si_l}} {{^si_vide}}vide{{/si_vide}}", tree) == "2 oui vide");
        CHECK(md("{{^rien}}rien{{/rien}}{{rien}}", tree) == "rien");
        CHECK(md("{{num}} {{reel}}", tree) == "3 2,5");
    }

    TEST_CASE("a list made row by row renders as the same list built whole, one row at a time")
    {
        const std::string text = "{{#si_lignes}}{{nombre_lignes}} :{{/si_lignes}}"
                                 "{{#lignes}}[{{nom}}{{#detail}}<{{.}}>{{/detail}}{{#sous}}({{x}}){{/sous}}"
                                 "{{^dernier}}, {{/dernier}}{{#premier}}*{{/premier}}]{{/lignes}}"
                                 "{{^si_vide}} vide{{/si_vide}}{{titre}}";
        int live = 0, most = 0, made = 0;
        struct Live { // counts the rows that exist at once
            int& live;
            explicit Live(int& l) : live(l) { ++live; }
            Live(const Live& o) : live(o.live) { ++live; }
            ~Live() { --live; }
        };
        const auto row = [](std::size_t i, LazyRows* lazy) {
            J sous = rows(lazy, i, [](std::size_t k) { return J{{"x", k}}; });
            return J{{"nom", "n<" + std::to_string(i)}, {"detail", J::array({"a", "b"})}, {"sous", sous}};
        };
        J whole{{"titre", "T"}, {"vide", J::array()}};
        whole["lignes"] = rows(nullptr, 4, [&](std::size_t i) { return row(i, nullptr); });
        LazyRows lazy;
        J tree{{"titre", "T"}, {"vide", J::array()}};
        tree["lignes"] = rows(&lazy, 4, [&](std::size_t i) {
            const Live alive(live);
            most = std::max(most, live);
            ++made;
            return row(i, &lazy);
        });
        tree["vide"] = rows(&lazy, 0, [](std::size_t) { return J(); });
        for (const DocumentFormat f : {DocumentFormat::html, DocumentFormat::markdown})
            CHECK(render_document(text, tree, f, &lazy) == render_document(text, whole, f));
        CHECK(render_document(text, tree, DocumentFormat::html, &lazy) ==
              "4 :[n&lt;0<a><b>, *][n&lt;1<a><b>(0), ][n&lt;2<a><b>(0)(1), ][n&lt;3<a><b>(0)(1)(2)] videT");
        CHECK(made == 12); // once per row and per rendering (three of them), never kept
        CHECK(most == 1);
        CHECK(render_document("{{lignes}}", tree, DocumentFormat::html, &lazy) == ""); // as an empty value
        LazyRows words;
        const J list{{"mots", rows(&words, 3, [](std::size_t i) { return J("m<" + std::to_string(i)); })}};
        const J eager{{"mots", rows(nullptr, 3, [](std::size_t i) { return J("m<" + std::to_string(i)); })}};
        const std::string joined = "{{#mots}}{{.}}{{^dernier}}, {{/dernier}}{{/mots}}";
        CHECK(render_document(joined, list, DocumentFormat::html, &words) ==
              render_document(joined, eager, DocumentFormat::html));
        CHECK(render_document(joined, list, DocumentFormat::html, &words) ==
              "m&lt;0, m&lt;1, m&lt;2, "); // no dernier for a text
    }

    TEST_CASE("a skipped section on a line of its own leaves no blank line in a table")
    {
        const J tree{{"oui", true}, {"non", false}};
        const char* tmpl =
            "| a |\n| --- |\n{{#non}}\n| cachée |\n{{/non}}\n{{#oui}}\n| montrée |\n{{/oui}}\n| fin |\n";
        CHECK(md(tmpl, tree) == "| a |\n| --- |\n| montrée |\n| fin |\n");
        CHECK(html("{{! commentaire }}\n<p>x</p>\n", tree) == "<p>x</p>\n");
    }

    TEST_CASE("partials, delimiter changes, deep nesting and broken templates are refused")
    {
        CHECK(check_template("{{> /etc/passwd}}").find("partiels") != std::string::npos);
        CHECK(check_template("{{ >x}}").find("partiels") != std::string::npos);
        CHECK(check_template("{{=<% %>=}}").find("délimiteurs") != std::string::npos);
        std::string deep;
        for (int i = 0; i < 33; ++i)
            deep += "{{#a}}";
        for (int i = 0; i < 33; ++i)
            deep += "{{/a}}";
        CHECK(check_template(deep).find("imbriquées") != std::string::npos);
        CHECK(check_template("{{#a}}").find("syntaxe") != std::string::npos);
        CHECK(check_template(std::string(max_template_bytes + 1, 'x')).find("1 Mio") != std::string::npos);
        CHECK(check_template("{{#a}}{{b}}{{/a}}").empty());
        CHECK_THROWS_AS(md("{{> x}}", J{{"x", "{{y}}"}}), TemplateError);
    }

    TEST_CASE("a template's problem is told in English with Lang::en")
    {
        const auto en = quali::core::Lang::en;
        CHECK(check_template("{{> x}}", en) == "partial templates ({{> name}}) are not allowed");
        CHECK(check_template("{{=<% %>=}}", en) == "changing the delimiters ({{= =}}) is not allowed");
        CHECK(check_template("{{#a}}", en).starts_with("mustache syntax error: "));
        CHECK(check_template(std::string(max_template_bytes + 1, 'x'), en).find("1 MiB") != std::string::npos);
        CHECK(check_template("{{> x}}") == "les modèles partiels ({{> nom}}) ne sont pas permis");
    }

    TEST_CASE("the built-in templates exist and are valid")
    {
        for (const char* doc : {"agenda", "dossier", "lettre"})
            for (const DocumentFormat f : {DocumentFormat::markdown, DocumentFormat::html}) {
                const std::string name = template_name(doc, f);
                CAPTURE(name);
                const auto text = builtin_template(name);
                REQUIRE(text.has_value());
                CHECK(check_template(*text).empty());
                if (f == DocumentFormat::html) {
                    CHECK(text->find("<html lang=\"fr\">") != std::string_view::npos);
                    CHECK(text->find("size: A4") != std::string_view::npos);
                    CHECK(text->find("<script") == std::string_view::npos);
                    CHECK(text->find("http") == std::string_view::npos);
                }
            }
        CHECK_FALSE(builtin_template("codes.md").has_value());
        CHECK(template_name("agenda", DocumentFormat::markdown) == "agenda.md.mustache");
    }
}
