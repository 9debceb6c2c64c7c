#pragma once

#include <stdexcept>
#include <string>

namespace filterscope {

// The one exception type core throws. Its message is meant for the researcher: one line that names the
// file (or plugin, or capture key) and says what is wrong, expected vs actual where that applies.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// `message` as it is when it names `path` already, else "path: message": every failure names its input,
// whatever layer (or the standard library) said it.
inline std::string namingInput(const std::string& path, const std::string& message) {
    return message.find(path) != std::string::npos ? message : path + ": " + message;
}

}  // namespace filterscope
