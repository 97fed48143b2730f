// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The référent's papers around a committee session, as data (seed: the référent « instruit les
// dossiers candidats et les restitue en comité de labellisation » ; « information post-comité
// adressée à l'organisme […] précision du calendrier à respecter pour l'étape suivante »):
// the agenda of a session, one organisme's instruction sheet, the letters after the session.
// Pure functions of the model, the pathway engine, the diagnostics already found and a date;
// src/render/agenda_data.cpp and dossier_data.cpp turn them into the templates' data (JSON,
// Markdown, HTML); the sentences and choices of the papers are made here (papers.cpp). See
// docs/comite.md.
#include "quali/core/calendar_date.hpp"
#include "quali/core/candidature_pieces.hpp"
#include "quali/core/diagnostic.hpp"
#include "quali/core/holidays.hpp"
#include "quali/core/lang.hpp"
#include "quali/core/model.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/readiness.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// Where a dossier's filing date falls against its session (DOMAIN.md §1, rules Q360/Q361).
enum class FilingStatus : std::uint8_t { a_l_heure, en_retard, anticipe, inconnu };

// The stable code: a-l-heure | en-retard | anticipe | inconnu.
std::string_view to_string(FilingStatus s);

// Late when filed on or after the session day, early when filed before the window opens,
// unknown without a date, else on time (a day off between the window's close and the session,
// possible with working days, is on time too: only the session day makes a dossier late).
FilingStatus filing_status(std::optional<Date> depot, Date session, const Window& window);

// One audit as the committee sees it: its counts of evaluations.
struct AuditSummary {
    const Audit* audit = nullptr;
    std::string chemin; // relative to the organisme folder: audits/….yaml
    bool cite = false;  // cited in the candidature's pieces (instruction sheet: in any candidature's)
    int points_forts = 0, conformes = 0, points_alerte = 0, non_evalues = 0;
};

// The improvement plan in figures. The alert points to treat are those of the latest
// diagnostic audit (initial or renewal) and of the verification audits after it; a complex
// situation is a residence rated at or above cotation_situation_complexe. Treated: cited by an
// action that is not abandoned (as rules Q310/Q311 count).
struct PaaSummary {
    bool present = false;
    std::optional<Date> mise_a_jour;
    int prevues = 0, en_cours = 0, realisees = 0, abandonnees = 0, etat_inconnu = 0;
    std::vector<std::string> points_alerte, points_alerte_non_traites; // criteria ids, sorted
    std::vector<std::string> situations, situations_non_traitees;      // residence ids, sorted
    int actions() const { return prevues + en_cours + realisees + abandonnees + etat_inconnu; }
};

// One step of the pathway and the concertation events that cover it (rule Q320).
struct StepCoverage {
    Step etape = Step::engagement;
    bool atteinte = false; // the dossier shows the step was reached
    int information = 0, association = 0;
    std::optional<Date> derniere; // the latest event of that step
    bool couverte() const { return information + association > 0; }
};

// What quali validate says of one organisme: the diagnostics of the files under its folder,
// and those of the committee decisions that concern it.
struct ValidationSummary {
    std::vector<Diagnostic> diagnostics; // paths relative to the repository root, sorted
    int erreurs = 0, avertissements = 0;
    // Errors in the organisme's own files other than the filing window's (Q360 late, Q361
    // early): what makes a dossier incomplete. The window has sections of its own in the
    // agenda, and a committee record (a session file) is not the organisme's dossier.
    int erreurs_dossier = 0;
};

// A decision of a held session about one organisme.
struct PastDecision {
    Date seance;
    const Session* session = nullptr;
    const Decision* decision = nullptr;
};

// A dossier filed for the session: the référent's instruction summary.
struct FiledDossier {
    const Organisme* organisme = nullptr;
    const Candidature* candidature = nullptr;
    FilingStatus statut = FilingStatus::inconnu;
    std::vector<AuditSummary> audits; // the audits it rests on
    PaaSummary paa;
    std::vector<StepCoverage> concertation;
    ValidationSummary validation;
    std::vector<PastDecision> decisions; // earlier decisions, by date
    Pathway parcours;                    // as of the agenda's reference day
    Readiness pieces;                    // the required pieces it lacks (readiness.hpp), as validate says
    bool incomplet = false;              // a piece is missing, or validation.erreurs_dossier > 0
    CandidaturePieces etat_pieces;       // its files and visa: add_candidature_pieces
};

