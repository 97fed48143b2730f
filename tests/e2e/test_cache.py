#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""quali's result cache, end to end: every reading command says the same bytes with a cold
cache, a warm one and --no-cache; only a folder that changed is computed again (as
QUALI_TRACE_CACHE tells); a damaged, foreign or unwritable cache only costs speed; concurrent runs; quali cache clear and
quali cache dossier; and 200 random edits of a generated repository, cached and uncached runs
compared after each.

Usage: test_cache.py --quali PATH_TO_BINARY --source SOURCE_DIR
Prints one line per test and ends with "N passed, M failed"; exits 1 on any failure.
"""
import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Failure, Suite, TempRepo, arguments, check, run_quali  # noqa: E402

ARGS = arguments(__doc__.splitlines()[0])
QUALI = ARGS.quali
EXAMPLE = os.path.join(ARGS.source, "examples", "depot")
GEN = os.path.join(ARGS.source, "bench", "gen.py")
AS_OF = "2026-06-10"
suite = Suite()

# The reading commands whose output is one stream (notify and site write folders: below).
COMMANDS = [
    ["validate", "--as-of", AS_OF],
    ["validate", "--as-of", AS_OF, "--format", "json"],
    ["validate", "--as-of", AS_OF, "--format", "sarif"],
    ["status", "--as-of", AS_OF, "--format", "json"],
    ["deadlines", "--as-of", AS_OF, "--format", "json"],
    ["agenda", "2026-06-18", "--as-of", AS_OF, "--format", "json"],
    ["dossier", "habitat-loire", "--as-of", AS_OF, "--format", "md"],
    ["pv", "2025-11-20", "--format", "md"],
    ["bilan", "2025", "--as-of", AS_OF, "--format", "json"],
    ["export", "--table", "echeances", "--as-of", AS_OF],
]


def packs(cache_home):
    """{pack file: (inode, mtime_ns, size)} of every pack of the cache under cache_home."""
    out = {}
    for dirpath, _, files in os.walk(cache_home):
        for n in files:
            if n.startswith("p-"):
                st = os.stat(os.path.join(dirpath, n))
                out[os.path.join(dirpath, n)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def outcome(run):
    return (run.code, run.stdout, run.stderr)


TRACE = "quali cache: "


def run(repo, args, cache_home, extra=(), trace=False):
    env = {"XDG_CACHE_HOME": cache_home}
    if trace:
        env["QUALI_TRACE_CACHE"] = "1"
    return run_quali(QUALI, [*extra, *args], repo, env=env, max_seconds=20)


def traced(repo, args, cache_home):
    """Runs args with QUALI_TRACE_CACHE: (the run without the trace's lines in its stderr,
    {what was found in the cache}, {what was computed})."""
    r = run(repo, args, cache_home, trace=True)
    found, computed, rest = set(), set(), []
    for line in r.stderr.splitlines(keepends=True):
        if not line.startswith(TRACE):
            rest.append(line)
            continue
        m = re.fullmatch(r"(.+) (found|computed)(?: \((\w+)\))?", line[len(TRACE):].rstrip("\n"))
        if m:  # a folder's rules stored apart are an entry of their own
            what = m.group(1) + (" (rules)" if m.group(3) == "rules" else "")
            (found if m.group(2) == "found" else computed).add(what)
        elif not line.rstrip().endswith("not written"):
            raise Failure(f"unknown trace line {line!r}")
    r.stderr = "".join(rest)
    return r, found, computed


def same(repo, args, cache_home):
    """Runs args with the cache (traced) and with --no-cache; fails unless both say the same
    bytes. Returns the cached run, what it found in the cache and what it computed."""
    cached, found, computed = traced(repo, args, cache_home)
    plain = run(repo, args, cache_home, ["--no-cache"])
    if outcome(cached) != outcome(plain):
        raise Failure(f"`quali {' '.join(args)}` differs with the cache: exit {cached.code} vs {plain.code}\n"
                      f"cached stdout {cached.stdout[:600]!r}\nuncached {plain.stdout[:600]!r}\n"
                      f"cached stderr {cached.stderr[:300]!r}\nuncached {plain.stderr[:300]!r}")
    return cached, found, computed


def misspell_a_state(repo):
    """One typo in one file of habitat-loire: an action's state that is no state (Q104)."""
    path = os.path.join(repo, "organismes", "habitat-loire", "paa.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("etat: realisee", "etat: realise", 1))


@suite.test
def every_command_says_the_same_cold_warm_and_without_cache():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        for args in COMMANDS:
            cold = run(repo, args, home)
            warm, found, computed = traced(repo, args, home)
            plain = run(repo, args, home, ["--no-cache"])
            check(outcome(cold) == outcome(warm) == outcome(plain),
                  f"`quali {' '.join(args)}`: cold, warm and --no-cache runs differ")
            check(cold.code in (0, 1), f"`quali {' '.join(args)}` exited {cold.code}: {cold.stderr}")
            # The example's six organismes and its shared files, all found (pv reads no rules).
            check(computed == set() and len(found) >= 7,
                  f"`quali {' '.join(args)}` warm: found {sorted(found)}, computed {sorted(computed)}")


@suite.test
def notify_and_site_write_the_same_files_with_the_cache():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        parent = os.path.dirname(repo)
        for n, extra in enumerate([[], [], ["--no-cache"]]):
            for command in (["notify", "2025-11-20", "--as-of", "2025-11-21", "-o", f"{parent}/courriers-{n}"],
                            ["site", "--as-of", AS_OF, "-o", f"{parent}/site-{n}"]):
                r = run(repo, command, home, extra)
                check(r.code == 0, f"`quali {' '.join(command)}` exited {r.code}: {r.stderr}")
        for kind in ("courriers", "site"):
            for n in (1, 2):
                diff = filecmp.dircmp(f"{parent}/{kind}-0", f"{parent}/{kind}-{n}")
                stack, differing = [diff], []
                while stack:
                    d = stack.pop()
                    differing += d.left_only + d.right_only + d.diff_files
                    stack += d.subdirs.values()
                check(differing == [] or differing == [".quali-site"] and kind == "site",
                      f"{kind}-{n} differs from {kind}-0: {differing[:5]}")


@suite.test
def only_the_changed_folder_is_computed_again():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        args = ["validate", "--as-of", AS_OF, "--format", "json"]
        _, found, computed = same(repo, args, home)
        folders = {f"organismes/{n}" for n in os.listdir(os.path.join(repo, "organismes"))}
        check(found == set() and computed == folders | {"shared files"},
              f"a cold validate found {sorted(found)} and computed {sorted(computed)}")
        # Two packs: the folders' results for validate, and the shared files'.
        first = packs(home)
        check(len(first) == 2, f"{len(first)} packs after a cold validate")
        _, found, computed = same(repo, args, home)
        check(computed == set() and found == folders | {"shared files"}, f"a warm run computed {sorted(computed)}")
        check(packs(home) == first, "a warm run wrote the cache again")
        misspell_a_state(repo)
        _, found, computed = same(repo, args, home)
        check(computed == {"organismes/habitat-loire"}, f"one file changed, computed again: {sorted(computed)}")
        # A proof removed changes its folder's entry too (the rules look for it).
        proofs = os.path.join(repo, "organismes", "logis-trois-vallees", "preuves")
        victim = sorted(os.listdir(proofs))[0]
        os.remove(os.path.join(proofs, victim))
        _, found, computed = same(repo, args, home)
        check(computed == {"organismes/logis-trois-vallees"}, f"a proof removed, computed again: {sorted(computed)}")
        # A folder renamed: computed under its new name.
        os.rename(os.path.join(repo, "organismes", "habitat-loire"), os.path.join(repo, "organismes", "habitat-loire-2"))
        _, found, computed = same(repo, args, home)
        check(computed == {"organismes/habitat-loire-2"}, f"a folder renamed, computed again: {sorted(computed)}")
        # A shared file changes every folder's key.
        with open(os.path.join(repo, "quali.yaml"), "a", encoding="utf-8") as f:
            f.write("\n# une ligne de plus\n")
        _, found, computed = same(repo, args, home)
        check(found == set() and len(computed) == 7, f"a changed quali.yaml left {sorted(found)} as they were")


@suite.test
def damaged_packs_are_misses_and_are_written_again():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        args = ["validate", "--as-of", AS_OF, "--format", "json"]
        reference, _, _ = same(repo, args, home)
        damages = {
            "truncated": lambda b: b[: len(b) // 2],
            "empty": lambda b: b"",
            "another version": lambda b: b.replace(b"quali-cache 2", b"quali-cache 9", 1),
            "garbage": lambda b: bytes(random.Random(len(b)).randrange(256) for _ in range(len(b))),
            "payload changed": lambda b: b[:-1] + bytes([b[-1] ^ 1]),
        }
        for name, damage in damages.items():
            for path in packs(home):
                with open(path, "rb") as f:
                    data = f.read()
                with open(path, "wb") as f:
                    f.write(damage(data))
            r, _, computed = traced(repo, args, home)
            check(outcome(r) == outcome(reference), f"{name} packs changed the result")
            check(len(computed) == 7, f"{name} packs: only {sorted(computed)} computed again")
            r, _, computed = traced(repo, args, home)
            check(outcome(r) == outcome(reference), f"{name}: the rewritten packs changed the result")
            check(computed == set(), f"{name} packs were not written again: {sorted(computed)} computed")


@suite.test
def an_unwritable_cache_only_costs_speed():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        args = ["validate", "--as-of", AS_OF, "--format", "json"]
        reference = run(repo, args, home, ["--no-cache"])
        # A cache home that is a file: no folder can be made there, not even by root.
        blocked = os.path.join(home, "a-file")
        with open(blocked, "w") as f:
            f.write("not a folder\n")
        r = run(repo, args, blocked)
        check(outcome(r) == outcome(reference), "an unwritable cache changed the result or printed something")
        # A read-only cache folder (root writes there all the same: then it must still agree).
        readonly = os.path.join(home, "ro")
        run(repo, args, readonly)
        for dirpath, _, files in os.walk(readonly):
            for n in files:
                os.chmod(os.path.join(dirpath, n), 0o444)
            os.chmod(dirpath, 0o555)
        try:
            check(outcome(run(repo, args, readonly)) == outcome(reference), "a read-only cache changed the result")
            with open(os.path.join(repo, "organismes", "habitat-loire", "organisme.yaml"), "a") as f:
                f.write("\n")
            reference = run(repo, args, home, ["--no-cache"])
            check(outcome(run(repo, args, readonly)) == outcome(reference),
                  "a read-only cache with a stale entry changed the result")
        finally:
            for dirpath, _, _ in os.walk(readonly):
                os.chmod(dirpath, 0o755)


@suite.test
def concurrent_runs_share_one_cache_without_harm():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        args = ["validate", "--as-of", AS_OF, "--format", "json"]
        reference = run(repo, args, home, ["--no-cache"])
        env = dict(os.environ, XDG_CACHE_HOME=home)
        for _ in range(3):
            procs = [subprocess.Popen([QUALI, *args], cwd=repo, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE) for _ in range(4)]
            results = [(p.wait(timeout=60), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]
            for p in procs:
                p.stdout.close()
                p.stderr.close()
            check(all(r == outcome(reference) for r in results), "concurrent runs disagreed")
        settled = packs(home)
        check(len(settled) == 2, f"{len(settled)} packs after concurrent runs")
        check(not [n for n in os.listdir(os.path.dirname(next(iter(settled)))) if n.startswith(".tmp-")],
              "temporary files left in the cache")
        _, _, computed = traced(repo, args, home)
        check(computed == set() and packs(home) == settled, "packs written by concurrent runs were not valid")


@suite.test
def in_a_git_repository_the_cache_lives_in_the_git_folder_and_clears():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=home)
        for cmd in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=R", "-c", "user.email=r@exemple.fr", "commit", "-q", "-m", "depot"]):
            subprocess.run(["git", *cmd], cwd=repo, env=env, check=True, capture_output=True)
        where = run(repo, ["cache", "dossier"], home)
        check(where.code == 0 and where.stdout.strip() == os.path.join(repo, ".git", "quali"),
              f"quali cache dossier said {where.stdout!r}")
        r = run(repo, ["validate", "--as-of", AS_OF], home)
        check(r.code == 0, f"validate: {r.stderr}")
        check(len(packs(os.path.join(repo, ".git", "quali"))) == 2, "not the two packs in .git/quali")
        check(packs(home) == {}, "the cache went to XDG_CACHE_HOME inside a git repository")
        status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, env=env, capture_output=True, text=True)
        check(status.stdout == "", f"the cache shows in git status: {status.stdout!r}")
        staged, _, _ = same(repo, ["validate", "--staged", "--as-of", AS_OF], home)
        check(staged.code == 0, f"validate --staged: {staged.stderr}")
        cleared = run(repo, ["cache", "clear"], home)
        check(cleared.code == 0 and "cache vidé" in cleared.stdout, f"cache clear said {cleared.stdout!r}")
        check(not os.path.exists(os.path.join(repo, ".git", "quali")), "cache clear left the folder")
        again = run(repo, ["cache", "clear"], home)
        check(again.code == 0 and "aucun cache" in again.stdout, f"a second clear said {again.stdout!r}")
        outside = run(os.path.dirname(repo), ["cache", "clear"], home)
        check(outside.code == 2 and "dépôt quali" in outside.stderr, f"outside a repository: {outside.stderr!r}")


@suite.test
def staged_runs_key_folders_on_git_ids_and_read_the_bytes_they_need():
    with TempRepo(EXAMPLE) as repo, tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=home)

        def git(*cmd):
            subprocess.run(["git", "-c", "user.name=R", "-c", "user.email=r@exemple.fr", *cmd], cwd=repo, env=env,
                           check=True, capture_output=True)

        git("init", "-q")
        git("add", "-A")
        git("commit", "-q", "-m", "depot")
        args = ["validate", "--staged", "--as-of", AS_OF]
        folders = {f"organismes/{n}" for n in os.listdir(os.path.join(repo, "organismes"))}
        _, _, computed = same(repo, args, home)
        check(computed == folders | {"shared files"}, f"a cold --staged computed {sorted(computed)}")
        # Changed on disk, not in the index: nothing to compute again.
        misspell_a_state(repo)
        _, _, computed = same(repo, args, home)
        check(computed == set(), f"an unstaged change computed {sorted(computed)}")
        git("add", "-A")
        r, _, computed = same(repo, args, home)
        check(computed == {"organismes/habitat-loire"}, f"a staged change computed {sorted(computed)}")
        check(r.code == 1 and "paa.yaml:" in r.stdout, f"the staged error is not said: {r.stdout[:400]!r}")
        # Found in the cache, a file with a diagnostic still has its bytes read: GitLab's
        # fingerprint of a diagnostic is made of its line's text, compared with --no-cache's.
        r, found, computed = same(repo, [*args, "--format", "gitlab"], home)
        check(computed == set() and "organismes/habitat-loire" in found, f"a warm --staged computed {sorted(computed)}")
        check('"fingerprint"' in r.stdout, f"no fingerprint in {r.stdout[:400]!r}")


