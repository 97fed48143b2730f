// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/diagnostics.hpp"

#include "quali/core/code_reference.hpp"
#include "quali/io/digest.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>

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

// A file's lines for the fingerprints: file → its lines, 1-based.
render::SourceLines lines_of(const std::map<std::string, std::vector<std::string>>& files)
{
    return [&files](const std::string& file, int line) -> std::string_view {
        const auto it = files.find(file);
        if (it == files.end() || line < 1 || line > static_cast<int>(it->second.size())) return {};
        return it->second[static_cast<std::size_t>(line - 1)];
    };
}

std::vector<std::string> fingerprints(const std::vector<Diagnostic>& diagnostics, const render::SourceLines& lines)
{
    return render::diagnostic_fingerprints(diagnostics, lines, [](std::string_view b) { return io::sha256_hex(b); });
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

    TEST_CASE("fingerprints: same for the same diagnostic whatever its line, distinct for two of them")
    {
        const std::map<std::string, std::vector<std::string>> before{{"a.yaml", {"x: 1", "  porteur: ''"}}};
        const std::map<std::string, std::vector<std::string>> after{
            {"a.yaml", {"# un commentaire", "", "x: 1", "    porteur: ''"}}};
        const Diagnostic at2 = diagnostic(Severity::error, "Q204", "a.yaml", {2, 3}, "sans porteur");
        const Diagnostic at4 = diagnostic(Severity::error, "Q204", "a.yaml", {4, 5}, "sans porteur");
        const auto first = fingerprints({at2}, lines_of(before));
        const auto moved = fingerprints({at4}, lines_of(after));
        REQUIRE(first.size() == 1);
        CHECK(first == moved);
        CHECK(first.front().size() == 64);
        CHECK(first.front().find_first_not_of("0123456789abcdef") == std::string::npos);
        // Same code, file and message, on lines of the same text: told apart by their rank.
        const auto twins = fingerprints({at2, at2}, lines_of(before));
        CHECK(twins[0] != twins[1]);
        CHECK(twins[0] == first[0]);
        // Another code, file, message or line text gives another fingerprint.
        const std::map<std::string, std::vector<std::string>> edited{{"a.yaml", {"x: 1", "  porteur: ~"}}};
        CHECK(fingerprints({at2}, lines_of(edited)) != first);
        CHECK(fingerprints({diagnostic(Severity::error, "Q205", "a.yaml", {2, 3}, "sans porteur")},
                                              lines_of(before)) != first);
        CHECK(fingerprints({diagnostic(Severity::error, "Q204", "b.yaml", {2, 3}, "sans porteur")},
                                              lines_of(before)) != first);
        CHECK(fingerprints({diagnostic(Severity::error, "Q204", "a.yaml", {2, 3}, "autre")},
                                              lines_of(before)) != first);
    }

    TEST_CASE("GitLab's Code Quality report: every field, severities mapped, no line read as line 1")
    {
        Diagnostic e = diagnostic(Severity::error, "Q310", "organismes/x/audit.yaml", {15, 16}, "point « T2.2 »");
        const Diagnostic w = diagnostic(Severity::warning, "Q016", "quali.yaml", {0, 0}, "à compléter");
        const auto report = nlohmann::json::parse(render::diagnostics_gitlab({e, w}, {.fingerprints = {"f1", "f2"}}));
        REQUIRE(report.is_array());
        REQUIRE(report.size() == 2);
        CHECK(report[0]["description"] == "point « T2.2 »");
        CHECK(report[0]["check_name"] == "Q310");
        CHECK(report[0]["severity"] == "critical");
        CHECK(report[0]["location"]["path"] == "organismes/x/audit.yaml");
        CHECK(report[0]["location"]["lines"]["begin"] == 15);
        CHECK(report[0]["fingerprint"] == "f1");
        CHECK(report[1]["fingerprint"] == "f2");
        CHECK(report[1]["severity"] == "minor");
        CHECK(report[1]["location"]["lines"]["begin"] == 1);
        CHECK(render::diagnostics_gitlab({}, {}) == "[]\n");
    }

    TEST_CASE("SARIF: one rule per code used with quali explain's text, results with their locations")
    {
        Diagnostic e = diagnostic(Severity::error, "Q310", "organismes/é x/audit.yaml", {15, 16}, "non traité",
                                  "ajoutez une action");
        e.notes.push_back({"organismes/é x/paa.yaml", {1, 1}, "le PAA"});
        const Diagnostic w = diagnostic(Severity::warning, "Q016", "quali.yaml", {0, 0}, "à compléter");
        const auto log = nlohmann::json::parse(render::diagnostics_sarif({e, w, e}, {.fingerprints = {"f1", "f2", "f3"}, .version = "9.9.9"}));
        CHECK(log["version"] == "2.1.0");
        CHECK(log["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
        REQUIRE(log["runs"].size() == 1);
        const auto& run = log["runs"][0];
        CHECK(run["tool"]["driver"]["name"] == "quali");
        CHECK(run["tool"]["driver"]["version"] == "9.9.9");
        const auto& rules = run["tool"]["driver"]["rules"];
        REQUIRE(rules.size() == 2); // Q016 and Q310, once each, in code order
        CHECK(rules[0]["id"] == "Q016");
        CHECK(rules[0]["defaultConfiguration"]["level"] == "warning");
        CHECK(rules[1]["id"] == "Q310");
        CHECK(rules[1]["shortDescription"]["text"] == "point d'alerte non traité");
        CHECK(rules[1]["help"]["text"] == core::code_section(Lang::fr, "Q310"));
        CHECK(rules[1]["fullDescription"]["text"].get<std::string>().starts_with("Gravité : erreur."));
        const auto& results = run["results"];
        REQUIRE(results.size() == 3);
        CHECK(results[0]["ruleId"] == "Q310");
        CHECK(results[0]["ruleIndex"] == 1);
        CHECK(results[0]["level"] == "error");
        CHECK(results[0]["message"]["text"] == "non traité\nAide : ajoutez une action");
        const auto& where = results[0]["locations"][0]["physicalLocation"];
        CHECK(where["artifactLocation"]["uri"] == "organismes/%C3%A9%20x/audit.yaml");
        CHECK(where["region"]["startLine"] == 15);
        CHECK(where["region"]["startColumn"] == 16);
        CHECK(results[0]["relatedLocations"][0]["message"]["text"] == "le PAA");
        CHECK(results[0]["partialFingerprints"]["quali/v1"] == "f1");
        CHECK(results[2]["partialFingerprints"]["quali/v1"] == "f3");
        CHECK(results[1]["level"] == "warning");
        // A whole file (no line) is shown on its first line: GitHub wants a place for every result.
        CHECK(results[1]["locations"][0]["physicalLocation"]["region"] == nlohmann::json{{"startLine", 1}});
        const auto english = nlohmann::json::parse(render::diagnostics_sarif({e}, {.lang = Lang::en}));
        CHECK(english["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"] ==
              "alert point not addressed");
        CHECK(english["runs"][0]["results"][0]["message"]["text"] == "non traité\nHelp: ajoutez une action");
    }

    TEST_CASE("the forge reports stay valid JSON on quotes, line breaks and invalid UTF-8")
    {
        const Diagnostic d =
            diagnostic(Severity::error, "Q006", "a\"b.yaml", {1, 1}, "\"cité\"\n\\ Soci\xe9t\xe9 \x1b[31m");
        const auto gitlab = nlohmann::json::parse(render::diagnostics_gitlab({d}, {.fingerprints = fingerprints({d}, no_lines)}));
        CHECK(gitlab[0]["location"]["path"] == "a\"b.yaml");
        CHECK(gitlab[0]["description"].get<std::string>().starts_with("\"cité\"\n\\ Soci\xef\xbf\xbd"));
        const auto sarif = nlohmann::json::parse(render::diagnostics_sarif({d}, {.fingerprints = fingerprints({d}, no_lines)}));
        CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
              "a%22b.yaml");
    }

    TEST_CASE("a diagnostic without a file is shown on the anchor, the repository's quali.yaml")
    {
        const Diagnostic cli = diagnostic(Severity::warning, "Q019", "--ignore", {0, 0}, "code inconnu");
        const Diagnostic repo = diagnostic(Severity::error, "Q015", "", {0, 0}, "dépôt");
        const render::ForgeReport report{.anchor = "depot/quali.yaml"};
        const auto gitlab = nlohmann::json::parse(render::diagnostics_gitlab({cli, repo}, report));
        for (const auto& issue : gitlab) {
            CHECK(issue["location"]["path"] == "depot/quali.yaml");
            CHECK(issue["location"]["lines"]["begin"] == 1);
        }
        const auto sarif = nlohmann::json::parse(render::diagnostics_sarif({cli, repo}, report));
        for (const auto& result : sarif["runs"][0]["results"]) {
            REQUIRE(result["locations"].size() == 1);
            CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "depot/quali.yaml");
            CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
        }
    }
}
