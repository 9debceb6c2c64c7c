#pragma once

#include <string>
#include <vector>

namespace filterscope {

// What libjpeg says about damaged data it decodes anyway ("Premature end of JPEG file", "Corrupt JPEG
// data: 412 extraneous bytes before marker 0xd9", bad Huffman codes...). OpenCV decodes such files without
// a word to its caller (libjpeg prints to stderr and fills what is missing with grey), so a truncated
// download would be analysed as if it were whole. This decodes `bytes` once more, at 1/8 scale (every
// coefficient is still entropy-decoded, so every defect is seen, at a fraction of the cost) and returns
// libjpeg's warnings, each once. Empty for sound files, for data that is not a JPEG, and for JPEGs libjpeg
// cannot decode at all (those fail in OpenCV with their own message).
std::vector<std::string> jpegDecodeWarnings(const std::string& bytes);

// True when `bytes` begins like a JPEG file (SOI marker).
bool looksLikeJpeg(const std::string& bytes);

}  // namespace filterscope
