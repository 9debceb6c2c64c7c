// Test helper: prepares an image exactly as a plugin's manifest says (decode, resize, crop) and writes the
// 8-bit RGB model input, before normalisation, as an [H,W,3] float32 .npy, so
// tests/python/check_pil_preprocessing.py can compare it pixel for pixel with PIL + torchvision's rules.
#include "array/NpyFile.h"
#include "contract/PluginManifest.h"
#include "input/InputPreparation.h"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s PLUGIN_DIR IMAGE OUT.npy\n", argv[0]);
        return 2;
    }
    try {
        const filterscope::PluginManifest manifest = filterscope::PluginManifest::load(argv[1]);
        const filterscope::PreparedInput in = filterscope::prepareInput(argv[2], manifest);
        const filterscope::RgbImage& rgb = in.frames.front();
        filterscope::FloatArray out({rgb.height, rgb.width, 3});
        for (size_t i = 0; i < rgb.pixels.size(); ++i)
            out.data[i] = rgb.pixels[i];
        filterscope::writeNpy(argv[3], out);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
