// SPDX-License-Identifier: EUPL-1.2
// The pages of quali site, one function per kind: dashboard, public list, auditors, observatory,
// organismes (instruction sheet, timeline, proofs), sessions (agenda or procès-verbal), bilans,
// and the machine-readable list of organismes (docs/site.md).
#include "commands/document.hpp"
#include "commands/site.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/export.hpp"
#include "quali/core/observatory.hpp"
#include "quali/core/session_record.hpp"
#include "quali/core/timeline.hpp"
#include "quali/render/bilan.hpp"
#include "quali/render/csv.hpp"
#include "quali/render/observatory.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace quali::commands {

namespace fs = std::filesystem;

void write_index(const SiteRun& run)
{
    render::IndexInput in{.as_of = run.as_of,
                          .diagnostics = core::count(run.ws.diagnostics),
                          .deadlines = core::deadlines(run.model, run.as_of, 90, core::Lang::fr),
                          .years = run.years};
    run.page("index.html", "Label Quali'Hlm — tableau de bord",
             run.body("site-accueil", render::index_tree(run.model, in)));
}

void write_public_index(const SiteRun& run)
{
    std::vector<core::Bilan> years;
    for (const int y : run.years)
        years.push_back(core::compute_bilan(run.model, y, run.as_of, validation_counts(run.ws)));
    run.page("index.html", "Label Quali'Hlm — organismes labellisés",
             run.body("site-public", render::public_index_tree(run.model, run.as_of, years)));
}

void write_auditors(const SiteRun& run)
{
    run.page("auditeurs.html", "Auditeurs", run.body("site-auditeurs", render::auditors_tree(run.model)));
}

void write_observatory(const SiteRun& run)
{
    const core::Observatory o = core::build_observatory(run.model, run.as_of);
    run.page("observatoire.html", "Observatoire des bonnes pratiques",
             run.body("site-observatoire", render::observatory_tree(run.model, o, !run.is_public)));
}

namespace {

// A proof path relative to the organisme folder, when it stays inside it ("" otherwise).
fs::path inside_path(const std::string& cited)
{
    const fs::path rel = fs::path(cited).lexically_normal();
    if (cited.empty() || rel.is_absolute() || rel.empty() || *rel.begin() == "..") return {};
    return rel;
}

// The proof file when it is a regular file of the repository reached without a link.
std::optional<fs::path> proof_file(const SiteRun& run, const core::Organisme& o, const fs::path& rel)
{
    const fs::path file = run.repo_root / o.folder / rel;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(file, ec);
    if (ec || !fs::is_regular_file(st)) return std::nullopt;
    if (fs::canonical(file, ec) != file || ec) return std::nullopt; // a link on the way
    return file;
}

std::vector<render::ProofLink> proofs_of(const SiteRun& run, const core::Organisme& o,
                                         const std::string& page)
{
    std::set<std::string> cited;
    if (o.paa)
        for (const core::Action& a : o.paa->actions)
            for (const core::Text& p : a.preuves)
                cited.insert(p.value);
    if (o.concertation)
        for (const core::Event& e : o.concertation->evenements)
            if (e.preuve) cited.insert(e.preuve->value);
    std::vector<render::ProofLink> out;
    for (const std::string& c : cited) {
        render::ProofLink link{c, ""};
        const fs::path rel = inside_path(c);
        const auto file = rel.empty() || o.folder.empty() ? std::nullopt : proof_file(run, o, rel);
        if (file && run.copy_proofs) {
            const std::string copied = "preuves/" + page + "/" + rel.generic_string();
            if (const std::error_code ec = run.folder.copy(*file, copied))
                throw EnvironmentError(core::say(run.ctx.lang, "impossible de copier {} : {}",
                                                 "cannot copy {}: {}", display_path(*file),
                                                 system_error_text(ec, run.ctx.lang)));
            link.lien = "../" + render::url_path(copied);
        } else if (file && run.link_proofs) {
            link.lien =
                render::url_path(file->lexically_relative(run.target / "organismes").generic_string());
        }
        out.push_back(link);
    }
    return out;
}

// The instruction sheet's body with the site's additions before its end.
std::string with_extra(std::string body, std::string_view extra)
{
    const auto at = body.rfind("</main>");
    body.insert(at == std::string::npos ? body.size() : at, extra);
    return body;
}

} // namespace

