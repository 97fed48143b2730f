// SPDX-License-Identifier: EUPL-1.2
// quali diff REV: what changed since a git revision, dossier by dossier — the files added,
// modified or removed, the PAA actions whose état changed, the committee's new decisions.
// What the référent reads before a committee. Text, Markdown or JSON.
#include "commands/git.hpp"
#include "commands/modeles.hpp"
#include "commands/registry.hpp"
#include "commands/workspace.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/model_builder.hpp"
#include "quali/core/text_checks.hpp"
#include "quali/core/vocabulary.hpp"
#include "quali/io/yaml_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace quali::commands {

namespace {

namespace fs = std::filesystem;
using core::say;

struct DiffOptions {
    std::string rev;
    std::string format = "text";
    std::string depot;
};

struct ActionChange {
    std::string id;
    std::optional<std::string> before, after;  // état; none: the action did not exist
};

struct NewDecision {
    std::string seance, decision, file;
};

// One dossier: an organisme folder, comite, auditeurs, referentiel, or the repository's own files ("").
struct Section {
    std::string key;
    std::string slug, nom;
    std::vector<git::Change> files;
    std::vector<ActionChange> actions;
    std::vector<NewDecision> decisions;
};

std::string section_of(const std::string& path, io::RootKind kind)
{
    if (kind == io::RootKind::organisme) return {};
    const auto first = path.find('/');
    if (first == std::string::npos) return {};
    const std::string top = path.substr(0, first);
    if (top == "organismes") {
        const auto second = path.find('/', first + 1);
        return second == std::string::npos ? std::string() : path.substr(0, second);
    }
    if (top == "comite" || top == "auditeurs" || top == "referentiel") return top;
    return {};
}

// The model of one file as it was at the revision (empty when it did not exist or did not parse).
core::Model old_model(const fs::path& root, const io::Root& r, const std::string& rev, const std::string& path,
                      const core::Placement& placement, const Context& ctx)
{
    const auto bytes = git::show(root, rev, path, ctx);
    if (!bytes) return {};
    const core::TextCheck check = core::check_text(*bytes, ctx.lang);
    if (!check.parseable) return {};
    const io::ParsedYaml parsed = io::parse_yaml(check.yaml, ctx.lang);
    if (parsed.tree->root() == nullptr) return {};
    const std::string slug = r.kind == io::RootKind::organisme ? r.dir.filename().string() : std::string();
    return core::build_model({{path, placement, parsed.tree->root()}}, slug);
}

std::string state(const std::optional<core::ActionState>& s)
{
    return s ? std::string(core::to_string(*s)) : std::string("?");
}

std::vector<ActionChange> action_changes(const core::Paa* before, const core::Paa* after)
{
    std::vector<ActionChange> out;
    const auto find = [](const core::Paa* paa, const std::string& id) -> const core::Action* {
        if (paa == nullptr) return nullptr;
        for (const core::Action& a : paa->actions)
            if (a.id.value == id) return &a;
        return nullptr;
    };
    if (after != nullptr)
        for (const core::Action& a : after->actions) {
            const core::Action* old = find(before, a.id.value);
            if (old == nullptr) out.push_back({a.id.value, std::nullopt, state(a.etat)});
            else if (old->etat != a.etat) out.push_back({a.id.value, state(old->etat), state(a.etat)});
        }
    if (before != nullptr)
        for (const core::Action& a : before->actions)
            if (find(after, a.id.value) == nullptr) out.push_back({a.id.value, state(a.etat), std::nullopt});
    return out;
}

std::string kind_word(git::ChangeKind k, core::Lang lang)
{
    switch (k) {
    case git::ChangeKind::added: return say(lang, "ajouté", "added");
    case git::ChangeKind::modified: return say(lang, "modifié", "modified");
    case git::ChangeKind::deleted: return say(lang, "supprimé", "deleted");
    }
    return {};
}

std::string_view kind_key(git::ChangeKind k)
{
    switch (k) {
    case git::ChangeKind::added: return "ajoute";
    case git::ChangeKind::modified: return "modifie";
    case git::ChangeKind::deleted: return "supprime";
    }
    return {};
}

std::string title(const Section& s, core::Lang lang)
{
    std::string t = s.key.empty() ? (s.slug.empty() ? say(lang, "dépôt (fichiers à la racine)", "repository (top-level files)") : s.slug)
                                  : s.key;
    if (!s.nom.empty()) t += " — " + s.nom;
    return t;
}

std::string in_section(const Section& s, const std::string& path)
{
    return s.key.empty() ? path : path.substr(s.key.size() + 1);
}

// The words of an état or a decision as written in the file; an unknown value as written.
std::string state_text(const std::string& code, core::Lang lang)
{
    const auto s = core::parse_action_state(code);
    return s ? std::string(core::label(lang, s)) : code;
}

std::string decision_text(const std::string& code, core::Lang lang)
{
    const auto k = core::parse_decision(code);
    return k ? std::string(core::label(lang, *k)) : code;
}

std::string action_text(const ActionChange& a, core::Lang lang)
{
    if (!a.before)
        return say(lang, "{} : nouvelle ({})", "{}: new ({})", a.id, state_text(*a.after, lang));
    if (!a.after)
        return say(lang, "{} : supprimée (était {})", "{}: removed (was {})", a.id, state_text(*a.before, lang));
    return say(lang, "{} : {} → {}", "{}: {} → {}", a.id, state_text(*a.before, lang), state_text(*a.after, lang));
}

std::string render_text(const std::vector<Section>& sections, const std::string& since, const Context& ctx)
{
    const core::Lang lang = ctx.lang;
    if (sections.empty()) return say(lang, "Aucun changement depuis {}.\n", "No change since {}.\n", since);
    std::string out = say(lang, "Changements depuis {}, dossier par dossier :\n", "Changes since {}, dossier by dossier:\n", since);
    for (const Section& s : sections) {
        out += "\n" + title(s, lang) + "\n";
        if (!s.files.empty()) {
            out += say(lang, "  fichiers :\n", "  files:\n");
            for (const git::Change& f : s.files)
                out += fmt::format("    {:<9} {}\n", kind_word(f.kind, lang), in_section(s, f.path));
        }
        if (!s.actions.empty()) {
            out += say(lang, "  actions du PAA :\n", "  PAA actions:\n");
            for (const ActionChange& a : s.actions) out += "    " + action_text(a, lang) + "\n";
        }
        if (!s.decisions.empty()) {
            out += say(lang, "  nouvelles décisions du comité :\n", "  new committee decisions:\n");
            for (const NewDecision& d : s.decisions)
                out += say(lang, "    séance du {} : {}\n", "    session of {}: {}\n", d.seance,
                           decision_text(d.decision, lang));
        }
    }
    if (!ctx.quiet)
        out += "\n" + core::count_of(lang, sections.size(), "dossier changé", "dossiers changés", "dossier changed",
                                     "dossiers changed") + ".\n";
    return out;
}

std::string render_markdown(const std::vector<Section>& sections, const std::string& since, core::Lang lang)
{
    std::string out = say(lang, "# Changements depuis {}\n\n", "# Changes since {}\n\n", since);
    if (sections.empty()) return out + say(lang, "Aucun changement.\n", "No change.\n");
    for (const Section& s : sections) {
        out += "## " + title(s, lang) + "\n\n";
        if (!s.files.empty()) {
            out += say(lang, "| fichier | changement |\n|---|---|\n", "| file | change |\n|---|---|\n");
            for (const git::Change& f : s.files)
                out += fmt::format("| `{}` | {} |\n", in_section(s, f.path), kind_word(f.kind, lang));
            out += "\n";
        }
        if (!s.actions.empty()) {
            out += say(lang, "**Actions du PAA**\n\n", "**PAA actions**\n\n");
            for (const ActionChange& a : s.actions) out += "- " + action_text(a, lang) + "\n";
            out += "\n";
        }
        if (!s.decisions.empty()) {
            out += say(lang, "**Nouvelles décisions du comité**\n\n", "**New committee decisions**\n\n");
            for (const NewDecision& d : s.decisions)
                out += say(lang, "- séance du {} : **{}** (`{}`)\n", "- session of {}: **{}** (`{}`)\n", d.seance,
                           decision_text(d.decision, lang), d.file);
            out += "\n";
        }
    }
    return out;
}

std::string render_json(const std::vector<Section>& sections, const std::string& rev, const std::string& commit)
{
    using J = nlohmann::ordered_json;
    J dossiers = J::array();
    for (const Section& s : sections) {
        J files = J::array();
        for (const git::Change& f : s.files) files.push_back(J{{"chemin", f.path}, {"changement", kind_key(f.kind)}});
        J actions = J::array();
        for (const ActionChange& a : s.actions)
            actions.push_back(J{{"id", a.id}, {"avant", a.before ? J(*a.before) : J(nullptr)},
                                {"apres", a.after ? J(*a.after) : J(nullptr)}});
        J decisions = J::array();
        for (const NewDecision& d : s.decisions)
            decisions.push_back(J{{"seance", d.seance}, {"decision", d.decision}, {"fichier", d.file}});
        dossiers.push_back(J{{"dossier", s.key},
                             {"organisme", s.slug.empty() ? J(nullptr) : J(s.slug)},
                             {"nom", s.nom.empty() ? J(nullptr) : J(s.nom)},
                             {"fichiers", files},
                             {"actions", actions},
                             {"decisions", decisions}});
    }
    return J{{"depuis", rev}, {"commit", commit}, {"dossiers", dossiers}}.dump(2) + "\n";
}

int run_diff(const DiffOptions& opt, const Context& ctx)
{
    const std::string start = opt.depot.empty() ? std::string(".") : opt.depot;
    const Workspace ws = load_workspace({start}, ctx, {.rules = false});
    const io::Root root = ws.roots.front().root;
    const core::Model& now = ws.models.front();
    const std::vector<git::Change> changes = git::changes_since(root.dir, opt.rev, ctx);
    const std::string commit = git::is_commit(root.dir, opt.rev) ? git::short_name(root.dir, opt.rev) : std::string();

    std::map<std::string, Section> sections;
    const auto section = [&](const std::string& key) -> Section& {
        Section& s = sections[key];
        s.key = key;
        const core::Organisme* o = nullptr;
        if (root.kind == io::RootKind::organisme) o = now.organismes.empty() ? nullptr : &now.organismes.front();
        else if (key.starts_with("organismes/")) o = now.organisme(key.substr(11));
        if (key.starts_with("organismes/")) s.slug = key.substr(11);
        if (o != nullptr) {
            s.slug = o->slug;
            s.nom = o->nom;
        }
        return s;
    };
    for (const git::Change& c : changes) {
        section(section_of(c.path, root.kind)).files.push_back(c);
        if (c.kind == git::ChangeKind::deleted) continue;
        const auto placement = root.kind == io::RootKind::repository ? core::classify_repository_path(c.path)
                                                                     : core::classify_organisme_path(c.path);
        if (!placement) continue;
        if (placement->kind == core::FileKind::paa) {
            const core::Model before = c.kind == git::ChangeKind::added
                                           ? core::Model{}
                                           : old_model(root.dir, root, opt.rev, c.path, *placement, ctx);
            const core::Paa* old_paa = before.organismes.empty() || !before.organismes.front().paa
                                           ? nullptr
                                           : &*before.organismes.front().paa;
            const core::Organisme* o = root.kind == io::RootKind::organisme
                                           ? (now.organismes.empty() ? nullptr : &now.organismes.front())
                                           : now.organisme(placement->organisme);
            const core::Paa* new_paa = o != nullptr && o->paa ? &*o->paa : nullptr;
            auto found = action_changes(old_paa, new_paa);
            Section& s = section(section_of(c.path, root.kind));
            s.actions.insert(s.actions.end(), found.begin(), found.end());
        } else if (placement->kind == core::FileKind::seance) {
            const core::Model before = c.kind == git::ChangeKind::added
                                           ? core::Model{}
                                           : old_model(root.dir, root, opt.rev, c.path, *placement, ctx);
            const auto current = std::find_if(now.sessions.begin(), now.sessions.end(),
                                              [&](const core::Session& s) { return s.file == c.path; });
            if (current == now.sessions.end()) continue;
            std::vector<std::pair<std::string, std::string>> old_decisions;
            for (const core::Session& s : before.sessions)
                for (const core::Decision& d : s.decisions)
                    old_decisions.emplace_back(d.organisme.value, d.kind ? std::string(core::to_string(*d.kind)) : "?");
            for (const core::Decision& d : current->decisions) {
                const std::pair<std::string, std::string> key{d.organisme.value,
                                                              d.kind ? std::string(core::to_string(*d.kind)) : "?"};
                const auto seen = std::find(old_decisions.begin(), old_decisions.end(), key);
                if (seen != old_decisions.end()) {
                    old_decisions.erase(seen);
                    continue;
                }
                if (!core::is_slug(d.organisme.value)) continue;
                section("organismes/" + d.organisme.value)
                    .decisions.push_back({current->date ? core::iso(*current->date) : std::string("?"), key.second, c.path});
            }
        }
    }
    // Organismes first (by slug), then comite, auditeurs, referentiel, and the top-level files.
    std::vector<Section> ordered;
    for (auto& [key, s] : sections)
        if (key.starts_with("organismes/")) ordered.push_back(std::move(s));
    for (const char* key : {"comite", "auditeurs", "referentiel", ""})
        if (const auto it = sections.find(key); it != sections.end()) ordered.push_back(std::move(it->second));

    const std::string since = commit.empty() || commit == opt.rev ? opt.rev : opt.rev + " (" + commit + ")";
    if (opt.format == "json") ctx.out << render_json(ordered, opt.rev, commit);
    else if (opt.format == "md") ctx.out << render_markdown(ordered, since, ctx.lang);
    else ctx.out << render_text(ordered, since, ctx);
    return 0;
}

} // namespace

