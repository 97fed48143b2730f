// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Shared by the mini-bilan's files (bilan.cpp, bilan_activity.cpp): small helpers and the
// counts of the year's activity. Private to src/core/.
#include "quali/core/bilan.hpp"

#include <algorithm>
#include <cstddef>

namespace quali::core::bilan_detail {

// The position of v in one of the all_… arrays.
template <typename Array, typename Value> std::size_t index_of(const Array& all, Value v)
{
    return static_cast<std::size_t>(std::find(all.begin(), all.end(), v) - all.begin());
}

// from <= d <= to.
inline bool within(Date d, Date from, Date to)
{
    return d >= from && d <= to;
}

void count_approvals(const Model& model, Bilan& b);    // §7, approvals by auditor (their audits: ActivityTally)
void count_quality(const Model& model, Bilan& b, const ValidationCounts& validation); // §8

} // namespace quali::core::bilan_detail
