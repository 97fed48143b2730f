// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Loads what the user pointed at (a repository, an organisme folder, files) and runs the
// file-level checks; shared by every command that reads a repository.
#include "commands/command.hpp"
#include "quali/core/model.hpp"
#include "quali/io/repository.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace quali::commands {

struct Workspace {
    std::vector<io::LoadedRoot> roots;
    std::vector<core::Model> models;            // one per root
    std::vector<std::vector<std::string>> unreadable;  // per root: the YAML files the rules cannot read
    std::vector<std::string> skipped_rules;     // rules that need a repository (lone organisme)
    std::vector<core::Diagnostic> diagnostics;  // file paths as the user can open them
    int files_checked = 0;

    // The text of a line of a file, by its displayed path (for carets); a file whose bytes were
    // released after loading (validate of a large repository) is read again, once.
    std::string_view source_line(const std::string& display_path, int line) const;

    struct Shown {
        const io::Root* root = nullptr;
        const io::SourceFile* file = nullptr;
    };
    std::map<std::string, Shown> by_display;
    mutable std::map<std::string, std::string, std::less<>> read_again;  // display path -> bytes
};

// quali site: an organisme of a repository in hand, whole, as soon as its folder is read and its
// rules have run: the repository's model (its shared files only: rules, framework, committee,
// sessions, auditors), the organisme, its folder's diagnostics (its files', its rules'; paths
// relative to the root) and the files the rules cannot read. It gives what the model keeps of
// the organisme (a digest: core::digest, or less).
using EachOrganisme = std::function<core::Organisme(const core::Model& repository, const core::Organisme& organisme,
                                                    const std::vector<core::Diagnostic>& diagnostics,
                                                    const std::vector<std::string>& unreadable)>;

// What load_workspace does beyond reading and checking the files.
struct LoadOptions {
    bool rules = true;                      // run the label's rules (and the sign-offs' checks)
    std::optional<core::Date> as_of = {};   // the rules' date; today when absent
    // When set, the files and proofs are read from this snapshot (git's index, for validate
    // --staged) instead of the working tree.
    const io::Snapshot* snapshot = nullptr;
    // quali validate: each organisme's rules run as soon as its folder is read, and the
    // repository's model keeps only each organisme's summary (core::summary), and the files'
    // bytes only where a diagnostic points: memory nearly independent of the number of
    // organismes. The model is then for the repository's rules only; the other commands read
    // it whole.
    bool lean_model = false;
    // quali site: called for each organisme of a repository from the loading threads, in no set
    // order, before the model keeps only core::digest of it (what the repository's own pages
    // read). Implies lean_model. What it throws stops the loading and load_workspace throws it.
    EachOrganisme each_organisme = {};
};

// paths empty: the repository around the current directory. Loads every file of each root,
// runs the file-level checks and, with options.rules, the label's rules; keeps the diagnostics
// of the selected paths. Throws EnvironmentError when a path does not exist or is in no
// repository.
Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx, const LoadOptions& options = {});

// The root (repository or lone organisme folder) at or above path. Throws EnvironmentError when
// the path does not exist or is in no repository.
io::Root root_of(const std::string& path, core::Lang lang);

// A path as the user can open it: relative to cwd (by default the current directory) when
// shorter.
std::string display_path(const std::filesystem::path& absolute);
std::string display_path(const std::filesystem::path& absolute, const std::filesystem::path& cwd);

// The current directory; empty when it cannot be known (removed, say).
std::filesystem::path current_dir();

// --- shared by the commands that write documents (agenda, dossier, notify) -------------------

// The diagnostics of the first root with paths relative to that root, as the core names
// files: a report's content must not depend on the current directory.
std::vector<core::Diagnostic> root_relative_diagnostics(const Workspace& ws);

// Writes a document to ctx.out when path is "" or "-", else atomically to path; refuses to
// replace an existing file without force. Throws EnvironmentError (exit 2) on failure.
void write_output(const std::string& path, std::string_view bytes, bool force, const Context& ctx);

// Warns on stderr (unless quiet) that the repository has errors, so that what the command shows
// may be partial: "quali: attention : 2 erreurs dans le dépôt, <what> (voir quali validate)".
void warn_if_repository_has_errors(const Workspace& ws, const Context& ctx, std::string_view what_fr,
                                   std::string_view what_en);

// The repository's own version of a built-in template, <root>/modeles/<name>, if there is one:
// a regular file inside the repository, of at most 1 MiB (none outside a repository). Throws
// EnvironmentError when it exists but cannot be used.
std::optional<std::string> repository_template(const io::Root& root, const std::string& name, const Context& ctx);

} // namespace quali::commands
