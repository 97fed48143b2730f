// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/visa_checks.hpp"

#include "quali/core/value_checks.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace quali::core {

std::string canonical_visa_text(std::string_view slug, const Visa& visa)
{
    std::string out = "quali-visa 1\n";
    out += fmt::format("organisme {}\n", slug);
    out += fmt::format("seance {}\n", visa.seance.value);
    out += fmt::format("auditeur {}\n", visa.auditeur.value);
    out += fmt::format("date {}\n", visa.date.value);
    // A blob id adds a line after its entry: an older visa without them keeps the text it was
    // signed over, and its signature stays valid.
    const auto blob = [&](const VisaEntry& e) {
        if (!e.git_blob.empty()) out += fmt::format("git-blob {}\n", e.git_blob);
    };
    if (visa.candidature) {
        out += fmt::format("candidature {} {}\n", visa.candidature->sha256, visa.candidature->chemin.value);
        blob(*visa.candidature);
    }
    for (const VisaEntry& p : visa.pieces) {
        out += fmt::format("piece {} {}\n", p.sha256, p.chemin.value);
        blob(p);
    }
    return out;
}

std::string path_in_root(const Organisme& o, std::string_view path)
{
    return o.folder.empty() ? std::string(path) : o.folder + "/" + std::string(path);
}

