// SPDX-License-Identifier: EUPL-1.2
// The mini-bilan as a document (bilan.hpp): its template rendered with bilan_tree, and in HTML
// its SVG charts set in place of their markers.
#include "quali/render/bilan.hpp"

#include "quali/render/svg.hpp"

#include <fmt/format.h>

namespace quali::render {

using core::Date;

std::string bilan_chart(const core::Model& model, const core::Bilan& b, std::string_view name)
{
    if (name == "themes") {
        std::vector<ThemeBar> bars;
        for (const core::ThemeCount& c : b.themes.par_theme)
            bars.push_back({c.theme + " — " + c.titre, c.points_forts, c.points_alerte});
        return svg_theme_bars(
            bars, fmt::format("Points forts et points d'alerte par thème, audits de {}", b.annee));
    }
    if (name == "entonnoir") {
        return svg_funnel(
            {{"Engagés", b.entonnoir.engages},
             {"Admissibles", b.entonnoir.admissibles},
             {"Labellisés", b.entonnoir.labellises},
             {"Label valide", b.entonnoir.label_valide}},
            fmt::format("Parcours des organismes au {}", core::long_date(b.fin, core::Lang::fr)));
    }
    if (name == "seances") {
        std::vector<TimelineSession> sessions;
        for (const core::SessionLine& s : b.seances)
            sessions.push_back({s.date, s.decisions, true});
        for (Date d : b.seances_prevues)
            sessions.push_back({d, 0, false});
        return svg_timeline(b.annee, sessions,
                            fmt::format("Séances du comité de labellisation en {}", b.annee));
    }
    (void)model;
    return {};
}

std::string bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& b,
                           DocumentFormat format)
{
    LazyRows lazy;
    const nlohmann::ordered_json tree = bilan_tree(model, b, &lazy);
    std::string out = render_document(template_text, tree, format, &lazy);
    if (format != DocumentFormat::html) return out;
    // Markers are HTML comments of the template itself: a value of the repository, escaped
    // before the template sees it, can never produce one.
    for (std::string_view name : {"themes", "entonnoir", "seances"}) {
        const std::string marker = fmt::format("<!--quali:graphique-{}-->", name);
        std::string chart;
        for (std::size_t at = out.find(marker); at != std::string::npos;
             at = out.find(marker, at + chart.size())) {
            if (chart.empty()) chart = bilan_chart(model, b, name);
            out.replace(at, marker.size(), chart);
        }
    }
    return out;
}

} // namespace quali::render
