// SPDX-License-Identifier: EUPL-1.2
// The domain's words (vocabulary.hpp): every value of every enumeration has its French and its
// English label, and the forms the documents need (elided, capitalised, with the cycle year).
#include "quali/core/vocabulary.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace quali::core;

namespace {

template <typename Enum> void check_both_languages(Enum value)
{
    CHECK_FALSE(label(Lang::fr, value).empty());
    CHECK_FALSE(label(Lang::en, value).empty());
}

} // namespace

TEST_SUITE("core::vocabulary")
{
    TEST_CASE("every value of every enumeration has a French and an English label")
    {
        for (PathwayState s : all_states)
            check_both_languages(s);
        for (DecisionKind k : all_decisions)
            check_both_languages(k);
        for (Step s : all_steps)
            check_both_languages(s);
        for (Movement m : all_movements) {
            check_both_languages(m);
            CHECK_FALSE(heading(Lang::fr, m).empty());
            CHECK_FALSE(heading(Lang::en, m).empty());
        }
        for (Request r :
             {Request::admissibilite, Request::labellisation, Request::maintien, Request::renouvellement})
            check_both_languages(r);
        for (ActionState s :
             {ActionState::prevue, ActionState::en_cours, ActionState::realisee, ActionState::abandonnee}) {
            CAPTURE(static_cast<int>(s));
            check_both_languages(std::optional<ActionState>(s));
        }
        for (FilingStatus s : {FilingStatus::a_l_heure, FilingStatus::en_retard, FilingStatus::anticipe,
                               FilingStatus::inconnu})
            check_both_languages(s);
        for (AuditType t : {AuditType::diagnostic, AuditType::verification, AuditType::renouvellement,
                            AuditType::mise_en_oeuvre}) {
            CAPTURE(static_cast<int>(t));
            check_both_languages(std::optional<AuditType>(t));
            CHECK_FALSE(audit_name(Lang::en, t).empty());
        }
    }

    TEST_CASE("the French labels are the documents' words")
    {
        CHECK(label(Lang::fr, PathwayState::expire) == "label expiré");
        CHECK(label(Lang::en, PathwayState::expire) == "label expired");
        CHECK(heading(Lang::fr, PathwayState::engage) == "Engagés (cycle préparatoire)");
        CHECK(label(Lang::fr, DecisionKind::maintenu) == "label maintenu");
        CHECK(label(Lang::fr, Step::paa) == "Plan d'actions (PAA)");
        CHECK(label(Lang::fr, ActionState::en_cours) == "en cours");
        CHECK(label(Lang::en, ActionState::en_cours) == "in progress");
        CHECK(label(Lang::fr, FilingStatus::anticipe) == "anticipé");
        CHECK(label(Lang::fr, Movement::maintien) == "maintien du label");
        CHECK(heading(Lang::fr, Movement::labellisation) == "Labellisations (1re attribution)");
        CHECK(label(Lang::fr, VisaSignatureState::not_signed) == "absente (visa non signé)");
        CHECK(label(Lang::fr, VisaPieceState::changed) == "modifiée depuis le visa");
    }

    TEST_CASE("an audit's type has a form after « Audit » and a form alone")
    {
        CHECK(label(Lang::fr, AuditType::verification) == "vérification");
        CHECK(audit_name(Lang::fr, AuditType::verification) == "audit de vérification");
        CHECK(audit_name(Lang::fr, AuditType::mise_en_oeuvre) == "audit de mise en œuvre du PAA");
        CHECK(label(Lang::fr, std::optional<AuditType>()) == "type inconnu");
        CHECK(audit_name(Lang::fr, std::nullopt) == "audit");
    }

    TEST_CASE("an unreadable action state is named, in both languages")
    {
        CHECK(label(Lang::fr, std::optional<ActionState>()) == "état inconnu");
        CHECK(label(Lang::en, std::optional<ActionState>()) == "unknown state");
    }

    TEST_CASE("a request after « de » is elided before a vowel")
    {
        CHECK(of_request(Lang::fr, Request::admissibilite) == "d'admissibilité");
        CHECK(of_request(Lang::fr, Request::maintien) == "de maintien");
        CHECK(of_request(Lang::en, Request::admissibilite) == "admissibility");
        CHECK(request_of(DecisionKind::renouvele) == Request::renouvellement);
        CHECK_FALSE(request_of(DecisionKind::ajourne).has_value());
    }

    TEST_CASE("a labelled pathway gives its year of the cycle, the others their state alone")
    {
        Pathway p;
        p.etat = PathwayState::labellise;
        p.annee_cycle = 2;
        CHECK(label(Lang::fr, p) == "labellisé (année 2 du cycle)");
        CHECK(label(Lang::en, p) == "labelled (year 2 of the cycle)");
        p.annee_cycle.reset();
        CHECK(label(Lang::fr, p) == "labellisé");
        p.etat = PathwayState::refuse;
        CHECK(label(Lang::fr, p) == "refusé");
    }

    TEST_CASE("capitalised labels change an ASCII first letter only")
    {
        CHECK(capitalized(label(Lang::fr, DecisionKind::labellise)) == "Labellisé");
        CHECK(capitalized(label(Lang::fr, Request::admissibilite)) == "Admissibilité");
        CHECK(capitalized("") == "");
        CHECK(capitalized("état") == "état");
    }

    TEST_CASE("the movements' codes are the bilan's JSON spelling")
    {
        CHECK(to_string(Movement::admissibilite) == "admissibilite");
        CHECK(to_string(Movement::expiration) == "expiration");
    }

    TEST_CASE("every college of a seat and every nature of an event has its words")
    {
        for (College c : {College::ush, College::federation, College::associations_regionales,
                          College::ministere_logement, College::caisse_des_depots, College::assurance_retraite,
                          College::locataires})
            check_both_languages(c);
        CHECK(label(Lang::fr, College::associations_regionales) == "Associations régionales");
        CHECK(label(Lang::fr, College::unknown) == "collège inconnu");
        CHECK(label(Lang::en, Nature::association) == "involvement");
        CHECK(to_string(Nature::association) == "association");
    }

    TEST_CASE("values kept as written are named from their schema's enumeration, else given back")
    {
        CHECK(federation_label(Lang::fr, "federation-oph") == "Fédération des offices publics de l'habitat");
        CHECK(federation_label(Lang::en, "federation-coop") == "Federation of Hlm cooperatives");
        CHECK(federation_label(Lang::fr, "aucune") == "aucune fédération");
        CHECK(federation_label(Lang::fr, "federation-xyz") == "federation-xyz");
        CHECK(instance_label(Lang::fr, "conseil-administration") == "conseil d'administration");
        CHECK(instance_label(Lang::fr, "associations") == "associations de locataires");
        CHECK(instance_label(Lang::fr, "CCL") == "CCL");
        CHECK(role_label(Lang::fr, "vice-president") == "vice-président");
        CHECK(role_label(Lang::en, "president") == "chair");
        CHECK(role_label(Lang::fr, "tresorier") == "tresorier");
    }
}
