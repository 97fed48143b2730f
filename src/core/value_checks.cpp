// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/value_checks.hpp"

#include "quali/core/calendar_date.hpp"
#include "quali/core/schema_check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace quali::core {

using nlohmann::json;

bool luhn_valid(std::string_view digits)
{
    if (digits.empty()) return false;
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') return false;
        int v = *it - '0';
        if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
        twice = !twice;
    }
    return sum % 10 == 0;
}

bool plausible_email(std::string_view s)
{
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    for (char c : s)
        if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') return false;
    const auto dot = domain.rfind('.');
    return !local.empty() && dot != std::string_view::npos && dot > 0 && dot + 2 <= domain.size() &&
           !domain.starts_with('.') && domain.find("..") == std::string_view::npos;
}

bool path_leaves_folder(std::string_view path)
{
    if (path.empty()) return false;
    if (path.front() == '/' || path.front() == '\\' || path.find(':') != std::string_view::npos ||
        path.starts_with("~"))
        return true;
    int depth = 0;
    while (!path.empty()) {
        const auto slash = path.find_first_of("/\\");
        const std::string_view part = path.substr(0, slash);
        if (part == "..") {
            if (--depth < 0) return true;
        } else if (!part.empty() && part != ".") {
            ++depth;
        }
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return false;
}

namespace {

constexpr std::string_view date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

class Checker {
public:
    Checker(const json& schema, const PathOracle* proofs, Lang lang, std::vector<Diagnostic>& out)
        : m_root(schema), m_proofs(proofs), m_lang(lang), m_out(out)
    {
    }

    void walk(const Node& node, const json* schema, const std::string& key, const std::string& path)
    {
        schema = schema_deref(m_root, schema);
        if (schema == nullptr) return;
        if (node.is_mapping()) {
            const auto props = schema->find("properties");
            if (props == schema->end()) return;
            for (const Entry& e : node.entries) {
                const auto sub = props->find(e.key);
                if (sub == props->end()) continue;
                walk(*e.value, &*sub, e.key, path + "." + e.key);
                if (e.key == "id" && e.value->is_scalar()) check_unique_id(*e.value, path);
            }
        } else if (node.is_sequence()) {
            const auto items = schema->find("items");
            if (items == schema->end()) return;
            for (const Node* item : node.items) walk(*item, &*items, key, path + "[]");
        } else if (node.is_scalar()) {
            if (node.text.find(to_fill_marker) != std::string::npos) report_to_fill(node, path);
            else check_scalar(node, *schema, key);
        }
    }

private:
    void emit(std::string code, Position pos, std::string message, std::string hint = {},
              std::vector<Note> notes = {})
    {
        Diagnostic d;
        d.code = std::move(code);
        d.pos = pos;
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.notes = std::move(notes);
        m_out.push_back(std::move(d));
    }

    void check_scalar(const Node& node, const json& schema, const std::string& key)
    {
        const std::string& text = node.text;
        if (schema.value("pattern", std::string()) == date_pattern && iso_date_out_of_range(text)) {
            emit("Q207", node.pos,
                 say(m_lang, "date « {} » pour « {} » hors de la plage permise ({} à {})",
                     "date \"{}\" for \"{}\" outside the allowed range ({} to {})", text, key,
                     fmt::format("{}-01-01", first_year), fmt::format("{}-12-31", last_year)),
                 say(m_lang, "vérifiez l'année (AAAA-MM-JJ)", "check the year (YYYY-MM-DD)"));
            return;
        }
        if (schema.value("pattern", std::string()) == date_pattern && has_iso_date_shape(text) &&
            !parse_iso_date(text)) {
            emit("Q201", node.pos,
                 say(m_lang, "date impossible « {} » pour « {} » : ce jour n'existe pas au calendrier",
                     "impossible date \"{}\" for \"{}\": that day does not exist", text, key),
                 say(m_lang, "vérifiez le jour et le mois (AAAA-MM-JJ)", "check the day and month (YYYY-MM-DD)"));
            return;
        }
        if (key == "siren" && text.size() == 9 && !luhn_valid(text) &&
            text.find_first_not_of("0123456789") == std::string::npos) {
            emit("Q202", node.pos,
                 say(m_lang, "SIREN « {} » invalide : la clé de contrôle (formule de Luhn) est fausse",
                     "invalid SIREN \"{}\": its check digit (Luhn formula) is wrong", text),
                 say(m_lang, "recopiez le SIREN depuis l'avis de situation Insee ou l'annuaire des entreprises",
                     "copy the SIREN again from the Insee registration notice"));
            return;
        }
        if (key == "courriel" && resolve_scalar(node) == ScalarType::string && !plausible_email(text)) {
            emit("Q203", node.pos,
                 say(m_lang, "adresse électronique « {} » mal formée", "malformed e-mail address \"{}\"", text),
                 say(m_lang, "forme attendue : prenom.nom@domaine.fr", "expected shape: name@domain.org"));
            return;
        }
        if ((key == "preuve" || key == "preuves" || key == "pieces") && node.is_scalar()) check_path(node, key);
    }

    // A field left for the user to fill by a template of quali init / quali new (Q016), named
    // by its path in the file (contact.nom, sieges[].suppleant.nom).
    void report_to_fill(const Node& node, const std::string& path)
    {
        const std::string field = path.starts_with('.') ? path.substr(1) : path;
        emit("Q016", node.pos,
             say(m_lang, "champ à compléter : {}", "field to fill in: {}", field),
             say(m_lang, "remplacez « {} » par la valeur réelle", "replace \"{}\" with the real value",
                 to_fill_marker));
        m_out.back().severity = Severity::warning;
    }

    void check_path(const Node& node, const std::string& key)
    {
        const std::string& p = node.text;
        if (p.empty()) return;
        if (path_leaves_folder(p)) {
            emit("Q205", node.pos,
                 say(m_lang, "le chemin « {} » sort du dossier de l'organisme", "path \"{}\" leaves the organisation's folder", p),
                 say(m_lang, "citez un fichier du dossier de l'organisme par un chemin relatif, par exemple preuves/compte-rendu.pdf",
                     "cite a file of the organisation's folder by a relative path, e.g. preuves/compte-rendu.pdf"));
            return;
        }
        if (m_proofs == nullptr) return;
        switch (m_proofs->status(p)) {
        case PathStatus::file:
            return;
        case PathStatus::outside:
            emit("Q205", node.pos,
                 say(m_lang, "le chemin « {} » passe par un lien symbolique qui sort du dossier de l'organisme",
                     "path \"{}\" goes through a symbolic link that leaves the organisation's folder", p),
                 say(m_lang, "copiez le document dans le dossier de l'organisme au lieu d'un lien",
                     "copy the document into the organisation's folder instead of linking it"));
            return;
        case PathStatus::not_a_file:
            emit("Q206", node.pos,
                 say(m_lang, "« {} » n'est pas un fichier lisible", "\"{}\" is not a readable file", p));
            return;
        case PathStatus::missing: {
            const std::string near = nearest_file(p, m_proofs->files());
            emit("Q206", node.pos,
                 say(m_lang, "{} « {} » introuvable dans le dossier de l'organisme",
                     "{} \"{}\" not found in the organisation's folder",
                     key == "pieces" ? say(m_lang, "pièce", "document") : say(m_lang, "preuve", "evidence"), p),
                 near.empty()
                     ? say(m_lang, "ajoutez le fichier ou corrigez le chemin (relatif au dossier de l'organisme)",
                           "add the file or fix the path (relative to the organisation's folder)")
                     : say(m_lang, "vouliez-vous dire « {} » ? Sinon, ajoutez le fichier",
                           "did you mean \"{}\"? Otherwise, add the file", near));
            return;
        }
        }
    }

    void check_unique_id(const Node& id, const std::string& path)
    {
        auto& seen = m_ids[path];
        const auto [it, inserted] = seen.emplace(id.text, id.pos);
        if (inserted) return;
        emit("Q204", id.pos,
             say(m_lang, "identifiant « {} » en double dans ce fichier", "duplicate id \"{}\" in this file", id.text),
             say(m_lang, "chaque identifiant doit être unique : renommez l'un des deux",
                 "each id must be unique: rename one of them"),
             {Note{"", it->second, say(m_lang, "première utilisation de « {} »", "first use of \"{}\"", id.text)}});
    }

    const json& m_root;
    const PathOracle* m_proofs;
    Lang m_lang;
    std::vector<Diagnostic>& m_out;
    std::map<std::string, std::map<std::string, Position>> m_ids;
};

} // namespace

std::vector<Diagnostic> check_values(FileKind kind, const Node& root, const PathOracle* proofs, Lang lang)
{
    std::vector<Diagnostic> out;
    const json& schema = SchemaSet::builtin().schema(kind);
    Checker(schema, proofs, lang, out).walk(root, &schema, {}, {});
    return out;
}

} // namespace quali::core

