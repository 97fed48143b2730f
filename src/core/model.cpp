// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/model.hpp"

#include <algorithm>
#include <array>

namespace quali::core {

void Flaws::add(const std::string& file, Position item)
{
    at.insert({file, {item.line, item.column}});
}

bool Flaws::in_file(const std::string& file) const
{
    const auto it = at.lower_bound({file, {0, 0}});
    return it != at.end() && it->first == file;
}

bool Flaws::of_file(const std::string& file) const
{
    return at.contains({file, {0, 0}});
}

bool Flaws::of_item(const std::string& file, Position item) const
{
    return at.contains({file, {item.line, item.column}});
}

int Rules::minimum_audit_days(int logements) const
{
    for (const CalibrationRow& row : calibrage_audit)
        if (!row.logements_max || logements <= *row.logements_max) return row.jours;
    return calibrage_audit.empty() ? 0 : calibrage_audit.back().jours;
}

std::array<RequiredPieces, 4> Rules::default_required_pieces()
{
    // DOMAIN.md §5.1: the pieces each requested decision needs, judged at the filing date.
    using enum Step;
    return {{
        {AuditType::diagnostic, true, true, {engagement, diagnostic, paa, candidature}},
        {AuditType::verification, true, true, {verification, candidature}},
        {AuditType::verification, true, true, {verification, candidature}},
        {AuditType::renouvellement, true, true, {renouvellement, paa, candidature}},
    }};
}

const RequiredPieces& Rules::pieces_for(Request r) const
{
    return pieces_requises[static_cast<std::size_t>(r)];
}

const Criterion* Framework::criterion(std::string_view id) const
{
    for (const Theme& t : themes)
        for (const Criterion& c : t.criteres)
            if (c.id == id) return &c;
    return nullptr;
}

const Theme* Framework::theme_of(std::string_view criterion_id) const
{
    for (const Theme& t : themes)
        for (const Criterion& c : t.criteres)
            if (c.id == criterion_id) return &t;
    return nullptr;
}

const Seat* Committee::seat(std::string_view id) const
{
    for (const Seat& s : sieges)
        if (s.id == id) return &s;
    return nullptr;
}

bool Auditor::approved_between(Date from, Date to) const
{
    if (statut != AuditorStatus::actif) return false;
    return std::any_of(agrements.begin(), agrements.end(), [&](const Approval& a) {
        return a.debut.value && a.fin.value && *a.debut.value <= from && to <= *a.fin.value;
    });
}

const Residence* SelfDiagnosis::residence(std::string_view id) const
{
    for (const Residence& r : residences)
        if (r.id == id) return &r;
    return nullptr;
}

std::optional<Date> Audit::date() const
{
    if (debut.value) return debut.value;
    if (signature) return signature->date.value;
    return std::nullopt;
}

int Audit::count(Evaluation e) const
{
    return static_cast<int>(std::count_if(resultats.begin(), resultats.end(),
                                          [&](const Result& r) { return r.evaluation == e; }));
}

const Audit* Organisme::latest_diagnostic() const
{
    const Audit* latest = nullptr;
    for (const Audit& a : audits)
        if (a.is_diagnostic()) latest = &a;  // audits are sorted by date
    return latest;
}

const Candidature* Organisme::candidature_for(Date session) const
{
    for (const Candidature& c : candidatures)
        if (c.seance.value == session) return &c;
    return nullptr;
}

namespace {

// The element the index names, if the vector still holds it there; else the first match of a scan.
template <typename T, typename Index, typename Key, typename Get>
const T* look_up(const std::vector<T>& items, const Index& index, const Key& key, Get get)
{
    if (!index.empty()) {
        const auto it = index.find(key);
        if (it != index.end() && it->second < items.size() && get(items[it->second]) == key)
            return &items[it->second];
    }
    for (const T& item : items)
        if (get(item) == key) return &item;
    return nullptr;
}

} // namespace

const Auditor* Model::auditor(std::string_view id) const
{
    return look_up(auditors, m_auditor_index, id, [](const Auditor& a) -> std::string_view { return a.id; });
}

const Organisme* Model::organisme(std::string_view slug) const
{
    return look_up(organismes, m_organisme_index, slug,
                   [](const Organisme& o) -> std::string_view { return o.slug; });
}

const Session* Model::session(Date d) const
{
    if (const auto it = m_session_index.find(d);
        it != m_session_index.end() && it->second < sessions.size() && sessions[it->second].date == d)
        return &sessions[it->second];
    for (const Session& s : sessions)
        if (s.date == d) return &s;
    return nullptr;
}

void Model::index()
{
    m_auditor_index.clear();
    m_organisme_index.clear();
    m_session_index.clear();
    for (std::size_t i = 0; i < auditors.size(); ++i) m_auditor_index.emplace(auditors[i].id, i);
    for (std::size_t i = 0; i < organismes.size(); ++i) m_organisme_index.emplace(organismes[i].slug, i);
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (sessions[i].date) m_session_index.emplace(*sessions[i].date, i);
}

namespace {

template <typename E, std::size_t N>
std::optional<E> parse_enum(std::string_view s, const std::array<std::string_view, N>& names)
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

constexpr std::array<std::string_view, 8> decision_names{"admissible", "labellise", "maintenu", "renouvele",
                                                         "ajourne",    "refuse",    "retire",   "suivi"};
constexpr std::array<std::string_view, 4> request_names{"admissibilite", "labellisation", "maintien", "renouvellement"};
constexpr std::array<std::string_view, 6> step_names{"engagement",   "diagnostic",   "paa",
                                                     "candidature",  "verification", "renouvellement"};
constexpr std::array<std::string_view, 4> audit_type_names{"diagnostic-hqs", "verification",
                                                           "diagnostic-hqs-renouvellement", "mise-en-oeuvre"};
constexpr std::array<std::string_view, 4> action_state_names{"prevue", "en-cours", "realisee", "abandonnee"};
constexpr std::array<std::string_view, 4> evaluation_names{"point-fort", "conforme", "point-d-alerte", "non-evalue"};
constexpr std::array<std::string_view, 4> auditor_status_names{"actif", "suspendu", "retire", "inconnu"};
constexpr std::array<std::string_view, 2> civilite_names{"Madame", "Monsieur"};

} // namespace

std::string_view to_string(DecisionKind k) { return decision_names[static_cast<std::size_t>(k)]; }
std::string_view to_string(Request r) { return request_names[static_cast<std::size_t>(r)]; }
std::string_view to_string(Step s) { return step_names[static_cast<std::size_t>(s)]; }
std::string_view to_string(AuditType t) { return audit_type_names[static_cast<std::size_t>(t)]; }
std::string_view to_string(ActionState s) { return action_state_names[static_cast<std::size_t>(s)]; }
std::string_view to_string(Evaluation e) { return evaluation_names[static_cast<std::size_t>(e)]; }
std::string_view to_string(AuditorStatus s) { return auditor_status_names[static_cast<std::size_t>(s)]; }
std::string_view to_string(Nature n) { return n == Nature::association ? "association" : "information"; }
std::string_view to_string(Civilite c) { return civilite_names[static_cast<std::size_t>(c)]; }

std::optional<DecisionKind> parse_decision(std::string_view s) { return parse_enum<DecisionKind>(s, decision_names); }
std::optional<Request> parse_request(std::string_view s) { return parse_enum<Request>(s, request_names); }
std::optional<Step> parse_step(std::string_view s) { return parse_enum<Step>(s, step_names); }
std::optional<AuditType> parse_audit_type(std::string_view s) { return parse_enum<AuditType>(s, audit_type_names); }
std::optional<ActionState> parse_action_state(std::string_view s)
{
    return parse_enum<ActionState>(s, action_state_names);
}
std::optional<Evaluation> parse_evaluation(std::string_view s) { return parse_enum<Evaluation>(s, evaluation_names); }
std::optional<Civilite> parse_civilite(std::string_view s) { return parse_enum<Civilite>(s, civilite_names); }

DecisionKind granting_decision(Request r)
{
    switch (r) {
    case Request::admissibilite: return DecisionKind::admissible;
    case Request::labellisation: return DecisionKind::labellise;
    case Request::maintien: return DecisionKind::maintenu;
    case Request::renouvellement: return DecisionKind::renouvele;
    }
    return DecisionKind::suivi;
}

} // namespace quali::core
