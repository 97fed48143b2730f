#include "quali/io/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace quali::io {

namespace {

class Sha256 {
public:
    Sha256() : m_ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free)
    {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
            throw std::runtime_error("SHA-256 indisponible (libcrypto)");
    }

    void update(std::string_view bytes)
    {
        if (EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size()) != 1)
            throw std::runtime_error("échec du calcul SHA-256 (libcrypto)");
    }

    std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &size) != 1)
            throw std::runtime_error("échec du calcul SHA-256 (libcrypto)");
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

} // namespace

std::string sha256_hex(std::string_view bytes)
{
    Sha256 sha;
    sha.update(bytes);
    return sha.hex();
}

std::optional<std::string> sha256_file(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    Sha256 sha;
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        sha.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) return std::nullopt;
    return sha.hex();
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
