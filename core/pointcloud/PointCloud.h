#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// Points as read from a scan: xyz per point, optional colour (0..1). Core's own type, so views and
// exporters need no PCL or VTK headers.
struct PointCloud {
    std::vector<float> xyz;    // 3 per point
    std::vector<float> rgb;    // empty, or 3 per point in 0..1
    int droppedNonFinite = 0;  // points removed because a coordinate was NaN or Inf (organized scans)

    int64_t size() const { return static_cast<int64_t>(xyz.size() / 3); }
    bool hasColour() const { return !rgb.empty(); }
};

// Reads PLY (ascii, binary little/big endian), PCD (ascii, binary, binary_compressed), XYZ/TXT
// (whitespace-separated x y z [r g b]) and NPY ([P,3+F] float32/float64), by extension. Points with a
// non-finite coordinate are dropped and counted (organized scans mark missing points with NaN); a file
// with no finite point is an error. Throws Error naming the file and the problem; never reads outside the
// file, whatever its header claims.
PointCloud loadPointCloud(const std::string& path);

// Parsers on bytes in memory (what loadPointCloud and the fuzz test call). `name` goes into messages.
PointCloud parsePly(const std::string& bytes, const std::string& name);
PointCloud parsePcd(const std::string& bytes, const std::string& name);
PointCloud parseXyz(const std::string& bytes, const std::string& name);
PointCloud parsePointNpy(const std::string& bytes, const std::string& name);

// Drops non-finite points (counting them) and checks that some are left.
void dropNonFinitePoints(PointCloud& cloud, const std::string& name);

}  // namespace filterscope
