// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The observatory of good practices as page data (core/observatory.hpp). Its main page lists the
// themes and their criteria that have strong points, each linked to the criterion's own page, and
// the alert points most often found; each criterion's page lists its strong points, so that no
// page grows with the whole sector. For the public site the organismes are not named
// (with_names false): a finding is the label's, not an organisme's.
#include "quali/core/model.hpp"
#include "quali/core/observatory.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace quali::render {

// The page of a criterion in the site: "observatoire/<name>.html".
std::string observatory_criterion_link(std::string_view critere);

// Calls each(points) with every run of consecutive strong points of one criterion.
template <class Each> void for_each_criterion(std::span<const core::StrongPoint> all, Each&& each)
{
    for (std::size_t begin = 0, end = 0; begin < all.size(); begin = end) {
        while (end < all.size() && all[end].critere == all[begin].critere &&
               all[end].theme == all[begin].theme)
            ++end;
        each(all.subspan(begin, end - begin));
    }
}

nlohmann::ordered_json observatory_tree(const core::Model& model, const core::Observatory& o, bool with_names);

// One criterion's strong points (consecutive in o.themes.points_forts, all of one criterion).
nlohmann::ordered_json observatory_criterion_tree(const core::Model& model, const core::Observatory& o,
                                                  std::span<const core::StrongPoint> points, bool with_names);

} // namespace quali::render
