// SPDX-License-Identifier: EUPL-1.2
// Strong points kept compactly (bilan.hpp StrongPoints).
#include "quali/core/bilan.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace quali::core {

StrongPoint StrongPoints::operator[](std::size_t i) const
{
    const Kept& k = m_points.at(i);
    const Label& l = m_labels[k.label];
    const auto s = [&](std::size_t which) { return std::string(text(i, which)); };
    return {s(organisme_at), k.audit, k.type, s(critere_at), l.titre, l.theme, s(constat_at), s(audit_file_at)};
}

std::string_view StrongPoints::text(std::size_t i, std::size_t which) const
{
    const Kept& k = m_points.at(i);
    return std::string_view(*m_buffers[k.buffer]).substr(k.starts[which], k.starts[which + 1] - k.starts[which]);
}

void StrongPoints::push_back(const StrongPoint& p)
{
    std::string texts;
    std::array<std::uint32_t, 5> starts{};
    std::size_t i = 0;
    for (const std::string* t : {&p.organisme, &p.critere, &p.constat, &p.audit_file}) {
        starts[i++] = static_cast<std::uint32_t>(texts.size());
        texts += *t;
    }
    // Offsets are 32 bits: one strong point of 4 GiB is not a file quali reads.
    if (texts.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("StrongPoints: texts");
    starts[i] = static_cast<std::uint32_t>(texts.size());
    m_buffers.push_back(std::make_shared<const std::string>(std::move(texts)));
    push_back(static_cast<std::uint32_t>(m_buffers.size() - 1), starts, p.audit, p.type, p.critere_titre, p.theme);
}

void StrongPoints::push_back(std::uint32_t buffer, const std::array<std::uint32_t, 5>& starts,
                             std::optional<Date> audit, std::optional<AuditType> type, std::string_view critere_titre,
                             std::string_view theme)
{
    if (buffer >= m_buffers.size() || !std::is_sorted(starts.begin(), starts.end()) ||
        starts.back() > m_buffers[buffer]->size())
        throw std::out_of_range("StrongPoints: texts outside their buffer");
    // Points come by criterion: the last label is almost always theirs.
    auto found = std::find_if(m_labels.rbegin(), m_labels.rend(),
                              [&](const Label& l) { return l.titre == critere_titre && l.theme == theme; });
    if (found == m_labels.rend()) {
        m_labels.push_back({std::string(critere_titre), std::string(theme)});
        found = m_labels.rbegin();
    }
    const auto label = static_cast<std::uint32_t>(m_labels.rend() - found - 1);
    m_points.push_back({buffer, starts, label, audit, type});
}

} // namespace quali::core
