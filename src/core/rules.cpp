// SPDX-License-Identifier: EUPL-1.2
// The entry point of the label's rules: runs every family on the model, and the helpers the
// families share (see rules_internal.hpp). The families live in rules_*.cpp.
#include "rules_internal.hpp"

#include "quali/core/file_kind.hpp"

#include <algorithm>

namespace quali::core {

namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

} // namespace

const std::vector<RuleInfo>& rule_catalogue()
{
    static const std::vector<RuleInfo> rules{
        {"Q301", E, false}, {"Q302", E, true},  {"Q303", E, false}, {"Q304", E, false}, {"Q305", E, true},
        {"Q306", E, true},  {"Q310", E, false}, {"Q311", E, false}, {"Q320", E, false}, {"Q321", E, false},
        {"Q322", E, false}, {"Q323", E, false}, {"Q324", E, false}, {"Q330", E, true},  {"Q331", E, true},
        {"Q332", E, false}, {"Q333", E, false}, {"Q334", E, false}, {"Q340", W, false}, {"Q341", E, true},
        {"Q342", E, false}, {"Q343", W, true},  {"Q344", E, false}, {"Q350", E, false}, {"Q351", E, false},
        {"Q352", E, false}, {"Q353", E, false}, {"Q354", E, false}, {"Q355", E, false}, {"Q356", E, false},
        {"Q357", E, false}, {"Q358", E, false}, {"Q359", E, false}, {"Q360", E, false}, {"Q361", W, false},
        {"Q370", E, true},  {"Q371", E, false}, {"Q372", E, false}, {"Q373", E, true},  {"Q374", E, false},
        {"Q375", E, false}, {"Q376", E, false}, {"Q377", E, false}, {"Q380", E, true},  {"Q381", E, true},
        {"Q382", E, true},  {"Q383", E, true},  {"Q384", E, true},  {"Q385", E, true},  {"Q390", E, true},  {"Q391", E, true},  {"Q392", E, true},
        {"Q393", E, true},  {"Q394", E, true},  {"Q395", W, false}, {"Q396", E, false},
    };
    return rules;
}

Window filing_window(const Rules& rules, Date session)
{
    return filing_window(session, rules.fenetre_depot_jours, rules.decompte, rules.zone_feries);
}

RuleReport check_rules(const Model& model, Date as_of, Lang lang)
{
    return check_rules(model, as_of, lang, {});
}

RuleReport check_rules(const Model& model, Date as_of, Lang lang, const std::vector<std::string>& unreadable)
{
    RuleReport report = check_repository_rules(model, as_of, lang, unreadable);
    const auto broken = rules_detail::Unreadable::from(model, unreadable);
    rules_detail::Run run{model, as_of, lang, report.diagnostics, broken};
    for (const Organisme& o : model.organismes) rules_detail::check_organisme(run, o);
    sort_diagnostics(report.diagnostics);
    return report;
}

std::vector<Diagnostic> check_organisme_rules(const Model& repository, const Organisme& organisme, Date as_of,
                                              Lang lang, const std::vector<std::string>& unreadable)
{
    std::vector<Diagnostic> out;
    const auto broken = rules_detail::Unreadable::from(repository, unreadable);
    rules_detail::Run run{repository, as_of, lang, out, broken};
    rules_detail::check_organisme(run, organisme);
    return out;
}

RuleReport check_repository_rules(const Model& model, Date as_of, Lang lang,
                                  const std::vector<std::string>& unreadable)
{
    RuleReport report;
    const auto broken = rules_detail::Unreadable::from(model, unreadable);
    rules_detail::Run run{model, as_of, lang, report.diagnostics, broken};
    rules_detail::check_references(run);
    rules_detail::check_sessions(run);
    rules_detail::check_committee(run);
    rules_detail::check_dates(run);
    if (model.standalone)
        for (const RuleInfo& r : rule_catalogue())
            if (r.needs_repository) report.skipped.emplace_back(r.code);
    return report;
}

namespace {

// An audit's file, type, dates and signature, without its plan and results.
Audit audit_dates(const Audit& a)
{
    Audit r;
    r.file = a.file;
    r.type = a.type;
    r.type_pos = a.type_pos;
    r.debut = a.debut;
    r.fin = a.fin;
    r.signature = a.signature;
    return r;
}

} // namespace

