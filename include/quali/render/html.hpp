// SPDX-License-Identifier: EUPL-1.2
#pragma once
// HTML output: escaping every value that reports put into a page, text or attribute alike.
#include <string>
#include <string_view>

namespace quali::render {

// Escapes & < > " ' as character references, and drops control characters other than tab and
// line feed (never allowed in an HTML document); the result is safe in text and in quoted
// attribute values.
std::string html_escape(std::string_view text);

} // namespace quali::render