void add_diff(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opt = std::make_shared<DiffOptions>();
    CLI::App* sub = app.add_subcommand(
        "diff", tr(lang,
                   "Ce qui a changé depuis une révision git, dossier par dossier (fichiers, états des actions, "
                   "décisions)",
                   "What changed since a git revision, organisme by organisme (files, states of the actions, "
                   "decisions)"));
    sub->add_option("REV", opt->rev,
                    tr(lang, "Révision git de référence : un commit, une étiquette, HEAD~10, main…",
                       "Git revision to compare with: a commit, a tag, HEAD~10, main…"))
        ->required();
    add_format_option(*sub, opt->format, {"text", "md", "json"},
                      tr(lang, "Format de sortie : text (défaut), md (Markdown) ou json",
                         "Output format: text (default), md (Markdown) or json"));
    add_repository_option(*sub, opt->depot, lang);
    sub->footer(tr(lang,
                   "Compare la révision au dossier de travail (fichiers commités, indexés ou non, et nouveaux "
                   "fichiers non ignorés).\n",
                   "Compares the revision with the working folder (committed files, staged or not, and new "
                   "files that are not ignored).\n"));
    sub->callback([opt, &runner] { runner = [opt](const Context& ctx) { return run_diff(*opt, ctx); }; });
}

} // namespace quali::commands
