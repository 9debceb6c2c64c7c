#pragma once

#include "contract/ManifestReader.h"
#include "contract/PluginManifest.h"

#include <QJsonObject>

namespace filterscope {

// The manifest's "input" section, one reader per modality: how an image, a clip or a scan becomes the
// model's input tensor. Each names every problem through the reader (field path, expected, got) and
// returns the defaults where a field is wrong, so one check lists all of them.
ImageInputSpec parseImageInput(ManifestReader& reader, const QJsonObject& input);
VideoInputSpec parseVideoInput(ManifestReader& reader, const QJsonObject& input);
PointInputSpec parsePointInput(ManifestReader& reader, const QJsonObject& input);

}  // namespace filterscope
