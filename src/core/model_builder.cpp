// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/model_builder.hpp"

#include "model_nodes.hpp"

#include <algorithm>
#include <map>

namespace quali::core {

namespace {

using namespace model_nodes;

// regles.pieces_requises: an entry given replaces that request's default whole; a value that
// cannot be read leaves the default (the schema reports it).
void read_required_pieces(const Node* node, Rules& rules)
{
    if (node == nullptr || !node->is_mapping()) return;
    for (std::size_t i = 0; i < rules.pieces_requises.size(); ++i) {
        const Request request = static_cast<Request>(i);
        const Node* entry = node->find(to_string(request));
        if (entry == nullptr || !entry->is_mapping()) continue;
        // An entry with an unknown key or a value of the wrong type (Q103, Q101) keeps the default.
        const auto flag = [&](std::string_view key) {
            const Node* n = entry->find(key);
            return n == nullptr || (n->is_scalar() && resolve_scalar(*n) == ScalarType::boolean);
        };
        const bool known = std::all_of(entry->entries.begin(), entry->entries.end(), [](const Entry& e) {
            return e.key == "audit" || e.key == "autodiagnostic" || e.key == "paa" || e.key == "concertation";
        });
        const Node* steps = entry->find("concertation");
        if (!known || !flag("autodiagnostic") || !flag("paa") || (steps != nullptr && !steps->is_sequence())) continue;
        RequiredPieces pieces;
        if (const Node* audit = entry->find("audit"); audit != nullptr) {
            pieces.audit = parse_audit_type(str(audit));
            if (!pieces.audit) continue;
        }
        pieces.autodiagnostic = boolean(entry->find("autodiagnostic"));
        pieces.paa = boolean(entry->find("paa"));
        bool readable = true;
        each(entry->find("concertation"), [&](const Node& n) {
            const auto step = parse_step(str(&n));
            if (step)
                pieces.concertation.push_back(*step);
            else
                readable = false;
        });
        if (readable) rules.pieces_requises[i] = std::move(pieces);
    }
}

void read_rules(const Node& root, Model& m)
{
    const Node* r = root.find("regles");
    if (r != nullptr && r->is_mapping()) {
        Rules& rules = m.rules;
        if (auto v = integer(r->find("fenetre_depot_jours")); v && *v > 0) rules.fenetre_depot_jours = *v;
        if (str(r->find("decompte")) == "ouvre") rules.decompte = Counting::working;
        if (auto z = parse_zone(str(r->find("zone_feries")))) rules.zone_feries = *z;
        if (auto v = integer(r->find("preparation_mois")); v && *v > 0) rules.preparation_mois = *v;
        if (auto v = integer(r->find("attribution_mois")); v && *v > 0) rules.attribution_mois = *v;
        if (auto v = integer(r->find("validite_label_mois")); v && *v > 0) rules.validite_label_mois = *v;
        if (auto v = integer(r->find("periodicite_verification_mois")); v && *v > 0)
            rules.periodicite_verification_mois = *v;
        if (auto v = integer(r->find("cotation_situation_complexe")); v && *v >= 0)
            rules.cotation_situation_complexe = *v;
        if (auto v = number(r->find("quorum")); v && *v >= 0 && *v <= 1) rules.quorum = *v;
        if (auto v = number(r->find("non_evalue_max")); v && *v >= 0 && *v <= 1) rules.non_evalue_max = *v;
        if (const Node* cal = r->find("calibrage_audit"); cal != nullptr && cal->is_sequence()) {
            std::vector<CalibrationRow> rows;
            each(cal, [&](const Node& row) {
                const auto jours = integer(row.find("jours"));
                if (!jours) return;
                rows.push_back({integer(row.find("logements_max")), *jours});
            });
            std::stable_sort(rows.begin(), rows.end(), [](const CalibrationRow& a, const CalibrationRow& b) {
                return a.logements_max.value_or(INT32_MAX) < b.logements_max.value_or(INT32_MAX);
            });
            if (!rows.empty()) rules.calibrage_audit = rows;
        }
        read_required_pieces(r->find("pieces_requises"), rules);
    }
    if (const Node* d = root.find("diagnostics"); d != nullptr && d->is_mapping())
        m.ignorer = texts(d->find("ignorer"));
    if (const Node* ref = root.find("referent"); ref != nullptr && ref->is_mapping())
        m.referent = Referent{str(ref->find("nom")), str(ref->find("fonction")), str(ref->find("courriel")),
                              str(ref->find("telephone"))};
}

void read_framework(const std::string& path, const Node& root, Framework& f)
{
    f = Framework{};
    f.file = path;
    f.version = str(root.find("version"));
    f.titre = str(root.find("titre"));
    f.exemple = boolean(root.find("exemple"));
    each(root.find("themes"), [&](const Node& t) {
        Theme theme{str(t.find("id")), str(t.find("titre")), {}, t.pos};
        each(t.find("criteres"), [&](const Node& c) {
            theme.criteres.push_back({str(c.find("id")), str(c.find("titre")), theme.id, c.pos});
        });
        f.themes.push_back(std::move(theme));
    });
}

College parse_college(std::string_view s)
{
    if (s == "USH") return College::ush;
    if (s == "federation") return College::federation;
    if (s == "associations-regionales") return College::associations_regionales;
    if (s == "ministere-logement") return College::ministere_logement;
    if (s == "caisse-des-depots") return College::caisse_des_depots;
    if (s == "assurance-retraite") return College::assurance_retraite;
    if (s == "locataires") return College::locataires;
    return College::unknown;
}

Person person(const Node* n)
{
    if (n == nullptr) return {};
    return {str(n->find("nom")), str(n->find("role")), str(n->find("organisation"))};
}

void read_committee(const std::string& path, const Node& root, Model& m)
{
    Committee c;
    c.file = path;
    each(root.find("sieges"), [&](const Node& s) {
        Seat seat;
        seat.id = str(s.find("id"));
        seat.libelle = str(s.find("libelle"));
        seat.college_name = str(s.find("college"));
        seat.college = parse_college(seat.college_name);
        seat.titulaire = person(s.find("titulaire"));
        seat.suppleant = person(s.find("suppleant"));
        seat.pos = s.pos;
        c.sieges.push_back(std::move(seat));
    });
    m.committee = std::move(c);
}

void read_session(const std::string& path, const Node& root, Model& m)
{
    Session s;
    s.file = path;
    const DateAt d = date_at(root.find("date"));
    s.date = d.value ? d.value : date_prefix(path);
    s.date_pos = d.pos.line > 0 ? d.pos : root.pos;
    s.lieu = str(root.find("lieu"));
    s.presents = texts(root.find("presents"));
    if (const Node* p = root.find("presents")) s.presents_pos = p->pos;
    s.suppleants = texts(root.find("suppleants"));
    each(root.find("propositions"), [&](const Node& n) {
        Proposal p{text(n.find("organisme")), parse_decision(str(n.find("proposition"))), {}, str(n.find("avis")), n.pos};
        if (const Node* k = n.find("proposition")) p.kind_pos = k->pos;
        s.propositions.push_back(std::move(p));
    });
    const Node* decisions = root.find("decisions");
    s.held = decisions != nullptr;
    each(decisions, [&](const Node& n) {
        Decision dec;
        dec.organisme = text(n.find("organisme"));
        dec.kind = parse_decision(str(n.find("decision")));
        if (const Node* k = n.find("decision")) dec.kind_pos = k->pos;
        if (const Node* v = n.find("votes"); v != nullptr && v->is_mapping())
            dec.votes = Votes{integer(v->find("pour")).value_or(0), integer(v->find("contre")).value_or(0),
                              integer(v->find("abstention")).value_or(0), v->pos};
        if (const Node* g = n.find("derogation"); g != nullptr && g->is_mapping())
            dec.derogation = Derogation{str(g->find("objet")), date_at(g->find("echeance")), g->pos};
        dec.conditions = strings(n.find("conditions"));
        dec.motif = str(n.find("motif"));
        dec.pos = n.pos;
        s.decisions.push_back(std::move(dec));
    });
    m.sessions.push_back(std::move(s));
}

void read_auditor(const std::string& path, const Node& root, Model& m)
{
    Auditor a;
    a.id = stem(path);
    a.file = path;
    a.nom = str(root.find("nom"));
    a.cabinet = str(root.find("cabinet"));
    a.courriel = str(root.find("courriel"));
    a.cle_publique = str(root.find("cle_publique"));
    const std::string statut = str(root.find("statut"));
    a.statut = statut == "actif"      ? AuditorStatus::actif
               : statut == "suspendu" ? AuditorStatus::suspendu
               : statut == "retire"   ? AuditorStatus::retire
                                      : AuditorStatus::unknown;
    if (const Node* s = root.find("statut")) a.statut_pos = s->pos;
    each(root.find("agrements"), [&](const Node& n) {
        a.agrements.push_back({date_at(n.find("debut")), date_at(n.find("fin")),
                               parse_iso_date(str(n.find("seance"))), n.pos});
    });
    m.auditors.push_back(std::move(a));
}

// index: slug -> position in m.organismes (a scan is quadratic over thousands of organismes).
Organisme& organisme_for(Model& m, std::map<std::string, std::size_t>& index, const std::string& slug)
{
    if (const auto it = index.find(slug); it != index.end()) return m.organismes[it->second];
    index.emplace(slug, m.organismes.size());
    Organisme o;
    o.slug = slug;
    o.folder = m.standalone ? "" : "organismes/" + slug;
    m.organismes.push_back(std::move(o));
    return m.organismes.back();
}

// The list item (a mapping in a sequence) nearest around the place p, found in the tree below
// node; *found is set when p is node's or below it. {0, 0}: none, the flaw is the file's.
Position item_around(const Node& node, Position p, Position item, bool& found)
{
    if (node.pos == p) {
        found = true;
        return item;
    }
    if (node.is_mapping()) {
        for (const Entry& e : node.entries) {
            if (e.key_pos == p) {
                found = true;
                return item;
            }
            if (e.value == nullptr) continue;
            const Position inner = item_around(*e.value, p, item, found);
            if (found) return inner;
        }
    } else if (node.is_sequence()) {
        for (const Node* i : node.items) {
            const Position inner = item_around(*i, p, i->is_mapping() ? i->pos : item, found);
            if (found) return inner;
        }
    }
    return item;
}

// True when p is the key or inside the value of one of these entries of root.
bool under(const Node& root, Position p, std::initializer_list<std::string_view> keys)
{
    for (const std::string_view key : keys) {
        const Entry* e = root.find_entry(key);
        if (e == nullptr) continue;
        bool found = e->key_pos == p;
        if (!found && e->value != nullptr) item_around(*e->value, p, {}, found);
        if (found) return true;
    }
    return false;
}

void add_flaws(const ModelInput& in, Flaws& flaws)
{
    for (const Position p : in.schema_errors) {
        // quali.yaml: the rules read its settings only, not the referent nor the diagnostics.
        if (in.placement.kind == FileKind::quali && under(*in.root, p, {"referent", "diagnostics"})) continue;
        bool found = false;
        const Position item = item_around(*in.root, p, {}, found);
        flaws.add(in.path, found ? item : Position{});
    }
}

} // namespace

ModelBuilder::ModelBuilder(std::string standalone_slug) : m_slug(std::move(standalone_slug))
{
    m_model.standalone = !m_slug.empty();
}

void ModelBuilder::add(const ModelInput& in)
{
    if (in.root == nullptr || !in.root->is_mapping()) return;
    Model& m = m_model;
    const Node& root = *in.root;
    const std::string& slug = m.standalone ? m_slug : in.placement.organisme;
    if (!in.schema_errors.empty()) {
        const bool shared = !m.standalone && in.placement.organisme.empty();
        add_flaws(in, shared ? m.flaws : organisme_for(m, m_index, slug).flaws);
    }
    switch (in.placement.kind) {
    case FileKind::quali:
        m.rules_file = in.path;
        read_rules(root, m);
        break;
    case FileKind::referentiel:
        // The built-in example framework ("" path) gives way to the repository's own.
        if (in.path.empty() && !m.framework.file.empty()) break;
        read_framework(in.path, root, m.framework);
        break;
    case FileKind::membres: read_committee(in.path, root, m); break;
    case FileKind::seance: read_session(in.path, root, m); break;
    case FileKind::auditeur: read_auditor(in.path, root, m); break;
    default: read_organisme_file(in.placement.kind, in.path, root, organisme_for(m, m_index, slug)); break;
    }
}

Model ModelBuilder::finish() &&
{
    Model m = std::move(m_model);
    std::sort(m.sessions.begin(), m.sessions.end(), [](const Session& a, const Session& b) {
        return std::tie(a.date, a.file) < std::tie(b.date, b.file);
    });
    for (Session& s : m.sessions) s.decisions.shrink_to_fit();  // thousands, in a large repository
    std::sort(m.auditors.begin(), m.auditors.end(), [](const Auditor& a, const Auditor& b) { return a.id < b.id; });
    std::sort(m.organismes.begin(), m.organismes.end(),
              [](const Organisme& a, const Organisme& b) { return a.slug < b.slug; });
    for (Organisme& o : m.organismes) {
        std::sort(o.audits.begin(), o.audits.end(), [](const Audit& a, const Audit& b) {
            return std::make_pair(a.date(), a.file) < std::make_pair(b.date(), b.file);
        });
        std::sort(o.candidatures.begin(), o.candidatures.end(), [](const Candidature& a, const Candidature& b) {
            return std::make_pair(a.seance.value, a.file) < std::make_pair(b.seance.value, b.file);
        });
        std::sort(o.visas.begin(), o.visas.end(), [](const Visa& a, const Visa& b) { return a.file < b.file; });
    }
    m.index();
    return m;
}

Model build_model(const std::vector<ModelInput>& files, const std::string& standalone_slug)
{
    ModelBuilder builder(standalone_slug);
    for (const ModelInput& in : files) builder.add(in);
    return std::move(builder).finish();
}

} // namespace quali::core
