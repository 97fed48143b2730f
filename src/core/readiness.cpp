// SPDX-License-Identifier: EUPL-1.2
// The pieces each requested decision needs (DOMAIN.md §5.1, docs/regles.md « Pièces
// requises »): a signed audit of the right type by an approved auditor, the autodiagnostic,
// the PAA treating every alert point and complex situation, and concertation events with
// proof for the listed steps — all as of the filing date. A defect that another rule already
// reports (an untreated alert point, an unapproved auditor, a step without any event…) is
// listed with that rule's code, so that validate reports it once and the agenda shows it.
#include "quali/core/readiness.hpp"

#include "quali/core/vocabulary.hpp"
#include "rules_internal.hpp"

#include <algorithm>
#include <array>

namespace quali::core {

std::string_view to_string(PieceKind k)
{
    static constexpr std::array<std::string_view, 4> names{"audit", "autodiagnostic", "paa", "concertation"};
    return names[static_cast<std::size_t>(k)];
}

Readiness readiness(const Model& model, const Organisme& o, const Candidature& c, Date as_of, Lang lang,
                    const std::vector<std::string>& unreadable)
{
    return rules_detail::readiness(model, o, c, as_of, lang, rules_detail::Unreadable::from(model, unreadable));
}

namespace rules_detail {

namespace {

// The step as the concertation messages name it: its YAML code (etape:), but « PAA » and
// « vérification » (the documents' longer labels are core::label(Lang, Step)).
std::string step_label(Step s, Lang lang)
{
    if (s == Step::paa) return "PAA";
    if (s == Step::verification) return say(lang, "vérification", "verification");
    return std::string(to_string(s));
}

// « d'admissibilité », « de maintien »: the previous decision, after « la décision ».
std::string decision_label(DecisionKind k, Lang lang)
{
    const std::optional<Request> r = request_of(k);
    return r ? of_request(lang, *r) : std::string(to_string(k));
}

// The decision of the pathway the requested one follows: the required audit must come after
// it. Admissibility follows none; labellisation the admissibility; maintien the last
// labellisation, maintien or renewal; renewal the label's last labellisation or renewal.
struct PreviousDecision {
    Date date;
    DecisionKind kind;
};

std::optional<PreviousDecision> previous_decision(const Model& model, const Organisme& o, Request r,
                                                  std::optional<Date> before)
{
    if (r == Request::admissibilite || !before) return std::nullopt;
    const auto follows = [r](DecisionKind k) {
        switch (r) {
        case Request::labellisation: return k == DecisionKind::admissible;
        case Request::maintien:
            return k == DecisionKind::labellise || k == DecisionKind::maintenu || k == DecisionKind::renouvele;
        case Request::renouvellement: return k == DecisionKind::labellise || k == DecisionKind::renouvele;
        case Request::admissibilite: return false;
        }
        return false;
    };
    std::optional<PreviousDecision> found;
    for (const Session& s : model.sessions) { // by date
        if (!s.held || !s.date || *s.date >= *before) continue;
        for (const Decision& d : s.decisions)
            if (d.organisme.value == o.slug && d.kind && follows(*d.kind)) found = PreviousDecision{*s.date, *d.kind};
    }
    return found;
}

// "" when the audit's auditor is approved at its dates (or when that cannot be asked: a lone
// organisme folder has no auditors); else what already reports it.
std::string approval_problem(const Model& model, const Unreadable& unreadable, const Audit& a)
{
    if (model.standalone) return {};
    const Auditor* who = model.auditor(a.auditeur.value);
    if (who == nullptr) return a.auditeur.value.empty() || unreadable.auditors.contains(a.auditeur.value) ? "fichier" : "Q302";
    const bool readable = who->statut != AuditorStatus::unknown &&
                          std::all_of(who->agrements.begin(), who->agrements.end(),
                                      [](const Approval& ap) { return ap.debut.value && ap.fin.value; });
    if (!readable || !a.debut.value || !a.fin.value) return "fichier";
    if (*a.debut.value > *a.fin.value) return "Q350";
    return who->approved_between(*a.debut.value, *a.fin.value) ? std::string() : std::string("Q330");
}

class Judge {
public:
    Judge(const Model& model, const Organisme& o, const Candidature& c, Date as_of, Lang lang,
          const Unreadable& unreadable)
        : m_model(model), m_o(o), m_c(c), m_as_of(as_of), m_lang(lang), m_unreadable(unreadable),
          m_ref(c.depot.value ? c.depot.value : c.seance.value)
    {
    }

