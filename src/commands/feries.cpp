// SPDX-License-Identifier: EUPL-1.2
// quali feries ANNEE [--jusqu-a ANNEE] [--zone Z] [--format text|json]: the public holidays
// the working-day count uses, so that a référent can check them against the official list.
#include "commands/registry.hpp"
#include "quali/core/holidays.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace quali::commands {

namespace {

struct FeriesOptions {
    std::string year;
    std::string last_year;  // --jusqu-a: "" for the one year
    std::string zone = "metropole";
    std::string format = "text";
};

// Read as text so that "abc", "-3" or "99999999999" all get the same clear message.
std::optional<int> parse_year(const std::string& text)
{
    int year = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, year);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    if (year < core::first_holiday_year || year > core::last_holiday_year) return std::nullopt;
    return year;
}

std::string_view weekday_name(core::Date d, core::Lang lang)
{
    static constexpr std::array<std::string_view, 7> fr{"lundi",    "mardi",  "mercredi", "jeudi",
                                                        "vendredi", "samedi", "dimanche"};
    static constexpr std::array<std::string_view, 7> en{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                        "Friday", "Saturday", "Sunday"};
    const unsigned i = date::weekday{d}.iso_encoding() - 1;
    return lang == core::Lang::en ? en[i] : fr[i];
}

// Weekday column wide enough for the language's longest name, plus two spaces.
std::size_t weekday_width(core::Lang lang)
{
    return lang == core::Lang::en ? 11 : 10;
}

int year_option(const std::string& text, std::string_view option, const Context& ctx)
{
    const auto year = parse_year(text);
    if (!year)
        throw EnvironmentError(core::say(ctx.lang, "{}année invalide : « {} » (attendu : de {} à {})",
                                         "{}invalid year: \"{}\" (expected: {} to {})", option, text,
                                         core::first_holiday_year, core::last_holiday_year));
    return *year;
}

int run_feries(const FeriesOptions& opts, const Context& ctx)
{
    const int first = year_option(opts.year, "", ctx);
    const int last = opts.last_year.empty() ? first : year_option(opts.last_year, "--jusqu-a : ", ctx);
    if (last < first)
        throw EnvironmentError(core::say(ctx.lang, "--jusqu-a {} est avant l'année {}", "--jusqu-a {} is before year {}",
                                         last, first));
    const auto zone = core::parse_zone(opts.zone);
    if (!zone)
        throw EnvironmentError(
            core::say(ctx.lang, "zone inconnue : « {} »", "unknown zone: \"{}\"", opts.zone));

    std::vector<core::Holiday> list;
    for (int year = first; year <= last; ++year) {
        const auto one = core::holidays(year, *zone);
        list.insert(list.end(), one.begin(), one.end());
    }
    if (opts.format == "json") {
        auto out = nlohmann::ordered_json::array();
        for (const auto& h : list)
            out.push_back({{"date", core::iso(h.date)}, {"nom", h.name}});
        ctx.out << out.dump(2) << '\n';
        return 0;
    }
    const std::size_t width = weekday_width(ctx.lang);
    for (const auto& h : list)
        ctx.out << fmt::format("{}  {:<{}}{}\n", core::iso(h.date), weekday_name(h.date, ctx.lang), width,
                               h.name);
    return 0;
}

} // namespace

void add_feries(CLI::App& app, Runner& runner, core::Lang lang)
{
    auto opts = std::make_shared<FeriesOptions>();
    CLI::App* sub = app.add_subcommand(
        "feries", tr(lang,
                     "Lister les jours fériés d'une année dans une zone (ceux que compte le décompte en jours "
                     "ouvrés)",
                     "List the public holidays of a year in a zone (those the working-day count skips)"));
    const std::string year = tr(lang, "ANNEE", "YEAR");
    sub->add_option(year, opts->year, tr(lang, "Année, de 1900 à 2200", "Year, from 1900 to 2200"))
        ->required()
        ->type_name(year);
    sub->add_option("--jusqu-a", opts->last_year,
                    tr(lang, "Dernière année d'une période allant de l'année ANNEE à celle-ci, toutes deux incluses",
                       "Last year of a period (from YEAR to this one, both included)"))
        ->type_name(year);
    static const std::vector<std::string> zones(core::zone_names().begin(), core::zone_names().end());
    sub->add_option("--zone", opts->zone,
                    tr(lang, "Zone des jours fériés (défaut : metropole)", "Zone of the holidays (default: metropole)"))
        ->check(CLI::IsMember(zones))
        ->type_name("ZONE");
    add_format_option(*sub, opts->format, {"text", "json"},
                      tr(lang, "Format de sortie : text (défaut) ou json", "Output format: text (default) or json"));
    sub->callback(
        [opts, &runner] { runner = [opts](const Context& ctx) { return run_feries(*opts, ctx); }; });
}

} // namespace quali::commands
