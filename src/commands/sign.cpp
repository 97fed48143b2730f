// SPDX-License-Identifier: EUPL-1.2
// quali sign: the auditor validates and signs the candidature documents (DOMAIN.md §1). Writes
// candidatures/SEANCE.visa.yaml next to the candidature: the SHA-256 and the git blob id of the
// candidature and of every piece it lists (computed here, without git), optionally signed with
// the auditor's OpenSSH key (ssh-keygen -Y sign). Until the committee's decisions, quali validate
// reports any piece changed since (Q397); afterwards, any signed version missing from git (Q404).
#include "commands/modeles.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/io/atomic_write.hpp"
#include "quali/io/digest.hpp"
#include "quali/io/ssh_signature.hpp"

#include <fmt/format.h>

#include <ostream>
#include <utility>

namespace quali::commands {

namespace {

namespace fs = std::filesystem;
using core::say;

struct SignOptions {
    std::string slug, seance, auditeur, cle, date, depot;
    bool force = false;
};

// The record as YAML, with a comment that says what it is and how to renew it.
std::string visa_yaml(const core::Visa& v, const std::string& slug)
{
    std::string out;
    out += fmt::format("# Visa de l'auditeur {} sur la candidature de « {} » à la séance du {},\n", v.auditeur.value, slug,
                       v.seance.value);
    out += fmt::format("# écrit par quali sign le {}. Il enregistre l'empreinte SHA-256 et l'identifiant de blob git\n",
                       v.date.value);
    out += "# de la candidature et de chacune de ses pièces : jusqu'aux décisions du comité, quali validate\n";
    out += "# signale (Q397) toute pièce modifiée depuis ; ensuite, chaque version visée doit rester dans git (Q404).\n";
    out += "# Ne le modifiez pas à la main ; pour un nouveau visa :\n";
    out += fmt::format("#   quali sign {} --candidature {} --auditeur {} --force\n", slug, v.seance.value, v.auditeur.value);
    out += "version: 1\n";
    out += fmt::format("seance: {}\n", v.seance.value);
    out += fmt::format("auditeur: {}\n", v.auditeur.value);
    out += fmt::format("date: {}\n", v.date.value);
    const auto entry = [](const core::VisaEntry& e) {
        return fmt::format("{{ chemin: {}, sha256: {}, git_blob: {} }}", yaml_quoted(e.chemin.value), e.sha256,
                           e.git_blob);
    };
    out += "candidature: " + entry(*v.candidature) + "\n";
    if (v.pieces.empty()) out += "pieces: []\n";
    else out += "pieces:\n";
    for (const core::VisaEntry& p : v.pieces) out += "  - " + entry(p) + "\n";
    if (v.signature) {
        out += "signature: |\n";
        std::string_view rest = v.signature->value;
        while (!rest.empty()) {
            const auto eol = rest.find('\n');
            out += "  " + std::string(rest.substr(0, eol)) + "\n";
            rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
        }
    }
    return out;
}

core::Date date_option(const std::string& text, std::string_view option, const Context& ctx)
{
    const auto d = core::parse_iso_date(text);
    if (!d)
        throw EnvironmentError(say(ctx.lang, "{} : « {} » n'est pas une date AAAA-MM-JJ existante",
                                   "{}: \"{}\" is not an existing YYYY-MM-DD date", option, text));
    return *d;
}

// The organisme and its candidature for the session, or an EnvironmentError.
std::pair<const core::Organisme*, const core::Candidature*>
candidature_of(const Workspace& ws, const SignOptions& opt, core::Date seance, const Context& ctx)
{
    const io::LoadedRoot& loaded = ws.roots.front();
    const core::Model& model = ws.models.front();
    const bool lone = loaded.root.kind == io::RootKind::organisme;
    const core::Organisme* o = lone ? (model.organismes.empty() ? nullptr : &model.organismes.front())
                                    : model.organisme(opt.slug);
    if (o == nullptr || (lone && o->slug != opt.slug))
        throw EnvironmentError(say(ctx.lang, "organisme inconnu : {}", "unknown organisation: {}", opt.slug));
    const core::Candidature* c = o->candidature_for(seance);
    if (c == nullptr)
        throw EnvironmentError(say(ctx.lang, "{} n'a pas de candidature pour la séance du {} (attendue : {})",
                                   "{} has no candidature for the session of {} (expected: {})", opt.slug, opt.seance,
                                   display_path(loaded.root.dir / core::path_in_root(*o, "candidatures/" + opt.seance + ".yaml"))));
    return {o, c};
}

// The auditor signs a dossier that reads: the candidature file itself must be free of errors.
void refuse_candidature_with_errors(const Workspace& ws, const core::Candidature& c, const Context& ctx)
{
    const std::string shown = display_path(ws.roots.front().root.dir / c.file);
    int errors = 0;
    std::string first;
    for (const core::Diagnostic& d : ws.diagnostics)
        if (d.file == shown && d.severity == core::Severity::error && errors++ == 0)
            first = fmt::format("{}:{}: [{}] {}", shown, d.pos.line, d.code, d.message);
    if (errors > 0)
        throw EnvironmentError(say(ctx.lang, "la candidature a {}, à corriger avant le visa (quali validate {}) ; {}",
                                   "the candidature has {}, to fix before signing off (quali validate {}); {}",
                                   core::count_of(ctx.lang, errors, "erreur", "erreurs", "error", "errors"), shown,
                                   first));
}

// The auditor must exist (in a repository), sign with their key when they declared one, and pass
// what check_visas would report at once (Q400–Q402): refused here, before anything is written.
const core::Auditor* check_auditor(const core::Model& model, const core::Organisme& o, const core::Visa& visa,
                                   const SignOptions& opt, bool lone, const Context& ctx)
{
    const core::Auditor* auditor = model.auditor(opt.auditeur);
    if (!lone && auditor == nullptr)
        throw EnvironmentError(say(ctx.lang, "auditeur inconnu : auditeurs/{}.yaml n'existe pas", "unknown auditor: auditeurs/{}.yaml does not exist",
                                   opt.auditeur));
    if (auditor != nullptr && !auditor->cle_publique.empty() && opt.cle.empty())
        throw EnvironmentError(say(ctx.lang,
                                   "l'auditeur {} a déclaré une clé publique : signez le visa avec sa clé privée (--cle CHEMIN)",
                                   "auditor {} declared a public key: sign the record with their private key (--cle PATH)",
                                   opt.auditeur));
    if (const auto refused = core::check_visa_auditor(model, o, visa, ctx.lang); !refused.empty())
        throw EnvironmentError(say(ctx.lang, "{} ; visa non écrit", "{}; sign-off not written", refused.front().message));
    return auditor;
}

// The fingerprints of the candidature and its pieces, as the auditor sees the files now.
void fingerprint(core::Visa& visa, const io::Root& root, const core::Organisme& o, const core::Candidature& c,
                 const Context& ctx)
{
    const auto entry = [&](const std::string& chemin) {
        if (chemin.empty() || core::path_leaves_folder(chemin))
            throw EnvironmentError(say(ctx.lang, "pièce « {} » hors du dossier de l'organisme : pas de visa",
                                       "piece \"{}\" outside the organisation folder: no sign-off", chemin));
        const fs::path full = root.dir / core::path_in_root(o, chemin);
        const auto sha = io::sha256_file(full);
        const auto blob = io::git_blob_file(full);
        if (!sha || !blob)
            throw EnvironmentError(say(ctx.lang, "pièce introuvable ou illisible : {} ; le visa n'est pas écrit",
                                       "piece missing or unreadable: {}; the sign-off is not written", display_path(full)));
        return core::VisaEntry{{chemin, {}}, *sha, {}, *blob};
    };
    const std::string folder_prefix = o.folder.empty() ? "" : o.folder + "/";
    visa.candidature = entry(c.file.substr(folder_prefix.size()));
    for (const core::Text& p : c.pieces) visa.pieces.push_back(entry(p.value));
}

// Signs the record with the auditor's private key, checked against their declared public key.
void sign_visa(core::Visa& visa, const core::Organisme& o, const core::Auditor* auditor, const io::Root& root,
               const SignOptions& opt, const Context& ctx)
{
    const std::string message = core::canonical_visa_text(o.slug, visa);
    io::SshSignature s = io::ssh_sign(opt.cle, core::visa_namespace, message, ctx.lang);
    if (!s.error.empty()) throw EnvironmentError(s.error);
    if (auditor != nullptr && !auditor->cle_publique.empty()) {
        const core::SignatureCheck check = io::ssh_verify(opt.auditeur, auditor->cle_publique, s.armoured, message,
                                                          core::visa_namespace, ctx.lang);
        if (check.verdict == core::SignatureVerdict::invalid)
            throw EnvironmentError(say(ctx.lang,
                                       "la clé {} ne correspond pas à la clé publique déclarée dans {} : visa non écrit",
                                       "key {} does not match the public key declared in {}: sign-off not written",
                                       opt.cle, display_path(root.dir / auditor->file)));
    }
    visa.signature = core::Text{s.armoured, {}};
}

int run_sign(const SignOptions& opt, const Context& ctx)
{
    const core::Date seance = date_option(opt.seance, "--candidature", ctx);
    const core::Date date = opt.date.empty() ? ctx.today : date_option(opt.date, "--date", ctx);
    if (!core::is_slug(opt.auditeur))
        throw EnvironmentError(say(ctx.lang, "--auditeur : identifiant « {} » invalide", "--auditeur: invalid id \"{}\"",
                                   opt.auditeur));

    const Workspace ws = load_workspace({opt.depot.empty() ? std::string(".") : opt.depot}, ctx, {.rules = false});
    const io::Root& root = ws.roots.front().root;
    const core::Model& model = ws.models.front();
    const auto [o, c] = candidature_of(ws, opt, seance, ctx);
    refuse_candidature_with_errors(ws, *c, ctx);

    core::Visa visa;
    visa.seance = {core::iso(seance), {}};
    visa.auditeur = {opt.auditeur, {}};
    visa.date = {core::iso(date), {}};
    const core::Auditor* auditor = check_auditor(model, *o, visa, opt, root.kind == io::RootKind::organisme, ctx);
    fingerprint(visa, root, *o, *c, ctx);
    if (!opt.cle.empty()) sign_visa(visa, *o, auditor, root, opt, ctx);

    const fs::path path = root.dir / core::path_in_root(*o, "candidatures/" + core::iso(seance) + ".visa.yaml");
    if (const std::error_code ec = io::write_file_atomically(path, visa_yaml(visa, o->slug), opt.force)) {
        if (ec == std::errc::file_exists)
            throw EnvironmentError(say(ctx.lang, "{} existe déjà : ajoutez --force pour viser à nouveau",
                                       "{} already exists: add --force to sign off again", display_path(path)));
        throw EnvironmentError(say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", display_path(path),
                                   system_error_text(ec, ctx.lang)));
    }
    if (!ctx.quiet)
        ctx.out << say(ctx.lang, "Visa écrit : {} ({} et la candidature, {})\n",
                       "Sign-off written: {} ({} and the candidature, {})\n", display_path(path),
                       core::count_of(ctx.lang, visa.pieces.size(), "pièce", "pièces", "piece", "pieces"),
                       visa.signature ? say(ctx.lang, "signé avec {}", "signed with {}", opt.cle)
                                      : say(ctx.lang, "sans signature OpenSSH", "without OpenSSH signature"));
    return 0;
}

} // namespace

