// SPDX-License-Identifier: EUPL-1.2
// What the commands that write share: writing a document (stdout or a file, atomically), a
// repository's own template, and the warning that a repository with errors gives partial results.
#include "commands/workspace.hpp"

#include "quali/io/atomic_write.hpp"

#include <fstream>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

void write_output(const std::string& path, std::string_view bytes, bool force, const Context& ctx)
{
    if (path.empty() || path == "-") {
        ctx.out << bytes;
        return;
    }
    if (const std::error_code ec = io::write_file_atomically(path, bytes, force)) {
        if (ec == std::errc::file_exists)
            throw EnvironmentError(say(ctx.lang, "{} existe déjà : ajoutez --force pour le remplacer",
                                       "{} already exists: add --force to replace it", path));
        throw EnvironmentError(
            say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", path, system_error_text(ec, ctx.lang)));
    }
}

std::optional<std::string> repository_template(const io::Root& repository, const std::string& name,
                                               const Context& ctx)
{
    if (repository.kind != io::RootKind::repository) return std::nullopt;
    const fs::path root = repository.dir;
    const fs::path path = root / "modeles" / name;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(path, ec);
    if (ec || !fs::exists(st)) return std::nullopt;
    const std::string shown = display_path(path);
    // A link is followed only while it stays inside the repository.
    const fs::path real = fs::canonical(path, ec);
    const fs::path real_root = fs::canonical(root, ec);
    if (ec || !fs::is_regular_file(real, ec) ||
        real.lexically_relative(real_root).generic_string().starts_with(".."))
        throw EnvironmentError(say(ctx.lang, "{} : le modèle doit être un fichier ordinaire du dépôt",
                                   "{}: a template must be a regular file of the repository", shown));
    const auto size = fs::file_size(real, ec);
    constexpr std::uintmax_t limit = 1 << 20;
    if (ec || size > limit)
        throw EnvironmentError(say(ctx.lang, "{} : modèle trop grand (plus de 1 Mio)",
                                   "{}: template too large (over 1 MiB)", shown));
    std::ifstream in(real, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
        throw EnvironmentError(say(ctx.lang, "{} : lecture impossible", "{}: cannot read", shown));
    if (text.size() > limit)
        throw EnvironmentError(say(ctx.lang, "{} : modèle trop grand (plus de 1 Mio)",
                                   "{}: template too large (over 1 MiB)", shown));
    return text;
}

void warn_if_repository_has_errors(const Workspace& ws, const Context& ctx, std::string_view what_fr,
                                   std::string_view what_en)
{
    const core::DiagnosticCounts counts = core::count(ws.diagnostics);
    if (counts.errors == 0 || ctx.quiet) return;
    ctx.err << say(ctx.lang, "quali: attention : {} dans le dépôt, {} (voir quali validate)\n",
                   "quali: warning: {} in the repository, {} (see quali validate)\n",
                   core::count_of(ctx.lang, counts.errors, "erreur", "erreurs", "error", "errors"),
                   ctx.lang == core::Lang::fr ? what_fr : what_en);
}

} // namespace quali::commands
