// SPDX-License-Identifier: EUPL-1.2
// Strong points kept compactly (bilan.hpp StrongPoints).
#include "quali/core/bilan.hpp"

#include <initializer_list>
#include <limits>
#include <stdexcept>

namespace quali::core {

StrongPoint StrongPoints::operator[](std::size_t i) const
{
    const Kept& k = m_points.at(i);
    const auto s = [&](std::size_t which) { return std::string(text(i, which)); };
    return {s(organisme_at), k.audit, k.type, s(critere_at), s(critere_titre_at), s(theme_at), s(constat_at),
            s(audit_file_at)};
}

std::string_view StrongPoints::text(std::size_t i, std::size_t which) const
{
    const Kept& k = m_points.at(i);
    return std::string_view(m_texts).substr(k.starts[which], k.starts[which + 1] - k.starts[which]);
}

void StrongPoints::reserve(std::size_t points, std::size_t text_bytes)
{
    m_points.reserve(points);
    m_texts.reserve(text_bytes);
}

void StrongPoints::push_back(const StrongPoint& p)
{
    push_back(p.organisme, p.audit, p.type, p.critere, p.critere_titre, p.theme, p.constat, p.audit_file);
}

void StrongPoints::push_back(std::string_view organisme, std::optional<Date> audit, std::optional<AuditType> type,
                             std::string_view critere, std::string_view critere_titre, std::string_view theme,
                             std::string_view constat, std::string_view audit_file)
{
    const std::initializer_list<std::string_view> all = {organisme, critere, critere_titre, theme, constat, audit_file};
    std::size_t end = m_texts.size();
    for (const std::string_view t : all) end += t.size();
    // Offsets are 32 bits: 4 GiB of findings is not a repository quali reads.
    if (end > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("StrongPoints: texts");
    Kept k{.starts = {}, .audit = audit, .type = type};
    std::size_t i = 0;
    for (const std::string_view t : all) {
        k.starts[i++] = static_cast<std::uint32_t>(m_texts.size());
        m_texts.append(t);
    }
    k.starts[texts] = static_cast<std::uint32_t>(m_texts.size());
    m_points.push_back(k);
}

} // namespace quali::core
