#pragma once

#include <QJsonValue>

#include <string>
#include <vector>

namespace filterscope {

class ManifestReader;
struct StageLabel;

// How the host calls a plugin's TorchScript forward: schema 2's "forward" (plugins/README.md, "Schema 2").
// One object holds the three changes the contract makes after schema 1, so each adds fields and none
// reshapes another: token edits (interventions), a batch dimension, and inputs beyond the one image, clip
// or cloud (a text prompt). A schema-1 plugin, or a schema-2 one without "forward", gets the defaults,
// which are exactly schema 1's call: forward(x) on one input of the plugin's modality, batch 1, no edits.
struct ForwardSignature {
    enum class InputKind { Image, Video, PointCloud, Text };
    // What one argument of forward is. Its position in `inputs` is its position in the call.
    struct Input {
        std::string name;  // for messages and for the front ends ("pixels", "prompt")
        InputKind kind = InputKind::Image;
        std::string tokenizer;  // Text: absolute path of its SentencePiece model
        int maxLength = 0;      // Text: ids per prompt (the host pads or refuses longer prompts)
    };
    enum class EditOp { Zero, Mean, Drop };

    std::vector<Input> inputs;  // never empty once parsed: the default is one input of the modality
    // The largest leading (batch) dimension forward takes for every input and returns for every capture;
    // 1 means batch-1 calls only, as schema 1.
    int maxBatch = 1;
    // Stages whose outgoing tokens forward can edit, in the order given; every declared stage when the
    // manifest says "all". Empty: the model takes no edits (and no trailing edits argument).
    std::vector<std::string> editableStages;
    std::vector<EditOp> editOps;  // the operations it applies; all three when "ops" is not given
    bool editsAll = false;        // "stages": "all" (any stage the model captures)

    bool takesEdits() const { return editsAll || !editableStages.empty(); }
    bool canEdit(const std::string& stage) const;
    bool supports(EditOp op) const;
    // "forward(pixels: image, prompt: text of up to 77 ids, edits); batch up to 8; edits zero, mean at
    // block1, llm.block": what `plugin check` prints for a schema-2 plugin.
    std::string describe() const;

    // Schema 1's call for a plugin of `modalityInput` kind.
    static ForwardSignature schemaOne(InputKind modalityInput);
    // Parses "forward" (absent: schemaOne). Every problem goes to `r` under its key ("forward.batch"); stage
    // names are checked against `stages` when the manifest lists them. Paths are relative to `directory`.
    static ForwardSignature parse(const QJsonValue& v, InputKind modalityInput,
                                  const std::vector<StageLabel>& stages, const std::string& directory,
                                  ManifestReader& r);
    static std::vector<std::string> fieldNames();
};

const char* inputKindName(ForwardSignature::InputKind kind);  // "image", "video", "pointcloud", "text"
const char* editOpName(ForwardSignature::EditOp op);          // "zero", "mean", "drop"
// The op a name stands for; false when none does.
bool editOpNamed(const std::string& name, ForwardSignature::EditOp& op);

}  // namespace filterscope
