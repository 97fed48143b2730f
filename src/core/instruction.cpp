// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/instruction.hpp"

#include "quali/core/file_kind.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace quali::core {

namespace {

// The audits the plan answers: the latest diagnostic (initial or renewal) and the
// verification audits after it.
std::vector<const Audit*> current_audits(const Organisme& o)
{
    std::vector<const Audit*> out;
    const Audit* latest = o.latest_diagnostic();
    if (latest == nullptr) return out;
    bool after = false;
    for (const Audit& a : o.audits) {
        if (&a == latest) after = true;
        if (after && (&a == latest || a.is_verification())) out.push_back(&a);
    }
    return out;
}

std::vector<PastDecision> decisions_about(const Model& model, const Organisme& o, Date until_inclusive)
{
    std::vector<PastDecision> out;
    for (const Session& s : model.sessions) {
        if (!s.held || !s.date || *s.date > until_inclusive) continue;
        for (const Decision& d : s.decisions)
            if (d.organisme.value == o.slug) out.push_back({*s.date, &s, &d});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const PastDecision& a, const PastDecision& b) { return a.seance < b.seance; });
    return out;
}

int request_rank(const Candidature* c)
{
    return c->demande ? static_cast<int>(*c->demande) : 4;
}

} // namespace

std::string_view to_string(FilingStatus s)
{
    switch (s) {
    case FilingStatus::a_l_heure:
        return "a-l-heure";
    case FilingStatus::en_retard:
        return "en-retard";
    case FilingStatus::anticipe:
        return "anticipe";
    case FilingStatus::inconnu:
        return "inconnu";
    }
    return "inconnu";
}

FilingStatus filing_status(std::optional<Date> depot, Date session, const Window& window)
{
    if (!depot) return FilingStatus::inconnu;
    if (*depot >= session) return FilingStatus::en_retard;
    if (*depot < window.opens) return FilingStatus::anticipe;
    return FilingStatus::a_l_heure;
}

AuditSummary audit_summary(const Organisme& o, const Audit& a)
{
    AuditSummary s;
    s.audit = &a;
    s.chemin = path_in_folder(o.folder, a.file);
    s.points_forts = a.count(Evaluation::point_fort);
    s.conformes = a.count(Evaluation::conforme);
    s.points_alerte = a.count(Evaluation::point_d_alerte);
    s.non_evalues = a.count(Evaluation::non_evalue);
    return s;
}

PaaSummary paa_summary(const Model& model, const Organisme& o)
{
    PaaSummary s;
    std::set<std::string> alerts, situations;
    for (const Audit* a : current_audits(o))
        for (const Result& r : a->resultats)
            if (is_alert(r)) alerts.insert(r.critere.value);
    if (o.autodiagnostic)
        for (const Residence& r : o.autodiagnostic->residences)
            if (!r.id.empty() && r.cotation && *r.cotation >= model.rules.cotation_situation_complexe)
                situations.insert(r.id);
    s.points_alerte.assign(alerts.begin(), alerts.end());
    s.situations.assign(situations.begin(), situations.end());
    if (!o.paa) {
        s.points_alerte_non_traites = s.points_alerte;
        s.situations_non_traitees = s.situations;
        return s;
    }
    s.present = true;
    s.mise_a_jour = o.paa->mise_a_jour;
    for (const Action& a : o.paa->actions) {
        if (!a.etat) {
            ++s.etat_inconnu;
            continue;
        }
        switch (*a.etat) {
        case ActionState::prevue:
            ++s.prevues;
            break;
        case ActionState::en_cours:
            ++s.en_cours;
            break;
        case ActionState::realisee:
            ++s.realisees;
            break;
        case ActionState::abandonnee:
            ++s.abandonnees;
            break;
        }
    }
    for (const std::string& id : s.points_alerte)
        if (!treats(*o.paa, &Action::points_alerte, id))
            s.points_alerte_non_traites.push_back(id);
    for (const std::string& id : s.situations)
        if (!treats(*o.paa, &Action::situations, id)) s.situations_non_traitees.push_back(id);
    return s;
}

