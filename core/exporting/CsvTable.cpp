#include "exporting/CsvTable.h"

#include "common/AtomicFile.h"

#include <cstdio>

namespace filterscope {

std::string CsvTable::field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string CsvTable::number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

void CsvTable::writeTo(const std::string& path) const {
    std::string text = header_ + "\n";
    for (const std::string& r : rows_)
        text += r + "\n";
    writeFileAtomically(path, text);
}

}  // namespace filterscope
