// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What a file of the repository is, from its place in the layout (DOMAIN.md §2).
#include <optional>
#include <string>
#include <string_view>

namespace quali::core {

enum class FileKind : std::uint8_t {
    quali,          // quali.yaml
    referentiel,    // referentiel/cadre-evaluation.yaml
    membres,        // comite/membres.yaml
    seance,         // comite/seances/AAAA-MM-JJ.yaml
    auditeur,       // auditeurs/<id>.yaml
    organisme,      // organismes/<slug>/organisme.yaml
    autodiagnostic, // organismes/<slug>/autodiagnostic.yaml
    audit,          // organismes/<slug>/audits/AAAA-MM-JJ-<type>.yaml
    paa,            // organismes/<slug>/paa.yaml
    concertation,   // organismes/<slug>/concertation.yaml
    candidature,    // organismes/<slug>/candidatures/AAAA-MM-JJ.yaml
    visa,           // organismes/<slug>/candidatures/AAAA-MM-JJ.visa.yaml (quali sign)
};

// The schema's base name, e.g. "organisme" for organisme.schema.json.
std::string_view kind_name(FileKind kind);

// Where a YAML file sits in the layout.
struct Placement {
    FileKind kind;
    std::string organisme;  // slug, for files under organismes/<slug>/
};

// Classifies a path relative to the repository root ('/'-separated); nullopt when the place
// is not part of the layout.
std::optional<Placement> classify_repository_path(std::string_view relative_path);

// Classifies a path relative to a standalone organisme folder.
std::optional<Placement> classify_organisme_path(std::string_view relative_path);

bool is_yaml_name(std::string_view name);

// True for an identifier of the layout (an organisme folder, an auditor, a decision's
// organisme): lowercase unaccented letters, digits and hyphens, not starting with a hyphen.
bool is_slug(std::string_view s);

} // namespace quali::core
