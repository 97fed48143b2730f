// SPDX-License-Identifier: EUPL-1.2
// The evaluations of audits by theme and criterion over a period (bilan.hpp count_themes): the
// bilan's §5 for a year, and the observatory of good practices over the whole history.
#include "quali/core/observatory.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

namespace quali::core {

namespace {

// True when theme a is weaker than b: more alert points, then a higher share of alert points
// among the evaluated results, then the framework's order (the caller's stable sort).
bool weaker(const ThemeCount& a, const ThemeCount& b)
{
    if (a.points_alerte != b.points_alerte) return a.points_alerte > b.points_alerte;
    // a.alerts / a.evaluated > b.alerts / b.evaluated, without division.
    return static_cast<long long>(a.points_alerte) * b.evalues() >
           static_cast<long long>(b.points_alerte) * a.evalues();
}

} // namespace

Themes count_themes(const Model& model, Date debut, Date fin)
{
    Themes t;
    for (const Theme& th : model.framework.themes)
        t.par_theme.push_back({th.id, th.titre});
    std::map<std::string, CriterionAlerts, std::less<>> alerts;
    std::map<std::string, std::set<std::string>, std::less<>> seen; // organismes per criterion
    const auto theme_index = [&](std::string_view id) {
        for (std::size_t i = 0; i < t.par_theme.size(); ++i)
            if (t.par_theme[i].theme == id) return i;
        return t.par_theme.size();
    };
    for (const Organisme& o : model.organismes) {
        for (const Audit& a : o.audits) {
            const std::optional<Date> when = a.date();
            if (!when || *when < debut || *when > fin) continue;
            ++t.audits;
            for (const Result& r : a.resultats) {
                if (!r.evaluation) continue;
                const Theme* th = model.framework.theme_of(r.critere.value);
                const std::size_t i = th != nullptr ? theme_index(th->id) : t.par_theme.size();
                ThemeCount& c = i < t.par_theme.size() ? t.par_theme[i] : t.hors_cadre;
                switch (*r.evaluation) {
                case Evaluation::point_fort:
                    ++c.points_forts;
                    break;
                case Evaluation::conforme:
                    ++c.conformes;
                    break;
                case Evaluation::point_d_alerte:
                    ++c.points_alerte;
                    break;
                case Evaluation::non_evalue:
                    ++c.non_evalues;
                    break;
                }
                if (*r.evaluation == Evaluation::point_d_alerte) {
                    ++alerts[r.critere.value].constats;
                    seen[r.critere.value].insert(o.slug);
                }
                if (*r.evaluation != Evaluation::point_fort) continue;
                const Criterion* cr = model.framework.criterion(r.critere.value);
                t.points_forts.push_back({o.slug, when, a.type, r.critere.value, cr != nullptr ? cr->titre : "",
                                          th != nullptr ? th->id : "", r.constat, a.file});
            }
        }
    }
    std::vector<const ThemeCount*> ranked;
    for (const ThemeCount& c : t.par_theme)
        if (c.points_alerte > 0) ranked.push_back(&c);
    std::stable_sort(ranked.begin(), ranked.end(), [](const ThemeCount* x, const ThemeCount* y) { return weaker(*x, *y); });
    for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
        t.faibles.push_back(ranked[i]->theme);

    // Strong points by theme (framework order, unknown criteria last), criterion, organisme, date.
    const auto key = [&](const StrongPoint& p) {
        return std::make_tuple(p.theme.empty() ? t.par_theme.size() : theme_index(p.theme), p.critere, p.organisme,
                               p.audit.value_or(Date{}));
    };
    std::stable_sort(t.points_forts.begin(), t.points_forts.end(),
                     [&](const StrongPoint& x, const StrongPoint& y) { return key(x) < key(y); });
    // Alert points by criterion, most found first: occurrences, then organismes, then id.
    for (auto& [id, c] : alerts) {
        const Criterion* cr = model.framework.criterion(id);
        const Theme* th = model.framework.theme_of(id);
        c.critere = id;
        c.critere_titre = cr != nullptr ? cr->titre : "";
        c.theme = th != nullptr ? th->id : "";
        c.organismes = static_cast<int>(seen[id].size());
        t.alertes.push_back(c);
    }
    std::stable_sort(t.alertes.begin(), t.alertes.end(), [](const CriterionAlerts& x, const CriterionAlerts& y) {
        return std::tie(y.constats, y.organismes, x.critere) < std::tie(x.constats, x.organismes, y.critere);
    });
    return t;
}

Observatory build_observatory(const Model& model, Date as_of)
{
    // Dates before the calendar engine's range (DOMAIN §5.4) cannot be read: from its first day.
    return {as_of, count_themes(model, Date{date::year{1900} / date::January / 1}, as_of)};
}

} // namespace quali::core
