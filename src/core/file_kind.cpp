// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/file_kind.hpp"

#include "quali/core/calendar_date.hpp"

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

} // namespace quali::core
