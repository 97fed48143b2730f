#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The HTML documents (agenda, instruction sheet, letters, procès-verbal) in a real browser.

Renders every HTML document of quali for a repository whose values are hostile (an organisme
named <img src=x onerror=alert(1)>, another holding | and <script>alert(1)</script>, a
condition, a place, a référent and the référent's proposals (avis) with markup), checks each file as text (standalone: no
script, no event handler, no external address, A4 print rules, lang="fr", tables with header
cells), then loads it in headless Chromium (Debian package chromium) and checks the DOM it
built: the names show as text, no <img>, <script> or <iframe> element exists, nothing ran.

Chromium is required (scripts/bootstrap.sh test installs it): without it the suite fails.

Usage: test_html.py --quali PATH_TO_BINARY --source SOURCE_DIR [TEST_NAME…]
Prints `ok NAME` or `FAIL NAME: reason` per test, then "N passed, M failed"; exits 1 on failure.
"""
import html.parser
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Suite, TempRepo, arguments, check, chromium_dom, require, run_quali  # noqa: E402

args = arguments(__doc__)
QUALI, SOURCE = args.quali, args.source
JUIN = os.path.join(SOURCE, "tests", "data", "agenda", "seance-de-juin")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "Bravo | <script>alert(1)</script><script>document.documentElement.setAttribute('data-pwned','1')</script>"
DELTA = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> & \"Delta\" 'Habitat'"
CONDITION = "<script>alert(2)</script> Revoir le PAA"
LIEU = "<iframe src=x></iframe> Paris"
REFERENT = "<b onmouseover=alert(3)>Hélène</b> Roussel"
AVIS = "<script>document.documentElement.setAttribute('data-pwned','3')</script> Dossier solide"


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


PATCH = {"edit": [
    {"file": "organismes/alpha-habitat/organisme.yaml", "replace": "nom: Alpha Habitat", "with": "nom: " + yaml_string(IMG)},
    {"file": "organismes/bravo-logis/organisme.yaml", "replace": "nom: Bravo Logis", "with": "nom: " + yaml_string(SCRIPT)},
    {"file": "organismes/delta-habitat/organisme.yaml", "replace": "nom: Delta Habitat", "with": "nom: " + yaml_string(DELTA)},
    {"file": "comite/seances/2025-11-20.yaml", "replace": "- Revoir le PAA avec le CCL avant le premier maintien",
     "with": "- " + yaml_string(CONDITION)},
    {"file": "comite/seances/2025-11-20.yaml", "replace": "lieu: Paris, siège de l'USH", "with": "lieu: " + yaml_string(LIEU)},
    {"file": "comite/seances/2026-06-18.yaml", "replace": "lieu: Paris, siège de l'USH", "with": "lieu: " + yaml_string(LIEU)
     + "\npropositions:\n  - { organisme: alpha-habitat, proposition: admissible, avis: " + yaml_string(AVIS) + " }"},
    {"file": "comite/seances/2025-11-20.yaml", "replace": "decisions:",
     "with": "suppleants: [locataires-cnl]\npropositions:\n  - { organisme: echo-logis, proposition: ajourne, avis: "
             + yaml_string(AVIS) + " }\ndecisions:"},
    {"file": "quali.yaml", "replace": "nom: Hélène Roussel", "with": "nom: " + yaml_string(REFERENT)},
]}

suite = Suite()


class Page(html.parser.HTMLParser):
    """The elements, attributes and text of an HTML document."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags = []          # (tag, attrs dict)
        self.text = []
        self.stack = []
        self.tables = []        # per table: {"th": n, "thead_th_col": n}
        self.feed(text)
        self.close()
        self.all_text = "".join(self.text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "table":
            self.tables.append({"th": 0, "thead_th_col": 0})
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            if "thead" in self.stack and attrs.get("scope") == "col":
                self.tables[-1]["thead_th_col"] += 1
        if tag not in ("meta", "br", "link", "img", "input", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" not in self.stack and "title" not in self.stack:
            self.text.append(data)

    def named(self, tag):
        return [a for t, a in self.tags if t == tag]


def check_document(path, expect_texts, what):
    """The file itself: standalone, print-ready, semantic, escaped."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    low = raw.lower()
    check(raw.startswith("<!DOCTYPE html>"), f"{what}: no <!DOCTYPE html>")
    check("<script" not in low and "<iframe" not in low and "<img" not in low, f"{what}: raw markup in the file")
    check("http:" not in low and "https:" not in low and "//" not in raw.replace("://", ""), f"{what}: an address")
    check("@page" in raw and "size: A4" in raw and "@media print" in raw, f"{what}: no A4 print rules")
    page = Page(raw)
    html_tags = page.named("html")
    check(html_tags and html_tags[0].get("lang") == "fr", f"{what}: <html lang=\"fr\"> missing")
    check(any(a.get("charset", "").lower() == "utf-8" for a in page.named("meta")), f"{what}: no meta charset")
    check(page.named("h1") and page.named("h2"), f"{what}: no h1/h2 headings")
    check(page.named("style"), f"{what}: no inline <style>")
    for tag, attrs in page.tags:
        check(not any(k.startswith("on") for k in attrs), f"{what}: event handler on <{tag}>")
        check(not any(k in ("src", "href", "action", "srcset", "data") for k in attrs), f"{what}: <{tag} {attrs}>")
        check(tag not in ("script", "iframe", "img", "object", "embed", "link", "base", "form"), f"{what}: <{tag}>")
    check(page.tables, f"{what}: no table")
    for i, t in enumerate(page.tables):
        check(t["th"] > 0 and t["thead_th_col"] > 0, f"{what}: table {i + 1} has no <thead> <th scope=\"col\">")
    for text in expect_texts:
        check(text in page.all_text, f"{what}: {text!r} does not show as text")
    return raw


def dom_of(path):
    """The DOM Chromium built for the file, serialized (--dump-dom)."""
    require(CHROMIUM is not None, "chromium is not installed (apt-get install chromium; scripts/bootstrap.sh test installs it)")
    return chromium_dom(CHROMIUM, path)[0]


def check_dom(path, expect_texts, what):
    dom = dom_of(path)
    page = Page(dom)
    for tag in ("img", "script", "iframe", "object", "embed"):
        check(not page.named(tag), f"{what}: the browser built a <{tag}> element")
    root = page.named("html")
    check(root and root[0].get("lang") == "fr", f"{what}: DOM <html> has no lang=\"fr\"")
    check(root and "data-pwned" not in root[0], f"{what}: a hostile value ran in the browser")
    check(all(t["th"] > 0 for t in page.tables) and page.tables, f"{what}: a table without header cells")
    check(page.named("h1"), f"{what}: no h1 in the DOM")
    for text in expect_texts:
        check(text in page.all_text, f"{what}: {text!r} is not text in the DOM")


class Rendered:
    """The hostile repository and its HTML documents, rendered once for the suite."""

    def __init__(self):
        self.temp = TempRepo(JUIN, PATCH)
        self.repo = self.temp.__enter__()
        out = os.path.join(self.repo, "..", "html")
        os.makedirs(out)
        self.files = {}

        def render(name, argv):
            path = os.path.join(out, name)
            run = run_quali(QUALI, argv + ["-C", self.repo, "-o", path], self.repo)
            check(run.code == 0, f"{run.describe()}: exit {run.code}: {run.stderr}")
            self.files[name] = path

        render("agenda.html", ["agenda", "2026-06-18", "--as-of", "2026-06-10", "--format", "html"])
        render("dossier-alpha.html", ["dossier", "alpha-habitat", "--as-of", "2026-06-10", "--format", "html"])
        render("dossier-delta.html", ["dossier", "delta-habitat", "--as-of", "2026-06-10", "--format", "html"])
        render("pv.html", ["pv", "2025-11-20", "--format", "html"])
        letters = os.path.join(out, "courriers")
        run = run_quali(QUALI, ["notify", "2025-11-20", "-C", self.repo, "-o", letters, "--as-of", "2025-11-24"],
                        self.repo)
        check(run.code == 0, f"{run.describe()}: exit {run.code}: {run.stderr}")
        self.files["lettre-delta.html"] = os.path.join(letters, "2025-11-20-delta-habitat.html")
        self.files["lettre-echo.html"] = os.path.join(letters, "2025-11-20-echo-logis.html")

    def close(self):
        self.temp.__exit__(None, None, None)


EXPECT = {
    "agenda.html": [IMG, SCRIPT, DELTA, LIEU, REFERENT, AVIS],
    "pv.html": [DELTA, LIEU, CONDITION, AVIS, REFERENT, "suppléant", "atteint —"],
    "dossier-alpha.html": [IMG],
    "dossier-delta.html": [DELTA],
    "lettre-delta.html": [DELTA, REFERENT, "20 novembre 2026", "19 novembre 2026"],
    "lettre-echo.html": [CONDITION, LIEU, "20 novembre 2026"],
}

rendered = None


def documents():
    global rendered
    if rendered is None:
        rendered = Rendered()
    return rendered


@suite.test
def test_chromium_is_installed():
    require(CHROMIUM is not None, "chromium is not installed (apt-get install chromium; scripts/bootstrap.sh test "
                                  "installs it)")


def add_file_tests(name):
    def as_text():
        check_document(documents().files[name], EXPECT[name], name)

    def in_browser():
        check_dom(documents().files[name], EXPECT[name], name)

    suite.add(f"{name}_is_standalone_escaped_and_semantic", as_text)
    suite.add(f"{name}_renders_in_chromium_with_nothing_executed", in_browser)


for document in EXPECT:
    add_file_tests(document)


@suite.test
def test_english_messages_do_not_change_the_document_language():
    doc = documents()
    run = run_quali(QUALI, ["--lang", "en", "agenda", "2026-06-18", "-C", doc.repo, "--as-of", "2026-06-10",
                            "--format", "html"], doc.repo)
    check(run.code == 0 and '<html lang="fr">' in run.stdout, "the documents are French, so lang=\"fr\"")


try:
    code = suite.run(args.tests)
finally:
    if rendered is not None:
        rendered.close()
sys.exit(code)
