// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Work spread over the machine's cores: the organisme folders of a loading, the pages of a site.
#include <cstddef>
#include <functional>

namespace quali::commands {

// Runs step(0..n-1) on up to 16 threads, in any order; the first exception thrown stops the
// others and is thrown here.
void on_every_core(std::size_t n, const std::function<void(std::size_t)>& step);

} // namespace quali::commands
