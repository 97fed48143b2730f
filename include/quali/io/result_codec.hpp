// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What the loading of one organisme folder gives, as the result cache stores it (io::ResultCache):
// the folder's organisme (whole, or the summary the repository's rules read), the diagnostics of
// its files and of its organisme's rules, the files the rules cannot read; and what the files
// outside the organisme folders give (the repository's model without its organismes); and the
// deadlines quali site keeps aside. Encoded with cereal's binary archive; decoding anything but
// an encoding of this very binary is a miss, never a guess.
#include "quali/core/deadlines.hpp"
#include "quali/core/diagnostic.hpp"
#include "quali/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::io {

// One file of the folder, in the folder's order: its own diagnostics (bytes, YAML, schema,
// values) and whether the loading keeps it (LoadedRoot::files) or takes it out (lean loading).
struct FileResult {
    std::string path;
    bool kept = true;
    std::vector<core::Diagnostic> diagnostics;
    friend bool operator==(const FileResult&, const FileResult&) = default;
};

struct FolderResult {
    std::vector<core::Organisme> organismes;  // none or one
    std::vector<core::Diagnostic> rules;      // its organisme's rules (lean loading)
    std::vector<std::string> unreadable;      // its files the rules cannot read
    std::vector<FileResult> files;
    friend bool operator==(const FolderResult&, const FolderResult&) = default;
};

// What the files outside the organisme folders give: the repository's model without its
// organismes (rules, framework, committee, sessions, auditors), the files the rules cannot
// read, and each file's diagnostics (all kept).
struct SharedResult {
    core::Model model;
    std::vector<std::string> unreadable;
    std::vector<FileResult> files;
    friend bool operator==(const SharedResult&, const SharedResult&) = default;
};

std::string encode(const FolderResult& result);
std::string encode(const SharedResult& result);

// nullopt when bytes are not a whole encoding (cut short, foreign, damaged). A decoded model is
// indexed (core::Model::index).
std::optional<FolderResult> decode_folder_result(std::string_view bytes);
std::optional<SharedResult> decode_shared_result(std::string_view bytes);

// Deadlines, as quali site keeps them aside while it reads the organismes (site.hpp).
std::string encode(const std::vector<core::Deadline>& deadlines);
std::optional<std::vector<core::Deadline>> decode_deadlines(std::string_view bytes);

// What makes this binary what it is, for the cache's keys: its version and the GNU build id the
// linker wrote (a hash of the whole program, schemas and rules included); any rebuild changes it.
const std::string& build_identity();

} // namespace quali::io
