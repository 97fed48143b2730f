// SPDX-License-Identifier: EUPL-1.2
#pragma once
// What the pages of quali site share while they are written (site.cpp runs the command,
// site_pages.cpp writes each kind of page). Private to src/commands/.
#include "commands/workspace.hpp"
#include "quali/io/site_folder.hpp"
#include "quali/render/site.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quali::commands {

struct SiteRun {
    const Workspace& ws;
    const core::Model& model;
    const Context& ctx;
    core::Date as_of;
    bool is_public = false;
    bool copy_proofs = false;
    bool link_proofs = false;        // the site is written inside the repository's parent
    std::filesystem::path target;    // DIR, absolute
    std::filesystem::path repo_root; // canonical
    io::StagedFolder& folder;
    std::vector<int> years; // the years with data, up to as_of's
    std::vector<render::NavLink> nav;

    // Writes a file of the site (relative path); an EnvironmentError when it cannot.
    void write(const std::string& relative, std::string_view bytes) const;
    // Writes a page: body (safe HTML) inside the frame, its links relative to the page's folder.
    void page(const std::string& relative, const std::string& titre, std::string_view body) const;
    // Renders a built-in (or the repository's) HTML template with tree, and returns its body.
    std::string body(std::string_view document, const nlohmann::ordered_json& tree) const;
};

// The pages, one function each kind (site_pages.cpp).
void write_index(const SiteRun& run);
void write_public_index(const SiteRun& run);
void write_auditors(const SiteRun& run);
void write_observatory(const SiteRun& run);
void write_organisme_pages(const SiteRun& run);
void write_session_pages(const SiteRun& run);
void write_bilan_pages(const SiteRun& run);
void write_tables(const SiteRun& run);

} // namespace quali::commands
