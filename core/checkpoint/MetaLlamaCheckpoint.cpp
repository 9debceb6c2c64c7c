#include "checkpoint/MetaLlamaCheckpoint.h"

#include "checkpoint/TorchSaveFile.h"
#include "common/Error.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace filterscope {
namespace {

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Row-parallel weights are split along their input dimension; norms are replicated on every rank.
int splitDimension(const std::string& name) {
    if (endsWith(name, "attention.wo.weight") || endsWith(name, "feed_forward.w2.weight") ||
        endsWith(name, "tok_embeddings.weight"))
        return 1;
    if (endsWith(name, "norm.weight"))
        return -1;
    return 0;
}

FloatArray concatenate(const std::vector<FloatArray>& parts, int dim, const std::string& what) {
    std::vector<int64_t> shape = parts[0].shape;
    if (shape.size() != 2)
        throw Error(what + ": expected a 2-D weight, got " + parts[0].shapeString());
    for (size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].shape.size() != 2 || parts[i].shape[1 - dim] != shape[1 - dim])
            throw Error(what + ": shard " + std::to_string(i) + " has shape " + parts[i].shapeString() +
                        ", shard 0 " + parts[0].shapeString());
        shape[dim] += parts[i].shape[dim];
    }
    std::vector<float> out;
    out.reserve(static_cast<size_t>(shape[0] * shape[1]));
    if (dim == 0) {
        for (const FloatArray& p : parts)
            out.insert(out.end(), p.data.begin(), p.data.end());
    } else {
        for (int64_t r = 0; r < shape[0]; ++r)
            for (const FloatArray& p : parts)
                out.insert(out.end(), p.data.begin() + r * p.shape[1], p.data.begin() + (r + 1) * p.shape[1]);
    }
    return FloatArray(shape, std::move(out));
}

}  // namespace

MetaLlamaCheckpoint::MetaLlamaCheckpoint() = default;
MetaLlamaCheckpoint::~MetaLlamaCheckpoint() = default;

std::unique_ptr<MetaLlamaCheckpoint> MetaLlamaCheckpoint::open(const std::string& folder) {
    const QDir dir(QString::fromStdString(folder));
    QFile file(dir.filePath(QStringLiteral("params.json")));
    const std::string paramsPath = file.fileName().toStdString();
    if (!file.open(QIODevice::ReadOnly))
        throw Error(paramsPath + ": missing or unreadable");
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    std::unique_ptr<MetaLlamaCheckpoint> c(new MetaLlamaCheckpoint());
    c->folder_ = folder;
    Params& p = c->params_;
    p.dim = o.value(QStringLiteral("dim")).toInt();
    p.layers = o.value(QStringLiteral("n_layers")).toInt();
    p.heads = o.value(QStringLiteral("n_heads")).toInt();
    p.kvHeads = o.value(QStringLiteral("n_kv_heads")).toInt(p.heads);
    p.normEps = o.value(QStringLiteral("norm_eps")).toDouble(1e-5);
    p.ropeTheta = o.value(QStringLiteral("rope_theta")).toDouble(10000.0);
    if (p.dim <= 0 || p.layers <= 0 || p.heads <= 0 || p.kvHeads <= 0 || p.dim % p.heads ||
        p.heads % p.kvHeads)
        throw Error(paramsPath + ": dim, n_layers, n_heads or n_kv_heads is missing or invalid");
    const QStringList shards = dir.entryList({QStringLiteral("consolidated.*.pth")}, QDir::Files, QDir::Name);
    if (shards.isEmpty())
        throw Error(folder + ": params.json but no consolidated.NN.pth beside it");
    for (const QString& s : shards)
        c->shards_.push_back(TorchSaveFile::open(dir.filePath(s).toStdString()));
    return c;
}

bool MetaLlamaCheckpoint::has(const std::string& name) const {
    return shards_[0]->has(name);
}

FloatArray MetaLlamaCheckpoint::read(const std::string& name) const {
    const int dim = splitDimension(name);
    if (shards_.size() == 1 || dim < 0)
        return shards_[0]->read(name);
    std::vector<FloatArray> parts;
    for (const auto& s : shards_)
        parts.push_back(s->read(name));
    return concatenate(parts, dim, folder_ + ": tensor '" + name + "'");
}

std::vector<int64_t> MetaLlamaCheckpoint::shape(const std::string& name) const {
    if (!has(name))
        throw Error(folder_ + ": no tensor '" + name + "'");
    std::vector<int64_t> s = shards_[0]->tensors().at(name).shape;
    const int dim = splitDimension(name);
    for (size_t i = 1; i < shards_.size() && dim >= 0 && dim < static_cast<int>(s.size()); ++i) {
        const auto it = shards_[i]->tensors().find(name);
        if (it == shards_[i]->tensors().end())
            throw Error(shards_[i]->path() + ": no tensor '" + name + "'");
        s[dim] += it->second.shape.size() == s.size() ? it->second.shape[dim] : 0;
    }
    return s;
}

FloatArray MetaLlamaCheckpoint::toHalfRotaryLayout(const FloatArray& w, int heads) {
    const int64_t rows = w.shape[0], cols = w.shape[1], d = rows / heads;
    FloatArray out(w.shape);
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < d / 2; ++i)
            for (int64_t j = 0; j < 2; ++j) {
                const float* src = w.data.data() + (h * d + 2 * i + j) * cols;
                std::copy(src, src + cols, out.data.begin() + (h * d + j * (d / 2) + i) * cols);
            }
    return out;
}

}  // namespace filterscope
