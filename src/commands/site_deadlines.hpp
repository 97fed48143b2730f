// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The dashboard's deadlines while quali site reads the repository (site.hpp). Private to
// src/commands/.
#include "quali/core/deadlines.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quali::commands {

// Every organisme's deadlines that the dashboard lists (late, or due within 90 days), kept
// while the repository is read: each organisme's list as one compressed frame, and to put them
// in order a key of 16 bytes per deadline. At N = 6,000 they are 20,000: as objects, four
// strings each, they were megabytes of small allocations kept to the end (docs/performance.md).
class DeadlineShelf {
  public:
    // An organisme's deadlines (its slug in every one) made ready to keep: from any thread.
    class Item;
    static Item shelve(std::string slug, std::vector<core::Deadline> due);
    // Keeps them (each organisme once). Not thread-safe: quali site puts them under
    // Gathered::mutex.
    void put(Item item);

    // Once every organisme is put: own (the repository's own deadlines, sessions' and
    // auditors': core::deadlines given no organisme's) and the organismes' in core::deadlines's
    // order, each with its status as of as_of. The late ones come first: they are due before it.
    void order(std::vector<core::Deadline> own, core::Date as_of);
    std::size_t size() const { return m_order.size(); }
    std::size_t late() const { return m_late; }
    // The deadlines of order's positions [begin, begin + count), within size().
    std::vector<core::Deadline> rows(std::size_t begin, std::size_t count) const;

  private:
    struct Shelved {
        std::string slug;
        std::string bytes; // io::encode of its deadlines, sorted as core::deadlines does, zstd-compressed
    };
    // A deadline's place: in own (organisme 0) or in an organisme's list (organisme i + 1 for
    // m_organismes[i]), position in that list.
    struct Key {
        core::Date date;
        core::DeadlineType type;
        std::uint32_t organisme;
        std::uint32_t position;
    };
    std::vector<core::Deadline> unshelve(std::size_t organisme) const;

    std::vector<Shelved> m_organismes;
    std::vector<core::Deadline> m_own;
    std::vector<Key> m_order;
    std::size_t m_late = 0;
    core::Date m_as_of{};
};

class DeadlineShelf::Item {
    friend class DeadlineShelf;
    Shelved shelved;
    std::vector<std::pair<core::Date, core::DeadlineType>> keys; // of its deadlines, in order
};

} // namespace quali::commands
