// SPDX-License-Identifier: EUPL-1.2
// Numbers as French typesetting writes them (french_numbers.hpp).
#include "french_numbers.hpp"

#include <fmt/format.h>

namespace quali::render::detail {

std::string grouped(long long n)
{
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string decimal_fr(double v)
{
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string percent(int part, int total)
{
    if (total <= 0) return "—";
    return fmt::format("{}\u202f%", (200LL * part + total) / (2LL * total));
}

} // namespace quali::render::detail
