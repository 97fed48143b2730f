// SPDX-License-Identifier: EUPL-1.2
#pragma once
// SHA-256 fingerprints and git blob ids of files, for the auditor's sign-off (quali sign,
// checks Q397, Q404), computed by OpenSSL's libcrypto: no home-made cryptography, no git.
#include "quali/core/visa_checks.hpp"
#include "quali/io/repository.hpp"

#include <cstdint>
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

// git's object header of a blob of size bytes: "blob <size>\0".
std::string git_blob_header(std::uintmax_t size);

// The git blob id of bytes, as git hash-object computes it without filters: the SHA-1 of
// "blob <size>\0" followed by the bytes, 40 lowercase hexadecimal digits.
std::string git_blob_hex(std::string_view bytes);

// The git blob id of a regular file's content (as git hash-object --no-filters); nullopt when
// it is missing, not a regular file, unreadable or changed while read.
std::optional<std::string> git_blob_file(const std::filesystem::path& path);

// The SHA-256 of the root's files by relative path, as the sign-off checks ask for them: from
// the root's snapshot when it has one (git's index), else from disk, refusing any path that
// leaves the root through a symbolic link.
core::FileDigest digest_in_root(const Root& root);

} // namespace quali::io