// An organisme due to file that filed nothing for the session.
struct ExpectedDossier {
    const Organisme* organisme = nullptr;
    Pathway parcours;
    const Candidature* autre_candidature = nullptr; // its candidature for a later session, if any
};

// A seat of the committee convened to the session.
struct ConvenedSeat {
    const Seat* siege = nullptr;
    std::optional<bool> present; // known once the session is held (presents:)
};

// The session's agenda. Sections (docs/comite.md): every filed dossier appears once in
// `dossiers`, grouped by requested decision; the lists below name them again by index.
struct Agenda {
    const Session* session = nullptr;
    Date seance;
    Date as_of;
    Date reference; // the day pathways are computed: as_of, or the eve of the session if earlier
    Window fenetre;
    std::optional<Date> seance_suivante; // the next session file after this one
    std::vector<ConvenedSeat> sieges;
    std::vector<FiledDossier> dossiers; // by request (admissibilite … renouvellement, unknown), slug
    std::vector<std::size_t> a_l_heure, en_retard, anticipes, incomplets; // indexes, by slug
    std::vector<ExpectedDossier> attendus;                                // by slug
};

// The parts of a dossier filed for a session that read the whole organisme: its audits (those its
// candidature cites, else the current ones), its plan's and concertation's figures, the required
// pieces it lacks. quali site computes them while the folder is in hand.
struct DossierParts {
    std::vector<AuditSummary> audits;
    PaaSummary paa;
    std::vector<StepCoverage> concertation;
    Readiness pieces;
};

// c: the organisme's candidature filed for the session (filed_candidature); as_of, lang and
// unreadable as build_agenda takes them.
DossierParts dossier_parts(const Model& model, const Organisme& o, const Candidature& c, Date as_of,
                           Lang lang, const std::vector<std::string>& unreadable = {});

// Dossier parts by organisme slug, for one session.
using FiledParts = std::map<std::string, DossierParts, std::less<>>;

// The candidature an organisme filed for a session, as the agenda keeps it (as rule Q371 does):
// the one named after its session, else the first; a file whose seance key is unreadable counts
// for the session of its name. Null when it filed none.
const Candidature* filed_candidature(const Organisme& o, Date seance);

// Builds the agenda of a session. diagnostics: those of the whole repository as of as_of,
// paths relative to its root; unreadable: the YAML files the rules could not read (as
// check_rules takes them), for the required pieces; lang: the language of their reasons.
// parts: when given, a filed organisme's DossierParts are taken from it (by slug) instead of
// computed, their audits pointing to the audits of the same file in `model`'s organisme (an
// audit it lacks is left out): the model may then hold digests (rules.hpp). An organisme it
// lacks is computed.
Agenda build_agenda(const Model& model, const Session& session, Date seance, Date as_of,
                    const std::vector<Diagnostic>& diagnostics,
                    const std::vector<std::string>& unreadable = {}, Lang lang = Lang::fr,
                    const FiledParts* parts = nullptr);

// One organisme's candidature for one session, with its filing status.
struct CandidatureLine {
    const Candidature* candidature = nullptr;
    std::optional<Date> seance;
    FilingStatus statut = FilingStatus::inconnu;
    std::optional<Window> fenetre;
    Readiness pieces; // the required pieces it lacks, as of its filing
    CandidaturePieces etat_pieces; // its files and visa: add_candidature_pieces
};

// One dated step ahead on the instruction sheet, late when its date has passed undone.
struct NextStep {
    Date date;
    std::string libelle;
    bool en_retard = false;
};

// The full instruction sheet of one organisme as of a day.
struct InstructionSheet {
    const Organisme* organisme = nullptr;
    Date as_of;
    Pathway parcours;
    std::vector<PastDecision> decisions;       // held sessions up to as_of, by date
    std::vector<CandidatureLine> candidatures; // by session
    std::vector<AuditSummary> audits;          // every audit, by date
    PaaSummary paa;
    std::vector<StepCoverage> concertation;
    std::vector<const Event*> evenements; // the concertation's events, by date
    ValidationSummary validation;
    std::vector<NextStep> prochaines_etapes; // next_steps, in French (a document for the committee)
};

InstructionSheet build_instruction_sheet(const Model& model, const Organisme& organisme, Date as_of,
                                         const std::vector<Diagnostic>& diagnostics,
                                         const std::vector<std::string>& unreadable = {}, Lang lang = Lang::fr);

// Fills each candidature's etat_pieces (candidature_pieces.hpp) with what the I/O layer answers:
// the files, the visa and its signature, as quali validate judges them.
void add_candidature_pieces(Agenda& agenda, const Model& model, const VisaCallbacks& io);
void add_candidature_pieces(InstructionSheet& sheet, const Model& model, const VisaCallbacks& io);

