// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The repository as typed data: what every rule, the pathway engine and the reports read.
// Built from the document trees by build_model (model_builder.cpp), tolerant of files that
// failed their schema: a field that cannot be read is simply absent. Every item keeps the file
// and position it came from, so rules can name the place.
#include "quali/core/calendar_date.hpp"
#include "quali/core/document.hpp"
#include "quali/core/holidays.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quali::core {

// A value and where it was written.
template <typename T>
struct At {
    T value{};
    Position pos;
    friend bool operator==(const At&, const At&) = default;
};

using Text = At<std::string>;
using DateAt = At<std::optional<Date>>;

// Where files failed their schema (a misspelt key, a value of the wrong type…), as the builder
// found them: a rule that would read a value there steps aside for that object, so that one
// defect gives one diagnostic. An object is a list item of a file (an action, a result, an
// event, a decision…), by its position; a flaw outside every list item flaws the file itself.
struct Flaws {
    // file, and the item's line and column ({0, 0}: the file itself)
    std::set<std::pair<std::string, std::pair<int, int>>> at;

    void add(const std::string& file, Position item);
    bool in_file(const std::string& file) const; // anywhere in the file
    bool of_file(const std::string& file) const; // outside every list item
    bool of_item(const std::string& file, Position item) const;
    friend bool operator==(const Flaws&, const Flaws&) = default;
};

// --- quali.yaml -----------------------------------------------------------------------------

struct CalibrationRow {
    std::optional<int> logements_max;  // none: every larger organisme
    int jours = 0;
    friend bool operator==(const CalibrationRow&, const CalibrationRow&) = default;
};

enum class AuditType : std::uint8_t;
enum class Step : std::uint8_t;
enum class Request : std::uint8_t;

// What a candidature for one requested decision must hold (docs/regles.md « Pièces requises »).
struct RequiredPieces {
    std::optional<AuditType> audit;  // a signed audit of that type; none: no audit required
    bool autodiagnostic = false;
    bool paa = false;
    std::vector<Step> concertation;  // steps with an event with proof on or before the filing
    friend bool operator==(const RequiredPieces&, const RequiredPieces&) = default;
};

// The label's rules; defaults are the ones DOMAIN.md gives (see docs/regles.md).
struct Rules {
    int fenetre_depot_jours = 15;
    Counting decompte = Counting::calendar;
    Zone zone_feries = Zone::metropole;
    int preparation_mois = 12;
    int attribution_mois = 12;
    int validite_label_mois = 36;
    int periodicite_verification_mois = 12;
    int cotation_situation_complexe = 3;
    double quorum = 0.5;
    double non_evalue_max = 0.10; // share of the framework's criteria a diagnostic may leave non-evalue
    std::vector<CalibrationRow> calibrage_audit{{5000, 3}, {15000, 4}, {30000, 5}, {std::nullopt, 6}};
    // One entry per request, indexed by Request (admissibilite … renouvellement).
    std::array<RequiredPieces, 4> pieces_requises = default_required_pieces();

    static std::array<RequiredPieces, 4> default_required_pieces();
    const RequiredPieces& pieces_for(Request r) const;

    // The minimum audit days for an organisme of that many dwellings.
    int minimum_audit_days(int logements) const;
    friend bool operator==(const Rules&, const Rules&) = default;
};

struct Referent {
    std::string nom, fonction, courriel, telephone;
    friend bool operator==(const Referent&, const Referent&) = default;
};

// --- referentiel ----------------------------------------------------------------------------

struct Criterion {
    std::string id, titre, theme;
    Position pos;
    friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct Theme {
    std::string id, titre;
    std::vector<Criterion> criteres;
    Position pos;
    friend bool operator==(const Theme&, const Theme&) = default;
};

struct Framework {
    std::string file;   // "" when the built-in example framework is used
    std::string version, titre;
    bool exemple = false;
    std::vector<Theme> themes;

