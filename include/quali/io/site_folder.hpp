// SPDX-License-Identifier: EUPL-1.2
#pragma once
// A folder of files built beside its final place and moved there at once (quali site): readers
// see the old folder or the new one, never a half; a failure leaves the target untouched.
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>
#include <system_error>

namespace quali::io {

// The name of the stamp file a built folder holds at its root: --force replaces only a folder
// that has one.
inline constexpr std::string_view site_stamp = ".quali-site";

// What stands at a target path before a folder replaces it.
enum class TargetState : std::uint8_t { absent, empty_folder, stamped_folder, foreign };

// absent, an empty folder, a folder holding the stamp file (a regular file), or anything else.
TargetState target_state(const std::filesystem::path& target);

// A temporary folder `.NAME.tmp-XXXXXX` beside target, removed on destruction unless moved into
// place by commit().
class StagedFolder {
  public:
    // Creates the temporary folder; throws std::system_error when it cannot.
    explicit StagedFolder(std::filesystem::path target);
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;
    ~StagedFolder();

    // Writes relative_path (a/b.html, folders created) inside the temporary folder.
    std::error_code write(const std::filesystem::path& relative_path, std::string_view bytes);
    // The same, the file made of parts one after the other (none of them copied).
    std::error_code write(const std::filesystem::path& relative_path, std::span<const std::string_view> parts);
    // The same, the file made of what produce gives its writer as it goes (nothing held whole).
    using Writer = std::function<void(std::string_view)>;
    std::error_code write(const std::filesystem::path& relative_path, const std::function<void(const Writer&)>& produce);
    // Copies a regular file into the temporary folder.
    std::error_code copy(const std::filesystem::path& from, const std::filesystem::path& relative_path);
    const std::filesystem::path& staging() const { return m_staging; }

    // Writes the stamp, then moves the folder into place: an absent target or an empty folder is
    // replaced; a stamped folder only with replace; anything else is std::errc::file_exists (the
    // target untouched). The old stamped folder is removed after the new one is in place.
    std::error_code commit(std::string_view stamp_text, bool replace);

  private:
    std::filesystem::path m_target, m_staging;
    bool m_committed = false;
};

} // namespace quali::io
