#include "array/NpyFile.h"

#include "common/AtomicFile.h"
#include "common/Error.h"

#include <QFile>

#include <cstring>

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

namespace {

// A small bounded parser for the header's Python dict literal, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }. No regex: its recursion can be driven into a
// stack overflow by a long enough header.
class HeaderScanner {
public:
    HeaderScanner(const std::string& text, const std::string& name) : s_(text), name_(name) {}

    // Position just after `'key':` (and spaces), or npos.
    size_t valueOf(const char* key) const {
        const std::string quoted = std::string("'") + key + "'";
        size_t at = s_.find(quoted);
        if (at == std::string::npos)
            return at;
        at += quoted.size();
        at = skipSpaces(at);
        if (at >= s_.size() || s_[at] != ':')
            throw Error(name_ + ": .npy header: no ':' after " + quoted);
        return skipSpaces(at + 1);
    }
    size_t skipSpaces(size_t at) const {
        while (at < s_.size() && (s_[at] == ' ' || s_[at] == '\t'))
            ++at;
        return at;
    }
    std::string quoted(size_t at) const {
        if (at >= s_.size() || (s_[at] != '\'' && s_[at] != '"'))
            throw Error(name_ + ": .npy header: 'descr' is not a quoted string");
        const size_t close = s_.find(s_[at], at + 1);
        if (close == std::string::npos || close - at > 64)
            throw Error(name_ + ": .npy header: 'descr' is not a short quoted string");
        return s_.substr(at + 1, close - at - 1);
    }
    std::vector<int64_t> tuple(size_t at) const {
        if (at >= s_.size() || s_[at] != '(')
            throw Error(name_ + ": .npy header: 'shape' is not a tuple");
        std::vector<int64_t> dims;
        ++at;
        while (true) {
            at = skipSpaces(at);
            if (at >= s_.size())
                throw Error(name_ + ": .npy header: 'shape' tuple is not closed");
            if (s_[at] == ')')
                return dims;
            int64_t v = 0;
            size_t digits = 0;
            while (at < s_.size() && s_[at] >= '0' && s_[at] <= '9') {
                if (++digits > 15)
                    throw Error(name_ + ": .npy header: a shape size has more than 15 digits");
                v = v * 10 + (s_[at++] - '0');
            }
            if (digits == 0)
                throw Error(name_ + ": .npy header: 'shape' holds something other than sizes");
            if (dims.size() >= 32)
                throw Error(name_ + ": .npy header: 'shape' has more than 32 dimensions");
            dims.push_back(v);
            at = skipSpaces(at);
            if (at < s_.size() && s_[at] == 'L')  // Python 2's long suffix
                at = skipSpaces(at + 1);
            if (at < s_.size() && s_[at] == ',')
                ++at;
            else if (at < s_.size() && s_[at] != ')')
                throw Error(name_ + ": .npy header: 'shape' sizes must be separated by commas");
        }
    }

private:
    const std::string& s_;
    const std::string& name_;
};

}  // namespace

NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name) {
    if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
        throw Error(name + ": not a .npy file");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        offset = 10;
    } else if ((major == 2 || major == 3) && bytes.size() >= 12) {
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<unsigned char>(bytes[8 + i]);
        offset = 12;
    } else if (major != 2 && major != 3) {
        throw Error(name + ": .npy format version " + std::to_string(major) + " (1, 2 and 3 are read)");
    }
    if (offset == 0 || headerLen > bytes.size() - offset)
        throw Error(name + ": truncated .npy header");
    if (headerLen > (1u << 20))
        throw Error(name + ": .npy header of " + std::to_string(headerLen) +
                    " bytes (at most 1 MiB is read)");
    const std::string header = bytes.substr(offset, headerLen);
    const HeaderScanner scan(header, name);
    NpyHeader h;
    const size_t descr = scan.valueOf("descr");
    if (descr != std::string::npos)
        h.descr = scan.quoted(descr);
    const size_t fortran = scan.valueOf("fortran_order");
    h.fortranOrder = fortran != std::string::npos && header.compare(fortran, 4, "True") == 0;
    const size_t shape = scan.valueOf("shape");
    if (shape == std::string::npos)
        throw Error(name + ": .npy header has no shape");
    h.shape = scan.tuple(shape);
    try {
        elementCountOf(h.shape);  // throws on an impossible size
    } catch (const Error& e) {
        throw Error(name + ": " + e.what());
    }
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
