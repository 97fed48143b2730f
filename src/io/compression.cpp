// SPDX-License-Identifier: EUPL-1.2
// zstd frames with their content's checksum (compression.hpp).
#include "quali/io/compression.hpp"

#include <zstd.h>

#include <memory>

namespace quali::io {

bool compress(std::string_view plain, std::string& out, int level)
{
    const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    if (!context || ZSTD_isError(ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, level)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1)))
        return false;
    const std::size_t start = out.size();
    out.resize(start + ZSTD_compressBound(plain.size()));
    const std::size_t size =
        ZSTD_compress2(context.get(), out.data() + start, out.size() - start, plain.data(), plain.size());
    if (ZSTD_isError(size) != 0U) {
        out.resize(start);
        return false;
    }
    out.resize(start + size);
    return true;
}

std::optional<std::string> decompress(std::string_view frame, std::size_t largest)
{
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > largest) return std::nullopt;
    std::string out(static_cast<std::size_t>(size), '\0');
    const std::size_t got = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
    if (ZSTD_isError(got) != 0U || got != out.size()) return std::nullopt;
    return out;
}

} // namespace quali::io