    Readiness run()
    {
        if (!m_c.demande) return {};
        const RequiredPieces& pieces = m_model.rules.pieces_for(*m_c.demande);
        if (pieces.audit) audit(*pieces.audit);
        if (pieces.autodiagnostic) autodiagnostic();
        if (pieces.paa) paa();
        for (const Step s : pieces.concertation) concertation(s);
        return std::move(m_out);
    }

private:
    template <typename... Args>
    std::string say(fmt::format_string<Args...> fr, fmt::format_string<Args...> en, Args&&... args) const
    {
        return core::say(m_lang, fr, en, std::forward<Args>(args)...);
    }

    MissingPiece& add(PieceKind kind, std::string code, std::string signale_par, std::string message,
                      std::string aide, std::string file, Position pos = {})
    {
        MissingPiece& p = m_out.manquantes.emplace_back();
        p.kind = kind;
        p.code = std::move(code);
        p.signale_par = std::move(signale_par);
        p.message = std::move(message);
        p.aide = std::move(aide);
        p.file = std::move(file);
        p.pos = pos;
        return p;
    }

    std::string ref_text() const { return m_ref ? iso(*m_ref) : std::string("?"); }

    // The candidature cites this file of the organisme folder among its pieces: absent, it is
    // already Q206's (a cited piece that does not exist).
    bool cited(std::string_view name) const
    {
        return std::any_of(m_c.pieces.begin(), m_c.pieces.end(), [&](const Text& p) { return p.value == name; });
    }

    // A cited piece audits/…-<type>.yaml that is not among the organisme's audits (Q206).
    bool cited_audit_missing(AuditType type) const
    {
        const std::string suffix = "-" + std::string(to_string(type)) + ".yaml";
        return std::any_of(m_c.pieces.begin(), m_c.pieces.end(), [&](const Text& p) {
            return p.value.starts_with("audits/") && p.value.ends_with(suffix) &&
                   std::none_of(m_o.audits.begin(), m_o.audits.end(),
                                [&](const Audit& a) { return path_in_folder(m_o.folder, a.file) == p.value; });
        });
    }

    void audit(AuditType type)
    {
        const std::string label(audit_name(m_lang, type));
        const auto previous = previous_decision(m_model, m_o, *m_c.demande, m_c.seance.value ? m_c.seance.value : m_ref);
        // The dates a candidate audit must meet: signed on or before the filing, first day after
        // the previous decision.
        const auto signed_in_time = [&](const Audit& a) {
            return a.signature && a.signature->date.value && (!m_ref || *a.signature->date.value <= *m_ref);
        };
        const auto after_previous = [&](const Audit& a) {
            return !previous || (a.date() && *a.date() > previous->date);
        };
        const Audit* latest = nullptr;       // of the type, the latest: what the message names
        const Audit* unapproved = nullptr;   // dates right, auditor's approval reported elsewhere
        std::string unapproved_by;
        for (const Audit& a : m_o.audits) { // by date
            if (a.type != type) continue;
            latest = &a;
            if (!signed_in_time(a) || !after_previous(a)) continue;
            const std::string problem = approval_problem(m_model, m_unreadable, a);
            if (problem.empty()) return; // the piece is there
            unapproved = &a;
            unapproved_by = problem;
        }
        const std::string aide =
            previous ? say("ajoutez un {} (audits/AAAA-MM-JJ-{}.yaml) réalisé après la décision {} du {} et signé "
                           "au plus tard le {}, jour du dépôt",
                           "add the {} (audits/YYYY-MM-DD-{}.yaml), carried out after the {} decision of {} and "
                           "signed on or before {}, the filing date",
                           label, to_string(type), decision_label(previous->kind, m_lang), iso(previous->date),
                           ref_text())
                     : say("ajoutez un {} (audits/AAAA-MM-JJ-{}.yaml) signé au plus tard le {}, jour du dépôt",
                           "add the {} (audits/YYYY-MM-DD-{}.yaml), signed on or before {}, the filing date", label,
                           to_string(type), ref_text());
        if (unapproved != nullptr) {
            add(PieceKind::audit, "Q374", unapproved_by,
                say("l'auditeur de {} ({}) n'est pas agréé à ses dates", "the auditor of {} ({}) is not approved on its dates",
                    path_in_folder(m_o.folder, unapproved->file), label),
                aide, unapproved->file, unapproved->auditeur.pos);
            return;
        }
        // An audit whose type or another key failed its schema may be the one required: its own
        // diagnostic speaks. A signature dated after the reference date is Q356's.
        const bool flawed_audit = std::any_of(m_o.audits.begin(), m_o.audits.end(), [&](const Audit& a) {
            return !a.type || m_o.flaws.in_file(a.file);
        });
        std::string reported = m_unreadable.audits_of.contains(m_o.slug) || flawed_audit ? "fichier" : "";
        if (reported.empty() && latest != nullptr && latest->signature && latest->signature->date.value &&
            *latest->signature->date.value > m_as_of)
            reported = "Q356";
        if (latest == nullptr) {
            add(PieceKind::audit, "Q374", reported.empty() && cited_audit_missing(type) ? "Q206" : reported, say("aucun {} dans audits/", "no {} in audits/", label), aide,
                organisme_path(m_o, "audits"));
            return;
        }
        const std::string file = path_in_folder(m_o.folder, latest->file);
        std::string message;
        if (!latest->signature || !latest->signature->date.value)
            message = say("{} ({}) n'est pas signé", "{} ({}) is not signed", file, label);
        else if (!signed_in_time(*latest))
            message = say("{} ({}) est signé le {}, après le dépôt du {}", "{} ({}) is signed on {}, after the filing on {}",
                          file, label, iso(*latest->signature->date.value), ref_text());
        else
            message = say("{} ({}, du {}) n'est pas postérieur à la décision {} du {}",
                          "{} ({}, dated {}) does not come after the {} decision of {}", file, label,
                          iso_or_unknown(latest->date()), decision_label(previous->kind, m_lang), iso(previous->date));
        add(PieceKind::audit, "Q374", reported, std::move(message), aide, latest->file, latest->type_pos);
    }

