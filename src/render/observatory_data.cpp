// SPDX-License-Identifier: EUPL-1.2
// The observatory's page data (observatory.hpp): each theme of the framework with its criteria
// that have strong points, each strong point with its finding, audit and (unless public) its
// organisme; then the alert points by criterion, most found first.
#include "quali/render/observatory.hpp"
#include "quali/render/site.hpp"

#include "bilan_data.hpp"

#include "quali/core/vocabulary.hpp"

namespace quali::render {

namespace {

using namespace detail;

J strong_point_j(const core::Model& model, const core::StrongPoint& p, bool with_names)
{
    J j;
    j["organisme"] = with_names ? J(p.organisme) : J(nullptr);
    j["nom"] = with_names ? J(name_of(model, p.organisme)) : J(nullptr);
    j["audit_fichier"] = with_names ? J(p.audit_file) : J(nullptr);
    j["lien"] = with_names ? J(organisme_link(p.organisme)) : J(nullptr); // from the site's root
    j["audit_date_texte"] = p.audit ? J(core::long_date(*p.audit, core::Lang::fr)) : J(nullptr);
    j["type_texte"] = core::audit_name(core::Lang::fr, p.type);
    j["constat"] = p.constat;
    return j;
}

// The strong points (sorted by theme, then criterion) as themes holding criteria.
J themes_j(const core::Model& model, const core::Themes& t, bool with_names)
{
    J themes = J::array();
    for (const core::StrongPoint& p : t.points_forts) {
        if (themes.empty() || themes.back()["theme"] != p.theme) {
            const core::Theme* th = model.framework.theme_of(p.critere);
            themes.push_back(J{{"theme", p.theme.empty() ? J(nullptr) : J(p.theme)},
                               {"titre", th != nullptr ? th->titre : std::string("Critères hors du cadre")},
                               {"criteres", J::array()}});
        }
        J& criteria = themes.back()["criteres"];
        if (criteria.empty() || criteria.back()["critere"] != p.critere)
            criteria.push_back(J{{"critere", p.critere}, {"titre", p.critere_titre}, {"points_forts", J::array()}});
        criteria.back()["points_forts"].push_back(strong_point_j(model, p, with_names));
    }
    for (J& th : themes)
        for (J& c : th["criteres"])
            c["nombre_texte"] = core::count_of(core::Lang::fr, c["points_forts"].size(), "point fort", "points forts");
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
    root["themes"] = themes_j(model, o.themes, with_names);
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

} // namespace quali::render
