// SPDX-License-Identifier: EUPL-1.2
// The visa checks' callbacks for a root (visa_io.hpp).
#include "quali/io/visa_io.hpp"

#include "quali/io/digest.hpp"
#include "quali/io/git_objects.hpp"
#include "quali/io/ssh_signature.hpp"

namespace quali::io {

core::VisaCallbacks visa_callbacks(const Root& root, core::Lang lang)
{
    core::VisaCallbacks io;
    io.digest = digest_in_root(root);
    io.verify = visa_verifier(lang);
    io.blobs = [dir = root.dir](const std::vector<std::string>& ids) { return git_blobs_present(dir, ids); };
    io.commits = [dir = root.dir](const std::vector<std::string>& ids) {
        return git_commits_holding(dir, ids);
    };
    return io;
}

} // namespace quali::io