std::vector<StepCoverage> concertation_coverage(const Organisme& o)
{
    const auto has_audit = [&](auto is) { return std::any_of(o.audits.begin(), o.audits.end(), is); };
    // What shows each step was reached: as rule Q320 reads the dossier.
    const bool reached[] = {o.engagement.value.has_value(),
                            has_audit([](const Audit& a) { return a.type == AuditType::diagnostic; }),
                            o.paa && !o.paa->actions.empty(),
                            !o.candidatures.empty(),
                            has_audit([](const Audit& a) { return a.is_verification(); }),
                            has_audit([](const Audit& a) { return a.type == AuditType::renouvellement; })};
    std::vector<StepCoverage> out;
    for (int i = 0; i <= static_cast<int>(Step::renouvellement); ++i) {
        StepCoverage c;
        c.etape = static_cast<Step>(i);
        c.atteinte = reached[i];
        if (o.concertation)
            for (const Event& e : o.concertation->evenements) {
                if (e.etape != c.etape) continue;
                if (e.nature == Nature::association)
                    ++c.association;
                else
                    ++c.information;
                if (e.date.value && (!c.derniere || *e.date.value > *c.derniere)) c.derniere = e.date.value;
            }
        out.push_back(c);
    }
    return out;
}

ValidationSummary validation_of(const Model& model, const Organisme& o,
                                const std::vector<Diagnostic>& diagnostics)
{
    // Each decision of a session file covers the lines from its own to the next one's: a
    // diagnostic there is about the decision that starts last at or before its line. Looked up
    // only for the diagnostics outside the folder (none in a valid repository): a table of every
    // decision built for each organisme made the site quadratic in the number of organismes.
    const auto about_decision = [&](const Diagnostic& d) {
        const Decision* found = nullptr;
        for (const Session& s : model.sessions) {
            if (s.file != d.file) continue;
            for (const Decision& dec : s.decisions)
                if (dec.pos.line > 0 && dec.pos.line <= d.pos.line &&
                    (found == nullptr || dec.pos.line > found->pos.line))
                    found = &dec;
        }
        return found != nullptr && found->organisme.value == o.slug;
    };
    const std::string prefix = o.folder.empty() ? std::string() : o.folder + "/";
    ValidationSummary v;
    for (const Diagnostic& d : diagnostics) {
        const bool own = model.standalone ? true : (!prefix.empty() && d.file.starts_with(prefix));
        if (!own && !about_decision(d)) continue;
        v.diagnostics.push_back(d);
        if (d.severity == Severity::error) {
            ++v.erreurs;
            if (own && d.code != "Q360" && d.code != "Q361") ++v.erreurs_dossier;
        } else {
            ++v.avertissements;
        }
    }
    sort_diagnostics(v.diagnostics);
    return v;
}

const Session* session_file(const Model& model, Date seance)
{
    const std::string file = "comite/seances/" + iso(seance) + ".yaml";
    for (const Session& s : model.sessions)
        if (s.file == file) return &s;
    return nullptr;
}

std::vector<Date> nearest_sessions(const Model& model, Date day, std::size_t n)
{
    std::vector<Date> dates;
    for (const Session& s : model.sessions)
        if (const auto d = parse_iso_date(file_stem(s.file))) dates.push_back(*d);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    std::stable_sort(dates.begin(), dates.end(), [&](Date a, Date b) {
        return std::abs((a - day).count()) < std::abs((b - day).count());
    });
    if (dates.size() > n) dates.resize(n);
    return dates;
}

std::string unknown_session_message(const Model& model, std::string_view argument, Lang lang)
{
    const auto day = parse_iso_date(argument);
    std::string msg = day ? say(lang, "aucune séance le {} : pas de fichier comite/seances/{}.yaml",
                                "no session on {}: no file comite/seances/{}.yaml", argument, argument)
                          : say(lang, "« {} » n'est pas une date de séance AAAA-MM-JJ",
                                "\"{}\" is not a session date YYYY-MM-DD", argument);
    std::vector<Date> near;
    if (day) {
        near = nearest_sessions(model, *day, 3);
    } else {
        for (const Session& s : model.sessions)
            if (const auto d = parse_iso_date(file_stem(s.file))) near.push_back(*d);
        std::sort(near.begin(), near.end());
        if (near.size() > 3) near.erase(near.begin(), near.end() - 3);
    }
    std::string list;
    for (Date d : near)
        list += (list.empty() ? "" : ", ") + iso(d);
    if (!list.empty())
        msg += say(lang, " (séances les plus proches : {})", " (nearest sessions: {})", list);
    else
        msg += say(lang, " (le dépôt n'a aucune séance dans comite/seances/)",
                   " (the repository has no session in comite/seances/)");
    return msg;
}

