// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What the auditor's visa checks ask of the machine, in one place: the pieces' digests, the
// OpenSSH verifier, git's object database. validate, dossier and agenda all build them here.
#include "quali/core/candidature_pieces.hpp"
#include "quali/core/lang.hpp"
#include "quali/io/repository.hpp"

namespace quali::io {

// The visa callbacks for a root: digest_in_root, visa_verifier, git_blobs_present and
// git_commits_holding on the root's folder.
core::VisaCallbacks visa_callbacks(const Root& root, core::Lang lang);

} // namespace quali::io
