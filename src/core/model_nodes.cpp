// SPDX-License-Identifier: EUPL-1.2
// Typed values read out of quali's tree for the model (model_nodes.hpp).
#include "model_nodes.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace quali::core::model_nodes {

std::string str(const Node* n)
{
    return n != nullptr && n->is_scalar() ? n->text : std::string();
}

Text text(const Node* n)
{
    if (n == nullptr) return {};
    return {str(n), n->pos};
}

std::optional<int> integer(const Node* n)
{
    if (n == nullptr || !n->is_scalar() || resolve_scalar(*n) != ScalarType::integer) return std::nullopt;
    int v = 0;
    const std::string& s = n->text;
    const char* begin = s.data() + (s.starts_with('+') ? 1 : 0);
    const auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> number(const Node* n)
{
    if (n == nullptr || !n->is_scalar()) return std::nullopt;
    const ScalarType t = resolve_scalar(*n);
    if (t != ScalarType::integer && t != ScalarType::floating) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(n->text.c_str(), &end);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

bool boolean(const Node* n)
{
    return n != nullptr && n->is_scalar() && resolve_scalar(*n) == ScalarType::boolean &&
           (n->text[0] == 't' || n->text[0] == 'T');
}

DateAt date_at(const Node* n)
{
    if (n == nullptr) return {};
    return {parse_iso_date(str(n)), n->pos};
}

std::vector<Text> texts(const Node* seq)
{
    std::vector<Text> out;
    each(seq, [&](const Node& n) {
        if (n.is_scalar()) out.push_back({n.text, n.pos});
    });
    return out;
}

std::vector<std::string> strings(const Node* seq)
{
    std::vector<std::string> out;
    each(seq, [&](const Node& n) {
        if (n.is_scalar()) out.push_back(n.text);
    });
    return out;
}

std::string stem(const std::string& path)
{
    std::string name = path.substr(path.rfind('/') + 1);
    return name.substr(0, name.size() - 5);
}

std::optional<Date> date_prefix(const std::string& path)
{
    const std::string s = stem(path);
    return s.size() >= 10 ? parse_iso_date(std::string_view(s).substr(0, 10)) : std::nullopt;
}

} // namespace quali::core::model_nodes
