// SPDX-License-Identifier: EUPL-1.2
// quali cache clear [-C DEPOT] | quali cache dossier [-C DEPOT]: the result cache of a
// repository (commands/folder_cache.hpp), emptied or located. The cache never needs clearing to
// be right — every entry is keyed by what it depends on —, only to give its room back.
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/io/result_cache.hpp"

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace quali::commands {

namespace {

using core::say;

// The cache folder of the repository at or above depot.
std::filesystem::path cache_of(const std::string& depot, const Context& ctx)
{
    std::filesystem::path folder = io::cache_folder(root_of(depot.empty() ? std::string(".") : depot, ctx.lang).dir);
    if (folder.empty())
        throw EnvironmentError(say(ctx.lang, "aucun emplacement de cache : ni dossier .git, ni XDG_CACHE_HOME, ni HOME",
                                   "no place for a cache: no .git folder, no XDG_CACHE_HOME, no HOME"));
    return folder;
}

int run_clear(const std::string& depot, const Context& ctx)
{
    const std::filesystem::path folder = cache_of(depot, ctx);
    std::error_code ec;
    const bool existed = std::filesystem::is_directory(folder, ec);
    if (const std::error_code failed = io::clear_cache(folder))
        throw EnvironmentError(say(ctx.lang, "impossible de vider le cache {} : {}", "cannot clear the cache {}: {}",
                                   folder.string(), system_error_text(failed, ctx.lang)));
    if (!ctx.quiet)
        ctx.out << (existed ? say(ctx.lang, "cache vidé : {}\n", "cache cleared: {}\n", folder.string())
                            : say(ctx.lang, "aucun cache pour ce dépôt ({})\n", "no cache for this repository ({})\n",
                                  folder.string()));
    return 0;
}

} // namespace

void add_cache(CLI::App& app, Runner& runner, core::Lang lang)
{
    CLI::App* sub = app.add_subcommand(
        "cache", tr(lang, "Le cache des résultats du dépôt : le vider, le situer",
                    "The repository's result cache: clear it, locate it"));
    sub->require_subcommand(1);
    sub->footer(tr(lang,
                   "Le cache n'est jamais périmé : chaque résultat y est rangé sous tout ce dont il dépend. "
                   "L'option globale --no-cache l'ignore le temps d'une commande.\n",
                   "The cache is never stale: each result is stored under everything it depends on. The global "
                   "option --no-cache bypasses it for one command.\n"));
    auto depot = std::make_shared<std::string>();
    CLI::App* clear = sub->add_subcommand(
        "clear", tr(lang, "Vider le cache du dépôt (les fichiers du dépôt ne changent pas)",
                    "Empty the repository's cache (the repository's files do not change)"));
    add_repository_option(*clear, *depot, lang);
    clear->callback([depot, &runner] { runner = [depot](const Context& ctx) { return run_clear(*depot, ctx); }; });
    CLI::App* where = sub->add_subcommand(
        "dossier", tr(lang, "Afficher le dossier du cache du dépôt", "Print the folder of the repository's cache"));
    add_repository_option(*where, *depot, lang);
    where->callback([depot, &runner] {
        runner = [depot](const Context& ctx) {
            ctx.out << cache_of(*depot, ctx).string() << '\n';
            return 0;
        };
    });
}

} // namespace quali::commands
