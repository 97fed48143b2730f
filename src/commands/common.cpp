// SPDX-License-Identifier: EUPL-1.2
// What subcommands share: the reference date and the options several of them declare.
#include "commands/command.hpp"

#include "quali/core/calendar_date.hpp"

#include <utility>

namespace quali::commands {

date::sys_days resolve_as_of(const std::optional<std::string>& as_of, const Context& ctx)
{
    if (!as_of) return ctx.today;
    if (const auto d = core::parse_iso_date(*as_of)) return *d;
    throw EnvironmentError(core::say(ctx.lang, "--as-of : « {} » n'est pas une date AAAA-MM-JJ existante",
                                     "--as-of: \"{}\" is not an existing YYYY-MM-DD date", *as_of));
}

std::string system_error_text(const std::error_code& ec, core::Lang lang)
{
    const bool from_system =
        ec.category() == std::generic_category() || ec.category() == std::system_category();
    if (lang == core::Lang::en || !from_system) return ec.message();
    switch (static_cast<std::errc>(ec.value())) {
    case std::errc::no_such_file_or_directory:
        return "fichier ou dossier introuvable";
    case std::errc::permission_denied:
    case std::errc::operation_not_permitted:
        return "permission refusée";
    case std::errc::file_exists:
        return "le fichier existe déjà";
    case std::errc::no_space_on_device:
        return "plus de place sur le disque";
    case std::errc::read_only_file_system:
        return "système de fichiers en lecture seule";
    case std::errc::not_a_directory:
        return "un élément du chemin n'est pas un dossier";
    case std::errc::is_a_directory:
        return "c'est un dossier";
    case std::errc::filename_too_long:
        return "nom de fichier trop long";
    case std::errc::too_many_symbolic_link_levels:
        return "trop de liens symboliques";
    case std::errc::io_error:
        return "erreur d'entrée-sortie";
    case std::errc::directory_not_empty:
        return "dossier non vide";
    default:
        return ec.message();
    }
}

CLI::Option* add_as_of_option(CLI::App& sub, std::optional<std::string>& as_of, core::Lang lang)
{
    return sub
        .add_option("--as-of", as_of,
                    tr(lang, "Date de référence AAAA-MM-JJ pour les règles datées (défaut : aujourd'hui)",
                       "Reference date YYYY-MM-DD for the dated rules (default: today)"))
        ->type_name(tr(lang, "AAAA-MM-JJ", "YYYY-MM-DD"));
}

CLI::Option* add_repository_option(CLI::App& sub, std::string& depot, core::Lang lang,
                                   const std::string& names)
{
    return sub
        .add_option(names, depot,
                    tr(lang, "Racine du dépôt (défaut : trouvée en remontant depuis le dossier courant)",
                       "Root of the repository (default: found by walking up from the current folder)"))
        ->type_name(tr(lang, "DOSSIER", "FOLDER"));
}

CLI::Option* add_output_option(CLI::App& sub, std::string& output, core::Lang lang)
{
    return sub
        .add_option("-o,--output", output,
                    tr(lang, "Écrire dans FICHIER (atomiquement) au lieu de la sortie standard",
                       "Write to FILE (atomically) instead of standard output"))
        ->type_name(tr(lang, "FICHIER", "FILE"));
}

CLI::Option* add_force_flag(CLI::App& sub, bool& force, core::Lang lang)
{
    return sub.add_flag("--force", force,
                        tr(lang, "Remplacer FICHIER s'il existe déjà", "Replace FILE if it already exists"));
}

CLI::Option* add_format_option(CLI::App& sub, std::string& format, std::vector<std::string> formats,
                               const std::string& help)
{
    return sub.add_option("--format", format, help)
        ->check(CLI::IsMember(std::move(formats)))
        ->type_name("FORMAT");
}

CLI::Option* add_document_options(CLI::App& sub, std::string& format, std::string& output, bool& force,
                                  std::string& depot, core::Lang lang)
{
    CLI::Option* option = add_format_option(sub, format, {"md", "html", "json"},
                                            tr(lang, "Format de sortie : md (Markdown, défaut), html ou json",
                                               "Output format: md (Markdown, default), html or json"));
    add_output_option(sub, output, lang);
    add_force_flag(sub, force, lang);
    add_repository_option(sub, depot, lang);
    return option;
}

} // namespace quali::commands
