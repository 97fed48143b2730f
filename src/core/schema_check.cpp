// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/schema_check.hpp"

#include "quali/core/embedded.hpp"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <set>

namespace quali::core {

using nlohmann::json;

json to_json(const Node& node)
{
    switch (node.kind) {
    case NodeKind::null:
        return nullptr;
    case NodeKind::sequence: {
        json a = json::array();
        for (const Node* item : node.items) a.push_back(to_json(*item));
        return a;
    }
    case NodeKind::mapping: {
        json o = json::object();
        for (const Entry& e : node.entries) o[e.key] = to_json(*e.value);
        return o;
    }
    case NodeKind::scalar:
        break;
    }
    const std::string& s = node.text;
    switch (resolve_scalar(node)) {
    case ScalarType::null:
        return nullptr;
    case ScalarType::boolean:
        return s[0] == 't' || s[0] == 'T';
    case ScalarType::integer: {
        std::int64_t v = 0;
        std::string_view digits = s;
        int base = 10;
        if (digits.starts_with("0o")) base = 8, digits.remove_prefix(2);
        else if (digits.starts_with("0x")) base = 16, digits.remove_prefix(2);
        else if (digits.starts_with('+')) digits.remove_prefix(1);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
        if (ec == std::errc() && end == digits.data() + digits.size()) return v;
        return std::strtod(s.c_str(), nullptr);  // out of range: keep it a (huge) number
    }
    case ScalarType::floating:
        if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos ||
            s.find("INF") != std::string::npos || s.find("nan") != std::string::npos ||
            s.find("NaN") != std::string::npos || s.find("NAN") != std::string::npos)
            return s;  // JSON has no infinity: leave it to the type check
        return std::strtod(s.c_str(), nullptr);
    case ScalarType::string:
        break;
    }
    return s;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates)
{
    std::optional<std::string> best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d) best_d = d, best = c;
    }
    return best;
}

namespace {

constexpr std::array all_kinds{FileKind::quali,        FileKind::referentiel, FileKind::membres,
                               FileKind::seance,       FileKind::auditeur,    FileKind::organisme,
                               FileKind::autodiagnostic, FileKind::audit,     FileKind::paa,
                               FileKind::concertation, FileKind::candidature, FileKind::visa};

} // namespace

const json* schema_deref(const json& root, const json* s)
{
    for (int guard = 0; s != nullptr && guard < 16; ++guard) {
        const auto ref = s->find("$ref");
        if (ref == s->end() || !ref->is_string()) return s;
        const std::string r = *ref;
        if (!r.starts_with("#/")) return s;
        const json* target = &root;
        std::string_view path = std::string_view(r).substr(2);
        while (!path.empty() && target != nullptr) {
            const auto slash = path.find('/');
            const std::string part(path.substr(0, slash));
            const auto it = target->find(part);
            target = it == target->end() ? nullptr : &*it;
            path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        }
        s = target;
    }
    return s;
}

namespace {

const json* deref(const json& root, const json* s) { return schema_deref(root, s); }

// The place a validation error points at: the node, its subschema, and for a mapping entry
// the key's position.
struct Located {
    const Node* node = nullptr;
    const json* schema = nullptr;
    Position key_pos;
    std::string key;
};

Located locate(const json& root_schema, const Node& root, const std::vector<std::string>& context)
{
    Located at{&root, deref(root_schema, &root_schema), root.pos, {}};
    for (std::size_t i = 1; i < context.size() && at.node != nullptr; ++i) {
        std::string part = context[i];
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']')
            part = part.substr(1, part.size() - 2);
        const json* sub = nullptr;
        if (at.node->is_mapping()) {
            const Entry* e = at.node->find_entry(part);
            if (e == nullptr) break;
            at.key_pos = e->key_pos;
            at.key = part;
            at.node = e->value;
            if (at.schema != nullptr) {
                const auto props = at.schema->find("properties");
                if (props != at.schema->end() && props->contains(part)) sub = &(*props)[part];
            }
        } else if (at.node->is_sequence()) {
            std::size_t index = 0;
            const auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
            if (ec != std::errc() || index >= at.node->items.size()) break;
            at.node = at.node->items[index];
            at.key_pos = at.node->pos;
            if (at.schema != nullptr) {
                const auto items = at.schema->find("items");
                if (items != at.schema->end()) sub = &*items;
            }
        } else {
            break;
        }
        at.schema = deref(root_schema, sub);
    }
    return at;
}

