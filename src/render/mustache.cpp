// SPDX-License-Identifier: EUPL-1.2
// The logic-less mustache templates of the documents (templates.hpp): their names, the
// built-in ones, what makes one unusable, and the rendering of a data tree with one.
#include "quali/core/embedded.hpp"
#include "quali/render/html.hpp"
#include "quali/render/markdown.hpp"
#include "quali/render/templates.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>
#include <fmt/format.h>

namespace quali::render {

std::string template_name(std::string_view document, DocumentFormat format)
{
    return fmt::format("{}.{}.mustache", document, format == DocumentFormat::html ? "html" : "md");
}

std::optional<std::string_view> builtin_template(std::string_view name)
{
    if (!name.ends_with(".mustache")) return std::nullopt;
    return core::embedded_file(name);
}

std::string check_template(std::string_view text, core::Lang lang)
{
    if (text.size() > max_template_bytes)
        return core::say(lang, "le modèle fait {} octets, plus que la limite de {} octets (1 Mio)",
                         "the template is {} bytes, more than the limit of {} bytes (1 MiB)", text.size(),
                         max_template_bytes);
    int depth = 0;
    for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
        std::size_t i = at + 2;
        if (i < text.size() && text[i] == '{') ++i;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        if (i >= text.size()) break;
        switch (text[i]) {
        case '>':
            return core::say(lang, "les modèles partiels ({{{{> nom}}}}) ne sont pas permis",
                             "partial templates ({{{{> name}}}}) are not allowed");
        case '=':
            return core::say(lang, "le changement de délimiteurs ({{{{= =}}}}) n'est pas permis",
                             "changing the delimiters ({{{{= =}}}}) is not allowed");
        case '#':
        case '^':
            if (++depth > 32)
                return core::say(lang, "sections imbriquées sur plus de 32 niveaux",
                                 "sections nested more than 32 levels deep");
            break;
        case '/':
            --depth;
            break;
        default:
            break;
        }
    }
    const kainjow::mustache::mustache parsed{std::string(text)};
    if (!parsed.is_valid())
        return core::say(lang, "erreur de syntaxe mustache : {}", "mustache syntax error: {}", parsed.error_message());
    return {};
}

