// SPDX-License-Identifier: EUPL-1.2
// The committee papers' sentences and choices (instruction.hpp): the instruction sheet's next
// steps, the letter's phrase and remark, the dossier's error codes. The renderers lay them out.
#include "quali/core/instruction.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/vocabulary.hpp"

#include <algorithm>

namespace quali::core {

std::vector<NextStep> next_steps(const Organisme& o, const Pathway& p, Date as_of, Lang lang)
{
    std::vector<NextStep> next;
    if (p.prochaine_etape && p.echeance)
        next.push_back({*p.echeance,
                        say(lang, "échéance de l'étape « {} » (décision du comité au plus tard)",
                            "deadline of the \"{}\" step (committee decision at the latest)",
                            label(lang, *p.prochaine_etape)),
                        p.en_retard});
    if (p.prochaine_etape && p.seance_visee && p.fenetre_depot) {
        const std::string session = long_date(*p.seance_visee, lang);
        next.push_back({p.fenetre_depot->opens,
                        say(lang, "ouverture du dépôt pour la séance du {}",
                            "filing opens for the session of {}", session),
                        false});
        next.push_back({p.fenetre_depot->closes,
                        say(lang, "clôture du dépôt pour la séance du {}",
                            "filing closes for the session of {}", session),
                        false});
        next.push_back(
            {*p.seance_visee, say(lang, "séance du comité visée", "committee session aimed at"), false});
    }
    if (o.paa && p.etat != PathwayState::retire)
        for (const Action& a : o.paa->actions) {
            if (!is_open(a) || !a.echeance.value) continue;
            next.push_back({*a.echeance.value,
                            say(lang, "action {} du PAA : {}", "PAA action {}: {}", a.id.value, a.titre),
                            is_late(a, as_of)});
        }
    std::stable_sort(next.begin(), next.end(),
                     [](const NextStep& x, const NextStep& y) { return x.date < y.date; });
    return next;
}

std::string letter_phrase(const Letter& l, Lang lang)
{
    const std::string request =
        l.demande ? say(lang, " {}", " for {}", of_request(lang, *l.demande)) : std::string();
    if (!l.decision->kind) return {};
    switch (*l.decision->kind) {
    case DecisionKind::admissible:
        return say(lang, "Il a déclaré votre organisme admissible au label Quali'Hlm.",
                   "It declared your organisation admissible to the Quali'Hlm label.");
    case DecisionKind::labellise:
        return say(lang, "Il a attribué le label Quali'Hlm à votre organisme.",
                   "It awarded the Quali'Hlm label to your organisation.");
    case DecisionKind::maintenu:
        return say(lang, "Il a maintenu le label Quali'Hlm de votre organisme.",
                   "It maintained your organisation's Quali'Hlm label.");
    case DecisionKind::renouvele:
        return say(lang, "Il a renouvelé le label Quali'Hlm de votre organisme pour un nouveau cycle.",
                   "It renewed your organisation's Quali'Hlm label for a new cycle.");
    case DecisionKind::ajourne:
        return say(lang, "Il a ajourné sa décision sur votre demande{}.",
                   "It deferred its decision on your request{}.", request);
    case DecisionKind::refuse:
        return say(lang, "Il n'a pas donné une suite favorable à votre demande{}.",
                   "It did not grant your request{}.", request);
    case DecisionKind::retire:
        return say(lang, "Il a retiré le label Quali'Hlm à votre organisme.",
                   "It withdrew the Quali'Hlm label from your organisation.");
    case DecisionKind::suivi:
        return say(lang, "Il a décidé d'un suivi de votre dossier.", "It decided to follow up your dossier.");
    }
    return {};
}

std::string letter_remark(const Letter& l, Lang lang)
{
    const Pathway& p = l.suite;
    const std::string end =
        say(lang,
            "Le parcours de labellisation prend fin. Un nouvel engagement sera nécessaire pour "
            "le reprendre.",
            "The labelling pathway ends. A new commitment will be needed to take it up again.");
    if (p.etat == PathwayState::retire) return end;
    if (p.etat == PathwayState::refuse && p.prochaine_etape && !p.echeance)
        return say(lang,
                   "Vous pouvez déposer une nouvelle candidature pour la même étape ; aucun délai ne court.",
                   "You may file a new candidature for the same step; no deadline runs.");
    if (!p.prochaine_etape) return end;
    if (!p.seance_visee)
        return say(lang, "Aucune séance du comité n'est encore fixée : sa date vous sera communiquée.",
                   "No committee session is fixed yet: you will be told its date.");
    return {};
}

std::vector<std::string> dossier_error_codes(const ValidationSummary& v)
{
    std::vector<std::string> codes;
    for (const Diagnostic& d : v.diagnostics)
        if (d.severity == Severity::error && d.code != "Q360" && d.code != "Q361" &&
            std::find(codes.begin(), codes.end(), d.code) == codes.end())
            codes.push_back(d.code);
    return codes;
}

} // namespace quali::core
