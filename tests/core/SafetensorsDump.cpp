// Test helper: opens a safetensors checkpoint folder with core's reader and writes the named tensors
// as float32 .npy files into OUT_DIR (name with '.' kept), so check_safetensors.py can compare.
#include "array/NpyFile.h"
#include "checkpoint/SafetensorsFile.h"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s FOLDER OUT_DIR TENSOR...\n", argv[0]);
        return 2;
    }
    try {
        const auto ckpt = filterscope::SafetensorsCheckpoint::open(argv[1]);
        for (int i = 3; i < argc; ++i)
            filterscope::writeNpy(std::string(argv[2]) + "/" + argv[i] + ".npy", ckpt->read(argv[i]));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
