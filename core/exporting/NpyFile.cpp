#include "exporting/NpyFile.h"

#include "common/Error.h"
#include "exporting/AtomicFile.h"

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

FloatArray readNpy(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 10 || std::memcmp(bytes.constData(), "\x93NUMPY", 6) != 0)
        throw Error(path + ": not a .npy file");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        offset = 10;
    } else if (bytes.size() >= 12) {
        headerLen = 0;
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
        offset = 12;
    }
    if (offset == 0 || offset + headerLen > static_cast<size_t>(bytes.size()))
        throw Error(path + ": truncated .npy header");
    const std::string header(bytes.constData() + offset, headerLen);
    if (header.find("'<f4'") == std::string::npos ||
        header.find("'fortran_order': False") == std::string::npos)
        throw Error(path + ": only little-endian float32 C-order .npy is read, header is " + header);
    std::smatch m;
    if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
        throw Error(path + ": .npy header has no shape");
    std::vector<int64_t> shape;
    const std::string dims = m[1];
    const std::regex digits("\\d+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), digits), end; it != end; ++it)
        shape.push_back(std::stoll(it->str()));
    const size_t count = static_cast<size_t>(elementCountOf(shape));
    const size_t dataStart = offset + headerLen;
    if (static_cast<size_t>(bytes.size()) - dataStart != count * sizeof(float))
        throw Error(path + ": .npy body holds " + std::to_string(bytes.size() - dataStart) +
                    " bytes, shape " + shapeToString(shape) + " needs " +
                    std::to_string(count * sizeof(float)));
    std::vector<float> data(count);
    std::memcpy(data.data(), bytes.constData() + dataStart, count * sizeof(float));
    return FloatArray(shape, std::move(data));
}

}  // namespace filterscope
