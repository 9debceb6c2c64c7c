// Test helper: loads a point cloud with core's readers and writes its points as [P,3] (or [P,6] with
// colour) float32 .npy, so tests/python/check_pointcloud.py can compare them with its own parsers.
#include "array/NpyFile.h"
#include "pointcloud/PointCloud.h"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s CLOUD OUT.npy\n", argv[0]);
        return 2;
    }
    try {
        const filterscope::PointCloud c = filterscope::loadPointCloud(argv[1]);
        const int64_t cols = c.hasColour() ? 6 : 3;
        filterscope::FloatArray out({c.size(), cols});
        for (int64_t i = 0; i < c.size(); ++i)
            for (int k = 0; k < 3; ++k) {
                out.data[i * cols + k] = c.xyz[i * 3 + k];
                if (cols == 6)
                    out.data[i * cols + 3 + k] = c.rgb[i * 3 + k];
            }
        filterscope::writeNpy(argv[2], out);
        std::printf("%lld %d\n", static_cast<long long>(c.size()), c.droppedNonFinite);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
