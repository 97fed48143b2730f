// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What the subcommands of quali new share (new.cpp, new_living.cpp): finding the repository
// and the organisme's folder, loading its model, and creating a file from a template while
// telling what is left to fill.
#include "commands/command.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/model.hpp"
#include "quali/io/repository.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quali::commands::authoring {

// The value of a field the user must fill in (« À COMPLÉTER »): quali validate reports it as Q016.
extern const std::string marker;

// The root found from `depot` (the current folder when empty); repository_only refuses a lone
// organisme folder. EnvironmentError when there is none.
io::Root root_of(const std::string& depot, const Context& ctx, bool repository_only);

// Refuses (EnvironmentError) an identifier that is not a slug; `what` names it in the message.
void check_slug(const std::string& slug, std::string_view what, const Context& ctx);

// The organisme's folder, which must already hold organisme.yaml.
std::filesystem::path organisme_folder(const io::Root& root, const std::string& slug, const Context& ctx);

// The model of the root (rules, framework, auditors, organismes), without running the rules.
core::Model model_of_root(const io::Root& root, const Context& ctx);

// The organisme of that slug in the model (the only one for a lone folder), or null.
const core::Organisme* organisme_in(const core::Model& model, const io::Root& root, const std::string& slug);

// Writes the file (never over an existing one) and tells what was created and what is left to
// fill: the fields quali validate reports as Q016, found by the same checks.
void create_and_report(const std::filesystem::path& path, const std::string& text, core::FileKind kind,
                       const Context& ctx);

// The text as a quoted YAML scalar, or the marker when it is empty.
std::string or_marker(const std::string& value);

// The options of quali new's identity and event files (organisme, audit, candidature, seance,
// auditeur).
struct NewOptions {
    std::string depot;
    // organisme
    std::string slug, nom, siren, famille, federation, region, contact, courriel, engagement;
    std::optional<int> logements;
    // audit
    std::string type = "diagnostic-hqs", auditeur, debut, fin;
    std::optional<double> jours;
    // candidature
    std::string seance, decision, date_depot;
    // seance
    std::string date, lieu;
    // auditeur
    std::string cabinet, seance_agrement, cle_publique;
};

// What each of those subcommands runs (new.cpp).
struct NewRuns {
    using Run = int (*)(const NewOptions&, const Context&);
    Run organisme, audit, candidature, seance, auditeur;
};

// Registers quali new organisme, audit, candidature, seance and auditeur on `new` (new_cli.cpp).
void add_new_files(CLI::App& sub, Runner& runner, const NewRuns& runs, core::Lang lang);

// Registers quali new paa, concertation and autodiagnostic on `new` (new_living.cpp).
void add_living_files(CLI::App& sub, Runner& runner, core::Lang lang);

} // namespace quali::commands::authoring
