#pragma once

#include "contract/PluginManifest.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string>

namespace filterscope {

// The file-name suffixes (lower case, without the dot) each kind of input is read from. One list each for
// the CLI's folder expansion, the window's folder listing, its file dialog, its thumbnails and the masks.
const QStringList& imageSuffixes();       // png jpg jpeg bmp tif tiff webp
const QStringList& videoSuffixes();       // mp4 avi mkv webm mov gif
const QStringList& pointCloudSuffixes();  // ply pcd xyz txt npy
const QStringList& suffixesOf(Modality modality);
bool hasSuffixOf(const QString& path, const QStringList& suffixes);  // case-insensitive
// The kind of input a suffix names ("txt" none: it may be anything).
std::optional<Modality> modalityOfSuffix(const QString& suffix);
// "an image", "a video", "a point cloud".
const char* inputKindText(Modality modality);
// The same for a suffix of one of the lists ("txt" counts as none: it may
// be anything), else null.
const char* inputKindOfSuffix(const QString& suffix);
// "images", "videos", "point clouds".
const char* modalityPlural(Modality modality);
// A file whose name says it is another kind of input than the plugin takes: "a point cloud; this plugin
// takes images". Empty when the suffix is the plugin's or no input kind's.
std::string modalityMismatch(const std::string& path, Modality modality);
// "*.png *.jpg …" for a file dialog's filter.
QString suffixPatterns(const QStringList& suffixes);

}  // namespace filterscope
