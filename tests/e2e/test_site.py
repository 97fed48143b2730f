#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali site: the repository as a folder of static pages (docs/site.md).

On examples/depot as of 2026-06-10: every href/src of every page reaches a file of the site or
a proof file of the repository; two runs give the same bytes; a non-empty folder is refused,
--force replaces only a folder quali site wrote, a failure leaves nothing behind; the repository
is unchanged; hostile names and free texts show as text; the public site holds none of the
personal data planted everywhere; headless Chromium renders each kind of page.

Usage: test_site.py --quali PATH_TO_BINARY --source SOURCE_DIR [TEST_NAME…]
Prints `ok NAME` or `FAIL NAME: reason` per test, then "N passed, M failed"; exits 1 on failure.
"""
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import (MAX_SECONDS, Suite, TempRepo, arguments, check, chromium_dom, chromium_screenshot, png_is_blank,  # noqa: E402
                 require, run_quali, snapshot, snapshot_changes)

args = arguments(__doc__)
QUALI, SOURCE = args.quali, args.source
DEPOT = os.path.join(SOURCE, "examples", "depot")
AS_OF = "2026-06-10"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)

suite = Suite()


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site(repo, out, *extra, code=0, max_seconds=MAX_SECONDS):
    r = run_quali(QUALI, ["site", "-C", repo, "-o", out, "--as-of", AS_OF, *extra], cwd=os.path.dirname(repo),
                  max_seconds=max_seconds)
    check(r.code == code, f"exit {r.code}, expected {code}: {r.describe()}")
    return r


def files_of(folder):
    """{relative path: bytes} of every file under folder."""
    out = {}
    for dirpath, _, filenames in os.walk(folder):
        for n in filenames:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, folder)] = f.read()
    return out


class Page(html.parser.HTMLParser):
    """The tags, attributes and text of a page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(text)
        self.close()
        self.all_text = "".join(self.text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def full_and_public(repo):
    """The committee's site and the public one of repo, written beside it: their folders."""
    parent = os.path.dirname(repo)
    full, public = os.path.join(parent, "complet"), os.path.join(parent, "public")
    site(repo, full)
    site(repo, public, "--public")
    return full, public


def bench_repository(beside, n):
    """A bench repository of n organismes written beside a temporary one, and where its site goes."""
    repo = os.path.join(os.path.dirname(beside), f"bench-{n}")
    subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen.py"), str(n), repo], check=True,
                   stdout=subprocess.DEVNULL)
    return repo, os.path.join(os.path.dirname(repo), "site")


def pages_of(folder):
    return sorted(p for p in files_of(folder) if p.endswith(".html"))


def check_links(folder):
    """Every href/src is relative and reaches an existing file: of the site, or a proof outside it."""
    n = 0
    for rel in pages_of(folder):
        with open(os.path.join(folder, rel), encoding="utf-8") as f:
            page = Page(f.read())
        for tag, attrs in page.tags:
            for key in ("href", "src"):
                if key not in attrs:
                    continue
                url = attrs[key]
                parts = urllib.parse.urlsplit(url)
                check(not parts.scheme and not parts.netloc and not url.startswith("/"),
                      f"{rel}: <{tag} {key}={url!r}> is not a relative link")
                if not parts.path:
                    continue
                target = os.path.normpath(os.path.join(folder, os.path.dirname(rel), urllib.parse.unquote(parts.path)))
                check(os.path.isfile(target), f"{rel}: <{tag} {key}={url!r}> reaches nothing ({target})")
                n += 1
    return n


