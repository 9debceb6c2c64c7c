#pragma once

#include "contract/PluginManifest.h"
#include "input/ImageSignature.h"

#include <string>
#include <vector>

namespace filterscope {

// Why one entry of an opened folder is not an input. Structured, so the window words it in its language;
// text() is the English the CLI and logs use.
struct FolderEntryNote {
    enum class Why { SubFolder, NotAnInput, OtherKind, BadImage };
    std::string name;  // the entry's file or folder name
    Why why = Why::NotAnInput;
    Modality kind = Modality::Image;  // OtherKind: what the file's suffix says it is
    ImageSignatureCheck image;        // BadImage: what its first bytes say

    // "a folder: sub-folders are not opened", "not an input file", "a video; the plugin takes images",
    // "not a PNG file"; `plugin` is the modality the plugin takes.
    std::string text(Modality plugin) const;
};

// What opening a folder in the window does with each entry (non-recursive, by name): files of the kind
// the plugin reads become inputs; image files whose first bytes are not their format's signature are
// unreadable; everything else is skipped with why. Said once per folder, so nothing vanishes unexplained.
struct InputFolderListing {
    Modality modality = Modality::Image;  // what the plugin takes
    std::vector<std::string> inputs;      // full paths, in name order
    std::vector<FolderEntryNote> unreadable;
    std::vector<FolderEntryNote> skipped;  // files and folders

    // "folder: 6 opened, 2 unreadable, 4 skipped: corrupt.png (not a PNG file); README.md (not an input
    // file); clip.webm (a video; the plugin takes images); sub (a folder: sub-folders are not opened)"
    std::string summary(const std::string& folder) const;
};

InputFolderListing listInputFolder(const std::string& folder, Modality modality);

}  // namespace filterscope
