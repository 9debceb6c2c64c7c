#pragma once

#include <string>

namespace filterscope {

// Where a plugin's model runs: Auto takes CUDA when the linked LibTorch has a usable device.
enum class DevicePreference { Auto, Cpu, Cuda };

// "auto" | "cpu" | "cuda"; throws Error for anything else.
DevicePreference parseDevicePreference(const std::string& text);

}  // namespace filterscope
