// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/builtin.hpp"

#include "quali/core/embedded.hpp"
#include "quali/io/yaml_reader.hpp"

#include <stdexcept>

namespace quali::io {

const core::Node& builtin_framework()
{
    static const ParsedYaml parsed = [] {
        const auto text = core::embedded_file("cadre-evaluation-exemple.yaml");
        if (!text) throw std::logic_error("cadre d'évaluation intégré manquant");
        return parse_yaml(*text, core::Lang::fr);
    }();
    if (parsed.tree->root() == nullptr) throw std::logic_error("cadre d'évaluation intégré illisible");
    return *parsed.tree->root();
}

} // namespace quali::io
