// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The observatory of good practices (seed: « un observatoire des bonnes pratiques »): every
// strong point the audits found, by theme and criterion, with its finding, its organisme and
// its audit; and the alert points most often found, by criterion. Over the whole history up to
// a date: the same counting as the bilan's §5 for a year (ActivityTally::themes).
#include "quali/core/bilan.hpp"

namespace quali::core {

struct Observatory {
    Date as_of;
    Themes themes; // every audit dated on or before as_of
};

Observatory build_observatory(const Model& model, Date as_of);

// The same from the organismes counted beforehand (quali site counts them as it reads them).
Observatory build_observatory(const Framework& framework, const ActivityTally& activity);

} // namespace quali::core
