#include "probe/ProbeItems.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace filterscope {

std::string itemPath(const std::string& outDir, const std::string& model, const std::string& outputName) {
    return outDir + "/items/" + model + "/" + outputName + ".csv";
}

void writeItem(const std::string& path, const std::string& input, const std::string& model,
               const std::vector<ScoreRow>& rows) {
    const QString dir = QFileInfo(QString::fromStdString(path)).absolutePath();
    if (!QDir().mkpath(dir))
        throw Error(dir.toStdString() + ": cannot create folder");
    std::string text = std::string(kProbeRowHeader) + "\n";
    const std::string prefix = CsvTable::field(input) + "," + CsvTable::field(model) + ",";
    for (const ScoreRow& r : rows)
        text += prefix + CsvTable::field(r.stage) + "," + r.map + "," + r.metric + "," +
                (std::isnan(r.value) ? std::string() : CsvTable::number(r.value)) + "\n";
    writeFileAtomically(path, text);
}

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                fields.back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                fields.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<ProbeRow> readItem(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    std::istringstream in(f.readAll().toStdString());
    std::string line;
    if (!std::getline(in, line) || line != kProbeRowHeader)
        throw Error(path + ": not a probe item file (header \"" + line + "\")");
    std::vector<ProbeRow> rows;
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        const std::vector<std::string> f6 = splitCsvLine(line);
        if (f6.size() != 6)
            throw Error(path + ": line " + std::to_string(number) + " has " + std::to_string(f6.size()) +
                        " fields, expected 6");
        ProbeRow r{f6[0], f6[1], f6[2], f6[3], f6[4], std::numeric_limits<double>::quiet_NaN()};
        if (!f6[5].empty()) {
            char* end = nullptr;
            r.value = std::strtod(f6[5].c_str(), &end);
            if (!end || *end)
                throw Error(path + ": line " + std::to_string(number) + ": value \"" + f6[5] +
                            "\" is not a number");
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<ProbeRow> readAllItems(const std::string& outDir) {
    struct File {
        std::string input, model, path;
    };
    std::vector<File> files;
    QDirIterator it(QString::fromStdString(outDir + "/items"), {QStringLiteral("*.csv")}, QDir::Files,
                    QDirIterator::Subdirectories);
    std::vector<std::vector<ProbeRow>> contents;
    while (it.hasNext()) {
        const std::string path = it.next().toStdString();
        if (path.find("/items/_cka/") !=
            std::string::npos)  // minibatch CKA's own items (ProbeLayerSimilarity)
            continue;
        std::vector<ProbeRow> rows = readItem(path);
        if (rows.empty())
            continue;
        files.push_back({rows.front().input, rows.front().model, path});
        contents.push_back(std::move(rows));
    }
    std::vector<size_t> order(files.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return std::tie(files[a].input, files[a].model) < std::tie(files[b].input, files[b].model);
    });
    std::vector<ProbeRow> all;
    for (size_t i : order)
        all.insert(all.end(), contents[i].begin(), contents[i].end());
    return all;
}

}  // namespace filterscope
