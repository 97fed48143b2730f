// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The domain's words: one table per enumeration, each value with its French and English
// label. Codes (the YAML and JSON spelling, to_string) are the public contract and live beside
// each enumeration; what a person reads comes from here, for every command and document.
#include "quali/core/bilan.hpp"
#include "quali/core/candidature_pieces.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/visa_checks.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace quali::core {

// « engagé », « label expiré » (English: "engaged", "label expired").
std::string_view label(Lang lang, PathwayState s);
// The state with its year of the cycle while labelled: « labellisé (année 2 du cycle) ».
std::string label(Lang lang, const Pathway& p);
// The bilan's row of a state, counting organismes: « Engagés (cycle préparatoire) ».
std::string_view heading(Lang lang, PathwayState s);

// « labellisé », « label maintenu », « suivi du dossier ».
std::string_view label(Lang lang, DecisionKind k);

// The requested decision, as a step: « admissibilité », « labellisation » (English: "admissibility").
std::string_view label(Lang lang, Request r);
// The same after « de », elided: « d'admissibilité », « de maintien » (English: "admissibility").
std::string of_request(Lang lang, Request r);
// The request a granting decision answers (admissible -> admissibilite …), none for the others.
std::optional<Request> request_of(DecisionKind k);

// A contact's title: « Madame », « Monsieur » (English: "Ms", "Mr").
std::string_view label(Lang lang, Civilite c);

// The pathway's steps as the concertation names them: « Diagnostic HQS® », « Plan d'actions (PAA) ».
std::string_view label(Lang lang, Step s);

// An audit's type after the word « Audit »: « vérification », « mise en œuvre du PAA »;
// « type inconnu » for an unreadable type.
std::string_view label(Lang lang, std::optional<AuditType> t);
// The audit named alone: « audit de vérification », « diagnostic HQS® »; « audit » when unreadable.
std::string_view audit_name(Lang lang, std::optional<AuditType> t);

// « prévue », « en cours », « réalisée », « abandonnée »; « état inconnu » when unreadable.
std::string_view label(Lang lang, std::optional<ActionState> s);

// « à l'heure », « en retard », « anticipé », « date de dépôt inconnue ».
std::string_view label(Lang lang, FilingStatus s);

// One movement of the bilan: « maintien du label »; and its row, counting them: « Maintiens ».
std::string_view label(Lang lang, Movement m);
std::string_view heading(Lang lang, Movement m);

// A visa's signature: « vérifiée », « absente (visa non signé) »; a signed piece:
// « inchangée depuis le visa », « modifiée depuis le visa », « absente ou illisible ».
std::string_view label(Lang lang, VisaSignatureState s);
std::string_view label(Lang lang, VisaPieceState s);
// A candidature's piece in the papers: « présente », « absente ou illisible », « modifiée depuis le visa ».
std::string_view label(Lang lang, PieceState s);

// The kind of a dated item of quali deadlines: « action PAA », « clôture du dépôt ».
std::string_view label(Lang lang, DeadlineType t);

// The college of a seat: « Fédérations », « Locataires »; « collège inconnu » when unreadable.
std::string_view label(Lang lang, College c);
// The nature of a concertation event: « information », « association ».
std::string_view label(Lang lang, Nature n);

// Values the model keeps as written, each from its schema's enumeration: an organisme's
// federation (« Fédération des offices publics de l'habitat »), a concertation event's instance
// (« associations de locataires »), a titulaire's role (« vice-président »). A value outside
// the enumeration comes back as written (validate reports it).
std::string_view federation_label(Lang lang, std::string_view code);
std::string_view instance_label(Lang lang, std::string_view code);
std::string_view role_label(Lang lang, std::string_view code);

// The label with its first letter in capitals, for a heading or a table cell: « Labellisé ».
// Only an ASCII first letter changes (every label above starts with one or is already capital).
std::string capitalized(std::string_view label);

} // namespace quali::core
