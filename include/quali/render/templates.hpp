// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The committee's papers (agenda, instruction sheet, letter) as documents: the data tree of
// each (what --format json prints, and what the templates see), and the rendering of a
// logic-less mustache template with it. Built-in templates live in data/modeles/*.mustache
// (compiled into the binary); a repository may override one with modeles/<same name>.
// Templates run no code and read no file: no lambdas in the data, no partials, every value
// escaped for the output format before the template sees it. Variables: docs/comite.md.
#include "quali/core/instruction.hpp"
#include "quali/core/session_record.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/core/model.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace quali::render {

enum class DocumentFormat : std::uint8_t { markdown, html };

// A template that cannot be used: too large, a partial or a delimiter change, a syntax error.
class TemplateError : public std::runtime_error {
  public:
    explicit TemplateError(const std::string& what, std::string detail = {})
        : std::runtime_error(what), m_detail(std::move(detail))
    {
    }
    // Mustache's own words for an error met while rendering ("" for one check_template finds).
    const std::string& detail() const { return m_detail; }

  private:
    std::string m_detail;
};

inline constexpr std::size_t max_template_bytes = 1 << 20; // 1 MiB

// The data trees. Dates come as ISO (key) and in French words (key_texte); codes as stable
// keys, with their French label beside them (key_texte or libelle).
nlohmann::ordered_json agenda_tree(const core::Model& model, const core::Agenda& agenda);
nlohmann::ordered_json dossier_tree(const core::Model& model, const core::InstructionSheet& sheet);
// Adds the auditor's sign-offs (`visas[]`) to a dossier tree.
void add_visas(nlohmann::ordered_json& tree, const core::Model& model, const std::vector<core::VisaReport>& visas);
// date_courrier: the date written on the letter.
nlohmann::ordered_json letter_tree(const core::Model& model, const core::Letter& letter,
                                   core::Date date_courrier);

// The procès-verbal of a held session (quali pv).
nlohmann::ordered_json pv_tree(const core::Model& model, const core::SessionRecord& record);

// "agenda.md.mustache", "lettre.html.mustache"…: the template file name of a document.
std::string template_name(std::string_view document, DocumentFormat format);

// The built-in template of that file name (data/modeles/), if any.
std::optional<std::string_view> builtin_template(std::string_view name);

// Renders a template with a data tree. Every string of the tree is escaped for the format
// (Markdown or HTML) before the template sees it, so {{x}} and {{{x}}} print the same safe
// text; each list `x` also gives `si_x` (true when not empty) and `nombre_x` (its size), each
// object of a list `premier` and `dernier`. The engine reads the tree as it goes: a page listing
// thousands of items never holds a second, converted copy of it. Throws TemplateError when the
// template is unusable (see check_template).
std::string render_document(std::string_view template_text, const nlohmann::ordered_json& tree,
                            DocumentFormat format);

// Why a template cannot be used (in lang), or "" when it can: more than max_template_bytes,
// a partial ({{> x}}) or a delimiter change ({{= =}}), sections nested deeper than 32, or
// a mustache syntax error.
std::string check_template(std::string_view template_text, core::Lang lang = core::Lang::fr);

} // namespace quali::render
