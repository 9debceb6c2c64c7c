#include "BuildInfo.h"

#include "InstallLayout.h"

#include <QtGlobal>

#include <fftw3.h>
#include <opencv2/core/utility.hpp>
// Only the version macros: the light header, not torch/torch.h.
#include <torch/version.h>

#ifndef FILTERSCOPE_VERSION
#error "FILTERSCOPE_VERSION is set by core/CMakeLists.txt"
#endif

namespace filterscope::buildinfo {

std::string version() {
    return FILTERSCOPE_VERSION;
}

std::vector<std::string> libraryVersions() {
    std::vector<std::string> lines;
    lines.push_back(std::string("Qt ") + qVersion());
    lines.push_back(std::string("LibTorch ") + TORCH_VERSION);
    lines.push_back("OpenCV " + cv::getVersionString());
    // VTK draws the window's 3D view only; the CLI does not link it, so this is the version built against.
#ifdef FILTERSCOPE_VTK_VERSION
    lines.push_back(std::string("VTK ") + FILTERSCOPE_VTK_VERSION);
#else
    lines.push_back("VTK (not built: no window)");
#endif
    // fftw_version reads like "fftw-3.3.10-sse2-avx2".
    std::string fftw = fftw_version;
    if (fftw.rfind("fftw-", 0) == 0)
        fftw = fftw.substr(5);
    lines.push_back("FFTW " + fftw);
    return lines;
}

std::string versionReport(const std::string& program) {
    std::string text = program + " " + version() + "\n";
    for (const std::string& line : libraryVersions())
        text += "  " + line + "\n";
    // Where it finds its plugins, translations and demo files: says which installation answered.
    text += "  data: " + installlayout::dataDir().toStdString() + "\n";
    return text;
}

}  // namespace filterscope::buildinfo
