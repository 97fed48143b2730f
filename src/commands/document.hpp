// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The committee's documents rendered with a template: the repository's own (modeles/NAME) or
// the built-in one; shared by agenda, dossier, notify and bilan, with the lookup of the session
// or organisme a command names.
#include "commands/workspace.hpp"
#include "quali/core/bilan.hpp"
#include "quali/core/instruction.hpp"
#include "quali/render/templates.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace quali::commands {

// The document format that --format names: html, or Markdown for anything else.
render::DocumentFormat document_format(const std::string& format);

// The template of `document` (agenda, dossier, lettre, bilan…) in format f: the repository's own
// (modeles/NAME) or the built-in one (always, without root). EnvironmentError when the
// repository's cannot be used.
struct DocumentTemplate {
    std::string name; // agenda.html.mustache
    std::string text;
    bool own = false; // the repository's
};
DocumentTemplate find_template(const io::Root* root, std::string_view document, render::DocumentFormat f,
                               const Context& ctx);

// Renders with render(template text); a template that cannot be used is an EnvironmentError,
// worded in the user's language.
std::string render_template(const DocumentTemplate& t, const std::function<std::string(std::string_view)>& render,
                            const Context& ctx);

// find_template in the workspace's repository, then render_template.
std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const std::function<std::string(std::string_view)>& render,
                                 const Context& ctx);

// The same for a document whose data is tree (render::render_document).
std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const nlohmann::ordered_json& tree, const Context& ctx);

// A committee document's bytes for --format: the tree as indented JSON (invalid UTF-8, which
// the checks keep out, replaced rather than thrown), else the template rendered in md or html.
std::string document_bytes(const Workspace& ws, std::string_view document, const std::string& format,
                           const nlohmann::ordered_json& tree, const Context& ctx);

// The committee session of comite/seances/SEANCE.yaml that a document is about, in a repository
// (not a lone organisation folder): an EnvironmentError names what is wrong (`command` is the
// command's name, for the message).
struct SessionFile {
    core::Date day;
    const core::Session* session;
};
SessionFile session_of(const Workspace& ws, const std::string& seance, std::string_view command, const Context& ctx);

// The same for a document of a held session (its letters, its procès-verbal): a session without
// decisions is an EnvironmentError saying where to type them.
SessionFile held_session_of(const Workspace& ws, const std::string& seance, std::string_view command,
                            const Context& ctx);

// The instruction sheet's tree of an organisme, with its candidatures' pieces and its visas
// (quali dossier, the site's organisme pages).
nlohmann::ordered_json dossier_document_tree(const Workspace& ws, const core::Organisme& o, core::Date as_of,
                                             const Context& ctx);

// A repository as the committee documents read it: its root, its model, the diagnostics found
// (paths relative to the root) and the files its rules cannot read. quali site makes one per
// organisme while its folder is in hand, then one for the whole repository.
struct RepositoryView {
    const io::Root& root;
    const core::Model& model;
    std::vector<core::Diagnostic> diagnostics;
    const std::vector<std::string>& unreadable;
};

// The workspace's first root as such a view.
RepositoryView repository_view(const Workspace& ws);

// The same from a view.
nlohmann::ordered_json dossier_document_tree(const RepositoryView& repository, const core::Organisme& o,
                                             core::Date as_of, const Context& ctx);

// The agenda's tree of a session, with each dossier's pieces and visa (quali agenda, the site);
// parts: its filed dossiers' parts computed beforehand (core::build_agenda).
nlohmann::ordered_json agenda_document_tree(const Workspace& ws, const core::Session& session, core::Date day,
                                            core::Date as_of, const Context& ctx,
                                            const core::FiledParts* parts = nullptr);
nlohmann::ordered_json agenda_document_tree(const RepositoryView& repository, const core::Session& session,
                                            core::Date day, core::Date as_of, const Context& ctx,
                                            const core::FiledParts* parts = nullptr);
// The agenda itself, whose tree render::agenda_tree lays out (the site's, row by row).
core::Agenda agenda_of(const RepositoryView& repository, const core::Session& session, core::Date day,
                       core::Date as_of, const Context& ctx, const core::FiledParts* parts);

// Per organisme, the errors and warnings quali validate reports (the bilan's data quality).
core::ValidationCounts validation_counts(const Workspace& ws);
core::ValidationCounts validation_counts(const RepositoryView& repository);

// « organisme inconnu : « x » » with the nearest slug, or the repository's slugs.
std::string unknown_organisme_message(const core::Model& model, const std::string& slug, core::Lang lang);

} // namespace quali::commands
