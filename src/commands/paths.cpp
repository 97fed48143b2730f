// SPDX-License-Identifier: EUPL-1.2
// Paths as the user can open them (relative to the current folder) and as a report names them
// (relative to the repository's root).
#include "commands/workspace.hpp"

namespace quali::commands {

namespace fs = std::filesystem;

std::string display_path(const fs::path& absolute, const fs::path& cwd)
{
    if (cwd.empty()) return absolute.generic_string();
    const fs::path rel = absolute.lexically_normal().lexically_relative(cwd);
    if (rel.empty()) return ".";
    const std::string r = rel.generic_string();
    if (r.starts_with("../../../")) return absolute.lexically_normal().generic_string();
    return r;
}

fs::path current_dir()
{
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    return ec ? fs::path() : cwd;
}

std::string display_path(const fs::path& absolute)
{
    return display_path(absolute, current_dir());
}

std::vector<core::Diagnostic> root_relative_diagnostics(const Workspace& ws)
{
    std::vector<core::Diagnostic> out;
    if (ws.roots.empty()) return out;
    const fs::path root = ws.roots.front().root.dir;
    const fs::path cwd = current_dir();
    const auto relative = [&](const std::string& display) {
        if (display.empty()) return display;
        const fs::path p(display);
        const fs::path absolute = (p.is_absolute() ? p : cwd / p).lexically_normal();
        const fs::path rel = absolute.lexically_relative(root);
        return rel.empty() || rel.generic_string().starts_with("..") ? display : rel.generic_string();
    };
    for (core::Diagnostic d : ws.diagnostics) {
        d.file = relative(d.file);
        for (core::Note& n : d.notes)
            n.file = relative(n.file);
        out.push_back(std::move(d));
    }
    core::sort_diagnostics(out);
    return out;
}

} // namespace quali::commands
