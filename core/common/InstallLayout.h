#pragma once

#include <QString>

namespace filterscope {

// Where the programs find what ships with them, relative to their own executable so an archive unpacked
// anywhere (or `dpkg -x` into any folder) works:
//   installed:  bin/filterscope, share/filterscope/{plugins,translations,demo}/
//   build tree: bin/filterscope, plugins/, share/filterscope/{translations,demo}/
namespace installlayout {
QString dataDir();  // share/filterscope
QString bundledPluginsDir();
QString demoPluginDir();
QString demoSampleDir();  // the trained demo's sample: images/, masks/, labels.csv
QString demoImage();
QString translationsDir();
}  // namespace installlayout

}  // namespace filterscope
