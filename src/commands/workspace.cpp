#include "commands/workspace.hpp"

#include "quali/core/model_builder.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/core/text_checks.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/builtin.hpp"

#include <algorithm>
#include <thread>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

std::string display_path(const fs::path& absolute)
{
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (ec) return absolute.generic_string();
    const fs::path rel = absolute.lexically_normal().lexically_relative(cwd);
    if (rel.empty()) return ".";
    const std::string r = rel.generic_string();
    if (r.starts_with("../../../")) return absolute.lexically_normal().generic_string();
    return r;
}

namespace {

// A YAML file outside the layout: warn, and suggest the name it probably meant.
core::Diagnostic unknown_place(const io::SourceFile& f, io::RootKind kind, core::Lang lang)
{
    core::Diagnostic d;
    d.severity = core::Severity::warning;
    d.code = "Q011";
    d.file = f.path;
    d.pos = {1, 1};
    d.message = say(lang, "fichier YAML à un emplacement inconnu : il n'est pas vérifié",
                    "YAML file in an unknown place: it is not checked");
    const fs::path p(f.path);
    const std::string name = p.filename().string();
    const std::string parent = p.parent_path().generic_string();
    const bool in_organisme = kind == io::RootKind::organisme
                                  ? parent.empty()
                                  : parent.starts_with("organismes/") && std::count(parent.begin(), parent.end(), '/') == 1;
    std::vector<std::string> names;
    if (in_organisme) names = {"organisme.yaml", "autodiagnostic.yaml", "paa.yaml", "concertation.yaml"};
    else if (parent.empty()) names = {"quali.yaml"};
    else if (parent == "comite") names = {"membres.yaml"};
    else if (parent == "referentiel") names = {"cadre-evaluation.yaml"};
    if (const auto near = core::closest(name, names))
        d.hint = say(lang, "vouliez-vous dire « {} » ?", "did you mean \"{}\"?", *near);
    else
        d.hint = say(lang,
                     "emplacements reconnus : quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/AAAA-MM-JJ.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml",
                     "known places: quali.yaml, referentiel/cadre-evaluation.yaml, comite/membres.yaml, "
                     "comite/seances/YYYY-MM-DD.yaml, auditeurs/<id>.yaml, organismes/<slug>/(organisme|"
                     "autodiagnostic|paa|concertation).yaml, organismes/<slug>/(audits|candidatures)/*.yaml");
    return d;
}

fs::path organisme_folder(const io::Root& root, const core::Placement& placement)
{
    if (root.kind == io::RootKind::organisme) return root.dir;
    return root.dir / "organismes" / placement.organisme;
}

struct Target {
    io::Root root;
    std::vector<fs::path> selections;  // absolute; the root itself selects everything
};

bool selected(const fs::path& file, const std::vector<fs::path>& selections)
{
    for (const fs::path& s : selections) {
        auto f = file.begin();
        bool ok = true;
        for (auto it = s.begin(); it != s.end(); ++it, ++f)
            if (f == file.end() || *it != *f) { ok = false; break; }
        if (ok) return true;
    }
    return false;
}

core::Model model_of(const io::LoadedRoot& loaded);

} // namespace

std::string_view Workspace::source_line(const std::string& display, int line) const
{
    const auto it = by_display.find(display);
    if (it == by_display.end()) return {};
    return core::LineIndex(it->second->bytes).line(line);
}

namespace {

core::Model model_of(const io::LoadedRoot& loaded)
{
    std::vector<core::ModelInput> inputs;
    inputs.push_back({"", core::Placement{core::FileKind::referentiel, {}}, &io::builtin_framework()});
    for (const io::SourceFile& f : loaded.files)
        if (f.placement && f.root != nullptr) inputs.push_back({f.path, *f.placement, f.root});
    const bool lone = loaded.root.kind == io::RootKind::organisme;
    const std::string slug = lone ? loaded.root.dir.filename().string() : std::string();
    const fs::path dir = loaded.root.dir;
    return core::build_model(inputs, slug, [&](const std::string& folder, const std::string& path) {
        if (core::path_leaves_folder(path)) return false;
        return io::FolderPaths(dir / folder).status(path) == core::PathStatus::file;
    });
}

} // namespace

