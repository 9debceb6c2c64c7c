#include "exporting/FigureSize.h"

#include "common/Error.h"

#include <cctype>
#include <cstdlib>

namespace filterscope {
namespace {

// Points per unit; 0 for a unit this does not know.
double pointsPer(const std::string& unit) {
    if (unit.empty() || unit == "pt")
        return 1.0;
    if (unit == "in")
        return 72.0;
    if (unit == "cm")
        return 72.0 / 2.54;
    if (unit == "mm")
        return 72.0 / 25.4;
    return 0.0;
}

struct Length {
    double value = 0;
    std::string unit;
};

Length parseLength(const std::string& part, const std::string& whole) {
    const std::string bad = "--size \"" + whole + "\": ";
    char* end = nullptr;
    const double v = std::strtod(part.c_str(), &end);
    if (end == part.c_str() || !(v > 0))
        throw Error(bad + "\"" + part + "\" is not a length above 0 (e.g. 3.5in, 252pt, 8cm)");
    Length l{v, std::string(end)};
    if (pointsPer(l.unit) == 0)
        throw Error(bad + "unknown unit \"" + l.unit + "\" (in, pt, cm, mm)");
    return l;
}

}  // namespace

FigureSize parseFigureSize(const std::string& text) {
    std::string t;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t x = t.find('x');
    Length w = parseLength(t.substr(0, x), text);
    Length h;
    if (x != std::string::npos) {
        h = parseLength(t.substr(x + 1), text);
        if (w.unit.empty())  // "3.5x3in": the unit written once, at the end
            w.unit = h.unit;
        else if (h.unit.empty())
            h.unit = w.unit;
    }
    FigureSize s;
    s.width = w.value * pointsPer(w.unit);
    s.height = x == std::string::npos ? 0 : h.value * pointsPer(h.unit);
    if (s.width > 20000 || s.height > 20000)
        throw Error("--size \"" + text + "\": larger than 20000 pt (277 in)");
    return s;
}

}  // namespace filterscope
