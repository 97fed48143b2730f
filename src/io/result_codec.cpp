// SPDX-License-Identifier: EUPL-1.2
// The encoding of a loading result (result_codec.hpp): cereal's binary archive (the cache's
// packs compress it: result_cache.cpp). Every field of the model is listed once here; tests/unit/io/test_result_codec.cpp checks
// that what is decoded equals what was encoded, field by field.
#include "quali/io/result_codec.hpp"

#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/chrono.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/set.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>

#include <elf.h>
#include <link.h>

#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <sstream>

namespace quali::core {

template <class Ar> void serialize(Ar& ar, Position& p) { ar(p.line, p.column); }
template <class Ar, class T> void serialize(Ar& ar, At<T>& a) { ar(a.value, a.pos); }
template <class Ar> void serialize(Ar& ar, Flaws& f) { ar(f.at); }
template <class Ar> void serialize(Ar& ar, Note& n) { ar(n.file, n.pos, n.message); }
template <class Ar> void serialize(Ar& ar, Diagnostic& d)
{
    ar(d.severity, d.code, d.file, d.pos, d.message, d.hint, d.notes);
}
template <class Ar> void serialize(Ar& ar, Residence& r)
{
    ar(r.id, r.nom, r.commune, r.logements, r.cotation, r.motifs, r.pos);
}
template <class Ar> void serialize(Ar& ar, SelfDiagnosis& s) { ar(s.file, s.date, s.residences); }
template <class Ar> void serialize(Ar& ar, Result& r) { ar(r.critere, r.evaluation, r.constat, r.motif, r.pos); }
template <class Ar> void serialize(Ar& ar, Interview& i) { ar(i.date, i.partie_prenante); }
template <class Ar> void serialize(Ar& ar, Visit& v) { ar(v.date, v.residence, v.logements_visites); }
template <class Ar> void serialize(Ar& ar, Signature& s) { ar(s.date, s.auditeur, s.pos); }
template <class Ar> void serialize(Ar& ar, Audit& a)
{
    ar(a.file, a.type, a.type_pos, a.auditeur, a.debut, a.fin, a.plan_pos, a.jours, a.jours_pos, a.entretiens,
       a.visites, a.resultats, a.resultats_pos, a.signature, a.synthese);
}
template <class Ar> void serialize(Ar& ar, Action& a)
{
    ar(a.id, a.titre, a.portee, a.pilote, a.points_alerte, a.situations, a.echeance, a.etat, a.etat_pos, a.preuves,
       a.pos);
}
template <class Ar> void serialize(Ar& ar, Paa& p) { ar(p.file, p.mise_a_jour, p.actions, p.pos); }
template <class Ar> void serialize(Ar& ar, Event& e)
{
    ar(e.date, e.etape, e.instance, e.objet, e.nature, e.preuve, e.pos);
}
template <class Ar> void serialize(Ar& ar, Concertation& c) { ar(c.file, c.evenements, c.pos); }
template <class Ar> void serialize(Ar& ar, AuditorValidation& v) { ar(v.auditeur, v.date, v.pos); }
template <class Ar> void serialize(Ar& ar, Candidature& c)
{
    ar(c.file, c.seance, c.demande, c.demande_pos, c.depot, c.pieces, c.pieces_pos, c.validation, c.pos);
}
template <class Ar> void serialize(Ar& ar, VisaEntry& e) { ar(e.chemin, e.sha256, e.pos, e.git_blob); }
template <class Ar> void serialize(Ar& ar, Visa& v)
{
    ar(v.file, v.seance, v.auditeur, v.date, v.candidature, v.pieces, v.signature, v.pos);
}
template <class Ar> void serialize(Ar& ar, Organisme& o)
{
    ar(o.slug, o.folder, o.file, o.nom, o.sigle, o.siren, o.famille, o.federation, o.region, o.logements,
       o.logements_pos, o.contact_nom, o.contact_fonction, o.contact_courriel, o.contact_civilite, o.engagement,
       o.engagement_instance, o.appui_conseil_ush, o.autodiagnostic, o.audits, o.paa, o.concertation,
       o.candidatures, o.visas, o.flaws);
}

// What the files outside the organisme folders give: the repository's rules, framework,
// committee, sessions and auditors.
template <class Ar> void serialize(Ar& ar, CalibrationRow& c) { ar(c.logements_max, c.jours); }
template <class Ar> void serialize(Ar& ar, RequiredPieces& p) { ar(p.audit, p.autodiagnostic, p.paa, p.concertation); }
template <class Ar> void serialize(Ar& ar, Rules& r)
{
    ar(r.fenetre_depot_jours, r.decompte, r.zone_feries, r.preparation_mois, r.attribution_mois,
       r.validite_label_mois, r.periodicite_verification_mois, r.cotation_situation_complexe, r.quorum,
       r.non_evalue_max, r.calibrage_audit, r.pieces_requises);
}
template <class Ar> void serialize(Ar& ar, Referent& r) { ar(r.nom, r.fonction, r.courriel, r.telephone); }
template <class Ar> void serialize(Ar& ar, Criterion& c) { ar(c.id, c.titre, c.theme, c.pos); }
template <class Ar> void serialize(Ar& ar, Theme& t) { ar(t.id, t.titre, t.criteres, t.pos); }
template <class Ar> void serialize(Ar& ar, Framework& f) { ar(f.file, f.version, f.titre, f.exemple, f.themes); }
template <class Ar> void serialize(Ar& ar, Person& p) { ar(p.nom, p.role, p.organisation); }
template <class Ar> void serialize(Ar& ar, Seat& s)
{
    ar(s.id, s.libelle, s.college, s.college_name, s.titulaire, s.suppleant, s.pos);
}
template <class Ar> void serialize(Ar& ar, Committee& c) { ar(c.file, c.sieges); }
template <class Ar> void serialize(Ar& ar, Votes& v) { ar(v.pour, v.contre, v.abstention, v.pos); }
template <class Ar> void serialize(Ar& ar, Derogation& d) { ar(d.objet, d.echeance, d.pos); }
template <class Ar> void serialize(Ar& ar, Decision& d)
{
    ar(d.organisme, d.kind, d.kind_pos, d.votes, d.derogation, d.conditions, d.motif, d.pos);
}
template <class Ar> void serialize(Ar& ar, Proposal& p) { ar(p.organisme, p.kind, p.kind_pos, p.avis, p.pos); }
template <class Ar> void serialize(Ar& ar, Session& s)
{
    ar(s.file, s.date, s.date_pos, s.lieu, s.presents, s.presents_pos, s.suppleants, s.propositions, s.decisions,
       s.held);
}
template <class Ar> void serialize(Ar& ar, Approval& a) { ar(a.debut, a.fin, a.seance, a.pos); }
template <class Ar> void serialize(Ar& ar, Auditor& a)
{
    ar(a.id, a.file, a.nom, a.cabinet, a.courriel, a.cle_publique, a.statut, a.statut_pos, a.agrements);
}
// The model's own index is not stored: decode_shared_result builds it again.
template <class Ar> void serialize(Ar& ar, Model& m)
{
    ar(m.standalone, m.rules_file, m.rules, m.referent, m.ignorer, m.framework, m.committee, m.sessions, m.auditors,
       m.organismes, m.flaws);
}
template <class Ar> void serialize(Ar& ar, Deadline& d)
{
    ar(d.date, d.type, d.organisme, d.titre, d.description, d.lieu, d.statut, d.cle);
}

} // namespace quali::core

