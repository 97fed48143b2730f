// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/bilan.hpp"

#include "bilan_internal.hpp"

#include "quali/core/instruction.hpp"
#include "quali/core/rules.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace quali::core {

using bilan_detail::index_of;
using bilan_detail::within;

namespace {

double median_of(const std::vector<int>& sorted, std::size_t from, std::size_t to)
{
    const std::size_t n = to - from;
    const std::size_t mid = from + n / 2;
    if (n % 2 == 1) return sorted[mid];
    return (static_cast<double>(sorted[mid - 1]) + static_cast<double>(sorted[mid])) / 2.0;
}

bool is_granting(DecisionKind k)
{
    return k == DecisionKind::admissible || k == DecisionKind::labellise || k == DecisionKind::maintenu ||
           k == DecisionKind::renouvele;
}

// A held session's decisions, each with its session's date.
struct HeldDecision {
    Date date;
    const Session* session;
    const Decision* decision;
};

std::vector<HeldDecision> held_decisions(const Model& model, Date from, Date to)
{
    std::vector<HeldDecision> out;
    for (const Session& s : model.sessions) {
        if (!s.held || !s.date || !within(*s.date, from, to)) continue;
        for (const Decision& d : s.decisions)
            if (d.kind) out.push_back({*s.date, &s, &d});  // an unreadable decision is validate's business
    }
    std::stable_sort(out.begin(), out.end(), [](const HeldDecision& a, const HeldDecision& b) { return a.date < b.date; });
    return out;
}

// Each organisme's decisions in held sessions up to the end of the period, by date.
using ByOrganisme = std::map<std::string, std::vector<HeldDecision>, std::less<>>;

ByOrganisme by_organisme(const std::vector<HeldDecision>& all)
{
    ByOrganisme out;
    for (const HeldDecision& h : all)
        out[h.decision->organisme.value].push_back(h);
    return out;
}

const std::vector<HeldDecision>& decisions_of(const ByOrganisme& all, std::string_view slug)
{
    static const std::vector<HeldDecision> none;
    const auto it = all.find(slug);
    return it == all.end() ? none : it->second;
}

Movement movement_of(DecisionKind k)
{
    switch (k) {
    case DecisionKind::admissible:
        return Movement::admissibilite;
    case DecisionKind::labellise:
        return Movement::labellisation;
    case DecisionKind::maintenu:
        return Movement::maintien;
    case DecisionKind::renouvele:
        return Movement::renouvellement;
    default:
        return Movement::retrait;
    }
}

void count_organismes(const Model& model, Bilan& b, const ByOrganisme& history)
{
    for (const Organisme& o : model.organismes) {
        const std::vector<HeldDecision>& mine = decisions_of(history, o.slug);
        const bool engaged_later = o.engagement.value && *o.engagement.value > b.fin;
        if (engaged_later && mine.empty()) {
            ++b.pas_encore_engages;
            continue;
        }
        OrganismeAtEnd at{&o, pathway(model, o, b.fin)};
        ++b.par_etat[index_of(all_states, at.parcours.etat)];
        if (at.parcours.etat == PathwayState::labellise) b.logements_label_valide += o.logements;

        ++b.entonnoir.engages;
        const bool admitted = std::any_of(mine.begin(), mine.end(), [](const HeldDecision& h) {
            return is_granting(*h.decision->kind);
        });
        const bool labelled = std::any_of(mine.begin(), mine.end(), [](const HeldDecision& h) {
            return h.decision->kind == DecisionKind::labellise || h.decision->kind == DecisionKind::renouvele;
        });
        b.entonnoir.admissibles += admitted ? 1 : 0;
        b.entonnoir.labellises += labelled ? 1 : 0;
        b.entonnoir.label_valide += at.parcours.etat == PathwayState::labellise ? 1 : 0;
        b.organismes.push_back(std::move(at));
    }
}

// Movements: engagements dated in the period, granting decisions and withdrawals of its held
// sessions, and labels that stopped being valid in it for want of renewal.
void count_movements(const Model& model, Bilan& b, const ByOrganisme& history,
                     const std::vector<HeldDecision>& period)
{
    const auto add = [&](Date date, Movement m, const std::string& slug) {
        ++b.mouvements[index_of(all_movements, m)];
        b.chronologie.push_back({date, m, slug});
    };
    for (const Organisme& o : model.organismes)
        if (o.engagement.value && within(*o.engagement.value, b.debut, b.fin))
            add(*o.engagement.value, Movement::engagement, o.slug);
    for (const HeldDecision& h : period) {
        if (!h.decision->kind) continue;
        const DecisionKind k = *h.decision->kind;
        if (is_granting(k) || k == DecisionKind::retire) add(h.date, movement_of(k), h.decision->organisme.value);
    }
    // A label granted at L is valid until L + validity - 1 day; it expired in the period when
    // the day after that falls in it and the pathway says "expire" with that very validity.
    for (const Organisme& o : model.organismes) {
        for (const HeldDecision& h : decisions_of(history, o.slug)) {
            if (h.decision->kind != DecisionKind::labellise && h.decision->kind != DecisionKind::renouvele) continue;
            const Date last = add_days(add_months(h.date, model.rules.validite_label_mois), -1);
            const Date ended = add_days(last, 1);
            if (!within(ended, b.debut, b.fin)) continue;
            const Pathway p = pathway(model, o, ended);
            if (p.etat == PathwayState::expire && p.valide_jusqu_au == last) add(ended, Movement::expiration, o.slug);
        }
    }
    std::stable_sort(b.chronologie.begin(), b.chronologie.end(), [](const MovementEvent& x, const MovementEvent& y) {
        return std::tie(x.date, x.type, x.organisme) < std::tie(y.date, y.type, y.organisme);
    });
}

bool examined(const Model& model, const HeldDecision& h)
{
    if (h.decision->kind != DecisionKind::retire) return true;
    // A withdrawal on the committee's own initiative examines no dossier.
    const Organisme* o = model.organisme(h.decision->organisme.value);
    return o != nullptr && o->candidature_for(h.date) != nullptr;
}

void count_committee(const Model& model, Bilan& b, const std::vector<HeldDecision>& period)
{
    std::set<std::pair<Date, std::string>> dossiers;
    for (const Session& s : model.sessions) {
        if (!s.held || !s.date || !within(*s.date, b.debut, b.fin)) continue;
        SessionLine line{&s, *s.date, 0, 0, 0};
        std::set<std::string> seats;
        for (const Text& t : s.presents)
            seats.insert(t.value);
        line.presents = static_cast<int>(seats.size());
        b.seances.push_back(line);
    }
    for (const HeldDecision& h : period) {
        ++b.decisions[index_of(all_decisions, *h.decision->kind)];
        for (SessionLine& line : b.seances)
            if (line.session == h.session) ++line.decisions;
        if (h.decision->derogation) ++b.derogations;
        if (examined(model, h)) dossiers.emplace(h.date, h.decision->organisme.value);
    }
    b.dossiers_examines = static_cast<int>(dossiers.size());
    for (SessionLine& line : b.seances)
        line.dossiers = static_cast<int>(std::count_if(dossiers.begin(), dossiers.end(),
                                                       [&](const auto& p) { return p.first == line.date; }));
    for (const Session* s : planned_sessions(model, b.as_of))
        if (s->date && *s->date > b.fin && *s->date <= date::sys_days{date::year{b.annee} / 12 / 31})
            b.seances_prevues.push_back(*s->date);

    // Filings: every candidature for a session dated in the period.
    for (const Organisme& o : model.organismes) {
        for (const Candidature& c : o.candidatures) {
            if (!c.seance.value || !within(*c.seance.value, b.debut, b.fin)) continue;
            const Date seance = *c.seance.value;
            ++b.depots.deposes;
            switch (filing_status(c.depot.value, seance, filing_window(model.rules, seance))) {
            case FilingStatus::a_l_heure:
                ++b.depots.a_l_heure;
                break;
            case FilingStatus::en_retard:
                ++b.depots.en_retard;
                b.depots.hors_fenetre.push_back({o.slug, seance, c.depot.value, true});
                break;
            case FilingStatus::anticipe:
                ++b.depots.anticipes;
                b.depots.hors_fenetre.push_back({o.slug, seance, c.depot.value, false});
                break;
            case FilingStatus::inconnu:
                ++b.depots.date_inconnue;
                break;
            }
        }
    }
    std::stable_sort(b.depots.hors_fenetre.begin(), b.depots.hors_fenetre.end(),
                     [](const FilingLine& x, const FilingLine& y) {
                         return std::tie(x.seance, x.organisme) < std::tie(y.seance, y.organisme);
                     });
}

void count_durations(const Model& model, Bilan& b, const ByOrganisme& history,
                     const std::vector<HeldDecision>& period)
{
    std::vector<int> eng_adm, adm_lab, eng_lab, dep_dec;
    std::set<std::pair<Date, std::string>> seen;
    for (const HeldDecision& h : period) {
        if (!h.decision->kind) continue;
        const Organisme* o = model.organisme(h.decision->organisme.value);
        if (o == nullptr) continue;
        const DecisionKind k = *h.decision->kind;
        const std::optional<Date> engaged = o->engagement.value;
        if (k == DecisionKind::admissible && engaged && *engaged <= h.date)
            eng_adm.push_back(static_cast<int>((h.date - *engaged).count()));
        if (k == DecisionKind::labellise) {
            if (engaged && *engaged <= h.date) eng_lab.push_back(static_cast<int>((h.date - *engaged).count()));
            std::optional<Date> admitted;
            for (const HeldDecision& e : decisions_of(history, o->slug))
                if (e.date < h.date && e.decision->kind == DecisionKind::admissible) admitted = e.date;
            if (admitted) adm_lab.push_back(static_cast<int>((h.date - *admitted).count()));
        }
        if (!examined(model, h) || !seen.emplace(h.date, o->slug).second) continue;
        const Candidature* c = o->candidature_for(h.date);
        if (c != nullptr && c->depot.value) dep_dec.push_back(static_cast<int>((h.date - *c->depot.value).count()));
    }
    b.durees.engagement_admissibilite = duration_stats(eng_adm);
    b.durees.admissibilite_labellisation = duration_stats(adm_lab);
    b.durees.engagement_labellisation = duration_stats(eng_lab);
    b.durees.depot_decision = duration_stats(dep_dec);
}

} // namespace

