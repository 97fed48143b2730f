// SPDX-License-Identifier: EUPL-1.2
// The committee papers' sentences and choices (instruction.hpp): the instruction sheet's next
// steps, the letter's salutation, phrase, sessions and remark, the dossier's error codes. The
// renderers lay them out.
#include "quali/core/elision.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/rules.hpp"
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

Salutation letter_salutation(const Organisme& o, Lang lang)
{
    const std::string& nom = o.contact_nom;
    const std::optional<Civilite> civilite = nom.empty() ? std::nullopt : o.contact_civilite;
    // French addresses the reader by title alone (« Madame, »), English by title and surname
    // (« Dear Ms Martin, »): the surname is what follows the first name.
    const std::string title = civilite ? std::string(label(lang, *civilite)) : std::string();
    const std::size_t space = nom.find(' ');
    const std::string surname = space == std::string::npos ? nom : nom.substr(space + 1);
    Salutation s;
    s.destinataire = nom.empty() ? say(lang, "la direction", "the management")
                     : civilite  ? fmt::format("{} {}", title, nom)
                                 : nom;
    s.attention = lang == Lang::en ? "For the attention of " + s.destinataire
                                   : "À l'attention " + de(s.destinataire);
    s.appel = civilite ? say(lang, "{},", "Dear {} {},", title, surname)
                       : say(lang, "Madame, Monsieur,", "Dear Sir or Madam,");
    if (lang == Lang::en)
        s.formule = civilite ? "I remain at your disposal for any further information. Yours sincerely,"
                             : "I remain at your disposal for any further information. Yours faithfully,";
    else
        s.formule =
            fmt::format("Je reste à votre disposition pour tout complément et vous prie d'agréer, {}, "
                        "l'expression de mes salutations distinguées.",
                        civilite ? title : "Madame, Monsieur");
    return s;
}

std::vector<LetterSession> letter_sessions(const Model& model, const Letter& l)
{
    std::vector<LetterSession> out;
    const Pathway& p = l.suite;
    if (!p.prochaine_etape) return out;
    for (const Session& s : model.sessions) { // by date
        if (!s.date || *s.date <= l.seance || (p.echeance && *s.date > *p.echeance)) continue;
        if (!out.empty() && out.back().seance == *s.date) continue;
        const Window w = filing_window(model.rules, *s.date);
        if (w.closes >= l.date_courrier) out.push_back({*s.date, w});
    }
    return out;
}

std::string letter_sessions_intro(const Letter& l, Lang lang)
{
    const Pathway& p = l.suite;
    if (!p.prochaine_etape) return {};
    const std::size_t n = l.seances.size();
    if (n == 0 && p.echeance && *p.echeance < l.date_courrier)
        return say(lang, "Cette échéance est dépassée : présentez votre dossier au comité au plus tôt.",
                   "This deadline has passed: present your dossier to the committee as soon as possible.");
    if (n == 0)
        return say(lang, "Les dates des séances du comité vous seront communiquées ultérieurement.",
                   "You will be told the dates of the committee sessions later.");
    if (!p.echeance)
        return n == 1 ? say(lang, "Prochaine séance du comité :", "Next committee session:")
                      : say(lang, "Prochaines séances du comité :", "Next committee sessions:");
    if (n == 1)
        return say(lang, "Une séance du comité est prévue d'ici cette échéance :",
                   "One committee session is planned before that deadline:");
    return say(lang, "{} séances du comité sont prévues d'ici cette échéance :",
               "{} committee sessions are planned before that deadline:", n);
}

std::string letter_session_text(const LetterSession& s, Lang lang)
{
    return say(lang, "séance du {}, dépôt {}", "session of {}, filing {}", long_date(s.seance, lang),
               long_period(s.depot.opens, s.depot.closes, lang));
}

std::string letter_phrase(const Letter& l, Lang lang)
{
    // The letter's first sentence names the request already: this one refers back to it.
    const std::string request =
        l.demande ? say(lang, "cette demande", "that request") : say(lang, "votre demande", "your request");
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
        return say(lang, "Il a ajourné sa décision sur {}.", "It deferred its decision on {}.", request);
    case DecisionKind::refuse:
        return say(lang, "Il n'a pas donné une suite favorable à {}.", "It did not grant {}.", request);
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
