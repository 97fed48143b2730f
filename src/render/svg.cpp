// SPDX-License-Identifier: EUPL-1.2
#include "quali/render/svg.hpp"

#include "quali/core/lang.hpp"
#include "quali/core/utf8.hpp"
#include "quali/render/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace quali::render {

namespace {

constexpr double width = 680;
constexpr const char* green = "#2e7d32";
constexpr const char* red = "#c62828";
constexpr const char* blue = "#1f4e79";
constexpr const char* grey = "#6b7785";

// The opening tag, the accessible title and the white frame every chart has.
std::string open_svg(double height, std::string_view title, std::string_view id)
{
    std::string out = fmt::format(
        "<svg class=\"graphique\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
        "aria-labelledby=\"{2}\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" "
        "font-size=\"12\">\n",
        svg_number(width), svg_number(height), id);
    out += fmt::format("<title id=\"{}\">{}</title>\n", id, svg_escape(title));
    out += fmt::format("<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#c8d3e0\"/>\n",
                       svg_number(width - 1), svg_number(height - 1));
    return out;
}

std::string rect(double x, double y, double w, double h, std::string_view fill)
{
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>", svg_number(x),
                       svg_number(y), svg_number(w), svg_number(h), fill);
}

std::string text(double x, double y, std::string_view content, std::string_view anchor = "start",
                 std::string_view extra = "")
{
    return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}{}>{}</text>", svg_number(x), svg_number(y),
                       anchor, extra.empty() ? "" : " ", extra, svg_escape(content));
}

// The length of a bar for a value on a scale whose largest value fills `room`.
double bar_length(int value, int largest, double room)
{
    if (value <= 0 || largest <= 0) return 0;
    return std::max(2.0, room * value / largest);
}

constexpr std::string_view month_names[] = {"janv.", "févr.", "mars", "avr.", "mai", "juin",
                                            "juil.", "août", "sept.", "oct.", "nov.", "déc."};

} // namespace

std::string svg_escape(std::string_view s)
{
    // HTML escaping, with tabs and line breaks flattened: an SVG <text> is one line.
    std::string out = html_escape(s);
    for (char& c : out)
        if (c == '\t' || c == '\n') c = ' ';
    return out;
}

std::string svg_number(double value)
{
    if (!std::isfinite(value)) return "0";
    std::string s = fmt::format("{:.1f}", value);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s;
}

std::string utf8_truncate(std::string_view s, std::size_t max_chars)
{
    const std::size_t kept = core::utf8::prefix_size(s, max_chars);
    return kept < s.size() ? std::string(s.substr(0, kept)) + "…" : std::string(s);
}

std::string svg_theme_bars(const std::vector<ThemeBar>& themes, std::string_view title)
{
    constexpr double top = 40, row = 38, label_x = 12, bar_x = 290, room = 340;
    const double height = themes.empty() ? 80 : top + row * static_cast<double>(themes.size()) + 12;
    std::string out = open_svg(height, title, "graphique-themes");
    // Legend.
    out += rect(bar_x, 14, 12, 12, green) + text(bar_x + 18, 24, "Points forts") + "\n";
    out += rect(bar_x + 130, 14, 12, 12, red) + text(bar_x + 148, 24, "Points d'alerte") + "\n";
    if (themes.empty()) {
        out += text(width / 2, 60, "Aucun résultat d'audit dans la période", "middle", "fill=\"#555555\"") + "\n";
        return out + "</svg>";
    }
    int largest = 0;
    for (const ThemeBar& t : themes)
        largest = std::max({largest, t.points_forts, t.points_alerte});
    for (std::size_t i = 0; i < themes.size(); ++i) {
        const ThemeBar& t = themes[i];
        const double y = top + row * static_cast<double>(i);
        out += "<g>";
        out += fmt::format("<title>{}</title>", svg_escape(fmt::format(
                               "{} : {}, {}", t.label,
                               core::count_of(core::Lang::fr, t.points_forts, "point fort", "points forts"),
                               core::count_of(core::Lang::fr, t.points_alerte, "point d'alerte", "points d'alerte"))));
        out += text(label_x, y + 20, utf8_truncate(t.label, 42), "start", "font-size=\"11\"");
        const double strong = bar_length(t.points_forts, largest, room);
        const double alert = bar_length(t.points_alerte, largest, room);
        out += rect(bar_x, y + 3, strong, 14, green);
        out += text(bar_x + strong + 5, y + 14, std::to_string(t.points_forts), "start", "font-size=\"11\"");
        out += rect(bar_x, y + 19, alert, 14, red);
        out += text(bar_x + alert + 5, y + 30, std::to_string(t.points_alerte), "start", "font-size=\"11\"");
        out += "</g>\n";
    }
    return out + "</svg>";
}

