#include "CliArguments.h"

#include "common/Error.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace filterscope {

CliArguments::CliArguments(const std::vector<std::string>& args, const std::vector<std::string>& valueOptions,
                           const std::vector<std::string>& flags) {
    auto known = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    std::string current;
    for (const std::string& a : args) {
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            const std::string name = a.substr(2);
            if (known(flags, name)) {
                values_[name];
                current.clear();
            } else if (known(valueOptions, name)) {
                values_[name];
                current = name;
            } else {
                throw Error("unknown option " + a + " (see --help)");
            }
        } else if (!current.empty()) {
            values_[current].push_back(a);
        } else {
            positional_.push_back(a);
        }
    }
}

std::vector<std::string> CliArguments::values(const std::string& option) const {
    auto it = values_.find(option);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string CliArguments::value(const std::string& option) const {
    const std::vector<std::string> v = values(option);
    if (!has(option))
        throw Error("missing --" + option + " (see --help)");
    if (v.size() != 1)
        throw Error("--" + option + " takes exactly one value, got " + std::to_string(v.size()));
    return v.front();
}

std::string CliArguments::value(const std::string& option, const std::string& fallback) const {
    return has(option) ? value(option) : fallback;
}

std::vector<std::string> CliArguments::list(const std::string& option) const {
    std::vector<std::string> out;
    for (const std::string& word : values(option)) {
        std::stringstream in(word);
        std::string item;
        while (std::getline(in, item, ','))
            if (!item.empty())
                out.push_back(item);
    }
    return out;
}

double CliArguments::timeoutSeconds() const {
    if (!has("timeout"))
        return 0;
    const std::string text = value("timeout");
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || !(seconds > 0 && seconds <= 1e6))
        throw Error("--timeout must be a number of seconds > 0, got \"" + text + "\"");
    return seconds;
}

}  // namespace filterscope
