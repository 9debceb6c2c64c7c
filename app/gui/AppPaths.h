#pragma once

#include <QString>

namespace filterscope {

// Where the workbench finds what ships with it. The build tree and an installation share one layout:
// bin/filterscope, plugins/<id>/, share/filterscope/demo/.
namespace apppaths {
QString bundledPluginsDir();
QString demoPluginDir();
QString demoImage();
}  // namespace apppaths

}  // namespace filterscope
