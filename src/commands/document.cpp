// SPDX-License-Identifier: EUPL-1.2
// Rendering a committee document with the repository's template or the built-in one, and the
// template errors in the user's language.
#include "commands/document.hpp"

#include <optional>

namespace quali::commands {

render::DocumentFormat document_format(const std::string& format)
{
    return format == "html" ? render::DocumentFormat::html : render::DocumentFormat::markdown;
}

std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const std::function<std::string(std::string_view)>& render,
                                 const Context& ctx)
{
    const std::string name = render::template_name(document, f);
    const std::optional<std::string> own = repository_template(ws, name, ctx);
    const std::string text = own ? *own : std::string(render::builtin_template(name).value_or(""));
    try {
        return render(text);
    } catch (const render::TemplateError& e) {
        // The renderer words its errors in French; the check says why in the user's language,
        // and a failure while rendering keeps only mustache's own (English) detail.
        std::string why = render::check_template(text, ctx.lang);
        if (why.empty()) {
            std::string_view detail = e.what();
            constexpr std::string_view french = "erreur de rendu mustache : ";
            if (detail.starts_with(french)) detail.remove_prefix(french.size());
            why =
                core::say(ctx.lang, "erreur de rendu mustache : {}", "mustache rendering error: {}", detail);
        }
        throw EnvironmentError(
            core::say(ctx.lang, "modèle {}{} : {}", "template {}{}: {}", own ? "modeles/" : "", name, why));
    }
}

std::string render_with_template(const Workspace& ws, std::string_view document, render::DocumentFormat f,
                                 const nlohmann::ordered_json& tree, const Context& ctx)
{
    return render_with_template(
        ws, document, f, [&](std::string_view text) { return render::render_document(text, tree, f); }, ctx);
}

} // namespace quali::commands
