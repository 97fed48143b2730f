// SPDX-License-Identifier: EUPL-1.2
// The static site's own pages (site.hpp): their data trees, the page frame, and the body of a
// committee document reused inside it.
#include "quali/render/site.hpp"

#include "document_data.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/render/templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace quali::render {

using detail::fr;
using detail::J;
using detail::put_date;

std::string organisme_link(std::string_view slug)
{
    return "organismes/" + site_page_name(slug) + ".html";
}

std::string site_page_name(std::string_view slug)
{
    const bool plain =
        !slug.empty() && slug.front() != '.' && slug.size() <= 100 &&
        slug.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") ==
            std::string_view::npos;
    if (plain) return std::string(slug);
    std::string out = "o-";
    for (const char c : slug.substr(0, 100))
        out += fmt::format("{:02x}", static_cast<unsigned char>(c));
    return out;
}

std::string url_path(std::string_view relative)
{
    std::string out;
    for (const char c : relative) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
            c == '.' || c == '_' || c == '~' || c == '/')
            out += c;
        else
            out += fmt::format("%{:02X}", u);
    }
    return out;
}

std::string document_body(std::string html)
{
    const auto open = html.find("<body");
    const auto start = open == std::string::npos ? open : html.find('>', open);
    const auto end = html.rfind("</body>");
    if (start == std::string::npos || end == std::string::npos || end < start) return html;
    html.erase(end);
    html.erase(0, start + 1);
    return html;
}

void BodyFilter::operator()(std::string_view piece)
{
    if (m_whole) return give_whole(piece);
    // Each search starts where a tag could begin in what is new: never the whole text again.
    const std::size_t before = m_held.size();
    m_held += piece;
    if (!m_in_body) { // as document_body: the first « <body », then the first « > » after it
        if (m_open == std::string::npos)
            m_open = m_held.find(open_tag, before >= open_tag.size() ? before - (open_tag.size() - 1) : 0);
        const auto start = m_open == std::string::npos ? m_open : m_held.find('>', std::max(m_open, before));
        if (start == std::string::npos) return;
        m_in_body = true;
        m_held.erase(0, start + 1);
    }
    // The last </body> so far: m_held starts with the one found before, if any.
    std::size_t end = m_ended ? 0 : std::string::npos;
    for (auto at = m_held.find(end_tag, m_scan); at != std::string::npos; at = m_held.find(end_tag, at + 1))
        end = at;
    m_ended = end != std::string::npos;
    // Everything before the last </body> is body; without one, all but what may begin one.
    const std::size_t kept = m_ended ? m_held.size() - end : std::min(m_held.size(), end_tag.size() - 1);
    give(std::string_view(m_held).substr(0, m_held.size() - kept));
    m_held.erase(0, m_held.size() - kept);
    // Where a </body> not seen yet may start: past the one held, in its last few characters.
    const std::size_t tail = m_held.size() >= end_tag.size() ? m_held.size() - (end_tag.size() - 1) : 0;
    m_scan = m_ended ? std::max<std::size_t>(tail, 1) : 0;
}

void BodyFilter::give_whole(std::string_view piece)
{
    if (m_spelt) return;
    // m_held: the last characters given, where a « <body » cut across pieces may begin.
    const std::string seam = m_held + std::string(piece.substr(0, open_tag.size() - 1));
    m_spelt = seam.find(open_tag) != std::string::npos || piece.find(open_tag) != std::string_view::npos;
    if (m_spelt) return;
    give(piece);
    m_held += piece.substr(piece.size() - std::min(piece.size(), open_tag.size() - 1));
    m_held.erase(0, m_held.size() - std::min(m_held.size(), open_tag.size() - 1));
}

void BodyFilter::give(std::string_view text)
{
    if (text.empty()) return;
    m_out(text);
    m_last = text.back();
}

