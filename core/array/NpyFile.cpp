#include "array/NpyFile.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <QFile>

#include <cstring>
#include <regex>

namespace filterscope {

std::string encodeNpy(const FloatArray& array) {
    std::string shape = "(";
    for (int64_t d : array.shape)
        shape += std::to_string(d) + ",";
    if (array.shape.size() > 1)
        shape.pop_back();  // (3,) keeps its comma, (2,3) does not
    shape += ")";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // magic(6) + version(2) + header length(2) + header, padded with spaces to a multiple of 64, ending in
    // \n.
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>((header.size() >> 8) & 0xff);
    out += header;
    const size_t bytes = array.data.size() * sizeof(float);
    const size_t start = out.size();
    out.resize(start + bytes);
    std::memcpy(&out[start], array.data.data(), bytes);  // x86-64 and aarch64 are little-endian, as '<f4'
    return out;
}

void writeNpy(const std::string& path, const FloatArray& array) {
    writeFileAtomically(path, encodeNpy(array));
}

NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name) {
    if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
        throw Error(name + ": not a .npy file");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        offset = 10;
    } else if (bytes.size() >= 12) {
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
        offset = 12;
    }
    if (offset == 0 || headerLen > bytes.size() - offset)
        throw Error(name + ": truncated .npy header");
    const std::string header = bytes.substr(offset, headerLen);
    NpyHeader h;
    std::smatch m;
    if (std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'")))
        h.descr = m[1];
    h.fortranOrder = header.find("'fortran_order': True") != std::string::npos;
    if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
        throw Error(name + ": .npy header has no shape");
    const std::string dims = m[1];
    const std::regex digits("\\d+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), digits), end; it != end; ++it)
        h.shape.push_back(std::stoll(it->str()));
    h.dataOffset = offset + headerLen;
    return h;
}

FloatArray readNpy(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + file.errorString().toStdString());
    const QByteArray raw = file.readAll();
    const std::string bytes(raw.constData(), static_cast<size_t>(raw.size()));
    const NpyHeader h = parseNpyHeader(bytes, path);
    if (h.descr != "<f4" || h.fortranOrder)
        throw Error(path + ": only little-endian float32 C-order .npy is read, found " + h.descr +
                    (h.fortranOrder ? " (Fortran order)" : ""));
    const std::vector<int64_t>& shape = h.shape;
    const size_t count = static_cast<size_t>(elementCountOf(shape));
    const size_t dataStart = h.dataOffset;
    if (bytes.size() - dataStart != count * sizeof(float))
        throw Error(path + ": .npy body holds " + std::to_string(bytes.size() - dataStart) +
                    " bytes, shape " + shapeToString(shape) + " needs " +
                    std::to_string(count * sizeof(float)));
    std::vector<float> data(count);
    std::memcpy(data.data(), bytes.data() + dataStart, count * sizeof(float));
    return FloatArray(shape, std::move(data));
}

}  // namespace filterscope
