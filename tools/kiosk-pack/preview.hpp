// kiosk-pack preview: a week on one contact sheet.
#pragma once

#include <string>
#include <vector>

namespace kiosk::pack {

int preview_command(const std::vector<std::string>& args);

} // namespace kiosk::pack