PageFrame site_frame(std::string_view frame_template, const std::string& titre, const std::string& racine,
                     const std::vector<NavLink>& nav)
{
    J tree;
    tree["titre"] = titre;
    tree["racine"] = racine;
    tree["nav"] = J::array();
    for (const NavLink& l : nav)
        tree["nav"].push_back({{"href", racine + l.href}, {"texte", l.texte}});
    std::string frame = render_document(frame_template, tree, DocumentFormat::html);
    // The mark is template text: no escaped value can hold « <!-- ».
    constexpr std::string_view mark = "<!--contenu-->";
    const auto at = frame.find(mark);
    if (at == std::string::npos) return {std::move(frame), {}, false};
    return {frame.substr(0, at), frame.substr(at + mark.size()), true};
}

std::array<std::string_view, 4> page_parts(const PageFrame& frame, std::string_view body)
{
    const std::string_view shown = frame.has_mark ? body : std::string_view();
    return {frame.head, shown, frame.tail,
            page_end(frame, shown.empty() ? std::nullopt : std::optional(shown.back()))};
}

std::string_view page_end(const PageFrame& frame, std::optional<char> body_last)
{
    const std::optional<char> last = !frame.tail.empty() ? std::optional(frame.tail.back())
                                     : body_last         ? body_last
                                     : !frame.head.empty() ? std::optional(frame.head.back())
                                                           : std::nullopt;
    return last == '\n' ? "" : "\n";
}

std::string site_page(std::string_view frame_template, const std::string& titre, const std::string& racine,
                      const std::vector<NavLink>& nav, std::string_view body)
{
    const PageFrame frame = site_frame(frame_template, titre, racine, nav);
    std::string page;
    for (const std::string_view part : page_parts(frame, body))
        page.append(part);
    return page;
}

namespace {


std::string session_link(core::Date d)
{
    return "seances/" + core::iso(d) + ".html";
}

// A deadline's row; prefix leads from the page's folder to the site's root.
J deadline_j(const core::Model& model, const core::Deadline& d, std::string_view prefix)
{
    J j;
    put_date(j, "date", d.date);
    j["type_texte"] = core::capitalized(core::label(fr, d.type));
    const core::Organisme* o = d.organisme.empty() ? nullptr : model.organisme(d.organisme);
    j["organisme"] = o != nullptr ? J(detail::name_of(*o)) : J(nullptr);
    j["lien"] = o != nullptr ? J(std::string(prefix) + organisme_link(o->slug)) : J(nullptr);
    j["description"] = d.description;
    return j;
}

J deadlines_j(const core::Model& model, std::span<const core::Deadline> rows, std::string_view prefix)
{
    J out = J::array();
    for (const core::Deadline& d : rows)
        out.push_back(deadline_j(model, d, prefix));
    return out;
}

// Under a dashboard list showing only its first rows: the link to its pages (null otherwise).
J list_suite_j(DeadlineList list, std::size_t total)
{
    if (total <= dashboard_rows) return nullptr;
    const std::string whole = list == DeadlineList::retards
                                  ? core::count_of(fr, total, "échéance en retard", "échéances en retard")
                                  : core::count_of(fr, total, "échéance des 90 prochains jours",
                                                   "échéances des 90 prochains jours");
    return {{"premieres", fmt::format("Les {} premières sont ci-dessus.", dashboard_rows)},
            {"texte", fmt::format("Liste complète : {}, sur {}", whole,
                                  core::count_of(fr, deadline_list_pages(total), "page", "pages"))},
            {"lien", "echeances/" + deadline_list_page(list, 1)}};
}

J states_j(const core::Model& model, core::Date as_of, LazyRows* lazy)
{
    std::map<core::PathwayState, std::vector<std::pair<const core::Organisme*, core::Pathway>>> groups;
    for (const core::Organisme& o : model.organismes) {
        core::Pathway p = core::pathway(model, o, as_of);
        const core::PathwayState state = p.etat;
        groups[state].emplace_back(&o, std::move(p));
    }
    J out = J::array();
    for (auto& [state, list] : groups) {
        const std::size_t n = list.size();
        out.push_back({{"etat", core::to_string(state)},
                       {"etat_texte", core::capitalized(core::heading(fr, state))},
                       {"organismes", rows(lazy, n, [of_state = std::move(list)](std::size_t i) {
                            const auto& [o, p] = of_state[i];
                            J line = detail::pathway_j(p);
                            line["nom"] = detail::name_of(*o);
                            line["lien"] = organisme_link(o->slug);
                            return line;
                        })}});
    }
    return out;
}

J next_session_j(const core::Model& model, core::Date as_of)
{
    const auto planned = core::planned_sessions(model, as_of);
    if (planned.empty()) return nullptr;
    const core::Rules& r = model.rules;
    const core::Date day = *planned.front()->date;
    J j;
    put_date(j, "date", day);
    j["lien"] = session_link(day);
    j["fenetre_depot"] =
        detail::window_j(core::filing_window(day, r.fenetre_depot_jours, r.decompte, r.zone_feries));
    return j;
}

} // namespace

