// SPDX-License-Identifier: EUPL-1.2
// The repository's pages of quali site, one function per kind, written once every organisme is
// read (site_stream.cpp writes the organismes' own): dashboard, public list, auditors,
// observatory, sessions (agenda or procès-verbal), bilans, and the machine-readable list of
// organismes (docs/site.md).
#include "commands/document.hpp"
#include "commands/parallel.hpp"
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
#include <fmt/format.h>
#include <set>

namespace quali::commands {

namespace fs = std::filesystem;

void write_public_index(const SiteRun& run)
{
    std::vector<core::Bilan> years;
    for (const int y : run.years)
        years.push_back(core::compute_bilan(run.repository->model, y, run.validation, run.gathered.activity));
    run.page("index.html", "Label Quali'Hlm — organismes labellisés",
             "site-public", render::public_index_tree(run.repository->model, run.as_of, years));
}

void write_auditors(const SiteRun& run)
{
    render::LazyRows lazy; // each auditor's audits, row by row
    run.page("auditeurs.html", "Auditeurs", "site-auditeurs",
             render::auditors_tree(run.repository->model, run.gathered.audits, &lazy), &lazy);
}

void write_observatory(const SiteRun& run)
{
    const core::Model& model = run.repository->model;
    const core::Observatory o = core::build_observatory(model.framework, run.gathered.activity);
    run.page("observatoire.html", "Observatoire des bonnes pratiques",
             "site-observatoire", render::observatory_tree(model, o, !run.is_public));
    std::vector<std::pair<std::size_t, std::size_t>> criteria; // [begin, end) of each
    render::for_each_criterion(o.themes.points_forts,
                               [&](std::size_t begin, std::size_t end) { criteria.emplace_back(begin, end); });
    on_every_core(criteria.size(), [&](std::size_t i) {
        const auto [begin, end] = criteria[i];
        const core::StrongPoint first = o.themes.points_forts[begin];
        render::LazyRows lazy; // its strong points, row by row
        run.page(render::observatory_criterion_link(first.critere),
                 "Observatoire — " + (first.critere_titre.empty() ? first.critere : first.critere_titre),
                 "site-observatoire-critere",
                 render::observatory_criterion_tree(model, o, begin, end, !run.is_public, &lazy), &lazy);
    });
}

void write_index(const SiteRun& run)
{
    const core::Model& model = run.repository->model;
    const DeadlineShelf& shelf = run.gathered.deadlines;
    const std::size_t late = shelf.late(), upcoming = shelf.size() - late;
    render::IndexInput in{.as_of = run.as_of,
                          .diagnostics = core::count(run.repository->diagnostics),
                          .late = shelf.rows(0, std::min(late, render::dashboard_rows)),
                          .upcoming = shelf.rows(late, std::min(upcoming, render::dashboard_rows)),
                          .late_total = late,
                          .upcoming_total = upcoming,
                          .years = run.years};
    render::LazyRows lazy; // the organismes by state, row by row
    run.page("index.html", "Label Quali'Hlm — tableau de bord",
             "site-accueil", render::index_tree(model, in, &lazy), &lazy);
    // Each long list, whole, on pages of a bounded size, each made of its own rows.
    for (const render::DeadlineList list : {render::DeadlineList::retards, render::DeadlineList::a_venir}) {
        const bool retards = list == render::DeadlineList::retards;
        const std::size_t first = retards ? 0 : late, total = retards ? late : upcoming;
        if (total <= render::dashboard_rows) continue;
        const std::string titre = render::deadline_list_title(list);
        on_every_core(render::deadline_list_pages(total), [&](std::size_t i) {
            const std::vector<core::Deadline> rows =
                shelf.rows(first + i * render::list_rows, std::min(render::list_rows, total - i * render::list_rows));
            run.page("echeances/" + render::deadline_list_page(list, i + 1),
                     fmt::format("{} — page {}", titre, i + 1),
                     "site-echeances", render::deadline_list_tree(model, run.as_of, list, rows, total, i + 1));
        });
    }
}

bool shows_record(const core::Session& s, core::Date as_of)
{
    return s.date && s.held && !s.decisions.empty() && *s.date <= as_of;
}

void write_session_pages(const SiteRun& run)
{
    const core::Model& model = run.repository->model;
    on_every_core(model.sessions.size(), [&](std::size_t i) {
        const core::Session& s = model.sessions[i];
        if (!s.date) return;
        const core::Date day = *s.date;
        const std::string file = "seances/" + core::iso(day) + ".html";
        // Long lists (a session's decisions, its dossiers) made row by row as the page is written.
        render::LazyRows lazy;
        if (shows_record(s, run.as_of)) {
            const core::SessionRecord record = core::build_session_record(model, s, day);
            run.page(file, "Procès-verbal de la séance du " + core::long_date(day, core::Lang::fr),
                     "pv", render::pv_tree(model, record, &lazy), &lazy);
        } else {
            const auto parts = run.gathered.filed.find(day);
            const core::Agenda agenda =
                agenda_of(*run.repository, s, day, run.as_of, run.ctx,
                          parts != run.gathered.filed.end() ? &parts->second : nullptr);
            run.page(file, "Ordre du jour de la séance du " + core::long_date(day, core::Lang::fr),
                     "agenda", render::agenda_tree(model, agenda, &lazy), &lazy);
        }
    });
}

void write_bilan_pages(const SiteRun& run)
{
    // One at a time: a bilan of the whole sector is megabytes of data and of HTML, and two at
    // once would double the site's peak of memory for a few seconds saved (docs/performance.md).
    for (const int y : run.years) {
        const core::Bilan bilan = core::compute_bilan(run.repository->model, y, run.validation, run.gathered.activity);
        run.page(fmt::format("bilan/{}.html", y), fmt::format("Bilan {}", y), "bilan",
                 [&](std::string_view text, const render::TextSink& out) {
                     render::bilan_document(text, run.repository->model, bilan, render::DocumentFormat::html, out);
                 });
    }
}

void write_tables(const SiteRun& run)
{
    core::FlatTable t = core::export_table(run.repository->model, core::ExportTable::organismes, run.as_of);
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
    run.write("organismes.json",
              [&t](const io::StagedFolder::Writer& out) { render::table_json(t.colonnes, t.lignes, out); });
    run.write("organismes.csv",
              [&t](const io::StagedFolder::Writer& out) { render::to_csv(t.colonnes, t.lignes, {}, out); });
}

} // namespace quali::commands
