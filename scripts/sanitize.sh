#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds quali, its unit tests and the fuzz targets once, with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan: -DQUALI_SANITIZE=ON -DQUALI_BUILD_FUZZ=ON, at -O1), and
# runs there what can find a memory or undefined-behaviour defect: the unit tests and the hostile
# inputs (e2e.test_hostile: malformed, huge, deep, binary, linked files). scripts/fuzz.sh then
# fuzzes in the same build. The other end-to-end suites check behaviour, which the normal build
# already does. Any sanitizer report fails the run.
#   scripts/sanitize.sh [CTEST_ARGS…]   (e.g. -R e2e to run every end-to-end suite under ASan)
set -euo pipefail
cd "$(dirname "$0")/.."
# One build for the sanitizer pass and the fuzzing (libFuzzer needs clang); warnings are not
# errors here: the normal build (gcc, -Werror) judges them.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="${CC_FUZZ:-clang}" -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++}" \
  -DQUALI_SANITIZE=ON -DQUALI_BUILD_FUZZ=ON -DQUALI_WERROR=OFF -DQUALI_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --target quali quali_unit_tests fuzz_validate_file fuzz_repository
# Leaks count; a report stops the process with a non-zero status, which fails its test.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# For the end-to-end suites: ASan reserves terabytes of address space (no RLIMIT_AS then) and
# runs several times slower (time limits to stretch).
export QUALI_SANITIZED=1
if [ $# -eq 0 ]; then set -- -R '^(unit|e2e\.test_hostile)$'; fi
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
