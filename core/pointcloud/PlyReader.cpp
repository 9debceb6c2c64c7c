// PLY (Stanford polygon format) vertices: ascii, binary_little_endian, binary_big_endian. Every read is
// bounds-checked against the file, and counts are checked against the bytes present before allocating.
#include "common/Error.h"
#include "pointcloud/PointCloud.h"

#include <cstring>
#include <sstream>

namespace filterscope {
namespace {

struct Property {
    std::string name;
    std::string type;       // scalar type, or the item type of a list
    std::string countType;  // list length type; empty for a scalar
};

struct Element {
    std::string name;
    uint64_t count = 0;
    std::vector<Property> properties;
};

int typeSize(const std::string& t) {
    if (t == "char" || t == "uchar" || t == "int8" || t == "uint8")
        return 1;
    if (t == "short" || t == "ushort" || t == "int16" || t == "uint16")
        return 2;
    if (t == "int" || t == "uint" || t == "int32" || t == "uint32" || t == "float" || t == "float32")
        return 4;
    if (t == "double" || t == "float64")
        return 8;
    return 0;
}

class BinaryCursor {
public:
    BinaryCursor(const std::string& bytes, size_t pos, bool bigEndian, const std::string& name)
        : bytes_(bytes), pos_(pos), big_(bigEndian), name_(name) {}

