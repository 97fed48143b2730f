// SPDX-License-Identifier: EUPL-1.2
// The diagnostics as the forges read them in a merge request: GitLab's Code Quality report and
// SARIF 2.1.0 (GitHub code scanning), with fingerprints that survive unrelated line shifts.
#include "quali/core/code_reference.hpp"
#include "quali/render/diagnostics.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace quali::render {

using core::Diagnostic;
using core::Lang;
using core::Severity;
using json = nlohmann::ordered_json;

namespace {

std::string_view trimmed(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string dump(const json& j)
{
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// A relative path as a URI reference: unreserved characters and '/' stay, every other byte is
// percent-encoded (spaces, accents, '#', '?', '%').
std::string uri_of(std::string_view path)
{
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        out += keep ? std::string(1, ch) : fmt::format("%{:02X}", static_cast<unsigned>(c));
    }
    return out;
}

// Where the forge shows a diagnostic: its file and line, or the anchor's first line for one on
// the repository ("") or on the command line (--ignore); line 1 for a whole file.
struct Place {
    std::string file;
    int line = 1;
    int column = 0;
};

Place place_of(const std::string& file, core::Position pos, const std::string& anchor)
{
    if (file.empty() || file == "--ignore") return {anchor, 1, 0};
    return {file, std::max(pos.line, 1), pos.line > 0 ? pos.column : 0};
}

std::string fingerprint_of(const ForgeReport& report, std::size_t i)
{
    return i < report.fingerprints.size() ? report.fingerprints[i] : std::string();
}

json sarif_location(const Place& at)
{
    json region;
    region["startLine"] = at.line;
    if (at.column > 0) region["startColumn"] = at.column;
    return {{"physicalLocation",
             {{"artifactLocation", {{"uri", uri_of(at.file)}}}, {"region", std::move(region)}}}};
}

json sarif_rule(const std::string& code, Lang lang)
{
    const std::string title = core::code_title(lang, code);
    const std::string body = core::code_body(lang, code);
    const std::string section = core::code_section(lang, code);
    const core::CodeInfo info = core::code_info(code);
    json rule;
    rule["id"] = code;
    rule["shortDescription"] = {{"text", title.empty() ? code : title}};
    rule["fullDescription"] = {{"text", body.empty() ? (title.empty() ? code : title) : body}};
    if (!section.empty()) rule["help"] = {{"text", section}, {"markdown", section}};
    rule["defaultConfiguration"] = {{"level", info.known && info.warning ? "warning" : "error"}};
    return rule;
}

json sarif_result(const Diagnostic& d, int rule_index, const std::string& fingerprint,
                  const ForgeReport& report)
{
    json r;
    r["ruleId"] = d.code;
    r["ruleIndex"] = rule_index;
    r["level"] = d.severity == Severity::error ? "error" : "warning";
    const std::string help =
        d.hint.empty() ? std::string() : "\n" + core::say(report.lang, "Aide : {}", "Help: {}", d.hint);
    r["message"] = {{"text", d.message + help}};
    r["locations"] = json::array({sarif_location(place_of(d.file, d.pos, report.anchor))});
    json related = json::array();
    for (const core::Note& n : d.notes) {
        json l = sarif_location(place_of(n.file, n.pos, report.anchor));
        l["id"] = static_cast<int>(related.size());
        l["message"] = {{"text", n.message}};
        related.push_back(std::move(l));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    r["partialFingerprints"] = {{"quali/v1", fingerprint}};
    return r;
}

} // namespace

std::vector<std::string> diagnostic_fingerprints(const std::vector<Diagnostic>& diagnostics,
                                                 const SourceLines& lines, const Digest& digest)
{
    std::vector<std::string> out;
    std::map<std::string, int> seen; // identity → occurrences so far
    for (const Diagnostic& d : diagnostics) {
        const std::string_view text =
            d.pos.line > 0 && lines ? trimmed(lines(d.file, d.pos.line)) : std::string_view();
        std::string identity = d.code;
        for (const std::string_view part : {std::string_view(d.file), std::string_view(d.message), text}) {
            identity += '\0';
            identity += part;
        }
        const int rank = seen[identity]++;
        identity += fmt::format("{}{}", '\0', rank);
        out.push_back(digest(identity));
    }
    return out;
}

std::string diagnostics_gitlab(const std::vector<Diagnostic>& diagnostics, const ForgeReport& report)
{
    json list = json::array();
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        const Place at = place_of(d.file, d.pos, report.anchor);
        json issue;
        issue["type"] = "issue";
        issue["description"] = d.message;
        issue["check_name"] = d.code;
        issue["fingerprint"] = fingerprint_of(report, i);
        issue["severity"] = d.severity == Severity::error ? "critical" : "minor";
        issue["location"] = {{"path", at.file}, {"lines", {{"begin", at.line}}}};
        list.push_back(std::move(issue));
    }
    return dump(list);
}

std::string diagnostics_sarif(const std::vector<Diagnostic>& diagnostics, const ForgeReport& report)
{
    std::map<std::string, int> rule_index;
    for (const Diagnostic& d : diagnostics)
        rule_index.emplace(d.code, 0);
    json rules = json::array();
    for (auto& [code, index] : rule_index) {
        index = static_cast<int>(rules.size());
        rules.push_back(sarif_rule(code, report.lang));
    }
    json results = json::array();
    for (std::size_t i = 0; i < diagnostics.size(); ++i)
        results.push_back(sarif_result(diagnostics[i], rule_index.at(diagnostics[i].code),
                                       fingerprint_of(report, i), report));
    json driver;
    driver["name"] = "quali";
    driver["version"] = report.version;
    driver["semanticVersion"] = report.version;
    driver["rules"] = std::move(rules);
    json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = std::move(results);
    json log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = json::array({std::move(run)});
    return dump(log);
}

} // namespace quali::render