J index_tree(const core::Model& model, const IndexInput& in, LazyRows* lazy)
{
    J j;
    put_date(j, "date_reference", in.as_of);
    j["diagnostics"] = {
        {"erreurs", in.diagnostics.errors},
        {"avertissements", in.diagnostics.warnings},
        {"a_des_erreurs", in.diagnostics.errors > 0},
        {"texte", core::count_of(fr, in.diagnostics.errors, "erreur", "erreurs") + ", " +
                      core::count_of(fr, in.diagnostics.warnings, "avertissement", "avertissements")}};
    j["nombre_organismes"] = core::count_of(fr, model.organismes.size(), "organisme", "organismes");
    j["etats"] = states_j(model, in.as_of, lazy);
    j["prochaine_seance"] = next_session_j(model, in.as_of);
    const auto first = [](const std::vector<core::Deadline>& all) {
        return std::span(all).first(std::min(all.size(), dashboard_rows));
    };
    j["retards"] = deadlines_j(model, first(in.late), "");
    j["retards_suite"] = list_suite_j(DeadlineList::retards, in.late_total);
    j["echeances"] = deadlines_j(model, first(in.upcoming), "");
    j["echeances_suite"] = list_suite_j(DeadlineList::a_venir, in.upcoming_total);
    j["seances"] = J::array();
    for (const core::Session& s : model.sessions) {
        if (!s.date) continue;
        J line;
        put_date(line, "date", *s.date);
        line["lien"] = session_link(*s.date);
        line["tenue"] = s.held && !s.decisions.empty();
        j["seances"].push_back(line);
    }
    j["bilans"] = J::array();
    for (const int y : in.years)
        j["bilans"].push_back({{"annee", std::to_string(y)}, {"lien", fmt::format("bilan/{}.html", y)}});
    return j;
}

std::size_t deadline_list_pages(std::size_t rows)
{
    return (rows + list_rows - 1) / list_rows;
}

std::string deadline_list_title(DeadlineList list)
{
    return list == DeadlineList::retards ? "Échéances en retard" : "Échéances des 90 prochains jours";
}

std::string deadline_list_page(DeadlineList list, std::size_t page)
{
    return fmt::format("{}-{}.html", list == DeadlineList::retards ? "retards" : "a-venir", page);
}

J deadline_list_tree(const core::Model& model, core::Date as_of, DeadlineList list,
                     std::span<const core::Deadline> rows, std::size_t total, std::size_t page)
{
    const std::size_t pages = deadline_list_pages(total);
    const std::size_t begin = (page - 1) * list_rows;
    J j;
    j["document"] = "echeances";
    put_date(j, "date_reference", as_of);
    j["titre"] = deadline_list_title(list);
    j["retard"] = list == DeadlineList::retards;
    j["resume"] = fmt::format("Échéances {} à {} sur {}.", begin + 1, begin + rows.size(), total);
    j["page_texte"] = fmt::format("Page {} sur {}", page, pages);
    j["precedente"] = page > 1 ? J(deadline_list_page(list, page - 1)) : J(nullptr);
    j["suivante"] = page < pages ? J(deadline_list_page(list, page + 1)) : J(nullptr);
    j["lignes"] = deadlines_j(model, rows, "../");
    return j;
}

J organisme_extra_tree(const std::vector<core::TimelineEntry>& timeline, const std::vector<ProofLink>& proofs)
{
    J j;
    j["chronologie"] = J::array();
    for (const core::TimelineEntry& e : timeline) {
        J line;
        put_date(line, "date", e.date);
        line["type"] = core::to_string(e.kind);
        line["texte"] = e.texte;
        line["fichier"] = e.fichier;
        j["chronologie"].push_back(line);
    }
    j["preuves"] = J::array();
    for (const ProofLink& p : proofs)
        j["preuves"].push_back({{"chemin", p.chemin}, {"lien", p.lien.empty() ? J(nullptr) : J(p.lien)}});
    return j;
}

