#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Fuzzes quali with libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer (clang):
# one file through every file-level check, and a small repository through validate, status and
# deadlines (fuzz/). Seeds come from examples/ and tests/data/. Fails on any crash, leak,
# sanitizer report, timeout or out-of-memory.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]    default 60
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${QUALI_FUZZ_SECONDS:-60}}

# The build of scripts/sanitize.sh (build-asan, clang, -DQUALI_BUILD_FUZZ=ON): configured and
# built here too when this script runs alone.
CC=${CC_FUZZ:-clang} CXX=${CXX_FUZZ:-clang++}
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DQUALI_SANITIZE=ON -DQUALI_BUILD_FUZZ=ON -DQUALI_WERROR=OFF -DQUALI_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --target fuzz_validate_file fuzz_repository

work=build-asan/corpus
rm -rf "$work" && mkdir -p "$work/file" "$work/repository" "$work/new-file" "$work/new-repository"
# One file: every YAML file of the examples and of the test cases.
find examples tests/data -name '*.yaml' -type f -size -64k -print0 |
  while IFS= read -r -d '' f; do cp "$f" "$work/file/$(echo "$f" | tr '/' '_')"; done
# A repository: the base's files joined with "%%" lines, then each test case's changed file in
# its place (the cases of tests/data/rules and tests/data/validate are one-file edits of a base).
python3 - "$work/repository" <<'PY'
import os, sys
out = sys.argv[1]
order = ["quali.yaml", "referentiel/cadre-evaluation.yaml", "comite/membres.yaml", "comite/seances/2025-11-27.yaml",
         "auditeurs/jeanne-durand.yaml", "organismes/habitat-test/organisme.yaml",
         "organismes/habitat-test/autodiagnostic.yaml", "organismes/habitat-test/audits/2024-03-04-diagnostic-hqs.yaml",
         "organismes/habitat-test/paa.yaml", "organismes/habitat-test/concertation.yaml",
         "organismes/habitat-test/candidatures/2025-11-27.yaml"]
base = "tests/data/rules/_base"
texts = [open(os.path.join(base, p), encoding="utf-8", errors="replace").read() for p in order]
def write(name, parts, as_of="2026-06-10"):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(as_of + "\n" + "\n%%\n".join(parts))
write("base", texts)
for year in ("2024-06-10", "2025-12-01", "2027-01-01"):
    write("base-" + year, texts, year)
for i, p in enumerate(order):
    write(f"sans-{i}", texts[:i] + ["{}"] + texts[i + 1:])
PY
opts=(-max_len=65536 -rss_limit_mb=2048 -timeout=10 -max_total_time="$seconds" -print_final_stats=1)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in file repository; do
  echo "== fuzz_${target/file/validate_file} : ${seconds} s"
  bin=build-asan/fuzz/fuzz_validate_file
  [ "$target" = repository ] && bin=build-asan/fuzz/fuzz_repository
  if ! "$bin" "${opts[@]}" -artifact_prefix="build-asan/crash-$target-" "$work/new-$target" "$work/$target" \
       > "build-asan/fuzz-$target.log" 2>&1; then
    status=1
    echo "ÉCHEC : voir build-asan/fuzz-$target.log et build-asan/crash-$target-*"
    tail -40 "build-asan/fuzz-$target.log"
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build-asan/fuzz-$target.log" | tail -2
  fi
done
if [ "$status" -eq 0 ]; then echo "fuzz : aucun plantage"; fi
exit "$status"
