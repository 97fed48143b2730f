// SPDX-License-Identifier: EUPL-1.2
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
