// "Did you mean …?": the file in the source folder that a name in settings.ini most likely meant,
// when the name itself is not there (another case, a typo, another folder, .jpeg for .jpg).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::pack {

// The path (relative to `dir`, with '/') of the file closest to `name`, or nothing when none is
// close enough to be worth suggesting. Looks at up to 10,000 files.
std::optional<std::string> close_file_match(const std::filesystem::path& dir,
                                            const std::string& name);

} // namespace kiosk::pack
