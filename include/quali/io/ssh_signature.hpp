// SPDX-License-Identifier: EUPL-1.2
#pragma once
// OpenSSH signatures for the auditor's sign-off, made and checked by the real ssh-keygen
// (-Y sign, -Y verify), run with argument vectors; quali itself does no cryptography.
#include "quali/core/lang.hpp"
#include "quali/core/visa_checks.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace quali::io {

struct SshSignature {
    std::string armoured;  // "-----BEGIN SSH SIGNATURE-----…", empty on failure
    std::string error;     // why it failed, in the user's language
};

// Signs message with the key at key_path (a private key, or a public key whose private half
// is in ssh-agent) in the given namespace. ssh-keygen asks for a passphrase on the terminal.
SshSignature ssh_sign(const std::filesystem::path& key_path, std::string_view name_space, std::string_view message,
                      core::Lang lang);

// Verifies that signature is principal's signature of message in the namespace, with
// public_key (one OpenSSH public key line) as the only allowed signer.
core::SignatureCheck ssh_verify(const std::string& principal, const std::string& public_key,
                                const std::string& signature, const std::string& message,
                                std::string_view name_space, core::Lang lang);

// ssh_verify in the visa namespace, as the sign-off checks call it.
core::SignatureVerifier visa_verifier(core::Lang lang);

} // namespace quali::io
