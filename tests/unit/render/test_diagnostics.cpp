// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/diagnostics.hpp"

#include <doctest/doctest.h>

using namespace quali;
using core::Diagnostic;
using core::Lang;
using core::Severity;

namespace {

Diagnostic diagnostic(Severity severity, std::string code, std::string file, core::Position pos,
                      std::string message, std::string hint = {})
{
    Diagnostic d;
    d.severity = severity;
    d.code = std::move(code);
    d.file = std::move(file);
    d.pos = pos;
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

std::string_view no_lines(const std::string&, int)
{
    return {};
}

} // namespace

TEST_SUITE("render::diagnostics")
{
    TEST_CASE("a diagnostic prints like a compiler's, with its hint and notes")
    {
        Diagnostic d = diagnostic(Severity::error, "Q204", "organismes/x/paa.yaml", {12, 5},
                                  "action sans porteur", "ajoutez porteur");
        d.notes.push_back({"organismes/x/audits/a.yaml", {3, 1}, "point d'alerte"});
        const std::string text = render::diagnostics_text({d}, {}, no_lines);
        CHECK(text == "organismes/x/paa.yaml:12:5: erreur[Q204]: action sans porteur\n"
                      "aide: ajoutez porteur\n"
                      "note: organismes/x/audits/a.yaml:3:1: point d'alerte\n");
    }

    TEST_CASE("English words the level and the hint; quiet keeps the first line only")
    {
        const Diagnostic d =
            diagnostic(Severity::warning, "Q016", "quali.yaml", {2, 1}, "field to fill", "fill it in");
        CHECK(render::diagnostics_text({d}, {.lang = Lang::en}, no_lines) ==
              "quali.yaml:2:1: warning[Q016]: field to fill\nhelp: fill it in\n");
        CHECK(render::diagnostics_text({d}, {.lang = Lang::en, .quiet = true}, no_lines) ==
              "quali.yaml:2:1: warning[Q016]: field to fill\n");
    }

    TEST_CASE("a diagnostic without a line names the file alone")
    {
        const Diagnostic d =
            diagnostic(Severity::error, "Q015", "organismes/x", {0, 0}, "sans organisme.yaml");
        CHECK(render::diagnostics_text({d}, {}, no_lines) ==
              "organismes/x: erreur[Q015]: sans organisme.yaml\n");
    }

    TEST_CASE("the source line and a caret under the column, counted in characters, tabs kept")
    {
        const Diagnostic d = diagnostic(Severity::error, "Q101", "a.yaml", {1, 8}, "m");
        const auto lines = [](const std::string&, int) { return std::string_view("\tnom: é x"); };
        const std::string text = render::diagnostics_text({d}, {.show_source = true}, lines);
        CHECK(text == "a.yaml:1:8: erreur[Q101]: m\n 1 | \tnom: é x\n   | \t      ^\n");
    }

    TEST_CASE("control characters and bidirectional overrides from a file are shown, not obeyed")
    {
        const Diagnostic d = diagnostic(Severity::error, "Q001", "a\x1b[31m.yaml", {1, 1},
                                        "x\ny \xe2\x80\xae z \xc2\x85 \xe2\x81\xa6 é");
        const std::string text = render::diagnostics_text({d}, {}, no_lines);
        CHECK(text == "a\\x1b[31m.yaml:1:1: erreur[Q001]: x\\x0ay <U+202E> z <U+0085> <U+2066> é\n");
    }

    TEST_CASE("a source line with control characters is not shown")
    {
        const Diagnostic d = diagnostic(Severity::error, "Q101", "a.yaml", {1, 1}, "m");
        const auto lines = [](const std::string&, int) { return std::string_view("a\x1b[2Jb"); };
        CHECK(render::diagnostics_text({d}, {.show_source = true}, lines) == "a.yaml:1:1: erreur[Q101]: m\n");
    }

    TEST_CASE("colours only when asked")
    {
        const Diagnostic d = diagnostic(Severity::error, "Q101", "a.yaml", {1, 1}, "m");
        CHECK(render::diagnostics_text({d}, {.color = true}, no_lines).find("\x1b[") != std::string::npos);
        CHECK(render::diagnostics_text({d}, {}, no_lines).find('\x1b') == std::string::npos);
    }

    TEST_CASE("the summary counts errors, warnings, files and silenced warnings, with real plurals")
    {
        const std::vector<Diagnostic> none;
        CHECK(render::summary_text(none, 1, {}) == "Aucun problème (1 fichier vérifié).\n");
        CHECK(render::summary_text(none, 3, {.lang = Lang::en}, 2) ==
              "No problem (3 files checked, 2 warnings silenced).\n");
        const std::vector<Diagnostic> some{diagnostic(Severity::error, "Q1", "a.yaml", {1, 1}, ""),
                                           diagnostic(Severity::error, "Q2", "b.yaml", {1, 1}, ""),
                                           diagnostic(Severity::warning, "Q3", "b.yaml", {2, 1}, "")};
        CHECK(render::summary_text(some, 5, {}) ==
              "2 erreurs, 1 avertissement dans 2 fichiers (5 fichiers vérifiés).\n");
    }

    TEST_CASE("JSON holds every field, the hint and notes when there are, and the summary")
    {
        Diagnostic d = diagnostic(Severity::warning, "Q016", "a.yaml", {2, 3}, "à compléter", "remplissez");
        d.notes.push_back({"b.yaml", {1, 1}, "n"});
        const std::string json = render::diagnostics_json({d}, 4, 1);
        CHECK(json.find("\"severity\": \"warning\"") != std::string::npos);
        CHECK(json.find("\"hint\": \"remplissez\"") != std::string::npos);
        CHECK(json.find("\"notes\": [") != std::string::npos);
        CHECK(json.find("\"files\": 4") != std::string::npos);
        CHECK(json.find("\"silenced\": 1") != std::string::npos);
        CHECK(json.ends_with("}\n"));
        const std::string bare =
            render::diagnostics_json({diagnostic(Severity::error, "Q1", "a", {1, 1}, "m")}, 1);
        CHECK(bare.find("hint") == std::string::npos);
        CHECK(bare.find("notes") == std::string::npos);
    }

    TEST_CASE("invalid UTF-8 in a message does not break the JSON")
    {
        const std::string json = render::diagnostics_json(
            {diagnostic(Severity::error, "Q006", "a.yaml", {1, 1}, "Soci\xe9t\xe9")}, 1);
        CHECK(json.find("Soci\xef\xbf\xbdt") != std::string::npos); // U+FFFD replaces the bad byte
    }

    TEST_CASE(
        "GitHub commands escape the separators of their properties and the line breaks of their message")
    {
        const Diagnostic d = diagnostic(Severity::error, "Q204", "a,b:c.yaml", {3, 4}, "50% faux", "aide");
        CHECK(render::diagnostics_github({d}) ==
              "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=quali Q204::50%25 "
              "faux%0Aaide\n");
        const Diagnostic w = diagnostic(Severity::warning, "Q016", "a.yaml", {1, 1}, "m");
        CHECK(render::diagnostics_github({w}) == "::warning file=a.yaml,line=1,col=1,title=quali Q016::m\n");
    }
}
