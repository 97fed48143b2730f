// SPDX-License-Identifier: EUPL-1.2
// Rules 10 and 11, the committee (Q380-Q385, Q390-Q392, Q394): a session that decides has its
// quorum and its chair, votes fit the seats present, its suppléants sit for seats present, each
// proposal and decision answers a candidature, and the decisions follow the pathway (DOMAIN.md
// §1), read from the sessions' decisions in date order.
#include "rules_internal.hpp"

#include "quali/core/schema_check.hpp"
#include "quali/core/session_record.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace quali::core::rules_detail {

namespace {

// Adds months read from quali.yaml, bounded so that no setting overflows the calendar.
Date plus_months(Date d, long long months)
{
    constexpr long long bound = 12LL * 2000;
    return add_months(d, static_cast<int>(std::clamp(months, -bound, bound)));
}

// --- the session itself ---------------------------------------------------------------------

// Every role written in comite/membres.yaml is president or vice-president (else Q104, and
// the chair cannot be judged).
bool roles_read(const Committee& c)
{
    return std::all_of(c.sieges.begin(), c.sieges.end(), [](const Seat& seat) {
        const std::string& role = seat.titulaire.role;
        return role.empty() || role == "president" || role == "vice-president";
    });
}

// The quorum and the chair are core's (session_record.hpp), as the procès-verbal shows them.
void check_session(Run& run, const Session& s)
{
    if (!run.model.committee || s.decisions.empty()) return;
    const Committee& c = *run.model.committee;
    const Position where = place(s.presents_pos, s.date_pos);
    const Quorum q = quorum(c, s, run.model.rules.quorum);
    const bool unknown_seat = std::any_of(s.presents.begin(), s.presents.end(), [&](const Text& p) {
        return !p.value.empty() && c.seat(p.value) == nullptr;
    });
    const int present = q.sieges_presents;
    if (q.sieges > 0 && !q.atteint) {
        if (run.unreadable.rules) return; // quali.yaml's quorum is unknown
        Diagnostic& d =
            run.report("Q390", s.file, where,
                       run.say("quorum non atteint : {} sièges présents sur {}, il en faut plus de {:g} %",
                               "quorum not reached: {} seats present out of {}, more than {:g}% are needed",
                               present, c.sieges.size(), q.regle * 100));
        add_note(d, c.file, {}, run.say("sièges du comité", "the committee's seats"));
        return; // the session could not decide: its votes are not checked
    }
    if (chair(c, s) == nullptr && !unknown_seat && roles_read(c)) {
        Diagnostic& d =
            run.report("Q392", s.file, where,
                       run.say("ni le président ni le vice-président du comité n'est présent",
                               "neither the committee's chair nor its vice-chair is present"));
        for (const Seat& seat : c.sieges)
            if (!seat.titulaire.role.empty() && sat_by_suppleant(s, seat.id)) {
                d.hint = run.say("le siège « {} » est représenté par son suppléant (suppleants) : seul "
                                 "son titulaire préside",
                                 "seat \"{}\" is represented by its suppléant (suppleants): only its "
                                 "titulaire chairs",
                                 seat.id);
                break; // the first such seat, in the committee's order
            }
        add_note(d, c.file, {},
                 run.say("rôles des titulaires (role: president | vice-president)",
                         "the members' roles (role: president | vice-president)"));
        return;
    }
    for (const Decision& dec : s.decisions) {
        if (!dec.votes || run.model.flaws.of_item(s.file, dec.pos)) continue;
        const Votes& v = *dec.votes;
        const long long cast = 0LL + v.pour + v.contre + v.abstention; // no overflow on huge counts
        if (cast > present)
            run.report(
                "Q391", s.file, place(v.pos, dec.pos),
                run.say("{} votes exprimés (pour : {}, contre : {}, abstention : {}) pour {} sièges présents",
                        "{} votes cast (for: {}, against: {}, abstentions: {}) for {} seats present", cast,
                        v.pour, v.contre, v.abstention, present));
    }
}

// The candidature a decision or a proposal answers: the one for that session, else the one
// whose file is named after it (its own session is wrong: Q370 or Q372, reported there).
const Candidature* candidature_for(const Organisme& o, Date session)
{
    if (const Candidature* c = o.candidature_for(session)) return c;
    for (const Candidature& c : o.candidatures)
        if (file_stem(c.file) == iso(session)) return &c;
    return nullptr;
}

// --- the référent's proposals and the suppléants --------------------------------------------

// Q384, Q385: a proposal names an organisme that filed for the session, once. An unknown
// organisme is Q306's; a proposal that differs from the decision is no error (the PV shows both).
void check_proposals(Run& run, const Session& s)
{
    if (!s.date) return;
    std::map<std::string, const Proposal*, std::less<>> seen;
    for (const Proposal& p : s.propositions) {
        const std::string& slug = p.organisme.value;
        const Organisme* o = slug.empty() ? nullptr : run.model.organisme(slug);
        if (o == nullptr || run.model.flaws.of_item(s.file, p.pos)) continue;
        const Position at = place(p.organisme.pos, p.pos);
        if (const auto [first, inserted] = seen.emplace(slug, &p); !inserted) {
            Diagnostic& d = run.report("Q385", s.file, at,
                                       run.say("deuxième proposition du référent pour {}",
                                               "second proposal of the label coordinator for {}", slug));
            add_note(d, s.file, place(first->second->organisme.pos, first->second->pos),
                     run.say("première proposition", "first proposal"));
            continue;
        }
        if (candidature_for(*o, *s.date) != nullptr || run.unreadable.candidatures.contains({slug, *s.date}))
            continue;
        Diagnostic& d = run.report(
            "Q384", s.file, at,
            run.say("proposition pour {}, qui n'a pas de candidature pour la séance du {}",
                    "proposal for {}, which has no application for the session of {}", slug, iso(*s.date)));
        d.hint = run.say("candidature attendue : {}/candidatures/{}.yaml",
                         "expected application: {}/candidatures/{}.yaml", o->folder, iso(*s.date));
    }
}

// Q394: a seat represented by its suppléant is a seat present. One that is no seat at all is
// Q305's.
void check_suppleants(Run& run, const Session& s)
{
    const Committee* c = run.model.committee ? &*run.model.committee : nullptr;
    for (const Text& t : s.suppleants) {
        if (t.value.empty()) continue;
        if (c != nullptr && !run.unreadable.committee && c->seat(t.value) == nullptr) continue;
        if (std::any_of(s.presents.begin(), s.presents.end(), [&](const Text& p) { return p.value == t.value; }))
            continue;
        Diagnostic& d = run.report("Q394", s.file, t.pos,
                                   run.say("siège « {} » représenté par son suppléant mais absent de presents",
                                           "seat \"{}\" represented by its suppléant but not in presents",
                                           t.value));
        d.hint = run.say("ajoutez « {} » à presents, ou retirez-le de suppleants",
                         "add \"{}\" to presents, or remove it from suppleants", t.value);
    }
}

// --- decisions and the pathway --------------------------------------------------------------

struct Anchor {
    const Session* session = nullptr;
    const Decision* decision = nullptr;
};

// Where an organisme stands after the decisions read so far.
struct Standing {
    std::optional<Date> admissible; // last admissibility
    std::optional<Date> label;      // last labellisation or renewal (L)
    int maintiens = 0;              // since L
    bool withdrawn = false;
    bool uncertain = false;       // a decision could not be read: the order is not judged
    std::optional<Date> deadline; // of the next step: the rule's, or a derogation's
    Anchor anchor;                // the decision that set it
};

bool fits(DecisionKind kind, Request request)
{
    switch (kind) {
    case DecisionKind::admissible:
    case DecisionKind::labellise:
    case DecisionKind::maintenu:
    case DecisionKind::renouvele:
        return granting_decision(request) == kind;
    default:
        return true; // ajourne, refuse, suivi answer any request; retire is Q383's
    }
}

class DecisionChecker {
  public:
    explicit DecisionChecker(Run& run) : m_run(run) {}

