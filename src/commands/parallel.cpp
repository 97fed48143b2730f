// SPDX-License-Identifier: EUPL-1.2
#include "commands/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace quali::commands {

void on_every_core(std::size_t n, const std::function<void(std::size_t)>& step)
{
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_lock;
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                step(i);
            } catch (...) {
                const std::lock_guard lock(failure_lock);
                if (!failure) failure = std::current_exception();
                next = n;
            }
        }
    };
    {
        std::vector<std::jthread> threads;
        const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1U, 16U);
        for (unsigned t = 1; t < cores && t < n; ++t)
            threads.emplace_back(work);
        work();
    }
    if (failure) std::rethrow_exception(failure);
}

} // namespace quali::commands
