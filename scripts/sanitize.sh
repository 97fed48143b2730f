#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds quali and its unit tests with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan, -DQUALI_SANITIZE=ON) and runs there what can find a memory or undefined-behaviour
# defect: the unit tests and the hostile inputs (e2e.test_hostile: malformed, huge, deep,
# binary, linked files). The fuzz targets run under the same sanitizers (scripts/fuzz.sh); the
# other end-to-end suites check behaviour, which the normal build already does. Any sanitizer
# report fails the run.
#   scripts/sanitize.sh [CTEST_ARGS…]   (e.g. -R e2e to run every end-to-end suite under ASan)
set -euo pipefail
cd "$(dirname "$0")/.."
# Warnings are not errors here: with -fsanitize=address, g++ 12 warns wrongly
# (-Wmaybe-uninitialized) inside libstdc++'s <regex>; the normal build keeps -Werror.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUALI_SANITIZE=ON -DQUALI_WERROR=OFF \
  -DQUALI_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan --target quali quali_unit_tests
# Leaks count; a report stops the process with a non-zero status, which fails its test.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# For the end-to-end suites: ASan reserves terabytes of address space (no RLIMIT_AS then) and
# runs several times slower (time limits to stretch).
export QUALI_SANITIZED=1
if [ $# -eq 0 ]; then set -- -R '^(unit|e2e\.test_hostile)$'; fi
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" "$@"
