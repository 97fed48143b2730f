#include "quali/core/visa_checks.hpp"

#include "quali/core/value_checks.hpp"

#include <fmt/format.h>

namespace quali::core {

std::string canonical_visa_text(std::string_view slug, const Visa& visa)
{
    std::string out = "quali-visa 1\n";
    out += fmt::format("organisme {}\n", slug);
    out += fmt::format("seance {}\n", visa.seance.value);
    out += fmt::format("auditeur {}\n", visa.auditeur.value);
    out += fmt::format("date {}\n", visa.date.value);
    if (visa.candidature)
        out += fmt::format("candidature {} {}\n", visa.candidature->sha256, visa.candidature->chemin.value);
    for (const VisaEntry& p : visa.pieces) out += fmt::format("piece {} {}\n", p.sha256, p.chemin.value);
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

class VisaCheck {
public:
    VisaCheck(const Model& model, const FileDigest& digest, const SignatureVerifier& verify, Lang lang,
              std::vector<Diagnostic>& out)
        : m_model(model), m_digest(digest), m_verify(verify), m_lang(lang), m_out(out)
    {
    }

    void run(const Organisme& o, const Visa& v)
    {
        if (v.candidature) check_entry(o, v, *v.candidature);
        for (const VisaEntry& e : v.pieces) check_entry(o, v, e);
        check_signature(o, v);
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
                                     "path \"{}\" leaves the organisme folder", chemin)));
            return;
        }
        const std::string file = path_in_root(o, chemin);
        const std::optional<std::string> now = m_digest(file);
        if (!now) {
            m_out.push_back(make("Q397", Severity::error, v.file, e.chemin.pos,
                                 say(m_lang, "pièce « {} » supprimée ou illisible depuis le visa de l'auditeur {} du {}",
                                     "piece \"{}\" deleted or unreadable since the sign-off of auditor {} on {}",
                                     chemin, v.auditeur.value, v.date.value),
                                 again(o, v)));
            return;
        }
        if (*now == e.sha256) return;
        Diagnostic d = make("Q397", Severity::error, file, {1, 1},
                            say(m_lang, "pièce modifiée après le visa de l'auditeur {} du {} : {}",
                                "piece changed after the sign-off of auditor {} on {}: {}", v.auditeur.value,
                                v.date.value, chemin),
                            again(o, v));
        d.notes.push_back(Note{v.file, e.pos,
                               say(m_lang, "empreinte SHA-256 enregistrée par le visa : {}…, celle du fichier : {}…",
                                   "SHA-256 recorded by the sign-off: {}…, the file's: {}…", e.sha256.substr(0, 12),
                                   now->substr(0, 12))});
        m_out.push_back(std::move(d));
    }

    void check_signature(const Organisme& o, const Visa& v)
    {
        const Auditor* auditor = m_model.auditor(v.auditeur.value);
        const bool has_key = auditor != nullptr && !auditor->cle_publique.empty();
        if (!v.signature) {
            if (has_key)
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
        if (auditor == nullptr || !has_key) {
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
        const SignatureCheck result =
            m_verify(v.auditeur.value, auditor->cle_publique, v.signature->value, canonical_visa_text(o.slug, v));
        switch (result.verdict) {
        case SignatureVerdict::valid:
            return;
        case SignatureVerdict::unavailable:
            m_out.push_back(make("Q399", Severity::warning, v.file, at,
                                 say(m_lang, "signature non vérifiée : {}", "signature not verified: {}", result.detail),
                                 say(m_lang, "installez le paquet openssh-client (ssh-keygen)",
                                     "install the openssh-client package (ssh-keygen)")));
            return;
        case SignatureVerdict::invalid: {
            Diagnostic d = make("Q398", Severity::error, v.file, at,
                                say(m_lang, "signature du visa invalide : ce n'est pas la signature de l'auditeur {} sur ce visa{}",
                                    "invalid sign-off signature: not auditor {}'s signature of this record{}",
                                    v.auditeur.value, result.detail.empty() ? "" : " (" + result.detail + ")"),
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

    const Model& m_model;
    const FileDigest& m_digest;
    const SignatureVerifier& m_verify;
    Lang m_lang;
    std::vector<Diagnostic>& m_out;
};

} // namespace

std::vector<Diagnostic> check_visas(const Model& model, Date as_of, const FileDigest& digest,
                                    const SignatureVerifier& verify, Lang lang)
{
    std::vector<Diagnostic> out;
    VisaCheck check(model, digest, verify, lang, out);
    for (const Organisme& o : model.organismes)
        for (const Visa& v : o.visas) {
            const auto seance = parse_iso_date(v.seance.value);
            if (seance && *seance < as_of) continue;
            check.run(o, v);
        }
    sort_diagnostics(out);
    return out;
}

} // namespace quali::core
