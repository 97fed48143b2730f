#include "quali/core/visa_checks.hpp"

#include "quali/core/model_builder.hpp"
#include "quali/io/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace quali;

namespace {

core::Date day(std::string_view iso)
{
    const auto d = core::parse_iso_date(iso);
    REQUIRE(d.has_value());
    return *d;
}

// A small repository held in memory: parsed files, a model, and "disk" digests.
struct Fixture {
    std::vector<io::ParsedYaml> parsed;
    std::vector<core::ModelInput> inputs;
    std::map<std::string, std::string> digests;  // path -> sha256 the callback answers

    void add(const std::string& path, std::string_view text)
    {
        parsed.push_back(io::parse_yaml(text, core::Lang::fr));
        REQUIRE(parsed.back().tree->root() != nullptr);
        const auto placement = core::classify_repository_path(path);
        REQUIRE(placement.has_value());
        inputs.push_back({path, *placement, parsed.back().tree->root()});
    }

    core::Model model() const { return core::build_model(inputs, ""); }

    core::FileDigest digest() const
    {
        return [this](const std::string& path) -> std::optional<std::string> {
            const auto it = digests.find(path);
            if (it == digests.end()) return std::nullopt;
            return it->second;
        };
    }
};

const std::string sha_a(64, 'a');
const std::string sha_b(64, 'b');
const std::string sha_c(64, 'c');

std::string visa_text(const std::string& signature = {})
{
    std::string t = "version: 1\nseance: 2026-06-18\nauditeur: jeanne-durand\ndate: 2026-06-03\n"
                    "candidature: { chemin: candidatures/2026-06-18.yaml, sha256: " + sha_a + " }\n"
                    "pieces:\n  - { chemin: paa.yaml, sha256: " + sha_b + " }\n"
                    "  - { chemin: preuves/lettre.pdf, sha256: " + sha_c + " }\n";
    if (!signature.empty()) t += "signature: |\n  " + signature + "\n";
    return t;
}

const char* const visa_path = "organismes/habitat-loire/candidatures/2026-06-18.visa.yaml";

Fixture unchanged(const std::string& signature = {}, const std::string& key = {})
{
    Fixture f;
    f.add("auditeurs/jeanne-durand.yaml", "nom: Jeanne Durand\ncabinet: DC\nstatut: actif\n"
                                          "agrements: [ { debut: 2025-01-01, fin: 2027-12-31 } ]\n" +
                                              (key.empty() ? std::string() : "cle_publique: \"" + key + "\"\n"));
    f.add(visa_path, visa_text(signature));
    f.digests = {{"organismes/habitat-loire/candidatures/2026-06-18.yaml", sha_a},
                 {"organismes/habitat-loire/paa.yaml", sha_b},
                 {"organismes/habitat-loire/preuves/lettre.pdf", sha_c}};
    return f;
}

core::SignatureVerifier verifier(core::SignatureVerdict verdict, std::string* seen_message = nullptr)
{
    return [verdict, seen_message](const std::string&, const std::string&, const std::string&, const std::string& message) {
        if (seen_message != nullptr) *seen_message = message;
        return core::SignatureCheck{verdict, "détail"};
    };
}

} // namespace

