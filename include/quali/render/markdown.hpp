// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Markdown (CommonMark) output: escaping the values that reports put into text and tables, so
// that an organisme named "A | B" or "<script>" shows as written and never as markup.
#include <string>
#include <string_view>

namespace quali::render {

// Escapes a value for CommonMark inline text, table cells included: a backslash before each of
// \ ` * _ [ ] < > | & ~ #, and before a list or heading marker at the start ("-", "+", "=",
// "1." …); line breaks and tabs become spaces, other control characters are dropped, and the
// value is trimmed.
std::string markdown_escape(std::string_view text);

} // namespace quali::render