# --- 200 random edits ----------------------------------------------------------------------


def yaml_files(repo, under=""):
    out = []
    for dirpath, _, files in os.walk(os.path.join(repo, under)):
        out += [os.path.join(dirpath, n) for n in files]
    return sorted(p for p in out if "/.git" not in p)


def edit_typo(repo, rng):
    path = rng.choice([p for p in yaml_files(repo, "organismes") if p.endswith(".yaml")])
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data:
        data[rng.randrange(len(data))] = rng.choice(b"x:- \n'\"#{[0")
    with open(path, "wb") as f:
        f.write(data)


def edit_date(repo, rng):
    path = rng.choice([p for p in yaml_files(repo) if p.endswith(".yaml")])
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    dates = list(re.finditer(r"\d{4}-\d{2}-(\d{2})", text))
    if dates:
        m = rng.choice(dates)
        text = text[:m.start(1)] + f"{rng.randrange(1, 32):02d}" + text[m.end(1):]
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)


def edit_delete(repo, rng):
    os.remove(rng.choice(yaml_files(repo, "organismes")))


def edit_rename(repo, rng):
    folders = sorted(os.listdir(os.path.join(repo, "organismes")))
    old = rng.choice(folders)
    os.rename(os.path.join(repo, "organismes", old), os.path.join(repo, "organismes", f"{old}-b"))


