#include "color/Colormap.h"

#include "color/ColormapTables.h"
#include "common/Error.h"

#include <cmath>
#include <memory>

namespace filterscope {
namespace {

int hexDigit(char c) {
    return c <= '9' ? c - '0' : 10 + (c | 0x20) - 'a';
}

const std::vector<std::unique_ptr<Colormap>>& allColormaps();

}  // namespace

Colormap::Colormap(std::string name, const char* hex) : name_(std::move(name)) {
    for (int i = 0; i < 256; ++i) {
        const char* p = hex + i * 6;
        entries_[i] = Rgb{static_cast<uint8_t>(hexDigit(p[0]) * 16 + hexDigit(p[1])),
                          static_cast<uint8_t>(hexDigit(p[2]) * 16 + hexDigit(p[3])),
                          static_cast<uint8_t>(hexDigit(p[4]) * 16 + hexDigit(p[5]))};
    }
}

Rgb Colormap::at(double t) const {
    if (!(t >= 0.0))
        t = 0.0;  // also NaN
    if (t > 1.0)
        t = 1.0;
    return entries_[static_cast<int>(std::floor(t * 255.0 + 0.5))];
}

namespace {

const std::vector<std::unique_ptr<Colormap>>& allColormaps() {
    // Built on first use from the generated tables; the friend-free factory keeps the constructor private.
    struct Access : Colormap {
        Access(const char* n, const char* h) : Colormap(n, h) {}
    };
    static const std::vector<std::unique_ptr<Colormap>> maps = [] {
        std::vector<std::unique_ptr<Colormap>> v;
        for (int i = 0; i < kColormapTableCount; ++i)
            v.push_back(std::make_unique<Access>(kColormapTables[i].name, kColormapTables[i].hex));
        return v;
    }();
    return maps;
}

}  // namespace

const Colormap& Colormap::byName(const std::string& name) {
    for (const auto& m : allColormaps())
        if (m->name() == name)
            return *m;
    std::string known;
    for (const auto& n : names())
        known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown colormap \"" + name + "\" (known: " + known + ")");
}

std::vector<std::string> Colormap::names() {
    std::vector<std::string> out;
    for (const auto& m : allColormaps())
        out.push_back(m->name());
    return out;
}

}  // namespace filterscope
