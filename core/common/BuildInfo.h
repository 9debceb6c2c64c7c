#pragma once

#include <string>
#include <vector>

namespace filterscope::buildinfo {

// Filterscope's own version (the CMake project version).
std::string version();

// One line per library this build uses, each "Name version": the linked (run-time) version where the
// library reports one, so a report from a user's machine says what actually ran.
std::vector<std::string> libraryVersions();

// The text `--version` prints: "PROGRAM VERSION", the libraries one a line, then the data folder in use.
// Needs a QCoreApplication (the data folder is found beside the executable).
std::string versionReport(const std::string& program);

}  // namespace filterscope::buildinfo