// A session on file the letter offers for the next step, with its filing window.
struct LetterSession {
    Date seance;
    Window depot;
};

// The letter after a session for one decision: the decision and the next step, computed by
// the pathway engine as of the day after the session.
struct Letter {
    const Organisme* organisme = nullptr;
    const Decision* decision = nullptr;
    const Session* session = nullptr;
    Date seance;
    Date calcul;                        // the day after the session
    Pathway suite;                      // the pathway as of calcul
    std::optional<Request> demande;     // what the organisme asked for that session, if readable
    Date date_courrier;                 // the date written on the letter
    std::vector<LetterSession> seances; // letter_sessions: where the next step can be decided
};

// The letters of a held session, in the order of its decisions; decisions about an unknown
// organisme or without a readable decision are left out and named in `ignorees`.
struct Letters {
    std::vector<Letter> lettres;
    std::vector<const Decision*> ignorees;
};

// date_courrier: the day the letters are written (the sessions they offer are still ahead).
Letters build_letters(const Model& model, const Session& session, Date seance, Date date_courrier);

// How a letter addresses the organisme's contact (contact.civilite, optional).
struct Salutation {
    std::string destinataire; // « Madame Claire Martin », « Claire Martin », « la direction »
    std::string attention;    // « À l'attention de Madame Claire Martin », « … d'Éric Petit »
    std::string appel;        // « Madame, » / « Madame, Monsieur, » (English: "Dear Ms Martin,")
    std::string formule;      // the closing sentence, addressing the reader the same way
};

Salutation letter_salutation(const Organisme& organisme, Lang lang);

// The sessions on file where the letter's next step can be decided, by date: dated after the
// letter's session and on or before the step's deadline (any, without deadline), their filing
// window not closed on the letter's date. Never a past session nor one after the deadline;
// none without a next step.
std::vector<LetterSession> letter_sessions(const Model& model, const Letter& letter);

// The sentence before the letter's sessions (« Une séance du comité est prévue d'ici cette
// échéance : »), or, with none on file, the one saying their dates will be announced, or that
// the deadline has passed on the letter's date.
std::string letter_sessions_intro(const Letter& letter, Lang lang);

// One session of the letter: « séance du 18 juin 2026, dépôt du 3 juin au 17 juin 2026 ».
std::string letter_session_text(const LetterSession& session, Lang lang);

// The session file of that date (comite/seances/AAAA-MM-JJ.yaml), or null.
const Session* session_file(const Model& model, Date seance);

// The dates of the sessions nearest to a day, nearest first (then earlier first), at most n.
std::vector<Date> nearest_sessions(const Model& model, Date day, std::size_t n);

// The one line that says a session argument names no comite/seances/ file, with the
// nearest session dates as suggestions.
std::string unknown_session_message(const Model& model, std::string_view argument, Lang lang);

// The validation result of one organisme among the repository's diagnostics.
ValidationSummary validation_of(const Model& model, const Organisme& organisme,
                                const std::vector<Diagnostic>& diagnostics);

// The improvement plan's figures (see PaaSummary).
PaaSummary paa_summary(const Model& model, const Organisme& organisme);

// Each step of the pathway, in its order, with its concertation events.
std::vector<StepCoverage> concertation_coverage(const Organisme& organisme);

AuditSummary audit_summary(const Organisme& organisme, const Audit& audit);

// --- The papers' sentences and choices (papers.cpp) --------------------------------------

// What comes next for the organisme, by date: the pathway's step deadline (late as the pathway
// says), the filing window of the session it aims at and that session, and the deadline of
// each open action of its plan (core::is_open; late when before as_of), none once withdrawn.
std::vector<NextStep> next_steps(const Organisme& organisme, const Pathway& pathway, Date as_of, Lang lang);

// The letter's sentence of the decision: « Il a attribué le label Quali'Hlm à votre organisme. »
std::string letter_phrase(const Letter& letter, Lang lang);

// The letter's remark on what follows (the end of the pathway, a new candidature without
// deadline), or "" when the next step and its sessions say it all.
std::string letter_remark(const Letter& letter, Lang lang);

// The error codes of a dossier's own diagnostics, once each in order of appearance, but the
// filing window's (Q360 late, Q361 early), which the agenda shows in sections of their own.
std::vector<std::string> dossier_error_codes(const ValidationSummary& validation);

} // namespace quali::core
