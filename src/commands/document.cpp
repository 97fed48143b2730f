// SPDX-License-Identifier: EUPL-1.2
// Rendering a committee document with the repository's template or the built-in one (template
// errors in the user's language), and finding the session or organisme a command names.
#include "commands/document.hpp"
#include "quali/core/schema_check.hpp"
#include "quali/core/visa_checks.hpp"
#include "quali/io/visa_io.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <vector>

namespace quali::commands {

render::DocumentFormat document_format(const std::string& format)
{
    return format == "html" ? render::DocumentFormat::html : render::DocumentFormat::markdown;
}

DocumentTemplate find_template(const io::Root* root, std::string_view document, render::DocumentFormat f,
                               const Context& ctx)
{
    DocumentTemplate t;
    t.name = render::template_name(document, f);
    std::optional<std::string> own = root != nullptr ? repository_template(*root, t.name, ctx) : std::nullopt;
    t.own = own.has_value();
    t.text = own ? std::move(*own) : std::string(render::builtin_template(t.name).value_or(""));
    return t;
}

std::string render_template(const DocumentTemplate& t, const std::function<std::string(std::string_view)>& render,
                            const Context& ctx)
{
    try {
        return render(t.text);
    } catch (const render::TemplateError& e) {
        // What check_template finds, in the user's language; else mustache's own detail.
        std::string why = render::check_template(t.text, ctx.lang);
        if (why.empty())
            why = core::say(ctx.lang, "erreur de rendu mustache : {}", "mustache rendering error: {}", e.detail());
        throw EnvironmentError(
            core::say(ctx.lang, "modèle {}{} : {}", "template {}{}: {}", t.own ? "modeles/" : "", t.name, why));
    }
}

std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const std::function<std::string(std::string_view)>& render,
                                 const Context& ctx)
{
    return render_template(find_template(ws.roots.empty() ? nullptr : &ws.roots.front().root, document, f, ctx),
                           render, ctx);
}

std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const nlohmann::ordered_json& tree, const Context& ctx)
{
    return render_with_template(
        ws, document, f, [&](std::string_view text) { return render::render_document(text, tree, f); }, ctx);
}

std::string document_bytes(const Workspace& ws, std::string_view document, const std::string& format,
                           const nlohmann::ordered_json& tree, const Context& ctx)
{
    if (format == "json") return tree.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    return render_with_template(ws, document, document_format(format), tree, ctx);
}

SessionFile session_of(const Workspace& ws, const std::string& seance, std::string_view command, const Context& ctx)
{
    const core::Model& model = ws.models.front();
    if (model.standalone)
        throw EnvironmentError(
            core::say(ctx.lang, "quali {} a besoin d'un dépôt (quali.yaml), pas d'un dossier d'organisme seul",
                      "quali {} needs a repository (quali.yaml), not a lone organisation folder", command));
    const auto day = core::parse_iso_date(seance);
    const core::Session* session = day ? core::session_file(model, *day) : nullptr;
    if (session == nullptr) {
        std::error_code ec;
        const std::string file = "comite/seances/" + seance + ".yaml";
        if (day && std::filesystem::exists(ws.roots.front().root.dir / file, ec))
            throw EnvironmentError(core::say(ctx.lang, "{} ne peut pas être lu : voir quali validate {}",
                                             "{} cannot be read: see quali validate {}", file, file));
        throw EnvironmentError(core::unknown_session_message(model, seance, ctx.lang));
    }
    return {*day, session};
}

SessionFile held_session_of(const Workspace& ws, const std::string& seance, std::string_view command,
                            const Context& ctx)
{
    const SessionFile found = session_of(ws, seance, command, ctx);
    if (!found.session->held || found.session->decisions.empty())
        throw EnvironmentError(core::say(
            ctx.lang,
            "la séance du {} n'a pas de décisions : après la séance, saisissez-les dans {} (clé decisions:), "
            "puis relancez quali {}",
            "the session of {} has no decisions: after the session, type them into {} (decisions: key), then "
            "run quali {} again",
            seance, found.session->file, command));
    return found;
}

