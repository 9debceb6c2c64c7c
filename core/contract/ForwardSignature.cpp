#include "contract/ForwardSignature.h"

#include "contract/ManifestReader.h"
#include "contract/StageDeclaration.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace filterscope {
namespace {

constexpr int kMaxBatch = 4096;
constexpr int kMaxTextLength = 1 << 20;

bool inputKindNamed(const std::string& name, ForwardSignature::InputKind& kind) {
    for (auto k : {ForwardSignature::InputKind::Image, ForwardSignature::InputKind::Video,
                   ForwardSignature::InputKind::PointCloud, ForwardSignature::InputKind::Text})
        if (name == inputKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

std::vector<ForwardSignature::Input> parseInputs(const QJsonValue& v, ForwardSignature::InputKind modality,
                                                 const std::string& directory, ManifestReader& r) {
    if (!v.isArray() || v.toArray().isEmpty()) {
        r.fail("forward.inputs", "must be a non-empty list of inputs (a name, or {name, kind, …}), got " +
                                     ManifestReader::show(v));
        return ForwardSignature::schemaOne(modality).inputs;
    }
    std::vector<ForwardSignature::Input> inputs;
    const QJsonArray list = v.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const std::string path = "forward.inputs[" + std::to_string(i) + "]";
        ForwardSignature::Input in;
        in.kind = modality;  // a bare name is the modality's input
        if (list[i].isString()) {
            in.name = list[i].toString().toStdString();
        } else if (list[i].isObject()) {
            const QJsonObject o = list[i].toObject();
            r.warnUnknownFields(o, path + ".", {"name", "kind", "tokenizer", "max_length"});
            in.name = r.requireString(o, "name", path + ".name");
            const std::string kind = r.requireString(o, "kind", path + ".kind");
            if (!kind.empty() && !inputKindNamed(kind, in.kind))
                r.fail(path + ".kind", "must be one of image, video, pointcloud, text; got \"" + kind + "\"");
            if (in.kind == ForwardSignature::InputKind::Text) {
                const std::string tokenizer = r.requireString(o, "tokenizer", path + ".tokenizer");
                if (!tokenizer.empty()) {
                    const QFileInfo f(QDir(QString::fromStdString(directory)),
                                      QString::fromStdString(tokenizer));
                    if (!f.isFile())
                        r.fail(path + ".tokenizer", "names \"" + tokenizer + "\", but " +
                                                        f.absoluteFilePath().toStdString() +
                                                        " does not exist");
                    in.tokenizer = f.absoluteFilePath().toStdString();
                }
                in.maxLength = static_cast<int>(r.positiveInt(o.value(QStringLiteral("max_length")),
                                                              path + ".max_length", kMaxTextLength));
            }
        } else {
            r.fail(path, "must be a name or an object {name, kind, …}, got " + ManifestReader::show(list[i]));
            continue;
        }
        if (in.name.empty() && list[i].isString())
            r.fail(path, "must be a non-empty name");
        for (const auto& other : inputs)
            if (!in.name.empty() && other.name == in.name)
                r.fail(path + ".name", "repeats the input name \"" + in.name + "\"");
        // The input the modality decides comes first; what may follow it is text (a prompt), never a
        // second image: one input file is one forward call.
        if (i == 0 && in.kind != modality)
            r.fail(path + ".kind", std::string("must be the plugin's modality (") + inputKindName(modality) +
                                       ") for the first input, got " + inputKindName(in.kind));
        if (i > 0 && in.kind != ForwardSignature::InputKind::Text)
            r.fail(path + ".kind", std::string("must be text: only the first input is the ") +
                                       inputKindName(modality) + ", got " + inputKindName(in.kind));
        inputs.push_back(in);
    }
    return inputs.empty() ? ForwardSignature::schemaOne(modality).inputs : inputs;
}

void parseEdits(const QJsonValue& v, const std::vector<StageLabel>& stages, ForwardSignature& f,
                ManifestReader& r) {
    if (!v.isObject()) {
        r.fail("forward.edits", "must be an object {stages, ops}, got " + ManifestReader::show(v));
        return;
    }
    const QJsonObject o = v.toObject();
    r.warnUnknownFields(o, "forward.edits.", {"stages", "ops"});
    const QJsonValue s = o.value(QStringLiteral("stages"));
    if (s.isString() && s.toString() == QLatin1String("all")) {
        f.editsAll = true;
        for (const StageLabel& st : stages)
            f.editableStages.push_back(st.name);
    } else if (s.isArray() && !s.toArray().isEmpty()) {
        for (const QJsonValue& e : s.toArray()) {
            const std::string name = e.toString().toStdString();
            if (!e.isString() || name.empty()) {
                r.fail("forward.edits.stages", "must hold stage names, got " + ManifestReader::show(e));
                continue;
            }
            const bool declared = std::any_of(stages.begin(), stages.end(),
                                              [&](const StageLabel& st) { return st.name == name; });
            if (!stages.empty() && !declared)
                r.fail("forward.edits.stages", "names \"" + name + "\", which \"stages\" does not declare");
            else if (std::find(f.editableStages.begin(), f.editableStages.end(), name) !=
                     f.editableStages.end())
                r.fail("forward.edits.stages", "names \"" + name + "\" twice");
            else
                f.editableStages.push_back(name);
        }
    } else {
        r.fail("forward.edits.stages",
               "must be \"all\" or a non-empty list of stage names, got " + ManifestReader::show(s));
    }
    const QJsonValue ops = o.value(QStringLiteral("ops"));
    if (ops.isUndefined()) {
        f.editOps = {ForwardSignature::EditOp::Zero, ForwardSignature::EditOp::Mean,
                     ForwardSignature::EditOp::Drop};
        return;
    }
    if (!ops.isArray() || ops.toArray().isEmpty()) {
        r.fail("forward.edits.ops",
               "must be a non-empty list of zero, mean, drop; got " + ManifestReader::show(ops));
        return;
    }
    for (const QJsonValue& e : ops.toArray()) {
        ForwardSignature::EditOp op;
        if (!e.isString() || !editOpNamed(e.toString().toStdString(), op))
            r.fail("forward.edits.ops", "must hold zero, mean or drop; got " + ManifestReader::show(e));
        else if (f.supports(op))
            r.fail("forward.edits.ops", "names \"" + e.toString().toStdString() + "\" twice");
        else
            f.editOps.push_back(op);
    }
}

}  // namespace

bool ForwardSignature::canEdit(const std::string& stage) const {
    return editsAll || std::find(editableStages.begin(), editableStages.end(), stage) != editableStages.end();
}

bool ForwardSignature::supports(EditOp op) const {
    return std::find(editOps.begin(), editOps.end(), op) != editOps.end();
}

std::string ForwardSignature::describe() const {
    std::string s = "forward(";
    for (size_t i = 0; i < inputs.size(); ++i) {
        s += (i ? ", " : "") + inputs[i].name + ": " + inputKindName(inputs[i].kind);
        if (inputs[i].kind == InputKind::Text)
            s += " of up to " + std::to_string(inputs[i].maxLength) + " ids";
    }
    s += std::string(takesEdits() ? ", edits" : "") + "); batch " +
         (maxBatch > 1 ? "up to " + std::to_string(maxBatch) : std::string("1"));
    if (!takesEdits())
        return s + "; no edits";
    s += "; edits";
    for (size_t i = 0; i < editOps.size(); ++i)
        s += std::string(i ? ", " : " ") + editOpName(editOps[i]);
    if (editsAll)
        return s + " at every stage";
    s += " at";
    for (size_t i = 0; i < editableStages.size(); ++i)
        s += (i ? ", " : " ") + editableStages[i];
    return s;
}

ForwardSignature ForwardSignature::schemaOne(InputKind modalityInput) {
    ForwardSignature f;
    f.inputs.push_back({modalityInput == InputKind::PointCloud ? "points" : "pixels", modalityInput, {}, 0});
    return f;
}

ForwardSignature ForwardSignature::parse(const QJsonValue& v, InputKind modalityInput,
                                         const std::vector<StageLabel>& stages, const std::string& directory,
                                         ManifestReader& r) {
    if (v.isUndefined())
        return schemaOne(modalityInput);
    if (!v.isObject()) {
        r.fail("forward", "must be an object (inputs, batch, edits), got " + ManifestReader::show(v));
        return schemaOne(modalityInput);
    }
    const QJsonObject o = v.toObject();
    r.warnUnknownFields(o, "forward.", fieldNames());
    ForwardSignature f = schemaOne(modalityInput);
    if (o.contains(QStringLiteral("inputs")))
        f.inputs = parseInputs(o.value(QStringLiteral("inputs")), modalityInput, directory, r);
    if (o.contains(QStringLiteral("batch")))
        f.maxBatch =
            static_cast<int>(r.positiveInt(o.value(QStringLiteral("batch")), "forward.batch", kMaxBatch));
    if (f.maxBatch < 1)
        f.maxBatch = 1;
    if (o.contains(QStringLiteral("edits")))
        parseEdits(o.value(QStringLiteral("edits")), stages, f, r);
    return f;
}

std::vector<std::string> ForwardSignature::fieldNames() {
    return {"inputs", "batch", "edits"};
}

const char* inputKindName(ForwardSignature::InputKind kind) {
    switch (kind) {
        case ForwardSignature::InputKind::Image:
            return "image";
        case ForwardSignature::InputKind::Video:
            return "video";
        case ForwardSignature::InputKind::PointCloud:
            return "pointcloud";
        case ForwardSignature::InputKind::Text:
            return "text";
    }
    return "unknown";
}

const char* editOpName(ForwardSignature::EditOp op) {
    switch (op) {
        case ForwardSignature::EditOp::Zero:
            return "zero";
        case ForwardSignature::EditOp::Mean:
            return "mean";
        case ForwardSignature::EditOp::Drop:
            return "drop";
    }
    return "unknown";
}

bool editOpNamed(const std::string& name, ForwardSignature::EditOp& op) {
    for (auto o :
         {ForwardSignature::EditOp::Zero, ForwardSignature::EditOp::Mean, ForwardSignature::EditOp::Drop})
        if (name == editOpName(o)) {
            op = o;
            return true;
        }
    return false;
}

}  // namespace filterscope
