// SPDX-License-Identifier: EUPL-1.2
// CLI11's own texts in the user's language: a formatter with French headings, its labels and
// type names, and the translation of the parse errors it words in English.
#include "commands/help.hpp"

#include <memory>
#include <regex>
#include <utility>
#include <vector>

namespace quali::commands {

namespace {

// CLI11's layout with French typography: a space before the colon of each heading.
class FrenchFormatter : public CLI::Formatter {
  public:
    std::string make_group(std::string group, bool is_positional,
                           std::vector<const CLI::Option*> opts) const override
    {
        std::string out = "\n" + group + " :\n";
        for (const CLI::Option* opt : opts)
            out += make_option(opt, is_positional);
        return out;
    }

    std::string make_usage(const CLI::App* app, std::string name) const override
    {
        return spaced(CLI::Formatter::make_usage(app, std::move(name)), get_label("Usage") + ":");
    }

    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override
    {
        return spaced(CLI::Formatter::make_subcommands(app, mode), "\n" + app->get_group() + ":\n");
    }

  private:
    // The text with each `heading` (ending in ':') given its space before the colon.
    static std::string spaced(std::string text, const std::string& heading)
    {
        std::string french = heading;
        french.insert(heading.rfind(':'), " ");
        for (std::size_t at = text.find(heading); at != std::string::npos;
             at = text.find(heading, at + french.size()))
            text.replace(at, heading.size(), french);
        return text;
    }
};

} // namespace

void localize_help(CLI::App& app, core::Lang lang)
{
    // Groups: options and subcommands inherit these from the app they are added to.
    app.option_defaults()->group("Options");
    app.group(tr(lang, "Sous-commandes", "Subcommands"));
    if (lang == core::Lang::en) return;
    app.formatter(std::make_shared<FrenchFormatter>());
    const auto fmt = app.get_formatter();
    for (const auto& [english, french] : std::initializer_list<std::pair<const char*, const char*>>{
             {"Usage", "Utilisation"},
             {"OPTIONS", "OPTIONS"},
             {"Positionals", "Arguments"},
             {"SUBCOMMAND", "SOUS-COMMANDE"},
             {"SUBCOMMANDS", "SOUS-COMMANDES"},
             {"REQUIRED", "OBLIGATOIRE"},
             {"Env", "Variable"},
             {"Needs", "Exige"},
             {"Excludes", "Exclut"},
             {"TEXT", "TEXTE"},
             {"INT", "ENTIER"},
             {"UINT", "ENTIER"},
             {"FLOAT", "NOMBRE"},
         })
        fmt->label(english, french);
}

std::string parse_error_message(const CLI::ParseError& e, const CLI::App& app, std::string_view first,
                                core::Lang lang)
{
    using core::say;
    const std::string what = e.what();
    if (what == "A subcommand is required") {
        if (!first.empty() &&
            app.get_subcommands([&](const CLI::App* c) { return c->get_name() == first; }).empty())
            return say(lang, "commande inconnue : « {} » (quali --help les liste)",
                       "unknown command: \"{}\" (quali --help lists them)", first);
        return say(lang, "une commande est attendue (quali --help les liste)",
                   "a command is expected (quali --help lists them)");
    }
    if (lang == core::Lang::en) return what;
    static const std::vector<std::pair<std::regex, std::string>> forms{
        {std::regex("^The following argument was not expected: (.*)$"), "argument inattendu : $1"},
        {std::regex("^The following arguments were not expected: (.*)$"), "arguments inattendus : $1"},
        {std::regex("^(\\S+) is required$"), "$1 est obligatoire"},
        {std::regex("^(\\S+): [0-9]+ required \\S+ missing$"), "$1 : valeur manquante"},
        {std::regex("^(\\S+): (.*) not in (\\{.*\\})$"), "$1 : « $2 » n'est pas une valeur permise $3"},
        {std::regex("^Could not convert: (\\S+) = (.*)$"), "$1 : « $2 » n'est pas une valeur valide"},
        {std::regex("^(\\S+) excludes (\\S+)$"), "$1 et $2 s'excluent"},
    };
    for (const auto& [form, french] : forms)
        if (std::regex_match(what, form)) return std::regex_replace(what, form, french);
    return what;
}

} // namespace quali::commands