    const Criterion* criterion(std::string_view id) const;
    const Theme* theme_of(std::string_view criterion_id) const;
    friend bool operator==(const Framework&, const Framework&) = default;
};

// --- comite ---------------------------------------------------------------------------------

enum class College : std::uint8_t {
    ush, federation, associations_regionales, ministere_logement, caisse_des_depots,
    assurance_retraite, locataires, unknown
};

struct Person {
    std::string nom, role, organisation;  // role: president | vice-president | ""
    friend bool operator==(const Person&, const Person&) = default;
};

struct Seat {
    std::string id, libelle;
    College college = College::unknown;
    std::string college_name;
    Person titulaire, suppleant;
    Position pos;
    friend bool operator==(const Seat&, const Seat&) = default;
};

struct Committee {
    std::string file;
    std::vector<Seat> sieges;
    const Seat* seat(std::string_view id) const;
    friend bool operator==(const Committee&, const Committee&) = default;
};

enum class DecisionKind : std::uint8_t {
    admissible, labellise, maintenu, renouvele, ajourne, refuse, retire, suivi
};

struct Votes {
    int pour = 0, contre = 0, abstention = 0;
    Position pos;
    int total() const { return pour + contre + abstention; }
    friend bool operator==(const Votes&, const Votes&) = default;
};

struct Derogation {
    std::string objet;
    DateAt echeance;
    Position pos;
    friend bool operator==(const Derogation&, const Derogation&) = default;
};

struct Decision {
    Text organisme;
    std::optional<DecisionKind> kind;
    Position kind_pos;
    std::optional<Votes> votes;
    std::optional<Derogation> derogation;
    std::vector<std::string> conditions;
    std::string motif;
    Position pos;
    friend bool operator==(const Decision&, const Decision&) = default;
};

// The référent's proposal on one dossier, written before the session (DOMAIN.md §5.5).
struct Proposal {
    Text organisme;
    std::optional<DecisionKind> kind;
    Position kind_pos;
    std::string avis;
    Position pos;
    friend bool operator==(const Proposal&, const Proposal&) = default;
};

struct Session {
    std::string file;             // comite/seances/AAAA-MM-JJ.yaml
    std::optional<Date> date;     // the date key, else the file name's date
    Position date_pos;
    std::string lieu;
    std::vector<Text> presents;
    Position presents_pos;
    std::vector<Text> suppleants; // seats of presents represented by their suppléant
    std::vector<Proposal> propositions;
    std::vector<Decision> decisions;
    bool held = false;            // has a decisions key: the session took place
    friend bool operator==(const Session&, const Session&) = default;
};

// --- auditeurs ------------------------------------------------------------------------------

enum class AuditorStatus : std::uint8_t { actif, suspendu, retire, unknown };

struct Approval {
    DateAt debut, fin;
    std::optional<Date> seance;
    Position pos;
    friend bool operator==(const Approval&, const Approval&) = default;
};

struct Auditor {
    std::string id;    // file name without .yaml
    std::string file;
    std::string nom, cabinet, courriel, cle_publique;
    AuditorStatus statut = AuditorStatus::unknown;
    Position statut_pos;
    std::vector<Approval> agrements;

