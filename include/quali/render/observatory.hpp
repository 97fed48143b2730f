// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The observatory of good practices as its page's data (core/observatory.hpp): strong points
// grouped by theme and criterion, the alert points most often found. For the public site the
// organismes are not named (with_names false): a finding is the label's, not an organisme's.
#include "quali/core/model.hpp"
#include "quali/core/observatory.hpp"

#include <nlohmann/json.hpp>

namespace quali::render {

nlohmann::ordered_json observatory_tree(const core::Model& model, const core::Observatory& o, bool with_names);

} // namespace quali::render
