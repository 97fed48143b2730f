// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Numbers as French typesetting writes them, for the documents. Private to src/render/.
#include <string>

namespace quali::render::detail {

// "18 450": digits grouped by three with a narrow no-break space.
std::string grouped(long long n);

// "12,5", "304": one decimal at most, with a decimal comma.
std::string decimal_fr(double v);

// A share as a whole percentage, rounded half up: "33 %"; "—" when there is no total.
std::string percent(int part, int total);

} // namespace quali::render::detail