def edit_rule(repo, rng):
    path = os.path.join(repo, "quali.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    key = rng.choice(["fenetre_depot_jours", "validite_label_mois", "periodicite_verification_mois"])
    if re.search(rf"^  {key}: \d+", text, re.M):
        text = re.sub(rf"^  {key}: \d+", f"  {key}: {rng.randrange(5, 40)}", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^regles:\n", f"regles:\n  {key}: {rng.randrange(5, 40)}\n", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def edit_framework(repo, rng):
    path = rng.choice(yaml_files(repo, "referentiel"))
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    ids = [i for i, line in enumerate(lines) if re.match(r"\s*- id: ", line)]
    if ids:
        i = rng.choice(ids)
        lines[i] = lines[i].rstrip() + "x"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


EDITS = [edit_typo, edit_typo, edit_date, edit_date, edit_delete, edit_rename, edit_rule, edit_framework, None]


@suite.test
def two_hundred_random_edits_give_the_same_bytes_cached_and_not():
    with tempfile.TemporaryDirectory() as work:
        repo, home = os.path.join(work, "depot"), os.path.join(work, "cache")
        subprocess.run([sys.executable, GEN, "12", repo], check=True, capture_output=True)
        rng = random.Random(20261202)
        as_of = AS_OF
        kept = total = 0  # entries a validate found as they were, of all it read
        for step in range(200):
            edit = rng.choice(EDITS)
            if edit is None:  # the as-of date moves
                as_of = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            else:
                edit(repo, rng)
            args = ["validate", "--as-of", as_of, "--format", "json"]
            if step % 10 == 0:
                same(repo, ["status", "--as-of", as_of, "--format", "json"], home)
            if step % 10 == 5:  # its organismes' rules are stored apart from them, by date
                same(repo, ["agenda", "2026-06-18", "--as-of", as_of, "--format", "json"], home)
            try:
                _, found, computed = same(repo, args, home)
            except Failure as e:
                raise Failure(f"after edit {step} ({edit.__name__ if edit else 'as-of'}): {e}")
            kept += len(found)
            total += len(found) + len(computed)
        # Most edits touch one folder: most entries must have been found as they were.
        check(kept > total // 2, f"the cache served {kept} entries of {total}")


if __name__ == "__main__":
    sys.exit(suite.run(ARGS.tests))
