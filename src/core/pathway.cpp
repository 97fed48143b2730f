// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/pathway.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace quali::core {

std::string_view to_string(PathwayState s)
{
    switch (s) {
    case PathwayState::engage:
        return "engage";
    case PathwayState::admissible:
        return "admissible";
    case PathwayState::labellise:
        return "labellise";
    case PathwayState::expire:
        return "expire";
    case PathwayState::retire:
        return "retire";
    case PathwayState::refuse:
        return "refuse";
    }
    return "engage";
}

std::vector<const Session*> planned_sessions(const Model& model, Date as_of)
{
    std::vector<const Session*> out;
    for (const Session& s : model.sessions)
        if (s.date && *s.date >= as_of && (!s.held || *s.date > as_of)) out.push_back(&s);
    std::stable_sort(out.begin(), out.end(),
                     [](const Session* a, const Session* b) { return *a->date < *b->date; });
    return out;
}

const Session* target_session(const std::vector<const Session*>& planned, std::optional<Date> echeance)
{
    if (planned.empty()) return nullptr;
    const Session* best = nullptr;
    if (echeance)
        for (const Session* s : planned)
            if (*s->date <= *echeance) best = s; // planned is sorted: keeps the latest
    return best != nullptr ? best : planned.front();
}

namespace {

// The pending step of a state, with its deadline by the rules (before any derogation) and
// the key that names it across runs.
struct Step {
    std::optional<Request> request;
    std::optional<Date> due;
    std::string key;
};

// Replays an organisme's decisions in session order (the label's pathway as a state machine).
class Replay {
  public:
    Replay(const Rules& rules, const Organisme& o) : m_rules(rules), m_engagement(o.engagement.value)
    {
        m_since = m_engagement;
    }

    // A label whose last day of validity is before `day` has expired by then.
    void expire_before(Date day)
    {
        if (m_state == PathwayState::labellise && day > valid_until()) {
            m_state = PathwayState::expire;
            m_ended = valid_until();
        }
    }

    // An engagement dated after the end of a previous pathway (and by `day`) starts a new one.
    void restart_if_reengaged(Date day)
    {
        const bool ended = m_state == PathwayState::expire || m_state == PathwayState::retire ||
                           m_state == PathwayState::refuse;
        if (!ended || !m_engagement || !m_ended || *m_engagement <= *m_ended || *m_engagement > day) return;
        m_state = PathwayState::engage;
        m_since = m_engagement;
        m_derogation.reset();
        m_refused.reset();
    }

    void apply(const Decision& d, Date session)
    {
        const DecisionKind kind = *d.kind;
        switch (kind) {
        case DecisionKind::admissible:
            m_state = PathwayState::admissible;
            m_since = session;
            break;
        case DecisionKind::labellise:
        case DecisionKind::renouvele:
            m_state = PathwayState::labellise;
            m_since = session;
            m_label = session;
            ++m_cycle;
            m_maintiens = 0;
            break;
        case DecisionKind::maintenu:
            // A maintien only counts on a running label; elsewhere it is an incoherence that
            // `quali validate` reports, and the state stays as it was.
            if (m_state == PathwayState::labellise) {
                ++m_maintiens;
                m_since = session;
            }
            break;
        case DecisionKind::ajourne:
        case DecisionKind::suivi:
            break;
        case DecisionKind::refuse:
            m_refused = pending();
            m_state = PathwayState::refuse;
            m_since = session;
            m_ended = session;
            break;
        case DecisionKind::retire:
            m_state = PathwayState::retire;
            m_since = session;
            m_ended = session;
            break;
        }
        const bool granting = kind == DecisionKind::admissible || kind == DecisionKind::labellise ||
                              kind == DecisionKind::maintenu || kind == DecisionKind::renouvele;
        if (granting || kind == DecisionKind::refuse || kind == DecisionKind::retire) m_derogation.reset();
        if (kind != DecisionKind::retire && d.derogation && d.derogation->echeance.value)
            m_derogation = AppliedDerogation{*d.derogation->echeance.value, d.derogation->objet, session};
    }