    void autodiagnostic()
    {
        const std::string file = organisme_path(m_o, "autodiagnostic.yaml");
        const std::string aide = say("écrivez autodiagnostic.yaml : sa date et la cotation de chaque résidence du parc "
                                     "(residences: [{{ id, nom, commune, logements, cotation }}])",
                                     "write autodiagnostic.yaml: its date and the rating of each estate of the housing stock "
                                     "(residences: [{{ id, nom, commune, logements, cotation }}])");
        if (m_unreadable.autodiagnostic_of.contains(m_o.slug)) {
            add(PieceKind::autodiagnostic, "Q375", "fichier", say("autodiagnostic illisible", "unreadable self-diagnosis"),
                aide, file);
        } else if (!m_o.autodiagnostic) {
            add(PieceKind::autodiagnostic, "Q375", cited("autodiagnostic.yaml") ? "Q206" : "",
                say("pas d'autodiagnostic (autodiagnostic.yaml absent)", "no self-diagnosis (autodiagnostic.yaml missing)"),
                aide, file);
        } else if (m_o.autodiagnostic->residences.empty()) {
            add(PieceKind::autodiagnostic, "Q375", m_o.flaws.in_file(m_o.autodiagnostic->file) ? "fichier" : "",
                say("l'autodiagnostic ne cote aucune résidence", "the self-diagnosis rates no estate"), aide, file);
        }
    }

    void paa()
    {
        const std::string file = organisme_path(m_o, "paa.yaml");
        const std::string aide =
            say("écrivez paa.yaml : une action par point d'alerte du dernier diagnostic et par situation complexe (actions:)",
                "write paa.yaml: one action per alert point of the latest diagnosis and per complex situation (actions:)");
        if (m_unreadable.paa_of.contains(m_o.slug)) {
            add(PieceKind::paa, "Q376", "fichier", say("PAA illisible", "unreadable PAA"), aide, file);
            return;
        }
        if (!m_o.paa) {
            add(PieceKind::paa, "Q376", cited("paa.yaml") ? "Q206" : "", say("pas de PAA (paa.yaml absent)", "no PAA (paa.yaml missing)"), aide, file);
            return;
        }
        const Paa& plan = *m_o.paa;
        if (plan.actions.empty()) {
            add(PieceKind::paa, "Q376", m_o.flaws.in_file(plan.file) ? "fichier" : "",
                say("le PAA n'a aucune action", "the PAA has no action"), aide, file, plan.pos);
            return;
        }
        if (const auto points = untreated_alert_points(m_model, m_unreadable, m_o, plan); points && !points->empty()) {
            std::string ids;
            for (const Result* r : *points) ids += (ids.empty() ? "" : ", ") + r->critere.value;
            add(PieceKind::paa, "Q376", "Q310",
                points->size() == 1 ? say("le PAA ne traite pas le point d'alerte {}", "the PAA does not address alert point {}", ids)
                                    : say("le PAA ne traite pas les points d'alerte {}", "the PAA does not address alert points {}", ids),
                say("ajoutez une action avec « traite: {{ points_alerte: [{}] }} »",
                    "add an action with \"traite: {{ points_alerte: [{}] }}\"", ids),
                file, plan.pos);
        }
        if (const auto situations = untreated_situations(m_model, m_unreadable, m_o, plan);
            situations && !situations->empty()) {
            std::string ids;
            for (const Residence* r : *situations) ids += (ids.empty() ? "" : ", ") + r->id;
            add(PieceKind::paa, "Q376", "Q311",
                situations->size() == 1
                    ? say("le PAA ne traite pas la situation complexe {}", "the PAA does not address complex situation {}", ids)
                    : say("le PAA ne traite pas les situations complexes {}", "the PAA does not address complex situations {}", ids),
                say("ajoutez une action avec « traite: {{ situations: [{}] }} »",
                    "add an action with \"traite: {{ situations: [{}] }}\"", ids),
                file, plan.pos);
        }
    }

