// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What every subcommand shares: the options common to all, the environment it runs in, and
// the error type for problems of the environment (exit code 2).
#include "quali/core/lang.hpp"

#include <CLI/CLI.hpp>
#include <date/date.h>

#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>

namespace quali::commands {

// A usage or environment problem (missing path, not a repository, unwritable output): the
// command stops, main prints one line and exits with 2.
class EnvironmentError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Options every subcommand accepts (they may be given before or after its name).
struct GlobalOptions {
    std::string lang;      // "", "fr" or "en"
    bool no_color = false;
    bool quiet = false;
};

// The resolved environment of one run.
struct Context {
    std::ostream& out;
    std::ostream& err;
    core::Lang lang = core::Lang::fr;
    bool out_is_terminal = false;
    bool color = false;
    bool quiet = false;
    date::sys_days today;
};

// Set by a subcommand's parse callback: what main runs once the command line is parsed.
using Runner = std::function<int(const Context&)>;

// Registers one subcommand on app; when chosen, it stores its work in runner.
using AddCommand = void (*)(CLI::App& app, Runner& runner);

// Parses --as-of (AAAA-MM-JJ, a real calendar date) or returns today's date.
date::sys_days resolve_as_of(const std::optional<std::string>& as_of, const Context& ctx);

// Adds the common --as-of option to a subcommand.
void add_as_of_option(CLI::App& sub, std::optional<std::string>& as_of);

} // namespace quali::commands
