// SPDX-License-Identifier: EUPL-1.2
// The static site's pieces: page names, URLs, a document's body, the frame with its nav bar.
#include "quali/render/site.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace quali::render;

TEST_SUITE("render::site")
{
    TEST_CASE("a plain slug is its page's name; anything else is spelt in hex")
    {
        CHECK(site_page_name("habitat-loire") == "habitat-loire");
        CHECK(site_page_name("a b") == "o-612062");
        CHECK(site_page_name(".cache") == "o-2e6361636865");
        CHECK(site_page_name("x?y#z") == "o-783f79237a");
        CHECK(site_page_name("") == "o-");
    }

    TEST_CASE("a relative path becomes a URL that means the same file")
    {
        CHECK(url_path("../../depot/organismes/a/preuves/ccl 2024.pdf") ==
              "../../depot/organismes/a/preuves/ccl%202024.pdf");
        CHECK(url_path("preuves/é#?.pdf") == "preuves/%C3%A9%23%3F.pdf");
    }

    TEST_CASE("the body of a document is what lies between its body tags")
    {
        CHECK(document_body("<html><head></head><body class=\"x\">\n<p>a</p>\n</body>\n</html>") ==
              "\n<p>a</p>\n");
        CHECK(document_body("<p>sans cadre</p>") == "<p>sans cadre</p>");
    }

    TEST_CASE("the body filtered as it comes is document_body's, in pieces of any size")
    {
        const std::vector<std::string> documents = {
            "<html><head><title>t</title></head><body class=\"x\">\n<p>a</p>\n</body>\n</html>\n",
            "<body><p>un</p></body><p>entre</p></body>\n</html>", // the last </body> ends it
            "<body>\n<p>&lt;/body&gt; échappé</p>\n</body>",
            "<body></body>",
            "<p>sans cadre</p>",                  // no <body: whole
            "<html><body><p>jamais fermé</p>",     // no </body>: whole
            "</body><body><p>fin avant</p>",       // the last </body> before <body: whole
            "<body</body>",                        // its « > » is the end tag's: whole
            "<bo<body><p>b</p></bod</body>x"};
        for (const std::string& doc : documents) {
            const std::string expected = document_body(doc);
            const bool has_body = expected != doc;
            // Rendered with a template that has a <body (the document itself), or with one that has
            // none: then the document is given whole, unless it spells a « <body » all the same.
            for (const std::string& template_text : {doc, std::string("<p>{{x}}</p>")}) {
                const bool whole = template_text.find("<body") == std::string::npos;
                const bool given = whole ? doc.find("<body") == std::string::npos : has_body;
                for (std::size_t size : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{6}, std::size_t{7}, doc.size()}) {
                    CAPTURE(doc);
                    CAPTURE(template_text);
                    CAPTURE(size);
                    std::string out;
                    const TextSink sink = [&out](std::string_view piece) { out += piece; };
                    BodyFilter filter(sink, template_text);
                    for (std::size_t at = 0; at < doc.size(); at += size)
                        filter(std::string_view(doc).substr(at, size));
                    CHECK(filter.finish() == given);
                    if (given) {
                        CHECK(out == expected);
                        CHECK(filter.last() == (expected.empty() ? std::nullopt : std::optional(expected.back())));
                    }
                }
            }
        }
    }

    TEST_CASE("a document whose template has no <body is given as it comes, nothing held back")
    {
        std::string out;
        const TextSink sink = [&out](std::string_view piece) { out += piece; };
        BodyFilter filter(sink, "<main>{{#lignes}}<p>{{texte}}</p>{{/lignes}}</main>");
        filter("<main><p>un</p>");
        CHECK(out == "<main><p>un</p>"); // given at once: a page of megabytes is never held
        filter("<p>&lt;body&gt;</p></main>");
        CHECK(filter.finish());
        CHECK(out == "<main><p>un</p><p>&lt;body&gt;</p></main>");
        CHECK(filter.last() == '>');
    }

    TEST_CASE("the frame escapes the title and the nav bar and keeps the body as given")
    {
        const std::string frame =
            "<title>{{titre}}</title>{{#nav}}<a href=\"{{href}}\">{{texte}}</a>{{/nav}}<!--contenu-->";
        const std::string page = site_page(frame, "<script>x</script> <!--contenu-->", "../",
                                           {{"index.html", "Accueil"}}, "<main>ok</main>");
        CHECK(page == "<title>&lt;script&gt;x&lt;/script&gt; &lt;!--contenu--&gt;</title>"
                      "<a href=\"../index.html\">Accueil</a><main>ok</main>\n"); // a page ends its last line
    }

    TEST_CASE("a page in parts is the page: the body between head and tail, a line break only when missing")
    {
        const auto joined = [](const PageFrame& f, std::string_view body) {
            std::string out;
            for (const std::string_view part : page_parts(f, body))
                out.append(part);
            return out;
        };
        const PageFrame framed = site_frame("<h1>{{titre}}</h1><!--contenu--><footer/>\n", "T", "", {});
        CHECK(framed.has_mark);
        CHECK(framed.head == "<h1>T</h1>");
        CHECK(framed.tail == "<footer/>\n");
        CHECK(joined(framed, "<p>corps</p>") == "<h1>T</h1><p>corps</p><footer/>\n");
        const PageFrame open_end = site_frame("<h1>{{titre}}</h1><!--contenu-->", "T", "", {});
        CHECK(joined(open_end, "<p>corps</p>") == "<h1>T</h1><p>corps</p>\n");
        CHECK(joined(open_end, "<p>corps</p>\n") == "<h1>T</h1><p>corps</p>\n");
        CHECK(joined(open_end, "") == "<h1>T</h1>\n");
        // A frame without the mark shows no body.
        const PageFrame unmarked = site_frame("<h1>{{titre}}</h1>", "T", "", {});
        CHECK_FALSE(unmarked.has_mark);
        CHECK(joined(unmarked, "<p>corps</p>") == "<h1>T</h1>\n");
        // The end of a page whose body went by in pieces: only its last character is known.
        CHECK(page_end(framed, 'x') == "");
        CHECK(page_end(open_end, '\n') == "");
        CHECK(page_end(open_end, '>') == "\n");
        CHECK(page_end(open_end, std::nullopt) == "\n"); // the head ends with '>'
        CHECK(page_end(PageFrame{"", "", true}, std::nullopt) == "\n");
        CHECK(page_end(PageFrame{"<h1>T</h1>\n", "", false}, std::nullopt) == "");
    }

    TEST_CASE("the audits done are listed in the model's order, whatever order the organismes came in")
    {
        quali::core::Model model;
        for (const char* slug : {"a", "b", "c"}) {
            quali::core::Organisme& o = model.organismes.emplace_back();
            o.slug = slug;
            o.nom = std::string("Organisme ") + slug;
            for (const char* day : {"2024-01-10", "2025-02-20"}) {
                quali::core::Audit& a = o.audits.emplace_back();
                a.file = std::string("audits/") + day + "-verification.yaml";
                a.type = quali::core::AuditType::verification;
                a.auditeur.value = slug == std::string("b") ? "autre" : "jd";
                a.debut.value = quali::core::parse_iso_date(day);
            }
        }
        quali::core::Auditor& jd = model.auditors.emplace_back();
        jd.id = "jd";
        model.index();
        AuditsDone in_order, reversed;
        for (const quali::core::Organisme& o : model.organismes)
            in_order.add(o);
        for (auto o = model.organismes.rbegin(); o != model.organismes.rend(); ++o)
            reversed.add(*o);
        quali::core::Organisme gone;
        gone.slug = "parti";
        gone.audits = model.organismes.front().audits;
        reversed.add(gone); // not in the model: left out
        const std::vector<AuditsDone::Audit> of_jd = reversed.of("jd", model);
        REQUIRE(of_jd.size() == 4);
        CHECK(of_jd[0].organisme->slug == "a");
        CHECK(of_jd[0].date == quali::core::parse_iso_date("2024-01-10"));
        CHECK(of_jd[1].date == quali::core::parse_iso_date("2025-02-20"));
        CHECK(of_jd[2].organisme->slug == "c");
        CHECK(reversed.of("autre", model).size() == 2);
        CHECK(reversed.of("personne", model).empty());
        CHECK(auditors_tree(model, reversed).dump() == auditors_tree(model, in_order).dump());
        CHECK(auditors_tree(model, in_order).dump().find("Organisme c") != std::string::npos);
    }
}
