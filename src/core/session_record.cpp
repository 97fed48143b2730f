// SPDX-License-Identifier: EUPL-1.2
// The committee's record of a session (session_record.hpp): who sat, the quorum and the chair
// (also read by rules Q390 and Q392), the decisions with their proposals and next steps.
#include "quali/core/session_record.hpp"

#include <algorithm>
#include <set>

namespace quali::core {

Quorum quorum(const Committee& c, const Session& s, double rule)
{
    std::set<std::string_view> seen;
    for (const Text& p : s.presents)
        if (!p.value.empty()) seen.insert(p.value);
    Quorum q;
    q.sieges_presents = static_cast<int>(seen.size());
    q.sieges = static_cast<int>(c.sieges.size());
    q.regle = rule;
    // DOMAIN.md: « share of seats represented, strictly more than ».
    q.atteint = q.sieges > 0 && static_cast<double>(q.sieges_presents) / q.sieges > rule;
    return q;
}

bool sat_by_suppleant(const Session& s, std::string_view seat)
{
    return std::any_of(s.suppleants.begin(), s.suppleants.end(),
                       [&](const Text& t) { return t.value == seat; });
}

const Seat* chair(const Committee& c, const Session& s)
{
    const auto sat = [&](std::string_view role) -> const Seat* {
        for (const Seat& seat : c.sieges) {
            if (seat.titulaire.role != role || sat_by_suppleant(s, seat.id)) continue;
            if (std::any_of(s.presents.begin(), s.presents.end(),
                            [&](const Text& p) { return p.value == seat.id; }))
                return &seat;
        }
        return nullptr;
    };
    if (const Seat* president = sat("president")) return president;
    return sat("vice-president");
}

const Proposal* proposal_for(const Session& s, std::string_view organisme)
{
    for (const Proposal& p : s.propositions)
        if (p.organisme.value == organisme) return &p;
    return nullptr;
}

namespace {

std::vector<SatSeat> seats_of(const Committee& c, const Session& s)
{
    std::vector<SatSeat> seats;
    for (const Seat& seat : c.sieges) {
        const bool present = std::any_of(s.presents.begin(), s.presents.end(),
                                         [&](const Text& p) { return p.value == seat.id; });
        seats.push_back({&seat, present, present && sat_by_suppleant(s, seat.id)});
    }
    return seats;
}

std::vector<GrantedApproval> approvals_at(const Model& model, Date seance)
{
    std::vector<GrantedApproval> out;
    for (const Auditor& a : model.auditors)
        for (const Approval& g : a.agrements)
            if (g.seance == seance) out.push_back({&a, &g});
    return out;
}

} // namespace

SessionRecord build_session_record(const Model& model, const Session& session, Date seance)
{
    SessionRecord r;
    r.session = &session;
    r.seance = seance;
    if (model.committee) {
        const Committee& c = *model.committee;
        r.composition_connue = true;
        r.sieges = seats_of(c, session);
        std::set<std::string_view> seen;
        for (const Text& p : session.presents)
            if (!p.value.empty() && c.seat(p.value) == nullptr && seen.insert(p.value).second)
                r.inconnus.push_back(p.value);
        r.quorum = quorum(c, session, model.rules.quorum);
        r.presidence = chair(c, session);
    }
    // The record is written the day after the session, as the letters' next steps are computed.
    const Letters letters = build_letters(model, session, seance, add_days(seance, 1));
    for (const Decision& d : session.decisions) {
        RecordedDecision rd{&d, proposal_for(session, d.organisme.value), std::nullopt};
        for (const Letter& l : letters.lettres)
            if (l.decision == &d) rd.suite = l;
        r.decisions.push_back(std::move(rd));
    }
    r.agrements = approvals_at(model, seance);
    return r;
}

} // namespace quali::core
