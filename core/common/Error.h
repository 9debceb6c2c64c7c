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

}  // namespace filterscope