    double read(const std::string& type) {
        const int size = typeSize(type);
        if (pos_ + size > bytes_.size())
            throw Error(name_ + ": truncated binary body (data ends at byte " +
                        std::to_string(bytes_.size()) + " inside a vertex record)");
        unsigned char b[8];
        std::memcpy(b, bytes_.data() + pos_, size);
        pos_ += size;
        if (big_)
            for (int i = 0; i < size / 2; ++i)
                std::swap(b[i], b[size - 1 - i]);
        if (type == "char" || type == "int8")
            return static_cast<int8_t>(b[0]);
        if (type == "uchar" || type == "uint8")
            return b[0];
        if (type == "short" || type == "int16")
            return readAs<int16_t>(b);
        if (type == "ushort" || type == "uint16")
            return readAs<uint16_t>(b);
        if (type == "int" || type == "int32")
            return readAs<int32_t>(b);
        if (type == "uint" || type == "uint32")
            return readAs<uint32_t>(b);
        if (type == "float" || type == "float32")
            return readAs<float>(b);
        return readAs<double>(b);
    }
    size_t remaining() const { return bytes_.size() - pos_; }

private:
    template <typename T>
    static double readAs(const unsigned char* b) {
        T v;
        std::memcpy(&v, b, sizeof v);
        return static_cast<double>(v);
    }
    const std::string& bytes_;
    size_t pos_;
    bool big_;
    const std::string& name_;
};

}  // namespace

PointCloud parsePly(const std::string& bytes, const std::string& name) {
    if (bytes.compare(0, 3, "ply") != 0)
        throw Error(name + ": not a PLY file (no 'ply' magic)");
    const size_t endHeader = bytes.find("end_header");
    if (endHeader == std::string::npos)
        throw Error(name + ": PLY header has no end_header");
    size_t bodyStart = bytes.find('\n', endHeader);
    if (bodyStart == std::string::npos)
        throw Error(name + ": PLY header has no line break after end_header");
    ++bodyStart;
    std::istringstream header(bytes.substr(0, endHeader));
    std::string line, format;
    std::vector<Element> elements;
    while (std::getline(header, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::istringstream words(line);
        std::string key;
        words >> key;
        if (key == "format") {
            words >> format;
        } else if (key == "element") {
            Element e;
            std::string count;
            words >> e.name >> count;
            try {
                e.count = std::stoull(count);
            } catch (const std::exception&) {
                throw Error(name + ": PLY element '" + e.name + "' has no valid count (\"" + count + "\")");
            }
            elements.push_back(e);
        } else if (key == "property") {
            if (elements.empty())
                throw Error(name + ": PLY property before any element");
            Property p;
            std::string type;
            words >> type;
            if (type == "list") {
                words >> p.countType >> p.type >> p.name;
                if (!typeSize(p.countType) || !typeSize(p.type))
                    throw Error(name + ": PLY list property '" + p.name + "' has an unknown type");
            } else {
                p.type = type;
                words >> p.name;
                if (!typeSize(p.type))
                    throw Error(name + ": PLY property '" + p.name + "' has unknown type \"" + type + "\"");
            }
            elements.back().properties.push_back(p);
        }
    }
    const bool ascii = format == "ascii";
    const bool little = format == "binary_little_endian", big = format == "binary_big_endian";
    if (!ascii && !little && !big)
        throw Error(name + ": unknown PLY format \"" + format + "\"");

    PointCloud c;
    BinaryCursor cursor(bytes, bodyStart, big, name);
    std::istringstream text(ascii ? bytes.substr(bodyStart) : std::string());
    auto readValue = [&](const std::string& type) -> double {
        if (!ascii)
            return cursor.read(type);
        double v;
        if (!(text >> v))
            throw Error(name + ": PLY ascii body ends early or holds a non-number");
        return v;
    };
    for (const Element& e : elements) {
        const bool vertex = e.name == "vertex";
        int ix = -1, iy = -1, iz = -1, ir = -1, ig = -1, ib = -1;
        size_t recordBytes = 0;
        for (size_t i = 0; i < e.properties.size(); ++i) {
            const Property& p = e.properties[i];
            recordBytes += typeSize(p.countType.empty() ? p.type : p.countType);
            if (p.name == "x")
                ix = int(i);
            if (p.name == "y")
                iy = int(i);
            if (p.name == "z")
                iz = int(i);
            if (p.name == "red" || p.name == "r" || p.name == "diffuse_red")
                ir = int(i);
            if (p.name == "green" || p.name == "g" || p.name == "diffuse_green")
                ig = int(i);
            if (p.name == "blue" || p.name == "b" || p.name == "diffuse_blue")
                ib = int(i);
        }
        if (vertex && (ix < 0 || iy < 0 || iz < 0))
            throw Error(name + ": PLY vertex element lacks x, y or z");
        // Before allocating anything, the body must be able to hold what the header claims.
        const uint64_t available = ascii ? bytes.size() - bodyStart : cursor.remaining();
        const uint64_t minBytes = ascii ? 2 * e.properties.size() : recordBytes;
        if (minBytes > 0 && e.count > available / minBytes)
            throw Error(name + ": header claims " + std::to_string(e.count) + " " + e.name +
                        " records, the body (" + std::to_string(available) + " bytes) cannot hold them");
        if (e.properties.empty())  // records of no bytes: nothing to read, however many are claimed
            continue;
        const bool colour = vertex && ir >= 0 && ig >= 0 && ib >= 0;
        if (vertex) {
            c.xyz.reserve(e.count * 3);
            if (colour)
                c.rgb.reserve(e.count * 3);
        }
        std::vector<double> values(e.properties.size());
        for (uint64_t r = 0; r < e.count; ++r) {
            for (size_t i = 0; i < e.properties.size(); ++i) {
                const Property& p = e.properties[i];
                if (p.countType.empty()) {
                    values[i] = readValue(p.type);
                } else {
                    const double n = readValue(p.countType);
                    if (n < 0 || n > 1e6)
                        throw Error(name + ": PLY list of " + std::to_string(n) + " items");
                    for (int k = 0; k < static_cast<int>(n); ++k)
                        readValue(p.type);
                }
            }
            if (!vertex)
                continue;
            c.xyz.push_back(static_cast<float>(values[ix]));
            c.xyz.push_back(static_cast<float>(values[iy]));
            c.xyz.push_back(static_cast<float>(values[iz]));
            if (colour) {
                const bool bytesColour = typeSize(e.properties[ir].type) == 1;
                for (int i : {ir, ig, ib})
                    c.rgb.push_back(static_cast<float>(bytesColour ? values[i] / 255.0 : values[i]));
            }
        }
        if (vertex)
            break;  // nothing after the vertices is needed
    }
    if (c.xyz.empty())
        throw Error(name + ": PLY file has no vertices");
    dropNonFinitePoints(c, name);
    return c;
}

}  // namespace filterscope