TEST_SUITE("core::visa_checks")
{
    TEST_CASE("a visa file is classified as its own kind, next to the candidature it covers")
    {
        const auto p = core::classify_repository_path(visa_path);
        REQUIRE(p.has_value());
        CHECK(p->kind == core::FileKind::visa);
        CHECK(p->organisme == "habitat-loire");
        CHECK(core::classify_repository_path("organismes/habitat-loire/candidatures/2026-06-18.yaml")->kind ==
              core::FileKind::candidature);
        CHECK(core::classify_organisme_path("candidatures/2026-06-18.visa.yaml")->kind == core::FileKind::visa);
        CHECK(core::kind_name(core::FileKind::visa) == "visa");
    }

    TEST_CASE("the model reads the visa's fields as written")
    {
        const Fixture f = unchanged();
        const core::Model m = f.model();
        const core::Organisme* o = m.organisme("habitat-loire");
        REQUIRE(o != nullptr);
        REQUIRE(o->visas.size() == 1);
        const core::Visa& v = o->visas.front();
        CHECK(v.file == visa_path);
        CHECK(v.seance.value == "2026-06-18");
        CHECK(v.auditeur.value == "jeanne-durand");
        REQUIRE(v.candidature.has_value());
        CHECK(v.candidature->chemin.value == "candidatures/2026-06-18.yaml");
        REQUIRE(v.pieces.size() == 2);
        CHECK(v.pieces[1].sha256 == sha_c);
        CHECK_FALSE(v.signature.has_value());
    }

    TEST_CASE("nothing is reported while every file has the fingerprint the visa recorded")
    {
        const Fixture f = unchanged();
        CHECK(core::check_visas(f.model(), day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid),
                                core::Lang::fr)
                  .empty());
    }

    TEST_CASE("a piece changed after the visa is reported on that piece, with a note at the visa")
    {
        Fixture f = unchanged();
        f.digests["organismes/habitat-loire/paa.yaml"] = std::string(64, 'd');
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q397");
        CHECK(ds[0].severity == core::Severity::error);
        CHECK(ds[0].file == "organismes/habitat-loire/paa.yaml");
        CHECK(ds[0].message.find("jeanne-durand") != std::string::npos);
        REQUIRE(ds[0].notes.size() == 1);
        CHECK(ds[0].notes[0].file == visa_path);
        CHECK(ds[0].notes[0].pos.line == 7);
    }

    TEST_CASE("a piece removed since the visa is reported on the visa line that names it")
    {
        Fixture f = unchanged();
        f.digests.erase("organismes/habitat-loire/preuves/lettre.pdf");
        const auto ds = core::check_visas(f.model(), day("2026-06-10"), f.digest(),
                                          verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].code == "Q397");
        CHECK(ds[0].file == visa_path);
        CHECK(ds[0].pos.line == 8);
        CHECK(ds[0].message.find("preuves/lettre.pdf") != std::string::npos);
    }

    TEST_CASE("a visa whose session is past is not checked any more")
    {
        Fixture f = unchanged();
        f.digests.clear();
        CHECK_FALSE(core::check_visas(f.model(), day("2026-06-18"), f.digest(),
                                      verifier(core::SignatureVerdict::valid), core::Lang::fr)
                        .empty());
        CHECK(core::check_visas(f.model(), day("2026-06-19"), f.digest(), verifier(core::SignatureVerdict::valid),
                                core::Lang::fr)
                  .empty());
    }

    TEST_CASE("the signed text names the organisme and every field, pieces in the record's order")
    {
        const Fixture f = unchanged();
        const core::Model m = f.model();
        const std::string text = core::canonical_visa_text("habitat-loire", m.organismes.front().visas.front());
        CHECK(text == "quali-visa 1\norganisme habitat-loire\nseance 2026-06-18\nauditeur jeanne-durand\n"
                      "date 2026-06-03\ncandidature " + sha_a + " candidatures/2026-06-18.yaml\n"
                      "piece " + sha_b + " paa.yaml\npiece " + sha_c + " preuves/lettre.pdf\n");
        CHECK(core::canonical_visa_text("autre", m.organismes.front().visas.front()) != text);
    }

    TEST_CASE("a signature is verified with the auditor's declared key over the canonical text")
    {
        const Fixture f = unchanged("-----BEGIN SSH SIGNATURE-----", "ssh-ed25519 AAAAC3Nza cle");
        const core::Model m = f.model();
        std::string message;
        CHECK(core::check_visas(m, day("2026-06-10"), f.digest(), verifier(core::SignatureVerdict::valid, &message),
                                core::Lang::fr)
                  .empty());
        CHECK(message == core::canonical_visa_text("habitat-loire", m.organismes.front().visas.front()));

        const auto invalid = core::check_visas(m, day("2026-06-10"), f.digest(),
                                               verifier(core::SignatureVerdict::invalid), core::Lang::fr);
        REQUIRE(invalid.size() == 1);
        CHECK(invalid[0].code == "Q398");
        CHECK(invalid[0].severity == core::Severity::error);

        const auto unavailable = core::check_visas(m, day("2026-06-10"), f.digest(),
                                                   verifier(core::SignatureVerdict::unavailable), core::Lang::fr);
        REQUIRE(unavailable.size() == 1);
        CHECK(unavailable[0].code == "Q399");
        CHECK(unavailable[0].severity == core::Severity::warning);
    }

    TEST_CASE("a signature without a declared key is a warning; no signature with a declared key an error")
    {
        const Fixture no_key = unchanged("-----BEGIN SSH SIGNATURE-----");
        const auto w = core::check_visas(no_key.model(), day("2026-06-10"), no_key.digest(),
                                         verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(w.size() == 1);
        CHECK(w[0].code == "Q399");

        const Fixture unsigned_visa = unchanged({}, "ssh-ed25519 AAAAC3Nza cle");
        const auto e = core::check_visas(unsigned_visa.model(), day("2026-06-10"), unsigned_visa.digest(),
                                         verifier(core::SignatureVerdict::valid), core::Lang::fr);
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "Q398");
        CHECK(e[0].severity == core::Severity::error);
    }
}
