// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Turns the parsed files of a repository into the typed Model.
#include "quali/core/file_kind.hpp"
#include "quali/core/model.hpp"

#include <map>
#include <string>
#include <vector>

namespace quali::core {

struct ModelInput {
    std::string path;     // relative to the root; "" for the built-in framework
    Placement placement;
    const Node* root = nullptr;
    // Where the file failed its schema (the diagnostics' positions): the model keeps them as
    // Flaws, by the list item holding each (see model.hpp).
    std::vector<Position> schema_errors = {};
};

// Builds a model file by file, so that each file's tree can be released once it is added
// (the committee's sessions of a large repository are megabytes of trees).
class ModelBuilder {
public:
    // standalone_slug: the organisme's slug when the root is a lone organisme folder ("" otherwise).
    explicit ModelBuilder(std::string standalone_slug = {});

    // Reads one file into the model; a file whose root is not a mapping is left out.
    void add(const ModelInput& file);

    // The model: sessions, auditors, organismes and their files in order, indexed.
    Model finish() &&;

private:
    std::string m_slug;
    Model m_model;
    std::map<std::string, std::size_t> m_index;  // slug -> position in m_model.organismes
};

// The model of these files, in one go: a ModelBuilder given each file in turn.
// standalone_slug: the organisme's slug when the root is a lone organisme folder ("" otherwise).
Model build_model(const std::vector<ModelInput>& files, const std::string& standalone_slug);

} // namespace quali::core