namespace {

// Runs page(0..n-1) on every core: each page is its own file, so the bytes do not depend on the
// order; the first error stops the others and is thrown here.
void on_every_core(std::size_t n, const std::function<void(std::size_t)>& page)
{
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_lock;
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                page(i);
            } catch (...) {
                const std::lock_guard lock(failure_lock);
                if (!failure) failure = std::current_exception();
                next = n;
            }
        }
    };
    {
        std::vector<std::jthread> threads;
        const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1U, 16U);
        for (unsigned t = 1; t < cores && t < n; ++t)
            threads.emplace_back(work);
        work();
    }
    if (failure) std::rethrow_exception(failure);
}

void write_organisme_page(const SiteRun& run, const core::Organisme& o)
{
    const std::string page = render::site_page_name(o.slug);
    const std::string sheet = run.body("dossier", dossier_document_tree(run.ws, o, run.as_of, run.ctx));
    const std::string extra =
        run.body("site-organisme", render::organisme_extra_tree(core::timeline(run.model, o, core::Lang::fr),
                                                                proofs_of(run, o, page)));
    run.page("organismes/" + page + ".html", "Fiche d'instruction — " + (o.nom.empty() ? o.slug : o.nom),
             with_extra(sheet, extra));
}

} // namespace

void write_organisme_pages(const SiteRun& run)
{
    const std::vector<core::Organisme>& all = run.model.organismes;
    on_every_core(all.size(), [&](std::size_t i) { write_organisme_page(run, all[i]); });
}

void write_session_pages(const SiteRun& run)
{
    on_every_core(run.model.sessions.size(), [&](std::size_t i) {
        const core::Session& s = run.model.sessions[i];
        if (!s.date) return;
        const core::Date day = *s.date;
        const std::string file = "seances/" + core::iso(day) + ".html";
        if (s.held && !s.decisions.empty() && day <= run.as_of) {
            const core::SessionRecord record = core::build_session_record(run.model, s, day);
            run.page(file, "Procès-verbal de la séance du " + core::long_date(day, core::Lang::fr),
                     run.body("pv", render::pv_tree(run.model, record)));
        } else {
            run.page(file, "Ordre du jour de la séance du " + core::long_date(day, core::Lang::fr),
                     run.body("agenda", agenda_document_tree(run.ws, s, day, run.as_of, run.ctx)));
        }
    });
}

void write_bilan_pages(const SiteRun& run)
{
    const core::ValidationCounts validation = validation_counts(run.ws);
    on_every_core(run.years.size(), [&](std::size_t i) {
        const int y = run.years[i];
        const core::Bilan bilan = core::compute_bilan(run.model, y, run.as_of, validation);
        const std::string html = render_with_template(
            run.ws, "bilan", render::DocumentFormat::html,
            [&](std::string_view text) {
                return render::bilan_document(text, run.model, bilan, render::DocumentFormat::html);
            },
            run.ctx);
        run.page(fmt::format("bilan/{}.html", y), fmt::format("Bilan {}", y), render::document_body(html));
    });
}

void write_tables(const SiteRun& run)
{
    core::FlatTable t = core::export_table(run.model, core::ExportTable::organismes, run.as_of);
    if (run.is_public) {
        // The public columns of the labelled organismes only: no contact, no person.
        static constexpr std::array<std::string_view, 6> kept{"organisme", "nom",    "sigle",
                                                              "famille",   "region", "valide_jusqu_au"};
        const auto etat = std::find(t.colonnes.begin(), t.colonnes.end(), "etat") - t.colonnes.begin();
        core::FlatTable pub{t.nom, {kept.begin(), kept.end()}, {}};
        for (const auto& row : t.lignes) {
            if (row[static_cast<std::size_t>(etat)] != "labellise") continue;
            std::vector<std::string> cells;
            for (const std::string_view k : kept)
                cells.push_back(row[static_cast<std::size_t>(
                    std::find(t.colonnes.begin(), t.colonnes.end(), k) - t.colonnes.begin())]);
            pub.lignes.push_back(std::move(cells));
        }
        t = std::move(pub);
    }
    run.write("organismes.json", render::table_json(t.colonnes, t.lignes));
    run.write("organismes.csv", render::to_csv(t.colonnes, t.lignes));
}

} // namespace quali::commands
