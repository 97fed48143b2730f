#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# The architecture's one rule, checked (ctest arch.core_includes): core has no file, clock,
# terminal or YAML access. Names each line of src/core or include/quali/core that includes
# <filesystem>, <fstream>, <iostream> or yaml-cpp, or names a std::chrono clock; exit 1 if any.
# Usage: core_includes.py SOURCE_DIR
import pathlib
import re
import sys

FORBIDDEN = [
    (re.compile(r'#\s*include\s*<(filesystem|fstream|iostream)>'), 'file or terminal access'),
    (re.compile(r'#\s*include\s*[<"]yaml-cpp/'), 'a YAML library'),
    (re.compile(r'\b(system_clock|steady_clock|high_resolution_clock)\b'), 'a clock'),
]


def without_comment(line):
    """The line without a // comment (a rule may be explained in words, not broken)."""
    at = line.find('//')
    return line if at < 0 else line[:at]


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    files = sorted(p for d in ('src/core', 'include/quali/core') for p in (root / d).rglob('*') if p.is_file())
    if not files:
        print(f'core_includes: no file under {root}/src/core nor {root}/include/quali/core')
        return 1
    found = 0
    for path in files:
        text = path.read_text(encoding='utf-8', errors='replace')
        for number, line in enumerate(text.splitlines(), 1):
            code = without_comment(line)
            for pattern, what in FORBIDDEN:
                if pattern.search(code):
                    print(f'{path.relative_to(root)}:{number}: core may not have {what}: {line.strip()}')
                    found += 1
    if found:
        print(f'core_includes: {found} forbidden use(s) in core (docs/ARCHITECTURE.md, the one rule)')
        return 1
    print(f'core_includes: {len(files)} files of core checked, no file, clock, terminal or YAML access')
    return 0


if __name__ == '__main__':
    sys.exit(main())
