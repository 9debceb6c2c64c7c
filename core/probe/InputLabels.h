#pragma once

#include <map>
#include <string>
#include <vector>

namespace filterscope {

class CaptureSet;
struct BatchInput;
struct ScoreRow;

// The class each input truly belongs to, from a CSV file (`probe --labels FILE`): a header naming at least
// `input` and `label` (other columns, such as make_shapes.py's label_name, are ignored), then one row per
// input: its path (relative paths are relative to the CSV file's folder) and its class index (an integer
// >= 0, the index of the model's logit).
class InputLabels {
public:
    // Throws Error naming the file and the line: no such columns, a label that is not an integer >= 0, an
    // input listed twice.
    static InputLabels read(const std::string& csvPath);

    bool empty() const { return byPath_.empty(); }
    size_t size() const { return byPath_.size(); }
    // The label of an input (any spelling of its path); −1 when the file does not list it.
    int labelOf(const std::string& inputPath) const;
    // How many of these inputs the file labels: 0 is an error for both front ends (the paths were written
    // relative to another folder), fewer than all a warning.
    size_t labelledCount(const std::vector<BatchInput>& inputs) const;
    const std::string& path() const { return path_; }
    // SHA-256 of the file's bytes: what a probe's output folder remembers it was scored against.
    const std::string& hash() const { return hash_; }

private:
    std::string path_, hash_;
    std::map<std::string, int> byPath_;  // absolute, clean paths
};

// The rows a label adds to a probe item (stage "output", map "label"): `correct` (1 when the top-1 logit
// is the label, else 0; ties go to the lowest index, as argmax) and `p_label` (softmax probability of the
// label, computed in double). Throws Error when the captures hold no [1,K] "logits" or the label is not
// below K.
std::vector<ScoreRow> labelRows(const CaptureSet& captures, int label);

}  // namespace filterscope
