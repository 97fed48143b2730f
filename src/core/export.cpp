// SPDX-License-Identifier: EUPL-1.2
#include "quali/core/export.hpp"

#include "quali/core/deadlines.hpp"
#include "quali/core/file_kind.hpp"
#include "quali/core/instruction.hpp"
#include "quali/core/pathway.hpp"
#include "quali/core/predicates.hpp"
#include "quali/core/rules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace quali::core {

namespace {

std::string date_text(std::optional<Date> d)
{
    return d ? iso(*d) : std::string();
}

std::string yes_no(bool b)
{
    return b ? "oui" : "non";
}

std::string joined(const std::vector<Text>& items)
{
    std::string out;
    for (const Text& t : items)
        out += (out.empty() ? "" : " ; ") + t.value;
    return out;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : " ; ") + s;
    return out;
}

FlatTable organismes(const Model& model, Date as_of)
{
    FlatTable t{"organismes",
                {"organisme", "nom", "sigle", "siren", "famille", "federation", "region", "logements", "engagement",
                 "etat", "depuis", "annee_cycle", "valide_jusqu_au", "prochaine_etape", "echeance", "en_retard",
                 "seance_visee"},
                {}};
    for (const Organisme& o : model.organismes) {
        const Pathway p = pathway(model, o, as_of);
        t.lignes.push_back({o.slug, o.nom, o.sigle, o.siren, o.famille, o.federation, o.region,
                            o.logements_pos.line > 0 ? std::to_string(o.logements) : "", date_text(o.engagement.value), std::string(to_string(p.etat)),
                            date_text(p.depuis), p.annee_cycle ? std::to_string(*p.annee_cycle) : "",
                            date_text(p.valide_jusqu_au),
                            p.prochaine_etape ? std::string(to_string(*p.prochaine_etape)) : "", date_text(p.echeance),
                            yes_no(p.en_retard), date_text(p.seance_visee)});
    }
    return t;
}

FlatTable actions(const Model& model, Date as_of)
{
    FlatTable t{"actions",
                {"organisme", "action", "titre", "portee", "pilote", "echeance", "etat", "points_alerte", "situations",
                 "preuves", "en_retard"},
                {}};
    for (const Organisme& o : model.organismes) {
        if (!o.paa) continue;
        for (const Action& a : o.paa->actions) {
            const bool late = is_late(a, as_of);
            t.lignes.push_back({o.slug, a.id.value, a.titre, a.portee, a.pilote, date_text(a.echeance.value),
                                a.etat ? std::string(to_string(*a.etat)) : "", joined(a.points_alerte),
                                joined(a.situations), std::to_string(a.preuves.size()), yes_no(late)});
        }
    }
    return t;
}

FlatTable decisions(const Model& model, Date as_of)
{
    FlatTable t{"decisions",
                {"seance", "organisme", "decision", "pour", "contre", "abstention", "derogation_echeance",
                 "derogation_objet", "conditions", "motif", "demande", "depot", "statut_depot"},
                {}};
    for (const Session& s : model.sessions) {
        if (!s.held || !s.date || *s.date > as_of) continue;
        for (const Decision& d : s.decisions) {
            const Organisme* o = model.organisme(d.organisme.value);
            const Candidature* c = o != nullptr ? o->candidature_for(*s.date) : nullptr;
            std::string statut;
            if (c != nullptr)
                statut = to_string(filing_status(c->depot.value, *s.date, filing_window(model.rules, *s.date)));
            t.lignes.push_back(
                {iso(*s.date), d.organisme.value, d.kind ? std::string(to_string(*d.kind)) : "",
                 d.votes ? std::to_string(d.votes->pour) : "", d.votes ? std::to_string(d.votes->contre) : "",
                 d.votes ? std::to_string(d.votes->abstention) : "",
                 d.derogation ? date_text(d.derogation->echeance.value) : "", d.derogation ? d.derogation->objet : "",
                 joined(d.conditions), d.motif,
                 c != nullptr && c->demande ? std::string(to_string(*c->demande)) : "",
                 c != nullptr ? date_text(c->depot.value) : "", statut});
        }
    }
    return t;
}

FlatTable audits(const Model& model)
{
    FlatTable t{"audits",
                {"organisme", "audit", "type", "auditeur", "debut", "fin", "jours", "points_forts", "conformes",
                 "points_alerte", "non_evalues", "signature"},
                {}};
    for (const Organisme& o : model.organismes) {
        for (const Audit& a : o.audits) {
            t.lignes.push_back({o.slug, path_in_folder(o.folder, a.file), a.type ? std::string(to_string(*a.type)) : "",
                                a.auditeur.value, date_text(a.debut.value), date_text(a.fin.value),
                                a.jours ? decimal_text(*a.jours) : "",
                                std::to_string(a.count(Evaluation::point_fort)),
                                std::to_string(a.count(Evaluation::conforme)),
                                std::to_string(a.count(Evaluation::point_d_alerte)),
                                std::to_string(a.count(Evaluation::non_evalue)),
                                a.signature ? date_text(a.signature->date.value) : ""});
        }
    }
    return t;
}

FlatTable echeances(const Model& model, Date as_of)
{
    FlatTable t{"echeances", {"date", "type", "organisme", "titre", "description", "statut"}, {}};
    for (const Deadline& d : deadlines(model, as_of, std::nullopt, Lang::fr))
        t.lignes.push_back({iso(d.date), std::string(to_string(d.type)), d.organisme, d.titre, d.description,
                            std::string(to_string(d.statut))});
    return t;
}

} // namespace

std::string_view to_string(ExportTable t)
{
    switch (t) {
    case ExportTable::organismes:
        return "organismes";
    case ExportTable::actions:
        return "actions";
    case ExportTable::decisions:
        return "decisions";
    case ExportTable::audits:
        return "audits";
    case ExportTable::echeances:
        return "echeances";
    }
    return "organismes";
}

std::optional<ExportTable> parse_export_table(std::string_view name)
{
    for (ExportTable t : all_export_tables)
        if (to_string(t) == name) return t;
    return std::nullopt;
}

std::string decimal_text(double value)
{
    std::string s = fmt::format("{:.2f}", value);
    while (s.ends_with('0'))
        s.pop_back();
    if (s.ends_with('.')) s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

FlatTable export_table(const Model& model, ExportTable table, Date as_of)
{
    switch (table) {
    case ExportTable::organismes:
        return organismes(model, as_of);
    case ExportTable::actions:
        return actions(model, as_of);
    case ExportTable::decisions:
        return decisions(model, as_of);
    case ExportTable::audits:
        return audits(model);
    case ExportTable::echeances:
        return echeances(model, as_of);
    }
    return {};
}

} // namespace quali::core
