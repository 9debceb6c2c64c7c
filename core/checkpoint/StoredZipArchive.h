#pragma once

#include <QFile>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace filterscope {

// A ZIP archive whose members are stored uncompressed, read through a memory mapping: the container of
// torch.save files since PyTorch 1.6. ZIP64 is handled (a 7B LLaMA shard is 13 GB). Offsets and sizes
// are checked against the file before anything is read, so a truncated or corrupt file gives an Error
// naming it rather than a read outside the mapping.
class StoredZipArchive {
public:
    struct Member {
        const unsigned char* data = nullptr;
        uint64_t size = 0;
    };

    // Throws Error naming the file when it is not a ZIP archive or its directory is inconsistent.
    static std::unique_ptr<StoredZipArchive> open(const std::string& path);

    // Member names as written, e.g. "consolidated/data.pkl", "consolidated/data/0".
    const std::map<std::string, uint64_t>& members() const { return localHeaders_; }
    bool has(const std::string& name) const { return localHeaders_.count(name) > 0; }
    // The bytes of a stored member. Throws Error naming the member when it is absent, compressed or
    // reaches beyond the file.
    Member member(const std::string& name) const;
    const std::string& path() const { return path_; }

private:
    StoredZipArchive() = default;
    void readDirectory();

    std::string path_;
    QFile file_;
    const unsigned char* base_ = nullptr;
    uint64_t size_ = 0;
    std::map<std::string, uint64_t> localHeaders_;  // name → offset of its local header
    std::map<std::string, uint64_t> sizes_;         // name → stored size (central directory)
    std::map<std::string, int> methods_;            // name → compression method (0 = stored)
};

}  // namespace filterscope
