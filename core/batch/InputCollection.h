#pragma once

#include <string>
#include <vector>

namespace filterscope {

struct BatchInput {
    std::string path;        // as given, or the file found in a given folder
    std::string outputName;  // folder name under OUT: the file's stem, made unique within the batch
};

// Expands folders into the image files they hold (non-recursive, sorted by name; extensions png, jpg,
// jpeg, bmp, tif, tiff, webp, case-insensitive). Paths that do not exist are kept, so each is reported as
// a failed item instead of vanishing. Two inputs with the same stem get distinct names
// ("a" and "a_jpg"; then "a_jpg_2", …).
std::vector<BatchInput> collectImageInputs(const std::vector<std::string>& paths);
// The same for video plugins: folders yield mp4, avi, mkv, webm, mov, gif files.
std::vector<BatchInput> collectVideoInputs(const std::vector<std::string>& paths);
// Point-cloud plugins: ply, pcd, xyz, txt, npy.
std::vector<BatchInput> collectPointCloudInputs(const std::vector<std::string>& paths);

}  // namespace filterscope
