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

namespace {

// The bilan's HTML as it is rendered, each chart marker replaced by its chart (made once, when
// its marker is first met): only what may begin a marker is held.
class ChartMarkers {
  public:
    ChartMarkers(const core::Model& model, const core::Bilan& b, const TextSink& out) : m_model(model), m_b(b), m_out(out) {}

    void operator()(std::string_view piece)
    {
        m_held += piece;
        std::size_t given = 0; // m_held[0, given) is out
        for (std::size_t at = m_held.find(prefix); at != std::string::npos; at = m_held.find(prefix, at + 1)) {
            const std::string_view rest = std::string_view(m_held).substr(at);
            bool maybe = false;
            for (Chart& c : m_charts) {
                if (rest.starts_with(c.marker)) {
                    give(std::string_view(m_held).substr(given, at - given));
                    if (c.svg.empty()) c.svg = bilan_chart(m_model, m_b, c.name);
                    give(c.svg);
                    given = at + c.marker.size();
                    at = given - 1;
                    maybe = false;
                    break;
                }
                maybe = maybe || c.marker.starts_with(rest);
            }
            if (maybe) { // a marker cut by the end of what is rendered so far
                give(std::string_view(m_held).substr(given, at - given));
                m_held.erase(0, at);
                return;
            }
        }
        // Without a marker begun: all but the last few characters, which may begin one.
        const std::size_t kept = std::min(m_held.size() - given, prefix.size() - 1);
        give(std::string_view(m_held).substr(given, m_held.size() - kept - given));
        m_held.erase(0, m_held.size() - kept);
    }

    void finish()
    {
        give(m_held);
        m_held.clear();
    }

  private:
    static constexpr std::string_view prefix = "<!--quali:graphique-";
    struct Chart {
        std::string_view name;
        std::string marker, svg;
    };
    void give(std::string_view text) const
    {
        if (!text.empty()) m_out(text);
    }
    const core::Model& m_model;
    const core::Bilan& m_b;
    const TextSink& m_out;
    std::string m_held;
    std::vector<Chart> m_charts = {{"themes", fmt::format("{}themes-->", prefix), {}},
                                   {"entonnoir", fmt::format("{}entonnoir-->", prefix), {}},
                                   {"seances", fmt::format("{}seances-->", prefix), {}}};
};

} // namespace

void bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& b,
                    DocumentFormat format, const TextSink& out)
{
    LazyRows lazy;
    const nlohmann::ordered_json tree = bilan_tree(model, b, &lazy);
    if (format != DocumentFormat::html) return render_document(template_text, tree, format, &lazy, out);
    // Markers are HTML comments of the template itself: a value of the repository, escaped
    // before the template sees it, can never produce one.
    ChartMarkers charts(model, b, out);
    render_document(template_text, tree, format, &lazy, [&charts](std::string_view piece) { charts(piece); });
    charts.finish();
}

std::string bilan_document(std::string_view template_text, const core::Model& model, const core::Bilan& b,
                           DocumentFormat format)
{
    std::string out;
    bilan_document(template_text, model, b, format, [&out](std::string_view piece) { out += piece; });
    return out;
}

} // namespace quali::render
