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
#include <string_view>
#include <system_error>
#include <vector>

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
    bool no_cache = false;
};

// The resolved environment of one run.
struct Context {
    std::ostream& out;
    std::ostream& err;
    core::Lang lang = core::Lang::fr;
    bool out_is_terminal = false;
    bool color = false;
    bool quiet = false;
    bool no_cache = false;  // --no-cache: the result cache is neither read nor written
    date::sys_days today;
};

// Set by a subcommand's parse callback: what main runs once the command line is parsed.
using Runner = std::function<int(const Context&)>;

// Registers one subcommand on app, its help in lang; when chosen, it stores its work in runner.
using AddCommand = void (*)(CLI::App& app, Runner& runner, core::Lang lang);

// The French or the English help text, as is (help may hold braces: no formatting).
inline std::string tr(core::Lang lang, std::string_view fr, std::string_view en)
{
    return std::string(lang == core::Lang::en ? en : fr);
}

// Parses --as-of (AAAA-MM-JJ, a real calendar date) or returns today's date.
date::sys_days resolve_as_of(const std::optional<std::string>& as_of, const Context& ctx);

// The system's reason for an error (ENOENT, EACCES, ENOSPC…) in the user's language: the C
// library words it in English. An unusual one is shown as the system says it.
std::string system_error_text(const std::error_code& ec, core::Lang lang);

// The options several subcommands share, declared once. Each returns its option, whose help a
// command may reword (->description(...)).

// --as-of AAAA-MM-JJ: the reference date of dated rules.
CLI::Option* add_as_of_option(CLI::App& sub, std::optional<std::string>& as_of, core::Lang lang);

// -C,--depot DOSSIER: the repository's root (`names` "-C" where --depot means something else).
CLI::Option* add_repository_option(CLI::App& sub, std::string& depot, core::Lang lang,
                                   const std::string& names = "-C,--depot");

// -o,--output FICHIER: write there, atomically, instead of standard output.
CLI::Option* add_output_option(CLI::App& sub, std::string& output, core::Lang lang);

// --force: replace what already exists.
CLI::Option* add_force_flag(CLI::App& sub, bool& force, core::Lang lang);

// The options of a command that writes a committee document: --format md|html|json, -o, --force
// and -C. Returns --format, whose help a command may reword.
CLI::Option* add_document_options(CLI::App& sub, std::string& format, std::string& output, bool& force,
                                  std::string& depot, core::Lang lang);

// --format FORMAT: one of `formats`, described by `help`.
CLI::Option* add_format_option(CLI::App& sub, std::string& format, std::vector<std::string> formats,
                               const std::string& help);

} // namespace quali::commands
