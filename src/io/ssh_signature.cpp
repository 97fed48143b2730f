// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/ssh_signature.hpp"

#include "quali/io/process.hpp"

#include <cstdlib>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace quali::io {

namespace fs = std::filesystem;
using core::say;

namespace {

// A private temporary folder for the files ssh-keygen -Y verify reads, removed at the end.
class TempFolder {
public:
    TempFolder()
    {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = (fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / "quali-visa-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::system_error(errno, std::generic_category(), "mkdtemp");
        m_path = pattern;
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void write_text(const fs::path& path, std::string_view text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::system_error(errno, std::generic_category(), path.string());
}

// The first line of what ssh-keygen said, for a one-line message.
std::string first_line(const std::string& text)
{
    std::string line = text.substr(0, text.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

} // namespace

SshSignature ssh_sign(const fs::path& key_path, std::string_view name_space, std::string_view message, core::Lang lang)
{
    const auto r = run_process({"ssh-keygen", "-q", "-Y", "sign", "-f", key_path.string(), "-n", std::string(name_space)},
                               message);
    if (!r)
        return {{}, say(lang, "ssh-keygen introuvable : installez le paquet openssh-client",
                        "ssh-keygen not found: install the openssh-client package")};
    if (r->exit_code != 0 || !r->out.starts_with("-----BEGIN SSH SIGNATURE-----"))
        return {{}, say(lang, "ssh-keygen n'a pas pu signer avec {} : {}", "ssh-keygen could not sign with {}: {}",
                        key_path.string(), first_line(r->err.empty() ? r->out : r->err))};
    return {r->out, {}};
}

core::SignatureCheck ssh_verify(const std::string& principal, const std::string& public_key,
                                const std::string& signature, const std::string& message,
                                std::string_view name_space, core::Lang lang)
{
    if (!program_in_path("ssh-keygen"))
        return {core::SignatureVerdict::unavailable,
                say(lang, "ssh-keygen est introuvable (paquet openssh-client absent)",
                    "ssh-keygen is not found (openssh-client package missing)")};
    if (public_key.find('\n') != std::string::npos || principal.find_first_of(" \t\n,") != std::string::npos)
        return {core::SignatureVerdict::invalid, say(lang, "clé publique ou identifiant mal formé", "malformed public key or identifier")};
    const TempFolder tmp;
    const fs::path allowed = tmp.path() / "allowed_signers";
    const fs::path sig = tmp.path() / "visa.sig";
    write_text(allowed, principal + " " + public_key + "\n");
    write_text(sig, signature.ends_with('\n') ? signature : signature + "\n");
    const auto r = run_process({"ssh-keygen", "-Y", "verify", "-f", allowed.string(), "-I", principal, "-n",
                                std::string(name_space), "-s", sig.string()},
                               message);
    if (!r)
        return {core::SignatureVerdict::unavailable,
                say(lang, "ssh-keygen est introuvable (paquet openssh-client absent)",
                    "ssh-keygen is not found (openssh-client package missing)")};
    if (r->exit_code == 0) return {core::SignatureVerdict::valid, {}};
    return {core::SignatureVerdict::invalid, first_line(r->err.empty() ? r->out : r->err)};
}

core::SignatureVerifier visa_verifier(core::Lang lang)
{
    return [lang](const std::string& principal, const std::string& public_key, const std::string& signature,
                  const std::string& message) {
        return ssh_verify(principal, public_key, signature, message, core::visa_namespace, lang);
    };
}

} // namespace quali::io
