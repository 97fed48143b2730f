// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/builtin.hpp"

#include "quali/core/embedded.hpp"
#include "quali/core/lang.hpp"
#include "quali/io/yaml_reader.hpp"

#include <stdexcept>

namespace quali::io {

const core::Node& builtin_framework()
{
    static const ParsedYaml parsed = [] {
        const auto text = core::embedded_file("cadre-evaluation-exemple.yaml");
        if (!text)
            throw core::BilingualError("cadre d'évaluation intégré manquant",
                                       "built-in assessment framework missing");
        return parse_yaml(*text, core::Lang::fr);
    }();
    if (parsed.tree->root() == nullptr)
        throw core::BilingualError("cadre d'évaluation intégré illisible",
                                   "built-in assessment framework unreadable");
    return *parsed.tree->root();
}

} // namespace quali::io
