// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The mini-bilan's outputs: the JSON of every figure (quali bilan --format json), the data tree
// its templates see (data/modeles/bilan.{md,html}.mustache, docs/bilan.md §9), and the document
// itself with the SVG charts set in place.
#include "quali/core/bilan.hpp"
#include "quali/core/model.hpp"
#include "quali/render/templates.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace quali::render {

// Every figure, under stable keys (docs/bilan.md).
nlohmann::ordered_json bilan_json(const core::Model& model, const core::Bilan& bilan);

// The template's data: the JSON's figures, reshaped as lists of rows with their French labels,
// dates in words and percentages; its long lists (organismes, chronology, strong points, late
// actions) made row by row while rendering when lazy is given.
nlohmann::ordered_json bilan_tree(const core::Model& model, const core::Bilan& bilan,
                                  LazyRows* lazy = nullptr);

// The HTML charts of the bilan, by the name of the marker that the template holds
// (<!--quali:graphique-themes-->, …-entonnoir-->, …-seances-->).
std::string bilan_chart(const core::Model& model, const core::Bilan& bilan, std::string_view name);

// Renders a bilan template (built-in or the repository's own) and, in HTML, replaces each chart
// marker by its SVG. Throws TemplateError when the template is unusable.
std::string bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& bilan,
                           DocumentFormat format);
// The same, given to out piece by piece as it is rendered (a bilan of the sector is megabytes).
void bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& bilan,
                    DocumentFormat format, const TextSink& out);

} // namespace quali::render