namespace {

Diagnostic make(std::string code, Severity severity, std::string file, Position pos, std::string message,
                std::string hint = {})
{
    Diagnostic d;
    d.code = std::move(code);
    d.severity = severity;
    d.file = std::move(file);
    d.pos = pos.line > 0 ? pos : Position{1, 1};
    d.message = std::move(message);
    d.hint = std::move(hint);
    return d;
}

// What a visa's signature proves, with the verifier's words.
struct SignatureFinding {
    VisaSignatureState state = VisaSignatureState::not_signed;
    bool has_key = false;
    SignatureCheck check;  // when verified
};

SignatureFinding find_signature(const Model& model, const Organisme& o, const Visa& v, const SignatureVerifier& verify)
{
    SignatureFinding f;
    const Auditor* auditor = model.auditor(v.auditeur.value);
    f.has_key = auditor != nullptr && !auditor->cle_publique.empty();
    if (!v.signature) return f;
    if (!f.has_key) {
        f.state = VisaSignatureState::unverified;
        return f;
    }
    f.check = verify(v.auditeur.value, auditor->cle_publique, v.signature->value, canonical_visa_text(o.slug, v));
    f.state = f.check.verdict == SignatureVerdict::valid     ? VisaSignatureState::verified
              : f.check.verdict == SignatureVerdict::invalid ? VisaSignatureState::invalid
                                                             : VisaSignatureState::unverified;
    return f;
}

// A well-formed git blob id: 40 lowercase hex digits (anything else failed the schema, Q105).
bool is_blob_id(std::string_view id)
{
    return id.size() == 40 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Every entry of a visa: the candidature, then the pieces.
std::vector<const VisaEntry*> entries(const Visa& v)
{
    std::vector<const VisaEntry*> out;
    if (v.candidature) out.push_back(&*v.candidature);
    for (const VisaEntry& e : v.pieces) out.push_back(&e);
    return out;
}

class VisaCheck {
public:
    VisaCheck(const Model& model, const FileDigest& digest, const SignatureVerifier& verify, Lang lang,
              std::vector<Diagnostic>& out)
        : m_model(model), m_digest(digest), m_verify(verify), m_lang(lang), m_out(out)
    {
    }

    // Until the session's decisions: the working pieces must be those the auditor saw.
    void run_pending(const Organisme& o, const Visa& v)
    {
        bool older = false;
        for (const VisaEntry* e : entries(v)) {
            check_entry(o, v, *e);
            older = older || (!e->chemin.value.empty() && e->git_blob.empty());
        }
        if (older)
            m_out.push_back(make("Q403", Severity::warning, v.file, v.pos,
                                 say(m_lang, "visa sans identifiants de blob git : une fois le comité passé, rien ne "
                                             "permettra de vérifier que les versions visées restent dans git",
                                     "sign-off without git blob ids: once the committee has met, nothing will "
                                     "show that the signed-off versions remain in git"),
                                 say(m_lang, "tant que les pièces n'ont pas changé, l'auditeur renouvelle son visa : "
                                             "quali sign {} --candidature {} --auditeur {} --force",
                                     "as long as the documents are unchanged, the auditor signs off again: "
                                     "quali sign {} --candidature {} --auditeur {} --force",
                                     o.slug, v.seance.value, v.auditeur.value)));
    }

    // The right auditor, approved on the visa's day, before the filing (DOMAIN.md §5.3).
    void check_auditor(const Organisme& o, const Visa& v)
    {
        const std::optional<Date> day = parse_iso_date(v.date.value);
        const std::optional<Date> seance = parse_iso_date(v.seance.value);
        const Candidature* c = seance ? o.candidature_for(*seance) : nullptr;
        const bool other = c != nullptr && c->validation && !c->validation->auditeur.value.empty() &&
                           !v.auditeur.value.empty() && c->validation->auditeur.value != v.auditeur.value;
        if (other) {
            Diagnostic d = make("Q400", Severity::error, v.file, v.auditeur.pos,
                                say(m_lang, "visa de l'auditeur {}, alors que la candidature désigne l'auditeur {} "
                                            "(validation_auditeur)",
                                    "sign-off by auditor {}, while the application names auditor {} "
                                    "(validation_auditeur)",
                                    v.auditeur.value, c->validation->auditeur.value),
                                say(m_lang, "l'auditeur désigné vise la candidature : quali sign {} --candidature {} "
                                            "--auditeur {} --force (ou corrigez validation_auditeur)",
                                    "the named auditor signs off: quali sign {} --candidature {} --auditeur {} "
                                    "--force (or correct validation_auditeur)",
                                    o.slug, v.seance.value, c->validation->auditeur.value));
            d.notes.push_back(Note{c->file, c->validation->auditeur.pos,
                                   say(m_lang, "auditeur désigné par la candidature", "auditor named by the application")});
            m_out.push_back(std::move(d));
        }
        // The wrong auditor's approval is beside the point: one defect, one diagnostic.
        const Auditor* auditor = other ? nullptr : m_model.auditor(v.auditeur.value);
        if (day && auditor != nullptr && !auditor->approved_between(*day, *day)) {
            const bool active = auditor->statut == AuditorStatus::actif;
            Diagnostic d = make("Q401", Severity::error, v.file, v.date.pos,
                                active ? say(m_lang, "visa du {} : aucun agrément de l'auditeur {} ne couvre cette date",
                                             "sign-off of {}: no approval of auditor {} covers that date",
                                             v.date.value, v.auditeur.value)
                                       : say(m_lang, "visa du {} : l'auditeur {} n'est pas actif (statut)",
                                             "sign-off of {}: auditor {} is not active (statut)", v.date.value,
                                             v.auditeur.value),
                                say(m_lang, "seul un auditeur actif et agréé à la date du visa peut viser ; un "
                                            "auditeur agréé vise à nouveau (quali sign … --force)",
                                    "only an auditor active and approved on the sign-off's date may sign off; an "
                                    "approved auditor signs off again (quali sign … --force)"));
            d.notes.push_back(Note{auditor->file, active ? Position{1, 1} : auditor->statut_pos,
                                   say(m_lang, "fiche de l'auditeur {}", "auditor {}'s file", v.auditeur.value)});
            m_out.push_back(std::move(d));
        }
        if (day && c != nullptr && c->depot.value && *day > *c->depot.value) {
            Diagnostic d = make("Q402", Severity::error, v.file, v.date.pos,
                                say(m_lang, "visa du {}, après le dépôt du dossier le {} : l'auditeur vise ce qui est "
                                            "déposé, avant le dépôt",
                                    "sign-off of {}, after the filing on {}: the auditor signs off what is filed, "
                                    "on or before the filing day",
                                    v.date.value, iso(*c->depot.value)),
                                say(m_lang, "l'auditeur vise au plus tard le jour du dépôt, ou la date de dépôt est "
                                            "corrigée si le dossier a été déposé après le visa",
                                    "the auditor signs off on or before the filing day, or the filing date is "
                                    "corrected if the dossier was filed after the sign-off"));
            d.notes.push_back(Note{c->file, c->depot.pos, say(m_lang, "date de dépôt", "filing date")});
            m_out.push_back(std::move(d));
        }
    }

    void check_signature(const Organisme& o, const Visa& v)
    {
        const SignatureFinding f = find_signature(m_model, o, v, m_verify);
        const Auditor* auditor = m_model.auditor(v.auditeur.value);
        if (!v.signature) {
            if (f.has_key)
                m_out.push_back(make(
                    "Q398", Severity::error, v.file, v.pos,
                    say(m_lang, "visa non signé alors que l'auditeur {} a déclaré une clé publique : rien ne prouve qu'il vient de lui",
                        "unsigned sign-off while auditor {} declared a public key: nothing proves it is theirs",
                        v.auditeur.value),
                    say(m_lang, "l'auditeur vise avec sa clé : quali sign {} --candidature {} --auditeur {} --cle CHEMIN --force",
                        "the auditor signs off with their key: quali sign {} --candidature {} --auditeur {} --cle PATH --force",
                        o.slug, v.seance.value, v.auditeur.value)));
            return;
        }
        const Position at = v.signature->pos;
        if (!f.has_key) {
            m_out.push_back(make(
                "Q399", Severity::warning, v.file, at,
                auditor == nullptr
                    ? say(m_lang, "signature non vérifiée : pas de fiche auditeurs/{}.yaml dans ce dépôt",
                          "signature not verified: no auditeurs/{}.yaml in this repository", v.auditeur.value)
                    : say(m_lang, "signature non vérifiée : l'auditeur {} n'a pas de clé publique (cle_publique)",
                          "signature not verified: auditor {} has no public key (cle_publique)", v.auditeur.value),
                say(m_lang, "déclarez sa clé publique OpenSSH dans sa fiche : cle_publique: \"ssh-ed25519 AAAA…\"",
                    "declare their OpenSSH public key in their file: cle_publique: \"ssh-ed25519 AAAA…\"")));
            return;
        }
        switch (f.check.verdict) {
        case SignatureVerdict::valid:
            return;
        case SignatureVerdict::unavailable:
            m_out.push_back(make("Q399", Severity::warning, v.file, at,
                                 say(m_lang, "signature non vérifiée : {}", "signature not verified: {}", f.check.detail),
                                 say(m_lang, "installez le paquet openssh-client (ssh-keygen)",
                                     "install the openssh-client package (ssh-keygen)")));
            return;
        case SignatureVerdict::invalid: {
            Diagnostic d = make("Q398", Severity::error, v.file, at,
                                say(m_lang, "signature du visa invalide : ce n'est pas la signature de l'auditeur {} sur ce visa{}",
                                    "invalid sign-off signature: not auditor {}'s signature of this record{}",
                                    v.auditeur.value, f.check.detail.empty() ? "" : " (" + f.check.detail + ")"),
                                say(m_lang, "le visa a été modifié ou signé avec une autre clé : l'auditeur vise à nouveau",
                                    "the record was changed or signed with another key: the auditor signs off again"));
            d.notes.push_back(Note{auditor->file, {1, 1},
                                   say(m_lang, "clé publique déclarée de l'auditeur {}", "declared public key of auditor {}",
                                       v.auditeur.value)});
            m_out.push_back(std::move(d));
            return;
        }
        }
    }

    // After the session: the signed versions must be retrievable from git.
    void check_blobs(const std::vector<std::pair<const Organisme*, const Visa*>>& decided, const BlobLookup& blobs)
    {
        std::set<std::string> wanted;
        for (const auto& [o, v] : decided)
            for (const VisaEntry* e : entries(*v))
                if (is_blob_id(e->git_blob)) wanted.insert(e->git_blob);
        if (wanted.empty()) return;
        const std::optional<std::set<std::string>> present =
            blobs ? blobs(std::vector<std::string>(wanted.begin(), wanted.end())) : std::nullopt;
        for (const auto& [o, v] : decided) {
            const std::vector<const VisaEntry*> all = entries(*v);
            if (std::none_of(all.begin(), all.end(), [](const VisaEntry* e) { return is_blob_id(e->git_blob); }))
                continue;
            if (!present) {
                m_out.push_back(make("Q405", Severity::warning, v->file, v->pos,
                                     say(m_lang, "versions visées non vérifiées : le dépôt n'est pas dans un dépôt git "
                                                 "(ou git est absent), rien ne montre qu'elles sont conservées",
                                         "signed-off versions not checked: the folder is not in a git repository "
                                         "(or git is missing), so nothing shows they are kept"),
                                     say(m_lang, "validez le dépôt git lui-même, avec git installé",
                                         "validate the git repository itself, with git installed")));
                continue;
            }
            for (const VisaEntry* e : all) {
                if (!is_blob_id(e->git_blob) || present->contains(e->git_blob)) continue;
                m_out.push_back(make("Q404", Severity::error, v->file, e->pos,
                                     say(m_lang, "version visée de « {} » introuvable dans git (blob {}) : la pièce "
                                                 "examinée par le comité n'est plus consultable",
                                         "signed-off version of \"{}\" not found in git (blob {}): the document the "
                                         "committee examined can no longer be read",
                                         e->chemin.value, e->git_blob.substr(0, 12)),
                                     say(m_lang, "retrouvez la version visée (une autre branche, une sauvegarde) et "
                                                 "commitez-la, ou récupérez l'historique complet (git fetch --unshallow)",
                                         "recover the signed-off version (another branch, a backup) and commit it, or "
                                         "fetch the whole history (git fetch --unshallow)")));
            }
        }
    }

private:
    std::string again(const Organisme& o, const Visa& v) const
    {
        return say(m_lang,
                   "si la modification est voulue, l'auditeur vise à nouveau : quali sign {} --candidature {} "
                   "--auditeur {} --force",
                   "if the change is wanted, the auditor signs off again: quali sign {} --candidature {} "
                   "--auditeur {} --force",
                   o.slug, v.seance.value, v.auditeur.value);
    }

    void check_entry(const Organisme& o, const Visa& v, const VisaEntry& e)
    {
        const std::string& chemin = e.chemin.value;
        if (chemin.empty() || e.sha256.empty()) return;  // the schema already said so
        if (path_leaves_folder(chemin)) {
            m_out.push_back(make("Q205", Severity::error, v.file, e.chemin.pos,
                                 say(m_lang, "le chemin « {} » sort du dossier de l'organisme",
                                     "path \"{}\" leaves the organisation's folder", chemin)));
            return;
        }
        const std::string file = path_in_root(o, chemin);
        const std::optional<std::string> now = m_digest(file);
        if (!now) {
            m_out.push_back(make("Q397", Severity::error, v.file, e.chemin.pos,
                                 say(m_lang, "pièce « {} » supprimée ou illisible depuis le visa de l'auditeur {} du {}",
                                     "document \"{}\" deleted or unreadable since the sign-off of auditor {} on {}",
                                     chemin, v.auditeur.value, v.date.value),
                                 again(o, v)));
            return;
        }
        if (*now == e.sha256) return;
        Diagnostic d = make("Q397", Severity::error, file, {1, 1},
                            say(m_lang, "pièce modifiée après le visa de l'auditeur {} du {} : {}",
                                "document changed after the sign-off of auditor {} on {}: {}", v.auditeur.value,
                                v.date.value, chemin),
                            again(o, v));
        d.notes.push_back(Note{v.file, e.pos,
                               say(m_lang, "empreinte SHA-256 enregistrée par le visa : {}…, celle du fichier : {}…",
                                   "SHA-256 recorded by the sign-off: {}…, the file's: {}…", e.sha256.substr(0, 12),
                                   now->substr(0, 12))});
        m_out.push_back(std::move(d));
    }

    const Model& m_model;
    const FileDigest& m_digest;
    const SignatureVerifier& m_verify;
    Lang m_lang;
    std::vector<Diagnostic>& m_out;
};

} // namespace

bool visa_session_decided(const Model& model, const Visa& visa, Date as_of)
{
    const std::optional<Date> seance = parse_iso_date(visa.seance.value);
    if (!seance) return false;
    if (model.sessions.empty() && model.standalone) return *seance < as_of;
    const Session* s = model.session(*seance);
    return s != nullptr && s->held;
}

std::vector<Diagnostic> check_visas(const Model& model, Date as_of, const FileDigest& digest,
                                    const SignatureVerifier& verify, Lang lang, const BlobLookup& blobs)
{
    std::vector<Diagnostic> out;
    VisaCheck check(model, digest, verify, lang, out);
    std::vector<std::pair<const Organisme*, const Visa*>> decided;
    for (const Organisme& o : model.organismes)
        for (const Visa& v : o.visas) {
            // A visa dated after the reference date is Q359's (a date to fix): it is compared
            // with no other date.
            const auto day = parse_iso_date(v.date.value);
            if (!day || *day <= as_of) check.check_auditor(o, v);
            if (visa_session_decided(model, v, as_of)) decided.emplace_back(&o, &v);
            else check.run_pending(o, v);
            check.check_signature(o, v);
        }
    check.check_blobs(decided, blobs);
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> check_visa_auditor(const Model& model, const Organisme& o, const Visa& visa, Lang lang)
{
    std::vector<Diagnostic> out;
    const FileDigest no_digest;
    const SignatureVerifier no_verifier;
    VisaCheck(model, no_digest, no_verifier, lang, out).check_auditor(o, visa);
    return out;
}

std::string_view to_string(VisaSignatureState s)
{
    switch (s) {
    case VisaSignatureState::verified: return "verifiee";
    case VisaSignatureState::not_signed: return "non-signee";
    case VisaSignatureState::invalid: return "invalide";
    case VisaSignatureState::unverified: return "non-verifiee";
    }
    return "non-signee";
}

std::string_view to_string(VisaPieceState s)
{
    switch (s) {
    case VisaPieceState::unchanged: return "inchangee";
    case VisaPieceState::changed: return "modifiee";
    case VisaPieceState::missing: return "absente";
    }
    return "inchangee";
}

std::vector<VisaReport> visa_reports(const Model& model, const Organisme& o, Date as_of, const FileDigest& digest,
                                     const SignatureVerifier& verify, const BlobCommits& commits)
{
    std::vector<VisaReport> out;
    std::set<std::string> moved;  // blob ids of changed or missing pieces
    for (const Visa& v : o.visas) {
        VisaReport r;
        r.visa = &v;
        r.date = parse_iso_date(v.date.value);
        r.seance = parse_iso_date(v.seance.value);
        r.decided = visa_session_decided(model, v, as_of);
        r.signature = find_signature(model, o, v, verify).state;
        for (const VisaEntry* e : entries(v)) {
            if (e->chemin.value.empty()) continue;
            VisaPieceReport p;
            p.chemin = e->chemin.value;
            p.git_blob = e->git_blob;
            const std::optional<std::string> now =
                path_leaves_folder(p.chemin) ? std::nullopt : digest(path_in_root(o, p.chemin));
            p.etat = !now ? VisaPieceState::missing
                     : *now == e->sha256 ? VisaPieceState::unchanged
                                         : VisaPieceState::changed;
            if (p.etat != VisaPieceState::unchanged && !p.git_blob.empty()) moved.insert(p.git_blob);
            r.pieces.push_back(std::move(p));
        }
        out.push_back(std::move(r));
    }
    if (moved.empty() || !commits) return out;
    const std::map<std::string, std::string> found = commits(std::vector<std::string>(moved.begin(), moved.end()));
    for (VisaReport& r : out)
        for (VisaPieceReport& p : r.pieces)
            if (p.etat != VisaPieceState::unchanged)
                if (const auto it = found.find(p.git_blob); it != found.end()) p.commit = it->second;
    return out;
}

} // namespace quali::core
