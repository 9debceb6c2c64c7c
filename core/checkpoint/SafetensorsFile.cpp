#include "checkpoint/SafetensorsFile.h"

#include "array/HalfArray.h"
#include "checkpoint/StoredDtype.h"
#include "common/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

namespace filterscope {

float halfBitsToFloat(uint16_t bits) {
    return halfToFloat(bits);
}

float bfloat16BitsToFloat(uint16_t bits) {
    const uint32_t f = static_cast<uint32_t>(bits) << 16;
    float out;
    std::memcpy(&out, &f, 4);
    return out;
}

std::map<std::string, SafetensorsFile::Tensor> SafetensorsFile::parseHeader(const std::string& headerJson,
                                                                            uint64_t dataSize,
                                                                            const std::string& name) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(headerJson), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(name + ": safetensors header is not a JSON object (" + err.errorString().toStdString() +
                    ")");
    std::map<std::string, Tensor> tensors;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (key == "__metadata__")
            continue;
        const QJsonObject t = it.value().toObject();
        Tensor tensor;
        tensor.dtype = t.value(QStringLiteral("dtype")).toString().toStdString();
        const int size = tensor.dtype == "F64" ? 0 : storedItemSize(tensor.dtype);
        if (!size)
            throw Error(name + ": tensor '" + key + "' has dtype \"" + tensor.dtype +
                        "\"; F32, F16 and BF16 are read");
        uint64_t count = 1;
        for (const QJsonValue& d : t.value(QStringLiteral("shape")).toArray()) {
            const double v = d.toDouble(-1);
            if (!d.isDouble() || v < 0 || v != static_cast<double>(static_cast<int64_t>(v)) || v > 1e12)
                throw Error(name + ": tensor '" + key + "' has an invalid shape");
            tensor.shape.push_back(static_cast<int64_t>(v));
            if (v != 0 && count > (uint64_t(1) << 40) / static_cast<uint64_t>(v))  // no wrap-around
                throw Error(name + ": tensor '" + key + "' has shape " + shapeToString(tensor.shape) +
                            "…, more than 2^40 elements");
            count *= static_cast<uint64_t>(v);
        }
        const QJsonArray range = t.value(QStringLiteral("data_offsets")).toArray();
        if (range.size() != 2 || !range[0].isDouble() || !range[1].isDouble() || range[0].toDouble() < 0)
            throw Error(name + ": tensor '" + key + "' has no valid data_offsets [begin, end]");
        tensor.begin = static_cast<uint64_t>(range[0].toDouble());
        tensor.end = static_cast<uint64_t>(range[1].toDouble());
        if (tensor.begin > tensor.end || tensor.end > dataSize)
            throw Error(name + ": tensor '" + key + "' spans bytes " + std::to_string(tensor.begin) + ".." +
                        std::to_string(tensor.end) + ", outside the " + std::to_string(dataSize) +
                        " data bytes");
        if (tensor.end - tensor.begin != count * size)
            throw Error(name + ": tensor '" + key + "' has " + std::to_string(tensor.end - tensor.begin) +
                        " bytes for shape " + shapeToString(tensor.shape) + " of " + tensor.dtype + " (" +
                        std::to_string(count * size) + " expected)");
        tensors[key] = tensor;
    }
    std::vector<std::pair<uint64_t, std::string>> starts;
    for (const auto& [key, t] : tensors)
        if (t.end > t.begin)
            starts.emplace_back(t.begin, key);
    std::sort(starts.begin(), starts.end());
    for (size_t i = 1; i < starts.size(); ++i)
        if (tensors[starts[i - 1].second].end > starts[i].first)
            throw Error(name + ": tensors '" + starts[i - 1].second + "' and '" + starts[i].second +
                        "' overlap");
    return tensors;
}

std::unique_ptr<SafetensorsFile> SafetensorsFile::open(const std::string& path) {
    std::unique_ptr<SafetensorsFile> f(new SafetensorsFile());
    f->path_ = path;
    f->file_.setFileName(QString::fromStdString(path));
    if (!f->file_.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + f->file_.errorString().toStdString());
    const uint64_t size = static_cast<uint64_t>(f->file_.size());
    if (size < 8)
        throw Error(path + ": too short for a safetensors header length");
    const uchar* map = f->file_.map(0, static_cast<qint64>(size));
    if (!map)
        throw Error(path + ": cannot memory-map the file");
    uint64_t headerLen = 0;
    for (int i = 7; i >= 0; --i)
        headerLen = (headerLen << 8) | map[i];
    if (headerLen > size - 8)
        throw Error(path + ": header length " + std::to_string(headerLen) +
                    " runs past the end of the file (" + std::to_string(size) + " bytes)");
    const std::string header(reinterpret_cast<const char*>(map + 8), static_cast<size_t>(headerLen));
    f->tensors_ = parseHeader(header, size - 8 - headerLen, path);
    f->data_ = map + 8 + headerLen;
    return f;
}

FloatArray SafetensorsFile::read(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end())
        throw Error(path_ + ": no tensor '" + name + "'");
    const Tensor& t = it->second;
    FloatArray out(t.shape);
    const uchar* p = data_ + t.begin;
    convertStored(p, t.dtype, out.data.data(), out.data.size());
    return out;
}

std::unique_ptr<SafetensorsCheckpoint> SafetensorsCheckpoint::open(const std::string& folder) {
    auto c = std::make_unique<SafetensorsCheckpoint>();
    c->folder_ = folder;
    const QDir dir(QString::fromStdString(folder));
    QFile index(dir.filePath(QStringLiteral("model.safetensors.index.json")));
    if (index.exists()) {
        if (!index.open(QIODevice::ReadOnly))
            throw Error(index.fileName().toStdString() + ": cannot read");
        const QJsonObject map =
            QJsonDocument::fromJson(index.readAll()).object().value(QStringLiteral("weight_map")).toObject();
        if (map.isEmpty())
            throw Error(index.fileName().toStdString() + ": no weight_map");
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString shard = it.value().toString();
            if (shard.contains(QLatin1Char('/')) || !QFileInfo::exists(dir.filePath(shard)))
                throw Error(index.fileName().toStdString() + ": shard \"" + shard.toStdString() + "\" of '" +
                            it.key().toStdString() + "' is not a file in the folder");
            c->weightMap_[it.key().toStdString()] = shard.toStdString();
        }
    } else if (QFileInfo::exists(dir.filePath(QStringLiteral("model.safetensors")))) {
        auto file = SafetensorsFile::open(dir.filePath(QStringLiteral("model.safetensors")).toStdString());
        for (const auto& [name, t] : file->tensors())
            c->weightMap_[name] = "model.safetensors";
        c->shards_["model.safetensors"] = std::move(file);
    } else {
        throw Error(folder + ": no model.safetensors or model.safetensors.index.json");
    }
    return c;
}

bool SafetensorsCheckpoint::has(const std::string& name) const {
    return weightMap_.count(name) > 0;
}

std::vector<std::string> SafetensorsCheckpoint::names() const {
    std::vector<std::string> out;
    for (const auto& [name, shard] : weightMap_)
        out.push_back(name);
    return out;
}

FloatArray SafetensorsCheckpoint::read(const std::string& name) const {
    auto it = weightMap_.find(name);
    if (it == weightMap_.end())
        throw Error(folder_ + ": checkpoint has no tensor '" + name + "'");
    auto& shard = shards_[it->second];
    if (!shard)
        shard = SafetensorsFile::open(
            QDir(QString::fromStdString(folder_)).filePath(QString::fromStdString(it->second)).toStdString());
    return shard->read(name);
}

}  // namespace filterscope
