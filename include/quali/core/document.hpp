// SPDX-License-Identifier: EUPL-1.2
#pragma once
// quali's own document tree: what the YAML reader produces, with a source position on every
// node. Nothing above the I/O layer ever sees the YAML library's types.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace quali::core {

// 1-based line and column (columns count Unicode code points); 0 means unknown.
struct Position {
    int line = 0;
    int column = 0;
    friend bool operator==(const Position&, const Position&) = default;
};

enum class NodeKind : std::uint8_t { null, scalar, sequence, mapping };

struct Node;

struct Entry {
    std::string key;
    Position key_pos;
    const Node* value = nullptr;
};

struct Node {
    NodeKind kind = NodeKind::null;
    bool quoted = false;    // scalar written in quotes or as a block: always a string
    Position pos;
    std::string text;       // scalar value
    std::vector<const Node*> items;  // sequence
    std::vector<Entry> entries;      // mapping, in file order, duplicates removed

    bool is_null() const { return kind == NodeKind::null; }
    bool is_scalar() const { return kind == NodeKind::scalar; }
    bool is_sequence() const { return kind == NodeKind::sequence; }
    bool is_mapping() const { return kind == NodeKind::mapping; }

    // Returns the value under key in a mapping, or nullptr.
    const Node* find(std::string_view key) const;
    // Returns the entry for key in a mapping, or nullptr.
    const Entry* find_entry(std::string_view key) const;
};

// Owns every node of one parsed file; node addresses are stable.
class Tree {
public:
    Node& add() { return m_nodes.emplace_back(); }
    const Node* root() const { return m_root; }
    void set_root(const Node* root) { m_root = root; }
    std::size_t size() const { return m_nodes.size(); }

private:
    std::deque<Node> m_nodes;
    const Node* m_root = nullptr;
};

// YAML 1.2 core-schema resolution of a plain scalar, for typed checks.
enum class ScalarType : std::uint8_t { string, integer, floating, boolean, null };
ScalarType resolve_scalar(const Node& node);

} // namespace quali::core
