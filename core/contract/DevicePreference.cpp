#include "contract/DevicePreference.h"

#include "common/Error.h"

namespace filterscope {

DevicePreference parseDevicePreference(const std::string& text) {
    if (text == "auto")
        return DevicePreference::Auto;
    if (text == "cpu")
        return DevicePreference::Cpu;
    if (text == "cuda")
        return DevicePreference::Cuda;
    throw Error("unknown device \"" + text + "\": use auto, cpu or cuda");
}

}  // namespace filterscope
