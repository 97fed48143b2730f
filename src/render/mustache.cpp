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

using J = nlohmann::ordered_json;

// One value of the tree as the engine's data, whole: a scalar, or what a list holds beside objects.
mu::data to_data(const J& j, DocumentFormat format)
{
    switch (j.type()) {
    case J::value_t::object: {
        mu::data d{mu::data::type::object};
        for (const auto& [key, value] : j.items()) {
            if (value.is_array()) {
                d.set("si_" + key, mu::data(!value.empty()));
                d.set("nombre_" + key, mu::data(std::to_string(value.size())));
            }
            d.set(key, to_data(value, format));
        }
        return d;
    }
    case J::value_t::array: {
        mu::data list{mu::data::type::list};
        for (const J& item : j)
            list.push_back(to_data(item, format));
        return list;
    }
    case J::value_t::string: {
        const std::string& s = j.get_ref<const std::string&>();
        return mu::data(format == DocumentFormat::html ? html_escape(s) : markdown_escape(s));
    }
    case J::value_t::boolean:
        return mu::data(j.get<bool>());
    case J::value_t::number_integer:
    case J::value_t::number_unsigned:
        return mu::data(j.dump());
    case J::value_t::number_float: {
        std::string text = fmt::format("{:g}", j.get<double>());
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

// The engine's context over a data tree, converted on demand: a tag's value is made when the tag
// asks for it and released when the section it was asked from is left, so that a page listing
// thousands of items never holds the engine's copy of its whole tree (several times the tree's
// weight). The templates see what a whole conversion would give: every object's values; beside
// each list `si_x` (not empty) and `nombre_x` (its size); in each object of a list `premier` and
// `dernier`, for separators. No partial can be found: a template never pulls in another text.
class TreeContext final : public mu::basic_context<std::string> {
  public:
    TreeContext(const J& root, DocumentFormat format, const LazyRows* lazy) : format_(format), lazy_(lazy)
    {
        levels_.emplace_back();
        frames_.push_back({&root, 0, 0, &root_, nullptr});
    }

    void push(const mu::data* data) override
    {
        const auto known = nodes_.find(data);
        frames_.push_back(known != nodes_.end() ? known->second : list_item(data));
        levels_.emplace_back();
        if (const LazyRows::List* list = frames_.back().lazy) { // the row is made now, for its section
            levels_.back().row = std::make_unique<J>(list->row(frames_.back().index));
            frames_.back().node = levels_.back().row.get();
            if (!frames_.back().node->is_object())
                frames_.back().data = own(to_data(*frames_.back().node, format_));
        }
    }

    void pop() override
    {
        for (const mu::data* d : levels_.back().registered)
            nodes_.erase(d);
        levels_.pop_back();
        frames_.pop_back();
    }

    const mu::data* get(const std::string& name) const override
    {
        if (name == ".") return frames_.back().data;
        for (auto f = frames_.rbegin(); f != frames_.rend(); ++f)
            if (const mu::data* found = find(*f, name)) return found;
        return nullptr;
    }

    const mu::data* get_partial(const std::string&) const override { return nullptr; }

  private:
    struct Frame {
        const J* node;              // the tree's value pushed, or null (a scalar's section)
        std::size_t index, size;    // its place in its list (size 0: no list's item)
        const mu::data* data;       // what the engine pushed
        const LazyRows::List* lazy; // the list whose row it is, made when pushed
    };
    struct List {                   // a list's placeholders, found by address when pushed
        const mu::data* first;
        std::size_t size;
        const J* array;             // its items, or null for rows made when pushed
        const LazyRows::List* lazy; // the rows' maker, or null
    };
    struct Level {              // what was made while a frame was the innermost
        std::unique_ptr<J> row; // the frame's own row, when its list is made row by row
        std::vector<std::unique_ptr<mu::data>> values;
        std::vector<const mu::data*> registered;
        std::vector<List> lists;
    };

    // The frame of an item of a list made here (a scalar item has no frame of its own).
    Frame list_item(const mu::data* data) const
    {
        const std::less<const mu::data*> before;
        for (auto level = levels_.rbegin(); level != levels_.rend(); ++level)
            for (const List& l : level->lists) {
                if (before(data, l.first) || !before(data, l.first + l.size)) continue;
                const auto i = static_cast<std::size_t>(data - l.first);
                const J* item = l.array != nullptr ? &(*l.array)[i] : nullptr;
                if (item != nullptr && !item->is_object()) break;
                return Frame{item, i, l.size, data, l.lazy};
            }
        return Frame{nullptr, 0, 0, data, nullptr};
    }

    // name (x, or x.y.z) in one frame, as the engine's own context looks it up in one item.
    const mu::data* find(const Frame& f, std::string_view name) const
    {
        if (f.node == nullptr || !f.node->is_object()) return nullptr;
        if (f.size > 0 && (name == "premier" || name == "dernier"))
            return own(mu::data(name == "premier" ? f.index == 0 : f.index + 1 == f.size));
        const J* node = f.node;
        for (std::size_t start = 0;;) {
            const std::size_t dot = name.find('.', start);
            const std::string_view part =
                name.substr(start, dot == std::string_view::npos ? dot : dot - start);
            if (!node->is_object()) return nullptr;
            const auto member = node->find(part);
            if (member == node->end())
                return dot == std::string_view::npos ? list_fact(*node, part) : nullptr;
            node = &*member;
            if (dot == std::string_view::npos) return materialize(*node);
            start = dot + 1;
        }
    }

    // si_x and nombre_x beside a list x.
    const mu::data* list_fact(const J& object, std::string_view name) const
    {
        for (const auto& [prefix, is_count] :
             {std::pair{std::string_view("si_"), false}, {"nombre_", true}}) {
            if (!name.starts_with(prefix)) continue;
            const auto list = object.find(name.substr(prefix.size()));
            if (list == object.end()) return nullptr;
            const LazyRows::List* lazy = lazy_list(*list);
            if (!list->is_array() && lazy == nullptr) return nullptr;
            const std::size_t n = lazy != nullptr ? lazy->size : list->size();
            return own(is_count ? mu::data(std::to_string(n)) : mu::data(n > 0));
        }
        return nullptr;
    }

    // An object, or a list's objects, as placeholders whose values are made when asked for.
    const mu::data* materialize(const J& value) const
    {
        Level& level = levels_.back();
        if (value.is_object()) {
            const mu::data* d = own(mu::data(mu::data::type::object));
            nodes_.emplace(d, Frame{&value, 0, 0, d, nullptr});
            level.registered.push_back(d);
            return d;
        }
        const LazyRows::List* lazy = lazy_list(value);
        if (!value.is_array() && lazy == nullptr) return own(to_data(value, format_));
        const std::size_t n = lazy != nullptr ? lazy->size : value.size();
        auto list = std::make_unique<mu::data>(mu::data::type::list);
        auto& items = const_cast<mu::list&>(list->list_value());
        items.reserve(n); // the placeholders' addresses name them
        for (std::size_t i = 0; i < n; ++i) {
            // A lazy list's items have no room of their own: their rows come when pushed.
            const J* item = lazy != nullptr ? nullptr : &value[i];
            if (item != nullptr && !item->is_object())
                items.push_back(to_data(*item, format_));
            else
                items.push_back(item != nullptr ? mu::data(mu::data::type::object) : mu::data(false));
        }
        // Its items are found by their address (list_item): no map entry per item.
        if (n > 0) level.lists.push_back({items.data(), n, lazy != nullptr ? nullptr : &value, lazy});
        level.values.push_back(std::move(list));
        return level.values.back().get();
    }

    // The list value stands for when it is a placeholder of rows made when pushed.
    const LazyRows::List* lazy_list(const J& value) const { return lazy_ != nullptr ? lazy_->find(value) : nullptr; }

    const mu::data* own(mu::data&& d) const
    {
        levels_.back().values.push_back(std::make_unique<mu::data>(std::move(d)));
        return levels_.back().values.back().get();
    }

    DocumentFormat format_;
    const LazyRows* lazy_;
    mu::data root_{mu::data::type::object};
    std::vector<Frame> frames_;
    mutable std::vector<Level> levels_;
    mutable std::unordered_map<const mu::data*, Frame> nodes_;
};

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

// The engine's output taken line by line, without the lines that held only a section tag (and,
// in Markdown, without a blank line at the start or after another): the page is never held twice.
class LineFilter {
  public:
    LineFilter(bool collapse_blank_lines, const TextSink& out) : collapse_(collapse_blank_lines), out_(out) {}

    LineFilter& operator<<(const std::string& piece)
    {
        std::string_view rest = piece;
        for (auto end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
            line_ += rest.substr(0, end);
            take(true);
            rest.remove_prefix(end + 1);
        }
        line_ += rest;
        return *this;
    }

    void finish()
    {
        if (!line_.empty()) take(false);
    }

  private:
    void take(bool newline)
    {
        const bool marked = line_.find(standalone_mark) != std::string::npos &&
                            line_.find_first_not_of(std::string_view(" \t\r\x01", 4)) == std::string::npos;
        if (!marked) {
            const bool blank = line_.find_first_not_of(" \t\r") == std::string::npos;
            blank_run_ = blank ? blank_run_ + 1 : 0;
            if (!(collapse_ && blank && (blank_run_ > 1 || !written_))) {
                if (newline) line_ += '\n';
                out_(line_);
                written_ = true;
            }
        }
        line_.clear();
    }

    bool collapse_;
    const TextSink& out_;
    bool written_ = false; // a line was given to out_
    int blank_run_ = 0;
    std::string line_;
};

} // namespace

namespace {

// Renders data with the template (checked and parsed once per thread).
void render_data(std::string_view template_text, const J& tree, DocumentFormat format, const LazyRows* lazy,
                 const TextSink& sink)
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
    TreeContext context(tree, format, lazy);
    LineFilter out(format == DocumentFormat::markdown, sink);
    tmpl.render(context, out);
    if (!tmpl.is_valid()) {
        const std::string message = tmpl.error_message();
        parsed.erase(known); // its error would stick to the next page
        throw TemplateError("erreur de rendu mustache : " + message, message);
    }
    out.finish();
}

} // namespace

std::string render_document(std::string_view template_text, const nlohmann::ordered_json& tree,
                            DocumentFormat format, const LazyRows* lazy)
{
    std::string out;
    render_data(template_text, tree, format, lazy, [&out](std::string_view piece) { out += piece; });
    return out;
}

void render_document(std::string_view template_text, const nlohmann::ordered_json& tree, DocumentFormat format,
                     const LazyRows* lazy, const TextSink& out)
{
    render_data(template_text, tree, format, lazy, out);
}

nlohmann::ordered_json LazyRows::add(std::size_t n, Row row)
{
    lists_.push_back({n, std::move(row)});
    // A binary value names the list by its index: no data of a tree is ever binary.
    return J::binary({}, lists_.size() - 1);
}

const LazyRows::List* LazyRows::find(const nlohmann::ordered_json& value) const
{
    if (!value.is_binary() || !value.get_binary().has_subtype()) return nullptr;
    const auto k = value.get_binary().subtype();
    return k < lists_.size() ? &lists_[static_cast<std::size_t>(k)] : nullptr;
}

} // namespace quali::render
