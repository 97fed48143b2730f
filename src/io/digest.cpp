// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/digest.hpp"

#include "quali/core/lang.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace quali::io {

namespace {

// An algorithm fetched once for the whole run: OpenSSL 3 fetches EVP_sha256() again at each
// initialisation, under a lock the loading threads then share (thousands of files are hashed
// for the result cache's keys). Never freed: it lives as long as the program.
const EVP_MD* fetched(const char* name, const EVP_MD* legacy)
{
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    return md != nullptr ? md : legacy;
}

const EVP_MD* sha256_md()
{
    static const EVP_MD* const md = fetched("SHA256", EVP_sha256());
    return md;
}

const EVP_MD* sha1_md()
{
    static const EVP_MD* const md = fetched("SHA1", EVP_sha1());
    return md;
}

// A running digest (SHA-256 for the visa's fingerprints, SHA-1 for git's blob ids).
class Hash {
public:
    explicit Hash(const EVP_MD* md = sha256_md()) : m_ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free)
    {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), md, nullptr) != 1)
            throw core::BilingualError("empreinte indisponible (libcrypto)",
                                       "digest unavailable (libcrypto)");
    }

    void update(std::string_view bytes)
    {
        if (EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size()) != 1)
            throw core::BilingualError("échec du calcul d'empreinte (libcrypto)",
                                       "digest computation failed (libcrypto)");
    }

    std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &size) != 1)
            throw core::BilingualError("échec du calcul d'empreinte (libcrypto)",
                                       "digest computation failed (libcrypto)");
        static constexpr char digits[] = "0123456789abcdef";
        std::string out;
        for (unsigned int i = 0; i < size; ++i) {
            out += digits[digest[i] >> 4];
            out += digits[digest[i] & 0x0f];
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx;
};

// Feeds a regular file's bytes to hash, in chunks; false when it cannot be read.
bool hash_file(const std::filesystem::path& path, Hash& hash, bool git_header)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    if (git_header) {
        const auto size = std::filesystem::file_size(path, ec);
        if (ec) return false;
        hash.update(git_blob_header(size));
    }
    std::array<char, 1 << 16> buffer{};
    std::uintmax_t read = 0;
    while (in) {
        in.read(buffer.data(), buffer.size());
        read += static_cast<std::uintmax_t>(in.gcount());
        hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) return false;
    // A file that grew or shrank while read would give a blob id of no real content.
    return !git_header || read == std::filesystem::file_size(path, ec);
}

} // namespace

std::string git_blob_header(std::uintmax_t size)
{
    std::string header = "blob " + std::to_string(size);
    header += '\0';
    return header;
}

std::string sha256_hex(std::string_view bytes)
{
    Hash sha;
    sha.update(bytes);
    return sha.hex();
}

std::optional<std::string> sha256_file(const std::filesystem::path& path)
{
    Hash sha;
    if (!hash_file(path, sha, false)) return std::nullopt;
    return sha.hex();
}

std::string git_blob_hex(std::string_view bytes)
{
    Hash sha1(sha1_md());
    sha1.update(git_blob_header(bytes.size()));
    sha1.update(bytes);
    return sha1.hex();
}

std::optional<std::string> git_blob_file(const std::filesystem::path& path)
{
    Hash sha1(sha1_md());
    if (!hash_file(path, sha1, true)) return std::nullopt;
    return sha1.hex();
}

core::FileDigest digest_in_root(const Root& root)
{
    return [root](const std::string& path) -> std::optional<std::string> {
        if (root.snapshot != nullptr) {
            const Snapshot& s = *root.snapshot;
            if (const auto it = s.yaml.find(path); it != s.yaml.end()) return sha256_hex(it->second);
            if (!s.files.contains(path) || !s.read) return std::nullopt;
            const auto bytes = s.read(path);
            if (!bytes) return std::nullopt;
            return sha256_hex(*bytes);
        }
        if (FolderPaths(root.dir).status(path) != core::PathStatus::file) return std::nullopt;
        return sha256_file(root.dir / path);
    };
}

} // namespace quali::io
