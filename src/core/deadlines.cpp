// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/deadlines.hpp"

#include "quali/core/pathway.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/vocabulary.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace quali::core {

std::string_view to_string(DeadlineType t)
{
    switch (t) {
    case DeadlineType::depot:
        return "depot";
    case DeadlineType::etape:
        return "etape";
    case DeadlineType::action_paa:
        return "action-paa";
    case DeadlineType::agrement:
        return "agrement";
    case DeadlineType::seance:
        return "seance";
    case DeadlineType::ouverture_depot:
        return "ouverture-depot";
    }
    return "etape";
}

std::string_view to_string(DeadlineStatus s)
{
    return s == DeadlineStatus::en_retard ? "en-retard" : "a-venir";
}

namespace {

std::string name_of(const Organisme& o)
{
    return o.nom.empty() ? o.slug : o.nom;
}

// "décision d'admissibilité", "décision de maintien"… (English: "admissibility decision"…).
std::string decision_text(Request r, Lang lang)
{
    return say(lang, "décision {}", "{} decision", of_request(lang, r));
}

std::string window_text(const Window& w, Lang lang)
{
    return long_period(w.opens, w.closes, lang);
}

// Each planned session: the session itself, the opening and the closing of its filing window
// (the closing is the obligation; its key predates the others and stays).
void filing_deadlines(const Model& model, Date as_of, Lang lang, std::vector<Deadline>& out)
{
    const Rules& r = model.rules;
    for (const Session* s : planned_sessions(model, as_of)) {
        const Window w = filing_window(*s->date, r.fenetre_depot_jours, r.decompte, r.zone_feries);
        const std::string day = iso(*s->date);
        const std::string place = s->lieu.empty() ? std::string() : " (" + s->lieu + ")";
        std::string window = say(lang, "fenêtre {} inclus", "window {} inclusive", window_text(w, lang));
        if (r.decompte == Counting::working) window += say(lang, " (jours ouvrés)", " (working days)");
        const auto event = [&](Date date, DeadlineType type, std::string titre, std::string description) {
            Deadline d;
            d.date = date;
            d.type = type;
            d.titre = std::move(titre);
            d.description = std::move(description);
            d.lieu = s->lieu;
            d.cle = std::string(to_string(type)) + "|" + day;
            out.push_back(std::move(d));
        };
        const std::string of_session =
            say(lang, "séance du {}", "committee session of {}", long_date(*s->date, lang));
        event(w.closes, DeadlineType::depot,
              say(lang, "Clôture du dépôt des dossiers — {}", "Filing closes — {}", of_session),
              say(lang, "Dépôt des dossiers pour le comité de labellisation du {}{} : {}",
                  "Filing of dossiers for the labelling committee session of {}{}: {}", long_date(*s->date, lang),
                  place, window));
        if (w.opens >= as_of)
            event(w.opens, DeadlineType::ouverture_depot,
                  say(lang, "Ouverture du dépôt des dossiers — {}", "Filing opens — {}", of_session),
                  say(lang, "Ouverture du dépôt des dossiers pour le comité de labellisation du {}{} : {}",
                      "Filing opens for the labelling committee session of {}{}: {}", long_date(*s->date, lang),
                      place, window));
        event(*s->date, DeadlineType::seance,
              say(lang, "Comité de labellisation Quali'Hlm", "Quali'Hlm labelling committee"),
              say(lang, "Séance du comité de labellisation Quali'Hlm du {}{}",
                  "Quali'Hlm labelling committee session of {}{}", long_date(*s->date, lang), place));
    }
}

void step_deadline(const Organisme& o, const Pathway& p, Lang lang, std::vector<Deadline>& out)
{
    if (!p.prochaine_etape || !p.echeance) return;
    const std::string step = decision_text(*p.prochaine_etape, lang);
    Deadline d;
    d.date = *p.echeance;
    d.type = DeadlineType::etape;
    d.organisme = o.slug;
    d.titre = say(lang, "{} : {}", "{}: {}", name_of(o), step);
    d.description = say(lang, "{} : {} à obtenir du comité au plus tard le {}",
                        "{}: {} to be obtained from the committee by {}", name_of(o), step,
                        long_date(*p.echeance, lang));
    if (p.derogation)
        d.description +=
            say(lang, " (dérogation du comité du {} : {})",
                " (derogation granted by the committee on {}: {})", long_date(p.derogation->seance, lang),
                p.derogation->objet);
    if (p.seance_visee && p.fenetre_depot)
        d.description += say(lang, " ; séance visée : {}, dépôt {}", "; target session: {}, filing {}",
                             long_date(*p.seance_visee, lang), window_text(*p.fenetre_depot, lang));
    d.cle = "etape|" + o.slug + "|" + p.cle_etape;
    out.push_back(std::move(d));
}

void action_deadlines(const Organisme& o, Lang lang, std::vector<Deadline>& out)
{
    if (!o.paa) return;
    for (const Action& a : o.paa->actions) {
        if (!a.echeance.value || a.id.value.empty()) continue;
        if (!is_open(a)) continue;
        Deadline d;
        d.date = *a.echeance.value;
        d.type = DeadlineType::action_paa;
        d.organisme = o.slug;
        d.titre = say(lang, "{} : action {} du PAA", "{}: improvement action {}", name_of(o), a.id.value);
        d.description = say(lang, "{} : action {} du PAA à réaliser", "{}: improvement action {} due",
                            name_of(o), a.id.value);
        if (!a.titre.empty()) d.description += say(lang, " — {}", " — {}", a.titre);
        if (a.etat) d.description += " (" + std::string(label(lang, a.etat)) + ")";
        if (!a.pilote.empty()) d.description += say(lang, ", pilote : {}", ", owner: {}", a.pilote);
        d.cle = "action-paa|" + o.slug + "|" + a.id.value;
        out.push_back(std::move(d));
    }
}

// The last approval of each auditor still in activity: its end is ahead, or has passed
// without a renewal (which the committee must then decide).
void approval_deadlines(const Model& model, Lang lang, std::vector<Deadline>& out)
{
    for (const Auditor& a : model.auditors) {
        if (a.statut == AuditorStatus::retire) continue;
        const Approval* last = nullptr;
        for (const Approval& ap : a.agrements)
            if (ap.fin.value && (last == nullptr || *ap.fin.value >= *last->fin.value)) last = &ap;
        if (last == nullptr) continue;
        const std::string who = a.nom.empty() ? a.id : a.nom;
        Deadline d;
        d.date = *last->fin.value;
        d.type = DeadlineType::agrement;
        d.titre = say(lang, "Fin de l'agrément de {}", "End of {}'s approval", who);
        d.description = say(lang, "Fin de l'agrément de {}", "End of the approval of {}", who);
        if (!a.cabinet.empty()) d.description += " (" + a.cabinet + ")";
        if (last->debut.value)
            d.description += say(lang, ", accordé le {}", ", granted on {}", long_date(*last->debut.value, lang));
        if (a.statut == AuditorStatus::suspendu)
            d.description += say(lang, " ; agrément suspendu", "; approval suspended");
        d.cle = "agrement|" + a.id + "|" + (last->debut.value ? iso(*last->debut.value) : std::string("?"));
        out.push_back(std::move(d));
    }
}

} // namespace

