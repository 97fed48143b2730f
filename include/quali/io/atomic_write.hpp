// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Writing a file so that readers see the old content or the new one, never a half: the bytes
// go to a temporary file in the same folder, are flushed to disk, then renamed over the target
// (DOMAIN.md §4: never lose what a person wrote).
#include <filesystem>
#include <string_view>
#include <system_error>

namespace quali::io {

// Writes bytes to path atomically. Without force, an existing path is left untouched and the
// result is std::errc::file_exists (checked again at the last moment, so a file created
// meanwhile is not overwritten either). Returns an empty error_code on success.
std::error_code write_file_atomically(const std::filesystem::path& path, std::string_view bytes, bool force);

} // namespace quali::io
