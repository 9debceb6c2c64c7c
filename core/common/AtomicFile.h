#pragma once

#include <string>

namespace filterscope {

// Writes `bytes` to a temporary file beside `path` and renames it into place (QSaveFile), so a crash or a
// full disk leaves the old file or none, never a truncated one. Throws Error naming the path.
void writeFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace filterscope
