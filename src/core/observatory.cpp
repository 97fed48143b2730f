// SPDX-License-Identifier: EUPL-1.2
// The observatory of good practices: the audits' evaluations over the whole history, as
// ActivityTally counts them (activity.cpp).
#include "quali/core/observatory.hpp"

namespace quali::core {

Observatory build_observatory(const Model& model, Date as_of)
{
    return build_observatory(model.framework, tally_of(model, as_of));
}

Observatory build_observatory(const Framework& framework, const ActivityTally& activity)
{
    return {activity.as_of(), activity.themes(framework, std::nullopt)};
}

} // namespace quali::core
