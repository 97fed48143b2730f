// SPDX-License-Identifier: EUPL-1.2
#include "commands/modeles.hpp"

#include "quali/core/embedded.hpp"
#include "quali/core/utf8.hpp"
#include "quali/io/atomic_write.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace quali::commands {

namespace fs = std::filesystem;
using core::say;

namespace {

// Columns of a UTF-8 text: its code points (the templates' accents are one column each).
std::size_t width(std::string_view text)
{
    return core::utf8::count(text);
}

// Replaces the {{key}} placeholders of one line of a template.
std::string fill_line(std::string_view line, std::string_view name, const std::map<std::string, std::string>& values)
{
    std::string out;
    while (true) {
        const auto open = line.find("{{");
        out += line.substr(0, open);
        if (open == std::string_view::npos) return out;
        const auto close = line.find("}}", open);
        if (close == std::string_view::npos) throw std::logic_error("modèle " + std::string(name) + " : « {{ » non fermé");
        const std::string key(line.substr(open + 2, close - open - 2));
        const auto it = values.find(key);
        if (it == values.end()) throw std::logic_error("modèle " + std::string(name) + " : valeur manquante pour " + key);
        out += it->second;
        line.remove_prefix(close + 2);
    }
}

} // namespace

std::string fill_modele(std::string_view name, const std::map<std::string, std::string>& values)
{
    const auto text = core::embedded_file(name);
    if (!text) throw std::logic_error("modèle intégré manquant : " + std::string(name));
    std::string out;
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto eol = rest.find('\n');
        const std::string_view line = rest.substr(0, eol);
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
        std::string filled = fill_line(line, name, values);
        // A value longer or shorter than its placeholder keeps the comment in the template's column.
        const auto comment = line.find("  # ");
        const auto last = line.rfind("}}");
        if (filled != line && comment != std::string_view::npos && last != std::string_view::npos && last < comment &&
            filled.find('\n') == std::string::npos) {
            const std::string tail(line.substr(comment + 2));
            const auto at = filled.rfind(tail);
            if (at != std::string::npos) {
                std::string data = filled.substr(0, at);
                while (!data.empty() && data.back() == ' ') data.pop_back();
                const std::size_t column = width(line.substr(0, comment + 2));
                const std::size_t used = width(data);
                data += std::string(used + 1 < column ? column - used : 1, ' ');
                filled = data + tail;
            }
        }
        out += filled;
        if (eol != std::string_view::npos) out += '\n';
    }
    return out;
}

std::string yaml_quoted(std::string_view text)
{
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void create_file(const fs::path& path, std::string_view bytes, const Context& ctx)
{
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
        throw EnvironmentError(say(ctx.lang, "impossible de créer le dossier {} : {}", "cannot create folder {}: {}",
                                   path.parent_path().string(), system_error_text(ec, ctx.lang)));
    if (const std::error_code wec = io::write_file_atomically(path, bytes, false)) {
        if (wec == std::errc::file_exists)
            throw EnvironmentError(say(ctx.lang, "{} existe déjà : quali ne remplace jamais un fichier existant",
                                       "{} already exists: quali never replaces an existing file", path.string()));
        throw EnvironmentError(
            say(ctx.lang, "impossible d'écrire {} : {}", "cannot write {}: {}", path.string(), system_error_text(wec, ctx.lang)));
    }
}

} // namespace quali::commands
