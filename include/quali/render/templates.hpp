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
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace quali::render {

class LazyRows; // below

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
nlohmann::ordered_json agenda_tree(const core::Model& model, const core::Agenda& agenda,
                                   LazyRows* lazy = nullptr); // its dossiers row by row with lazy
nlohmann::ordered_json dossier_tree(const core::Model& model, const core::InstructionSheet& sheet);
// Adds the auditor's sign-offs (`visas[]`) to a dossier tree.
void add_visas(nlohmann::ordered_json& tree, const core::Model& model, const std::vector<core::VisaReport>& visas);
// date_courrier: the date written on the letter.
nlohmann::ordered_json letter_tree(const core::Model& model, const core::Letter& letter,
                                   core::Date date_courrier);

// The procès-verbal of a held session (quali pv).
nlohmann::ordered_json pv_tree(const core::Model& model, const core::SessionRecord& record,
                               LazyRows* lazy = nullptr);

// "agenda.md.mustache", "lettre.html.mustache"…: the template file name of a document.
std::string template_name(std::string_view document, DocumentFormat format);

// The built-in template of that file name (data/modeles/), if any.
std::optional<std::string_view> builtin_template(std::string_view name);

// Long lists of a data tree made row by row while its template renders: the tree holds a
// placeholder, and only the row being rendered exists, so that a document listing thousands of
// rows never holds them all as data. Without a LazyRows (rows(nullptr, …)), the list is built
// whole, as the tests and the other outputs read it.
class LazyRows {
  public:
    using Row = std::function<nlohmann::ordered_json(std::size_t)>;
    struct List {
        std::size_t size;
        Row row;
    };
    // The placeholder of n rows, row(i) making the i-th when the template reaches it.
    nlohmann::ordered_json add(std::size_t n, Row row);
    // The list a placeholder stands for; nullptr for any other value.
    [[nodiscard]] const List* find(const nlohmann::ordered_json& value) const;

  private:
    std::deque<List> lists_; // stays where it is while a row adds lists of its own
};

// n rows made by row(i): a placeholder kept by lazy, or the array itself when lazy is null.
template <class Row> nlohmann::ordered_json rows(LazyRows* lazy, std::size_t n, Row row)
{
    if (lazy != nullptr) return lazy->add(n, std::move(row));
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(row(i));
    return out;
}

// Renders a template with a data tree. Every string of the tree is escaped for the format
// (Markdown or HTML) before the template sees it, so {{x}} and {{{x}}} print the same safe
// text; each list `x` also gives `si_x` (true when not empty) and `nombre_x` (its size), each
// object of a list `premier` and `dernier`. The engine reads the tree as it goes: a page listing
// thousands of items never holds a second, converted copy of it. Throws TemplateError when the
// template is unusable (see check_template).
std::string render_document(std::string_view template_text, const nlohmann::ordered_json& tree,
                            DocumentFormat format, const LazyRows* lazy = nullptr);
// The same, given to out piece by piece as it is made: a page of megabytes is never held whole.
using TextSink = std::function<void(std::string_view)>;
void render_document(std::string_view template_text, const nlohmann::ordered_json& tree, DocumentFormat format,
                     const LazyRows* lazy, const TextSink& out);

// Why a template cannot be used (in lang), or "" when it can: more than max_template_bytes,
// a partial ({{> x}}) or a delimiter change ({{= =}}), sections nested deeper than 32, or
// a mustache syntax error.
std::string check_template(std::string_view template_text, core::Lang lang = core::Lang::fr);

} // namespace quali::render
