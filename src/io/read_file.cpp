// SPDX-License-Identifier: EUPL-1.2
// Reading one file of a root, from disk or from git's index, with every guard (a link leaving
// the root, a file too large, not a regular file), then its byte checks and YAML tree.
#include "loading.hpp"

#include "quali/core/text_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace quali::io {

using core::Diagnostic;
using core::Lang;
using core::say;
using detail::file_error;

namespace {

// Takes one file's bytes from a snapshot, with the guards of read_one.
void read_from_snapshot(SourceFile& f, const Snapshot& snapshot, Lang lang)
{
    if (snapshot.links.contains(f.path)) {
        f.diagnostics.push_back(
            file_error(f.path, "Q010",
                       say(lang, "lien symbolique : il n'est pas lu dans l'index git",
                           "symbolic link: not read from git's index"),
                       say(lang, "copiez le fichier au lieu d'un lien", "copy the file instead of a link")));
        return;
    }
    // Fetched with the others (Snapshot::fetch), or else read alone.
    const auto it = snapshot.yaml.find(f.path);
    std::optional<std::string> alone;
    if (it == snapshot.yaml.end() && snapshot.read) alone = snapshot.read(f.path);
    if (it == snapshot.yaml.end() && !alone) {
        f.diagnostics.push_back(
            file_error(f.path, "Q010",
                       say(lang, "fichier illisible dans l'index git", "file unreadable in git's index")));
        return;
    }
    const std::string& bytes = alone ? *alone : it->second;
    if (bytes.size() > core::max_file_bytes) {
        f.diagnostics.push_back(
            file_error(f.path, "Q007",
                       say(lang, "fichier trop volumineux ({} Mio, au plus {} Mio) : il n'est pas lu",
                           "file too large ({} MiB, at most {} MiB): not read",
                           bytes.size() / (1024 * 1024), core::max_file_bytes / (1024 * 1024))));
        return;
    }
    f.bytes = bytes;
}

} // namespace

bool detail::read_descriptor(int fd, std::size_t expected, std::size_t limit, std::string& out)
{
    out.resize(std::min(expected, limit) + 1);
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) {
            if (out.size() > limit) break;
            out.resize(std::min(out.size() * 2, limit + 1));
        }
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    return true;
}

namespace {

// Reads one file with every guard: not a regular file, a link leaving the root, too large,
// unreadable. One lstat tells the common case (a regular file) with its size.
void read_one(SourceFile& f, const fs::path& full, const fs::path& canonical_root, Lang lang)
{
    struct stat st {};
    bool known = ::lstat(full.c_str(), &st) == 0;
    if (known && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const fs::path target = fs::canonical(full, ec);
        if (ec) {
            f.diagnostics.push_back(file_error(f.path, "Q010",
                                               say(lang, "lien symbolique cassé ou en boucle : {}",
                                                   "broken or looping symbolic link: {}", ec.message())));
            return;
        }
        if (!detail::inside(target, canonical_root)) {
            f.diagnostics.push_back(
                file_error(f.path, "Q010",
                           say(lang, "lien symbolique vers « {} », hors du dépôt : il n'est pas lu",
                               "symbolic link to \"{}\", outside the repository: not read", target.string()),
                           say(lang, "copiez le fichier dans le dépôt au lieu d'un lien",
                               "copy the file into the repository instead of a link")));
            return;
        }
        known = ::stat(full.c_str(), &st) == 0;
    }
    if (!known || !S_ISREG(st.st_mode)) {
        f.diagnostics.push_back(file_error(f.path, "Q010",
                                           say(lang, "ce n'est pas un fichier ordinaire : il n'est pas lu",
                                               "not a regular file: not read")));
        return;
    }
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > core::max_file_bytes) {
        f.diagnostics.push_back(
            file_error(f.path, "Q007",
                       say(lang, "fichier trop volumineux ({} Mio, au plus {} Mio) : il n'est pas lu",
                           "file too large ({} MiB, at most {} MiB): not read", size / (1024 * 1024),
                           core::max_file_bytes / (1024 * 1024)),
                       say(lang, "un fichier de dossier fait quelques kilo-octets : vérifiez son contenu",
                           "a dossier file is a few kilobytes: check what it holds")));
        return;
    }
    const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    const bool read = fd >= 0 && detail::read_descriptor(fd, static_cast<std::size_t>(size), core::max_file_bytes, f.bytes);
    const int error = errno;
    if (fd >= 0) ::close(fd);
    if (!read) {
        f.bytes.clear();
        f.diagnostics.push_back(file_error(
            f.path, "Q010", say(lang, "fichier illisible : {}", "unreadable file: {}", std::strerror(error)),
            say(lang, "vérifiez ses droits d'accès", "check its permissions")));
        return;
    }
    if (f.bytes.size() > core::max_file_bytes) { // grew while we looked
        f.bytes.clear();
        f.diagnostics.push_back(
            file_error(f.path, "Q007", say(lang, "fichier trop volumineux", "file too large")));
    }
}

} // namespace

void detail::read_bytes(SourceFile& f, const Root& root, const fs::path& canonical_root, Lang lang)
{
    if (root.snapshot != nullptr)
        read_from_snapshot(f, *root.snapshot, lang);
    else
        read_one(f, root.dir / f.path, canonical_root, lang);
}

void detail::parse_one(SourceFile& f, Lang lang)
{
    core::TextCheck check = core::check_text(f.bytes, lang);
    for (Diagnostic& d : check.diagnostics) {
        d.file = f.path;
        f.diagnostics.push_back(std::move(d));
    }
    if (!check.parseable) return;
    ParsedYaml parsed = parse_yaml(check.yaml, lang);
    for (Diagnostic& d : parsed.diagnostics) {
        d.file = f.path;
        for (core::Note& n : d.notes)
            if (n.file.empty()) n.file = f.path;
        f.diagnostics.push_back(std::move(d));
    }
    f.tree = std::move(parsed.tree);
    f.root = f.tree->root();
}

std::string read_again(const Root& root, const std::string& path)
{
    SourceFile f;
    f.path = path;
    std::error_code ec;
    const fs::path canonical_root = root.snapshot != nullptr ? fs::path() : fs::canonical(root.dir, ec);
    detail::read_bytes(f, root, canonical_root, Lang::fr);
    return std::move(f.bytes);
}

} // namespace quali::io
