// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Running another program (git, ssh-keygen) with an argument vector, never through a shell:
// no quoting to get wrong, no file name read as an option or a command.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::io {

struct ProcessResult {
    int exit_code = 0;   // 128 + N when killed by signal N
    std::string out;     // what it wrote on its standard output
    std::string err;     // and on its standard error
};

// Runs argv[0] (looked up in PATH) with argv, writes input to its standard input and collects
// both outputs. Returns nullopt when the program cannot be started (not installed); throws
// std::system_error when the system refuses pipes or processes.
std::optional<ProcessResult> run_process(const std::vector<std::string>& argv, std::string_view input = {});

// True when a program of that name is found in PATH and is executable.
bool program_in_path(std::string_view name);

} // namespace quali::io
