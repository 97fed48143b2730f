// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The subcommands, as rows of a table (ninja's subtools).
#include "commands/command.hpp"

#include <span>

namespace quali::commands {

void add_validate(CLI::App& app, Runner& runner, core::Lang lang);
void add_explain(CLI::App& app, Runner& runner, core::Lang lang);
void add_feries(CLI::App& app, Runner& runner, core::Lang lang);
void add_status(CLI::App& app, Runner& runner, core::Lang lang);
void add_deadlines(CLI::App& app, Runner& runner, core::Lang lang);
void add_init(CLI::App& app, Runner& runner, core::Lang lang);
void add_new(CLI::App& app, Runner& runner, core::Lang lang);
void add_sign(CLI::App& app, Runner& runner, core::Lang lang);
void add_diff(CLI::App& app, Runner& runner, core::Lang lang);
void add_agenda(CLI::App& app, Runner& runner, core::Lang lang);
void add_dossier(CLI::App& app, Runner& runner, core::Lang lang);
void add_notify(CLI::App& app, Runner& runner, core::Lang lang);
void add_pv(CLI::App& app, Runner& runner, core::Lang lang);
void add_bilan(CLI::App& app, Runner& runner, core::Lang lang);
void add_export(CLI::App& app, Runner& runner, core::Lang lang);
void add_site(CLI::App& app, Runner& runner, core::Lang lang);
void add_cache(CLI::App& app, Runner& runner, core::Lang lang);

inline constexpr AddCommand all_commands[] = {
    add_validate,
    add_explain,
    add_status,
    add_deadlines,
    add_feries,
    add_init,
    add_new,
    add_sign,
    add_diff,
    add_agenda,
    add_dossier,
    add_notify,
    add_pv,
    add_bilan,
    add_export,
    add_site,
    add_cache,
};

} // namespace quali::commands
