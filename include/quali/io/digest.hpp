#pragma once
// SHA-256 fingerprints of files, for the auditor's sign-off (quali sign, check Q397), computed
// by OpenSSL's libcrypto: no home-made cryptography.
#include "quali/core/visa_checks.hpp"
#include "quali/io/repository.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quali::io {

// The SHA-256 of bytes, as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

// The SHA-256 of a regular file's content, read in chunks (proof PDFs may be large); nullopt
// when it is missing, not a regular file or unreadable.
std::optional<std::string> sha256_file(const std::filesystem::path& path);

// The SHA-256 of the root's files by relative path, as the sign-off checks ask for them: from
// the root's snapshot when it has one (git's index), else from disk, refusing any path that
// leaves the root through a symbolic link.
core::FileDigest digest_in_root(const Root& root);

} // namespace quali::io
