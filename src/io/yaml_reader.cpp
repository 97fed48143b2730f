// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/yaml_reader.hpp"

#include "quali/core/text_checks.hpp"
#include "quali/core/utf8.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_map>

namespace quali::io {

using core::Diagnostic;
using core::Lang;
using core::Node;
using core::NodeKind;
using core::Position;
using core::say;

namespace {

// Stops the parse from inside the event handler.
struct Abort {
    Diagnostic diagnostic;
};

constexpr std::string_view core_tag = "tag:yaml.org,2002:";

// Translates yaml-cpp's parser messages (ErrorMsg in yaml-cpp/exceptions.h) for people.
std::string explain_parser_message(const std::string& msg, Lang lang)
{
    struct Row {
        std::string_view yaml_cpp; // the start of yaml-cpp's message
        std::string_view fr;
        std::string_view en;
    };
    static constexpr Row rows[] = {
        {"illegal map value", "deux-points inattendu : une valeur de clé est mal placée ou mal indentée",
         "unexpected colon: a key's value is misplaced or wrongly indented"},
        {"end of map not found", "fin de bloc introuvable : l'indentation est incohérente",
         "end of mapping not found: the indentation is inconsistent"},
        {"end of sequence not found", "fin de liste introuvable : l'indentation est incohérente",
         "end of list not found: the indentation is inconsistent"},
        {"end of map flow not found", "accolade fermante « } » manquante : le fichier est-il tronqué ?",
         "closing brace \"}\" missing: is the file truncated?"},
        {"end of sequence flow not found", "crochet fermant « ] » manquant : le fichier est-il tronqué ?",
         "closing bracket \"]\" missing: is the file truncated?"},
        {"block sequence entries are not allowed in this context",
         "élément de liste « - » mal placé : vérifiez l'indentation",
         "misplaced list item \"-\": check the indentation"},
        {"block map entries are not allowed in this context", "clé mal placée : vérifiez l'indentation",
         "misplaced key: check the indentation"},
        {"illegal tab when looking for indentation", "tabulation dans l'indentation : utilisez des espaces",
         "tab in the indentation: use spaces"},
        {"the referenced anchor is not defined", "alias vers une ancre qui n'est pas définie",
         "alias to an anchor that is not defined"},
        {"unknown anchor", "alias vers une ancre qui n'est pas définie",
         "alias to an anchor that is not defined"},
        {"illegal EOF in scalar",
         "fin de fichier au milieu d'une valeur : guillemet fermant manquant, le fichier est-il tronqué ?",
         "end of file in the middle of a value: closing quote missing, is the file truncated?"},
        {"end of string not found", "guillemet fermant manquant : le fichier est-il tronqué ?",
         "closing quote missing: is the file truncated?"},
        {"found unexpected end of stream", "fin de fichier inattendue : le fichier est-il tronqué ?",
         "unexpected end of file: is the file truncated?"},
        {"unknown escape character", "séquence d'échappement inconnue après « \\ »",
         "unknown escape sequence after \"\\\""},
        {"invalid character in tag", "caractère invalide dans une étiquette YAML",
         "invalid character in a YAML tag"},
        {"illegal character found while scanning anchor", "caractère invalide dans un nom d'ancre",
         "invalid character in an anchor name"},
        {"unexpected end of sequence", "fin de liste inattendue", "unexpected end of list"},
        {"unexpected end of map", "fin de bloc inattendue", "unexpected end of mapping"},
        {"invalid node; first token must be a key", "nœud invalide : une clé est attendue",
         "invalid node: a key is expected"},
    };
    for (const Row& r : rows)
        if (msg.starts_with(r.yaml_cpp)) return std::string(lang == Lang::en ? r.en : r.fr);
    return msg;
}

class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(core::Tree& tree, const core::LineIndex& lines, Lang lang, const YamlLimits& limits,
                std::vector<Diagnostic>& out)
        : m_tree(tree), m_lines(lines), m_lang(lang), m_limits(limits), m_out(out)
    {
    }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        Node& n = make(NodeKind::null, mark);
        finish(n, anchor, 1);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end()) {
            Node& n = make(NodeKind::null, mark);
            finish(n, 0, 1);
            return;
        }
        attach(it->second, pos(mark), weight_of(it->second), weight_of(it->second));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        Node& n = make(NodeKind::scalar, mark);
        n.text = value;
        n.quoted = tag == "!";
        if (tag == std::string(core_tag) + "str") n.quoted = true;
        else check_tag(tag, mark, {"?", "!", "int", "float", "bool", "null"});
        finish(n, anchor, 1);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        check_tag(tag, mark, {"?", "!", "seq"});
        open(make(NodeKind::sequence, mark), anchor);
    }

    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        check_tag(tag, mark, {"?", "!", "map"});
        open(make(NodeKind::mapping, mark), anchor);
    }

    void OnMapEnd() override { close(); }

    const Node* root() const { return m_root; }

