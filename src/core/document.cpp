// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/document.hpp"

#include <algorithm>

namespace quali::core {

const Entry* Node::find_entry(std::string_view key) const
{
    for (const Entry& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

const Node* Node::find(std::string_view key) const
{
    const Entry* e = find_entry(key);
    return e != nullptr ? e->value : nullptr;
}

namespace {

bool all_of_digits(std::string_view s, bool (*ok)(char))
{
    return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}

bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_integer(std::string_view s)
{
    if (s.starts_with("0o")) return all_of_digits(s.substr(2), is_oct);
    if (s.starts_with("0x")) return all_of_digits(s.substr(2), is_hex);
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    return all_of_digits(s, is_dec);
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_float(std::string_view s)
{
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "-.inf" || s == "+.inf" ||
        s == ".nan" || s == ".NaN" || s == ".NAN")
        return true;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t digits = 0;
    while (i < s.size() && is_dec(s[i])) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_dec(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        std::size_t exp = 0;
        while (i < s.size() && is_dec(s[i])) ++i, ++exp;
        if (exp == 0) return false;
    }
    return i == s.size();
}

} // namespace

ScalarType resolve_scalar(const Node& node)
{
    if (node.kind == NodeKind::null) return ScalarType::null;
    if (node.quoted) return ScalarType::string;
    const std::string_view s = node.text;
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::null;
    if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
        return ScalarType::boolean;
    if (is_integer(s)) return ScalarType::integer;
    if (is_float(s)) return ScalarType::floating;
    return ScalarType::string;
}

} // namespace quali::core