    // True when actif with an approval covering every day of [from, to].
    bool approved_between(Date from, Date to) const;
    friend bool operator==(const Auditor&, const Auditor&) = default;
};

// --- organismes -----------------------------------------------------------------------------

struct Residence {
    std::string id, nom, commune;
    int logements = 0;
    std::optional<int> cotation;
    std::vector<std::string> motifs;
    Position pos;
    friend bool operator==(const Residence&, const Residence&) = default;
};

struct SelfDiagnosis {
    std::string file;
    DateAt date;
    std::vector<Residence> residences;
    const Residence* residence(std::string_view id) const;
    friend bool operator==(const SelfDiagnosis&, const SelfDiagnosis&) = default;
};

// mise_en_oeuvre: the PAA implementation audit the label's published rules (2016) name beside
// the verification audit; like it, it checks the PAA, not the whole framework.
enum class AuditType : std::uint8_t { diagnostic, verification, renouvellement, mise_en_oeuvre };
enum class Evaluation : std::uint8_t { point_fort, conforme, point_d_alerte, non_evalue };

struct Result {
    Text critere;
    std::optional<Evaluation> evaluation;
    std::string constat;
    std::string motif; // why a criterion is non-evalue
    Position pos;
    friend bool operator==(const Result&, const Result&) = default;
};

struct Interview {
    DateAt date;
    std::string partie_prenante;
    friend bool operator==(const Interview&, const Interview&) = default;
};

struct Visit {
    DateAt date;
    Text residence;
    int logements_visites = 0;
    friend bool operator==(const Visit&, const Visit&) = default;
};

struct Signature {
    DateAt date;
    Text auditeur;
    Position pos;
    friend bool operator==(const Signature&, const Signature&) = default;
};

struct Audit {
    std::string file;   // organismes/<slug>/audits/AAAA-MM-JJ-<type>.yaml
    std::optional<AuditType> type;
    Position type_pos;
    Text auditeur;
    DateAt debut, fin;
    Position plan_pos;
    std::optional<double> jours;
    Position jours_pos;
    std::vector<Interview> entretiens;
    std::vector<Visit> visites;
    std::vector<Result> resultats;
    Position resultats_pos;
    std::optional<Signature> signature;
    std::string synthese;

    // An HQS® diagnostic (initial or renewal): it rates every criterion of the framework.
    bool is_diagnostic() const { return type == AuditType::diagnostic || type == AuditType::renouvellement; }
    // A verification or PAA implementation audit: it checks the alert points of a diagnostic.
    bool is_verification() const
    {
        return type == AuditType::verification || type == AuditType::mise_en_oeuvre;
    }
    // The audit's reference date: its first day, else its signature.
    std::optional<Date> date() const;
    int count(Evaluation e) const;
    friend bool operator==(const Audit&, const Audit&) = default;
};

enum class ActionState : std::uint8_t { prevue, en_cours, realisee, abandonnee };

struct Action {
    Text id;
    std::string titre, portee, pilote;
    std::vector<Text> points_alerte, situations;
    DateAt echeance;
    std::optional<ActionState> etat;
    Position etat_pos;
    std::vector<Text> preuves;
    Position pos;
    friend bool operator==(const Action&, const Action&) = default;
};

struct Paa {
    std::string file;
    std::optional<Date> mise_a_jour;
    std::vector<Action> actions;
    Position pos;
    friend bool operator==(const Paa&, const Paa&) = default;
};

enum class Step : std::uint8_t { engagement, diagnostic, paa, candidature, verification, renouvellement };
enum class Nature : std::uint8_t { information, association };

struct Event {
    DateAt date;
    std::optional<Step> etape;
    std::string instance, objet;
    std::optional<Nature> nature;
    std::optional<Text> preuve;
    Position pos;
    friend bool operator==(const Event&, const Event&) = default;
};

struct Concertation {
    std::string file;
    std::vector<Event> evenements;
    Position pos;
    friend bool operator==(const Concertation&, const Concertation&) = default;
};

enum class Request : std::uint8_t { admissibilite, labellisation, maintien, renouvellement };

struct AuditorValidation {
    Text auditeur;
    DateAt date;
    Position pos;
    friend bool operator==(const AuditorValidation&, const AuditorValidation&) = default;
};

struct Candidature {
    std::string file;              // organismes/<slug>/candidatures/AAAA-MM-JJ.yaml
    DateAt seance;
    std::optional<Request> demande;
    Position demande_pos;
    DateAt depot;
    std::vector<Text> pieces;
    Position pieces_pos;
    std::optional<AuditorValidation> validation;
    Position pos;
    friend bool operator==(const Candidature&, const Candidature&) = default;
};

// One file the auditor's sign-off covers, with its SHA-256 and git blob id as the auditor saw it.
struct VisaEntry {
    Text chemin;          // relative to the organisme folder
    std::string sha256;   // lowercase hex
    Position pos;
    std::string git_blob; // git's blob id (git hash-object), lowercase hex; "" in older visas
    friend bool operator==(const VisaEntry&, const VisaEntry&) = default;
};

// The auditor's sign-off on a candidature (candidatures/AAAA-MM-JJ.visa.yaml, written by
// quali sign): fields kept as written, since the optional OpenSSH signature covers their text.
struct Visa {
    std::string file;
    Text seance, auditeur, date;
    std::optional<VisaEntry> candidature;
    std::vector<VisaEntry> pieces;
    std::optional<Text> signature;  // armoured "-----BEGIN SSH SIGNATURE-----" block
    Position pos;
    friend bool operator==(const Visa&, const Visa&) = default;
};

// How the contact is addressed (organisme.yaml contact.civilite, optional): Madame | Monsieur.
enum class Civilite : std::uint8_t { madame, monsieur };

struct Organisme {
    std::string slug;
    std::string folder;      // "organismes/<slug>" ("" for a lone organisme folder)
    std::string file;        // organisme.yaml's path ("" when missing)
    std::string nom, sigle, siren, famille, federation, region;
    int logements = 0;
    Position logements_pos;
    std::string contact_nom, contact_fonction, contact_courriel;
    std::optional<Civilite> contact_civilite;
    DateAt engagement;
    std::string engagement_instance;
    bool appui_conseil_ush = false;

