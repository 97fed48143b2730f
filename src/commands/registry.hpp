#pragma once
// The subcommands, as rows of a table (ninja's subtools).
#include "commands/command.hpp"

#include <span>

namespace quali::commands {

void add_validate(CLI::App& app, Runner& runner);
void add_explain(CLI::App& app, Runner& runner);
void add_feries(CLI::App& app, Runner& runner);
void add_status(CLI::App& app, Runner& runner);
void add_deadlines(CLI::App& app, Runner& runner);

inline constexpr AddCommand all_commands[] = {
    add_validate,
    add_explain,
    add_status,
    add_deadlines,
    add_feries,
};

} // namespace quali::commands