    void check(const Session& s, const Decision& dec)
    {
        if (!s.date) return;
        const Date when = *s.date;
        const Organisme* o = m_run.model.organisme(dec.organisme.value);
        if (o == nullptr) {
            // Q306: the decision still counts in the pathway of the organisme it most likely
            // names, so that a typo does not also break the order of the later decisions.
            if (const auto near = closest(dec.organisme.value, slugs()))
                if (const Organisme* guess = m_run.model.organisme(*near); guess != nullptr && dec.kind)
                    follow(s, dec, *guess, when, *dec.kind, true);
            return;
        }
        if (!dec.kind || m_run.model.flaws.of_item(s.file, dec.pos)) {
            standing(*o).uncertain = true; // unreadable decision (Q104), or one that failed its schema
            return;
        }
        const DecisionKind kind = *dec.kind;
        bool reported = false;
        const Candidature* c = candidature_for(*o, when);
        if (kind != DecisionKind::retire && c == nullptr &&
            !m_run.unreadable.candidatures.contains({o->slug, when})) {
            Diagnostic& d = m_run.report(
                "Q380", s.file, place(dec.organisme.pos, dec.pos),
                m_run.say("décision « {} » pour {} sans candidature de l'organisme pour la séance "
                          "du {}",
                          "decision \"{}\" for {}, which has no application for the "
                          "session of {}",
                          to_string(kind), o->slug, iso(when)));
            d.hint = m_run.say("candidature attendue : {}/candidatures/{}.yaml",
                               "expected application: {}/candidatures/{}.yaml", o->folder, iso(when));
            reported = true;
        } else if (c != nullptr && c->demande && !fits(kind, *c->demande)) {
            Diagnostic& d = m_run.report(
                "Q381", s.file, place(dec.kind_pos, dec.pos),
                m_run.say("décision « {} » en réponse à une demande « {} » (attendu : « {} », ou "
                          "ajourne, refuse, suivi)",
                          "decision \"{}\" in answer to a \"{}\" request (expected \"{}\", or "
                          "ajourne, refuse, suivi)",
                          to_string(kind), to_string(*c->demande),
                          to_string(granting_decision(*c->demande))));
            add_note(d, c->file, place(c->demande_pos, c->pos),
                     m_run.say("décision demandée", "decision requested"));
            reported = true;
        }
        follow(s, dec, *o, when, kind, reported);
    }