std::vector<Deadline> organisme_deadlines(const Model& model, const Organisme& o, Date as_of, Lang lang)
{
    std::vector<Deadline> out;
    const Pathway p = pathway(model, o, as_of);
    step_deadline(o, p, lang, out);
    // A withdrawn or expired label ends the pathway: its action plan is no longer followed.
    if (p.prochaine_etape) action_deadlines(o, lang, out);
    return out;
}

std::vector<Deadline> deadlines(const Model& model, Date as_of, std::optional<int> within_days, Lang lang)
{
    std::vector<Deadline> of_organismes;
    for (const Organisme& o : model.organismes)
        for (Deadline& d : organisme_deadlines(model, o, as_of, lang))
            of_organismes.push_back(std::move(d));
    return deadlines(model, as_of, within_days, lang, std::move(of_organismes));
}

std::vector<Deadline> deadlines(const Model& model, Date as_of, std::optional<int> within_days, Lang lang,
                                std::vector<Deadline> of_organismes)
{
    std::vector<Deadline> all;
    filing_deadlines(model, as_of, lang, all);
    all.insert(all.end(), std::make_move_iterator(of_organismes.begin()),
               std::make_move_iterator(of_organismes.end()));
    approval_deadlines(model, lang, all);

    // Clamped so that no --within makes the date arithmetic overflow (about 2,700 years).
    const Date horizon = add_days(as_of, std::clamp(within_days.value_or(0), 0, 1'000'000));
    std::vector<Deadline> kept;
    for (Deadline& d : all) {
        d.statut = d.date < as_of ? DeadlineStatus::en_retard : DeadlineStatus::a_venir;
        if (within_days && d.statut == DeadlineStatus::a_venir && d.date > horizon) continue;
        kept.push_back(std::move(d));
    }
    std::sort(kept.begin(), kept.end(), deadline_before);
    return kept;
}

bool deadline_before(const Deadline& a, const Deadline& b)
{
    return std::make_tuple(a.date, to_string(a.type), std::string_view(a.organisme), std::string_view(a.description)) <
           std::make_tuple(b.date, to_string(b.type), std::string_view(b.organisme), std::string_view(b.description));
}

} // namespace quali::core