Organisme summary(const Organisme& o)
{
    // Copied field by field into fresh allocations: the whole dossier is freed after.
    Organisme s;
    s.slug = o.slug;
    s.folder = o.folder;
    s.file = o.file;
    for (const Audit& a : o.audits)
        if (a.type == AuditType::renouvellement) s.audits.push_back(audit_dates(a));
    s.audits.shrink_to_fit();
    s.candidatures.reserve(o.candidatures.size());
    for (const Candidature& c : o.candidatures) {
        Candidature& r = s.candidatures.emplace_back();
        r.file = c.file;
        r.seance = c.seance;
        r.demande = c.demande;
        r.demande_pos = c.demande_pos;
        r.depot = c.depot;
        r.validation = c.validation;  // the visa's auditor is checked against it (check_visas)
        r.pos = c.pos;
    }
    s.visas = o.visas;
    s.flaws = o.flaws;
    return s;
}

Organisme digest(const Organisme& o, const DigestKeep& keep)
{
    Organisme d = summary(o);
    d.nom = o.nom;
    d.sigle = o.sigle;
    d.siren = o.siren;
    d.famille = o.famille;
    d.federation = o.federation;
    d.region = o.region;
    d.logements = o.logements;
    d.logements_pos = o.logements_pos;
    d.contact_nom = o.contact_nom;
    d.contact_fonction = o.contact_fonction;
    d.contact_courriel = o.contact_courriel;
    d.contact_civilite = o.contact_civilite;
    d.engagement = o.engagement;
    d.engagement_instance = o.engagement_instance;
    d.appui_conseil_ush = o.appui_conseil_ush;
    d.audits.clear(); // summary keeps the renewals only
    const auto kept = [&keep](const Audit& a) {
        return a.type == AuditType::renouvellement || !keep.audit || keep.audit(a);
    };
    d.audits.reserve(static_cast<std::size_t>(std::count_if(o.audits.begin(), o.audits.end(), kept)));
    for (const Audit& a : o.audits) {
        if (!kept(a)) continue;
        Audit& r = d.audits.emplace_back(audit_dates(a));
        r.auditeur = a.auditeur;
        r.jours = a.jours;
    }
    for (std::size_t i = 0; i < o.candidatures.size(); ++i) { // summary keeps them in order
        if (keep.pieces && !keep.pieces(o.candidatures[i])) continue;
        d.candidatures[i].pieces = o.candidatures[i].pieces;
        d.candidatures[i].pieces_pos = o.candidatures[i].pieces_pos;
    }
    return d;
}

