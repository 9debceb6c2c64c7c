#pragma once

#include <string>

namespace filterscope {

// Whether a file's first bytes agree with its image extension (PNG, JPEG, BMP, TIFF, WebP signatures).
// Structured so the window can word it in the interface's language; text() is the English the CLI and
// the direct-open messages say.
struct ImageSignatureCheck {
    enum class Problem { None, CannotOpen, Empty, WrongSignature };
    Problem problem = Problem::None;
    std::string format;  // WrongSignature: the format the extension promises ("PNG")

    bool ok() const { return problem == Problem::None; }
    // "", "cannot be opened", "empty file", "not a PNG file"
    std::string text() const;
};

ImageSignatureCheck checkImageSignature(const std::string& path);

// checkImageSignature(path).text(): said the same for a file opened on its own as for one in a folder.
std::string imageSignatureProblem(const std::string& path);

}  // namespace filterscope
