#pragma once
// Loads what the user pointed at (a repository, an organisme folder, files) and runs the
// file-level checks; shared by every command that reads a repository.
#include "commands/command.hpp"
#include "quali/core/model.hpp"
#include "quali/io/repository.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace quali::commands {

struct Workspace {
    std::vector<io::LoadedRoot> roots;
    std::vector<core::Model> models;            // one per root
    std::vector<std::string> skipped_rules;     // rules that need a repository (lone organisme)
    std::vector<core::Diagnostic> diagnostics;  // file paths as the user can open them
    int files_checked = 0;

    // The text of a line of a file, by its displayed path (for carets).
    std::string_view source_line(const std::string& display_path, int line) const;

    std::map<std::string, const io::SourceFile*> by_display;
};

// paths empty: the repository around the current directory. Loads every file of each root,
// runs the file-level checks and, with rules, the label's rules as of as_of; keeps the
// diagnostics of the selected paths. Throws EnvironmentError when a path does not exist or is
// in no repository.
Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx, bool rules = true,
                         std::optional<core::Date> as_of = std::nullopt);

// A path as the user can open it: relative to the current directory when shorter.
std::string display_path(const std::filesystem::path& absolute);

} // namespace quali::commands