@suite.test
def test_every_link_of_every_page_reaches_a_file():
    with TempRepo(DEPOT) as repo:
        out = os.path.join(os.path.dirname(repo), "site")  # inside the repository's parent: proofs linked
        site(repo, out)
        pages = pages_of(out)
        for expected in ("index.html", "auditeurs.html", "observatoire.html", "organismes/habitat-loire.html",
                         "seances/2026-06-18.html", "seances/2025-11-20.html", "bilan/2025.html"):
            check(expected in pages, f"{expected} missing from {pages}")
        n = check_links(out)
        with open(os.path.join(out, "organismes", "habitat-loire.html"), encoding="utf-8") as f:
            text = f.read()
        check('href="../../repo/organismes/habitat-loire/preuves/' in text, "the proofs are not linked where they are")
        copied = os.path.join(os.path.dirname(repo), "copie")
        site(repo, copied, "--copier-preuves")
        check(os.path.isfile(os.path.join(copied, "preuves", "habitat-loire", "preuves", "ccl-2026-05-19.pdf")),
              "--copier-preuves did not copy a cited proof")
        n += check_links(copied)
        return f"{len(pages)} pages, {n} links"


@suite.test
def test_every_link_of_a_50_organisme_bench_repository_reaches_a_file():
    with TempRepo() as empty:
        repo, out = bench_repository(empty, 50)
        site(repo, out)
        pages = pages_of(out)
        check(len([p for p in pages if p.startswith("organismes/")]) == 50, f"not 50 organisme pages: {len(pages)}")
        return f"{len(pages)} pages, {check_links(out)} links"


@suite.test
def test_every_page_uses_the_shared_stylesheet_with_its_a4_print_rules():
    with TempRepo(DEPOT) as repo:
        out = os.path.join(os.path.dirname(repo), "site")
        site(repo, out)
        with open(os.path.join(out, "site.css"), encoding="utf-8") as f:
            css = f.read()
        check("@page" in css and "A4" in css and "@media print" in css, f"site.css lacks its print rules: {css[:200]!r}")
        for rel in pages_of(out):
            with open(os.path.join(out, rel), encoding="utf-8") as f:
                links = [a.get("href") for tag, a in Page(f.read()).tags if tag == "link" and a.get("rel") == "stylesheet"]
            depth = rel.count(os.sep)
            check(links == ["../" * depth + "site.css"], f"{rel}: stylesheet links {links}")


@suite.test
def test_two_runs_give_the_same_bytes():
    with TempRepo(DEPOT) as repo:
        parent = os.path.dirname(repo)
        site(repo, os.path.join(parent, "a"))
        site(repo, os.path.join(parent, "b"))
        a, b = files_of(os.path.join(parent, "a")), files_of(os.path.join(parent, "b"))
        check(sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}")
        diff = [p for p in a if a[p] != b[p]]
        check(not diff, f"different bytes: {diff}")


@suite.test
def test_the_repository_is_unchanged():
    with TempRepo(DEPOT) as repo:
        before = snapshot(repo)
        site(repo, os.path.join(os.path.dirname(repo), "site"))
        site(repo, os.path.join(os.path.dirname(repo), "site"), "--force", "--copier-preuves")
        changes = snapshot_changes(before, snapshot(repo))
        check(not changes, f"the repository changed: {changes}")


def leftovers(parent):
    return [n for n in os.listdir(parent) if ".tmp-" in n]


@suite.test
def test_a_folder_that_is_not_a_site_is_never_replaced():
    with TempRepo(DEPOT) as repo:
        parent = os.path.dirname(repo)
        out = os.path.join(parent, "docs")
        os.makedirs(out)
        with open(os.path.join(out, "rapport.txt"), "w") as f:
            f.write("à garder\n")
        r = site(repo, out, code=2)
        check("n'est pas un dossier vide" in r.stderr, f"no clear message: {r.stderr!r}")
        r = site(repo, out, "--force", code=2)
        check("n'a pas été écrit par quali site" in r.stderr, f"no clear message: {r.stderr!r}")
        check(sorted(os.listdir(out)) == ["rapport.txt"], f"the folder changed: {os.listdir(out)}")
        check(not leftovers(parent), f"temporary folders left: {leftovers(parent)}")


