// SPDX-License-Identifier: EUPL-1.2
// The parse-only floor of the benchmark: loads every *.yaml file under a folder with yaml-cpp
// (YAML::LoadFile), on one thread, and does nothing else. quali's own run is compared to it.
//   quali_parse_floor FOLDER   prints the number of files loaded (and of files that failed)
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: quali_parse_floor FOLDER\n";
        return 2;
    }
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(argv[1]))
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::size_t loaded = 0, failed = 0;
    for (const fs::path& f : files) {
        try {
            const YAML::Node doc = YAML::LoadFile(f.string());
            loaded += doc.IsDefined() ? 1 : 0;
        } catch (const YAML::Exception&) {
            ++failed;
        }
    }
    std::cout << loaded << " fichiers chargés, " << failed << " en échec\n";
    return failed == 0 ? 0 : 1;
}
