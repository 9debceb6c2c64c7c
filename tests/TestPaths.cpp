#include "TestPaths.h"

#include <QtGlobal>

namespace testpaths {
namespace {
QString env(const char* name) {
    return qEnvironmentVariable(name);
}
}  // namespace

QString sourceDir() {
    return env("FILTERSCOPE_SOURCE_DIR");
}
QString buildDir() {
    return env("FILTERSCOPE_BUILD_DIR");
}
QString fixtures() {
    return env("FILTERSCOPE_FIXTURES");
}
QString sharedData() {
    return env("FILTERSCOPE_SHARED_DATA");
}
QString demoPlugin() {
    return buildDir() + QStringLiteral("/plugins/demo-vit-llama");
}
QString demoImage() {
    return sourceDir() + QStringLiteral("/resources/demo/astronaut.png");
}
}  // namespace testpaths
