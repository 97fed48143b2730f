// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/model_builder.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace quali::core {

namespace {

std::string str(const Node* n)
{
    return n != nullptr && n->is_scalar() ? n->text : std::string();
}

Text text(const Node* n)
{
    if (n == nullptr) return {};
    return {str(n), n->pos};
}

std::optional<int> integer(const Node* n)
{
    if (n == nullptr || !n->is_scalar() || resolve_scalar(*n) != ScalarType::integer) return std::nullopt;
    int v = 0;
    const std::string& s = n->text;
    const char* begin = s.data() + (s.starts_with('+') ? 1 : 0);
    const auto [p, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> number(const Node* n)
{
    if (n == nullptr || !n->is_scalar()) return std::nullopt;
    const ScalarType t = resolve_scalar(*n);
    if (t != ScalarType::integer && t != ScalarType::floating) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(n->text.c_str(), &end);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

bool boolean(const Node* n)
{
    return n != nullptr && n->is_scalar() && resolve_scalar(*n) == ScalarType::boolean &&
           (n->text[0] == 't' || n->text[0] == 'T');
}

DateAt date_at(const Node* n)
{
    if (n == nullptr) return {};
    return {parse_iso_date(str(n)), n->pos};
}

template <typename F>
void each(const Node* seq, F&& f)
{
    if (seq == nullptr || !seq->is_sequence()) return;
    for (const Node* item : seq->items) f(*item);
}

std::vector<Text> texts(const Node* seq)
{
    std::vector<Text> out;
    each(seq, [&](const Node& n) {
        if (n.is_scalar()) out.push_back({n.text, n.pos});
    });
    return out;
}

std::vector<std::string> strings(const Node* seq)
{
    std::vector<std::string> out;
    each(seq, [&](const Node& n) {
        if (n.is_scalar()) out.push_back(n.text);
    });
    return out;
}

// "organismes/x/audits/2024-06-03-diagnostic-hqs.yaml" -> "2024-06-03-diagnostic-hqs"
std::string stem(const std::string& path)
{
    std::string name = path.substr(path.rfind('/') + 1);
    return name.substr(0, name.size() - 5);
}

std::optional<Date> date_prefix(const std::string& path)
{
    const std::string s = stem(path);
    return s.size() >= 10 ? parse_iso_date(std::string_view(s).substr(0, 10)) : std::nullopt;
}

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

void read_identity(const std::string& path, const Node& root, Organisme& o)
{
    o.file = path;
    o.nom = str(root.find("nom"));
    o.sigle = str(root.find("sigle"));
    o.siren = str(root.find("siren"));
    o.famille = str(root.find("famille"));
    o.federation = str(root.find("federation"));
    o.region = str(root.find("region"));
    o.logements = integer(root.find("logements")).value_or(0);
    if (const Node* l = root.find("logements")) o.logements_pos = l->pos;
    if (const Node* c = root.find("contact"); c != nullptr && c->is_mapping()) {
        o.contact_nom = str(c->find("nom"));
        o.contact_fonction = str(c->find("fonction"));
        o.contact_courriel = str(c->find("courriel"));
    }
    if (const Node* e = root.find("engagement"); e != nullptr && e->is_mapping()) {
        o.engagement = date_at(e->find("date"));
        o.engagement_instance = str(e->find("instance"));
        o.appui_conseil_ush = boolean(e->find("appui_conseil_ush"));
    }
}

void read_self_diagnosis(const std::string& path, const Node& root, Organisme& o)
{
    SelfDiagnosis s;
    s.file = path;
    s.date = date_at(root.find("date"));
    each(root.find("residences"), [&](const Node& n) {
        s.residences.push_back({str(n.find("id")), str(n.find("nom")), str(n.find("commune")),
                                integer(n.find("logements")).value_or(0), integer(n.find("cotation")),
                                strings(n.find("motifs")), n.pos});
    });
    o.autodiagnostic = std::move(s);
}

void read_audit(const std::string& path, const Node& root, Organisme& o)
{
    Audit a;
    a.file = path;
    a.type = parse_audit_type(str(root.find("type")));
    if (const Node* t = root.find("type")) a.type_pos = t->pos;
    a.auditeur = text(root.find("auditeur"));
    if (const Node* plan = root.find("plan"); plan != nullptr && plan->is_mapping()) {
        a.plan_pos = plan->pos;
        a.debut = date_at(plan->find("debut"));
        a.fin = date_at(plan->find("fin"));
        a.jours = number(plan->find("jours"));
        if (const Node* j = plan->find("jours")) a.jours_pos = j->pos;
        each(plan->find("entretiens"), [&](const Node& n) {
            a.entretiens.push_back({date_at(n.find("date")), str(n.find("partie_prenante"))});
        });
        each(plan->find("visites"), [&](const Node& n) {
            a.visites.push_back({date_at(n.find("date")), text(n.find("residence")),
                                 integer(n.find("logements_visites")).value_or(0)});
        });
    }
    if (const Entry* r = root.find_entry("resultats")) a.resultats_pos = r->key_pos;
    each(root.find("resultats"), [&](const Node& n) {
        a.resultats.push_back({text(n.find("critere")), parse_evaluation(str(n.find("evaluation"))),
                               str(n.find("constat")), str(n.find("motif")), n.pos});
    });
    if (const Node* s = root.find("signature"); s != nullptr && s->is_mapping())
        a.signature = Signature{date_at(s->find("date")), text(s->find("auditeur")), s->pos};
    a.synthese = str(root.find("synthese"));
    o.audits.push_back(std::move(a));
}

void read_paa(const std::string& path, const Node& root, Organisme& o)
{
    Paa p;
    p.file = path;
    p.pos = root.pos;
    p.mise_a_jour = parse_iso_date(str(root.find("mise_a_jour")));
    each(root.find("actions"), [&](const Node& n) {
        Action a;
        a.id = text(n.find("id"));
        a.titre = str(n.find("titre"));
        a.portee = str(n.find("portee"));
        a.pilote = str(n.find("pilote"));
        if (const Node* t = n.find("traite"); t != nullptr && t->is_mapping()) {
            a.points_alerte = texts(t->find("points_alerte"));
            a.situations = texts(t->find("situations"));
        }
        a.echeance = date_at(n.find("echeance"));
        a.etat = parse_action_state(str(n.find("etat")));
        if (const Node* e = n.find("etat")) a.etat_pos = e->pos;
        a.preuves = texts(n.find("preuves"));
        a.pos = n.pos;
        p.actions.push_back(std::move(a));
    });
    o.paa = std::move(p);
}

void read_concertation(const std::string& path, const Node& root, Organisme& o)
{
    Concertation c;
    c.file = path;
    c.pos = root.pos;
    each(root.find("evenements"), [&](const Node& n) {
        Event e;
        e.date = date_at(n.find("date"));
        e.etape = parse_step(str(n.find("etape")));
        e.instance = str(n.find("instance"));
        e.objet = str(n.find("objet"));
        const std::string nature = str(n.find("nature"));
        if (nature == "information") e.nature = Nature::information;
        if (nature == "association") e.nature = Nature::association;
        if (const Node* p = n.find("preuve"); p != nullptr && p->is_scalar()) e.preuve = text(p);
        e.pos = n.pos;
        c.evenements.push_back(std::move(e));
    });
    o.concertation = std::move(c);
}

void read_candidature(const std::string& path, const Node& root, Organisme& o)
{
    Candidature c;
    c.file = path;
    c.pos = root.pos;
    c.seance = date_at(root.find("seance"));
    if (!c.seance.value && c.seance.pos.line == 0) c.seance.value = date_prefix(path);
    c.demande = parse_request(str(root.find("decision_demandee")));
    if (const Node* d = root.find("decision_demandee")) c.demande_pos = d->pos;
    c.depot = date_at(root.find("depot"));
    c.pieces = texts(root.find("pieces"));
    if (const Node* p = root.find("pieces")) c.pieces_pos = p->pos;
    if (const Node* v = root.find("validation_auditeur"); v != nullptr && v->is_mapping())
        c.validation = AuditorValidation{text(v->find("auditeur")), date_at(v->find("date")), v->pos};
    o.candidatures.push_back(std::move(c));
}

std::optional<VisaEntry> visa_entry(const Node* n)
{
    if (n == nullptr || !n->is_mapping()) return std::nullopt;
    return VisaEntry{text(n->find("chemin")), str(n->find("sha256")), n->pos, str(n->find("git_blob"))};
}

void read_visa(const std::string& path, const Node& root, Organisme& o)
{
    Visa v;
    v.file = path;
    v.pos = root.pos;
    v.seance = text(root.find("seance"));
    v.auditeur = text(root.find("auditeur"));
    v.date = text(root.find("date"));
    v.candidature = visa_entry(root.find("candidature"));
    each(root.find("pieces"), [&](const Node& n) {
        if (auto e = visa_entry(&n)) v.pieces.push_back(std::move(*e));
    });
    if (const Node* s = root.find("signature"); s != nullptr && s->is_scalar()) v.signature = text(s);
    o.visas.push_back(std::move(v));
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
    case FileKind::organisme: read_identity(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::autodiagnostic: read_self_diagnosis(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::audit: read_audit(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::paa: read_paa(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::concertation: read_concertation(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::candidature: read_candidature(in.path, root, organisme_for(m, m_index, slug)); break;
    case FileKind::visa: read_visa(in.path, root, organisme_for(m, m_index, slug)); break;
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
