// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The référent's yearly mini-bilan (seed §2: « réalise un mini-bilan annuel » ; the USH wants
// « une cartographie de son fonctionnement, en précisant les points forts et les points
// d'alerte » and an « observatoire des bonnes pratiques »): every figure of one year, computed
// from the model. Pure: the reference date and the validation results are parameters. Each
// figure is defined in docs/bilan.md so that it can be counted by hand.
#include "quali/core/calendar_date.hpp"
#include "quali/core/model.hpp"
#include "quali/core/pathway.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// What quali validate found in one organisme's dossier (see instruction.hpp's validation_of).
struct ValidationCount {
    int erreurs = 0;
    int avertissements = 0;
};

using ValidationCounts = std::map<std::string, ValidationCount, std::less<>>;

// A list of durations in days, summed up: the median (the middle value, or the mean of the two
// middle values for an even count), the extremes, and the quartiles from four values on
// (medians of the lower and upper halves, the middle value left out for an odd count).
struct DurationStats {
    int nombre = 0;
    std::optional<double> mediane, q1, q3;
    std::optional<int> min, max;
};

DurationStats duration_stats(std::vector<int> days);

// The pathway's movements of a year (docs/bilan.md §2).
enum class Movement : std::uint8_t {
    engagement, admissibilite, labellisation, maintien, renouvellement, retrait, expiration
};

// Stable codes: engagement | admissibilite | labellisation | maintien | renouvellement | retrait |
// expiration.
std::string_view to_string(Movement m);

inline constexpr std::array all_movements{Movement::engagement,     Movement::admissibilite,
                                          Movement::labellisation,  Movement::maintien,
                                          Movement::renouvellement, Movement::retrait,
                                          Movement::expiration};

inline constexpr std::array all_states{PathwayState::engage,    PathwayState::admissible,
                                       PathwayState::labellise, PathwayState::expire,
                                       PathwayState::retire,    PathwayState::refuse};

inline constexpr std::array all_decisions{DecisionKind::admissible, DecisionKind::labellise,
                                          DecisionKind::maintenu,   DecisionKind::renouvele,
                                          DecisionKind::ajourne,    DecisionKind::refuse,
                                          DecisionKind::retire,     DecisionKind::suivi};

inline constexpr std::array all_steps{Step::engagement,   Step::diagnostic,   Step::paa,
                                      Step::candidature,  Step::verification, Step::renouvellement};

struct MovementEvent {
    Date date;
    Movement type = Movement::engagement;
    std::string organisme;  // slug
};

// An organisme counted at the end of the period, with its pathway on that day.
struct OrganismeAtEnd {
    const Organisme* organisme = nullptr;
    Pathway parcours;
};

// How far the organismes counted at the end of the period ever went in the pathway.
struct Funnel {
    int engages = 0;      // counted at the end of the period
    int admissibles = 0;  // obtained at least admissibility (or a later granting decision)
    int labellises = 0;   // labelled at least once (labellise or renouvele)
    int label_valide = 0; // state labellise at the end of the period
};

// A held session of the period.
struct SessionLine {
    const Session* session = nullptr;
    Date date;
    int decisions = 0;
    int dossiers = 0;  // dossiers examined at it
    int presents = 0;  // seats represented (distinct)
};

// A dossier filed for a session of the period, outside its window.
struct FilingLine {
    std::string organisme;
    Date seance;
    std::optional<Date> depot;
    bool en_retard = false;  // else early
};

struct Filings {
    int deposes = 0, a_l_heure = 0, en_retard = 0, anticipes = 0, date_inconnue = 0;
    std::vector<FilingLine> hors_fenetre;  // late and early ones, by session then slug
};

struct Durations {
    DurationStats engagement_admissibilite, admissibilite_labellisation, engagement_labellisation,
        depot_decision;
};

// The evaluations of one theme across the period's audits.
struct ThemeCount {
    std::string theme, titre;
    int points_forts = 0, conformes = 0, points_alerte = 0, non_evalues = 0;
    int evalues() const { return points_forts + conformes + points_alerte; }
    int total() const { return evalues() + non_evalues; }
};

// One strong point of an audit of the period: the observatory of good practices.
struct StrongPoint {
    std::string organisme;  // slug
    std::optional<Date> audit;
    std::optional<AuditType> type;
    std::string critere, critere_titre, theme, constat;
    std::string audit_file; // organismes/<slug>/audits/….yaml
};