Workspace load_workspace(const std::vector<std::string>& paths, const Context& ctx, bool rules,
                         std::optional<core::Date> as_of)
{
    std::vector<std::string> wanted = paths;
    if (wanted.empty()) wanted.push_back(".");
    std::vector<Target> targets;
    for (const std::string& p : wanted) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(p, ec)))
            throw EnvironmentError(say(ctx.lang, "chemin introuvable : {}", "no such path: {}", p));
        const auto root = io::find_root(p);
        if (!root)
            throw EnvironmentError(say(ctx.lang,
                "{} n'est pas dans un dépôt quali (aucun quali.yaml ni organisme.yaml dans ce dossier ou au-dessus)",
                "{} is not inside a quali repository (no quali.yaml nor organisme.yaml in this folder or above)",
                p == "." ? say(ctx.lang, "le dossier courant", "the current folder") : p));
        const fs::path absolute = io::normal_absolute(p);
        auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.root.dir == root->dir; });
        if (it == targets.end()) it = targets.insert(targets.end(), Target{*root, {}});
        it->selections.push_back(absolute);
    }

    Workspace ws;
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (const Target& t : targets) {
        const io::Root root = t.root;
        io::LoadedRoot loaded = io::load_root(root, ctx.lang, threads, [&](io::SourceFile& f) {
            if (f.root == nullptr || !f.placement) return;
            const io::FolderPaths proofs(organisme_folder(root, *f.placement));
            const bool organisme_file = root.kind == io::RootKind::organisme || !f.placement->organisme.empty();
            for (core::Diagnostic& d : core::check_document(f.placement->kind, *f.root,
                                                            organisme_file ? &proofs : nullptr, ctx.lang)) {
                d.file = f.path;
                for (core::Note& n : d.notes)
                    if (n.file.empty()) n.file = f.path;
                f.diagnostics.push_back(std::move(d));
            }
        });
        std::vector<core::Diagnostic> found = std::move(loaded.diagnostics);
        core::Model model = model_of(loaded);
        if (rules) {
            std::vector<std::string> unreadable;
            for (const io::SourceFile& f : loaded.files)
                if (f.placement && (f.root == nullptr || !f.root->is_mapping())) unreadable.push_back(f.path);
            core::RuleReport report = core::check_rules(model, as_of.value_or(ctx.today), ctx.lang, unreadable);
            found.insert(found.end(), std::make_move_iterator(report.diagnostics.begin()),
                         std::make_move_iterator(report.diagnostics.end()));
            for (std::string& code : report.skipped)
                if (std::find(ws.skipped_rules.begin(), ws.skipped_rules.end(), code) == ws.skipped_rules.end())
                    ws.skipped_rules.push_back(std::move(code));
        }
        ws.models.push_back(std::move(model));
        for (const io::SourceFile& f : loaded.files) {
            if (!selected(root.dir / f.path, t.selections)) continue;
            ++ws.files_checked;
            found.insert(found.end(), f.diagnostics.begin(), f.diagnostics.end());
            if (!f.placement) found.push_back(unknown_place(f, root.kind, ctx.lang));
        }
        for (core::Diagnostic& d : found) {
            if (!selected(root.dir / d.file, t.selections)) continue;
            d.file = display_path(root.dir / d.file);
            for (core::Note& n : d.notes) n.file = display_path(root.dir / n.file);
            ws.diagnostics.push_back(std::move(d));
        }
        ws.roots.push_back(std::move(loaded));
    }
    for (const io::LoadedRoot& r : ws.roots)
        for (const io::SourceFile& f : r.files) ws.by_display[display_path(r.root.dir / f.path)] = &f;
    core::sort_diagnostics(ws.diagnostics);
    return ws;
}

} // namespace quali::commands
