#pragma once

#include "contract/PluginManifest.h"

#include <string>
#include <utility>
#include <vector>

namespace filterscope {

// What opening a folder in the window does with each entry (non-recursive, by name): files of the kind
// the plugin reads become inputs; image files whose first bytes are not their format's signature are
// unreadable; everything else is skipped with why. Said once per folder, so nothing vanishes unexplained.
struct InputFolderListing {
    std::vector<std::string> inputs;                              // full paths, in name order
    std::vector<std::pair<std::string, std::string>> unreadable;  // file name, why
    std::vector<std::pair<std::string, std::string>> skipped;     // file or folder name, why

    // "folder: 6 opened, 2 unreadable, 4 skipped: corrupt.png (not a PNG file); README.md (not an input
    // file); clip.webm (a video; the plugin takes images); sub (a folder: sub-folders are not opened)"
    std::string summary(const std::string& folder) const;
};

InputFolderListing listInputFolder(const std::string& folder, Modality modality);

}  // namespace filterscope