private:
    struct Frame {
        Node* node = nullptr;
        YAML::anchor_t anchor = 0;
        std::size_t weight = 1;
        bool expecting_key = true;     // mappings alternate key, value
        const Node* pending_key = nullptr;
        std::vector<const Node*> merges;  // values of "<<" keys, applied at the end
    };

    // The mark's position, counting code points from where the previous mark of the same line
    // stopped: a long line of many nodes (a flow list of 100,000 items) stays linear.
    Position pos(const YAML::Mark& mark)
    {
        if (mark.line < 0 || mark.line >= m_lines.line_count()) return m_lines.position(mark.line, mark.column);
        const auto column = static_cast<std::size_t>(std::max(mark.column, 0));
        if (mark.line != m_line || column < m_line_bytes) {
            m_line = mark.line;
            m_line_text = m_lines.line(mark.line + 1);
            m_line_bytes = 0;
            m_line_points = 0;
        }
        const std::size_t end = std::min(column, m_line_text.size());
        for (; m_line_bytes < end; ++m_line_bytes)
            if (!core::utf8::is_continuation(m_line_text[m_line_bytes])) ++m_line_points;
        return {mark.line + 1, m_line_points + 1};
    }

    Node& make(NodeKind kind, const YAML::Mark& mark)
    {
        if (++m_count > m_limits.max_nodes) too_big(pos(mark));
        Node& n = m_tree.add();
        n.kind = kind;
        n.pos = pos(mark);
        return n;
    }

    std::size_t weight_of(const Node* n) const
    {
        const auto it = m_weights.find(n);
        return it == m_weights.end() ? 1 : it->second;
    }

    [[noreturn]] void too_big(Position where) const
    {
        Diagnostic d;
        d.code = "Q009";
        d.pos = where;
        d.message = say(m_lang,
                        "document trop grand : plus de {} éléments une fois les alias développés "
                        "(« bombe » d'alias ?)",
                        "document too large: more than {} nodes once aliases are expanded (alias "
                        "bomb?)",
                        m_limits.max_nodes);
        d.hint = say(m_lang, "écrivez les valeurs en clair plutôt que par des alias (*nom)",
                     "write the values out instead of using aliases (*name)");
        throw Abort{d};
    }

    void check_tag(const std::string& tag, const YAML::Mark& mark,
                   std::initializer_list<std::string_view> allowed)
    {
        for (std::string_view a : allowed) {
            if (tag == a) return;
            if (a.size() > 1 && tag.size() == core_tag.size() + a.size() && tag.starts_with(core_tag) &&
                tag.ends_with(a))
                return;
        }
        Diagnostic d;
        d.code = "Q012";
        d.pos = pos(mark);
        std::string shown = tag;
        if (shown.starts_with(core_tag)) shown = "!!" + shown.substr(core_tag.size());
        d.message = say(m_lang, "étiquette YAML « {} » non prise en charge : quali lit des données, "
                                "pas des objets",
                        "unsupported YAML tag \"{}\": quali reads data, not objects", shown);
        d.hint = say(m_lang, "supprimez l'étiquette", "remove the tag");
        m_out.push_back(std::move(d));
    }

    void open(Node& n, YAML::anchor_t anchor)
    {
        if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
            Diagnostic d;
            d.code = "Q008";
            d.pos = n.pos;
            d.message = say(m_lang, "imbrication trop profonde (plus de {} niveaux)",
                            "nesting too deep (more than {} levels)", m_limits.max_depth);
            d.hint = say(m_lang, "un dossier quali n'a que quelques niveaux : vérifiez le fichier",
                         "a quali file has only a few levels: check the file");
            throw Abort{d};
        }
        Frame f;
        f.node = &n;
        f.anchor = anchor;
        m_stack.push_back(std::move(f));
    }

    void close()
    {
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        if (f.node->kind == NodeKind::mapping) apply_merges(f);
        finish(*f.node, f.anchor, f.weight);
    }

    // "<<: *base" copies the keys of base that the mapping does not set itself.
    void apply_merges(Frame& f)
    {
        for (const Node* m : f.merges) {
            std::vector<const Node*> sources;
            if (m->kind == NodeKind::mapping) sources.push_back(m);
            else if (m->kind == NodeKind::sequence) sources = m->items;
            for (const Node* src : sources) {
                if (src->kind != NodeKind::mapping) {
                    merge_error(src->pos);
                    continue;
                }
                for (const core::Entry& e : src->entries)
                    if (f.node->find_entry(e.key) == nullptr) f.node->entries.push_back(e);
            }
            if (sources.empty()) merge_error(m->pos);
        }
    }

    void merge_error(Position where)
    {
        Diagnostic d;
        d.code = "Q001";
        d.pos = where;
        d.message = say(m_lang, "la clé de fusion « << » attend un bloc clé-valeur ou une liste de blocs",
                        "the merge key \"<<\" expects a mapping or a list of mappings");
        m_out.push_back(std::move(d));
    }

    void finish(Node& n, YAML::anchor_t anchor, std::size_t weight)
    {
        if (anchor != 0) {
            m_anchors[anchor] = &n;
            if (weight > 1) m_weights[&n] = weight;
        }
        attach(&n, n.pos, weight, 1);
    }

    // Adds a finished node (or an alias to one) to the node being built. weight: the size of
    // its subtree once aliases are expanded; added: the nodes it adds to the whole document
    // (1 for a new node, whose children were counted as they came; its weight for an alias).
    void attach(const Node* n, Position where, std::size_t weight, std::size_t added)
    {
        m_expanded += added;
        if (m_expanded > m_limits.max_nodes) too_big(where);
        if (m_stack.empty()) {
            if (m_root == nullptr) m_root = n;
            return;
        }
        Frame& f = m_stack.back();
        f.weight += weight;
        if (f.weight > m_limits.max_nodes) too_big(where);
        Node& parent = *f.node;
        if (parent.kind == NodeKind::sequence) {
            parent.items.push_back(n);
            return;
        }
        if (f.expecting_key) {
            f.pending_key = n;
            f.expecting_key = false;
            return;
        }
        f.expecting_key = true;
        const Node* key = f.pending_key;
        if (key->kind != NodeKind::scalar) {
            Diagnostic d;
            d.code = "Q013";
            d.pos = key->pos;
            d.message = say(m_lang, "clé complexe : une clé doit être un simple texte",
                            "complex key: a key must be plain text");
            m_out.push_back(std::move(d));
            return;
        }
        if (key->text == "<<" && !key->quoted) {
            f.merges.push_back(n);
            return;
        }
        if (const core::Entry* first = parent.find_entry(key->text)) {
            Diagnostic d;
            d.code = "Q002";
            d.pos = key->pos;
            d.message = say(m_lang, "clé « {} » en double dans ce bloc : seule la première est lue",
                            "duplicate key \"{}\" in this mapping: only the first one is read",
                            key->text);
            d.hint = say(m_lang, "fusionnez les deux valeurs ou supprimez l'une des clés",
                         "merge the two values or remove one of the keys");
            d.notes.push_back({"", first->key_pos,
                               say(m_lang, "première définition de « {} »",
                                   "first definition of \"{}\"", key->text)});
            m_out.push_back(std::move(d));
            return;
        }
        parent.entries.push_back({key->text, key->pos, n});
    }

    core::Tree& m_tree;
    const core::LineIndex& m_lines;
    Lang m_lang;
    const YamlLimits& m_limits;
    std::vector<Diagnostic>& m_out;
    std::vector<Frame> m_stack;
    std::unordered_map<YAML::anchor_t, const Node*> m_anchors;
    std::unordered_map<const Node*, std::size_t> m_weights;
    const Node* m_root = nullptr;
    int m_line = -1;                 // the line of the last position asked, and how far it was read
    std::string_view m_line_text;
    std::size_t m_line_bytes = 0;
    int m_line_points = 0;
    std::size_t m_count = 0;
    std::size_t m_expanded = 0;
};

