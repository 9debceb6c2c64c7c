#pragma once

namespace filterscope {

// 256 colours as 1536 hex digits (rrggbb per entry), from scripts/gen-colormaps.py.
struct ColormapTable {
    const char* name;
    const char* hex;
};

extern const ColormapTable kColormapTables[];
extern const int kColormapTableCount;

}  // namespace filterscope
