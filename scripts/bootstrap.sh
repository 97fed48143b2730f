#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Sets quali up on a fresh Debian 12 machine, as root, and runs it.
#   scripts/bootstrap.sh run    install, build, validate the example repository
#   scripts/bootstrap.sh test   install, build, run the whole test suite
# Idempotent: packages already installed are not fetched again; the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
case "$mode" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

# Build tools and the libraries of the design (see README: Dépendances).
packages=(
  build-essential cmake ninja-build pkg-config git
  libcli11-dev libyaml-cpp-dev libfmt-dev libhowardhinnant-date-dev doctest-dev
  nlohmann-json3-dev libvalijson-dev libkainjow-mustache-dev libcereal-dev libzstd-dev
  libssl-dev openssh-client dpkg-dev file
)
# What the tests use: Python's standard library, a real iCalendar parser, a public
# holiday reference to compare against, and a real browser for the HTML documents.
# The sanitizer builds: gcc's ASan/UBSan runtimes come with build-essential; libFuzzer with clang.
if [ "$mode" = test ]; then
  packages+=(python3 python3-icalendar python3-holidays python3-dateutil chromium clang libclang-rt-14-dev lintian)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Paquets manquants : ${missing[*]} — relancez en root (ou avec sudo)." >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Warnings are errors here (the project's own commands), not in a plain build; the bench's
# smoke test is part of the test suite.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUALI_WERROR=ON -DQUALI_BUILD_BENCH=ON
cmake --build build

if [ "$mode" = run ]; then
  # The example repository's reference date: see examples/depot/LISEZMOI.md.
  build/quali validate examples/depot --as-of 2026-06-10
else
  # Every optional tool is installed above: a suite skipped for a missing one fails the run.
  ctest --test-dir build --output-on-failure -j "$(nproc)" | tee build/ctest.log
  if grep -q "(Skipped)\|Not Run" build/ctest.log; then
    echo "Des tests n'ont pas tourné (outil manquant) : la commande de test exige toute la suite." >&2
    exit 1
  fi
  # Then the whole suite again under AddressSanitizer + UBSan, and a short fuzzing run
  # (QUALI_FUZZ_SECONDS per target, 60 by default). bench/run is not part of the tests.
  bash scripts/sanitize.sh
  bash scripts/fuzz.sh "${QUALI_FUZZ_SECONDS:-60}"
fi