Diagnostic syntax_error(Position where, const std::string& msg, Lang lang)
{
    Diagnostic d;
    d.code = "Q001";
    d.pos = where;
    d.message = say(lang, "syntaxe YAML invalide : {}", "invalid YAML syntax: {}",
                    explain_parser_message(msg, lang));
    return d;
}

// Where a parser error really is: yaml-cpp's line and column drift past the end of a truncated
// file, and a tab in the indentation is reported as whatever it broke further on.
Diagnostic syntax_error_at(const core::LineIndex& lines, std::string_view text, const YAML::Exception& e, Lang lang)
{
    for (int l = 1; l <= std::min(lines.line_count(), e.mark.line + 1); ++l) {
        const std::string_view line = lines.line(l);
        const std::size_t indent = line.find_first_not_of(" \t");
        const std::size_t tab = line.find('\t');
        if (tab != std::string_view::npos && (indent == std::string_view::npos || tab < indent)) {
            Diagnostic d;
            d.code = "Q001";
            d.pos = {l, static_cast<int>(tab) + 1};
            d.message = say(lang, "syntaxe YAML invalide : tabulation dans l'indentation",
                            "invalid YAML syntax: tab in the indentation");
            d.hint = say(lang, "YAML n'accepte que des espaces pour indenter : remplacez la tabulation par des espaces",
                         "YAML indents with spaces only: replace the tab with spaces");
            return d;
        }
    }
    Position where = lines.position(e.mark.line, e.mark.column);
    const bool beyond = e.mark.line >= lines.line_count() ||
                        static_cast<std::size_t>(std::max(e.mark.column, 0)) > lines.line(e.mark.line + 1).size() ||
                        (e.mark.line + 1 == lines.line_count() && lines.line(e.mark.line + 1).empty());
    std::size_t end = text.size();
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' ')) --end;
    const Position last = lines.position(end);
    // An unclosed bracket on the last line: what is missing is at the end of the input.
    const bool unclosed = e.msg.starts_with("end of map flow not found") || e.msg.starts_with("end of sequence flow not found");
    if (beyond || (unclosed && where.line == last.line)) where = last;
    return syntax_error(where, e.msg, lang);
}

} // namespace

