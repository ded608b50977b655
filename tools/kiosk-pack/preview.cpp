// Placeholder replaced below.
#include "preview.hpp"
namespace kiosk::pack {
int preview_command(const std::vector<std::string>&) {
    return 2;
}
} // namespace kiosk::pack
