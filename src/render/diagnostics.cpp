// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/diagnostics.hpp"

#include "quali/core/utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace quali::render {

using core::Diagnostic;
using core::Lang;
using core::say;
using core::Severity;

namespace {

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view red = "\x1b[1;31m";
constexpr std::string_view yellow = "\x1b[1;33m";
constexpr std::string_view cyan = "\x1b[1;36m";
constexpr std::string_view green = "\x1b[1;32m";
constexpr std::string_view reset = "\x1b[0m";

std::string paint(std::string_view text, std::string_view colour, bool on)
{
    return on ? fmt::format("{}{}{}", colour, text, reset) : std::string(text);
}

std::string location(const std::string& file, core::Position pos)
{
    if (pos.line <= 0) return file;
    return fmt::format("{}:{}:{}", file, pos.line, pos.column);
}

// Keeps the caret under the right character: tabs stay tabs, everything else becomes a space.
std::string caret_line(std::string_view source, int column)
{
    std::string pad;
    int col = 1;
    for (std::size_t i = 0; i < source.size() && col < column; ++i) {
        if (core::utf8::is_continuation(source[i])) continue;
        pad += source[i] == '\t' ? '\t' : ' ';
        ++col;
    }
    return pad + "^";
}

// U+0080-U+009F (C1 controls), U+202A-U+202E and U+2066-U+2069 (bidirectional embeddings,
// overrides, isolates): a terminal would obey them.
bool shown_as_code_point(char32_t c)
{
    return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Text that came from a file, made safe for a terminal: control characters (escape sequences,
// line breaks that would forge another diagnostic line) and bidirectional overrides are shown
// as \x1b or <U+202E> instead of being sent raw.
std::string printable(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
            continue;
        }
        if (c >= 0x80) {
            const core::utf8::Decoded d = core::utf8::decode(s, i);
            if (d.valid && shown_as_code_point(d.value)) {
                out += fmt::format("<U+{:04X}>", static_cast<unsigned>(d.value));
                i += d.size - 1;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    return out;
}


std::string github_escape(std::string_view s, bool property)
{
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

} // namespace

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics, const TextStyle& style,
                             const SourceLines& lines)
{
    std::string out;
    const Lang lang = style.lang;
    for (const Diagnostic& d : diagnostics) {
        const bool error = d.severity == Severity::error;
        const std::string level = error ? say(lang, "erreur", "error") : say(lang, "avertissement", "warning");
        out += fmt::format("{}: {}: {}\n", paint(printable(location(d.file, d.pos)), bold, style.color),
                           paint(fmt::format("{}[{}]", level, d.code), error ? red : yellow, style.color),
                           printable(d.message));
        if (style.quiet) continue;
        if (style.show_source && d.pos.line > 0 && lines) {
            const std::string_view source = lines(d.file, d.pos.line);
            if (!source.empty() && source.size() < 400 && printable(source) == source) {
                const std::string number = std::to_string(d.pos.line);
                out += fmt::format(" {} | {}\n", number, source);
                out += fmt::format(" {} | {}\n", std::string(number.size(), ' '),
                                   paint(caret_line(source, d.pos.column), green, style.color));
            }
        }
        if (!d.hint.empty())
            out += fmt::format("{}: {}\n", paint(say(lang, "aide", "help"), green, style.color), printable(d.hint));
        for (const core::Note& n : d.notes)
            out += fmt::format("{}: {}: {}\n", paint("note", cyan, style.color), printable(location(n.file, n.pos)),
                               printable(n.message));
    }
    return out;
}

std::string summary_text(const std::vector<Diagnostic>& diagnostics, int files_checked,
                         const TextStyle& style, int silenced)
{
    const core::DiagnosticCounts c = core::count(diagnostics);
    const Lang lang = style.lang;
    std::string checked =
        core::count_of(lang, files_checked, "fichier vérifié", "fichiers vérifiés", "file checked", "files checked");
    if (silenced > 0)
        checked += ", " + core::count_of(lang, silenced, "avertissement masqué", "avertissements masqués",
                                         "warning silenced", "warnings silenced");
    if (c.errors == 0 && c.warnings == 0)
        return say(lang, "Aucun problème ({}).\n", "No problem ({}).\n", checked);
    const std::string errors = core::count_of(lang, c.errors, "erreur", "erreurs", "error", "errors");
    const std::string warnings =
        core::count_of(lang, c.warnings, "avertissement", "avertissements", "warning", "warnings");
    const std::string files = core::count_of(lang, c.files, "fichier", "fichiers", "file", "files");
    return say(lang, "{}, {} dans {} ({}).\n", "{}, {} in {} ({}).\n", errors, warnings, files, checked);
}

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, int files_checked, int silenced)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Diagnostic& d : diagnostics) {
        nlohmann::ordered_json j;
        j["file"] = d.file;
        j["line"] = d.pos.line;
        j["column"] = d.pos.column;
        j["severity"] = d.severity == Severity::error ? "error" : "warning";
        j["code"] = d.code;
        j["message"] = d.message;
        if (!d.hint.empty()) j["hint"] = d.hint;
        if (!d.notes.empty()) {
            nlohmann::ordered_json notes = nlohmann::ordered_json::array();
            for (const core::Note& n : d.notes)
                notes.push_back({{"file", n.file}, {"line", n.pos.line}, {"column", n.pos.column}, {"message", n.message}});
            j["notes"] = notes;
        }
        list.push_back(std::move(j));
    }
    const core::DiagnosticCounts c = core::count(diagnostics);
    nlohmann::ordered_json root;
    root["diagnostics"] = std::move(list);
    root["summary"] = {
        {"files", files_checked}, {"errors", c.errors}, {"warnings", c.warnings}, {"silenced", silenced}};
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string diagnostics_github(const std::vector<Diagnostic>& diagnostics)
{
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        out += fmt::format("::{} file={},line={},col={},title={}::{}\n",
                           d.severity == Severity::error ? "error" : "warning", github_escape(d.file, true),
                           d.pos.line, d.pos.column, github_escape("quali " + d.code, true),
                           github_escape(d.hint.empty() ? d.message : d.message + "\n" + d.hint, false));
    }
    return out;
}

} // namespace quali::render