    std::optional<SelfDiagnosis> autodiagnostic;
    std::vector<Audit> audits;               // by date, then file name
    std::optional<Paa> paa;
    std::optional<Concertation> concertation;
    std::vector<Candidature> candidatures;   // by session date, then file name
    std::vector<Visa> visas;                 // by file name
    Flaws flaws;                             // of this folder's files

    // The latest diagnostic audit (initial or renewal), or null.
    const Audit* latest_diagnostic() const;
    const Candidature* candidature_for(Date session) const;
    friend bool operator==(const Organisme&, const Organisme&) = default;
};

struct Model {
    bool standalone = false;          // a lone organisme folder, no repository around it
    std::string rules_file;           // "" when the defaults apply
    Rules rules;
    std::optional<Referent> referent;
    std::vector<Text> ignorer;        // quali.yaml diagnostics.ignorer: warning codes to silence
    Framework framework;
    std::optional<Committee> committee;
    std::vector<Session> sessions;    // by date
    std::vector<Auditor> auditors;    // by id
    std::vector<Organisme> organismes;  // by slug
    Flaws flaws;                      // of the files outside organisme folders

    // Lookups: through the index once index() has run (build_model runs it; it keeps the first
    // of equal keys, as a scan finds), else, or when the indexed item has moved, a linear scan.
    const Auditor* auditor(std::string_view id) const;
    const Organisme* organisme(std::string_view slug) const;
    const Session* session(Date d) const;

    // Indexes auditors, organismes and sessions: a repository of thousands of organismes is
    // looked up in loops (decisions, candidatures), which a scan makes quadratic.
    void index();

private:
    std::map<std::string, std::size_t, std::less<>> m_auditor_index, m_organisme_index;
    std::map<Date, std::size_t> m_session_index;
    friend bool operator==(const Model&, const Model&) = default;
};

// --- names ----------------------------------------------------------------------------------

std::string_view to_string(DecisionKind k);
std::string_view to_string(Request r);
std::string_view to_string(Step s);
std::string_view to_string(AuditType t);
std::string_view to_string(ActionState s);
std::string_view to_string(Evaluation e);
std::string_view to_string(AuditorStatus s);
std::string_view to_string(Nature n);
std::string_view to_string(Civilite c);
std::optional<DecisionKind> parse_decision(std::string_view s);
std::optional<Request> parse_request(std::string_view s);
std::optional<Step> parse_step(std::string_view s);
std::optional<AuditType> parse_audit_type(std::string_view s);
std::optional<ActionState> parse_action_state(std::string_view s);
std::optional<Evaluation> parse_evaluation(std::string_view s);
std::optional<Civilite> parse_civilite(std::string_view s);

// The decision that answers a request (admissibilite -> admissible, …).
DecisionKind granting_decision(Request r);

} // namespace quali::core
