#pragma once
// Turns the parsed files of a repository into the typed Model.
#include "quali/core/file_kind.hpp"
#include "quali/core/model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace quali::core {

struct ModelInput {
    std::string path;     // relative to the root; "" for the built-in framework
    Placement placement;
    const Node* root = nullptr;
};

// Answers whether a path cited by an organisme exists inside its folder (the I/O layer).
using ProofExists = std::function<bool(const std::string& folder, const std::string& path)>;

// standalone_slug: the organisme's slug when the root is a lone organisme folder ("" otherwise).
Model build_model(const std::vector<ModelInput>& files, const std::string& standalone_slug,
                  const ProofExists& exists);

} // namespace quali::core