  private:
    Run& m_run;
    std::vector<Standing> m_standings; // by position in the model's organismes: thousands of them

    Standing& standing(const Organisme& o)
    {
        const auto& all = m_run.model.organismes;
        if (m_standings.empty()) m_standings.resize(all.size());
        return m_standings[static_cast<std::size_t>(&o - all.data())];
    }

    std::vector<std::string> m_slugs;

    const std::vector<std::string>& slugs()
    {
        if (m_slugs.empty())
            for (const Organisme& o : m_run.model.organismes)
                m_slugs.push_back(o.slug);
        return m_slugs;
    }

    const Rules& rules() const { return m_run.model.rules; }

    // The rule's deadline of the next maintien: every periodicite months from L, within validity.
    Date maintenance_deadline(const Standing& p) const
    {
        const Date expiry = plus_months(*p.label, rules().validite_label_mois);
        const Date due =
            plus_months(*p.label, 1LL * rules().periodicite_verification_mois * (p.maintiens + 1));
        return due < expiry ? due : add_days(expiry, -1);
    }

    // The order is judged when every decision and setting could be read.
    bool judged(const Standing& p) const
    {
        return !p.uncertain && !m_run.unreadable.sessions && !m_run.unreadable.rules;
    }

    bool labelled(const Standing& p, Date when) const
    {
        if (!p.label || p.withdrawn) return false;
        return when < plus_months(*p.label, rules().validite_label_mois) ||
               (p.deadline && when <= *p.deadline);
    }

    // deadline: the standing whose deadline was missed, for a note on the decision that set it.
    void out_of_order(const Session& s, const Decision& dec, const Standing* deadline, std::string message)
    {
        Diagnostic& d = m_run.report("Q382", s.file, place(dec.kind_pos, dec.pos), std::move(message));
        if (deadline == nullptr) return;
        const Standing& p = *deadline;
        if (p.anchor.session != nullptr && p.anchor.decision != nullptr)
            add_note(d, p.anchor.session->file, place(p.anchor.decision->kind_pos, p.anchor.decision->pos),
                     p.anchor.decision->derogation
                         ? m_run.say("échéance fixée par dérogation au {}",
                                     "deadline moved by derogation to {}",
                                     iso_or_unknown(p.anchor.decision->derogation->echeance.value))
                         : m_run.say("décision précédente", "previous decision"));
    }

