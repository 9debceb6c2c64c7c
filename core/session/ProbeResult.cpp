#include "session/ProbeResult.h"

namespace filterscope {

const StageMaps* ProbeResult::stage(const std::string& name) const {
    for (const StageMaps& m : maps)
        if (m.stage == name)
            return &m;
    return nullptr;
}

const char* mapKindName(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return "norm";
        case MapKind::Activation:
            return "activation";
        case MapKind::Frequency:
            return "freq";
        case MapKind::Spectrum:
            return "spectrum";
        case MapKind::Attention:
            return "attention";
    }
    return "";
}

const char* mapKindLabel(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return "Token norm";
        case MapKind::Activation:
            return "Activation";
        case MapKind::Frequency:
            return "Frequency";
        case MapKind::Spectrum:
            return "Spatial spectrum";
        case MapKind::Attention:
            return "Attention";
    }
    return "";
}

const char* mapKindFormula(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return "||x_i||_2";
        case MapKind::Activation:
            return "||x_i - mean x||_2";
        case MapKind::Frequency:
            return "||p_i - mean p||_2 (rad)";
        case MapKind::Spectrum:
            return "channel-mean power, DC = 0";
        case MapKind::Attention:
            return "attention probability";
    }
    return "";
}

const FloatArray* mapOf(const StageMaps& maps, MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return maps.norms ? &maps.norms->grid : nullptr;
        case MapKind::Activation:
            return maps.activation ? &*maps.activation : nullptr;
        case MapKind::Frequency:
            return maps.frequency ? &*maps.frequency : nullptr;
        case MapKind::Spectrum:
            return maps.spectrum ? &maps.spectrum->centredPower : nullptr;
        case MapKind::Attention:
            return maps.attention ? &maps.attention->meanMap : nullptr;
    }
    return nullptr;
}

}  // namespace filterscope