namespace quali::core {

std::vector<Diagnostic> check_document(FileKind kind, const Node& root, const PathOracle* proofs, Lang lang)
{
    std::vector<Diagnostic> out = SchemaSet::builtin().validate(kind, root, lang);
    std::vector<Diagnostic> values = check_values(kind, root, proofs, lang);
    // A field left to fill is reported once, as Q016: not also as a wrong type, value or format.
    std::erase_if(out, [&](const Diagnostic& d) {
        return std::any_of(values.begin(), values.end(),
                           [&](const Diagnostic& v) { return v.code == "Q016" && v.pos == d.pos; });
    });
    // A value the schema already rejected is not reported twice.
    for (Diagnostic& v : values) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const Diagnostic& d) { return d.pos == v.pos; });
        if (!seen) out.push_back(std::move(v));
    }
    return out;
}

} // namespace quali::core

namespace quali::core {

std::string nearest_file(std::string_view missing, const std::vector<std::string>& files)
{
    const auto base = [](std::string_view p) {
        const auto slash = p.rfind('/');
        return slash == std::string_view::npos ? p : p.substr(slash + 1);
    };
    std::string_view wanted = missing;
    while (wanted.starts_with("./")) wanted.remove_prefix(2);
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const std::string& f : files) {
        // The whole path with a typo, or the right name in another folder (then one more step).
        const std::size_t whole = edit_distance(wanted, f);
        const std::size_t by_name = base(wanted) == base(f) ? 1 : std::string::npos;
        const std::size_t d = std::min(whole, by_name);
        if (d < best_distance || (d == best_distance && f < best)) {
            best_distance = d;
            best = f;
        }
    }
    // Near enough: a few characters for a short name, a quarter of a long one.
    const std::size_t allowed = std::max<std::size_t>(2, base(wanted).size() / 4);
    return best_distance != 0 && best_distance <= allowed ? best : std::string();
}

} // namespace quali::core
