#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
};

// A 256-entry lookup colormap. Values are placed by linear scaling of [lo, hi] onto the entries; the
// colour of value t ∈ [0,1] is entry floor(t·255 + 0.5) (matplotlib's sampling of the same tables).
class Colormap {
public:
    // "viridis", "magma", "inferno", "turbo", "gray", "rdbu-diverging". Throws Error for other names.
    static const Colormap& byName(const std::string& name);
    static std::vector<std::string> names();

    const std::string& name() const { return name_; }
    Rgb at(double t) const;  // t clamped to [0,1]; NaN maps to entry 0

protected:
    Colormap(std::string name, const char* hex);

private:
    std::string name_;
    std::array<Rgb, 256> entries_{};
};

}  // namespace filterscope
