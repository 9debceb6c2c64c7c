#include "probe/InputLabels.h"

#include "batch/InputCollection.h"
#include "capture/CaptureSet.h"
#include "common/Error.h"
#include "metrics/InputScores.h"
#include "pipeline/LayerAnalyses.h"
#include "probe/ProbeItems.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

std::string cleanAbsolute(const QDir& base, const std::string& path) {
    const QString p = QString::fromStdString(path);
    return QDir::cleanPath(QFileInfo(p).isAbsolute() ? p : base.absoluteFilePath(p)).toStdString();
}

}  // namespace

InputLabels InputLabels::read(const std::string& csvPath) {
    InputLabels labels;
    labels.path_ = csvPath;
    QFile f(QString::fromStdString(csvPath));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(csvPath + ": cannot read the labels file: " + f.errorString().toStdString());
    const QByteArray bytes = f.readAll();
    labels.hash_ = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
    const QDir base = QFileInfo(f).absoluteDir();
    const std::vector<std::string> lines = [&] {
        std::vector<std::string> out;
        for (const QByteArray& l : bytes.split('\n'))
            out.push_back(l.endsWith('\r') ? l.chopped(1).toStdString() : l.toStdString());
        return out;
    }();
    if (lines.empty() || lines.front().empty())
        throw Error(csvPath + ": empty labels file (expected a header with the columns input,label)");
    const std::vector<std::string> header = splitCsvLine(lines.front());
    const auto column = [&](const char* name) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            throw Error(csvPath + ": line 1: no column \"" + name +
                        "\" (expected a header such as input,label)");
        return static_cast<size_t>(it - header.begin());
    };
    const size_t inputColumn = column("input"), labelColumn = column("label");
    for (size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty())
            continue;
        const std::string where = csvPath + ": line " + std::to_string(i + 1) + ": ";
        const std::vector<std::string> fields = splitCsvLine(lines[i]);
        if (fields.size() <= std::max(inputColumn, labelColumn))
            throw Error(where + "has " + std::to_string(fields.size()) + " fields, the header " +
                        std::to_string(header.size()));
        const std::string& text = fields[labelColumn];
        const bool integer =
            !text.empty() && text.size() <= 9 &&
            std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!integer)
            throw Error(where + "label \"" + text + "\" is not a class index (an integer >= 0)");
        if (fields[inputColumn].empty())
            throw Error(where + "no input path");
        const std::string key = cleanAbsolute(base, fields[inputColumn]);
        if (!labels.byPath_.emplace(key, std::stoi(text)).second)
            throw Error(where + "lists " + fields[inputColumn] + " a second time");
    }
    if (labels.byPath_.empty())
        throw Error(csvPath + ": no labels (only the header)");
    return labels;
}

int InputLabels::labelOf(const std::string& inputPath) const {
    const auto it = byPath_.find(cleanAbsolute(QDir::current(), inputPath));
    return it == byPath_.end() ? -1 : it->second;
}

size_t InputLabels::labelledCount(const std::vector<BatchInput>& inputs) const {
    return std::count_if(inputs.begin(), inputs.end(),
                         [&](const BatchInput& in) { return labelOf(in.path) >= 0; });
}

std::vector<ScoreRow> labelRows(const CaptureSet& captures, int label) {
    const int top = predictedClass(captures);  // the one argmax the pipeline uses (−1: no [1,K] logits)
    if (top < 0)
        throw Error("the model returns no [1,K] \"logits\" to compare with the label");
    const std::vector<float>& z = captures.find("logits")->data;
    if (label < 0 || static_cast<size_t>(label) >= z.size())
        throw Error("label " + std::to_string(label) + " is not one of the model's " +
                    std::to_string(z.size()) + " classes (0 to " + std::to_string(z.size() - 1) + ")");
    const double peak = z[top];
    double sum = 0;
    for (float v : z)
        sum += std::exp(static_cast<double>(v) - peak);
    const double p = std::exp(static_cast<double>(z[label]) - peak) / sum;
    return {{"output", "label", "correct", top == label ? 1.0 : 0.0}, {"output", "label", "p_label", p}};
}

}  // namespace filterscope
