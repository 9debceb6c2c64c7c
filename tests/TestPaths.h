#pragma once

#include <QString>

// Where tests find their data; set by CTest (tests/CMakeLists.txt) through the environment.
namespace testpaths {
QString sourceDir();
QString buildDir();
QString fixtures();    // generated broken plugins
QString sharedData();  // ../shared/data beside the project (real photos, clips, scans)
QString demoPlugin();  // <build>/plugins/demo-vit-llama
QString demoImage();   // resources/demo/astronaut.png
}  // namespace testpaths
