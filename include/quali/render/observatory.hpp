// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The observatory of good practices as page data (core/observatory.hpp). Its main page lists the
// themes and their criteria that have strong points, each linked to the criterion's own page, and
// the alert points most often found; each criterion's page lists its strong points, so that no
// page grows with the whole sector. For the public site the organismes are not named
// (with_names false): a finding is the label's, not an organisme's.
#include "quali/core/model.hpp"
#include "quali/core/observatory.hpp"
#include "quali/render/templates.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace quali::render {

// The page of a criterion in the site: "observatoire/<name>.html".
std::string observatory_criterion_link(std::string_view critere);

// Calls each(begin, end) with every run [begin, end) of consecutive strong points of one criterion.
template <class Each> void for_each_criterion(const core::StrongPoints& all, Each&& each)
{
    for (std::size_t begin = 0, end = 0; begin < all.size(); begin = end) {
        while (end < all.size() && all.critere(end) == all.critere(begin) && all.theme(end) == all.theme(begin))
            ++end;
        each(begin, end);
    }
}

nlohmann::ordered_json observatory_tree(const core::Model& model, const core::Observatory& o, bool with_names);

// One criterion's strong points: [begin, end) of o.themes.points_forts, all of one criterion;
// with lazy, made row by row as the page is written.
nlohmann::ordered_json observatory_criterion_tree(const core::Model& model, const core::Observatory& o,
                                                  std::size_t begin, std::size_t end, bool with_names,
                                                  LazyRows* lazy = nullptr);

} // namespace quali::render