const Candidature* filed_candidature(const Organisme& o, Date seance)
{
    const Candidature* kept = nullptr;
    for (const Candidature& c : o.candidatures) {
        const std::string stem = file_stem(c.file);
        const bool for_it = c.seance.value ? *c.seance.value == seance : stem == iso(seance);
        if (!for_it) continue;
        if (kept == nullptr || (stem == iso(seance) && file_stem(kept->file) != iso(seance))) kept = &c;
    }
    return kept;
}

DossierParts dossier_parts(const Model& model, const Organisme& o, const Candidature& c, Date as_of,
                           Lang lang, const std::vector<std::string>& unreadable)
{
    DossierParts parts;
    std::set<std::string> pieces;
    for (const Text& t : c.pieces)
        pieces.insert(path_in_folder(o.folder, t.value));
    for (const Audit& au : o.audits)
        if (pieces.contains(path_in_folder(o.folder, au.file))) parts.audits.push_back(audit_summary(o, au));
    if (parts.audits.empty())
        for (const Audit* au : current_audits(o))
            parts.audits.push_back(audit_summary(o, *au));
    for (AuditSummary& s : parts.audits)
        s.cite = pieces.contains(s.chemin);
    parts.paa = paa_summary(model, o);
    parts.concertation = concertation_coverage(o);
    parts.pieces = readiness(model, o, c, as_of, lang, unreadable);
    return parts;
}

namespace {

// What build_agenda computes of one filed dossier; its parts taken from `given` when set.
struct FiledInput {
    const Model& model;
    const Agenda& agenda;
    const std::vector<Diagnostic>& diagnostics;
    const std::vector<std::string>& unreadable;
    Lang lang;
};

FiledDossier filed_dossier(const FiledInput& in, const Organisme& o, const Candidature& c, Pathway p,
                           const DossierParts* given)
{
    FiledDossier f;
    f.organisme = &o;
    f.candidature = &c;
    f.statut = filing_status(c.depot.value, in.agenda.seance, in.agenda.fenetre);
    DossierParts parts =
        given != nullptr ? *given : dossier_parts(in.model, o, c, in.agenda.as_of, in.lang, in.unreadable);
    if (given != nullptr) {
        for (AuditSummary& s : parts.audits) {
            // Computed on the whole organisme: pointed again at this one's audit of that file.
            const auto same = std::find_if(o.audits.begin(), o.audits.end(), [&](const Audit& au) {
                return path_in_folder(o.folder, au.file) == s.chemin;
            });
            s.audit = same != o.audits.end() ? &*same : nullptr;
        }
        // An audit this organisme lacks (parts of another reading of its folder) is not shown.
        std::erase_if(parts.audits, [](const AuditSummary& s) { return s.audit == nullptr; });
    }
    f.audits = std::move(parts.audits);
    f.paa = std::move(parts.paa);
    f.concertation = std::move(parts.concertation);
    f.validation = validation_of(in.model, o, in.diagnostics);
    f.decisions = decisions_about(in.model, o, in.agenda.reference);
    f.parcours = std::move(p);
    f.pieces = std::move(parts.pieces);
    f.incomplet = !f.pieces.complete() || f.validation.erreurs_dossier > 0;
    return f;
}

} // namespace