// Strong points in their order, kept compactly: a few numbers each, their own texts (organisme,
// criterion, constat, audit file) in buffers shared with ActivityTally (one per organisme, never
// copied), each criterion's title and theme once. The observatory lists 87,000 at N = 6,000 over
// the whole history; a StrongPoint is made only when one is read.
class StrongPoints {
  public:
    // A text's place in a buffer.
    struct TextAt {
        std::uint32_t at = 0, size = 0;
    };
    // A point's organisme, criterion, constat and audit file, in that order.
    using Texts = std::array<TextAt, 4>;
    using Buffer = std::shared_ptr<const std::string>;
    StrongPoints() = default;
    // Points whose texts are in buffers.
    explicit StrongPoints(std::vector<Buffer> buffers) : m_buffers(std::move(buffers)) {}

    std::size_t size() const { return m_points.size(); }
    bool empty() const { return m_points.empty(); }
    StrongPoint operator[](std::size_t i) const;
    std::string_view critere(std::size_t i) const { return text(i, critere_at); }
    std::string_view theme(std::size_t i) const { return m_labels[m_points.at(i).label].theme; }
    void reserve(std::size_t points) { m_points.reserve(points); }
    // A point with texts of its own (copied into a buffer of their own).
    void push_back(const StrongPoint& p);
    // A point whose own texts are in buffers[buffer].
    void push_back(std::uint32_t buffer, const Texts& texts, std::optional<Date> audit,
                   std::optional<AuditType> type, std::string_view critere_titre, std::string_view theme);
    // Orders the points by their theme's rank, criterion, organisme and audit date; points equal
    // on all four stay in the order they were added. In place: no second list of the points.
    void sort(const std::function<std::size_t(std::string_view theme)>& rank_of_theme);

  private:
    enum : std::size_t { organisme_at, critere_at, constat_at, audit_file_at };
    struct Kept {
        std::uint32_t buffer = 0;
        Texts texts{};
        std::uint32_t label = 0; // in m_labels
        std::uint32_t added = 0; // its place among the points added
        std::optional<Date> audit;
        std::optional<AuditType> type;
    };
    struct Label {
        std::string titre, theme;
    };
    std::string_view text(std::size_t i, std::size_t which) const { return text(m_points.at(i), which); }
    std::string_view text(const Kept& k, std::size_t which) const;
    std::vector<Buffer> m_buffers;
    std::vector<Label> m_labels; // each criterion's title and theme, once
    std::vector<Kept> m_points;
};

// How often one criterion was an alert point: results, and organismes among them.
struct CriterionAlerts {
    std::string critere, critere_titre, theme;
    int constats = 0, organismes = 0;
};

struct Themes {
    int audits = 0;                      // audits of the period
    std::vector<ThemeCount> par_theme;   // the framework's themes, in its order
    ThemeCount hors_cadre;               // results on a criterion the framework lacks
    std::vector<std::string> faibles;    // up to three theme ids, weakest first
    StrongPoints points_forts;
    std::vector<CriterionAlerts> alertes; // most found first: results, organismes, then id
};


// A PAA action due in the year that was still open after its deadline.
struct LateAction {
    std::string organisme, action, titre;
    Date echeance;
    std::optional<ActionState> etat;
};

struct ActionsDue {
    int dues = 0, realisees = 0, en_retard = 0, ouvertes = 0, abandonnees = 0;
    std::vector<LateAction> liste_en_retard;  // by deadline, slug, id
    // The actions that were to be done: those due, but the abandoned ones (the share done's base).
    int a_realiser() const { return dues - abandonnees; }
};

struct StepEvents {
    Step etape = Step::engagement;
    int information = 0, association = 0;
    int total() const { return information + association; }
};

struct ConcertationCount {
    int evenements = 0;  // events of the period with a readable step
    int organismes = 0;  // organismes with at least one such event
    std::vector<StepEvents> par_etape;  // the six steps, in pathway order
};

struct AuditorLine {
    std::string auditeur;  // id ("" when the audit names none)
    int audits = 0, diagnostics = 0, verifications = 0, renouvellements = 0;
    double jours = 0;
};

struct ApprovalLine {
    std::string auditeur;
    Date debut, fin;
};

struct DataQualityLine {
    std::string organisme;
    int erreurs = 0, avertissements = 0;
};

struct Bilan {
    int annee = 0;
    Date debut, fin;     // the period: 1 January to 31 December, or to as_of when earlier
    Date as_of;          // the reference date the repository is read at
    bool complete = true;  // fin is 31 December

    // 1. Organismes at the end of the period.
    std::vector<OrganismeAtEnd> organismes;  // by slug
    int pas_encore_engages = 0;              // engaged after the period, no earlier decision
    std::array<int, all_states.size()> par_etat{};
    long long logements_label_valide = 0;
    Funnel entonnoir;

    // 2. Movements.
    std::array<int, all_movements.size()> mouvements{};
    std::vector<MovementEvent> chronologie;  // by date, type, slug

