// SPDX-License-Identifier: EUPL-1.2
// Strong points kept compactly (bilan.hpp StrongPoints).
#include "quali/core/bilan.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace quali::core {

StrongPoint StrongPoints::operator[](std::size_t i) const
{
    const Kept& k = m_points.at(i);
    const Label& l = m_labels[k.label];
    const auto s = [&](std::size_t which) { return std::string(text(i, which)); };
    return {s(organisme_at), k.audit, k.type, s(critere_at), l.titre, l.theme, s(constat_at), s(audit_file_at)};
}

std::string_view StrongPoints::text(const Kept& k, std::size_t which) const
{
    return std::string_view(*m_buffers[k.buffer]).substr(k.texts[which].at, k.texts[which].size);
}

void StrongPoints::push_back(const StrongPoint& p)
{
    std::string buffer;
    Texts texts{};
    std::size_t i = 0;
    for (const std::string* t : {&p.organisme, &p.critere, &p.constat, &p.audit_file}) {
        // Offsets are 32 bits: one strong point of 4 GiB is not a file quali reads.
        if (buffer.size() + t->size() > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("StrongPoints: texts");
        texts[i++] = {static_cast<std::uint32_t>(buffer.size()), static_cast<std::uint32_t>(t->size())};
        buffer += *t;
    }
    m_buffers.push_back(std::make_shared<const std::string>(std::move(buffer)));
    push_back(static_cast<std::uint32_t>(m_buffers.size() - 1), texts, p.audit, p.type, p.critere_titre, p.theme);
}

void StrongPoints::push_back(std::uint32_t buffer, const Texts& texts, std::optional<Date> audit,
                             std::optional<AuditType> type, std::string_view critere_titre, std::string_view theme)
{
    if (buffer >= m_buffers.size() || std::any_of(texts.begin(), texts.end(), [&](const TextAt& t) {
            return std::size_t{t.at} + t.size > m_buffers[buffer]->size();
        }))
        throw std::out_of_range("StrongPoints: texts outside their buffer");
    // Points come by criterion: the last label is almost always theirs.
    auto found = std::find_if(m_labels.rbegin(), m_labels.rend(),
                              [&](const Label& l) { return l.titre == critere_titre && l.theme == theme; });
    if (found == m_labels.rend()) {
        m_labels.push_back({std::string(critere_titre), std::string(theme)});
        found = m_labels.rbegin();
    }
    const auto label = static_cast<std::uint32_t>(m_labels.rend() - found - 1);
    if (m_points.size() >= std::numeric_limits<std::uint32_t>::max()) throw std::length_error("StrongPoints: points");
    m_points.push_back({buffer, texts, label, static_cast<std::uint32_t>(m_points.size()), audit, type});
}

void StrongPoints::sort(const std::function<std::size_t(std::string_view theme)>& rank_of_theme)
{
    std::vector<std::size_t> ranks; // by label
    ranks.reserve(m_labels.size());
    for (const Label& l : m_labels)
        ranks.push_back(rank_of_theme(l.theme));
    const auto key = [&](const Kept& k) {
        return std::make_tuple(ranks[k.label], text(k, critere_at), text(k, organisme_at), k.audit, k.added);
    };
    std::sort(m_points.begin(), m_points.end(), [&](const Kept& x, const Kept& y) { return key(x) < key(y); });
}

} // namespace quali::core
