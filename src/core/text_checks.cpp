// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/text_checks.hpp"

#include "quali/core/utf8.hpp"

#include <algorithm>

namespace quali::core {

LineIndex::LineIndex(std::string_view text) : m_text(text)
{
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') m_starts.push_back(i + 1);
}

namespace {

int code_points(std::string_view s)
{
    return static_cast<int>(utf8::count(s));
}

} // namespace

Position LineIndex::position(std::size_t offset) const
{
    offset = std::min(offset, m_text.size());
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto line = static_cast<std::size_t>(it - m_starts.begin()) - 1;
    const std::size_t start = m_starts[line];
    return {static_cast<int>(line) + 1, code_points(m_text.substr(start, offset - start)) + 1};
}

Position LineIndex::position(int line0, int byte_column0) const
{
    if (line0 < 0) return {1, 1};
    const auto line = static_cast<std::size_t>(line0);
    if (line >= m_starts.size()) return position(m_text.size());
    const std::size_t start = m_starts[line];
    const std::string_view rest = this->line(line0 + 1);
    const std::size_t col = std::min(static_cast<std::size_t>(std::max(byte_column0, 0)), rest.size());
    return {line0 + 1, code_points(m_text.substr(start, col)) + 1};
}

std::string_view LineIndex::line(int line) const
{
    if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return {};
    const std::size_t start = m_starts[static_cast<std::size_t>(line) - 1];
    std::size_t end = m_text.find('\n', start);
    if (end == std::string_view::npos) end = m_text.size();
    std::string_view l = m_text.substr(start, end - start);
    if (l.ends_with('\r')) l.remove_suffix(1);
    return l;
}

namespace {

bool only_blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Diagnostic error_at(Position pos, std::string code, std::string message, std::string hint = {})
{
    Diagnostic d;
    d.code = std::move(code);
    d.pos = pos;
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

} // namespace

TextCheck check_text(std::string_view bytes, Lang lang)
{
    TextCheck r;
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    r.yaml = bytes;
    const LineIndex index(bytes);

    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        r.diagnostics.push_back(error_at(
            index.position(nul), "Q006",
            say(lang, "fichier binaire : octet nul, ce n'est pas un fichier texte YAML",
                "binary file: NUL byte, this is not a YAML text file"),
            say(lang, "remplacez-le par le bon fichier YAML, ou rangez ce document dans preuves/",
                "replace it with the right YAML file, or move this document to preuves/")));
        r.parseable = false;
        return r;
    }
    if (const auto bad = utf8::first_invalid(bytes); bad != std::string_view::npos) {
        r.diagnostics.push_back(error_at(
            index.position(bad), "Q006",
            say(lang, "octet {:#04x} invalide en UTF-8 : le fichier doit être enregistré en UTF-8",
                "byte {:#04x} is not valid UTF-8: the file must be saved as UTF-8",
                static_cast<unsigned>(static_cast<unsigned char>(bytes[bad]))),
            say(lang, "réenregistrez le fichier en UTF-8 (souvent : il est en Latin-1/Windows-1252)",
                "save the file again as UTF-8 (it is often Latin-1/Windows-1252)")));
        r.parseable = false;
        return r;
    }
    if (only_blank(bytes)) {
        r.diagnostics.push_back(error_at(
            {1, 1}, "Q004", say(lang, "fichier vide", "empty file"),
            say(lang, "remplissez-le ou supprimez-le", "fill it in or delete it")));
        r.parseable = false;
        return r;
    }

    // git leaves these lines in a file after a merge that could not be done automatically.
    for (int line = 1; line <= index.line_count(); ++line) {
        const std::string_view l = index.line(line);
        const bool open = l.starts_with("<<<<<<<");
        const bool middle = l == "=======" || l.starts_with("======= ");
        const bool close = l.starts_with(">>>>>>>");
        if (!(open || middle || close)) continue;
        if (!open && r.parseable == false) continue;  // one diagnostic per conflict block
        r.diagnostics.push_back(error_at(
            {line, 1}, "Q003",
            say(lang, "marqueur de conflit git « {} » : une fusion git n'a pas été terminée",
                "git conflict marker \"{}\": a git merge was not finished",
                l.substr(0, 7)),
            say(lang, "choisissez la bonne version entre <<<<<<< et >>>>>>>, supprimez les "
                      "marqueurs, puis validez à nouveau",
                "keep the right version between <<<<<<< and >>>>>>>, delete the markers, and "
                "validate again")));
        r.parseable = false;
    }
    return r;
}

} // namespace quali::core
