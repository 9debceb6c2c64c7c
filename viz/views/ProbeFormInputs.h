#pragma once

#include <QString>

namespace filterscope {

struct DatasetProbeOptions;

// The Probe dock's three fields as typed: a folder of images, a folder of masks (may be empty: beside the
// images), a labels CSV (may be empty).
struct ProbeFormInputs {
    QString inputs, masks, labels;
};

// Reads the fields into `options` (inputs without the mask files, mask folder, labels) and returns an
// empty string; or returns the sentence the dock shows in place of a run, naming the field's path and what
// is wrong with it. The same checks the CLI makes before a probe, in the window's words (translated).
QString readProbeFormInputs(const ProbeFormInputs& fields, DatasetProbeOptions& options);

}  // namespace filterscope
