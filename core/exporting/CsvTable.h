#pragma once

#include <string>
#include <vector>

namespace filterscope {

// A CSV file built row by row and replaced atomically on every write, so the file on disk is always
// complete: after each finished input of a batch it holds the header and every row so far.
class CsvTable {
public:
    explicit CsvTable(std::string header) : header_(std::move(header)) {}
    void addRow(std::string row) { rows_.push_back(std::move(row)); }
    void writeTo(const std::string& path) const;
    const std::string& header() const { return header_; }
    const std::vector<std::string>& rows() const { return rows_; }

    static std::string field(const std::string& text);  // quoted when it holds , " or a line break
    static std::string number(double v);                // 9 significant digits: exact for float32

private:
    std::string header_;
    std::vector<std::string> rows_;
};

}  // namespace filterscope
