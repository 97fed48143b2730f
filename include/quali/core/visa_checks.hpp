#pragma once
// The auditor's sign-off (visa) on a candidature, written by quali sign: the SHA-256 of the
// candidature and of each piece as the auditor saw them, optionally signed with the auditor's
// OpenSSH key. These checks say when a piece changed since (Q397) and whether the signature is
// the auditor's (Q398, Q399). Reading files and running ssh-keygen belong to the I/O layer:
// they come in as callbacks, so the core still touches no file.
#include "quali/core/calendar_date.hpp"
#include "quali/core/diagnostic.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// The OpenSSH signature namespace of visas (ssh-keygen -Y sign -n …): a signature made for
// anything else (a git commit, an e-mail) is never accepted as a visa.
inline constexpr std::string_view visa_namespace = "quali-visa";

// The SHA-256 of a file in lowercase hex, by its path relative to the root ('/'-separated);
// nullopt when the file is missing or cannot be read.
using FileDigest = std::function<std::optional<std::string>(const std::string& path)>;

enum class SignatureVerdict : std::uint8_t {
    valid,        // made by the key of that principal over that message
    invalid,      // anything else: another key, another message, a damaged block
    unavailable,  // no verifier on this machine (openssh-client missing)
};

struct SignatureCheck {
    SignatureVerdict verdict = SignatureVerdict::unavailable;
    std::string detail;  // the verifier's own words, for the message
};

// Verifies an armoured OpenSSH signature of message by the public key given for principal.
using SignatureVerifier = std::function<SignatureCheck(const std::string& principal, const std::string& public_key,
                                                       const std::string& signature, const std::string& message)>;

// The text an auditor signs: the format version, the organisme, then each field of the record
// one per line, pieces in the record's order, values as written.
std::string canonical_visa_text(std::string_view slug, const Visa& visa);

// The path, relative to the root, of a file an organisme cites (relative to its folder).
std::string path_in_root(const Organisme& o, std::string_view path);

// Checks every visa whose session is on or after as_of: once the committee has met, the
// dossier it saw is in git's history and its pieces move on to the next candidature.
std::vector<Diagnostic> check_visas(const Model& model, Date as_of, const FileDigest& digest,
                                    const SignatureVerifier& verify, Lang lang);

} // namespace quali::core
