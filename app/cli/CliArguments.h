#pragma once

#include <map>
#include <string>
#include <vector>

namespace filterscope {

// Command line of the form `COMMAND [--option VALUE...]... [--flag]...`. An option takes every following
// word up to the next `--word`, so `--input a.png b.png dir/` works as a shell glob expands it.
class CliArguments {
public:
    // Throws Error on an option that is not in `valueOptions` or `flags`.
    CliArguments(const std::vector<std::string>& args, const std::vector<std::string>& valueOptions,
                 const std::vector<std::string>& flags);

    const std::vector<std::string>& positional() const { return positional_; }
    bool has(const std::string& option) const { return values_.count(option) > 0; }
    // All words after --option (possibly several occurrences); empty if absent.
    std::vector<std::string> values(const std::string& option) const;
    // Exactly one word; throws Error naming the option otherwise. `fallback` when absent, if given.
    std::string value(const std::string& option) const;
    std::string value(const std::string& option, const std::string& fallback) const;
    // Comma- or space-separated words of an option, flattened.
    std::vector<std::string> list(const std::string& option) const;
    // --timeout: seconds > 0, or 0 when absent (no limit). Throws Error naming the option otherwise.
    double timeoutSeconds() const;

private:
    std::vector<std::string> positional_;
    std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace filterscope