std::string svg_funnel(const std::vector<FunnelStage>& stages, std::string_view title)
{
    constexpr double top = 14, row = 46, bar_h = 36, centre = 410, room = 400;
    const double height = top + row * static_cast<double>(std::max<std::size_t>(stages.size(), 1)) + 6;
    std::string out = open_svg(height, title, "graphique-entonnoir");
    int largest = 0;
    for (const FunnelStage& s : stages)
        largest = std::max(largest, s.value);
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const FunnelStage& s = stages[i];
        const double y = top + row * static_cast<double>(i);
        const double w = bar_length(s.value, largest, room);
        out += "<g>";
        out += text(12, y + bar_h / 2 + 4, utf8_truncate(s.label, 24));
        // A faint full-width track shows the scale even for an empty stage.
        out += rect(centre - room / 2, y, room, bar_h, "#eef2f7");
        out += rect(centre - w / 2, y, w, bar_h, blue);
        out += text(width - 14, y + bar_h / 2 + 5, std::to_string(s.value), "end", "font-weight=\"bold\"");
        out += "</g>\n";
    }
    return out + "</svg>";
}

std::string svg_timeline(int year, const std::vector<TimelineSession>& sessions, std::string_view title)
{
    constexpr double height = 180, left = 40, right = 650, base = 130, tallest = 86;
    const core::Date jan1 = date::sys_days{date::year{year} / 1 / 1};
    const core::Date next = date::sys_days{date::year{year + 1} / 1 / 1};
    const double days = static_cast<double>((next - jan1).count());
    const auto x_of = [&](core::Date d) {
        return left + (right - left) * static_cast<double>((d - jan1).count()) / days;
    };
    std::string out = open_svg(height, title, "graphique-seances");
    // Months: a tick at each first day, the name in the middle of the month.
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", svg_number(left),
                       svg_number(base), svg_number(right), svg_number(base), grey);
    for (int m = 1; m <= 12; ++m) {
        const core::Date first = date::sys_days{date::year{year} / m / 1};
        const core::Date after = m == 12 ? next : core::Date{date::sys_days{date::year{year} / (m + 1) / 1}};
        const double x = x_of(first);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>", svg_number(x),
                           svg_number(base), svg_number(base + 5), grey);
        out += text((x + x_of(after)) / 2, base + 18, month_names[m - 1], "middle", "font-size=\"11\" fill=\"#333333\"");
        out += "\n";
    }
    int largest = 1;
    for (const TimelineSession& s : sessions)
        largest = std::max(largest, s.decisions);
    for (const TimelineSession& s : sessions) {
        if (s.date < jan1 || s.date >= next) continue;
        const double x = x_of(s.date);
        const date::year_month_day ymd{s.date};
        const std::string day = fmt::format("{:02}/{:02}", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()));
        out += "<g>";
        if (s.held) {
            const double h = std::max(4.0, tallest * s.decisions / largest);
            out += fmt::format("<title>{}</title>", svg_escape(fmt::format(
                               "Séance du {} : {}", core::iso(s.date),
                               core::count_of(core::Lang::fr, s.decisions, "décision", "décisions"))));
            out += rect(x - 8, base - h, 16, h, blue);
            out += text(x, base - h - 5, std::to_string(s.decisions), "middle", "font-weight=\"bold\"");
        } else {
            out += fmt::format("<title>{}</title>", svg_escape(fmt::format("Séance prévue le {}", core::iso(s.date))));
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"none\" stroke=\"{}\" "
                               "stroke-dasharray=\"3 2\"/>",
                               svg_number(x - 8), svg_number(base - 16), blue);
            out += text(x, base - 22, "prévue", "middle", "font-size=\"10\" fill=\"#555555\"");
        }
        out += text(x, base + 36, day, "middle", "font-size=\"10\"");
        out += "</g>\n";
    }
    if (sessions.empty())
        out += text(width / 2, 60, "Aucune séance du comité dans la période", "middle", "fill=\"#555555\"") + "\n";
    return out + "</svg>";
}

} // namespace quali::render
