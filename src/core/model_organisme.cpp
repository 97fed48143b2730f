// SPDX-License-Identifier: EUPL-1.2
// The files of an organisme folder read into its Organisme: identity, self-diagnosis, audits,
// action plan, concertation, candidatures and the auditors' sign-offs.
#include "model_nodes.hpp"

namespace quali::core::model_nodes {

namespace {

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
        o.contact_civilite = parse_civilite(str(c->find("civilite")));
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

} // namespace

void read_organisme_file(FileKind kind, const std::string& path, const Node& root, Organisme& o)
{
    switch (kind) {
    case FileKind::organisme:
        read_identity(path, root, o);
        break;
    case FileKind::autodiagnostic:
        read_self_diagnosis(path, root, o);
        break;
    case FileKind::audit:
        read_audit(path, root, o);
        break;
    case FileKind::paa:
        read_paa(path, root, o);
        break;
    case FileKind::concertation:
        read_concertation(path, root, o);
        break;
    case FileKind::candidature:
        read_candidature(path, root, o);
        break;
    case FileKind::visa:
        read_visa(path, root, o);
        break;
    default:
        break;
    }
}

} // namespace quali::core::model_nodes
