// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/file_kind.hpp"

#include "quali/core/schema_check.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace quali::core {

namespace {

std::vector<std::string_view> split(std::string_view path)
{
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

std::optional<FileKind> organisme_file_kind(const std::vector<std::string_view>& p)
{
    if (p.size() == 1) {
        if (p[0] == "organisme.yaml") return FileKind::organisme;
        if (p[0] == "autodiagnostic.yaml") return FileKind::autodiagnostic;
        if (p[0] == "paa.yaml") return FileKind::paa;
        if (p[0] == "concertation.yaml") return FileKind::concertation;
        return std::nullopt;
    }
    if (p.size() == 2 && is_yaml_name(p[1])) {
        if (p[0] == "audits") return FileKind::audit;
        // The auditor's sign-off sits next to the candidature it covers.
        if (p[0] == "candidatures") return p[1].ends_with(".visa.yaml") ? FileKind::visa : FileKind::candidature;
    }
    return std::nullopt;
}

} // namespace

bool is_yaml_name(std::string_view name)
{
    return name.size() > 5 && name.ends_with(".yaml");
}

std::string_view kind_name(FileKind kind)
{
    static constexpr std::array<std::string_view, 12> names{
        "quali", "referentiel", "membres", "seance", "auditeur", "organisme",
        "autodiagnostic", "audit", "paa", "concertation", "candidature", "visa"};
    return names[static_cast<std::size_t>(kind)];
}

std::optional<Placement> classify_organisme_path(std::string_view relative_path)
{
    const auto kind = organisme_file_kind(split(relative_path));
    if (!kind) return std::nullopt;
    return Placement{*kind, {}};
}

std::optional<Placement> classify_repository_path(std::string_view relative_path)
{
    const auto p = split(relative_path);
    if (p.size() == 1 && p[0] == "quali.yaml") return Placement{FileKind::quali, {}};
    if (p.size() == 2 && p[0] == "referentiel" && p[1] == "cadre-evaluation.yaml")
        return Placement{FileKind::referentiel, {}};
    if (p.size() == 2 && p[0] == "comite" && p[1] == "membres.yaml")
        return Placement{FileKind::membres, {}};
    if (p.size() == 3 && p[0] == "comite" && p[1] == "seances" && is_yaml_name(p[2]))
        return Placement{FileKind::seance, {}};
    if (p.size() == 2 && p[0] == "auditeurs" && is_yaml_name(p[1]))
        return Placement{FileKind::auditeur, {}};
    if (p.size() >= 3 && p[0] == "organismes") {
        const std::vector<std::string_view> rest(p.begin() + 2, p.end());
        if (const auto kind = organisme_file_kind(rest))
            return Placement{*kind, std::string(p[1])};
    }
    return std::nullopt;
}

bool is_slug(std::string_view s)
{
    if (s.empty() || s.front() == '-') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::string_view organisme_folder_of(std::string_view repository_path)
{
    constexpr std::string_view prefix = "organismes/";
    if (!repository_path.starts_with(prefix)) return {};
    const auto slash = repository_path.find('/', prefix.size());
    if (slash == std::string_view::npos) return {};
    return repository_path.substr(0, slash);
}

std::string file_stem(std::string_view path)
{
    const auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name.ends_with(".yaml")) name.remove_suffix(5);
    return std::string(name);
}

std::string path_in_folder(std::string_view folder, std::string_view path)
{
    if (!folder.empty() && path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/')
        path.remove_prefix(folder.size() + 1);
    while (path.starts_with("./"))
        path.remove_prefix(2);
    return std::string(path);
}

std::vector<std::string> expected_names(std::string_view path, bool lone_organisme)
{
    const auto slash = path.rfind('/');
    const std::string_view parent = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    const bool in_organisme = lone_organisme ? parent.empty()
                                             : parent.starts_with("organismes/") &&
                                                   std::count(parent.begin(), parent.end(), '/') == 1;
    if (in_organisme) return {"organisme.yaml", "autodiagnostic.yaml", "paa.yaml", "concertation.yaml"};
    if (parent.empty()) return {"quali.yaml"};
    if (parent == "comite") return {"membres.yaml"};
    if (parent == "referentiel") return {"cadre-evaluation.yaml"};
    return {};
}

Diagnostic unknown_place(std::string_view path, bool lone_organisme, Lang lang)
{
    Diagnostic d;
    d.severity = Severity::warning;
    d.code = "Q011";
    d.file = std::string(path);
    d.pos = {1, 1};
    d.message = say(lang, "fichier YAML à un emplacement inconnu : il n'est pas vérifié",
                    "YAML file in an unknown place: it is not checked");
    const auto slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (const auto near = closest(name, expected_names(path, lone_organisme)))
        d.hint = say(lang, "vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
    else
        d.hint = say(lang,
                     "emplacements reconnus : quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/AAAA-MM-JJ.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml",
                     "known places: quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/YYYY-MM-DD.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml");
    return d;
}

bool is_type_error(const Diagnostic& d)
{
    return d.code == "Q101";
}

bool is_schema_error(const Diagnostic& d)
{
    return d.code.size() == 4 && d.code.starts_with("Q10") && d.code[3] >= '1' && d.code[3] <= '7';
}

bool left_out_of_model(FileKind kind, std::span<const Diagnostic> file_diagnostics)
{
    return (kind == FileKind::autodiagnostic || kind == FileKind::paa) &&
           std::any_of(file_diagnostics.begin(), file_diagnostics.end(), is_type_error);
}

bool unreadable_by_rules(const Node* root, std::span<const Diagnostic> file_diagnostics)
{
    return root == nullptr || !root->is_mapping() ||
           std::any_of(file_diagnostics.begin(), file_diagnostics.end(), is_type_error);
}

void drop_under_unsupported_tags(std::vector<Diagnostic>& document_diagnostics,
                                 std::span<const Diagnostic> file_diagnostics)
{
    std::vector<Position> tagged;
    for (const Diagnostic& d : file_diagnostics)
        if (d.code == "Q012") tagged.push_back(d.pos);
    if (tagged.empty()) return;
    std::erase_if(document_diagnostics, [&](const Diagnostic& d) {
        return std::find(tagged.begin(), tagged.end(), d.pos) != tagged.end();
    });
}

void FieldsToFill::note(std::string_view file, std::span<const Diagnostic> file_diagnostics)
{
    for (const Diagnostic& d : file_diagnostics)
        if (d.code == "Q016") m_places.emplace(std::string(file), d.pos.line, d.pos.column);
}

void FieldsToFill::drop_from(std::vector<Diagnostic>& rule_diagnostics) const
{
    if (m_places.empty()) return;
    std::erase_if(rule_diagnostics,
                  [&](const Diagnostic& d) { return m_places.contains({d.file, d.pos.line, d.pos.column}); });
}

} // namespace quali::core
