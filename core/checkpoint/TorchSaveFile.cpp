#include "checkpoint/TorchSaveFile.h"

#include "checkpoint/StoredDtype.h"
#include "common/Error.h"

#include <algorithm>
#include <cstring>

namespace filterscope {
std::unique_ptr<TorchSaveFile> TorchSaveFile::open(const std::string& path) {
    std::unique_ptr<TorchSaveFile> f(new TorchSaveFile());
    f->archive_ = StoredZipArchive::open(path);
    std::string pickle;
    for (const auto& m : f->archive_->members()) {
        const std::string& name = m.first;
        if (name.size() >= 9 && name.compare(name.size() - 9, 9, "/data.pkl") == 0 &&
            name.find('/') == name.size() - 9) {
            pickle = name;
            break;
        }
    }
    if (pickle.empty())
        throw Error(path + ": ZIP archive without <name>/data.pkl: not written by torch.save");
    f->prefix_ = pickle.substr(0, pickle.size() - 8);
    const StoredZipArchive::Member m = f->archive_->member(pickle);
    f->tensors_ = parseTorchPickle(m.data, m.size, path);
    return f;
}

FloatArray TorchSaveFile::read(const std::string& name) const {
    const auto it = tensors_.find(name);
    if (it == tensors_.end())
        throw Error(path() + ": no tensor '" + name + "'");
    const TorchTensorRecord& t = it->second;
    const int size = storedItemSize(t.dtype);
    if (!size)
        throw Error(path() + ": tensor '" + name + "' is stored as " + t.dtype +
                    "; F32, F16, BF16, F64 are read");
    const StoredZipArchive::Member storage = archive_->member(prefix_ + "data/" + t.storageKey);
    if (t.storageNumel < 0 || static_cast<uint64_t>(t.storageNumel) > storage.size / size)
        throw Error(path() + ": storage of '" + name + "' holds " + std::to_string(storage.size) +
                    " bytes, fewer than its " + std::to_string(t.storageNumel) + " elements");
    // 128-bit, and clamped before each multiplication: a corrupt header's sizes must neither wrap around
    // into a range that passes the check nor overflow the check itself.
    constexpr __int128 kCap = __int128(1) << 80;
    __int128 wide = 1;
    for (size_t d = 0; d < t.shape.size(); ++d) {
        if (t.shape[d] < 0 || t.stride[d] < 0)
            throw Error(path() + ": tensor '" + name + "' has a negative size or stride");
        wide = t.shape[d] != 0 && wide > kCap / t.shape[d] ? kCap : wide * t.shape[d];
    }
    if (wide > (__int128(1) << 34))
        throw Error(path() + ": tensor '" + name + "' (shape " + shapeToString(t.shape) +
                    ") is too large to read as float32");
    // Every size is now at most 2^34 (or one is 0), so the furthest element cannot overflow 128 bits.
    __int128 last = t.offset;
    for (size_t d = 0; d < t.shape.size() && wide > 0; ++d)
        last += static_cast<__int128>(t.shape[d] - 1) * t.stride[d];
    if (wide > 0 && (t.offset < 0 || last >= t.storageNumel))
        throw Error(path() + ": tensor '" + name + "' (shape " + shapeToString(t.shape) +
                    ") reaches beyond its storage of " + std::to_string(t.storageNumel) + " elements");
    const int64_t count = static_cast<int64_t>(wide);
    std::vector<float> out(static_cast<size_t>(count));
    bool contiguous = true;
    for (int64_t d = static_cast<int64_t>(t.shape.size()) - 1, step = 1; d >= 0; step *= t.shape[d--])
        contiguous = contiguous && (t.shape[d] == 1 || t.stride[d] == step);
    if (contiguous) {
        convertStored(storage.data + t.offset * size, t.dtype, out.data(), static_cast<size_t>(count));
        return FloatArray(t.shape, std::move(out));
    }
    std::vector<int64_t> index(t.shape.size(), 0);
    for (int64_t i = 0; i < count; ++i) {
        int64_t e = t.offset;
        for (size_t d = 0; d < index.size(); ++d)
            e += index[d] * t.stride[d];
        convertStored(storage.data + e * size, t.dtype, &out[static_cast<size_t>(i)], 1);
        for (size_t d = index.size(); d-- > 0;) {
            if (++index[d] < t.shape[d])
                break;
            index[d] = 0;
        }
    }
    return FloatArray(t.shape, std::move(out));
}

}  // namespace filterscope