namespace quali::io {

template <class Ar> void serialize(Ar& ar, FileResult& f) { ar(f.path, f.kept, f.diagnostics); }
template <class Ar> void serialize(Ar& ar, FolderResult& r) { ar(r.organismes, r.rules, r.unreadable, r.files); }
template <class Ar> void serialize(Ar& ar, SharedResult& r) { ar(r.model, r.unreadable, r.files); }

namespace {

// The end of every encoding: what is cut short before it, or read past, is no encoding.
constexpr std::uint32_t end_mark = 0x51'41'4c'49; // "QALI"

int note_of_program(dl_phdr_info* info, std::size_t, void* data)
{
    auto& out = *static_cast<std::string*>(data);
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        const auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
        const unsigned char* end = p + ph.p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const unsigned char* name = p + sizeof note;
            const unsigned char* desc = name + ((note.n_namesz + 3) & ~3u);
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0)
                for (std::size_t k = 0; k < note.n_descsz && desc + k < end; ++k)
                    out += fmt::format("{:02x}", desc[k]);
            p = desc + ((note.n_descsz + 3) & ~3u);
        }
    }
    return 1; // the program itself comes first: the shared libraries are not its identity
}

constexpr std::size_t largest_result = std::size_t{1} << 30;

template <class T> std::string encoded(const T& result)
{
    std::ostringstream out;
    {
        cereal::BinaryOutputArchive ar(out);
        ar(result, end_mark);
    }
    return std::move(out).str();
}

// A stream over bytes that are not copied (a pack's entry: result_cache.hpp).
class ViewBuffer : public std::streambuf {
  public:
    explicit ViewBuffer(std::string_view bytes)
    {
        char* begin = const_cast<char*>(bytes.data()); // read only: get area, no put area
        setg(begin, begin, begin + bytes.size());
    }
};

template <class T> std::optional<T> decoded(std::string_view bytes)
{
    if (bytes.empty() || bytes.size() > largest_result) return std::nullopt;
    try {
        ViewBuffer buffer(bytes);
        std::istream in(&buffer);
        cereal::BinaryInputArchive ar(in);
        T result;
        std::uint32_t mark = 0;
        ar(result, mark);
        if (mark != end_mark || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
        return result;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string encode(const FolderResult& result)
{
    return encoded(result);
}

std::optional<FolderResult> decode_folder_result(std::string_view bytes)
{
    return decoded<FolderResult>(bytes);
}

std::string encode(const SharedResult& result)
{
    return encoded(result);
}

std::optional<SharedResult> decode_shared_result(std::string_view bytes)
{
    std::optional<SharedResult> result = decoded<SharedResult>(bytes);
    if (result) result->model.index();
    return result;
}

std::string encode(const std::vector<core::Deadline>& deadlines)
{
    return encoded(deadlines);
}

std::optional<std::vector<core::Deadline>> decode_deadlines(std::string_view bytes)
{
    return decoded<std::vector<core::Deadline>>(bytes);
}

const std::string& build_identity()
{
    static const std::string identity = [] {
        std::string id;
        dl_iterate_phdr(note_of_program, &id);
        // Without a build id (a linker that writes none), the build's date and time: a rebuild
        // of a changed source gives another, though an unchanged one may too.
        if (id.empty()) id = std::string("built ") + __DATE__ " " __TIME__;
        return id;
    }();
    return identity;
}

} // namespace quali::io