namespace {

namespace mu = kainjow::mustache;

// A context in which no partial can be found: a template never pulls in another text.
class NoPartials final : public mu::context<std::string> {
  public:
    explicit NoPartials(const mu::data* data) : mu::context<std::string>(data) {}
    const mu::data* get_partial(const std::string&) const override { return nullptr; }
};

using J = nlohmann::ordered_json;

// d.set(key, value) without its deep copy of value (the engine's set takes a const reference):
// a placeholder is set, then value moved into it; d is the caller's own object.
void put(mu::data& d, const std::string& key, mu::data&& value)
{
    d.set(key, mu::data(false));
    *const_cast<mu::data*>(d.get(key)) = std::move(value);
}

// The tree as the engine's data; with Consume, each part of the tree is released once converted,
// so that a page listing thousands of items never holds both whole.
template <bool Consume> mu::data to_data(std::conditional_t<Consume, J&, const J&> j, DocumentFormat format)
{
    switch (j.type()) {
    case J::value_t::object: {
        mu::data d{mu::data::type::object};
        for (auto&& [key, value] : j.items()) {
            if (value.is_array()) {
                d.set("si_" + key, mu::data(!value.empty()));
                d.set("nombre_" + key, mu::data(std::to_string(value.size())));
            }
            put(d, key, to_data<Consume>(value, format));
            if constexpr (Consume) value = nullptr;
        }
        return d;
    }
    case J::value_t::array: {
        mu::data list{mu::data::type::list};
        // The engine's element copies itself when a vector grows (its move may throw): room first.
        const_cast<mu::list&>(list.list_value()).reserve(j.size());
        for (std::size_t i = 0; i < j.size(); ++i) {
            mu::data item = to_data<Consume>(j[i], format);
            if constexpr (Consume) j[i] = nullptr;
            if (item.is_object()) { // for separators: {{^dernier}}, {{/dernier}}
                item.set("premier", mu::data(i == 0));
                item.set("dernier", mu::data(i + 1 == j.size()));
            }
            // The engine's push_back copies the whole subtree: a deep page would be copied once
            // per level. The list is this function's own, so moving into it is safe.
            const_cast<mu::list&>(list.list_value()).push_back(std::move(item));
        }
        return list;
    }
    case J::value_t::string: {
        const std::string& s = j.template get_ref<const std::string&>();
        return mu::data(format == DocumentFormat::html ? html_escape(s) : markdown_escape(s));
    }
    case J::value_t::boolean:
        return mu::data(j.template get<bool>());
    case J::value_t::number_integer:
    case J::value_t::number_unsigned:
        return mu::data(j.dump());
    case J::value_t::number_float: {
        const double v = j.template get<double>();
        std::string text = fmt::format("{:g}", v);
        std::replace(text.begin(), text.end(), '.', ','); // 2,5 jours
        return mu::data(text);
    }
    case J::value_t::null:
    case J::value_t::discarded:
    case J::value_t::binary:
        return mu::data(false);
    }
    return mu::data(false);
}

constexpr char standalone_mark = '\x01';

// True for a line that holds nothing but one section, inverted-section, end or comment tag.
bool standalone_tag_line(std::string_view line)
{
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    if (!line.starts_with("{{") || !line.ends_with("}}") || line.size() < 5) return false;
    std::string_view inner = line.substr(2, line.size() - 4);
    if (inner.find("{{") != std::string_view::npos || inner.find("}}") != std::string_view::npos)
        return false;
    while (!inner.empty() && inner.front() == ' ')
        inner.remove_prefix(1);
    return !inner.empty() &&
           (inner.front() == '#' || inner.front() == '^' || inner.front() == '/' || inner.front() == '!');
}

// The mustache engine drops a line holding only a section tag when the section is rendered,
// but leaves it blank when the section is skipped: a blank line inside a Markdown table ends
// the table. Such lines are marked before rendering and every marked line removed after.
std::string mark_standalone_tags(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 256);
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        const bool cr = line.ends_with('\r');
        const std::string_view body = cr ? line.substr(0, line.size() - 1) : line;
        out += body;
        if (end != std::string_view::npos && standalone_tag_line(body)) out += standalone_mark;
        if (cr) out += '\r';
        if (end == std::string_view::npos) break;
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

std::string drop_marked_lines(std::string_view text, bool collapse_blank_lines)
{
    std::string out;
    out.reserve(text.size());
    int blank_run = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.find(standalone_mark) != std::string_view::npos &&
            line.find_first_not_of(std::string_view(" \t\r\x01", 4)) == std::string_view::npos)
            continue;
        const bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        blank_run = blank ? blank_run + 1 : 0;
        if (collapse_blank_lines && blank && (blank_run > 1 || out.empty())) continue;
        out += line;
        if (end != std::string_view::npos) out += '\n';
    }
    return out;
}

} // namespace

namespace {

// Renders data with the template (checked and parsed once per thread).
std::string render_data(std::string_view template_text, const std::function<mu::data()>& data_of,
                        DocumentFormat format)
{
    // A site renders the same few templates thousands of times: each thread keeps the last ones
    // it checked and parsed rather than doing it again for every page.
    struct Parsed {
        std::string text;
        std::unique_ptr<mu::mustache> tmpl;
    };
    thread_local std::vector<Parsed> parsed;
    auto known = std::find_if(parsed.begin(), parsed.end(), [&](const Parsed& p) { return p.text == template_text; });
    if (known == parsed.end()) {
        if (std::string problem = check_template(template_text); !problem.empty()) throw TemplateError(problem);
        if (parsed.size() >= 8) parsed.erase(parsed.begin());
        auto tmpl = std::make_unique<mu::mustache>(mark_standalone_tags(template_text));
        // Values are escaped for the format beforehand: {{x}} and {{{x}}} print the same.
        tmpl->set_custom_escape([](const std::string& s) { return s; });
        known = parsed.insert(parsed.end(), Parsed{std::string(template_text), std::move(tmpl)});
    }
    mu::mustache& tmpl = *known->tmpl;
    const mu::data data = data_of();
    NoPartials context(&data);
    const std::string out = tmpl.render(context);
    if (!tmpl.is_valid()) {
        const std::string message = tmpl.error_message();
        parsed.erase(known); // its error would stick to the next page
        throw TemplateError("erreur de rendu mustache : " + message, message);
    }
    return drop_marked_lines(out, format == DocumentFormat::markdown);
}

} // namespace

std::string render_document(std::string_view template_text, const nlohmann::ordered_json& tree,
                            DocumentFormat format)
{
    return render_data(template_text, [&] { return to_data<false>(tree, format); }, format);
}

std::string render_document(std::string_view template_text, nlohmann::ordered_json&& tree, DocumentFormat format)
{
    return render_data(template_text, [&] { return to_data<true>(tree, format); }, format);
}

} // namespace quali::render