    void follow(const Session& s, const Decision& dec, const Organisme& o, Date when, DecisionKind kind,
                bool reported)
    {
        Standing& p = standing(o);
        const Standing before = p; // for the note: the decision that set the missed deadline
        const auto late = [&] { return p.deadline && when > *p.deadline; };
        std::optional<std::string> problem;
        bool missed_deadline = false; // else a step is missing: no earlier decision to show
        switch (kind) {
        case DecisionKind::admissible:
            p.admissible = when;
            p.deadline = plus_months(when, rules().attribution_mois);
            break;
        case DecisionKind::labellise:
            if (!p.admissible)
                problem = m_run.say("labellisation sans admissibilité préalable",
                                    "labelling without a prior admissibility decision");
            else if (!p.label && (missed_deadline = late()))
                problem = m_run.say("labellisation le {}, après l'échéance du {} (admissibilité du {})",
                                    "labelling on {}, after the deadline of {} (admissibility on {})",
                                    iso(when), iso(*p.deadline), iso(*p.admissible));
            start_cycle(p, when);
            break;
        case DecisionKind::maintenu:
            if (!p.label || p.withdrawn)
                problem = m_run.say("maintien d'un organisme qui n'est pas labellisé",
                                    "continuation (maintien) of an organisation that is not labelled");
            else if ((missed_deadline = late()))
                problem = m_run.say(
                    "maintien le {}, après l'échéance du {} : le label n'est plus valide (labellisation du "
                    "{})",
                    "continuation on {}, after the deadline of {}: the label is no longer valid (labelled on {})",
                    iso(when), iso(*p.deadline), iso(*p.label));
            if (p.label) {
                ++p.maintiens;
                p.deadline = maintenance_deadline(p);
            }
            break;
        case DecisionKind::renouvele:
            if (!renewal_diagnostic(o, p, when))
                problem = m_run.say("renouvellement sans diagnostic HQS® de renouvellement préalable",
                                    "renewal without a prior HQS® renewal diagnosis");
            start_cycle(p, when);
            break;
        case DecisionKind::retire:
            if (!labelled(p, when) && judged(p) && !reported) {
                Diagnostic& d = m_run.report(
                    "Q383", s.file, place(dec.kind_pos, dec.pos),
                    m_run.say("retrait du label de l'organisme {}, qui n'est pas labellisé à cette date",
                              "withdrawal of the label of {}, which is not labelled on that date", o.slug));
                d.hint = m_run.say(
                    "un retrait ne vise qu'un organisme labellisé ; sinon « refuse » ou « ajourne »",
                    "only a labelled organisation can have its label withdrawn; otherwise \"refuse\" or \"ajourne\"");
            }
            p = Standing{}; // the label ends; a new pathway starts with an admissibility
            p.withdrawn = true;
            p.uncertain = before.uncertain;
            break;
        case DecisionKind::ajourne:
        case DecisionKind::refuse:
        case DecisionKind::suivi:
            break;
        }
        if (problem && !reported && judged(p))
            out_of_order(s, dec, missed_deadline ? &before : nullptr, *problem);
        // A derogation replaces the next deadline, whatever the decision.
        if (dec.derogation && dec.derogation->echeance.value) p.deadline = *dec.derogation->echeance.value;
        if (kind != DecisionKind::ajourne && kind != DecisionKind::refuse && kind != DecisionKind::suivi)
            p.anchor = {&s, &dec};
        else if (dec.derogation)
            p.anchor = {&s, &dec};
    }

    void start_cycle(Standing& p, Date when)
    {
        p.label = when;
        p.maintiens = 0;
        p.withdrawn = false;
        p.deadline = maintenance_deadline(p);
    }

    // A diagnostic-hqs-renouvellement audit since the current label, before the decision.
    static bool renewal_diagnostic(const Organisme& o, const Standing& p, Date when)
    {
        return std::any_of(o.audits.begin(), o.audits.end(), [&](const Audit& a) {
            const auto d = a.date();
            return a.type == AuditType::renouvellement && d && *d <= when && (!p.label || *d > *p.label);
        });
    }
};

} // namespace

void check_committee(Run& run)
{
    if (run.model.standalone) return;
    DecisionChecker decisions(run);
    for (const Session& s : run.model.sessions) {
        check_session(run, s);
        check_proposals(run, s);
        check_suppleants(run, s);
        for (const Decision& dec : s.decisions)
            decisions.check(s, dec);
    }
}

} // namespace quali::core::rules_detail
