// SPDX-License-Identifier: EUPL-1.2
// Public holidays of France by zone, and working-day arithmetic.
//
// Sources. The list is the Code du travail's: art. L3133-1 (the eleven national holidays),
// L3134-13 (Alsace-Moselle: Good Friday and 26 December) and L3422-2 (overseas: the day
// commemorating the abolition of slavery, loi n° 83-550 du 30 juin 1983, dates fixed by décret
// n° 83-1003 du 23 novembre 1983 and décret n° 2012-553). Historical start years of the national
// holidays follow python-holidays (France, the version Debian 12 ships, 0.10.1), which
// tests/e2e/test_feries.py compares against; the overseas days follow the government's list
// (data.gouv.fr « Jours fériés en France », etalab/jours-feries-france). Where those two
// disagree the law decides; each such choice is noted below and in the end-to-end test.
#include "quali/core/holidays.hpp"

#include <algorithm>
#include <array>

namespace quali::core {

namespace {

constexpr std::array<std::string_view, 9> zone_spellings{
    "metropole",  "alsace-moselle", "guadeloupe",       "martinique",   "guyane",
    "la-reunion", "mayotte",        "saint-barthelemy", "saint-martin",
};

// Floor division and modulo, so that the Easter computation is defined for every year.
int floor_div(int a, int b)
{
    const int q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int floor_mod(int a, int b)
{
    return a - b * floor_div(a, b);
}

Date make_date(int year, unsigned month, unsigned day)
{
    return Date{date::year{year} / date::month{month} / date::day{day}};
}

int year_of(Date d)
{
    return static_cast<int>(date::year_month_day{d}.year());
}

// The day commemorating the abolition of slavery, if the zone has one that year.
// - Guadeloupe, Martinique, Guyane, Mayotte: since the loi of 30 June 1983 (data.gouv.fr
//   counts 1983 itself); La Réunion already since 1981, as both references have it.
// - Saint-Barthélemy and Saint-Martin were communes of Guadeloupe until 2007 and kept its
//   27 May until décret 2012-553 gave them their own dates (9 October, 27 May). Both
//   references list Saint-Barthélemy's 9 October for those years too: we follow the decree.
// - Saint-Martin: 28 May since 2018 (the prefecture's application of L3422-2 after the
//   collectivity's 2015 deliberation, confirmed by decree since); python-holidays 0.10.1
//   still has 27 May, data.gouv.fr has 28 May.
std::optional<date::month_day> abolition_of_slavery(int year, Zone zone)
{
    using date::month_day;
    if (zone == Zone::la_reunion) {
        if (year >= 1981) return month_day{date::December, date::day{20}};
        return std::nullopt;
    }
    if (year < 1983) return std::nullopt;
    switch (zone) {
    case Zone::guadeloupe:
        return month_day{date::May, date::day{27}};
    case Zone::martinique:
        return month_day{date::May, date::day{22}};
    case Zone::guyane:
        return month_day{date::June, date::day{10}};
    case Zone::mayotte:
        return month_day{date::April, date::day{27}};
    case Zone::saint_barthelemy:
        if (year >= 2012) return month_day{date::October, date::day{9}};
        return month_day{date::May, date::day{27}};
    case Zone::saint_martin:
        if (year >= 2018) return month_day{date::May, date::day{28}};
        return month_day{date::May, date::day{27}};
    default:
        return std::nullopt;
    }
}

// Calls add(date, name) for every holiday of the year, in no particular order. One rule
// list serves both holidays() and the allocation-free is_holiday().
template <typename Add> void for_each_holiday(int year, Zone zone, Add&& add)
{
    const Date easter = easter_sunday(year);
    const bool alsace = zone == Zone::alsace_moselle;

    add(make_date(year, 1, 1), "Jour de l'an");
    // Good Friday is a legal holiday only in Alsace-Moselle (L3134-13; strictly, in its
    // communes with a Protestant or mixed church, applied everywhere in practice). In the
    // Antilles and Guyane it is a custom or a collective agreement, not the law:
    // python-holidays 0.10.1 lists it for Guadeloupe, Martinique and Guyane, data.gouv.fr does not.
    if (alsace) add(easter - date::days{2}, "Vendredi saint");
    add(easter + date::days{1}, "Lundi de Pâques");
    // A one-off day off in 1919; python-holidays and data.gouv.fr count from 1920.
    if (year >= 1920) add(make_date(year, 5, 1), "Fête du Travail");
    // Holiday from the loi of 20 March 1953, removed in 1959, restored by the loi of 2 October 1981.
    if ((year >= 1953 && year <= 1959) || year >= 1982) add(make_date(year, 5, 8), "Victoire 1945");
    add(easter + date::days{39}, "Ascension");
    // Still a legal holiday in 2005–2007, when it was by default the « journée de solidarité ».
    add(easter + date::days{50}, "Lundi de Pentecôte");
    add(make_date(year, 7, 14), "Fête nationale");
    add(make_date(year, 8, 15), "Assomption");
    add(make_date(year, 11, 1), "Toussaint");
    if (year >= 1918) add(make_date(year, 11, 11), "Armistice 1918");
    add(make_date(year, 12, 25), "Noël");
    if (alsace) add(make_date(year, 12, 26), "Saint-Étienne");
    // Victor Schœlcher day (21 July, Guadeloupe and Martinique) is not in the Code du travail
    // and not in data.gouv.fr's list, though python-holidays 0.10.1 has it: left out.
    if (const auto md = abolition_of_slavery(year, zone))
        add(Date{date::year{year} / md->month() / md->day()}, "Abolition de l'esclavage");
}

// The earliest and latest dates the day-by-day loops may reach (the AAAA-MM-JJ range), so
// that they stop even on absurd inputs.
const Date lowest_date = make_date(1, 1, 1);
const Date highest_date = make_date(9999, 12, 31);

Date clamp_date(Date d)
{
    return std::clamp(d, lowest_date, highest_date);
}

bool is_weekday(Date d)
{
    return date::weekday{d}.iso_encoding() <= 5;
}

} // namespace

std::optional<Zone> parse_zone(std::string_view text)
{
    for (std::size_t i = 0; i < zone_spellings.size(); ++i)
        if (zone_spellings[i] == text) return static_cast<Zone>(i);
    return std::nullopt;
}

std::string_view zone_name(Zone zone)
{
    const auto i = static_cast<std::size_t>(zone);
    return i < zone_spellings.size() ? zone_spellings[i] : std::string_view{};
}

const std::vector<std::string_view>& zone_names()
{
    static const std::vector<std::string_view> names(zone_spellings.begin(), zone_spellings.end());
    return names;
}

Date easter_sunday(int year)
{
    const int a = floor_mod(year, 19);
    const int b = floor_div(year, 100);
    const int c = floor_mod(year, 100);
    const int d = floor_div(b, 4);
    const int e = floor_mod(b, 4);
    const int f = floor_div(b + 8, 25);
    const int g = floor_div(b - f + 1, 3);
    const int h = floor_mod(19 * a + b - d - g + 15, 30);
    const int i = floor_div(c, 4);
    const int k = floor_mod(c, 4);
    const int l = floor_mod(32 + 2 * e + 2 * i - h - k, 7);
    const int m = floor_div(a + 11 * h + 22 * l, 451);
    // h, l and m keep this between 114 (22 March) and 148 (25 April).
    const int n = h + l - 7 * m + 114;
    return make_date(year, static_cast<unsigned>(n / 31), static_cast<unsigned>(n % 31 + 1));
}

std::vector<Holiday> holidays(int year, Zone zone)
{
    std::vector<Holiday> out;
    out.reserve(14);
    for_each_holiday(year, zone, [&](Date d, std::string_view name) {
        out.push_back({d, std::string(name)});
    });
    std::stable_sort(out.begin(), out.end(),
                     [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
    return out;
}

bool is_holiday(Date d, Zone zone)
{
    bool found = false;
    for_each_holiday(year_of(d), zone, [&](Date h, std::string_view) { found = found || h == d; });
    return found;
}

bool is_working_day(Date d, Zone zone)
{
    return is_weekday(d) && !is_holiday(d, zone);
}

Date subtract_working_days(Date from, int n, Zone zone)
{
    if (n < 0) return add_working_days(from, n < -max_day_count ? max_day_count : -n, zone);
    n = std::min(n, max_day_count);
    Date d = clamp_date(from);
    while (n > 0 && d > lowest_date) {
        d -= date::days{1};
        if (is_working_day(d, zone)) --n;
    }
    return n == 0 ? d : lowest_date;
}

Date add_working_days(Date from, int n, Zone zone)
{
    if (n < 0) return subtract_working_days(from, n < -max_day_count ? max_day_count : -n, zone);
    n = std::min(n, max_day_count);
    Date d = clamp_date(from);
    while (n > 0 && d < highest_date) {
        d += date::days{1};
        if (is_working_day(d, zone)) --n;
    }
    return n == 0 ? d : highest_date;
}

int working_days_between(Date a, Date b, Zone zone)
{
    if (b < a) return -working_days_between(b, a, zone);
    a = clamp_date(a);
    b = clamp_date(b);
    if (b <= a) return 0;
    // Weekdays by whole weeks plus the remainder, then minus the holidays on weekdays, year by
    // year: no loop runs longer than the years spanned.
    const int span = (b - a).count();
    int count = span / 7 * 5;
    for (Date d = a + date::days{span / 7 * 7}; d < b; d += date::days{1})
        if (is_weekday(d)) ++count;
    for (int y = year_of(a); y <= year_of(b - date::days{1}); ++y) {
        std::vector<Date> days;
        for_each_holiday(y, zone, [&](Date h, std::string_view) {
            if (h >= a && h < b && is_weekday(h)) days.push_back(h);
        });
        std::sort(days.begin(), days.end());
        count -= static_cast<int>(std::unique(days.begin(), days.end()) - days.begin());
    }
    return count;
}

Window filing_window(Date session, int days, Counting counting, Zone zone)
{
    days = std::clamp(days, 1, max_day_count);
    if (counting == Counting::calendar) return {session - date::days{days}, session - date::days{1}};
    // "S−15 to S−1" counted in working days: the window is the N working days before S.
    return {subtract_working_days(session, days, zone), subtract_working_days(session, 1, zone)};
}

} // namespace quali::core