RepositoryView repository_view(const Workspace& ws)
{
    return {ws.roots.front().root, ws.models.front(), root_relative_diagnostics(ws), ws.unreadable.front()};
}

nlohmann::ordered_json dossier_document_tree(const Workspace& ws, const core::Organisme& o, core::Date as_of,
                                             const Context& ctx)
{
    return dossier_document_tree(repository_view(ws), o, as_of, ctx);
}

nlohmann::ordered_json dossier_document_tree(const RepositoryView& repository, const core::Organisme& o,
                                             core::Date as_of, const Context& ctx)
{
    const core::Model& model = repository.model;
    core::InstructionSheet sheet = core::build_instruction_sheet(model, o, as_of, repository.diagnostics,
                                                                 repository.unreadable, ctx.lang);
    // The visas' state: the pieces' bytes, ssh-keygen and git are this layer's to ask.
    const core::VisaCallbacks visa_io = io::visa_callbacks(repository.root, ctx.lang);
    core::add_candidature_pieces(sheet, model, visa_io);
    nlohmann::ordered_json tree = render::dossier_tree(model, sheet);
    render::add_visas(tree, model, core::visa_reports(model, o, as_of, visa_io));
    return tree;
}

nlohmann::ordered_json agenda_document_tree(const Workspace& ws, const core::Session& session, core::Date day,
                                            core::Date as_of, const Context& ctx, const core::FiledParts* parts)
{
    return agenda_document_tree(repository_view(ws), session, day, as_of, ctx, parts);
}

core::Agenda agenda_of(const RepositoryView& repository, const core::Session& session, core::Date day,
                       core::Date as_of, const Context& ctx, const core::FiledParts* parts)
{
    const core::Model& model = repository.model;
    core::Agenda agenda = core::build_agenda(model, session, day, as_of, repository.diagnostics,
                                             repository.unreadable, ctx.lang, parts);
    // Each dossier's pieces and visa: their bytes, ssh-keygen and git are this layer's to ask.
    core::add_candidature_pieces(agenda, model, io::visa_callbacks(repository.root, ctx.lang));
    return agenda;
}

nlohmann::ordered_json agenda_document_tree(const RepositoryView& repository, const core::Session& session,
                                            core::Date day, core::Date as_of, const Context& ctx,
                                            const core::FiledParts* parts)
{
    return render::agenda_tree(repository.model, agenda_of(repository, session, day, as_of, ctx, parts));
}

core::ValidationCounts validation_counts(const Workspace& ws)
{
    return validation_counts(repository_view(ws));
}

core::ValidationCounts validation_counts(const RepositoryView& repository)
{
    core::ValidationCounts validation;
    for (const core::Organisme& o : repository.model.organismes) {
        const core::ValidationSummary v = core::validation_of(repository.model, o, repository.diagnostics);
        validation[o.slug] = {v.erreurs, v.avertissements};
    }
    return validation;
}

namespace {

// An unknown slug's message lists the repository's organismes up to this many.
constexpr std::size_t max_listed_organismes = 12;

} // namespace

std::string unknown_organisme_message(const core::Model& model, const std::string& slug, core::Lang lang)
{
    std::vector<std::string> known;
    for (const core::Organisme& o : model.organismes)
        known.push_back(o.slug);
    std::string msg = core::say(lang, "organisme inconnu : « {} »", "unknown organisation: \"{}\"", slug);
    if (const auto near = core::closest(slug, known))
        msg += core::say(lang, " (vouliez-vous dire « {} » ?)", " (did you mean \"{}\"?)", *near);
    else if (!known.empty() && known.size() <= max_listed_organismes)
        msg += core::say(lang, " (organismes du dépôt : {})", " (organisations of the repository: {})",
                         fmt::join(known, ", "));
    else if (!known.empty()) // the sector's hundreds of slugs in one line help no one
        msg += core::say(lang, " ({} organismes dans le dépôt : quali status les liste)",
                         " ({} organisations in the repository: quali status lists them)", known.size());
    return msg;
}

} // namespace quali::commands
