// SPDX-License-Identifier: EUPL-1.2
#include "commands/command.hpp"

#include "quali/core/calendar_date.hpp"

namespace quali::commands {

date::sys_days resolve_as_of(const std::optional<std::string>& as_of, const Context& ctx)
{
    if (!as_of) return ctx.today;
    if (const auto d = core::parse_iso_date(*as_of)) return *d;
    throw EnvironmentError(core::say(ctx.lang, "--as-of : « {} » n'est pas une date AAAA-MM-JJ existante",
                                     "--as-of: \"{}\" is not an existing YYYY-MM-DD date", *as_of));
}

void add_as_of_option(CLI::App& sub, std::optional<std::string>& as_of)
{
    sub.add_option("--as-of", as_of,
                   "Date de référence AAAA-MM-JJ pour les règles datées (défaut : aujourd'hui)");
}

} // namespace quali::commands