@suite.test
def test_force_replaces_a_site_and_an_empty_folder_is_used():
    with TempRepo(DEPOT) as repo:
        parent = os.path.dirname(repo)
        out = os.path.join(parent, "site")
        os.makedirs(out)
        site(repo, out)
        check(os.path.isfile(os.path.join(out, ".quali-site")), "no stamp file")
        with open(os.path.join(out, "ancien.html"), "w") as f:
            f.write("vieux")
        r = site(repo, out, code=2)
        check("--force" in r.stderr, f"the message does not name --force: {r.stderr!r}")
        site(repo, out, "--force")
        check(not os.path.exists(os.path.join(out, "ancien.html")), "the old site was not replaced")
        check(os.path.isfile(os.path.join(out, "index.html")), "no index.html after --force")
        check(not leftovers(parent), f"temporary folders left: {leftovers(parent)}")


@suite.test
def test_a_failure_leaves_nothing_behind():
    # The frame of every page, and the instruction sheet of the pages written while the
    # organisme folders are read: both refused before anything is written.
    for name, text in (("site-page.html.mustache", "{{> autre}}\n"), ("dossier.html.mustache", "{{#x}}ouvert\n")):
        with TempRepo(DEPOT, {"write": {"modeles/" + name: text}}) as repo:
            parent = os.path.dirname(repo)
            out = os.path.join(parent, "site")
            r = site(repo, out, code=2)
            check(name in r.stderr, f"the message does not name the template: {r.stderr!r}")
            check(not os.path.exists(out), "the site folder exists after a failure")
            check(not leftovers(parent), f"temporary folders left: {leftovers(parent)}")


IMG = '"><img src=x onerror=alert(1)>'
SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','1')</script> Loire"
HOSTILE = {"edit": [
    {"file": "organismes/habitat-loire/organisme.yaml", "replace": "nom: Habitat Loire", "with": "nom: " + yaml_string(SCRIPT)},
    {"file": "organismes/habitat-loire/paa.yaml", "replace": "titre: Répondre aux demandes écrites sous 10 jours",
     "with": "titre: " + yaml_string(IMG)},
    {"file": "auditeurs/paul-lefevre.yaml", "replace": "nom: Paul Lefèvre", "with": "nom: " + yaml_string(IMG)},
    {"file": "comite/seances/2026-06-18.yaml", "replace": "lieu: Paris, siège de l'USH", "with": "lieu: " + yaml_string(IMG)},
]}


@suite.test
def test_hostile_names_and_free_texts_show_as_text():
    with TempRepo(DEPOT, HOSTILE) as repo:
        out = os.path.join(os.path.dirname(repo), "site")
        site(repo, out)
        seen = set()
        for rel in pages_of(out):
            with open(os.path.join(out, rel), encoding="utf-8") as f:
                page = Page(f.read())
            for tag, attrs in page.tags:
                check(tag not in ("script", "img", "iframe"), f"{rel}: a <{tag}> element")
                events = [k for k in attrs if k.startswith("on")]
                check(not events, f"{rel}: <{tag}> has {events}")
            for planted in (IMG, SCRIPT):
                if planted in page.all_text:
                    seen.add((planted, rel))
        for rel in ("index.html", "organismes/habitat-loire.html", "auditeurs.html", "seances/2026-06-18.html"):
            check(any(r == rel for _, r in seen), f"{rel} does not show the hostile text as text")


@suite.test
def test_an_organisme_page_shows_what_the_committee_rules_say_of_it():
    # A decision about an organisme that filed nothing: found once every folder is read (the
    # organisme's page is then written again), not while its folder is.
    with TempRepo(os.path.join(SOURCE, "tests", "data", "rules", "_base")) as repo:
        session = os.path.join(repo, "comite", "seances", "2025-11-27.yaml")
        with open(session, encoding="utf-8") as f:
            text = f.read()
        with open(session, "w", encoding="utf-8") as f:
            f.write(text.replace("abstention: 1 }\n", "abstention: 1 }\n  - organisme: office-jeune\n"
                                 "    decision: suivi\n    votes: { pour: 4, contre: 0, abstention: 0 }\n", 1))
        out = os.path.join(os.path.dirname(repo), "site")
        site(repo, out)
        message = "décision « suivi » pour office-jeune sans candidature de l'organisme"
        with open(os.path.join(out, "organismes", "office-jeune.html"), encoding="utf-8") as f:
            page = Page(f.read()).all_text
        check(message in page, "the organisme's page does not show the decision's diagnostic")
        dossier = run_quali(QUALI, ["dossier", "office-jeune", "--as-of", AS_OF, "--format", "html"], cwd=repo)
        check(message in Page(dossier.stdout).all_text, "quali dossier does not show it either")
        with open(os.path.join(out, "organismes", "habitat-test.html"), encoding="utf-8") as f:
            check(message not in Page(f.read()).all_text, "another organisme's page shows it")


