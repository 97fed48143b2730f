// SPDX-License-Identifier: EUPL-1.2
// libFuzzer target: one file's bytes through every file-level check, as quali validate runs
// them: core::check_text, io::parse_yaml, then core::check_document for each kind of file.
// Nothing may crash, hang, leak or trip a sanitizer, whatever the bytes.
#include "fuzz_common.hpp"

#include "quali/core/text_checks.hpp"
#include "quali/core/value_checks.hpp"
#include "quali/io/yaml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace quali;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const core::TextCheck text = core::check_text(bytes, core::Lang::fr);
    if (!text.parseable) return 0;
    const io::ParsedYaml parsed = io::parse_yaml(text.yaml, core::Lang::en);
    const core::Node* root = parsed.tree->root();
    if (root == nullptr) return 0;
    const fuzz::HashedPaths proofs;
    for (const core::Placement& placement : fuzz::placements())
        (void)core::check_document(placement.kind, *root, &proofs, core::Lang::fr);
    return 0;
}
