#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The Debian package, end to end: cpack -G DEB in the build folder makes a .deb whose control
fields are right (French description, dependencies computed by dpkg-shlibdeps), which holds
the binary, the schemas, the man page and the bash and zsh completions, and which installs into
a scratch root (dpkg-deb -x, then dpkg --root) where the installed quali runs.

Usage: test_package.py --quali PATH_TO_BINARY --source SOURCE_DIR
(the build folder is the binary's folder). Prints one line per test and ends with
"N passed, M failed"; exits 1 on any failure.
"""
import glob
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Failure, Suite, arguments, check, listed_subcommands, require, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
BUILD = os.path.dirname(QUALI)
WORK = os.path.realpath(tempfile.mkdtemp(prefix="quali-package-"))
suite = Suite()
package = {}


def sh(*args, cwd=None, timeout=300):
    proc = subprocess.run(list(args), cwd=cwd, capture_output=True, timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise Failure(f"{' '.join(args)} exited {proc.returncode}: {out[-1500:]} "
                      f"{proc.stderr.decode('utf-8', 'replace')[-1500:]}")
    return out


def deb():
    require("skipped" not in package, package.get("skipped", ""))  # no packaging tools here
    if "path" not in package:
        raise Failure("no package (see the first test)")
    return package["path"]


def subcommands():
    return listed_subcommands(run_quali(QUALI, ["--help"], WORK).stdout)


@suite.test
def test_cpack_builds_a_deb():
    for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps"):
        if not shutil.which(tool):
            package["skipped"] = f"{tool} is missing (apt-get install cmake dpkg-dev)"
    require("skipped" not in package, package.get("skipped", ""))
    check(os.path.exists(os.path.join(BUILD, "CPackConfig.cmake")), f"{BUILD} is not a configured build folder")
    out = os.path.join(WORK, "paquet")
    sh("cpack", "-G", "DEB", "-B", out, "--config", os.path.join(BUILD, "CPackConfig.cmake"), cwd=BUILD, timeout=500)
    debs = glob.glob(os.path.join(out, "*.deb"))
    check(len(debs) == 1, f"expected one .deb, got {debs}")
    package["path"] = debs[0]
    version = run_quali(QUALI, ["--version"], WORK).stdout.split()[-1]
    check(os.path.basename(debs[0]) == f"quali_{version}-1_amd64.deb" or os.path.basename(debs[0]).startswith(
        f"quali_{version}-1_"), os.path.basename(debs[0]))


@suite.test
def test_the_control_fields_are_those_of_a_debian_package():
    fields = {}
    for name in ("Package", "Version", "Architecture", "Maintainer", "Section", "Depends", "Recommends", "Description"):
        fields[name] = sh("dpkg-deb", "-f", deb(), name).strip()
    check(fields["Package"] == "quali" and fields["Section"] == "utils", str(fields))
    check(re.match(r"^\d+\.\d+\.\d+-1$", fields["Version"]), fields["Version"])
    depends = fields["Depends"]
    for lib in ("libc6", "libstdc++6", "libssl3", "libyaml-cpp", "libfmt", "libzstd1"):
        check(lib in depends, f"{lib} not in Depends (dpkg-shlibdeps): {depends}")
    check("git" in fields["Recommends"] and "openssh-client" in fields["Recommends"], fields["Recommends"])
    check("label Quali'Hlm" in fields["Description"] and "échéances" in fields["Description"], fields["Description"])
    check(re.match(r"^quali <[^<>@\s]+@[^<>@\s]+>$", fields["Maintainer"]), fields["Maintainer"])


@suite.test
def test_the_package_holds_the_binary_schemas_man_page_and_completions():
    listing = sh("dpkg-deb", "-c", deb())
    for path in ["./usr/bin/quali", "./usr/share/quali/schemas/visa.schema.json",
                 "./usr/share/quali/schemas/organisme.schema.json", "./usr/share/man/fr/man1/quali.1.gz",
                 "./usr/share/bash-completion/completions/quali", "./usr/share/zsh/vendor-completions/_quali",
                 "./usr/share/doc/quali/README.md", "./usr/share/doc/quali/git.md",
                 "./usr/share/doc/quali/copyright", "./usr/share/doc/quali/changelog.Debian.gz",
                 "./usr/share/doc/quali/LICENSE"]:
            check(re.search(rf" {re.escape(path)}$", listing, re.M), f"{path} not in the package:\n{listing}")
    schemas = glob.glob(os.path.join(ARGS.source, "schemas", "*.schema.json"))
    check(listing.count("/usr/share/quali/schemas/") >= len(schemas), "a schema is missing")


@suite.test
def test_extracted_into_a_scratch_root_the_installed_quali_runs():
    root = os.path.join(WORK, "racine-x")
    sh("dpkg-deb", "-x", deb(), root)
    installed = os.path.join(root, "usr", "bin", "quali")
    version = run_quali(installed, ["--version"], WORK)
    check(version.code == 0 and re.match(r"^quali \d+\.\d+\.\d+$", version.stdout.strip()), version.stdout)
    size = os.path.getsize(installed)
    check(size < os.path.getsize(QUALI) or size < 20_000_000, f"the packaged binary is not stripped ({size} bytes)")
    # The new user's first steps, with the installed program.
    depot = os.path.join(WORK, "depot")
    check(run_quali(installed, ["init", depot, "--no-git"], WORK).code == 0, "init failed")
    check(run_quali(installed, ["new", "organisme", "habitat-loire", "--nom", "Habitat Loire", "--logements", "18450"],
                    depot).code == 0, "new failed")
    # The organisme is engaged (today) without concertation.yaml: Q320 is its one error (issue 12).
    run = run_quali(installed, ["validate", "--format", "json"], depot)
    errors = [d["code"] for d in run.json()["diagnostics"] if d["severity"] == "error"]
    check(run.code == 1 and errors == ["Q320"], f"validate of a fresh repository: exit {run.code}, errors {errors}")


@suite.test
def test_dpkg_installs_it_into_a_scratch_root():
    root = os.path.join(WORK, "racine-dpkg")
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        os.makedirs(os.path.join(root, d))
    open(os.path.join(root, "var/lib/dpkg/status"), "w").close()
    # The scratch root has no libc: dependencies are the host's, hence --force-depends.
    sh("dpkg", f"--root={root}", "--force-depends", "--force-not-root", f"--log={os.path.join(WORK, 'dpkg.log')}",
       "-i", deb())
    status = sh("dpkg", f"--root={root}", "-s", "quali")
    check("Status: install ok installed" in status, status)
    installed = os.path.join(root, "usr", "bin", "quali")
    run = run_quali(installed, ["--version"], WORK)
    check(run.code == 0 and run.stdout.startswith("quali "), run.stdout)
    files = sh("dpkg", f"--root={root}", "-L", "quali")
    check("/usr/share/man/fr/man1/quali.1.gz" in files, files)


@suite.test
def test_the_package_says_its_licence_in_debian_s_copyright_format():
    root = os.path.join(WORK, "racine-x")
    with open(os.path.join(root, "usr", "share", "doc", "quali", "copyright"), encoding="utf-8") as f:
        copyright = f.read()
    check(copyright.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"), copyright)
    check("License: EUPL-1.2" in copyright and "Files: *" in copyright, copyright)
    with open(os.path.join(ARGS.source, "LICENSE"), encoding="utf-8") as f:
        check(f.read().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2"), "LICENSE is not the EUPL 1.2")
    for path in glob.glob(os.path.join(ARGS.source, "src", "**", "*.[ch]pp"), recursive=True) + glob.glob(
            os.path.join(ARGS.source, "include", "**", "*.hpp"), recursive=True):
        with open(path, encoding="utf-8") as f:
            check("SPDX-License-Identifier: EUPL-1.2" in f.read(300), f"{path}: no SPDX header")


@suite.test
def test_lintian_finds_no_error_in_the_package():
    require(shutil.which("lintian"), "lintian is missing (apt-get install lintian)")
    proc = subprocess.run(["lintian", "--tag-display-limit", "0", deb()], capture_output=True, text=True, timeout=500)
    errors = [line for line in proc.stdout.splitlines() if line.startswith("E:")]
    check(not errors, "lintian errors:\n" + "\n".join(errors))


@suite.test
def test_the_man_page_is_french_roff_and_names_every_subcommand():
    with open(os.path.join(ARGS.source, "docs", "quali.1"), encoding="utf-8") as f:
        page = f.read()
    check(".TH QUALI 1" in page and ".SH NOM" in page and ".SH SYNOPSIS" in page, "not a man page")
    for name in subcommands():
        check(re.search(rf'^\.(TP\n)?\.?B[IR]? "?{re.escape(name)}\b', page, re.M) or f"\n.BI \"{name} " in page
              or f"\n.B {name}\n" in page, f"the man page does not describe {name}")
    packaged = os.path.join(WORK, "racine-x", "usr", "share", "man", "fr", "man1", "quali.1.gz")
    if os.path.exists(packaged):
        with gzip.open(packaged, "rt", encoding="utf-8") as f:
            check(f.read() == page, "the packaged man page differs from docs/quali.1")
    if shutil.which("man"):
        proc = subprocess.run(["man", "--warnings", "-l", os.path.join(ARGS.source, "docs", "quali.1")],
                              capture_output=True, timeout=60, env=dict(os.environ, MANWIDTH="80"))
        warnings = proc.stderr.decode("utf-8", "replace").strip()
        check(proc.returncode == 0 and not warnings, f"man: {warnings}")


@suite.test
def test_the_completions_list_every_subcommand():
    names = subcommands()
    check(len(names) >= 9 and "validate" in names and "sign" in names, str(names))
    for rel in ("data/completions/quali.bash", "data/completions/_quali"):
        with open(os.path.join(ARGS.source, rel), encoding="utf-8") as f:
            text = f.read()
        for name in names:
            check(re.search(rf"\b{re.escape(name)}\b", text), f"{rel} does not know the subcommand {name}")
    if shutil.which("bash"):
        script = os.path.join(ARGS.source, "data/completions/quali.bash")
        sh("bash", "-n", script)
        # Completing in a real bash (without the bash-completion package, which the file does not need).
        probe = ('source "$1"; f(){ COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _quali; '
                 'echo "${COMPREPLY[*]}"; }; f quali ""; f quali new ""; f quali validate --format ""; f quali sign --ca')
        lines = sh("bash", "-c", probe, "probe", script, cwd=WORK).splitlines()
        check(set(names) <= set(lines[0].split()), f"bash completes {lines[0]!r}, quali --help lists {names}")
        check(lines[1].split() == ["organisme", "audit", "candidature", "seance", "auditeur"], lines[1])
        check(lines[2].split() == ["text", "json", "github", "gitlab", "sarif"], lines[2])
        check(lines[3].split() == ["--candidature"], lines[3])
    if shutil.which("zsh"):
        sh("zsh", "-n", os.path.join(ARGS.source, "data/completions/_quali"))


code = suite.run(ARGS.tests)
shutil.rmtree(WORK, ignore_errors=True)
sys.exit(code)