@suite.test
def test_an_odd_folder_name_gets_a_page_every_link_reaches():
    patch = {"rename": [["organismes/habitat-loire", "organismes/Habitat Loire #1?"]]}
    with TempRepo(DEPOT, patch) as repo:
        out = os.path.join(os.path.dirname(repo), "site")
        site(repo, out)
        pages = pages_of(out)
        expected = "organismes/o-" + "Habitat Loire #1?".encode().hex() + ".html"
        check(expected in pages, f"{expected} not in {pages}")
        check_links(out)


PERSONAL = ["Zoé Plantécontact", "zoe.plantee@secret.example", "06 12 34 56 78", "Référent Plantéréférent",
            "referent.plante@ush.example", "07 98 76 54 32", "Auditrice Plantéaudit", "audit.plante@cabinet.example",
            "Titulaire Plantésiège", "Suppléant Plantésiège", "Claire Martin", "Hélène Roussel", "Jeanne Durand",
            "Bernard Lemaire"]
PLANTED = {"edit": [
    {"file": "organismes/meuse-moselle-habitat/organisme.yaml", "replace": "nom: Laurent Schmitt", "with": "nom: Zoé Plantécontact"},
    {"file": "organismes/meuse-moselle-habitat/organisme.yaml", "replace": "l.schmitt@meuse-moselle-habitat.example",
     "with": "zoe.plantee@secret.example"},
    {"file": "organismes/meuse-moselle-habitat/organisme.yaml", "replace": "\"01 99 00 24 30\"", "with": "\"06 12 34 56 78\""},
    {"file": "quali.yaml", "replace": "nom: Hélène Roussel", "with": "nom: Référent Plantéréférent"},
    {"file": "quali.yaml", "replace": "helene.roussel@ush.example", "with": "referent.plante@ush.example"},
    {"file": "quali.yaml", "replace": "\"01 99 00 10 00\"", "with": "\"07 98 76 54 32\""},
    {"file": "auditeurs/paul-lefevre.yaml", "replace": "nom: Paul Lefèvre", "with": "nom: Auditrice Plantéaudit"},
    {"file": "auditeurs/paul-lefevre.yaml", "replace": "paul.lefevre@lefevre-audit.example",
     "with": "audit.plante@cabinet.example"},
    {"file": "comite/membres.yaml", "replace": "titulaire: { nom: Bernard Lemaire,",
     "with": "titulaire: { nom: Titulaire Plantésiège,"},
    {"file": "comite/membres.yaml", "replace": "suppleant: { nom: Nadia Benali,", "with": "suppleant: { nom: Suppléant Plantésiège,"},
]}


