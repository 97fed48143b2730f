// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Data compiled into the binary that needs the YAML reader: the example evaluation framework
// used when no repository surrounds an organisme folder (or it has no referentiel).
#include "quali/core/document.hpp"

namespace quali::io {

// The built-in example framework's tree, parsed once.
const core::Node& builtin_framework();

} // namespace quali::io
