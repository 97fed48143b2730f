// SPDX-License-Identifier: EUPL-1.2
// The organismes' own files counted one organisme at a time (bilan.hpp ActivityTally): the
// audits' evaluations by theme and criterion and their auditors, the PAA actions due, the
// concertation events, by year and over the whole history — the bilan's §5–§7 and the
// observatory of good practices.
#include "bilan_internal.hpp"

#include "quali/core/predicates.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <set>
#include <tuple>

namespace quali::core {

using bilan_detail::index_of;
using bilan_detail::within;

namespace {

int year_of(Date d)
{
    return static_cast<int>(date::year_month_day{d}.year());
}

// 1 January 1900: dates before the calendar engine's range (DOMAIN §5.4) cannot be read.
const Date first_day = Date{date::year{1900} / date::January / 1};

// The last day a year is read to: 31 December, or as_of when earlier.
Date end_of(int year, Date as_of)
{
    return std::min(Date{date::year{year} / date::December / 31}, as_of);
}

// True when theme a is weaker than b: more alert points, then a higher share of alert points
// among the evaluated results, then the framework's order (the caller's stable sort).
bool weaker(const ThemeCount& a, const ThemeCount& b)
{
    if (a.points_alerte != b.points_alerte) return a.points_alerte > b.points_alerte;
    // a.alerts / a.evaluated > b.alerts / b.evaluated, without division.
    return static_cast<long long>(a.points_alerte) * b.evalues() >
           static_cast<long long>(b.points_alerte) * a.evalues();
}

void count(ThemeCount& c, Evaluation e)
{
    switch (e) {
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
}

} // namespace

ActivityTally::ActivityTally(Date as_of) : m_as_of(as_of) {}

void ActivityTally::add(const Framework& framework, const Organisme& o)
{
    add_audits(framework, o);
    add_actions(o);
    add_concertation(o);
}

void ActivityTally::add_audits(const Framework& framework, const Organisme& o)
{
    // The criteria this organisme was alerted on, per period: an organisme counts once each.
    std::map<Evaluations*, std::set<std::string, std::less<>>> alerted;
    // Its strong points' texts, one after the other (m_texts): its slug and each audit's file once.
    std::string texts;
    const auto place = [&texts](std::string_view text) {
        // Offsets are 32 bits: 4 GiB of one organisme's findings is not a folder quali reads.
        if (texts.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("ActivityTally: texts");
        const StrongPoints::TextAt at{static_cast<std::uint32_t>(texts.size()), static_cast<std::uint32_t>(text.size())};
        texts.append(text);
        return at;
    };
    const auto buffer = static_cast<std::uint32_t>(m_texts.size());
    std::optional<StrongPoints::TextAt> slug;
    for (const Audit& a : o.audits) {
        const std::optional<Date> when = a.date();
        if (!when || *when > m_as_of) continue;
        add_auditor(year_of(*when), a);
        std::optional<StrongPoints::TextAt> file;
        std::vector<Evaluations*> periods{&m_years[year_of(*when)]};
        if (*when >= first_day) periods.push_back(&m_history);
        for (Evaluations* e : periods) ++e->audits;
        for (const Result& r : a.resultats) {
            if (!r.evaluation) continue;
            const Theme* th = framework.theme_of(r.critere.value);
            const std::string theme = th != nullptr ? th->id : std::string();
            for (Evaluations* e : periods) {
                count(e->by_theme[theme], *r.evaluation);
                if (*r.evaluation == Evaluation::point_d_alerte) {
                    ++e->alerts[r.critere.value].constats;
                    alerted[e].insert(r.critere.value);
                }
            }
            // Once for every period (themes() picks a period's); the titles are the framework's.
            if (*r.evaluation == Evaluation::point_fort) {
                if (!slug) slug = place(o.slug);
                if (!file) file = place(a.file);
                m_points.push_back({buffer, {*slug, place(r.critere.value), place(r.constat), *file}, *when, a.type});
            }
        }
    }
    for (const auto& [e, criteria] : alerted)
        for (const std::string& c : criteria) ++e->alerts[c].organismes;
    if (!texts.empty()) m_texts.push_back(std::make_shared<const std::string>(std::move(texts)));
}

void ActivityTally::add_auditor(int year, const Audit& a)
{
    AuditorCount& count = m_auditors[year][a.auditeur.value];
    AuditorLine& l = count.line;
    l.auditeur = a.auditeur.value;
    ++l.audits;
    if (a.type == AuditType::diagnostic) ++l.diagnostics;
    if (a.is_verification()) ++l.verifications; // a mise-en-oeuvre audit checks the PAA too
    if (a.type == AuditType::renouvellement) ++l.renouvellements;
    if (a.jours) count.jours.push_back(*a.jours);
}

std::vector<AuditorLine> ActivityTally::auditors(int year) const
{
    std::vector<AuditorLine> out;
    const auto found = m_auditors.find(year);
    if (found == m_auditors.end()) return out;
    for (const auto& [id, count] : found->second) {
        AuditorLine& line = out.emplace_back(count.line);
        std::vector<double> jours = count.jours;
        std::sort(jours.begin(), jours.end());
        for (const double j : jours)
            line.jours += j;
    }
    return out;
}

std::string_view ActivityTally::text(const KeptPoint& kept, std::size_t which) const
{
    return std::string_view(*m_texts[kept.buffer]).substr(kept.texts[which].at, kept.texts[which].size);
}

void ActivityTally::add_actions(const Organisme& o)
{
    // realisee counts as done in time (the model records no date of completion); an open
    // action (prevue, en-cours, or unreadable state) is late when its deadline is before the
    // period's last day, else still open.
    if (!o.paa) return;
    for (const Action& act : o.paa->actions) {
        if (!act.echeance.value) continue;
        const Date due = *act.echeance.value;
        const int year = year_of(due);
        ActionsDue& a = m_actions[year];
        ++a.dues;
        if (act.etat == ActionState::realisee) {
            ++a.realisees;
        } else if (!is_open(act)) { // abandonnee
            ++a.abandonnees;
        } else if (due < end_of(year, m_as_of)) {
            ++a.en_retard;
            a.liste_en_retard.push_back({o.slug, act.id.value, act.titre, due, act.etat});
        } else {
            ++a.ouvertes;
        }
    }
}

void ActivityTally::add_concertation(const Organisme& o)
{
    if (!o.concertation) return;
    std::set<int> years;
    for (const Event& e : o.concertation->evenements) {
        if (!e.date.value || *e.date.value > m_as_of || !e.etape) continue;
        const int year = year_of(*e.date.value);
        ConcertationCount& c = m_concertation[year];
        if (c.par_etape.empty())
            for (Step s : all_steps) c.par_etape.push_back({s});
        StepEvents& s = c.par_etape[index_of(all_steps, *e.etape)];
        if (e.nature == Nature::association)
            ++s.association;
        else
            ++s.information; // information, or a nature that could not be read
        ++c.evenements;
        if (years.insert(year).second) ++c.organismes;
    }
}

Themes ActivityTally::themes(const Framework& framework, std::optional<int> year) const
{
    static const Evaluations none;
    const auto found = year ? m_years.find(*year) : m_years.end();
    const Evaluations& e = !year ? m_history : found != m_years.end() ? found->second : none;
    Themes t;
    t.audits = e.audits;
    const auto counted = [&](const std::string& theme) {
        const auto it = e.by_theme.find(theme);
        return it != e.by_theme.end() ? it->second : ThemeCount{};
    };
    for (const Theme& th : framework.themes) {
        ThemeCount c = counted(th.id);
        c.theme = th.id;
        c.titre = th.titre;
        t.par_theme.push_back(c);
    }
    t.hors_cadre = counted("");
    const auto theme_index = [&](std::string_view id) {
        for (std::size_t i = 0; i < t.par_theme.size(); ++i)
            if (t.par_theme[i].theme == id) return i;
        return t.par_theme.size();
    };
    // A theme listed twice in the framework counts once, at its first place.
    for (std::size_t i = 0; i < t.par_theme.size(); ++i)
        if (theme_index(t.par_theme[i].theme) != i) t.par_theme[i] = {t.par_theme[i].theme, t.par_theme[i].titre};

    std::vector<const ThemeCount*> ranked;
    for (const ThemeCount& c : t.par_theme)
        if (c.points_alerte > 0) ranked.push_back(&c);
    std::stable_sort(ranked.begin(), ranked.end(), [](const ThemeCount* x, const ThemeCount* y) { return weaker(*x, *y); });
    for (std::size_t i = 0; i < ranked.size() && i < 3; ++i)
        t.faibles.push_back(ranked[i]->theme);

    // Strong points by theme (framework order, unknown criteria last), criterion, organisme, date.
    const auto of_period = [&](const KeptPoint& p) { return year ? year_of(p.audit) == *year : p.audit >= first_day; };
    t.points_forts = StrongPoints(m_texts); // the texts shared, not copied
    t.points_forts.reserve(static_cast<std::size_t>(std::count_if(m_points.begin(), m_points.end(), of_period)));
    for (const KeptPoint& kept : m_points) {
        if (!of_period(kept)) continue;
        const std::string_view critere = text(kept, kept_critere);
        const Criterion* cr = framework.criterion(critere);
        const Theme* th = framework.theme_of(critere);
        t.points_forts.push_back(kept.buffer, kept.texts, kept.audit, kept.type,
                                 cr != nullptr ? std::string_view(cr->titre) : std::string_view(),
                                 th != nullptr ? std::string_view(th->id) : std::string_view());
    }
    t.points_forts.sort(
        [&](std::string_view theme) { return theme.empty() ? t.par_theme.size() : theme_index(theme); });
    // Alert points by criterion, most found first: occurrences, then organismes, then id.
    for (const auto& [id, counted_alerts] : e.alerts) {
        CriterionAlerts c = counted_alerts;
        const Criterion* cr = framework.criterion(id);
        const Theme* th = framework.theme_of(id);
        c.critere = id;
        c.critere_titre = cr != nullptr ? cr->titre : "";
        c.theme = th != nullptr ? th->id : "";
        t.alertes.push_back(c);
    }
    std::stable_sort(t.alertes.begin(), t.alertes.end(), [](const CriterionAlerts& x, const CriterionAlerts& y) {
        return std::tie(y.constats, y.organismes, x.critere) < std::tie(x.constats, x.organismes, y.critere);
    });
    return t;
}

ActionsDue ActivityTally::actions(int year) const
{
    const auto it = m_actions.find(year);
    if (it == m_actions.end()) return {};
    ActionsDue a = it->second;
    std::stable_sort(
        a.liste_en_retard.begin(), a.liste_en_retard.end(), [](const LateAction& x, const LateAction& y) {
            return std::tie(x.echeance, x.organisme, x.action) < std::tie(y.echeance, y.organisme, y.action);
        });
    return a;
}

ConcertationCount ActivityTally::concertation(int year) const
{
    const auto it = m_concertation.find(year);
    if (it != m_concertation.end()) return it->second;
    ConcertationCount c;
    for (Step s : all_steps) c.par_etape.push_back({s});
    return c;
}

ActivityTally tally_of(const Model& model, Date as_of)
{
    ActivityTally t(as_of);
    for (const Organisme& o : model.organismes) t.add(model.framework, o);
    return t;
}

} // namespace quali::core
