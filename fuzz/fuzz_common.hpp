#pragma once
// What the fuzz targets share: every kind of file, and a file system that answers without disk.
#include "quali/core/file_kind.hpp"
#include "quali/core/value_checks.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace quali::fuzz {

// One path of each place of the layout (kinds are named by their place, so that a kind added
// later needs only a path here).
inline const std::vector<std::string>& layout_paths()
{
    static const std::vector<std::string> paths{
        "quali.yaml",
        "referentiel/cadre-evaluation.yaml",
        "comite/membres.yaml",
        "comite/seances/2025-11-27.yaml",
        "auditeurs/jeanne-durand.yaml",
        "organismes/habitat-test/organisme.yaml",
        "organismes/habitat-test/autodiagnostic.yaml",
        "organismes/habitat-test/audits/2024-03-04-diagnostic-hqs.yaml",
        "organismes/habitat-test/paa.yaml",
        "organismes/habitat-test/concertation.yaml",
        "organismes/habitat-test/candidatures/2025-11-27.yaml",
    };
    return paths;
}

inline const std::vector<core::Placement>& placements()
{
    static const std::vector<core::Placement> all = [] {
        std::vector<core::Placement> out;
        for (const std::string& p : layout_paths())
            if (auto placement = core::classify_repository_path(p)) out.push_back(*placement);
        return out;
    }();
    return all;
}

// Proofs exist or not by a hash of their path: every answer of a real disk, none of its cost.
class HashedPaths final : public core::PathOracle {
public:
    core::PathStatus status(std::string_view path) const override
    {
        switch (std::hash<std::string_view>{}(path) % 4) {
        case 0: return core::PathStatus::missing;
        case 1: return core::PathStatus::outside;
        case 2: return core::PathStatus::not_a_file;
        default: return core::PathStatus::file;
        }
    }
};

} // namespace quali::fuzz