Agenda build_agenda(const Model& model, const Session& session, Date seance, Date as_of,
                    const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& unreadable,
                    Lang lang, const FiledParts* parts)
{
    Agenda a;
    a.session = &session;
    a.seance = seance;
    a.as_of = as_of;
    a.reference = std::min(as_of, add_days(seance, -1));
    a.fenetre = filing_window(model.rules, seance);
    for (const Session& s : model.sessions) {
        const auto d = parse_iso_date(file_stem(s.file));
        if (d && *d > seance && (!a.seance_suivante || *d < *a.seance_suivante)) a.seance_suivante = d;
    }
    if (model.committee) {
        std::set<std::string> present;
        for (const Text& t : session.presents)
            present.insert(t.value);
        for (const Seat& s : model.committee->sieges)
            a.sieges.push_back({&s, session.held ? std::optional(present.contains(s.id)) : std::nullopt});
    }

    const FiledInput in{model, a, diagnostics, unreadable, lang};
    for (const Organisme& o : model.organismes) {
        const Pathway p = pathway(model, o, a.reference);
        if (const Candidature* c = filed_candidature(o, seance)) {
            const DossierParts* given = nullptr;
            if (parts != nullptr)
                if (const auto it = parts->find(o.slug); it != parts->end()) given = &it->second;
            a.dossiers.push_back(filed_dossier(in, o, *c, p, given));
            continue;
        }
        // Expected: a step with a deadline before the next session (any deadline when there
        // is none): waiting for the next session would make it late.
        if (!p.prochaine_etape || !p.echeance) continue;
        if (a.seance_suivante && *p.echeance >= *a.seance_suivante) continue;
        ExpectedDossier e;
        e.organisme = &o;
        e.parcours = p;
        for (const Candidature& c : o.candidatures)
            if (c.seance.value && *c.seance.value > seance) {
                e.autre_candidature = &c;
                break;
            }
        a.attendus.push_back(std::move(e));
    }

    // model.organismes is sorted by slug: a stable sort by request keeps slugs in order.
    std::stable_sort(a.dossiers.begin(), a.dossiers.end(), [](const FiledDossier& x, const FiledDossier& y) {
        return request_rank(x.candidature) < request_rank(y.candidature);
    });
    std::vector<std::size_t> by_slug(a.dossiers.size());
    for (std::size_t i = 0; i < by_slug.size(); ++i)
        by_slug[i] = i;
    std::sort(by_slug.begin(), by_slug.end(), [&](std::size_t x, std::size_t y) {
        return a.dossiers[x].organisme->slug < a.dossiers[y].organisme->slug;
    });
    for (std::size_t i : by_slug) {
        const FiledDossier& f = a.dossiers[i];
        switch (f.statut) {
        case FilingStatus::a_l_heure:
            a.a_l_heure.push_back(i);
            break;
        case FilingStatus::en_retard:
            a.en_retard.push_back(i);
            break;
        case FilingStatus::anticipe:
            a.anticipes.push_back(i);
            break;
        case FilingStatus::inconnu:
            break;
        }
        if (f.incomplet) a.incomplets.push_back(i);
    }
    return a;
}

InstructionSheet build_instruction_sheet(const Model& model, const Organisme& o, Date as_of,
                                         const std::vector<Diagnostic>& diagnostics,
                                         const std::vector<std::string>& unreadable, Lang lang)
{
    InstructionSheet s;
    s.organisme = &o;
    s.as_of = as_of;
    s.parcours = pathway(model, o, as_of);
    s.decisions = decisions_about(model, o, as_of);
    for (const Candidature& c : o.candidatures) {
        CandidatureLine line;
        line.candidature = &c;
        line.seance = c.seance.value ? c.seance.value : parse_iso_date(file_stem(c.file));
        if (line.seance) {
            line.fenetre = filing_window(model.rules, *line.seance);
            line.statut = filing_status(c.depot.value, *line.seance, *line.fenetre);
        }
        line.pieces = readiness(model, o, c, as_of, lang, unreadable);
        s.candidatures.push_back(std::move(line));
    }
    std::set<std::string> pieces;
    for (const Candidature& c : o.candidatures)
        for (const Text& t : c.pieces)
            pieces.insert(path_in_folder(o.folder, t.value));
    for (const Audit& a : o.audits) {
        s.audits.push_back(audit_summary(o, a));
        s.audits.back().cite = pieces.contains(s.audits.back().chemin);
    }
    s.paa = paa_summary(model, o);
    s.concertation = concertation_coverage(o);
    if (o.concertation) {
        for (const Event& e : o.concertation->evenements)
            s.evenements.push_back(&e);
        std::stable_sort(s.evenements.begin(), s.evenements.end(),
                         [](const Event* x, const Event* y) { return x->date.value < y->date.value; });
    }
    s.validation = validation_of(model, o, diagnostics);
    // The sheet is a document for a French committee: its next steps are French whatever lang.
    s.prochaines_etapes = next_steps(o, s.parcours, as_of, Lang::fr);
    return s;
}

Letters build_letters(const Model& model, const Session& session, Date seance, Date date_courrier)
{
    Letters out;
    const Date calcul = add_days(seance, 1);
    for (const Decision& d : session.decisions) {
        const Organisme* o = model.organisme(d.organisme.value);
        if (o == nullptr || !d.kind) {
            out.ignorees.push_back(&d);
            continue;
        }
        const Candidature* c = o->candidature_for(seance);
        Letter l{.organisme = o,
                 .decision = &d,
                 .session = &session,
                 .seance = seance,
                 .calcul = calcul,
                 .suite = pathway(model, *o, calcul),
                 .demande = c != nullptr ? c->demande : std::nullopt,
                 .date_courrier = date_courrier,
                 .seances = {}};
        l.seances = letter_sessions(model, l);
        out.lettres.push_back(std::move(l));
    }
    return out;
}

} // namespace quali::core
