// SPDX-License-Identifier: EUPL-1.2
// The domain's words (vocabulary.hpp): one table per enumeration, indexed by its value, and the
// codes of the bilan's movements.
#include "quali/core/vocabulary.hpp"

#include "quali/core/elision.hpp"

#include <array>
#include <cctype>

namespace quali::core {

namespace {

struct Words {
    std::string_view fr, en;
    std::string_view in(Lang lang) const { return lang == Lang::en ? en : fr; }
};

constexpr std::string_view pick(Lang lang, std::string_view fr, std::string_view en)
{
    return lang == Lang::en ? en : fr;
}

template <typename Enum, std::size_t N>
std::string_view word(const std::array<Words, N>& table, Lang lang, Enum value)
{
    const auto i = static_cast<std::size_t>(value);
    return i < N ? table[i].in(lang) : std::string_view();
}

constexpr std::array<Words, 6> pathway_states{{{"engagé", "engaged"},
                                               {"admissible", "admissible"},
                                               {"labellisé", "labelled"},
                                               {"label expiré", "label expired"},
                                               {"label retiré", "label withdrawn"},
                                               {"refusé", "refused"}}};

constexpr std::array<Words, 6> pathway_headings{
    {{"Engagés (cycle préparatoire)", "Engaged (preparatory cycle)"},
     {"Admissibles", "Admissible"},
     {"Labellisés (label valide)", "Labelled (valid label)"},
     {"Label expiré", "Label expired"},
     {"Label retiré", "Label withdrawn"},
     {"Refusés", "Refused"}}};

constexpr std::array<Words, 8> decisions{{{"admissible", "admissible"},
                                          {"labellisé", "labelled"},
                                          {"label maintenu", "label maintained"},
                                          {"label renouvelé", "label renewed"},
                                          {"ajourné", "deferred"},
                                          {"refusé", "refused"},
                                          {"label retiré", "label withdrawn"},
                                          {"suivi du dossier", "follow-up of the dossier"}}};

constexpr std::array<Words, 2> civilites{{{"Madame", "Ms"}, {"Monsieur", "Mr"}}};

constexpr std::array<Words, 4> requests{{{"admissibilité", "admissibility"},
                                         {"labellisation", "labelling"},
                                         {"maintien", "continuation"},
                                         {"renouvellement", "renewal"}}};

constexpr std::array<Words, 6> steps{{{"Engagement", "Commitment"},
                                      {"Diagnostic HQS®", "HQS® diagnosis"},
                                      {"Plan d'actions (PAA)", "Action plan (PAA)"},
                                      {"Candidature", "Application"},
                                      {"Audit de vérification", "Verification audit"},
                                      {"Renouvellement", "Renewal"}}};

// Two forms of each audit type: after « Audit », and alone.
constexpr std::array<Words, 4> audit_types{{{"diagnostic HQS®", "HQS® diagnosis"},
                                            {"vérification", "verification"},
                                            {"diagnostic HQS® de renouvellement", "HQS® renewal diagnosis"},
                                            {"mise en œuvre du PAA", "PAA implementation"}}};
constexpr std::array<Words, 4> audit_names{{{"diagnostic HQS®", "HQS® diagnosis"},
                                            {"audit de vérification", "verification audit"},
                                            {"diagnostic HQS® de renouvellement", "HQS® renewal diagnosis"},
                                            {"audit de mise en œuvre du PAA", "PAA implementation audit"}}};

constexpr std::array<Words, 4> action_states{
    {{"prévue", "planned"}, {"en cours", "in progress"}, {"réalisée", "done"}, {"abandonnée", "abandoned"}}};

constexpr std::array<Words, 4> filing_states{{{"à l'heure", "on time"},
                                              {"en retard", "late"},
                                              {"anticipé", "early"},
                                              {"date de dépôt inconnue", "filing date unknown"}}};

constexpr std::array<std::string_view, 7> movement_codes{
    "engagement", "admissibilite", "labellisation", "maintien", "renouvellement", "retrait", "expiration"};
constexpr std::array<Words, 7> movements{{{"engagement", "commitment"},
                                          {"admissibilité", "admissibility"},
                                          {"labellisation", "labelling"},
                                          {"maintien du label", "label maintained"},
                                          {"renouvellement du label", "label renewed"},
                                          {"retrait du label", "label withdrawn"},
                                          {"expiration du label", "label expired"}}};
constexpr std::array<Words, 7> movement_headings{
    {{"Engagements", "Commitments"},
     {"Admissibilités", "Admissibilities"},
     {"Labellisations (1re attribution)", "Labellings (first award)"},
     {"Maintiens", "Labels maintained"},
     {"Renouvellements", "Renewals"},
     {"Retraits du label", "Labels withdrawn"},
     {"Expirations (sans renouvellement)", "Expiries (not renewed)"}}};

constexpr std::array<Words, 4> visa_signatures{{{"vérifiée", "verified"},
                                                {"absente (visa non signé)", "absent (visa not signed)"},
                                                {"invalide", "invalid"},
                                                {"non vérifiée", "not verified"}}};
constexpr std::array<Words, 3> visa_pieces{{{"inchangée depuis le visa", "unchanged since the visa"},
                                            {"modifiée depuis le visa", "changed since the visa"},
                                            {"absente ou illisible", "absent or unreadable"}}};
constexpr std::array<Words, 3> piece_states{{{"présente", "present"},
                                             {"absente ou illisible", "absent or unreadable"},
                                             {"modifiée depuis le visa", "changed since the visa"}}};

constexpr std::array<Words, 7> colleges{{{"USH", "USH"},
                                         {"Fédérations", "Federations"},
                                         {"Associations régionales", "Regional associations"},
                                         {"Ministère chargé du logement", "Ministry of housing"},
                                         {"Caisse des dépôts", "Caisse des dépôts"},
                                         {"Assurance retraite", "Pension insurance"},
                                         {"Locataires", "Tenants"}}};

constexpr std::array<Words, 6> deadline_types{{{"clôture du dépôt", "filing closes"},
                                               {"étape", "step"},
                                               {"action PAA", "PAA action"},
                                               {"agrément", "approval"},
                                               {"séance", "session"},
                                               {"ouverture du dépôt", "filing opens"}}};

constexpr std::array<Words, 2> natures{{{"information", "information"}, {"association", "involvement"}}};

// Enumerations the model keeps as written (free text in older files): code, then its words.
struct Named {
    std::string_view code;
    Words words;
};

constexpr std::array<Named, 5> federations{
    {{"federation-oph", {"Fédération des offices publics de l'habitat", "Federation of public housing offices"}},
     {"federation-esh", {"Fédération des entreprises sociales pour l'habitat", "Federation of social housing companies"}},
     {"federation-coop", {"Fédération des coopératives Hlm", "Federation of Hlm cooperatives"}},
     {"procivis", {"Procivis", "Procivis"}},
     {"aucune", {"aucune fédération", "no federation"}}}};
constexpr std::array<Named, 4> instances{{{"CCL", {"CCL", "CCL"}},
                                          {"associations", {"associations de locataires", "tenant associations"}},
                                          {"conseil-administration", {"conseil d'administration", "board"}},
                                          {"autre", {"autre instance", "other body"}}}};
constexpr std::array<Named, 2> roles{{{"president", {"président", "chair"}},
                                      {"vice-president", {"vice-président", "vice-chair"}}}};

template <std::size_t N>
std::string_view named(const std::array<Named, N>& table, Lang lang, std::string_view code)
{
    for (const Named& n : table)
        if (n.code == code) return n.words.in(lang);
    return code;
}

} // namespace

std::string_view label(Lang lang, PathwayState s)
{
    return word(pathway_states, lang, s);
}

std::string label(Lang lang, const Pathway& p)
{
    std::string out(label(lang, p.etat));
    if (p.etat == PathwayState::labellise && p.annee_cycle)
        out += say(lang, " (année {} du cycle)", " (year {} of the cycle)", *p.annee_cycle);
    return out;
}

std::string_view heading(Lang lang, PathwayState s)
{
    return word(pathway_headings, lang, s);
}

std::string_view label(Lang lang, DecisionKind k)
{
    return word(decisions, lang, k);
}

std::string_view label(Lang lang, Request r)
{
    return word(requests, lang, r);
}

std::string of_request(Lang lang, Request r)
{
    if (lang == Lang::en) return std::string(label(lang, r));
    return de(label(lang, r));
}

std::optional<Request> request_of(DecisionKind k)
{
    switch (k) {
    case DecisionKind::admissible:
        return Request::admissibilite;
    case DecisionKind::labellise:
        return Request::labellisation;
    case DecisionKind::maintenu:
        return Request::maintien;
    case DecisionKind::renouvele:
        return Request::renouvellement;
    default:
        return std::nullopt;
    }
}

std::string_view label(Lang lang, Civilite c)
{
    return word(civilites, lang, c);
}

std::string_view label(Lang lang, Step s)
{
    return word(steps, lang, s);
}

std::string_view label(Lang lang, std::optional<AuditType> t)
{
    return t ? word(audit_types, lang, *t) : pick(lang, "type inconnu", "unknown type");
}

std::string_view audit_name(Lang lang, std::optional<AuditType> t)
{
    return t ? word(audit_names, lang, *t) : std::string_view("audit");
}

std::string_view label(Lang lang, std::optional<ActionState> s)
{
    return s ? word(action_states, lang, *s) : pick(lang, "état inconnu", "unknown state");
}

std::string_view label(Lang lang, FilingStatus s)
{
    return word(filing_states, lang, s);
}

std::string_view label(Lang lang, College c)
{
    return c == College::unknown ? pick(lang, "collège inconnu", "unknown college") : word(colleges, lang, c);
}

std::string_view label(Lang lang, DeadlineType t)
{
    return word(deadline_types, lang, t);
}

std::string_view label(Lang lang, Nature n)
{
    return word(natures, lang, n);
}

std::string_view federation_label(Lang lang, std::string_view code)
{
    return named(federations, lang, code);
}

std::string_view instance_label(Lang lang, std::string_view code)
{
    return named(instances, lang, code);
}

std::string_view role_label(Lang lang, std::string_view code)
{
    return named(roles, lang, code);
}

std::string_view to_string(Movement m)
{
    const auto i = static_cast<std::size_t>(m);
    return i < movement_codes.size() ? movement_codes[i] : movement_codes[0];
}

std::string_view label(Lang lang, Movement m)
{
    return word(movements, lang, m);
}

std::string_view heading(Lang lang, Movement m)
{
    return word(movement_headings, lang, m);
}

std::string_view label(Lang lang, VisaSignatureState s)
{
    return word(visa_signatures, lang, s);
}

std::string_view label(Lang lang, VisaPieceState s)
{
    return word(visa_pieces, lang, s);
}

std::string_view label(Lang lang, PieceState s)
{
    return word(piece_states, lang, s);
}

std::string capitalized(std::string_view label)
{
    std::string s(label);
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

} // namespace quali::core
