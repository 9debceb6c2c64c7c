#include "checkpoint/StoredZipArchive.h"

#include "common/Error.h"

namespace filterscope {
namespace {

uint64_t le(const unsigned char* p, int bytes) {
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

constexpr uint32_t kEndOfDirectory = 0x06054b50, kZip64Locator = 0x07064b50, kZip64End = 0x06064b50,
                   kDirectoryEntry = 0x02014b50, kLocalHeader = 0x04034b50;

}  // namespace

std::unique_ptr<StoredZipArchive> StoredZipArchive::open(const std::string& path) {
    std::unique_ptr<StoredZipArchive> a(new StoredZipArchive());
    a->path_ = path;
    a->file_.setFileName(QString::fromStdString(path));
    if (!a->file_.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open (" + a->file_.errorString().toStdString() + ")");
    a->size_ = static_cast<uint64_t>(a->file_.size());
    if (a->size_ < 22)
        throw Error(path + ": " + std::to_string(a->size_) + " bytes, too short for a ZIP archive");
    a->base_ = a->file_.map(0, a->file_.size());
    if (!a->base_)
        throw Error(path + ": cannot memory-map (" + a->file_.errorString().toStdString() + ")");
    a->readDirectory();
    return a;
}

void StoredZipArchive::readDirectory() {
    // The end-of-directory record sits in the last 22 + 65535 (comment) bytes.
    int64_t eocd = -1;
    const uint64_t lowest = size_ > 22 + 65535 ? size_ - 22 - 65535 : 0;
    for (uint64_t i = size_ - 22 + 1; i-- > lowest;)
        if (le(base_ + i, 4) == kEndOfDirectory) {
            eocd = static_cast<int64_t>(i);
            break;
        }
    if (eocd < 0 && le(base_, 4) == kLocalHeader)
        throw Error(path_ + ": ZIP archive without its end-of-directory record (truncated?)");
    if (eocd < 0 && base_[0] == 0x80)
        throw Error(path_ +
                    ": a pickle, not a ZIP archive: torch.save's legacy format (PyTorch before 1.6 or "
                    "_use_new_zipfile_serialization=False); re-save with torch.save(torch.load(f), f)");
    if (eocd < 0)
        throw Error(path_ + ": not a ZIP archive (no end-of-directory record)");
    uint64_t count = le(base_ + eocd + 10, 2), dirSize = le(base_ + eocd + 12, 4),
             dirOffset = le(base_ + eocd + 16, 4);
    if (eocd >= 20 && le(base_ + eocd - 20, 4) == kZip64Locator) {
        const uint64_t z64 = le(base_ + eocd - 20 + 8, 8);
        if (z64 > size_ || size_ - z64 < 56 || le(base_ + z64, 4) != kZip64End)  // no wrap near 2^64
            throw Error(path_ + ": ZIP64 end-of-directory record is outside the file or damaged");
        count = le(base_ + z64 + 32, 8);
        dirSize = le(base_ + z64 + 40, 8);
        dirOffset = le(base_ + z64 + 48, 8);
    }
    if (dirOffset > size_ || dirSize > size_ - dirOffset)
        throw Error(path_ + ": ZIP central directory lies beyond the end of the file (truncated?)");
    uint64_t p = dirOffset;
    for (uint64_t i = 0; i < count; ++i) {
        if (p + 46 > dirOffset + dirSize || le(base_ + p, 4) != kDirectoryEntry)
            throw Error(path_ + ": ZIP central directory entry " + std::to_string(i) + " is damaged");
        const int method = static_cast<int>(le(base_ + p + 10, 2));
        uint64_t stored = le(base_ + p + 20, 4), local = le(base_ + p + 42, 4);
        const uint64_t nameLen = le(base_ + p + 28, 2), extraLen = le(base_ + p + 30, 2),
                       commentLen = le(base_ + p + 32, 2);
        if (p + 46 + nameLen + extraLen + commentLen > dirOffset + dirSize)
            throw Error(path_ + ": ZIP central directory entry " + std::to_string(i) + " is damaged");
        const std::string name(reinterpret_cast<const char*>(base_ + p + 46), nameLen);
        // ZIP64 extra field: the 64-bit values of whichever 32-bit fields are 0xFFFFFFFF, in this order.
        const unsigned char* e = base_ + p + 46 + nameLen;
        for (uint64_t q = 0; q + 4 <= extraLen;) {
            const uint64_t id = le(e + q, 2), len = le(e + q + 2, 2);
            if (q + 4 + len > extraLen)
                break;
            if (id == 1) {
                uint64_t f = q + 4;
                if (le(base_ + p + 24, 4) == 0xFFFFFFFFu && f + 8 <= q + 4 + len)
                    f += 8;  // uncompressed size comes first
                if (stored == 0xFFFFFFFFu && f + 8 <= q + 4 + len) {
                    stored = le(e + f, 8);
                    f += 8;
                }
                if (local == 0xFFFFFFFFu && f + 8 <= q + 4 + len)
                    local = le(e + f, 8);
            }
            q += 4 + len;
        }
        localHeaders_[name] = local;
        sizes_[name] = stored;
        methods_[name] = method;
        p += 46 + nameLen + extraLen + commentLen;
    }
}

StoredZipArchive::Member StoredZipArchive::member(const std::string& name) const {
    const auto it = localHeaders_.find(name);
    if (it == localHeaders_.end())
        throw Error(path_ + ": archive has no member '" + name + "'");
    if (methods_.at(name) != 0)
        throw Error(path_ + ": member '" + name + "' is compressed (method " +
                    std::to_string(methods_.at(name)) + "); torch.save stores members uncompressed");
    const uint64_t h = it->second;
    if (h > size_ || size_ - h < 30 || le(base_ + h, 4) != kLocalHeader)
        throw Error(path_ + ": local header of '" + name + "' is outside the file or damaged (truncated?)");
    const uint64_t begin = h + 30 + le(base_ + h + 26, 2) + le(base_ + h + 28, 2);
    const uint64_t size = sizes_.at(name);
    if (begin > size_ || size > size_ - begin)
        throw Error(path_ + ": member '" + name + "' (" + std::to_string(size) +
                    " bytes) reaches beyond the end of the file (truncated?)");
    return {base_ + begin, size};
}

}  // namespace filterscope