void add_sign(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<SignOptions>();
    CLI::App* sub = app.add_subcommand(
        "sign", tr(lang,
                   "Viser une candidature (auditeur) : empreinte SHA-256 et blob git de chaque pièce, signature "
                   "OpenSSH facultative",
                   "Sign off a candidature (auditor): SHA-256 fingerprint and git blob of each piece, optional "
                   "OpenSSH signature"));
    const std::string day = tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD");
    sub->add_option("SLUG", opt->slug, tr(lang, "Identifiant de l'organisme", "Identifier of the organisation"))->required();
    sub->add_option("--candidature", opt->seance,
                    tr(lang, "Séance de la candidature visée", "Session of the candidature signed off"))
        ->type_name(day)
        ->required();
    sub->add_option("--auditeur", opt->auditeur,
                    tr(lang, "Identifiant de l'auditeur qui vise (auditeurs/ID.yaml)",
                       "Identifier of the auditor who signs off (auditeurs/ID.yaml)"))
        ->required();
    sub->add_option("--cle", opt->cle,
                    tr(lang, "Clé privée OpenSSH de l'auditeur : signe le visa avec ssh-keygen -Y sign",
                       "The auditor's OpenSSH private key: signs the record with ssh-keygen -Y sign"))
        ->type_name(tr(lang, "CHEMIN", "PATH"));
    sub->add_option("--date", opt->date, tr(lang, "Date du visa (défaut : aujourd'hui)", "Date of the sign-off (default: today)"))
        ->type_name(day);
    add_repository_option(*sub, opt->depot, lang);
    add_force_flag(*sub, opt->force, lang)
        ->description(tr(lang, "Remplacer un visa existant (nouveau visa après une modification voulue)",
                         "Replace an existing sign-off (a new one after an intended change)"));
    sub->footer(tr(
        lang,
        "Écrit organismes/SLUG/candidatures/SEANCE.visa.yaml ; quali validate signale ensuite toute pièce "
        "modifiée avant les décisions du comité (Q397), toute version visée absente de git après (Q404), et "
        "vérifie la signature avec la clé publique de l'auditeur (Q398, Q399). Refuse (code 2) un auditeur "
        "autre que celui de validation_auditeur, non agréé à la date du visa, ou un visa après le dépôt.\n",
        "Writes organismes/SLUG/candidatures/SESSION.visa.yaml (its comments in French, like the files it lists); "
        "quali validate then reports any piece changed before the committee's decisions (Q397), any signed "
        "version missing from git afterwards (Q404), and checks the signature with the auditor's public key "
        "(Q398, Q399). Refuses (code 2) an auditor other than the one of validation_auditeur, one not approved "
        "on the date of the sign-off, or a sign-off after the filing.\n"));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_sign(*opt, ctx); }; });
}

} // namespace quali::commands
