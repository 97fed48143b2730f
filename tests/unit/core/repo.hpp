// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A repository held in memory for the core unit tests: loaded from a folder of tests/data/rules/
// or examples/, edited, and turned into a model without the commands layer.
#include "quali/core/model_builder.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/builtin.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace quali::testing {

using core::Date;

inline Date day(std::string_view iso)
{
    const auto d = core::parse_iso_date(iso);
    REQUIRE(d.has_value());
    return *d;
}

inline std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A repository held in memory: every file (YAML and proofs) by its path from the root. Tests
// load a folder of tests/data/rules/ or examples/, change one thing, and run the rules.
struct Repo {
    std::map<std::string, std::string> files;
    std::string standalone_slug; // set for a lone organisme folder
    bool schema = false;         // the model is told where files fail their schema, as quali validate's is

    static Repo load(const std::filesystem::path& dir)
    {
        Repo r;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
            if (e.is_regular_file())
                r.files[e.path().lexically_relative(dir).generic_string()] = read_file(e.path());
        REQUIRE_FALSE(r.files.empty());
        return r;
    }

    static Repo base() { return load(std::filesystem::path(QUALI_SOURCE_DIR) / "tests/data/rules/_base"); }

    // Replaces the only occurrence of `from` in a file.
    Repo& edit(const std::string& path, std::string_view from, std::string_view to)
    {
        REQUIRE_MESSAGE(files.contains(path), path);
        std::string& text = files[path];
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, path << ": " << from);
        REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, path << ": twice " << from);
        text.replace(at, from.size(), to);
        return *this;
    }

    Repo& add(const std::string& path, std::string text)
    {
        files[path] = std::move(text);
        return *this;
    }

    Repo& rename(const std::string& from, const std::string& to)
    {
        REQUIRE(files.contains(from));
        files[to] = files[from];
        files.erase(from);
        return *this;
    }

    // The folder of one organisme, alone (no repository around it).
    Repo organisme(const std::string& slug) const
    {
        Repo lone;
        lone.standalone_slug = slug;
        const std::string prefix = "organismes/" + slug + "/";
        for (const auto& [path, text] : files)
            if (path.starts_with(prefix)) lone.files[path.substr(prefix.size())] = text;
        return lone;
    }

    // Files listed in `unreadable` are left out, as the loader leaves out a file it cannot parse.
    core::Model model(core::Lang lang = core::Lang::fr, const std::vector<std::string>& unreadable = {}) const
    {
        std::vector<io::ParsedYaml> parsed;
        std::vector<core::ModelInput> inputs;
        inputs.push_back({"", core::Placement{core::FileKind::referentiel, {}}, &io::builtin_framework()});
        parsed.reserve(files.size());
        for (const auto& file : files) {
            // Named, not a structured binding: doctest's macros capture it in a lambda.
            const std::string& path = file.first;
            const std::string& text = file.second;
            const auto placement = standalone_slug.empty() ? core::classify_repository_path(path)
                                                           : core::classify_organisme_path(path);
            if (!placement || std::find(unreadable.begin(), unreadable.end(), path) != unreadable.end())
                continue;
            parsed.push_back(io::parse_yaml(text, lang));
            REQUIRE_MESSAGE(parsed.back().diagnostics.empty(), path);
            inputs.push_back({path, *placement, parsed.back().tree->root()});
            if (schema)
                for (const core::Diagnostic& d :
                     core::check_document(placement->kind, *parsed.back().tree->root(), nullptr, lang))
                    if (d.code.starts_with("Q10")) inputs.back().schema_errors.push_back(d.pos);
        }
        return core::build_model(inputs, standalone_slug);
    }

    // check_rules, after asserting that the two passes of quali validate (each organisme whole,
    // then the repository with each organisme's summary) report exactly the same.
    core::RuleReport check(std::string_view as_of = "2026-06-10", core::Lang lang = core::Lang::fr,
                           const std::vector<std::string>& unreadable = {}) const
    {
        const core::Model whole = model(lang, unreadable);
        core::RuleReport report = core::check_rules(whole, day(as_of), lang, unreadable);
        core::Model summarised = whole;
        for (core::Organisme& o : summarised.organismes)
            o = core::summary(o);
        summarised.index();
        core::RuleReport passes = core::check_repository_rules(summarised, day(as_of), lang, unreadable);
        for (const core::Organisme& o : whole.organismes)
            for (core::Diagnostic& d :
                 core::check_organisme_rules(summarised, o, day(as_of), lang, unreadable))
                passes.diagnostics.push_back(std::move(d));
        core::sort_diagnostics(passes.diagnostics);
        CHECK(messages(passes) == messages(report));
        CHECK(passes.skipped == report.skipped);
        return report;
    }

    core::RuleReport check_unreadable(const std::vector<std::string>& unreadable) const
    {
        return check("2026-06-10", core::Lang::fr, unreadable);
    }

    // "Q301 organismes/x/paa.yaml:7:3 message [notes]" for each diagnostic, in order.
    static std::vector<std::string> messages(const core::RuleReport& r)
    {
        std::vector<std::string> out;
        for (const core::Diagnostic& d : r.diagnostics) {
            std::string line = d.code + " " + d.file + ":" + std::to_string(d.pos.line) + ":" +
                               std::to_string(d.pos.column) + " " + d.message + " | " + d.hint;
            for (const core::Note& n : d.notes)
                line += " [" + n.file + ":" + std::to_string(n.pos.line) + " " + n.message + "]";
            out.push_back(std::move(line));
        }
        return out;
    }
};

} // namespace quali::testing
