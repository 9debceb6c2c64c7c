#include "array/NpyFile.h"
#include "common/Error.h"
#include "pointcloud/PointCloud.h"

#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <cstring>
#include <sstream>

namespace filterscope {

void dropNonFinitePoints(PointCloud& cloud, const std::string& name) {
    const int64_t n = cloud.size();
    int64_t kept = 0;
    for (int64_t i = 0; i < n; ++i) {
        const float* p = &cloud.xyz[i * 3];
        if (!(std::isfinite(p[0]) && std::isfinite(p[1]) && std::isfinite(p[2])))
            continue;
        if (kept != i) {
            std::memcpy(&cloud.xyz[kept * 3], p, 3 * sizeof(float));
            if (cloud.hasColour())
                std::memcpy(&cloud.rgb[kept * 3], &cloud.rgb[i * 3], 3 * sizeof(float));
        }
        ++kept;
    }
    cloud.droppedNonFinite += static_cast<int>(n - kept);
    cloud.xyz.resize(kept * 3);
    if (cloud.hasColour())
        cloud.rgb.resize(kept * 3);
    if (kept == 0)
        throw Error(name + ": no point has finite coordinates (" + std::to_string(n) +
                    " points, all NaN or Inf)");
}

PointCloud parseXyz(const std::string& bytes, const std::string& name) {
    PointCloud c;
    std::istringstream in(bytes);
    std::string line;
    int lineNo = 0;
    int columns = -1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream row(line);
        std::vector<double> v;
        std::string word;
        while (row >> word) {
            char* end = nullptr;
            const double d = std::strtod(word.c_str(), &end);
            if (end == word.c_str() || *end != '\0')
                throw Error(name + ": line " + std::to_string(lineNo) + ": \"" + word + "\" is not a number");
            v.push_back(d);
        }
        if (v.empty())
            continue;
        if (v.size() < 3)
            throw Error(name + ": line " + std::to_string(lineNo) + " has " + std::to_string(v.size()) +
                        " values, a point needs x y z");
        if (columns < 0)
            columns = static_cast<int>(v.size());
        for (int k = 0; k < 3; ++k)
            c.xyz.push_back(static_cast<float>(v[k]));
        if (columns >= 6 && v.size() >= 6)  // colours as 0..255 or 0..1
            for (int k = 3; k < 6; ++k)
                c.rgb.push_back(static_cast<float>(v[k] > 1.0 ? v[k] / 255.0 : v[k]));
    }
    if (!c.rgb.empty() && c.rgb.size() != c.xyz.size())
        c.rgb.clear();  // colour on some lines only: drop it
    if (c.xyz.empty())
        throw Error(name + ": no points (expected lines of x y z)");
    dropNonFinitePoints(c, name);
    return c;
}

PointCloud parsePointNpy(const std::string& bytes, const std::string& name) {
    const NpyHeader h = parseNpyHeader(bytes, name);
    const bool f4 = h.descr == "<f4", f8 = h.descr == "<f8";
    if (!(f4 || f8) || h.fortranOrder)
        throw Error(name + ": point .npy must be little-endian float32 or float64 in C order");
    if (h.shape.size() != 2)
        throw Error(name + ": point .npy must be 2-D [P,3+F], got " + shapeToString(h.shape));
    const uint64_t points = static_cast<uint64_t>(h.shape[0]), cols = static_cast<uint64_t>(h.shape[1]);
    const size_t offset = h.dataOffset;
    if (cols < 3)
        throw Error(name + ": point .npy has " + std::to_string(cols) + " columns, needs at least x y z");
    const size_t item = f4 ? 4 : 8;
    const size_t body = bytes.size() - offset;
    if (points > body / item / cols)
        throw Error(name + ": header says " + std::to_string(points) + " points of " + std::to_string(cols) +
                    " values, the file holds " + std::to_string(body) + " bytes");
    PointCloud c;
    const char* data = bytes.data() + offset;
    c.xyz.resize(points * 3);
    for (uint64_t i = 0; i < points; ++i)
        for (int k = 0; k < 3; ++k) {
            if (f4) {
                float v;
                std::memcpy(&v, data + (i * cols + k) * 4, 4);
                c.xyz[i * 3 + k] = v;
            } else {
                double v;
                std::memcpy(&v, data + (i * cols + k) * 8, 8);
                c.xyz[i * 3 + k] = static_cast<float>(v);
            }
        }
    if (points == 0)
        throw Error(name + ": no points");
    dropNonFinitePoints(c, name);
    return c;
}

PointCloud loadPointCloud(const std::string& path) {
    const QFileInfo info(QString::fromStdString(path));
    if (!info.exists())
        throw Error(path + ": file not found");
    if (info.isDir())
        throw Error(path + ": is a folder, not a point cloud");
    QFile f(info.filePath());
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    const QByteArray all = f.readAll();
    const std::string bytes(all.constData(), static_cast<size_t>(all.size()));
    if (bytes.empty())
        throw Error(path + ": empty file, not a point cloud");
    const std::string ext = info.suffix().toLower().toStdString();
    if (ext == "ply")
        return parsePly(bytes, path);
    if (ext == "pcd")
        return parsePcd(bytes, path);
    if (ext == "xyz" || ext == "txt" || ext == "pts")
        return parseXyz(bytes, path);
    if (ext == "npy")
        return parsePointNpy(bytes, path);
    throw Error(path + ": unknown point cloud format \"." + ext + "\" (ply, pcd, xyz, txt, npy)");
}

}  // namespace filterscope