ParsedYaml parse_yaml(std::string_view text, Lang lang, const YamlLimits& limits)
{
    ParsedYaml result;
    result.tree = std::make_unique<core::Tree>();
    const core::LineIndex lines(text);
    // yaml-cpp reads from a stream; a string copy is the price of keeping it behind this door.
    std::istringstream stream{std::string(text)};
    try {
        YAML::Parser parser(stream);
        TreeBuilder builder(*result.tree, lines, lang, limits, result.diagnostics);
        if (!parser.HandleNextDocument(builder)) {
            Diagnostic d;
            d.code = "Q004";
            d.pos = {1, 1};
            d.message = say(lang, "fichier sans contenu (seulement des commentaires)",
                            "file without content (only comments)");
            result.diagnostics.push_back(std::move(d));
            return result;
        }
        result.tree->set_root(builder.root());
        // A second document: find where it starts, without building it.
        struct Probe final : YAML::EventHandler {
            YAML::Mark first;
            bool seen = false;
            void note(const YAML::Mark& m) { if (!seen) { first = m; seen = true; } }
            void OnDocumentStart(const YAML::Mark& m) override { note(m); }
            void OnDocumentEnd() override {}
            void OnNull(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
            void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
            void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
            void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { note(m); }
            void OnSequenceEnd() override {}
            void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { note(m); }
            void OnMapEnd() override {}
        } probe;
        // The probe only needs the first event; the rest of the stream is not inspected.
        try {
            if (parser.HandleNextDocument(probe)) {
                Diagnostic d;
                d.code = "Q005";
                d.pos = lines.position(probe.first.line, probe.first.column);
                d.message = say(lang, "plusieurs documents YAML dans un fichier : seul le premier est lu",
                                "several YAML documents in one file: only the first one is read");
                d.hint = say(lang, "un fichier par élément : séparez ce document dans un autre fichier",
                             "one file per item: move this document to a file of its own");
                result.diagnostics.push_back(std::move(d));
            }
        } catch (const YAML::Exception& e) {
            result.diagnostics.push_back(syntax_error_at(lines, text, e, lang));
        }
    } catch (const Abort& a) {
        result.diagnostics.push_back(a.diagnostic);
        result.tree->set_root(nullptr);
    } catch (const YAML::DeepRecursion& e) {
        Diagnostic d;
        d.code = "Q008";
        d.pos = lines.position(e.mark.line, e.mark.column);
        d.message = say(lang, "imbrication trop profonde", "nesting too deep");
        result.diagnostics.push_back(std::move(d));
        result.tree->set_root(nullptr);
    } catch (const YAML::Exception& e) {
        result.diagnostics.push_back(syntax_error_at(lines, text, e, lang));
        result.tree->set_root(nullptr);
    }
    return result;
}

} // namespace quali::io
