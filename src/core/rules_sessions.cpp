// SPDX-License-Identifier: EUPL-1.2
// Rules 8 and 9, filing and sessions (Q360, Q361, Q370-Q373): a candidature names a session
// that exists, once per organisme, is named after it, and is filed inside the session's window
// (DOMAIN.md §1: the fenetre_depot_jours days preceding the session, calendar or working days).
#include "rules_internal.hpp"

#include <map>

namespace quali::core::rules_detail {

namespace {

// For each session, the candidature of an organisme that is kept when there are several
// (Q371): the one named after its session, else the first in file order.
std::map<Date, const Candidature*> kept_candidatures(const Organisme& o)
{
    std::map<Date, const Candidature*> kept;
    for (const Candidature& c : o.candidatures) {
        if (!c.seance.value) continue;
        const Candidature*& k = kept[*c.seance.value];
        const bool named = file_stem(c.file) == iso(*c.seance.value);
        if (k == nullptr || (named && file_stem(k->file) != iso(*k->seance.value))) k = &c;
    }
    return kept;
}

void check_window(Run& run, const Candidature& c)
{
    if (!c.seance.value || !c.depot.value || run.unreadable.rules || after_as_of(run, c.depot.value))
        return; // Q357 for a filing after the reference date
    const Date session = *c.seance.value, depot = *c.depot.value;
    const Window w = filing_window(run.model.rules, session);
    const bool working = run.model.rules.decompte == Counting::working;
    const std::string unit = working ? run.say("jours ouvrés", "working days") : run.say("jours", "days");
    const Session* s = run.model.standalone ? nullptr : run.model.session(session);
    if (depot >= session) {
        Diagnostic& d = run.report(
            "Q360", c.file, c.depot.pos,
            run.say("dépôt tardif le {} pour la séance du {} : la fenêtre de dépôt ({} {}) va du {} "
                    "au {}",
                    "late filing on {} for the session of {}: the filing window ({} {}) runs from "
                    "{} to {}",
                    iso(depot), iso(session), run.model.rules.fenetre_depot_jours, unit, iso(w.opens),
                    iso(w.closes)));
        if (s != nullptr) add_note(d, s->file, s->date_pos, run.say("séance", "session"));
    } else if (depot < w.opens) {
        Diagnostic& d = run.report(
            "Q361", c.file, c.depot.pos,
            run.say("dépôt anticipé le {} pour la séance du {} : la fenêtre de dépôt ({} {}) va du "
                    "{} au {}",
                    "early filing on {} for the session of {}: the filing window ({} {}) runs from "
                    "{} to {}",
                    iso(depot), iso(session), run.model.rules.fenetre_depot_jours, unit, iso(w.opens),
                    iso(w.closes)));
        d.hint = run.say("le dossier risque d'être périmé à la séance ; redéposez-le dans la fenêtre",
                         "the dossier may be out of date by the session; file it again within the window");
        if (s != nullptr) add_note(d, s->file, s->date_pos, run.say("séance", "session"));
    }
}

void check_candidature(Run& run, const std::map<Date, const Candidature*>& kept, const Candidature& c)
{
    if (!c.seance.value) return;
    const Date session = *c.seance.value;
    const Position seance_pos = place(c.seance.pos, c.pos);
    if (session_missing(run, c)) {
        // One defect: the window and the file name are not checked against a session that does not exist.
        Diagnostic& d = run.report("Q370", c.file, seance_pos,
                                   run.say("séance du {} inexistante : pas de fichier comite/seances/{}.yaml",
                                           "no session on {}: no file comite/seances/{}.yaml", iso(session),
                                           iso(session)));
        std::string next;
        for (const Session& s : run.model.sessions)
            if (s.date && *s.date >= session) {
                next = iso(*s.date);
                break;
            }
        d.hint = next.empty()
                     ? run.say("corrigez « seance », ou le référent crée la séance : quali new seance {}",
                               "fix \"seance\", or the label coordinator creates the session: quali new seance {}", iso(session))
                     : run.say("séance suivante : {} ; corrigez « seance », ou le référent crée la séance : quali new "
                               "seance {}",
                               "next session: {}; fix \"seance\", or the label coordinator creates the session: quali new "
                               "seance {}",
                               next, iso(session));
        return;
    }
    if (const Candidature* other = kept.at(session); other != &c) {
        Diagnostic& d =
            run.report("Q371", c.file, seance_pos,
                       run.say("deuxième candidature de l'organisme pour la séance du {}",
                               "second application of the organisation for the session of {}", iso(session)));
        add_note(d, other->file, place(other->seance.pos, other->pos),
                 run.say("candidature pour la même séance", "application for the same session"));
    } else if (c.seance.pos.line > 0 && file_stem(c.file) != iso(session)) {
        Diagnostic& d =
            run.report("Q372", c.file, c.seance.pos,
                       run.say("la candidature est pour la séance du {} mais son fichier s'appelle {}",
                               "the application is for the session of {} but its file is named {}",
                               iso(session), file_stem(c.file) + ".yaml"));
        d.hint = run.say("renommez le fichier en candidatures/{}.yaml",
                         "rename the file to candidatures/{}.yaml", iso(session));
    }
    check_window(run, c);
}

void check_session_names(Run& run)
{
    for (const Session& s : run.model.sessions) {
        if (!s.date || file_stem(s.file) == iso(*s.date)) continue;
        Diagnostic& d = run.report("Q373", s.file, s.date_pos,
                                   run.say("la séance est datée du {} mais son fichier s'appelle {}",
                                           "the session is dated {} but its file is named {}", iso(*s.date),
                                           file_stem(s.file) + ".yaml"));
        d.hint = run.say("renommez le fichier en comite/seances/{}.yaml",
                         "rename the file to comite/seances/{}.yaml", iso(*s.date));
    }
}

} // namespace

void check_sessions(Run& run, const Organisme& o)
{
    const auto kept = kept_candidatures(o);
    for (const Candidature& c : o.candidatures)
        check_candidature(run, kept, c);
}

void check_sessions(Run& run)
{
    if (!run.model.standalone) check_session_names(run);
}

} // namespace quali::core::rules_detail