void AuditsDone::add(const core::Organisme& o)
{
    const auto organisme = static_cast<std::uint32_t>(m_slugs.size());
    m_slugs.push_back(o.slug);
    for (std::size_t i = 0; i < o.audits.size(); ++i) {
        const core::Audit& a = o.audits[i];
        m_by_auditor[a.auditeur.value].push_back(
            {organisme, static_cast<std::uint32_t>(i), a.date(), a.type});
    }
}

std::vector<AuditsDone::Audit> AuditsDone::of(std::string_view auditeur, const core::Model& model) const
{
    const auto found = m_by_auditor.find(auditeur);
    if (found == m_by_auditor.end()) return {};
    std::vector<std::pair<std::size_t, const Done*>> placed; // by the organisme's place in the model
    for (const Done& d : found->second)
        if (const core::Organisme* o = model.organisme(m_slugs[d.organisme]))
            placed.emplace_back(static_cast<std::size_t>(o - model.organismes.data()), &d);
    std::sort(placed.begin(), placed.end(), [](const auto& x, const auto& y) {
        return std::tie(x.first, x.second->rang) < std::tie(y.first, y.second->rang);
    });
    std::vector<Audit> out;
    out.reserve(placed.size());
    for (const auto& [place, d] : placed)
        out.push_back({&model.organismes[place], d->date, d->type});
    return out;
}

J auditors_tree(const core::Model& model, const AuditsDone& audits, LazyRows* lazy)
{
    J list = J::array();
    for (const core::Auditor& a : model.auditors) {
        J j;
        j["id"] = a.id;
        j["nom"] = a.nom.empty() ? a.id : a.nom;
        j["cabinet"] = detail::opt_str(a.cabinet);
        j["agrements"] = J::array();
        for (const core::Approval& ap : a.agrements) {
            J line;
            put_date(line, "debut", ap.debut.value);
            put_date(line, "fin", ap.fin.value);
            put_date(line, "seance", ap.seance);
            j["agrements"].push_back(line);
        }
        // Two auditors of one id (an error) both list them.
        std::vector<AuditsDone::Audit> own = audits.of(a.id, model);
        const std::size_t n = own.size();
        j["audits"] = rows(lazy, n, [own = std::move(own)](std::size_t i) {
            const AuditsDone::Audit& audit = own[i];
            J line;
            put_date(line, "date", audit.date);
            line["type_texte"] = core::capitalized(core::audit_name(fr, audit.type));
            line["organisme"] = detail::name_of(*audit.organisme);
            line["lien"] = organisme_link(audit.organisme->slug);
            return line;
        });
        list.push_back(j);
    }
    return {{"auditeurs", list}};
}

J public_index_tree(const core::Model& model, core::Date as_of, const std::vector<core::Bilan>& years)
{
    J j;
    put_date(j, "date_reference", as_of);
    j["labellises"] = J::array();
    for (const core::Organisme& o : model.organismes) {
        const core::Pathway p = core::pathway(model, o, as_of);
        if (p.etat != core::PathwayState::labellise) continue;
        J line;
        line["nom"] = detail::name_of(o);
        line["famille"] = detail::opt_str(o.famille);
        line["region"] = detail::opt_str(o.region);
        put_date(line, "valide_jusqu_au", p.valide_jusqu_au);
        j["labellises"].push_back(line);
    }
    j["annees"] = J::array();
    for (const core::Bilan& b : years) {
        J year;
        year["annee"] = std::to_string(b.annee);
        put_date(year, "fin", b.fin);
        year["etats"] = J::array();
        for (const core::PathwayState s : core::all_states)
            year["etats"].push_back(
                {{"etat_texte", core::capitalized(core::heading(fr, s))}, {"nombre", b.count(s)}});
        year["decisions"] = b.decisions_total();
        year["seances"] = b.seances.size();
        j["annees"].push_back(year);
    }
    return j;
}

} // namespace quali::render