    // 3. Committee.
    std::vector<SessionLine> seances;        // held sessions of the period, by date
    std::vector<Date> seances_prevues;       // sessions of the year after the reference date
    int dossiers_examines = 0;
    std::array<int, all_decisions.size()> decisions{};
    int derogations = 0;
    Filings depots;

    // 4. Durations (days).
    Durations durees;

    // 5. Strong points and alert points.
    Themes themes;

    // 6. PAA actions due in the year.
    ActionsDue actions;

    // 7. Concertation, auditors, approvals.
    ConcertationCount concertation;
    std::vector<AuditorLine> audits_par_auditeur;       // by auditor id
    std::vector<ApprovalLine> agrements_fin_annee_suivante;  // by end, id
    std::vector<ApprovalLine> agrements_accordes;       // approvals starting in the period

    // 8. Data quality.
    int organismes_avec_avertissements = 0;      // warnings only
    std::vector<DataQualityLine> qualite;        // organismes with errors, by slug

    int count(PathwayState s) const;
    int count(Movement m) const;
    int count(DecisionKind k) const;
    int decisions_total() const;
    int audits_total() const;                         // the audits of audits_par_auditeur
    const ThemeCount* theme(std::string_view id) const; // of par_theme, or null
};

// What the bilans and the observatory count of the organismes' own files — their audits'
// evaluations (§5), their PAA actions due (§6), their concertation events (§7) — taken one
// organisme at a time, by calendar year and over the whole history up to as_of: quali site
// counts each organisme as it reads its folder, and need not keep it. Nothing dated after as_of
// is counted but the actions due later in as_of's year (their deadline decides, not as_of).
class ActivityTally {
  public:
    explicit ActivityTally(Date as_of);
    // Counts an organisme (each once); framework: the theme of each criterion.
    void add(const Framework& framework, const Organisme& organisme);
    Date as_of() const { return m_as_of; }
    // The evaluations of the audits of a year (none: of the whole history from 1900, the
    // calendar's first year), by theme of the framework; the strong points by theme,
    // criterion, organisme and date; the alert points by criterion, most found first.
    Themes themes(const Framework& framework, std::optional<int> year) const;
    // The PAA actions due in a year, late when still open after their deadline and before
    // 31 December or as_of, whichever is first.
    ActionsDue actions(int year) const;
    // The year's concertation events by step, and the organismes that held one.
    ConcertationCount concertation(int year) const;
    // The audits of a year by auditor id (as of as_of), each auditor's days summed smallest
    // first: the same figure whatever order the organismes were counted in.
    std::vector<AuditorLine> auditors(int year) const;

  private:
    struct Evaluations {
        int audits = 0;
        std::map<std::string, ThemeCount, std::less<>> by_theme; // "" : criteria outside the framework
        std::map<std::string, CriterionAlerts, std::less<>> alerts;
    };
    void add_audits(const Framework& framework, const Organisme& organisme);
    void add_auditor(int year, const Audit& audit);
    void add_actions(const Organisme& organisme);
    void add_concertation(const Organisme& organisme);

    Date m_as_of;
    std::map<int, Evaluations> m_years;
    Evaluations m_history;
    // Every strong point dated up to as_of, without its titles: 87,000 at N = 6,000, kept as a
    // few numbers each, their texts in one buffer per organisme (its slug and each audit's file
    // once, then each point's criterion and constat), which themes() shares with the
    // StrongPoints it gives.
    struct KeptPoint {
        std::uint32_t buffer = 0; // its organisme's in m_texts
        StrongPoints::Texts texts{};
        Date audit;
        std::optional<AuditType> type;
    };
    enum : std::size_t { kept_organisme, kept_critere };
    std::string_view text(const KeptPoint& kept, std::size_t which) const;
    std::deque<KeptPoint> m_points; // grows without a vector's spare room and copies
    std::vector<StrongPoints::Buffer> m_texts;
    std::map<int, ActionsDue> m_actions;
    std::map<int, ConcertationCount> m_concertation;
    struct AuditorCount {
        AuditorLine line;          // jours: summed by auditors()
        std::vector<double> jours; // each audit's
    };
    std::map<int, std::map<std::string, AuditorCount, std::less<>>> m_auditors;
};

// Every organisme of the model counted.
ActivityTally tally_of(const Model& model, Date as_of);

// The bilan of a year as of a day (as_of must not be before 1 January of that year; a later
// day than 31 December reads the repository as of that day over the whole year).
// validation: per organisme slug, what quali validate reported as of as_of.
Bilan compute_bilan(const Model& model, int annee, Date as_of, const ValidationCounts& validation);

// The same, with the organismes' own files counted beforehand (activity.as_of() must be as_of):
// of the organismes, the model needs only what core::digest keeps.
Bilan compute_bilan(const Model& model, int annee, const ValidationCounts& validation,
                    const ActivityTally& activity);

} // namespace quali::core