std::string json_type_of(const Node& n, Lang lang)
{
    switch (n.kind) {
    case NodeKind::null: return say(lang, "une valeur vide", "an empty value");
    case NodeKind::sequence: return say(lang, "une liste", "a list");
    case NodeKind::mapping: return say(lang, "un bloc clé-valeur", "a mapping");
    case NodeKind::scalar: break;
    }
    switch (resolve_scalar(n)) {
    case ScalarType::null: return say(lang, "une valeur vide", "an empty value");
    case ScalarType::boolean: return say(lang, "un booléen ({})", "a boolean ({})", n.text);
    case ScalarType::integer: return say(lang, "un nombre entier ({})", "an integer ({})", n.text);
    case ScalarType::floating: return say(lang, "un nombre ({})", "a number ({})", n.text);
    case ScalarType::string: break;
    }
    return say(lang, "un texte", "text");
}

std::string type_word(const std::string& t, Lang lang)
{
    if (t == "string") return say(lang, "un texte", "text");
    if (t == "integer") return say(lang, "un nombre entier", "an integer");
    if (t == "number") return say(lang, "un nombre", "a number");
    if (t == "boolean") return say(lang, "un booléen (true ou false)", "a boolean (true or false)");
    if (t == "array") return say(lang, "une liste", "a list");
    if (t == "object") return say(lang, "un bloc clé-valeur", "a mapping");
    if (t == "null") return say(lang, "une valeur vide", "an empty value");
    return t;
}

std::string expected_types(const json* schema, Lang lang)
{
    if (schema == nullptr) return "?";
    const auto t = schema->find("type");
    if (t == schema->end()) return "?";
    if (t->is_string()) return type_word(*t, lang);
    std::string out;
    for (const auto& one : *t) {
        if (!out.empty()) out += say(lang, " ou ", " or ");
        out += type_word(one, lang);
    }
    return out;
}

std::string quoted_list(const json& values)
{
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ", ";
        out += v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
}

std::vector<std::string> property_names(const json* schema)
{
    std::vector<std::string> names;
    if (schema == nullptr) return names;
    const auto props = schema->find("properties");
    if (props == schema->end()) return names;
    for (const auto& [k, v] : props->items()) names.push_back(k);
    return names;
}

std::string example_of(const json* schema)
{
    if (schema == nullptr) return {};
    const auto ex = schema->find("examples");
    if (ex == schema->end() || !ex->is_array() || ex->empty()) return {};
    return (*ex)[0].is_string() ? (*ex)[0].get<std::string>() : (*ex)[0].dump();
}

std::string what(const Located& at, Lang lang)
{
    if (at.key.empty()) return say(lang, "la valeur", "the value");
    return say(lang, "« {} »", "\"{}\"", at.key);
}

