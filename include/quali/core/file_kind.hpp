// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What a file of the repository is, from its place in the layout (DOMAIN.md §2), what is said of
// a file outside it (Q011), and which diagnostics of the file stage silence later ones.
#include "quali/core/diagnostic.hpp"
#include "quali/core/document.hpp"
#include "quali/core/lang.hpp"

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

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

// "organismes/<slug>" for a path inside an organisme folder of a repository, "" otherwise: the
// unit in which a repository is read, modelled and released.
std::string_view organisme_folder_of(std::string_view repository_path);

// A path made relative to an organisme's folder ("audits/2024-05-10-diagnostic.yaml"): without
// the folder's prefix ("organismes/<slug>/") nor any leading "./". folder "" for a lone folder.
std::string path_in_folder(std::string_view folder, std::string_view path);

// A file's name without its folder nor its ".yaml" ("candidatures/2026-06-18.yaml" → "2026-06-18").
std::string file_stem(std::string_view path);

// The YAML file names the layout expects beside a file (a path relative to the root): those of
// an organisme folder, of the root, of comite/ or of referentiel/; none elsewhere.
std::vector<std::string> expected_names(std::string_view path, bool lone_organisme);

// Q011: a YAML file outside the layout is not checked; the warning suggests the expected name
// it probably meant, else lists the known places.
Diagnostic unknown_place(std::string_view path, bool lone_organisme, Lang lang);

// --- One defect, one diagnostic: what the file stage found silences later reports ----------

// A value of the wrong type (Q101).
bool is_type_error(const Diagnostic& d);

// A diagnostic of the file's schema (Q101-Q107): the rules step aside where it is.
bool is_schema_error(const Diagnostic& d);

// The stock rating and the action plan are left out of the model when a value has the wrong
// type (a list written as text): the rules then treat them as unread instead of empty.
bool left_out_of_model(FileKind kind, std::span<const Diagnostic> file_diagnostics);

// A file of the layout that the rules cannot read: no tree (a syntax error, an empty or binary
// file), not a mapping, or a value of the wrong type.
bool unreadable_by_rules(const Node* root, std::span<const Diagnostic> file_diagnostics);

// A value under an unsupported tag is reported once, as Q012: the document checks' diagnostics
// at the same places are dropped.
void drop_under_unsupported_tags(std::vector<Diagnostic>& document_diagnostics,
                                 std::span<const Diagnostic> file_diagnostics);

// The fields left to fill (Q016, « À COMPLÉTER ») of a root's files: reported once, not also by
// a rule that reads the same value (an unknown auditor, an unknown residence).
class FieldsToFill {
public:
    void note(std::string_view file, std::span<const Diagnostic> file_diagnostics);
    void drop_from(std::vector<Diagnostic>& rule_diagnostics) const;

private:
    std::set<std::tuple<std::string, int, int>> m_places;  // file, line, column
};

} // namespace quali::core
