// SPDX-License-Identifier: EUPL-1.2
// The observatory's page data (observatory.hpp): each theme of the framework with its criteria
// that have strong points, each strong point with its finding, audit and (unless public) its
// organisme; then the alert points by criterion, most found first.
#include "quali/render/observatory.hpp"
#include "quali/render/site.hpp"

#include "bilan_data.hpp"
#include "document_data.hpp"

#include "quali/core/vocabulary.hpp"

namespace quali::render {

using namespace detail;

std::string observatory_criterion_link(std::string_view critere)
{
    return "observatoire/" + site_page_name(critere) + ".html";
}

namespace {

J strong_point_j(const core::Model& model, const core::StrongPoint& p, bool with_names)
{
    J j;
    j["organisme"] = with_names ? J(p.organisme) : J(nullptr);
    j["nom"] = with_names ? J(name_of(model, p.organisme)) : J(nullptr);
    j["audit_fichier"] = with_names ? J(p.audit_file) : J(nullptr);
    j["lien"] = with_names ? J("../" + organisme_link(p.organisme)) : J(nullptr); // from observatoire/
    j["audit_date_texte"] = p.audit ? J(core::long_date(*p.audit, core::Lang::fr)) : J(nullptr);
    j["type_texte"] = core::audit_name(core::Lang::fr, p.type);
    j["constat"] = p.constat;
    return j;
}

std::string theme_title(const core::Model& model, const core::StrongPoint& p)
{
    const core::Theme* th = model.framework.theme_of(p.critere);
    return th != nullptr ? th->titre : std::string("Critères hors du cadre");
}

std::string points_text(std::size_t n)
{
    return core::count_of(core::Lang::fr, n, "point fort", "points forts");
}

// The strong points (sorted by theme, then criterion) as themes holding their criteria, each
// criterion with its count and the link to its page.
J themes_j(const core::Model& model, const core::Themes& t)
{
    J themes = J::array();
    std::optional<core::StrongPoint> last; // the last criterion's first point
    for_each_criterion(t.points_forts, [&](std::size_t begin, std::size_t end) {
        core::StrongPoint p = t.points_forts[begin];
        if (!last || last->theme != p.theme)
            themes.push_back(
                J{{"theme", opt_str(p.theme)}, {"titre", theme_title(model, p)}, {"criteres", J::array()}});
        themes.back()["criteres"].push_back(J{{"critere", p.critere},
                                              {"titre", p.critere_titre},
                                              {"nombre_texte", points_text(end - begin)},
                                              {"lien", observatory_criterion_link(p.critere)}});
        last = std::move(p);
    });
    return themes;
}

} // namespace

nlohmann::ordered_json observatory_tree(const core::Model& model, const core::Observatory& o, bool with_names)
{
    const core::Lang fr = core::Lang::fr;
    J root;
    root["document"] = "observatoire";
    root["date_reference"] = core::iso(o.as_of);
    root["date_reference_texte"] = core::long_date(o.as_of, fr);
    root["audits"] = o.themes.audits;
    root["resume"] = fmt::format("{} dans {} jusqu'au {}.",
                                 core::count_of(fr, o.themes.points_forts.size(), "point fort relevé",
                                                "points forts relevés"),
                                 core::count_of(fr, o.themes.audits, "audit", "audits"), core::long_date(o.as_of, fr));
    root["noms"] = with_names;
    root["themes"] = themes_j(model, o.themes);
    J alerts = J::array();
    for (const core::CriterionAlerts& a : o.themes.alertes)
        alerts.push_back(J{{"critere", a.critere},
                           {"titre", a.critere_titre},
                           {"theme", a.theme},
                           {"constats", a.constats},
                           {"organismes", a.organismes},
                           {"texte", fmt::format("{} chez {}",
                                                 core::count_of(fr, a.constats, "constat", "constats"),
                                                 core::count_of(fr, a.organismes, "organisme", "organismes"))}});
    root["alertes"] = alerts;
    return root;
}

J observatory_criterion_tree(const core::Model& model, const core::Observatory& o, std::size_t begin,
                             std::size_t end, bool with_names, LazyRows* lazy)
{
    const core::StrongPoint first = o.themes.points_forts[begin];
    J root;
    root["document"] = "observatoire-critere";
    put_date(root, "date_reference", o.as_of);
    root["theme"] = opt_str(first.theme);
    root["theme_titre"] = theme_title(model, first);
    root["critere"] = first.critere;
    root["titre"] = first.critere_titre;
    root["nombre_texte"] = points_text(end - begin);
    root["noms"] = with_names;
    root["points_forts"] = rows(lazy, end - begin, [&model, &o, begin, with_names](std::size_t i) {
        return strong_point_j(model, o.themes.points_forts[begin + i], with_names);
    });
    return root;
}

} // namespace quali::render
