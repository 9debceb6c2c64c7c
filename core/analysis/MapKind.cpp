#include "analysis/MapKind.h"

#include <QtGlobal>

namespace filterscope {

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
        case MapKind::Query:
            return "query";
        case MapKind::Rollout:
            return "rollout";
        case MapKind::Relevance:
            return "relevance";
    }
    return "";
}

bool mapKindNamed(const std::string& name, MapKind& kind) {
    for (MapKind k : {MapKind::Norm, MapKind::Activation, MapKind::Frequency, MapKind::Spectrum,
                      MapKind::Attention, MapKind::Query, MapKind::Rollout, MapKind::Relevance})
        if (name == mapKindName(k)) {
            kind = k;
            return true;
        }
    return false;
}

const char* mapKindLabel(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return QT_TRANSLATE_NOOP("MapKind", "Token norm");
        case MapKind::Activation:
            return QT_TRANSLATE_NOOP("MapKind", "Activation");
        case MapKind::Frequency:
            return QT_TRANSLATE_NOOP("MapKind", "Frequency");
        case MapKind::Spectrum:
            return QT_TRANSLATE_NOOP("MapKind", "Spatial spectrum");
        case MapKind::Attention:
            return QT_TRANSLATE_NOOP("MapKind", "Attention");
        case MapKind::Query:
            return QT_TRANSLATE_NOOP("MapKind", "Q-Former query");
        case MapKind::Rollout:
            return QT_TRANSLATE_NOOP("MapKind", "Attention rollout");
        case MapKind::Relevance:
            return QT_TRANSLATE_NOOP("MapKind", "Query relevance");
    }
    return "";
}

const char* mapKindFormula(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return QT_TRANSLATE_NOOP("MapKind", "‖xᵢ‖₂");
        case MapKind::Activation:
            return QT_TRANSLATE_NOOP("MapKind", "‖xᵢ − x̄‖₂");
        case MapKind::Frequency:
            return QT_TRANSLATE_NOOP("MapKind", "‖pᵢ − p̄‖₂ (rad)");
        case MapKind::Spectrum:
            return QT_TRANSLATE_NOOP("MapKind", "log₁₀ channel-mean power (DC at the floor)");
        case MapKind::Attention:
            return QT_TRANSLATE_NOOP("MapKind", "attention probability");
        case MapKind::Query:
            return QT_TRANSLATE_NOOP("MapKind", "cross-attention of the query");
        case MapKind::Rollout:
            return QT_TRANSLATE_NOOP("MapKind", "rollout attribution of CLS");
        case MapKind::Relevance:
            return QT_TRANSLATE_NOOP("MapKind", "relevance of the query");
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
        case MapKind::Query:
        case MapKind::Relevance:
            return nullptr;  // query maps live in InputResult::queries, relevance beside them
        case MapKind::Rollout:
            return nullptr;  // one per result, not per stage: InputResult::rollout
    }
    return nullptr;
}

}  // namespace filterscope
