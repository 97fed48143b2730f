// SPDX-License-Identifier: EUPL-1.2
// Reads the diagnostic codes' reference compiled into quali (docs/codes.md, docs/codes.en.md).
#include "quali/core/code_reference.hpp"

#include "quali/core/embedded.hpp"

#include <algorithm>

namespace quali::core {

namespace {

// The section of doc that starts with "## CODE " (or "## CODE" alone on its line), up to the
// next "## " or "# " heading, without its trailing newlines.
std::string_view section_of(std::string_view doc, std::string_view code)
{
    if (code.empty()) return {};
    const std::string heading = "\n## " + std::string(code);
    std::size_t start = doc.find(heading);
    while (start != std::string_view::npos) {
        const std::size_t after = start + heading.size();
        if (after >= doc.size() || doc[after] == ' ' || doc[after] == '\n') break;
        start = doc.find(heading, after);
    }
    if (start == std::string_view::npos) return {};
    const std::size_t end = std::min(doc.find("\n## ", start + 1), doc.find("\n# ", start + 1));
    std::string_view s =
        doc.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    while (!s.empty() && s.back() == '\n')
        s.remove_suffix(1);
    return s;
}

std::string_view reference(Lang lang)
{
    const auto doc = embedded_file(lang == Lang::en ? "codes.en.md" : "codes.md");
    return doc ? *doc : std::string_view();
}

} // namespace

std::string code_section(Lang lang, std::string_view code)
{
    const std::string_view s = section_of(reference(lang), code);
    return s.empty() ? std::string() : std::string(s) + "\n";
}

std::string code_title(Lang lang, std::string_view code)
{
    const std::string_view s = section_of(reference(lang), code);
    std::string_view heading = s.substr(0, s.find('\n'));
    heading.remove_prefix(std::min(heading.size(), 3 + code.size())); // "## Q310"
    for (const std::string_view dash : {" — ", " - ", " "})
        if (heading.starts_with(dash)) {
            heading.remove_prefix(dash.size());
            break;
        }
    return std::string(heading);
}

std::string code_body(Lang lang, std::string_view code)
{
    const std::string_view s = section_of(reference(lang), code);
    const std::size_t eol = s.find('\n');
    if (eol == std::string_view::npos) return {};
    std::string_view body = s.substr(eol + 1);
    while (!body.empty() && body.front() == '\n')
        body.remove_prefix(1);
    return std::string(body);
}

CodeInfo code_info(std::string_view code)
{
    const std::string_view s = section_of(reference(Lang::fr), code);
    if (s.empty()) return {};
    return {true, s.find("\nGravité : avertissement") != std::string_view::npos};
}

} // namespace quali::core