DurationStats duration_stats(std::vector<int> days)
{
    DurationStats s;
    s.nombre = static_cast<int>(days.size());
    if (days.empty()) return s;
    std::sort(days.begin(), days.end());
    const std::size_t n = days.size();
    s.min = days.front();
    s.max = days.back();
    s.mediane = median_of(days, 0, n);
    if (n >= 4) {
        s.q1 = median_of(days, 0, n / 2);
        s.q3 = median_of(days, n - n / 2, n);
    }
    return s;
}

int Bilan::count(PathwayState s) const
{
    return par_etat[index_of(all_states, s)];
}

int Bilan::count(Movement m) const
{
    return mouvements[index_of(all_movements, m)];
}

int Bilan::count(DecisionKind k) const
{
    return decisions[index_of(all_decisions, k)];
}

int Bilan::audits_total() const
{
    int n = 0;
    for (const AuditorLine& a : audits_par_auditeur)
        n += a.audits;
    return n;
}

const ThemeCount* Bilan::theme(std::string_view id) const
{
    for (const ThemeCount& t : themes.par_theme)
        if (t.theme == id) return &t;
    return nullptr;
}

int Bilan::decisions_total() const
{
    int n = 0;
    for (int c : decisions)
        n += c;
    return n;
}

Bilan compute_bilan(const Model& model, int annee, Date as_of, const ValidationCounts& validation)
{
    return compute_bilan(model, annee, validation, tally_of(model, as_of));
}

Bilan compute_bilan(const Model& model, int annee, const ValidationCounts& validation, const ActivityTally& activity)
{
    const Date as_of = activity.as_of();
    Bilan b;
    b.annee = annee;
    b.as_of = as_of;
    b.debut = date::sys_days{date::year{annee} / 1 / 1};
    const Date dec31 = date::sys_days{date::year{annee} / 12 / 31};
    b.fin = std::min(dec31, as_of);
    b.complete = b.fin == dec31;

    const std::vector<HeldDecision> all = held_decisions(model, date::sys_days{date::year{1900} / 1 / 1}, b.fin);
    const ByOrganisme history = by_organisme(all);
    std::vector<HeldDecision> period;
    for (const HeldDecision& h : all)
        if (h.date >= b.debut) period.push_back(h);

    count_organismes(model, b, history);
    count_movements(model, b, history, period);
    count_committee(model, b, period);
    count_durations(model, b, history, period);
    b.themes = activity.themes(model.framework, annee);
    b.actions = activity.actions(annee);
    b.concertation = activity.concertation(annee);
    b.audits_par_auditeur = activity.auditors(annee);
    bilan_detail::count_approvals(model, b);
    bilan_detail::count_quality(model, b, validation);
    return b;
}

} // namespace quali::core
