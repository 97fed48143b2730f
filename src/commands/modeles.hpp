// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What quali init and quali new share: the templates of data/modeles/ (compiled into the
// binary), filled by replacing {{name}} placeholders, and the creation of new files, which
// never overwrites one.
#include "commands/command.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace quali::commands {

// The embedded template of that base name with every {{key}} replaced by its value; a
// placeholder left unfilled is a bug of quali (std::logic_error).
std::string fill_modele(std::string_view name, const std::map<std::string, std::string>& values);

// A text as a YAML double-quoted scalar (also a JSON string): safe whatever it holds.
std::string yaml_quoted(std::string_view text);

// Creates a file with bytes, atomically; refuses (EnvironmentError) when it exists.
void create_file(const std::filesystem::path& path, std::string_view bytes, const Context& ctx);

} // namespace quali::commands
