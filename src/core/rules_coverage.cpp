// SPDX-License-Identifier: EUPL-1.2
// Audits cover the framework (Q341-Q344, DOMAIN.md §5.2): a signed HQS® diagnostic gives a
// result for every criterion of the framework, says why it could not rate one (motif), and
// leaves at most non_evalue_max of them unrated; a signed verification or PAA implementation
// audit rates at least every alert point of the latest diagnostic before it, since that is
// what it verifies. An audit not yet signed is a draft: it is not judged.
#include "rules_internal.hpp"

#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace quali::core::rules_detail {

namespace {

std::string audit_name(const Run& run, const Audit& a)
{
    switch (a.type.value_or(AuditType::diagnostic)) {
    case AuditType::diagnostic:
        return run.say("diagnostic HQS®", "HQS® diagnosis");
    case AuditType::renouvellement:
        return run.say("diagnostic HQS® de renouvellement", "HQS® renewal diagnosis");
    case AuditType::verification:
        return run.say("audit de vérification", "verification audit");
    case AuditType::mise_en_oeuvre:
        return run.say("audit de mise en œuvre du PAA", "PAA implementation audit");
    }
    return {};
}

// "12,5 %" in French, "12.5%" in English.
std::string percent(const Run& run, double share)
{
    std::string n = fmt::format("{:g}", std::round(share * 1000) / 10);
    if (run.lang == Lang::fr) {
        std::replace(n.begin(), n.end(), '.', ',');
        return n + " %";
    }
    return n + "%";
}

// Every result names a criterion of the framework: an unknown one is Q301 (perhaps a typo of
// a criterion this rule would call missing), an unreadable one is the schema's.
bool criteria_known(const Run& run, const Audit& a)
{
    return std::all_of(a.resultats.begin(), a.resultats.end(), [&](const Result& r) {
        return !r.critere.value.empty() && run.model.framework.criterion(r.critere.value) != nullptr;
    });
}

void check_motifs(Run& run, const Audit& a)
{
    for (const Result& r : a.resultats) {
        if (r.evaluation != Evaluation::non_evalue || !r.motif.empty()) continue;
        Diagnostic& d =
            run.report("Q342", a.file, r.pos,
                       r.critere.value.empty()
                           ? run.say("critère non évalué sans motif", "criterion not rated, with no reason given")
                           : run.say("critère {} non évalué sans motif",
                                     "criterion {} not rated, with no reason given", r.critere.value));
        d.hint =
            r.constat.empty()
                ? run.say("ajoutez « motif: … » : pourquoi le critère n'a pas pu être évalué",
                          "add \"motif: …\": why the criterion could not be rated")
                : run.say(
                      "si le constat dit pourquoi le critère n'a pas pu être évalué, écrivez-le en "
                      "« motif: … »",
                      "if the finding says why the criterion could not be rated, write it as \"motif: …\"");
    }
}

void check_diagnostic(Run& run, const Audit& a)
{
    const Framework& f = run.model.framework;
    // A lone organisme folder has not its repository's framework: the example one that stands
    // in cannot say what is missing.
    if (run.model.standalone || run.unreadable.framework || !criteria_known(run, a)) return; // or Q301
    std::set<std::string> rated, unrated;
    for (const Result& r : a.resultats) {
        rated.insert(r.critere.value);
        if (r.evaluation == Evaluation::non_evalue) unrated.insert(r.critere.value);
    }
    std::vector<std::string> missing;
    int total = 0;
    for (const Theme& t : f.themes)
        for (const Criterion& c : t.criteres) {
            ++total;
            if (!rated.contains(c.id)) missing.push_back(c.id);
        }
    if (total == 0) return;
    const Position where = place(a.resultats_pos, a.type_pos);
    const std::string framework_file = f.file;
    if (!missing.empty()) {
        const auto n = missing.size();
        Diagnostic& d = run.report(
            "Q341", a.file, where,
            n == 1 ? run.say("{} incomplet : 1 critère du cadre d'évaluation sur {} n'a pas de résultat ({})",
                             "incomplete {}: 1 of the framework's {} criteria has no result ({})",
                             audit_name(run, a), total, missing.front())
                   : run.say("{} incomplet : {} critères du cadre d'évaluation sur {} n'ont pas de résultat",
                             "incomplete {}: {} of the framework's {} criteria have no result",
                             audit_name(run, a), n, total));
        d.hint = run.say(
            "ajoutez un résultat pour {} (non-evalue avec un motif si un critère n'a pas pu être évalué)",
            "add a result for {} (non-evalue with a motif when a criterion could not be rated)",
            fmt::join(missing, ", "));
        if (!framework_file.empty())
            add_note(d, framework_file, {},
                     run.say("cadre d'évaluation : {}", "assessment framework: {}",
                             count_of(run.lang, total, "critère", "critères", "criterion", "criteria")));
        else
            d.hint +=
                run.say(" ; sans referentiel/cadre-evaluation.yaml, quali utilise son cadre d'exemple",
                        "; without referentiel/cadre-evaluation.yaml, quali uses its example framework");
    }
    if (run.unreadable.rules) return; // non_evalue_max is unknown
    const double share = static_cast<double>(unrated.size()) / total;
    if (share <= run.model.rules.non_evalue_max) return;
    const std::string max = percent(run, run.model.rules.non_evalue_max);
    Diagnostic& d = run.report(
        "Q343", a.file, where,
        unrated.size() == 1
            ? run.say("1 critère sur {} non évalué ({}), au-delà du maximum de {} (regles.non_evalue_max)",
                      "1 of {} criteria not rated ({}), beyond the maximum of {} (regles.non_evalue_max)",
                      total, percent(run, share), max)
            : run.say("{} critères sur {} non évalués ({}), au-delà du maximum de {} (regles.non_evalue_max)",
                      "{} of {} criteria not rated ({}), beyond the maximum of {} (regles.non_evalue_max)",
                      unrated.size(), total, percent(run, share), max));
    d.hint = run.say("le diagnostic évalue le cadre d'évaluation : complétez l'évaluation de {}",
                     "a diagnosis rates the whole framework: rate {}", fmt::join(unrated, ", "));
    if (!run.model.rules_file.empty())
        add_note(d, run.model.rules_file, {}, run.say("règles du label", "the label's rules"));
}

// The alert points of the latest diagnostic before a verification that it does not rate
// (no result, or non-evalue).
void check_verification(Run& run, const Audit& a, const Audit* diagnostic)
{
    if (diagnostic == nullptr || run.unreadable.framework || !criteria_known(run, a)) return;
    std::set<std::string> alerts;
    for (const Result& r : diagnostic->resultats)
        if (is_alert(r)) alerts.insert(r.critere.value);
    std::vector<std::string> unverified;
    for (const std::string& id : alerts)
        if (std::none_of(a.resultats.begin(), a.resultats.end(), [&](const Result& r) {
                return r.critere.value == id && r.evaluation && *r.evaluation != Evaluation::non_evalue;
            }))
            unverified.push_back(id);
    if (unverified.empty()) return;
    const std::string diagnostic_date = iso_or_unknown(diagnostic->date());
    Diagnostic& d =
        run.report("Q344", a.file, place(a.resultats_pos, a.type_pos),
                   unverified.size() == 1
                       ? run.say("{} sans évaluation du point d'alerte {} du {} du {}",
                                 "{} without a rating of alert point {} of the {} of {}", audit_name(run, a),
                                 unverified.front(), audit_name(run, *diagnostic), diagnostic_date)
                       : run.say("{} sans évaluation de {} points d'alerte du {} du {} : {}",
                                 "{} without a rating of {} alert points of the {} of {}: {}",
                                 audit_name(run, a), unverified.size(), audit_name(run, *diagnostic),
                                 diagnostic_date, fmt::join(unverified, ", ")));
    d.hint =
        run.say("l'audit vérifie le traitement des points d'alerte : évaluez {} (point-fort, conforme ou "
                "point-d-alerte)",
                "the audit verifies how the alert points were addressed: rate {} (point-fort, conforme or "
                "point-d-alerte)",
                fmt::join(unverified, ", "));
    add_note(d, diagnostic->file, place(diagnostic->resultats_pos, diagnostic->type_pos),
             run.say("points d'alerte du diagnostic", "the diagnosis's alert points"));
}

} // namespace

void check_coverage(Run& run, const Organisme& o)
{
    // Which diagnostic comes before a verification, and its alert points, must be certain.
    const bool certain = audits_certain(run, o);
    const Audit* diagnostic = nullptr; // the latest before the audit at hand (audits are by date)
    for (const Audit& a : o.audits) {
        // A key that failed its schema may hold the results or the signature: its diagnostic speaks.
        if (a.signature && !flawed(run, o, a.file)) {
            check_motifs(run, a);
            if (a.is_diagnostic()) check_diagnostic(run, a);
            if (a.is_verification() && certain && a.date()) check_verification(run, a, diagnostic);
        }
        if (a.is_diagnostic() && a.date()) diagnostic = &a;
    }
}

} // namespace quali::core::rules_detail
