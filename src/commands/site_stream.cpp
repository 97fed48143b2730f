// SPDX-License-Identifier: EUPL-1.2
// What quali site does while each organisme folder is in hand: writes the organisme's page
// (instruction sheet, timeline, proofs) and gathers what the repository's pages need of it; then
// writes again the few pages the repository-wide rules changed (docs/site.md, « Performances »).
#include "commands/loading.hpp"
#include "commands/site.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/timeline.hpp"

#include <algorithm>
#include <set>

namespace quali::commands {

namespace fs = std::filesystem;

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

std::vector<render::ProofLink> proofs_of(const SiteRun& run, const core::Organisme& o, const std::string& page)
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
                throw EnvironmentError(core::say(run.ctx.lang, "impossible de copier {} : {}", "cannot copy {}: {}",
                                                 display_path(*file), system_error_text(ec, run.ctx.lang)));
            link.lien = "../" + render::url_path(copied);
        } else if (file && run.link_proofs) {
            link.lien = render::url_path(file->lexically_relative(run.target / "organismes").generic_string());
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

void write_organisme_page(const SiteRun& run, const RepositoryView& repository, const core::Organisme& o)
{
    const std::string page = render::site_page_name(o.slug);
    const std::string sheet = run.body("dossier", dossier_document_tree(repository, o, run.as_of, run.ctx));
    const std::string extra = run.body(
        "site-organisme", render::organisme_extra_tree(core::timeline(repository.model, o, core::Lang::fr),
                                                       proofs_of(run, o, page)));
    run.page("organismes/" + page + ".html", "Fiche d'instruction — " + (o.nom.empty() ? o.slug : o.nom),
             with_extra(sheet, extra));
}

core::Organisme take_organisme(SiteRun& run, const core::Model& repository, const core::Organisme& o,
                               const std::vector<core::Diagnostic>& diagnostics,
                               const std::vector<std::string>& unreadable)
{
    if (!run.is_public) write_organisme_page(run, {run.root, repository, diagnostics, unreadable}, o);
    // The dashboard shows the late deadlines and those of the next 90 days.
    std::vector<core::Deadline> due = core::organisme_deadlines(repository, o, run.as_of, core::Lang::fr);
    const core::Date horizon = core::add_days(run.as_of, 90);
    std::erase_if(due, [&](const core::Deadline& d) { return d.date > horizon; });
    std::vector<std::pair<core::Date, core::DossierParts>> filed;
    std::set<const core::Candidature*> listed; // in an agenda, with their pieces
    std::set<std::string, std::less<>> cited;  // the audits its dossier shows there
    for (const core::Session& s : repository.sessions)
        if (s.date && !shows_record(s, run.as_of))
            if (const core::Candidature* c = core::filed_candidature(o, *s.date)) {
                filed.emplace_back(*s.date, core::dossier_parts(repository, o, *c, run.as_of, run.ctx.lang, unreadable));
                listed.insert(c);
                for (const core::AuditSummary& a : filed.back().second.audits) cited.insert(a.chemin);
            }
    // The pieces of a candidature are read again only by an agenda that lists it and by the
    // sign-offs' checks (check_visas, at the end of loading): 18,000 lists at N = 6,000 else. An
    // audit, only by an agenda that shows it: the bilans and the auditors' page count them now.
    core::Organisme kept = core::digest(
        o, {.audit =
                [&](const core::Audit& a) { return cited.contains(core::path_in_folder(o.folder, a.file)); },
            .pieces = [&](const core::Candidature& c) { return !o.visas.empty() || listed.contains(&c); }});
    const std::size_t shown = core::validation_of(repository, o, diagnostics).diagnostics.size();
    DeadlineShelf::Item shelved = DeadlineShelf::shelve(o.slug, std::move(due));

    Gathered& g = run.gathered;
    const std::lock_guard lock(g.mutex);
    g.activity.add(repository.framework, o);
    g.audits.add(o);
    g.deadlines.put(std::move(shelved));
    for (auto& [day, parts] : filed) g.filed[day][o.slug] = std::move(parts);
    g.shown[o.slug] = shown;
    return kept;
}

void write_changed_organisme_pages(SiteRun& run)
{
    if (run.is_public) return;
    const RepositoryView& repository = *run.repository;
    std::vector<std::string> folders;
    for (const core::Organisme& o : repository.model.organismes) {
        const auto shown = run.gathered.shown.find(o.slug);
        const auto now = run.validation.find(o.slug);
        const std::size_t found = now == run.validation.end() ? 0 : static_cast<std::size_t>(
                                                                        now->second.erreurs + now->second.avertissements);
        if (shown == run.gathered.shown.end() || found != shown->second) folders.push_back(o.folder);
    }
    if (folders.empty()) return;
    std::sort(folders.begin(), folders.end());
    loading::read_organismes(run.root, folders, run.ctx.lang,
                             [&](const core::Organisme& o) { write_organisme_page(run, repository, o); });
}

} // namespace quali::commands
