// SPDX-License-Identifier: EUPL-1.2
#pragma once
// zstd frames with their content's checksum: the result cache's packs (result_cache.hpp) and
// what quali site keeps aside while it reads a large repository (its dashboard's deadlines).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace quali::io {

// plain compressed at zstd's level into one frame, appended to out; false when zstd fails.
bool compress(std::string_view plain, std::string& out, int level);

// A frame's content; nullopt when frame is not one whole frame that says its size, that size is
// above largest, or the content fails its checksum.
std::optional<std::string> decompress(std::string_view frame, std::size_t largest);

} // namespace quali::io
