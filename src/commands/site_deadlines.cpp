// SPDX-License-Identifier: EUPL-1.2
// The dashboard's deadlines kept compressed while quali site reads the repository
// (site_deadlines.hpp).
#include "commands/site_deadlines.hpp"

#include "quali/io/compression.hpp"
#include "quali/io/result_codec.hpp"

#include <algorithm>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace quali::commands {

namespace {

// zstd's fastest levels compress an organisme's few deadlines as well as its slower ones.
constexpr int shelf_level = 1;
constexpr std::size_t largest_list = std::size_t{1} << 30;

} // namespace

DeadlineShelf::Item DeadlineShelf::shelve(std::string slug, std::vector<core::Deadline> due)
{
    std::stable_sort(due.begin(), due.end(), core::deadline_before);
    Item item;
    item.shelved.slug = std::move(slug);
    // zstd fails only when it cannot have its memory.
    if (!io::compress(io::encode(due), item.shelved.bytes, shelf_level)) throw std::bad_alloc();
    item.shelved.bytes.shrink_to_fit();
    for (const core::Deadline& d : due)
        item.keys.emplace_back(d.date, d.type);
    return item;
}

void DeadlineShelf::put(Item item)
{
    m_organismes.push_back(std::move(item.shelved));
    const auto organisme = static_cast<std::uint32_t>(m_organismes.size());
    for (std::size_t i = 0; i < item.keys.size(); ++i)
        m_order.push_back(Key{item.keys[i].first, item.keys[i].second, organisme, static_cast<std::uint32_t>(i)});
}

std::vector<core::Deadline> DeadlineShelf::unshelve(std::size_t organisme) const
{
    const Shelved& s = m_organismes[organisme - 1];
    std::optional<std::vector<core::Deadline>> due;
    if (const auto plain = io::decompress(s.bytes, largest_list)) due = io::decode_deadlines(*plain);
    if (!due) throw std::logic_error("quali site: the deadlines kept of " + s.slug + " cannot be read back");
    return std::move(*due);
}

void DeadlineShelf::order(std::vector<core::Deadline> own, core::Date as_of)
{
    m_as_of = as_of;
    std::stable_sort(own.begin(), own.end(), core::deadline_before);
    m_own = std::move(own);
    for (std::size_t i = 0; i < m_own.size(); ++i)
        m_order.push_back(Key{m_own[i].date, m_own[i].type, 0, static_cast<std::uint32_t>(i)});
    // core::deadlines's order: date, type, organisme, then description, which within one list
    // is its position; the repository's own deadlines are no organisme's ("" comes first).
    const auto organisme = [&](const Key& k) {
        return k.organisme == 0 ? std::string_view(m_own[k.position].organisme)
                                : std::string_view(m_organismes[k.organisme - 1].slug);
    };
    // Two folders with one slug (an error validate reports) are told apart by their deadlines,
    // not by which thread read them first: the same repository gives the same pages.
    const auto list = [&](const Key& k) {
        return k.organisme == 0 ? std::string_view() : std::string_view(m_organismes[k.organisme - 1].bytes);
    };
    std::sort(m_order.begin(), m_order.end(), [&](const Key& a, const Key& b) {
        const auto first = std::make_tuple(a.date, to_string(a.type), organisme(a));
        const auto second = std::make_tuple(b.date, to_string(b.type), organisme(b));
        if (first != second) return first < second;
        if (a.organisme != b.organisme && list(a) != list(b)) return list(a) < list(b);
        return std::tie(a.organisme, a.position) < std::tie(b.organisme, b.position);
    });
    m_late = static_cast<std::size_t>(
        std::partition_point(m_order.begin(), m_order.end(), [&](const Key& k) { return k.date < as_of; }) -
        m_order.begin());
}

std::vector<core::Deadline> DeadlineShelf::rows(std::size_t begin, std::size_t count) const
{
    std::map<std::uint32_t, std::vector<core::Deadline>> lists; // those the rows read, read once
    std::vector<core::Deadline> out;
    const std::size_t end = std::min(m_order.size(), begin + count);
    for (std::size_t i = std::min(begin, end); i < end; ++i) {
        const Key& k = m_order[i];
        if (k.organisme == 0) {
            out.push_back(m_own[k.position]);
        } else {
            auto list = lists.find(k.organisme);
            if (list == lists.end()) list = lists.emplace(k.organisme, unshelve(k.organisme)).first;
            out.push_back(list->second.at(k.position));
        }
        out.back().statut = out.back().date < m_as_of ? core::DeadlineStatus::en_retard : core::DeadlineStatus::a_venir;
    }
    return out;
}

} // namespace quali::commands
