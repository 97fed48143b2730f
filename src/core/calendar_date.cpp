// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/calendar_date.hpp"

#include <array>
#include <fmt/format.h>

namespace quali::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits(std::string_view s)
{
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

} // namespace

bool has_iso_date_shape(std::string_view t)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!is_digit(t[i])) return false;
    return true;
}

namespace {

// The calendar day text names, whatever its year; nullopt when it has not the shape or does not exist.
std::optional<date::year_month_day> calendar_day(std::string_view t)
{
    if (!has_iso_date_shape(t)) return std::nullopt;
    const date::year_month_day ymd{date::year{digits(t.substr(0, 4))},
                                   date::month{static_cast<unsigned>(digits(t.substr(5, 2)))},
                                   date::day{static_cast<unsigned>(digits(t.substr(8, 2)))}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

bool in_range(const date::year_month_day& ymd)
{
    const int year = static_cast<int>(ymd.year());
    return year >= first_year && year <= last_year;
}

} // namespace

std::optional<Date> parse_iso_date(std::string_view t)
{
    const auto ymd = calendar_day(t);
    if (!ymd || !in_range(*ymd)) return std::nullopt;
    return Date{*ymd};
}

bool iso_date_out_of_range(std::string_view t)
{
    const auto ymd = calendar_day(t);
    return ymd && !in_range(*ymd);
}

std::string iso(Date d)
{
    const date::year_month_day ymd{d};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string long_date(Date d, Lang lang)
{
    static constexpr std::array<std::string_view, 12> fr{
        "janvier", "février", "mars",      "avril",   "mai",      "juin",
        "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    static constexpr std::array<std::string_view, 12> en{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    const date::year_month_day ymd{d};
    const unsigned day = static_cast<unsigned>(ymd.day());
    const auto& names = lang == Lang::en ? en : fr;
    const std::string_view month = names[static_cast<unsigned>(ymd.month()) - 1];
    if (lang == Lang::fr && day == 1)
        return fmt::format("1er {} {}", month, static_cast<int>(ymd.year()));
    return fmt::format("{} {} {}", day, month, static_cast<int>(ymd.year()));
}

std::string long_period(Date from, Date to, Lang lang)
{
    std::string first = long_date(from, lang);
    if (date::year_month_day{from}.year() == date::year_month_day{to}.year()) first.erase(first.rfind(' '));
    return say(lang, "du {} au {}", "from {} to {}", first, long_date(to, lang));
}

Date add_months(Date d, int n)
{
    const date::year_month_day ymd{d};
    const date::year_month ym = date::year_month{ymd.year(), ymd.month()} + date::months{n};
    const date::year_month_day_last last{ym.year(), date::month_day_last{ym.month()}};
    const date::day day = ymd.day() > last.day() ? last.day() : ymd.day();
    return Date{date::year_month_day{ym.year(), ym.month(), day}};
}

} // namespace quali::core