namespace rules_detail {

void check_organisme(Run& run, const Organisme& whole)
{
    const std::optional<Organisme> judged = judged_organisme(whole, run.unreadable);
    const Organisme& o = judged ? *judged : whole;
    check_references(run, o);
    check_treatment(run, o);
    check_concertation(run, o);
    check_audits(run, o);
    check_coverage(run, o);
    check_sessions(run, o);
    check_dates(run, o);
    check_pieces(run, whole);
}

std::string organisme_path(const Organisme& o, std::string_view name)
{
    return o.folder.empty() ? std::string(name) : o.folder + "/" + std::string(name);
}

std::optional<Organisme> judged_organisme(const Organisme& o, const Unreadable& unreadable)
{
    const bool autodiagnostic = !o.autodiagnostic && !unreadable.autodiagnostic_of.contains(o.slug);
    const bool paa = !o.paa && !unreadable.paa_of.contains(o.slug);
    const bool concertation = !o.concertation && !unreadable.concertation_of.contains(o.slug);
    if (!autodiagnostic && !paa && !concertation) return std::nullopt;
    // A copy, for the few organismes that lack a file.
    Organisme judged = o;
    if (autodiagnostic)
        judged.autodiagnostic = SelfDiagnosis{organisme_path(o, "autodiagnostic.yaml"), {}, {}};
    if (paa) judged.paa = Paa{organisme_path(o, "paa.yaml"), std::nullopt, {}, {}};
    if (concertation) judged.concertation = Concertation{organisme_path(o, "concertation.yaml"), {}, {}};
    return judged;
}

Unreadable Unreadable::from(const Model& model, const std::vector<std::string>& paths)
{
    Unreadable u;
    std::vector<std::string> all = paths;
    // A flawed decision makes its own organisme's pathway uncertain only (rules_committee.cpp).
    for (const auto& [file, item] : model.flaws.at)
        if ((all.empty() || all.back() != file) &&
            (!file.starts_with("comite/seances/") || item == std::pair{0, 0}))
            all.push_back(file);
    for (const std::string& path : all) {
        const auto placement =
            model.standalone ? classify_organisme_path(path) : classify_repository_path(path);
        if (!placement) continue;
        std::string slug = placement->organisme;
        if (model.standalone && !model.organismes.empty()) slug = model.organismes.front().slug;
        const auto dated = parse_iso_date(file_stem(path));
        switch (placement->kind) {
        case FileKind::quali:
            u.rules = true;
            break;
        case FileKind::referentiel:
            u.framework = true;
            break;
        case FileKind::membres:
            u.committee = true; // no committee, or one whose seats are unsure
            break;
        case FileKind::seance:
            u.sessions = true;
            if (dated) u.session_dates.insert(*dated);
            break;
        case FileKind::auditeur:
            u.auditors.insert(file_stem(path));
            break;
        case FileKind::audit:
            u.audits_of.insert(slug);
            break;
        case FileKind::candidature:
            u.candidatures_of.insert(slug);
            if (dated) u.candidatures.insert({slug, *dated});
            break;
        case FileKind::autodiagnostic:
            u.autodiagnostic_of.insert(slug);
            break;
        case FileKind::paa:
            u.paa_of.insert(slug);
            break;
        case FileKind::concertation:
            u.concertation_of.insert(slug);
            break;
        case FileKind::organisme:
            break; // absent from the model: its rules step aside
        case FileKind::visa:
            break; // checked by check_visas (visa_checks.cpp)
        }
    }
    return u;
}

Diagnostic& Run::report(std::string_view code, const std::string& file, Position pos, std::string message)
{
    const auto& catalogue = rule_catalogue();
    const auto it =
        std::find_if(catalogue.begin(), catalogue.end(), [&](const RuleInfo& r) { return r.code == code; });
    Diagnostic d;
    d.severity = it == catalogue.end() ? Severity::error : it->severity;
    d.code = std::string(code);
    d.file = file;
    d.pos = pos;
    d.message = std::move(message);
    out.push_back(std::move(d));
    return out.back();
}

void add_note(Diagnostic& d, const std::string& file, Position pos, std::string message)
{
    d.notes.push_back({file, pos, std::move(message)});
}

std::string iso_or_unknown(const std::optional<Date>& d)
{
    return d ? iso(*d) : std::string("?");
}

Position place(Position preferred, Position fallback)
{
    return preferred.line > 0 ? preferred : fallback;
}

const Candidature* previous_candidature(const Organisme& o, const Candidature& c)
{
    if (!c.seance.value) return nullptr;
    const Candidature* previous = nullptr;
    for (const Candidature& other : o.candidatures) // sorted by session date
        if (other.seance.value && *other.seance.value < *c.seance.value) previous = &other;
    return previous;
}

bool session_missing(const Run& run, const Candidature& c)
{
    return !run.model.standalone && c.seance.value && run.model.session(*c.seance.value) == nullptr &&
           !run.unreadable.session_dates.contains(*c.seance.value);
}

bool filed_early(const Run& run, const Candidature& c)
{
    if (run.unreadable.rules || !c.seance.value || !c.depot.value || session_missing(run, c)) return false;
    return *c.depot.value < filing_window(run.model.rules, *c.seance.value).opens;
}

bool flawed(const Run& run, const Organisme& o, const std::string& file)
{
    return o.flaws.in_file(file) || run.model.flaws.in_file(file);
}

bool flawed(const Run& run, const Organisme& o, const std::string& file, Position item)
{
    return o.flaws.of_file(file) || o.flaws.of_item(file, item) || run.model.flaws.of_file(file);
}

bool audits_certain(const Model& model, const Unreadable& unreadable, const Organisme& o)
{
    if (unreadable.audits_of.contains(o.slug)) return false;
    return std::all_of(o.audits.begin(), o.audits.end(), [&](const Audit& a) {
        return a.type && !o.flaws.in_file(a.file) && !model.flaws.in_file(a.file) &&
               std::all_of(a.resultats.begin(), a.resultats.end(), [&](const Result& r) {
                   return r.evaluation &&
                          (!is_alert(r) || model.framework.criterion(r.critere.value) != nullptr);
               });
    });
}

bool audits_certain(const Run& run, const Organisme& o)
{
    return audits_certain(run.model, run.unreadable, o);
}

} // namespace rules_detail

} // namespace quali::core
