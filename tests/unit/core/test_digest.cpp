// SPDX-License-Identifier: EUPL-1.2
// The streaming pieces of quali site: a model of digests (core::digest), given what was computed
// on each whole organisme (organisme_deadlines, dossier_parts), says what the whole model says.
#include "repo.hpp"

#include "quali/core/bilan.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/export.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/observatory.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/rules.hpp"
#include "quali/render/bilan.hpp"
#include "quali/render/observatory.hpp"
#include "quali/render/templates.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace quali;
using core::Date;

namespace {

using testing::day;
using testing::Repo;

const char* const as_of_days[] = {"2025-11-21", "2026-06-10", "2026-06-18", "2027-01-15"};

struct Models {
    core::Model whole, digested;
};

Models models_of(const Repo& repo)
{
    Models m{repo.model(), {}};
    m.digested = m.whole;
    for (core::Organisme& o : m.digested.organismes)
        o = core::digest(o);
    m.digested.index();
    return m;
}

// The digests quali site keeps once the pages of each organisme are written: no audit but the
// renewals and those the filed dossiers' parts show, no pieces but those of the session's
// filed candidatures.
core::Model trimmed(const core::Model& whole, const core::FiledParts& parts, Date seance)
{
    core::Model m = whole;
    for (core::Organisme& o : m.organismes) {
        const auto filed = parts.find(o.slug);
        o = core::digest(
            o,
            {.audit =
                 [&](const core::Audit& a) {
                     if (filed == parts.end()) return false;
                     const std::string chemin = core::path_in_folder(o.folder, a.file);
                     return std::any_of(filed->second.audits.begin(), filed->second.audits.end(),
                                        [&](const core::AuditSummary& s) { return s.chemin == chemin; });
                 },
             .pieces = [&o, seance](
                           const core::Candidature& c) { return core::filed_candidature(o, seance) == &c; }});
    }
    m.index();
    return m;
}

std::vector<Repo> repositories()
{
    return {Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot"), Repo::base()};
}

std::string text(std::optional<Date> d)
{
    return d ? core::iso(*d) : "-";
}

// Every field of a pathway, to compare two at once.
std::string pathway_text(const core::Pathway& p)
{
    std::string s =
        std::string(core::to_string(p.etat)) + " " + text(p.depuis) + " " +
        (p.annee_cycle ? std::to_string(*p.annee_cycle) : "-") + " " + text(p.valide_jusqu_au) + " " +
        (p.prochaine_etape ? std::string(core::to_string(*p.prochaine_etape)) : "-") + " " +
        text(p.echeance) + " " + text(p.seance_visee) + " " +
        (p.fenetre_depot ? core::iso(p.fenetre_depot->opens) + ".." + core::iso(p.fenetre_depot->closes)
                         : "-") +
        " " + (p.en_retard ? "late" : "on-time") + " " + p.cle_etape;
    if (p.derogation)
        s += " derogation " + core::iso(p.derogation->echeance) + " " + p.derogation->objet + " " +
             core::iso(p.derogation->seance);
    return s;
}

std::vector<std::string> deadline_lines(const std::vector<core::Deadline>& list)
{
    std::vector<std::string> out;
    for (const core::Deadline& d : list)
        out.push_back(core::iso(d.date) + "|" + std::string(core::to_string(d.type)) + "|" + d.organisme +
                      "|" + d.titre + "|" + d.description + "|" + d.lieu + "|" +
                      std::string(core::to_string(d.statut)) + "|" + d.cle);
    return out;
}

// The I/O layer's answers as the tests give them: a file's digest is its text's hash, no
// signature can be checked, git knows no commit.
core::VisaCallbacks callbacks(const Repo& repo)
{
    core::VisaCallbacks io;
    io.digest = [&repo](const std::string& path) -> std::optional<std::string> {
        const auto it = repo.files.find(path);
        if (it == repo.files.end()) return std::nullopt;
        return std::to_string(std::hash<std::string>{}(it->second));
    };
    io.verify = [](const std::string&, const std::string&, const std::string&, const std::string&) {
        return core::SignatureCheck{};
    };
    io.blobs = [](const std::vector<std::string>&) { return std::optional<std::set<std::string>>(); };
    io.commits = [](const std::vector<std::string>&) { return std::map<std::string, std::string>(); };
    return io;
}

// The dossier parts of a session, computed on the whole organismes, as quali site does.
core::FiledParts filed_parts(const core::Model& whole, Date seance, Date as_of)
{
    core::FiledParts parts;
    for (const core::Organisme& o : whole.organismes)
        if (const core::Candidature* c = core::filed_candidature(o, seance))
            parts.emplace(o.slug, core::dossier_parts(whole, o, *c, as_of, core::Lang::fr));
    return parts;
}

std::string agenda_json(const core::Model& model, const core::Session& s, Date as_of,
                        const std::vector<core::Diagnostic>& diagnostics, const core::VisaCallbacks& io,
                        const core::FiledParts* parts)
{
    core::Agenda a = core::build_agenda(model, s, *s.date, as_of, diagnostics, {}, core::Lang::fr, parts);
    core::add_candidature_pieces(a, model, io);
    return render::agenda_tree(model, a).dump(1);
}

} // namespace

TEST_SUITE("core::digest")
{
    TEST_CASE("a digest keeps the identity, every audit's header and the candidatures, nothing of the plans")
    {
        const core::Model whole =
            Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot").model();
        int results = 0, plans = 0, pieces = 0;
        for (const core::Organisme& o : whole.organismes) {
            const core::Organisme d = core::digest(o);
            CAPTURE(o.slug);
            CHECK(d.slug == o.slug);
            CHECK(d.folder == o.folder);
            CHECK(d.nom == o.nom);
            CHECK(d.sigle == o.sigle);
            CHECK(d.siren == o.siren);
            CHECK(d.region == o.region);
            CHECK(d.logements == o.logements);
            CHECK(d.contact_courriel == o.contact_courriel);
            CHECK(d.engagement.value == o.engagement.value);
            CHECK(d.visas.size() == o.visas.size());
            CHECK_FALSE(d.autodiagnostic);
            CHECK_FALSE(d.paa);
            CHECK_FALSE(d.concertation);
            plans += o.paa ? 1 : 0;
            REQUIRE(d.audits.size() == o.audits.size());
            for (std::size_t i = 0; i < o.audits.size(); ++i) {
                const core::Audit &a = o.audits[i], &k = d.audits[i];
                CHECK(k.file == a.file);
                CHECK(k.type == a.type);
                CHECK(k.auditeur.value == a.auditeur.value);
                CHECK(k.debut.value == a.debut.value);
                CHECK(k.jours == a.jours);
                CHECK(k.signature.has_value() == a.signature.has_value());
                CHECK(k.resultats.empty());
                CHECK(k.entretiens.empty());
                CHECK(k.visites.empty());
                CHECK(k.synthese.empty());
                results += static_cast<int>(a.resultats.size());
            }
            REQUIRE(d.candidatures.size() == o.candidatures.size());
            for (std::size_t i = 0; i < o.candidatures.size(); ++i) {
                CHECK(d.candidatures[i].file == o.candidatures[i].file);
                CHECK(d.candidatures[i].pieces.size() == o.candidatures[i].pieces.size());
                pieces += static_cast<int>(o.candidatures[i].pieces.size());
            }
        }
        // The example has something to drop and something to keep.
        CHECK(results > 0);
        CHECK(plans > 0);
        CHECK(pieces > 0);
    }

    TEST_CASE("a digest keeps the audits and pieces it is told to keep, and every renewal")
    {
        const core::Model whole =
            Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot").model();
        int dropped = 0, renewals = 0;
        for (const core::Organisme& o : whole.organismes) {
            CAPTURE(o.slug);
            const core::Organisme none =
                core::digest(o, {.audit = [](const core::Audit&) { return false; },
                                 .pieces = [](const core::Candidature&) { return false; }});
            for (const core::Audit& a : none.audits)
                CHECK(a.type == core::AuditType::renouvellement);
            const auto renewal = [](const core::Audit& a) {
                return a.type == core::AuditType::renouvellement;
            };
            CHECK(none.audits.size() ==
                  static_cast<std::size_t>(std::count_if(o.audits.begin(), o.audits.end(), renewal)));
            for (const core::Candidature& c : none.candidatures)
                CHECK(c.pieces.empty());
            REQUIRE(none.candidatures.size() == o.candidatures.size());
            dropped += static_cast<int>(o.audits.size() - none.audits.size());
            renewals += static_cast<int>(none.audits.size());
            if (o.audits.empty() || o.candidatures.empty()) continue;
            // One audit and one candidature's pieces by name: those, with their headers.
            const std::string file = o.audits.front().file;
            const core::Candidature* first = &o.candidatures.front();
            const core::Organisme one =
                core::digest(o, {.audit = [&](const core::Audit& a) { return a.file == file; },
                                 .pieces = [&](const core::Candidature& c) { return &c == first; }});
            REQUIRE_FALSE(one.audits.empty());
            CHECK(std::count_if(one.audits.begin(), one.audits.end(),
                                [&](const core::Audit& a) { return a.file == file; }) == 1);
            CHECK(one.audits.front().auditeur.value == o.audits.front().auditeur.value);
            CHECK(one.candidatures.front().pieces.size() == o.candidatures.front().pieces.size());
            for (std::size_t i = 1; i < one.candidatures.size(); ++i)
                CHECK(one.candidatures[i].pieces.empty());
        }
        CHECK(dropped > 0);
        CHECK(renewals > 0);
    }

    TEST_CASE("a model of digests exports the same organismes and computes the same pathways")
    {
        for (const Repo& repo : repositories()) {
            const Models m = models_of(repo);
            REQUIRE(m.digested.organismes.size() == m.whole.organismes.size());
            for (const char* iso : as_of_days) {
                CAPTURE(std::string(iso));
                const Date as_of = day(iso);
                const core::FlatTable a = core::export_table(m.whole, core::ExportTable::organismes, as_of);
                const core::FlatTable b =
                    core::export_table(m.digested, core::ExportTable::organismes, as_of);
                CHECK(b.lignes == a.lignes);
                for (std::size_t i = 0; i < m.whole.organismes.size(); ++i)
                    CHECK(pathway_text(core::pathway(m.digested, m.digested.organismes[i], as_of)) ==
                          pathway_text(core::pathway(m.whole, m.whole.organismes[i], as_of)));
            }
        }
    }

    TEST_CASE("the deadlines of a model of digests, given the whole organismes' own, are the whole model's")
    {
        int of_organismes = 0;
        for (const Repo& repo : repositories()) {
            const Models m = models_of(repo);
            for (const char* iso : as_of_days)
                for (const core::Lang lang : {core::Lang::fr, core::Lang::en})
                    for (const std::optional<int> within : {std::optional<int>(), std::optional<int>(60)}) {
                        CAPTURE(std::string(iso));
                        const Date as_of = day(iso);
                        std::vector<core::Deadline> own;
                        for (const core::Organisme& o : m.whole.organismes)
                            for (core::Deadline& d : core::organisme_deadlines(m.whole, o, as_of, lang))
                                own.push_back(std::move(d));
                        of_organismes += static_cast<int>(own.size());
                        const auto expected = deadline_lines(core::deadlines(m.whole, as_of, within, lang));
                        CHECK(deadline_lines(core::deadlines(m.digested, as_of, within, lang, own)) ==
                              expected);
                        // The organismes' part is theirs: without it, some are missing.
                        if (!own.empty() && !within)
                            CHECK(deadline_lines(core::deadlines(m.digested, as_of, within, lang, {})) !=
                                  expected);
                    }
        }
        CHECK(of_organismes > 0);
    }

    TEST_CASE("each session's agenda on digests, given the filed dossiers' parts, is the whole model's")
    {
        int filed = 0;
        for (const Repo& repo : repositories()) {
            const Models m = models_of(repo);
            const core::VisaCallbacks io = callbacks(repo);
            for (const char* iso : as_of_days) {
                CAPTURE(std::string(iso));
                const Date as_of = day(iso);
                const std::vector<core::Diagnostic> diagnostics =
                    core::check_rules(m.whole, as_of, core::Lang::fr).diagnostics;
                for (const core::Session& s : m.whole.sessions) {
                    if (!s.date) continue;
                    CAPTURE(s.file);
                    const core::FiledParts parts = filed_parts(m.whole, *s.date, as_of);
                    filed += static_cast<int>(parts.size());
                    const core::Session& digested_session = *core::session_file(m.digested, *s.date);
                    const std::string expected = agenda_json(m.whole, s, as_of, diagnostics, io, nullptr);
                    CHECK(agenda_json(m.digested, digested_session, as_of, diagnostics, io, &parts) ==
                          expected);
                    // As quali site keeps them: the audits the parts show, the pieces read again;
                    // without the audits, the dossiers that show some lack them.
                    const core::Model shown = trimmed(m.whole, parts, *s.date);
                    CHECK(agenda_json(shown, *core::session_file(shown, *s.date), as_of, diagnostics, io,
                                      &parts) == expected);
                    const core::Model bare = trimmed(m.whole, {}, *s.date);
                    const bool audits_shown = std::any_of(
                        parts.begin(), parts.end(), [](const auto& p) { return !p.second.audits.empty(); });
                    if (audits_shown)
                        CHECK(agenda_json(bare, *core::session_file(bare, *s.date), as_of, diagnostics, io,
                                          &parts) != expected);
                    // The whole model given its own parts, or only some of them, says the same.
                    CHECK(agenda_json(m.whole, s, as_of, diagnostics, io, &parts) == expected);
                    core::FiledParts some = parts;
                    if (!some.empty()) some.erase(some.begin());
                    CHECK(agenda_json(m.whole, s, as_of, diagnostics, io, &some) == expected);
                }
            }
        }
        CHECK(filed > 0);
    }

    TEST_CASE("an agenda on digests without the dossiers' parts misses the plans and concertations")
    {
        const Repo repo = Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot");
        const Models m = models_of(repo);
        const Date seance = day("2026-06-18"), as_of = day("2026-06-10");
        const core::Session& s = *core::session_file(m.digested, seance);
        const core::Agenda whole =
            core::build_agenda(m.whole, *core::session_file(m.whole, seance), seance, as_of, {});
        const core::Agenda bare = core::build_agenda(m.digested, s, seance, as_of, {});
        REQUIRE(whole.dossiers.size() == bare.dossiers.size());
        REQUIRE_FALSE(whole.dossiers.empty());
        bool differs = false;
        for (std::size_t i = 0; i < whole.dossiers.size(); ++i)
            differs = differs || whole.dossiers[i].paa.present != bare.dossiers[i].paa.present;
        CHECK(differs);
        // Given the parts, every audit points to the digest's own audit of the same file.
        const core::FiledParts parts = filed_parts(m.whole, seance, as_of);
        const core::Agenda given =
            core::build_agenda(m.digested, s, seance, as_of, {}, {}, core::Lang::fr, &parts);
        for (const core::FiledDossier& f : given.dossiers)
            for (const core::AuditSummary& a : f.audits) {
                REQUIRE(a.audit != nullptr);
                const auto& audits = f.organisme->audits;
                CHECK((a.audit >= audits.data() && a.audit < audits.data() + audits.size()));
                CHECK(a.chemin == core::path_in_folder(f.organisme->folder, a.audit->file));
            }
    }

    TEST_CASE("an audit the organisme no longer has is left out of its filed dossier, not pointed to")
    {
        const Repo repo = Repo::load(std::filesystem::path(QUALI_SOURCE_DIR) / "examples/depot");
        Models m = models_of(repo);
        const Date seance = day("2026-06-18"), as_of = day("2026-06-10");
        const core::FiledParts parts = filed_parts(m.whole, seance, as_of);
        const core::Agenda before = core::build_agenda(m.digested, *core::session_file(m.digested, seance), seance,
                                                       as_of, {}, {}, core::Lang::fr, &parts);
        REQUIRE_FALSE(before.dossiers.empty());
        REQUIRE_FALSE(before.dossiers.front().audits.empty());
        const std::string slug = before.dossiers.front().organisme->slug;
        const std::size_t audits = before.dossiers.front().audits.size();
        for (core::Organisme& o : m.digested.organismes)
            if (o.slug == slug) o.audits.clear();
        m.digested.index();
        const core::Agenda after = core::build_agenda(m.digested, *core::session_file(m.digested, seance), seance,
                                                      as_of, {}, {}, core::Lang::fr, &parts);
        for (const core::FiledDossier& f : after.dossiers) {
            for (const core::AuditSummary& a : f.audits) CHECK(a.audit != nullptr);
            if (f.organisme->slug == slug) CHECK(f.audits.size() < audits);
        }
    }

    TEST_CASE("the bilans and the observatory of digests, given the whole organismes' tally, are the whole model's")
    {
        for (const Repo& repo : repositories()) {
            Models m = models_of(repo);
            // The tally counted them: the digests need no audit (quali site keeps the renewals only).
            m.digested = trimmed(m.whole, {}, day("1900-01-01"));
            for (const char* iso : as_of_days) {
                CAPTURE(std::string(iso));
                const Date as_of = day(iso);
                const core::ActivityTally tally = core::tally_of(m.whole, as_of);
                const core::ValidationCounts validation{{m.whole.organismes.front().slug, {1, 2}}};
                const int last = static_cast<int>(date::year_month_day{as_of}.year());
                for (int year = last - 2; year <= last; ++year) {
                    CAPTURE(year);
                    const core::Bilan whole = core::compute_bilan(m.whole, year, as_of, validation);
                    const core::Bilan digested = core::compute_bilan(m.digested, year, validation, tally);
                    CHECK(render::bilan_json(m.digested, digested).dump() == render::bilan_json(m.whole, whole).dump());
                }
                const core::Observatory whole = core::build_observatory(m.whole, as_of);
                const core::Observatory digested = core::build_observatory(m.digested.framework, tally);
                CHECK(render::observatory_tree(m.digested, digested, true).dump() ==
                      render::observatory_tree(m.whole, whole, true).dump());
            }
        }
    }
}
