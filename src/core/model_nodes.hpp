// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Inside the model's builder (model_builder.cpp, model_organisme.cpp): reading typed values out
// of quali's tree, tolerantly (a node of the wrong type reads as absent), and the readers of
// an organisme folder's files.
#include "quali/core/model_builder.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quali::core::model_nodes {

// A scalar's text; "" for anything else or nothing.
std::string str(const Node* n);
Text text(const Node* n);
std::optional<int> integer(const Node* n);
std::optional<double> number(const Node* n);
bool boolean(const Node* n);
DateAt date_at(const Node* n);
std::vector<Text> texts(const Node* seq);
std::vector<std::string> strings(const Node* seq);

// Calls f on each item of a sequence; nothing for anything else.
template <typename F> inline void each(const Node* seq, F&& f)
{
    if (seq == nullptr || !seq->is_sequence()) return;
    for (const Node* item : seq->items)
        f(*item);
}

// "organismes/x/audits/2024-06-03-diagnostic-hqs.yaml" -> "2024-06-03-diagnostic-hqs"
std::string stem(const std::string& path);

// The date a file's name starts with (audits, candidatures, sessions).
std::optional<Date> date_prefix(const std::string& path);

// Reads a file of an organisme folder (organisme, autodiagnostic, audit, paa, concertation,
// candidature, visa) into its organisme; nothing for the other kinds.
void read_organisme_file(FileKind kind, const std::string& path, const Node& root, Organisme& o);

} // namespace quali::core::model_nodes
