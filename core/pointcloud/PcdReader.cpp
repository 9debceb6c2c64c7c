// PCD (Point Cloud Library format, v0.7): DATA ascii, binary and binary_compressed (LZF, fields stored
// one after another). Every read is bounds-checked; sizes the header claims are checked against the
// bytes present before anything is allocated.
#include "common/Error.h"
#include "pointcloud/PointCloud.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

namespace filterscope {
namespace {

struct Field {
    std::string name;
    int size = 4;
    char type = 'F';
    int count = 1;
    size_t offset = 0;  // within a point record (binary) or, times the point count, within a block
};

// liblzf's format: a control byte < 32 starts a literal run of ctrl+1 bytes; otherwise a back reference
// of length (ctrl >> 5) + 2 (7 means a further length byte) at distance ((ctrl & 31) << 8 | next) + 1.
std::string lzfDecompress(const char* in, size_t inSize, size_t outSize, const std::string& name) {
    std::string out(outSize, '\0');
    size_t ip = 0, op = 0;
    const std::string broken = name + ": corrupt binary_compressed data";
    while (ip < inSize) {
        const unsigned ctrl = static_cast<unsigned char>(in[ip++]);
        if (ctrl < 32) {
            const size_t run = ctrl + 1;
            if (ip + run > inSize || op + run > outSize)
                throw Error(broken + " (literal run past the end)");
            std::memcpy(&out[op], in + ip, run);
            ip += run;
            op += run;
        } else {
            size_t len = ctrl >> 5;
            if (len == 7) {
                if (ip >= inSize)
                    throw Error(broken + " (truncated back reference)");
                len += static_cast<unsigned char>(in[ip++]);
            }
            if (ip >= inSize)
                throw Error(broken + " (truncated back reference)");
            const size_t distance = ((ctrl & 0x1f) << 8) + static_cast<unsigned char>(in[ip++]) + 1;
            len += 2;
            if (distance > op || op + len > outSize)
                throw Error(broken + " (back reference outside the data)");
            for (size_t k = 0; k < len; ++k, ++op)
                out[op] = out[op - distance];  // may overlap: byte by byte
        }
    }
    if (op != outSize)
        throw Error(broken + " (decompressed " + std::to_string(op) + " bytes, header says " +
                    std::to_string(outSize) + ")");
    return out;
}

double readNumber(const char* p, const Field& f) {
    if (f.type == 'F') {
        if (f.size == 4) {
            float v;
            std::memcpy(&v, p, 4);
            return v;
        }
        double v;
        std::memcpy(&v, p, 8);
        return v;
    }
    uint64_t u = 0;
    std::memcpy(&u, p, static_cast<size_t>(f.size));  // little-endian files
    if (f.type == 'I' && f.size < 8 && (u >> (f.size * 8 - 1)) & 1)
        return static_cast<double>(static_cast<int64_t>(u | (~0ull << (f.size * 8))));
    return static_cast<double>(u);
}

}  // namespace

PointCloud parsePcd(const std::string& bytes, const std::string& name) {
    std::vector<Field> fields;
    uint64_t width = 0, height = 1, points = 0;
    std::string data;
    size_t pos = 0, bodyStart = std::string::npos;
    while (pos < bytes.size() && bodyStart == std::string::npos) {
        size_t end = bytes.find('\n', pos);
        if (end == std::string::npos)
            end = bytes.size();
        std::string line = bytes.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream words(line);
        std::string key;
        words >> key;
        std::vector<std::string> v;
        for (std::string w; words >> w;)
            v.push_back(w);
        auto number = [&](const std::string& w) -> uint64_t {
            try {
                return std::stoull(w);
            } catch (const std::exception&) {
                throw Error(name + ": PCD " + key + " value \"" + w + "\" is not a number");
            }
        };
        if (key == "FIELDS") {
            for (const std::string& f : v)
                fields.push_back({f});
        } else if (key == "SIZE" || key == "TYPE" || key == "COUNT") {
            if (v.size() != fields.size())
                throw Error(name + ": PCD " + key + " has " + std::to_string(v.size()) + " entries for " +
                            std::to_string(fields.size()) + " fields");
            for (size_t i = 0; i < v.size(); ++i) {
                if (key == "TYPE")
                    fields[i].type = v[i].empty() ? '?' : v[i][0];
                else if (key == "SIZE")
                    fields[i].size = static_cast<int>(number(v[i]));
                else
                    fields[i].count = static_cast<int>(number(v[i]));
            }
        } else if (key == "WIDTH" && !v.empty()) {
            width = number(v[0]);
        } else if (key == "HEIGHT" && !v.empty()) {
            height = number(v[0]);
        } else if (key == "POINTS" && !v.empty()) {
            points = number(v[0]);
        } else if (key == "DATA" && !v.empty()) {
            data = v[0];
            bodyStart = pos;
        }
    }
    if (bodyStart == std::string::npos)
        throw Error(name + ": PCD header has no DATA line");
    bodyStart = std::min(bodyStart, bytes.size());  // a DATA line without a line break ends the file
    if (points == 0)
        points = width * height;
    size_t pointSize = 0;
    int ix = -1, iy = -1, iz = -1, irgb = -1;
    for (size_t i = 0; i < fields.size(); ++i) {
        Field& f = fields[i];
        if (!(f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8) || f.count < 1 || f.count > 1 << 20 ||
            !(f.type == 'F' || f.type == 'U' || f.type == 'I') || (f.type == 'F' && f.size < 4))
            throw Error(name + ": PCD field '" + f.name + "' has an invalid SIZE/TYPE/COUNT");
        f.offset = pointSize;
        pointSize += static_cast<size_t>(f.size) * f.count;
        if (f.name == "x")
            ix = int(i);
        if (f.name == "y")
            iy = int(i);
        if (f.name == "z")
            iz = int(i);
        if ((f.name == "rgb" || f.name == "rgba") && f.size == 4)
            irgb = int(i);
    }
    if (ix < 0 || iy < 0 || iz < 0)
        throw Error(name + ": PCD has no x, y and z fields");
    if (points == 0)
        throw Error(name + ": PCD holds no points");

    PointCloud c;
    auto add = [&](double x, double y, double z, double rgb, bool hasRgb) {
        c.xyz.insert(c.xyz.end(), {static_cast<float>(x), static_cast<float>(y), static_cast<float>(z)});
        if (hasRgb) {
            uint32_t u;
            const float f = static_cast<float>(rgb);
            if (fields[irgb].type == 'F')
                std::memcpy(&u, &f, 4);
            else
                u = static_cast<uint32_t>(rgb);
            c.rgb.insert(c.rgb.end(),
                         {((u >> 16) & 255) / 255.0f, ((u >> 8) & 255) / 255.0f, (u & 255) / 255.0f});
        }
    };
    const bool hasRgb = irgb >= 0;
    const size_t body = bytes.size() - bodyStart;
    if (data == "ascii") {
        std::istringstream in(bytes.substr(bodyStart));
        size_t valuesPerPoint = 0;
        for (const Field& f : fields)
            valuesPerPoint += f.count;
        if (points > body / (2 * valuesPerPoint) + 1)
            throw Error(name + ": header claims " + std::to_string(points) +
                        " points, the ascii body is too short");
        std::vector<double> row(valuesPerPoint);
        std::vector<size_t> first(fields.size());
        for (size_t i = 0, k = 0; i < fields.size(); k += fields[i].count, ++i)
            first[i] = k;
        for (uint64_t p = 0; p < points; ++p) {
            for (size_t k = 0; k < valuesPerPoint; ++k) {
                std::string w;
                if (!(in >> w))
                    throw Error(name + ": header claims " + std::to_string(points) +
                                " points, the body ends at point " + std::to_string(p));
                row[k] = (w == "nan" || w == "NaN") ? NAN : std::strtod(w.c_str(), nullptr);
            }
            add(row[first[ix]], row[first[iy]], row[first[iz]], hasRgb ? row[first[irgb]] : 0, hasRgb);
        }
    } else if (data == "binary") {
        if (points > body / pointSize)
            throw Error(name + ": header claims " + std::to_string(points) + " points (" +
                        std::to_string(points * pointSize) + " bytes), the body holds " +
                        std::to_string(body) + " bytes");
        const char* d = bytes.data() + bodyStart;
        for (uint64_t p = 0; p < points; ++p) {
            const char* rec = d + p * pointSize;
            add(readNumber(rec + fields[ix].offset, fields[ix]),
                readNumber(rec + fields[iy].offset, fields[iy]),
                readNumber(rec + fields[iz].offset, fields[iz]),
                hasRgb ? readNumber(rec + fields[irgb].offset, fields[irgb]) : 0, hasRgb);
        }
    } else if (data == "binary_compressed") {
        if (body < 8)
            throw Error(name + ": binary_compressed body is shorter than its 8-byte size header");
        uint32_t compressed, raw;
        std::memcpy(&compressed, bytes.data() + bodyStart, 4);
        std::memcpy(&raw, bytes.data() + bodyStart + 4, 4);
        if (compressed > body - 8)
            throw Error(name + ": truncated binary_compressed body (" + std::to_string(compressed) +
                        " bytes declared, " + std::to_string(body - 8) + " present)");
        // points·pointSize must not wrap: a raised POINTS would otherwise match `raw` and read wild memory.
        if (pointSize == 0 || points > UINT32_MAX / pointSize || raw != points * pointSize)
            throw Error(name + ": binary_compressed size " + std::to_string(raw) + " does not match " +
                        std::to_string(points) + " points of " + std::to_string(pointSize) + " bytes");
        const std::string block = lzfDecompress(bytes.data() + bodyStart + 8, compressed, raw, name);
        // Fields one after another: field f of point p at points·offset_f + p·(size·count).
        auto value = [&](int f, uint64_t p) {
            return readNumber(block.data() + points * fields[f].offset + p * fields[f].size * fields[f].count,
                              fields[f]);
        };
        for (uint64_t p = 0; p < points; ++p)
            add(value(ix, p), value(iy, p), value(iz, p), hasRgb ? value(irgb, p) : 0, hasRgb);
    } else {
        throw Error(name + ": unknown PCD DATA \"" + data + "\" (ascii, binary, binary_compressed)");
    }
    dropNonFinitePoints(c, name);
    return c;
}

}  // namespace filterscope
