#pragma once

#include <QString>

namespace filterscope {

// SHA-256 of a file's bytes as lower-case hex, or an empty string when it cannot be read. Remembered per
// (path, size, modification time): autosave fingerprints the same model files every few minutes, and a
// model can be gigabytes. Thread-safe.
QString fileSha256(const QString& path);

}  // namespace filterscope
