// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: a small repository in memory whose files come from the input, through the
// whole of quali validate (file checks, model, the label's rules) and the pathway and deadline
// engines behind quali status and quali deadlines.
//
// The input is split on lines "%%" into up to eleven parts; part i replaces the file of
// fuzz::layout_paths()[i] of a small valid repository (tests/data/rules/_base, read once at
// start: QUALI_FUZZ_BASE or the source tree's copy); the first line of the input, when it is
// a date AAAA-MM-JJ, is the reference date.
#include "fuzz_common.hpp"

#include "quali/core/deadlines.hpp"
#include "quali/core/model_builder.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/rules.hpp"
#include "quali/core/text_checks.hpp"
#include "quali/io/yaml_reader.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace {

using namespace quali;

std::vector<std::string> base_files()
{
    const char* env = std::getenv("QUALI_FUZZ_BASE");
    const std::string base = env != nullptr ? env : QUALI_SOURCE_DIR "/tests/data/rules/_base";
    std::vector<std::string> out;
    for (const std::string& rel : fuzz::layout_paths()) {
        std::ifstream in(base + "/" + rel, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        out.push_back(text.str());
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<std::string> base = base_files();
    std::string_view input(reinterpret_cast<const char*>(data), size);
    core::Date as_of = *core::parse_iso_date("2026-06-10");
    if (input.size() >= 11 && input[10] == '\n')
        if (const auto d = core::parse_iso_date(input.substr(0, 10))) {
            as_of = *d;
            input.remove_prefix(11);
        }
    std::vector<std::string> files = base;
    for (std::size_t i = 0; i < files.size() && !input.empty(); ++i) {
        const auto cut = input.find("\n%%\n");
        files[i] = std::string(input.substr(0, cut));
        input = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + 4);
    }

    const auto& paths = fuzz::layout_paths();
    std::vector<std::unique_ptr<core::Tree>> trees;
    std::vector<core::ModelInput> inputs;
    std::vector<std::string> unreadable;
    const fuzz::HashedPaths proofs;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto placement = core::classify_repository_path(paths[i]);
        const core::TextCheck text = core::check_text(files[i], core::Lang::fr);
        const core::Node* root = nullptr;
        if (text.parseable) {
            io::ParsedYaml parsed = io::parse_yaml(text.yaml, core::Lang::fr);
            root = parsed.tree->root();
            trees.push_back(std::move(parsed.tree));
        }
        if (root != nullptr && placement)
            (void)core::check_document(placement->kind, *root, placement->organisme.empty() ? nullptr : &proofs,
                                       core::Lang::fr);
        if (placement && (root == nullptr || !root->is_mapping())) unreadable.push_back(paths[i]);
        if (placement && root != nullptr) inputs.push_back({paths[i], *placement, root});
    }
    const core::Model model = core::build_model(inputs, std::string());
    (void)core::check_rules(model, as_of, core::Lang::fr, unreadable);
    for (const core::Organisme& o : model.organismes) (void)core::pathway(model, o, as_of);
    (void)core::deadlines(model, as_of, std::nullopt, core::Lang::fr);
    (void)core::deadlines(model, as_of, 30, core::Lang::en);
    return 0;
}
