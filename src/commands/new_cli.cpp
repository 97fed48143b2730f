// SPDX-License-Identifier: EUPL-1.2
// The command line of quali new organisme, audit, candidature, seance and auditeur: their
// arguments and help in the user's language (what they run is in new.cpp).
#include "commands/new_common.hpp"

#include <functional>
#include <memory>

namespace quali::commands::authoring {

namespace {

using Run = NewRuns::Run;

// What a subcommand does when chosen: store its run, bound to the options, in the runner.
std::function<void()> on(const std::shared_ptr<NewOptions>& opt, Runner& runner, Run run)
{
    return [opt, run, &runner] { runner = [opt, run](const Context& ctx) { return run(*opt, ctx); }; };
}

std::string day(core::Lang lang)
{
    return tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD");
}

std::string slug_help(core::Lang lang)
{
    return tr(lang, "Identifiant de l'organisme", "Identifier of the organisation");
}

void add_organisme(CLI::App& sub, NewOptions& opt, const std::function<void()>& chosen, core::Lang lang)
{
    CLI::App* org = sub.add_subcommand(
        "organisme", tr(lang, "Créer organismes/SLUG/organisme.yaml (identité et engagement)",
                        "Create organismes/SLUG/organisme.yaml (identity and commitment)"));
    org->add_option("SLUG", opt.slug,
                    tr(lang, "Identifiant de l'organisme, nom de son dossier (ex. habitat-loire)",
                       "Identifier of the organisation, the name of its folder (e.g. habitat-loire)"))
        ->required();
    org->add_option("--nom", opt.nom, tr(lang, "Raison sociale ou nom usuel", "Legal or usual name"));
    org->add_option("--siren", opt.siren,
                    tr(lang, "Numéro SIREN (9 chiffres, clé de Luhn vérifiée)",
                       "SIREN number (9 digits, Luhn key checked)"));
    org->add_option("--famille", opt.famille,
                    tr(lang, "OPH, ESH, COOP, SEM ou autre", "OPH, ESH, COOP, SEM or autre"))
        ->check(CLI::IsMember({"OPH", "ESH", "COOP", "SEM", "autre"}))
        ->type_name(tr(lang, "FAMILLE", "FAMILY"));
    org->add_option(
           "--federation", opt.federation,
           tr(lang, "Fédération (défaut : celle de la famille)", "Federation (default: the family's)"))
        ->check(CLI::IsMember({"federation-oph", "federation-esh", "federation-coop", "procivis", "aucune"}))
        ->type_name(tr(lang, "FEDERATION", "FEDERATION"));
    org->add_option("--region", opt.region, tr(lang, "Région du siège", "Region of the head office"));
    org->add_option("--logements", opt.logements,
                    tr(lang, "Nombre de logements gérés", "Number of dwellings managed"));
    org->add_option("--contact", opt.contact,
                    tr(lang, "Prénom et nom du ou de la responsable qualité",
                       "First and last name of the quality manager"));
    org->add_option("--courriel", opt.courriel,
                    tr(lang, "Adresse électronique du contact", "Email address of the contact"));
    org->add_option("--engagement", opt.engagement,
                    tr(lang, "Date de la délibération d'engagement (défaut : aujourd'hui)",
                       "Date of the board's decision to engage (default: today)"))
        ->type_name(day(lang));
    add_repository_option(*org, opt.depot, lang);
    org->callback(chosen);
}

void add_audit(CLI::App& sub, NewOptions& opt, const std::function<void()>& chosen, core::Lang lang)
{
    CLI::App* audit = sub.add_subcommand(
        "audit",
        tr(lang,
           "Créer organismes/SLUG/audits/DEBUT-TYPE.yaml (plan et grille de résultats du cadre d'évaluation)",
           "Create organismes/SLUG/audits/START-TYPE.yaml (plan and results grid of the evaluation "
           "framework)"));
    audit->add_option("SLUG", opt.slug, slug_help(lang))->required();
    audit
        ->add_option(
            "--type", opt.type,
            tr(lang, "diagnostic-hqs (défaut), verification, diagnostic-hqs-renouvellement ou mise-en-oeuvre",
               "diagnostic-hqs (default), verification, diagnostic-hqs-renouvellement or mise-en-oeuvre"))
        ->check(CLI::IsMember(
            {"diagnostic-hqs", "verification", "diagnostic-hqs-renouvellement", "mise-en-oeuvre"}))
        ->type_name("TYPE");
    audit
        ->add_option("--auditeur", opt.auditeur,
                     tr(lang, "Identifiant de l'auditeur agréé (auditeurs/ID.yaml)",
                        "Identifier of the approved auditor (auditeurs/ID.yaml)"))
        ->required();
    audit
        ->add_option("--debut", opt.debut,
                     tr(lang, "Premier jour de l'audit (défaut : aujourd'hui)",
                        "First day of the audit (default: today)"))
        ->type_name(day(lang));
    audit
        ->add_option("--fin", opt.fin,
                     tr(lang, "Dernier jour (défaut : selon les jours)", "Last day (default: from the days)"))
        ->type_name(day(lang));
    audit->add_option("--jours", opt.jours,
                      tr(lang, "Jours d'audit (défaut : le minimum du calibrage)",
                         "Days of audit (default: the calibration's minimum)"));
    add_repository_option(*audit, opt.depot, lang);
    audit->callback(chosen);
}

void add_candidature(CLI::App& sub, NewOptions& opt, const std::function<void()>& chosen, core::Lang lang)
{
    CLI::App* cand = sub.add_subcommand(
        "candidature",
        tr(lang, "Créer organismes/SLUG/candidatures/SEANCE.yaml (pièces existantes déjà listées)",
           "Create organismes/SLUG/candidatures/SESSION.yaml (existing documents already listed)"));
    cand->add_option("SLUG", opt.slug, slug_help(lang))->required();
    cand->add_option("--seance", opt.seance,
                     tr(lang, "Date de la séance du comité visée", "Date of the committee session aimed at"))
        ->type_name(day(lang))
        ->required();
    cand->add_option("--decision", opt.decision,
                     tr(lang, "admissibilite, labellisation, maintien ou renouvellement",
                        "admissibilite, labellisation, maintien or renouvellement"))
        ->check(CLI::IsMember({"admissibilite", "labellisation", "maintien", "renouvellement"}))
        ->type_name("DECISION")
        ->required();
    cand->add_option("--depot", opt.date_depot,
                     tr(lang, "Date de dépôt (défaut : aujourd'hui)", "Filing date (default: today)"))
        ->type_name(day(lang));
    cand->add_option("--auditeur", opt.auditeur,
                     tr(lang, "Identifiant de l'auditeur qui valide le dossier",
                        "Identifier of the auditor who validates the application"));
    add_repository_option(*cand, opt.depot, lang, "-C");
    cand->callback(chosen);
}

void add_seance(CLI::App& sub, NewOptions& opt, const std::function<void()>& chosen, core::Lang lang)
{
    CLI::App* seance = sub.add_subcommand("seance", tr(lang, "Créer comite/seances/DATE.yaml (séance prévue)",
                                                       "Create comite/seances/DATE.yaml (planned session)"));
    seance->add_option("DATE", opt.date, tr(lang, "Date de la séance", "Date of the session"))
        ->type_name(day(lang))
        ->required();
    seance->add_option("--lieu", opt.lieu, tr(lang, "Lieu de la séance", "Place of the session"));
    add_repository_option(*seance, opt.depot, lang);
    seance->callback(chosen);
}

void add_auditeur(CLI::App& sub, NewOptions& opt, const std::function<void()>& chosen, core::Lang lang)
{
    CLI::App* aud = sub.add_subcommand("auditeur", tr(lang, "Créer auditeurs/ID.yaml (auditeur agréé)",
                                                      "Create auditeurs/ID.yaml (approved auditor)"));
    aud->add_option("ID", opt.slug,
                    tr(lang, "Identifiant de l'auditeur, nom de son fichier (ex. jeanne-durand)",
                       "Identifier of the auditor, the name of its file (e.g. jeanne-durand)"))
        ->required();
    aud->add_option("--nom", opt.nom, tr(lang, "Prénom et nom", "First and last name"));
    aud->add_option("--cabinet", opt.cabinet, tr(lang, "Cabinet ou structure", "Firm or organisation"));
    aud->add_option("--courriel", opt.courriel, tr(lang, "Adresse électronique", "Email address"));
    aud->add_option("--debut", opt.debut,
                    tr(lang, "Premier jour de l'agrément (défaut : aujourd'hui)",
                       "First day of the approval (default: today)"))
        ->type_name(day(lang));
    aud->add_option("--fin", opt.fin,
                    tr(lang, "Dernier jour de l'agrément (défaut : 3 ans moins un jour)",
                       "Last day of the approval (default: 3 years less one day)"))
        ->type_name(day(lang));
    aud->add_option("--seance", opt.seance_agrement,
                    tr(lang, "Séance du comité qui a prononcé l'agrément",
                       "Committee session that granted the approval"))
        ->type_name(day(lang));
    aud->add_option("--cle-publique", opt.cle_publique,
                    tr(lang, "Clé publique OpenSSH : fichier .pub ou la ligne elle-même",
                       "OpenSSH public key: a .pub file or the line itself"))
        ->type_name(tr(lang, "CLE", "KEY"));
    add_repository_option(*aud, opt.depot, lang);
    aud->callback(chosen);
}

} // namespace

void add_new_files(CLI::App& sub, Runner& runner, const NewRuns& runs, core::Lang lang)
{
    auto opt = std::make_shared<NewOptions>();
    add_organisme(sub, *opt, on(opt, runner, runs.organisme), lang);
    add_audit(sub, *opt, on(opt, runner, runs.audit), lang);
    add_candidature(sub, *opt, on(opt, runner, runs.candidature), lang);
    add_seance(sub, *opt, on(opt, runner, runs.seance), lang);
    add_auditeur(sub, *opt, on(opt, runner, runs.auditeur), lang);
}

} // namespace quali::commands::authoring
