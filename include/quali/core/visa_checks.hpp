// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The auditor's sign-off (visa) on a candidature, written by quali sign: the SHA-256 and the
// git blob id of the candidature and of each piece as the auditor saw them, optionally signed
// with the auditor's OpenSSH key (DOMAIN.md §5.3). These checks say when a piece changed since
// (Q397), whether the signature is the auditor's (Q398, Q399), whether the right auditor,
// approved that day, signed before the filing (Q400–Q402), and, once the committee has
// decided, whether the signed versions are still in git (Q403–Q405). Reading files, running
// ssh-keygen and git belong to the I/O layer: they come in as callbacks, so the core still
// touches no file.
#include "quali/core/calendar_date.hpp"
#include "quali/core/diagnostic.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
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

// Of the git blob ids asked, those the object database of the repository holds; nullopt when
// the root is in no git repository or git is missing. Asked at most once per run, with every id.
using BlobLookup = std::function<std::optional<std::set<std::string>>(const std::vector<std::string>& ids)>;

// For the git blob ids asked, a commit (full hash) that holds each one, when some commit does.
// Asked at most once, with every id.
using BlobCommits = std::function<std::map<std::string, std::string>(const std::vector<std::string>& ids)>;

// Whether the committee's decisions of the visa's session are recorded (its session file has
// decisions): from then on the living pieces may move on, and the signed versions must stay in
// git. Without session files (a lone organisme folder), a session before as_of counts as held.
bool visa_session_decided(const Model& model, const Visa& visa, Date as_of);

// Checks every visa. The right auditor, approved that day, before the filing: always.
// Until its session's decisions are recorded, the pieces must match (Q397); afterwards each
// recorded blob must be in git (Q404, with one call of blobs for the whole model; Q405 when
// that cannot be known). A visa without blob ids gets a warning while it can still be renewed
// (Q403). The signature is verified in both phases: a visa stays evidence.
std::vector<Diagnostic> check_visas(const Model& model, Date as_of, const FileDigest& digest,
                                    const SignatureVerifier& verify, Lang lang, const BlobLookup& blobs = {});

// The visa's auditor and date against its candidature and the auditor's file (Q400–Q402), as
// check_visas reports them: quali sign refuses to write what validate would report at once.
std::vector<Diagnostic> check_visa_auditor(const Model& model, const Organisme& o, const Visa& visa, Lang lang);

// --- The visa's state, for the papers (quali dossier) ------------------------------------------

enum class VisaSignatureState : std::uint8_t { verified, not_signed, invalid, unverified };
enum class VisaPieceState : std::uint8_t { unchanged, changed, missing };

// The stable codes: verifiee | non-signee | invalide | non-verifiee; inchangee | modifiee | absente.
std::string_view to_string(VisaSignatureState s);
std::string_view to_string(VisaPieceState s);

struct VisaPieceReport {
    std::string chemin;    // relative to the organisme folder
    VisaPieceState etat = VisaPieceState::unchanged;
    std::string git_blob;  // as recorded ("" for an older visa)
    std::string commit;    // a commit holding the signed version of a changed piece, if known
};

struct VisaReport {
    const Visa* visa = nullptr;
    std::optional<Date> date, seance;
    bool decided = false;  // the session's decisions are recorded
    VisaSignatureState signature = VisaSignatureState::not_signed;
    std::vector<VisaPieceReport> pieces;  // the candidature first, then the pieces in order
};

// The state of each visa of an organisme, by file name: signature, and for each piece whether
// it changed since (and, for a changed one, a commit holding the signed version, asked of
// commits once for all).
std::vector<VisaReport> visa_reports(const Model& model, const Organisme& o, Date as_of, const FileDigest& digest,
                                     const SignatureVerifier& verify, const BlobCommits& commits);

} // namespace quali::core