bool starts(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

// A misspelt key is one defect: its Q103 names the required key it stands for, whose Q102
// is then dropped (matched once every error is known: valijson reports them in any order).
struct Keyed {
    const Node* node;
    std::string key;
    std::size_t index; // in the diagnostics
};

// Q101: a value of the wrong type.
void wrong_type(Diagnostic& d, const Located& at, Lang lang)
{
    d.code = "Q101";
    d.message = say(lang, "type incorrect pour {} : {} attendu, {} trouvé", "wrong type for {}: {} expected, {} found",
                    what(at, lang), expected_types(at.schema, lang), json_type_of(*at.node, lang));
    if (at.node->is_scalar() && !at.node->quoted && at.schema != nullptr &&
        at.schema->value("type", json()) == "string")
        d.hint = say(lang, "mettez la valeur entre guillemets : \"{}\"", "put the value in quotes: \"{}\"",
                     at.node->text);
    else if (at.node->is_null())
        d.hint = say(lang, "donnez une valeur après les deux-points", "give a value after the colon");
}

// Q102: a required key is missing; text is valijson's "Missing required property 'x'.".
void missing_key(Diagnostic& d, const Located& at, const std::string& text, const std::string& key, Lang lang)
{
    d.code = "Q102";
    d.message = key.empty() ? text : say(lang, "clé obligatoire « {} » manquante", "required key \"{}\" is missing", key);
    if (!at.key.empty()) d.message += say(lang, " dans {}", " in {}", what(at, lang));
    d.hint = say(lang, "ajoutez « {}: … »", "add \"{}: …\"", key);
}

// Q103: each key of the mapping that its schema does not know, with the nearest known one.
void unknown_keys(const Located& at, Lang lang, std::vector<Diagnostic>& out, std::vector<Keyed>& unknown)
{
    const auto known = property_names(at.schema);
    for (const Entry& e : at.node->entries) {
        if (std::find(known.begin(), known.end(), e.key) != known.end()) continue;
        Diagnostic u;
        u.code = "Q103";
        u.pos = e.key_pos;
        u.message = say(lang, "clé inconnue « {} »", "unknown key \"{}\"", e.key);
        if (const auto near = closest(e.key, known))
            u.hint = say(lang, "vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
        else if (!known.empty())
            u.hint = say(lang, "clés possibles ici : {}", "keys allowed here: {}", quoted_list(json(known)));
        unknown.push_back({at.node, e.key, out.size()});
        out.push_back(std::move(u));
    }
}

// Q104: a value outside the enumeration, with the nearest allowed one.
void not_allowed(Diagnostic& d, const Located& at, Lang lang)
{
    d.code = "Q104";
    const json allowed = at.schema != nullptr ? at.schema->value("enum", json::array()) : json::array();
    d.message = say(lang, "valeur « {} » non autorisée pour {}", "value \"{}\" is not allowed for {}",
                    at.node->is_scalar() ? at.node->text : "…", what(at, lang));
    d.hint = say(lang, "valeurs possibles : {}", "allowed values: {}", quoted_list(allowed));
    std::vector<std::string> names;
    for (const auto& v : allowed)
        if (v.is_string()) names.push_back(v);
    if (at.node->is_scalar())
        if (const auto near = closest(at.node->text, names))
            d.hint = say(lang, "vouliez-vous dire « {} » ? valeurs possibles : {}",
                         "did you mean \"{}\"? allowed values: {}", *near, quoted_list(allowed));
}

// Q105: a string that does not match its pattern, with the schema's example.
void wrong_format(Diagnostic& d, const Located& at, Lang lang)
{
    d.code = "Q105";
    const std::string example = example_of(at.schema);
    d.message = say(lang, "format incorrect pour {} : « {} »", "wrong format for {}: \"{}\"", what(at, lang),
                    at.node->text);
    if (at.schema != nullptr && at.schema->contains("description"))
        d.message += " — " + at.schema->value("description", std::string());
    if (!example.empty())
        d.hint = say(lang, "exemple de valeur correcte : {}", "example of a correct value: {}", example);
}

// Q106: a number out of its bounds.
void out_of_range(Diagnostic& d, const Located& at, const std::string& text, Lang lang)
{
    d.code = "Q106";
    std::string bound;
    if (at.schema != nullptr) {
        if (at.schema->contains("exclusiveMinimum"))
            bound = say(lang, "strictement supérieure à {}", "greater than {}", at.schema->at("exclusiveMinimum").dump());
        if (at.schema->contains("minimum"))
            bound = say(lang, "au moins {}", "at least {}", at.schema->at("minimum").dump());
        if (starts(text, "Expected number less than") && at.schema->contains("maximum"))
            bound = say(lang, "au plus {}", "at most {}", at.schema->at("maximum").dump());
    }
    d.message = say(lang, "valeur {} hors limites pour {} : elle doit être {}",
                    "value {} out of range for {}: it must be {}", at.node->text, what(at, lang), bound);
}

// Q107: any other departure from the schema.
void other_error(Diagnostic& d, const Located& at, const std::string& text, Lang lang)
{
    d.code = "Q107";
    if (starts(text, "Array should contain no fewer than"))
        d.message = say(lang, "liste {} trop courte : {}", "list {} too short: {}", what(at, lang), text);
    else if (starts(text, "String should be no fewer than"))
        d.message = say(lang, "{} ne doit pas être vide", "{} must not be empty", what(at, lang));
    else
        d.message = say(lang, "{} ne respecte pas le schéma : {}", "{} does not match the schema: {}", what(at, lang),
                        text);
}

// Errors about a child failing are repeated by the child's own, more precise, error.
bool repeated_by_child(const std::string& text)
{
    return starts(text, "Failed to validate against schema associated with") ||
           starts(text, "Failed to validate item #") ||
           starts(text, "Failed to validate against additional properties schema") ||
           starts(text, "Failed to validate against child schema");
}

// Drops the Q102 of a required key that a Q103's unknown key of the same mapping misspells,
// and has the Q103 name it.
std::vector<Diagnostic> merge_misspelt(std::vector<Diagnostic> out, const std::vector<Keyed>& missing,
                                       const std::vector<Keyed>& unknown, Lang lang)
{
    if (missing.empty() || unknown.empty()) return out;
    std::vector<bool> dropped(out.size(), false);
    for (const Keyed& u : unknown) {
        std::vector<std::string> candidates;
        for (const Keyed& m : missing)
            if (m.node == u.node && !dropped[m.index]) candidates.push_back(m.key);
        const auto near = closest(u.key, candidates);
        if (!near) continue;
        out[u.index].hint = say(lang, "vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
        for (const Keyed& m : missing)
            if (m.node == u.node && m.key == *near) dropped[m.index] = true;
    }
    std::vector<Diagnostic> kept;
    for (std::size_t k = 0; k < out.size(); ++k)
        if (!dropped[k]) kept.push_back(std::move(out[k]));
    return kept;
}

} // namespace

struct SchemaSet::Impl {
    std::array<json, all_kinds.size()> documents;
    std::array<valijson::Schema, all_kinds.size()> schemas;
};

SchemaSet::SchemaSet() : m_impl(std::make_unique<Impl>())
{
    for (FileKind kind : all_kinds) {
        const auto i = static_cast<std::size_t>(kind);
        const std::string name = std::string(kind_name(kind)) + ".schema.json";
        const auto text = embedded_file(name);
        if (!text)
            throw BilingualError("schéma intégré manquant : " + name, "built-in schema missing: " + name);
        m_impl->documents[i] = json::parse(*text);
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter adapter(m_impl->documents[i]);
        parser.populateSchema(adapter, m_impl->schemas[i]);
    }
}

SchemaSet::~SchemaSet() = default;

const SchemaSet& SchemaSet::builtin()
{
    static const SchemaSet set;
    return set;
}

const json& SchemaSet::schema(FileKind kind) const
{
    return m_impl->documents[static_cast<std::size_t>(kind)];
}

std::vector<Diagnostic> SchemaSet::validate(FileKind kind, const Node& root, Lang lang) const
{
    const auto i = static_cast<std::size_t>(kind);
    const json instance = to_json(root);
    // The validator caches compiled regular expressions: one per thread.
    thread_local valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(instance);
    std::vector<Diagnostic> out;
    if (validator.validate(m_impl->schemas[i], target, &results)) return out;

    const json& doc = m_impl->documents[i];
    std::set<const Node*> unknown_done;
    std::vector<Keyed> missing, unknown;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        const std::string& text = error.description;
        if (repeated_by_child(text)) continue;
        const Located at = locate(doc, root, error.context);
        if (at.node == nullptr) continue;
        if (starts(text, "Object contains a property that could not be validated")) {
            if (unknown_done.insert(at.node).second) unknown_keys(at, lang, out, unknown);
            continue;
        }
        Diagnostic d;
        d.pos = at.node->pos;
        if (starts(text, "Value type not permitted")) {
            wrong_type(d, at, lang);
        } else if (starts(text, "Missing required property '")) {
            const std::string key = text.substr(27, text.size() - 27 - 2);
            missing_key(d, at, text, key, lang);
            missing.push_back({at.node, key, out.size()});
        } else if (starts(text, "Failed to match against any enum values")) {
            not_allowed(d, at, lang);
        } else if (starts(text, "Failed to match regex")) {
            wrong_format(d, at, lang);
        } else if (starts(text, "Expected number greater than") || starts(text, "Expected number less than")) {
            out_of_range(d, at, text, lang);
        } else {
            other_error(d, at, text, lang);
        }
        out.push_back(std::move(d));
    }
    return merge_misspelt(std::move(out), missing, unknown, lang);
}

} // namespace quali::core
