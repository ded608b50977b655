// Telling spreadsheet files apart by their first bytes.
#include "sheet.hpp"

#include "xlsx.hpp"

namespace kiosk::pack {

std::optional<std::vector<CsvRow>> read_sheet(const std::string& bytes, const std::string& file,
                                              Problems& problems) {
    constexpr std::string_view kSaveAs =
        "; in the spreadsheet, use Save As and choose \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"";
    if (bytes.starts_with("PK\x03\x04")) {
        // A zip package: an .xlsx workbook, or OpenDocument (its first entry is "mimetype").
        if (bytes.size() >= 38 && bytes.compare(30, 8, "mimetype") == 0 &&
            bytes.find("application/vnd.oasis.opendocument.spreadsheet") < 100) {
            problems.error(file, 0, "",
                           "is an OpenDocument spreadsheet (.ods)" + std::string(kSaveAs));
            return std::nullopt;
        }
        return read_xlsx(bytes, file, problems);
    }
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        problems.error(file, 0, "",
                       "is an old Excel workbook (.xls) or a WPS one (.et)" + std::string(kSaveAs));
        return std::nullopt;
    }
    auto text = to_utf8(bytes, file, problems);
    if (!text)
        return std::nullopt;
    return parse_csv(*text, file, problems);
}

} // namespace kiosk::pack
