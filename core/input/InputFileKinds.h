#pragma once

#include "contract/PluginManifest.h"

#include <QString>
#include <QStringList>

namespace filterscope {

// The file-name suffixes (lower case, without the dot) each kind of input is read from. One list each for
// the CLI's folder expansion, the window's folder listing, its file dialog, its thumbnails and the masks.
const QStringList& imageSuffixes();       // png jpg jpeg bmp tif tiff webp
const QStringList& videoSuffixes();       // mp4 avi mkv webm mov gif
const QStringList& pointCloudSuffixes();  // ply pcd xyz txt npy
const QStringList& suffixesOf(Modality modality);
bool hasSuffixOf(const QString& path, const QStringList& suffixes);  // case-insensitive
// "*.png *.jpg …" for a file dialog's filter.
QString suffixPatterns(const QStringList& suffixes);

}  // namespace filterscope