@suite.test
def test_the_public_site_holds_no_personal_data():
    with TempRepo(DEPOT, PLANTED) as repo:
        full, public = full_and_public(repo)
        everything = b"".join(files_of(full).values()).decode("utf-8")
        check("Auditrice Plantéaudit" in everything and "Zoé Plantécontact" in everything,
              "the planted data did not reach the full site: the test plants nothing")
        files = files_of(public)
        check(sorted(f for f in files if not f.startswith("observatoire" + os.sep)) ==
              sorted([".quali-site", "index.html", "observatoire.html", "organismes.csv", "organismes.json", "site.css"])
              and any(f.startswith("observatoire" + os.sep) for f in files), f"public files: {sorted(files)}")
        for rel, data in files.items():
            text = data.decode("utf-8")
            for secret in PERSONAL:
                check(secret not in text, f"{rel} holds {secret!r}")
            check(not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{rel} holds an e-mail address")
        index = files["index.html"].decode("utf-8")
        check("Coop Habitat Garonne" in index and "Habitat Loire" not in index,
              "the public list is not the labelled organismes")
        check(files["organismes.csv"].decode("utf-8").splitlines()[0] == "organisme,nom,sigle,famille,region,valide_jusqu_au",
              f"public columns: {files['organismes.csv'][:80]!r}")


@suite.test
def test_the_observatory_lists_each_strong_point_by_criterion_and_names_organismes_only_inside():
    with TempRepo(DEPOT) as repo:
        full, public = full_and_public(repo)

        def page(folder, rel):
            with open(os.path.join(folder, rel), encoding="utf-8") as f:
                return Page(f.read())
        main_inside, main_outside = page(full, "observatoire.html"), page(public, "observatoire.html")
        check("T1.1 — Accueil physique et téléphonique (5 points forts)" in main_inside.all_text,
              main_inside.all_text[:600])
        links = [a.get("href") for tag, a in main_inside.tags if tag == "a"]
        check("observatoire/T1.1.html" in links, f"no link to the criterion's page: {links}")
        check("Points d'alerte les plus fréquents" in main_outside.all_text, "the alert points are missing")
        inside, outside = page(full, "observatoire/T1.1.html"), page(public, "observatoire/T1.1.html")
        finding = "Accueil de proximité maintenu malgré la réorganisation"
        check(finding in inside.all_text and finding in outside.all_text, "a strong point of the examples is missing")
        check(inside.all_text.count("— audit de vérification du") + inside.all_text.count("— diagnostic HQS") == 5,
              f"not the criterion's 5 strong points: {inside.all_text[:800]}")
        links = [a.get("href") for tag, a in inside.tags if tag == "a"]
        check("../organismes/coop-habitat-garonne.html" in links, f"no link to the organisme: {links}")
        check("Coop Habitat Garonne" in inside.all_text and "Coop Habitat Garonne" not in outside.all_text,
              "the public observatory names an organisme")
        criteria = sorted(p for p in pages_of(full) if p.startswith("observatoire" + os.sep))
        check(criteria == sorted(p for p in pages_of(public) if p.startswith("observatoire" + os.sep)),
              "the public observatory has other criteria's pages")
        check(len(criteria) == main_inside.all_text.count(" points forts)") + main_inside.all_text.count(" point fort)"),
              f"{len(criteria)} criterion pages for the criteria listed: {criteria}")


ROW = re.compile(r"<tr><td[^>]*>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>")


def deadline_rows(text, heading=None):
    """The (date, type, organisme, detail) rows of a page's deadline table (the one under heading)."""
    if heading is not None:
        text = text[text.index(heading):]
        text = text[:text.index("</table>")]
    return [tuple(html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in row) for row in ROW.findall(text)]


@suite.test
def test_long_deadline_lists_go_whole_on_pages_of_500_rows():
    with TempRepo() as empty:
        repo, out = bench_repository(empty, 200)
        site(repo, out, max_seconds=4 * MAX_SECONDS)  # 200 organismes
        r = run_quali(QUALI, ["deadlines", "-C", repo, "--as-of", AS_OF, "--within", "90", "--format", "json"], cwd=repo,
                      max_seconds=4 * MAX_SECONDS)
        expected = json.loads(r.stdout)
        with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
            index = f.read()
        shown = 0
        for name, statut, heading in (("retards", "en-retard", "<h2>En retard</h2>"),
                                      ("a-venir", "a-venir", "<h2>Échéances des 90 prochains jours</h2>")):
            want = [d["description"] for d in expected if d["statut"] == statut]
            dashboard = [row[3] for row in deadline_rows(index, heading)]
            check(dashboard == want[:100], f"{name}: the dashboard does not show the first 100 of {len(want)}")
            pages = sorted((p for p in os.listdir(os.path.join(out, "echeances")) if p.startswith(name + "-")),
                           key=lambda p: int(p[len(name) + 1:-5]))
            if len(want) <= 100:
                check(not pages, f"{name}: pages for a list the dashboard shows whole")
                continue
            check(f'href="echeances/{name}-1.html"' in index, f"{name}: no link to the whole list")
            check(len(pages) == (len(want) + 499) // 500 and len(pages) > 1, f"{name}: {len(pages)} pages for {len(want)}")
            whole = []
            for i, p in enumerate(pages, 1):
                with open(os.path.join(out, "echeances", p), encoding="utf-8") as f:
                    text = f.read()
                rows = deadline_rows(text)
                check(len(rows) == min(500, len(want) - 500 * (i - 1)), f"{p}: {len(rows)} rows")
                whole += [row[3] for row in rows]
                check(f"Page {i} sur {len(pages)}" in text, f"{p}: no page number")
                check((f'href="{name}-{i - 1}.html"' in text) == (i > 1), f"{p}: link to the page before")
                check((f'href="{name}-{i + 1}.html"' in text) == (i < len(pages)), f"{p}: link to the page after")
            check(whole == want, f"{name}: the pages do not give the whole list in order")
            shown += 1
        check(shown > 0, "no list long enough: the test checks nothing")
        check_links(out)
        dom, log = dom_of(os.path.join(out, "echeances", "a-venir-1.html"))
        check(len(Page(dom).all_text.strip()) > 200 and "Uncaught" not in log, "a list page does not render")


@suite.test
def test_organismes_json_and_csv_are_quali_export():
    with TempRepo(DEPOT) as repo:
        out = os.path.join(os.path.dirname(repo), "site")
        site(repo, out)
        for fmt in ("csv", "json"):
            r = run_quali(QUALI, ["export", "--table", "organismes", "--format", fmt, "-C", repo, "--as-of", AS_OF],
                          cwd=repo)
            with open(os.path.join(out, "organismes." + fmt), encoding="utf-8", newline="") as f:
                check(f.read() == r.stdout, f"organismes.{fmt} differs from quali export")


def dom_of(path):
    """The DOM Chromium built for the file, and what it logged."""
    require(CHROMIUM is not None, "chromium is not installed (apt-get install chromium)")
    return chromium_dom(CHROMIUM, path)


@suite.test
def test_a_blank_page_is_told_from_a_drawn_one():
    """The screenshot check below can fail: an empty page's screenshot is blank."""
    require(CHROMIUM is not None, "chromium is not installed (apt-get install chromium)")
    with TempRepo() as work:
        empty = os.path.join(work, "vide.html")
        with open(empty, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html lang=\"fr\"><head><title>vide</title></head><body></body></html>")
        chromium_screenshot(CHROMIUM, empty, empty + ".png")
        check(png_is_blank(empty + ".png"), "an empty page's screenshot is not seen as blank")


@suite.test
def test_chromium_renders_each_kind_of_page():
    with TempRepo(DEPOT, HOSTILE) as repo:
        out, public = full_and_public(repo)
        kinds = [os.path.join(out, p) for p in ("index.html", "organismes/habitat-loire.html", "seances/2026-06-18.html",
                                                "seances/2025-11-20.html", "auditeurs.html", "bilan/2025.html",
                                                "observatoire.html", "observatoire/T1.1.html")] + [os.path.join(public, "index.html")]
        for path in kinds:
            dom, log = dom_of(path)
            root = re.findall(r"<html[^>]*>", dom)
            check(root and "data-pwned" not in root[0], f"{path}: a planted script ran")
            check("<nav" in dom and "</main>" in dom, f"{path}: no nav bar or no main content in the DOM")
            check(len(Page(dom).all_text.strip()) > 200, f"{path}: the page is nearly blank")
            errors = [line for line in log.splitlines() if "CONSOLE" in line and "Uncaught" in line]
            check(not errors, f"{path}: console errors {errors[:2]}")
            png = path + ".png"
            chromium_screenshot(CHROMIUM, path, png)
            check(not png_is_blank(png), f"{path}: the screenshot is blank")
        return f"{len(kinds)} pages"


sys.exit(suite.run(args.tests))