    Pathway result(const Model& model, Date as_of) const
    {
        Pathway p;
        p.etat = m_state;
        p.depuis = m_since;
        if (m_state == PathwayState::labellise || m_state == PathwayState::expire)
            p.valide_jusqu_au = valid_until();
        if (m_state == PathwayState::labellise) p.annee_cycle = cycle_year(as_of);

        Step step;
        if (m_state == PathwayState::refuse) {
            if (m_refused) step = {m_refused->request, std::nullopt, m_refused->key};
        } else if (m_state == PathwayState::expire) {
            // Expired, unless the committee gave a renewal deadline that is still running.
            if (m_derogation && m_derogation->echeance >= as_of)
                step = {Request::renouvellement, std::nullopt, fmt::format("renouvellement-{}", m_cycle)};
        } else if (m_state != PathwayState::retire) {
            step = pending();
        }
        if (!step.request) return p;

        p.prochaine_etape = step.request;
        p.cle_etape = step.key;
        p.echeance = step.due;
        if (m_derogation) {
            p.echeance = m_derogation->echeance;
            p.derogation = m_derogation;
        }
        p.en_retard = p.echeance && as_of > *p.echeance;
        const auto planned = planned_sessions(model, as_of);
        if (const Session* s = target_session(planned, p.echeance)) {
            p.seance_visee = s->date;
            p.fenetre_depot =
                filing_window(*s->date, m_rules.fenetre_depot_jours, m_rules.decompte, m_rules.zone_feries);
        }
        return p;
    }

  private:
    Date valid_until() const { return add_days(add_months(*m_label, m_rules.validite_label_mois), -1); }

    // Year 1 from L, year 2 from L + one period, … up to the number of periods in the validity.
    int cycle_year(Date as_of) const
    {
        const int period = std::max(1, m_rules.periodicite_verification_mois);
        const int years = std::max(1, (m_rules.validite_label_mois + period - 1) / period);
        int year = 1;
        while (year < years && add_months(*m_label, period * year) <= as_of)
            ++year;
        return year;
    }

    // The step the current state waits for (engage, admissible or labellise).
    Step pending() const
    {
        switch (m_state) {
        case PathwayState::engage:
            return {Request::admissibilite,
                    m_engagement ? std::optional(add_months(*m_engagement, m_rules.preparation_mois))
                                 : std::nullopt,
                    "admissibilite"};
        case PathwayState::admissible:
            return {Request::labellisation, add_months(*m_since, m_rules.attribution_mois), "labellisation"};
        case PathwayState::labellise: {
            const Date next = add_months(*m_label, m_rules.periodicite_verification_mois * (m_maintiens + 1));
            if (next < valid_until())
                return {Request::maintien, next, fmt::format("maintien-{}.{}", m_cycle, m_maintiens + 1)};
            return {Request::renouvellement, valid_until(), fmt::format("renouvellement-{}", m_cycle)};
        }
        case PathwayState::refuse:
            if (m_refused) return *m_refused;
            return {};
        case PathwayState::expire:
        case PathwayState::retire:
            return {};
        }
        return {};
    }

    const Rules& m_rules;
    std::optional<Date> m_engagement;
    PathwayState m_state = PathwayState::engage;
    std::optional<Date> m_since;
    std::optional<Date> m_label;
    std::optional<Date> m_ended;
    int m_cycle = 0;
    int m_maintiens = 0;
    std::optional<Step> m_refused;
    std::optional<AppliedDerogation> m_derogation;
};

} // namespace

Pathway pathway(const Model& model, const Organisme& organisme, Date as_of)
{
    Replay replay(model.rules, organisme);
    for (const Session& s : model.sessions) {
        if (!s.held || !s.date || *s.date > as_of) continue;
        for (const Decision& d : s.decisions) {
            if (d.organisme.value != organisme.slug || !d.kind) continue;
            replay.expire_before(*s.date);
            replay.restart_if_reengaged(*s.date);
            replay.apply(d, *s.date);
        }
    }
    replay.expire_before(as_of);
    replay.restart_if_reengaged(as_of);
    return replay.result(model, as_of);
}

} // namespace quali::core
