// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The static site's pages (quali site): the data tree of each page of its own (dashboard,
// organisme extras, auditors, observatory, public list), the page frame shared by all (nav bar,
// shared CSS, relative links) and the reuse of a committee document's body inside it.
// Every value goes through render_document's HTML escaping.
#include "quali/core/bilan.hpp"
#include "quali/core/deadlines.hpp"
#include "quali/core/diagnostic.hpp"
#include "quali/core/model.hpp"
#include "quali/core/timeline.hpp"
#include "quali/render/templates.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quali::render {

// The file name of an organisme's page, without folder: the slug when it is made of letters,
// digits, « - », « _ » and « . » (not first), else « o- » and its bytes in hex: never a character a
// relative URL or a file system would read otherwise.
std::string site_page_name(std::string_view slug);
// The link to an organisme's page from the site's root: « organismes/<page name>.html ».
std::string organisme_link(std::string_view slug);

// A relative path as a URL: each byte other than letters, digits, « - . _ ~ / » percent-encoded.
std::string url_path(std::string_view relative);

// What lies between <body> and </body> of a rendered document (the whole text without them),
// cut out of html itself.
std::string document_body(std::string html);

// document_body as the document is rendered: what lies between <body…> and the last </body>,
// given to out as it comes; only the head and what follows a </body> are held. finish() is true
// when out was given document_body's text whole; false when the document lacks either tag
// (document_body then gives it whole: render it again whole).
// A document rendered with a template without « <body » (the site's own pages: nothing else than
// the template's text can make a tag, every value is escaped) is given whole as it comes, nothing
// held; should its values spell a « <body » after all, finish() is false.
class BodyFilter {
  public:
    BodyFilter(const TextSink& out, std::string_view template_text)
        : m_out(out), m_whole(template_text.find(open_tag) == std::string_view::npos)
    {
    }
    void operator()(std::string_view piece);
    [[nodiscard]] bool finish() const { return m_whole ? !m_spelt : m_in_body && m_ended; }
    std::optional<char> last() const { return m_last; } // the last character given to out

  private:
    static constexpr std::string_view open_tag = "<body", end_tag = "</body>";
    void give(std::string_view text);
    void give_whole(std::string_view piece);
    const TextSink& m_out;
    bool m_whole;                              // the template has no « <body »
    bool m_spelt = false;                      // ... and the document has one all the same
    std::string m_held;                        // the head, then what may be or follow the last </body>;
                                               // whole: the last characters given (a « <body » may span)
    std::size_t m_open = std::string::npos;    // of « <body » in the head
    std::size_t m_scan = 0;                    // in m_held, where a </body> not seen yet may start
    bool m_in_body = false;                    // the first <body…> tag is past
    bool m_ended = false;                      // m_held starts with a </body> of the body
    std::optional<char> m_last;
};

// One link of the nav bar, relative to the site's root.
struct NavLink {
    std::string href, texte;
};

// Renders the frame template with the page's title, the path back to the root (« » or « ../ »)
// and the nav bar, and puts body (already safe HTML) where the frame says <!--contenu-->; the page
// ends with a line break.
std::string site_page(std::string_view frame_template, const std::string& titre, const std::string& racine,
                      const std::vector<NavLink>& nav, std::string_view body);
// The same page in parts, so that a body of megabytes is written without being copied: the
// frame rendered, split at its mark (none: the whole frame is head, and the body is left out).
struct PageFrame {
    std::string head, tail;
    bool has_mark = false;
};
PageFrame site_frame(std::string_view frame_template, const std::string& titre, const std::string& racine,
                     const std::vector<NavLink>& nav);
// The page's bytes, in order: head, body, tail, and page_end.
std::array<std::string_view, 4> page_parts(const PageFrame& frame, std::string_view body);
// What a page ends with: a line break when its last character is not one — the tail's, else the
// body's (body_last, when the frame shows a body), else the head's; else nothing.
std::string_view page_end(const PageFrame& frame, std::optional<char> body_last);

// The dashboard: organismes by state, the next session and its filing window, the late
// deadlines and those of the next 90 days (the first dashboard_rows of each; the whole lists go
// on pages of list_rows rows, echeances/<liste>-<n>.html), the diagnostics' counts, the sessions
// and bilans.
inline constexpr std::size_t dashboard_rows = 100;
inline constexpr std::size_t list_rows = 500;

// The dashboard's lists of deadlines, and the file name of their pages ("retards", 1 → "retards-1.html").
enum class DeadlineList : std::uint8_t { retards, a_venir };
std::string deadline_list_page(DeadlineList list, std::size_t page);
std::string deadline_list_title(DeadlineList list); // « Échéances en retard »
std::size_t deadline_list_pages(std::size_t rows);  // the pages of a list of rows

struct IndexInput {
    core::Date as_of;
    core::DiagnosticCounts diagnostics;
    // The first rows (dashboard_rows at most) of the late ones and of those within 90 days,
    // and how many each list has.
    std::vector<core::Deadline> late, upcoming;
    std::size_t late_total = 0, upcoming_total = 0;
    std::vector<int> years; // the years with a bilan page
};
nlohmann::ordered_json index_tree(const core::Model& model, const IndexInput& in, LazyRows* lazy = nullptr);

// Page number (from 1) of a list of total deadlines: rows are its rows, from (page - 1) × list_rows.
nlohmann::ordered_json deadline_list_tree(const core::Model& model, core::Date as_of, DeadlineList list,
                                          std::span<const core::Deadline> rows, std::size_t total,
                                          std::size_t page);

// A proof cited by an organisme's file: its path in the folder, and a link to it ("" for none).
struct ProofLink {
    std::string chemin, lien;
};
// What an organisme's page adds below its instruction sheet: the timeline and the proofs.
nlohmann::ordered_json organisme_extra_tree(const std::vector<core::TimelineEntry>& timeline,
                                            const std::vector<ProofLink>& proofs);

// The audits each auditor performed, as the auditors' page lists them, gathered one organisme at
// a time (quali site, as it reads each folder; the model then need not keep them): a few numbers
// an audit, each organisme's slug once.
class AuditsDone {
  public:
    struct Audit {
        const core::Organisme* organisme;
        std::optional<core::Date> date;
        std::optional<core::AuditType> type;
    };
    // Every audit of o, under its auditor's id.
    void add(const core::Organisme& o);
    // Those of an auditor id, in the model's order of organismes, then each one's order of
    // audits; an organisme the model lacks is left out.
    std::vector<Audit> of(std::string_view auditeur, const core::Model& model) const;

  private:
    struct Done {
        std::uint32_t organisme = 0; // in m_slugs
        std::uint32_t rang = 0;      // among its audits
        std::optional<core::Date> date;
        std::optional<core::AuditType> type;
    };
    std::vector<std::string> m_slugs;
    std::map<std::string, std::vector<Done>, std::less<>> m_by_auditor;
};

// Each auditor: approvals and their periods, the audits performed (with links to organismes).
nlohmann::ordered_json auditors_tree(const core::Model& model, const AuditsDone& audits,
                                     LazyRows* lazy = nullptr);

// The public list: labelled organismes (name, famille, region, label valid until) and the
// yearly figures, without any person's name, e-mail or phone.
nlohmann::ordered_json public_index_tree(const core::Model& model, core::Date as_of,
                                         const std::vector<core::Bilan>& years);

} // namespace quali::render
