#pragma once
// Loads what the user pointed at (a repository, an organisme folder, files) and runs the
// file-level checks; shared by every command that reads a repository.
#include "commands/command.hpp"
#include "quali/io/repository.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace quali::commands {

struct Workspace {
    std::vector<io::LoadedRoot> roots;
    std::vector<core::Diagnostic> diagnostics;  // file paths as the user can open them
    int files_checked = 0;

    // The text of a line of a file, by its displayed path (for carets).
    std::string_view source_line(const std::string& display_path, int line) const;

    std::map<std::string, const io::SourceFile*> by_display;
};

// paths empty: the repository around the current directory. Throws EnvironmentError when a
// path does not exist or is in no repository.
Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx);

// A path as the user can open it: relative to the current directory when shorter.
std::string display_path(const std::filesystem::path& absolute);

} // namespace quali::commands
