// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What the pages of quali site share while they are written (site.cpp runs the command,
// site_pages.cpp writes each kind of page, site_stream.cpp what is written or gathered while each
// organisme folder is in hand, site_deadlines.hpp the dashboard's deadlines kept meanwhile).
// Private to src/commands/.
#include "commands/document.hpp"
#include "commands/site_deadlines.hpp"
#include "commands/workspace.hpp"
#include "quali/core/bilan.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/instruction.hpp"
#include "quali/io/site_folder.hpp"
#include "quali/render/site.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quali::commands {

// What the repository's own pages need of the organismes, gathered while each is in hand: the
// repository then keeps only a digest of each (core::digest), so that memory does not grow with
// the organismes' files.
struct Gathered {
    explicit Gathered(core::Date as_of) : activity(as_of) {}
    std::mutex mutex;
    core::ActivityTally activity;                                     // bilans, observatory
    render::AuditsDone audits;                                        // the auditors' page
    DeadlineShelf deadlines;                                          // the dashboard's
    std::map<core::Date, core::FiledParts> filed;                     // by session shown as an agenda
    std::map<std::string, std::size_t, std::less<>> shown;            // by slug: the diagnostics its page shows
};

struct SiteRun {
    const Context& ctx;
    core::Date as_of;
    bool is_public = false;
    bool copy_proofs = false;
    bool link_proofs = false;        // the site is written inside the repository's parent
    std::filesystem::path target;    // DIR, absolute
    std::filesystem::path repo_root; // canonical
    io::Root root;                   // the repository: its templates, proofs and visas
    io::StagedFolder& folder;
    std::map<std::string, DocumentTemplate, std::less<>> templates; // every page's, found once
    std::vector<render::NavLink> nav;
    Gathered gathered;
    // Once the repository is loaded: its model keeps each organisme's digest; its diagnostics
    // are the whole repository's.
    std::optional<RepositoryView> repository{};
    core::ValidationCounts validation{}; // per organisme, what quali validate reports
    std::vector<int> years{};            // the years with data, up to as_of's

    // Writes a file of the site (relative path); an EnvironmentError when it cannot.
    void write(const std::string& relative, std::string_view bytes) const;
    void write(const std::string& relative, std::span<const std::string_view> parts) const; // one after the other
    void write(const std::string& relative, const std::function<void(const io::StagedFolder::Writer&)>& produce) const;
    void written(const std::string& relative, std::error_code ec) const; // throws what ec says
    // Writes a page: body (safe HTML) inside the frame, its links relative to the page's folder.
    void page(const std::string& relative, const std::string& titre, std::string_view body) const;
    // The same with the body of a document's HTML template rendered with tree (its long lists
    // made row by row when lazy holds them), written as it is rendered: never held whole.
    void page(const std::string& relative, const std::string& titre, std::string_view document,
              const nlohmann::ordered_json& tree, const render::LazyRows* lazy = nullptr) const;
    // The same with a body that render_html makes of the document's HTML template, to its sink.
    void page(const std::string& relative, const std::string& titre, std::string_view document,
              const std::function<void(std::string_view text, const render::TextSink& out)>& render_html) const;
    // The frame of a page, its links relative to the page's folder.
    render::PageFrame frame(const std::string& relative, const std::string& titre) const;
    // Renders a document's HTML template (the repository's or the built-in one) with render.
    std::string render(std::string_view document, const std::function<std::string(std::string_view)>& render) const;
    // Renders a document's HTML template with tree (its long lists made row by row when lazy
    // holds them), and returns its body.
    std::string body(std::string_view document, nlohmann::ordered_json tree,
                     const render::LazyRows* lazy = nullptr) const;
};

// The site's documents, whose templates are found once before any page is written.
inline constexpr std::string_view site_documents[] = {
    "site-page",      "site-accueil",   "site-public", "site-auditeurs", "site-observatoire",
    "site-observatoire-critere", "site-organisme", "site-echeances",
    "dossier",        "agenda",         "pv",          "bilan"};

// A session shown with its procès-verbal (held, with decisions, on or before as_of); the others
// with their agenda.
bool shows_record(const core::Session& s, core::Date as_of);

// While an organisme folder is in hand (LoadOptions::each_organisme): writes its page, gathers
// what the repository's pages need of it, and gives what the model keeps of it: its digest, the
// candidatures' pieces only where a page still reads them (site_stream.cpp). From the loading
// threads.
core::Organisme take_organisme(SiteRun& run, const core::Model& repository, const core::Organisme& organisme,
                    const std::vector<core::Diagnostic>& diagnostics, const std::vector<std::string>& unreadable);

// Once the repository is loaded: writes again the page of each organisme whose diagnostics the
// repository's rules (committee decisions, sign-offs, folder layout) added to, from its folder
// read again (site_stream.cpp).
void write_changed_organisme_pages(SiteRun& run);

// The pages, one function each kind (site_pages.cpp).
void write_organisme_page(const SiteRun& run, const RepositoryView& repository, const core::Organisme& o);
void write_index(const SiteRun& run);
void write_public_index(const SiteRun& run);
void write_auditors(const SiteRun& run);
void write_observatory(const SiteRun& run);
void write_session_pages(const SiteRun& run);
void write_bilan_pages(const SiteRun& run);
void write_tables(const SiteRun& run);

} // namespace quali::commands