    void concertation(Step step)
    {
        const std::string file = organisme_path(m_o, "concertation.yaml");
        const std::string label = step_label(step, m_lang);
        const std::string aide =
            say("ajoutez à concertation.yaml un événement « etape: {} » daté au plus tard du {}, avec sa preuve "
                "(preuve: preuves/…)",
                "add to concertation.yaml an event \"etape: {}\" dated on or before {}, with its evidence "
                "(preuve: preuves/…)",
                to_string(step), ref_text());
        // A key of the file that failed its schema may hold the missing event: its own diagnostic speaks.
        const bool flawed = m_o.concertation && m_o.flaws.in_file(m_o.concertation->file);
        const auto missing = [&](std::string signale_par, std::string message, Position pos = {}) {
            add(PieceKind::concertation, "Q377", flawed ? std::string("fichier") : std::move(signale_par), std::move(message),
                aide, file, pos)
                .etape = step;
        };
        if (m_unreadable.concertation_of.contains(m_o.slug)) {
            missing("fichier", say("concertation illisible (étape {})", "unreadable concertation.yaml (step {})", label));
            return;
        }
        static const Concertation none;
        const Concertation& c = m_o.concertation ? *m_o.concertation : none;
        std::vector<const Event*> of_step, by_filing;
        bool undated = false;
        for (const Event& e : c.evenements) {
            if (e.etape != step) continue;
            of_step.push_back(&e);
            if (!e.date.value) undated = true;
            else if (!m_ref || *e.date.value <= *m_ref) by_filing.push_back(&e);
        }
        if (std::any_of(by_filing.begin(), by_filing.end(), [](const Event* e) { return e->preuve && !e->preuve->value.empty(); }))
            return;
        if (!events_readable(c) || undated) {
            missing("fichier", say("concertation illisible (étape {})", "unreadable concertation.yaml (step {})", label), c.pos);
        } else if (of_step.empty()) {
            const std::vector<Reached> reached = reached_steps(m_o);
            const bool is_reached =
                std::any_of(reached.begin(), reached.end(), [&](const Reached& r) { return r.step == step; });
            missing(is_reached ? "Q320" : "", say("aucun événement de concertation « {} »", "no \"{}\" consultation event", label),
                    c.pos);
        } else if (!by_filing.empty()) {
            missing("Q324",
                    say("l'événement de concertation « {} » du {} n'a pas de preuve", "the \"{}\" consultation event of {} has no evidence",
                        label, iso(*by_filing.back()->date.value)),
                    by_filing.back()->pos);
        } else {
            const Event* first = *std::min_element(of_step.begin(), of_step.end(), [](const Event* x, const Event* y) {
                return *x->date.value < *y->date.value;
            });
            // The first event after the filing is also after the reference day: Q323 speaks.
            const bool future = *first->date.value > m_as_of;
            missing(future ? "Q323" : step == Step::candidature ? "Q322" : "",
                    say("aucun événement de concertation « {} » daté au plus tard du dépôt ({}) : le premier est du {}",
                        "no \"{}\" consultation event dated on or before the filing ({}): the first one is dated {}", label,
                        ref_text(), iso(*first->date.value)),
                    first->date.pos);
        }
    }

    const Model& m_model;
    const Organisme& m_o;
    const Candidature& m_c;
    Date m_as_of;
    Lang m_lang;
    const Unreadable& m_unreadable;
    std::optional<Date> m_ref; // the filing date, else the session's
    Readiness m_out;
};

} // namespace

Readiness readiness(const Model& model, const Organisme& o, const Candidature& c, Date as_of, Lang lang,
                    const Unreadable& unreadable)
{
    return Judge(model, o, c, as_of, lang, unreadable).run();
}

} // namespace rules_detail

} // namespace quali::core
